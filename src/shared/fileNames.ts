// A name made from user text (a region name, a view's title) that every file system
// accepts: the characters Windows refuses in a name, and control characters, become "_".

export function safeFileName(name: string, fallback: string): string {
  const cleaned = Array.from(name, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || fallback;
}
