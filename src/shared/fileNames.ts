// A name made from user text (a region name, a view's title) that every file system
// accepts: the characters Windows refuses in a name, control characters, and a surrogate
// without its pair (a file system would write it as U+FFFD, or refuse it), become "_".
// Text stored before the contract refused such surrogates can still hold one.

export function safeFileName(name: string, fallback: string): string {
  // Array.from splits by code point: a pair is one element of length 2, a lone surrogate one of length 1.
  const cleaned = Array.from(name, (ch) => (/^[\\/:*?"<>|\uD800-\uDFFF]$/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || fallback;
}
