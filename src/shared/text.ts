// Text a region file accepts: what XML 1.0 can carry, so that every value can go out
// again as XLSX or CSV and come back as it went in. That refuses the C0 control
// characters other than tab, line feed and carriage return (a NUL would be stored and
// exported raw), the non-characters U+FFFE and U+FFFF, and a surrogate without its pair
// (which a file system or an encoder silently turns into U+FFFD).

// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const UNACCEPTED = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Any character UNACCEPTED could match, surrogates paired or not: a plain class that
 * scans a million-row file several times faster than the lookarounds, which then look
 * only at text that has one.
 */
// eslint-disable-next-line no-control-regex -- as UNACCEPTED
const SUSPECT = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Whether a region file stores this text as it is. */
export function isAcceptedText(text: string): boolean {
  return !SUSPECT.test(text) || !UNACCEPTED.test(text);
}

const UNACCEPTED_ALL = new RegExp(UNACCEPTED.source, 'g');

/**
 * Text from a data file made into text a region file stores: control characters and
 * U+FFFE/U+FFFF are dropped, a lone surrogate becomes U+FFFD. An import reads cells
 * through this, so what its preview shows, what the user sends back about a value (a
 * resolution, a member to create) and what is stored are the same accepted text.
 */
export function toAcceptedText(text: string): string {
  if (isAcceptedText(text)) return text;
  return text.replace(UNACCEPTED_ALL, (ch) => (ch.length === 1 && ch >= '\uD800' && ch <= '\uDFFF' ? '\uFFFD' : ''));
}

/** Where in a call's input a text is that a region file does not accept. */
export interface TextIssue {
  /** Dotted, as a schema issue's path ("rows.3.name"); a key that is itself refused is written JSON-escaped. */
  path: string;
  /** The offending character as \uXXXX, for the message. */
  char: string;
}

const MAX_TEXT_ISSUES = 20;

function describe(text: string): string {
  const m = UNACCEPTED.exec(text);
  const code = m ? m[0].charCodeAt(0) : 0;
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function step(path: string, key: string | number): string {
  const part = typeof key === 'number' || isAcceptedText(key) ? String(key) : JSON.stringify(key);
  return path === '' ? part : `${path}.${part}`;
}

/**
 * Every string of an input, at any depth, keys included, checked before the input's
 * schema runs: a field a schema forgets is covered all the same. The walk is iterative
 * and visits each object once, so a deep or cyclic input (IPC's structured clone
 * allows both) neither overflows the stack nor loops. Stops at 20 issues.
 */
export function findUnacceptedText(input: unknown): TextIssue[] {
  const issues: TextIssue[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (stack.length > 0 && issues.length < MAX_TEXT_ISSUES) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isAcceptedText(value)) issues.push({ path: path || '(input)', char: describe(value) });
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: step(path, i) });
      continue;
    }
    // Only plain data is walked; anything else (a Map, a Date from a structured clone) fails its schema.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) continue;
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const at = step(path, key);
      if (!isAcceptedText(key)) issues.push({ path: at, char: describe(key) });
      else stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return issues.slice(0, MAX_TEXT_ISSUES);
}
