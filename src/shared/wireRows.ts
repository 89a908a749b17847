// The web host's answers carry long lists of records (8,000 stores, each with the same
// eleven fields) as columns of values under one list of field names instead of one
// object per record: half the bytes for the terminal list, and it is the bytes that
// the host writes, the browser receives and decodes before the page sees them. The
// renderer asks for it with a request header and gets back exactly what JSON of the
// plain answer would give it; a request without the header (a test's own fetch, a
// script) gets plain JSON.

/** The request header by which the renderer says it decodes record lists sent as columns. */
export const WIRE_ROWS_HEADER = 'X-RegionPlan-Rows';
export const WIRE_ROWS_VALUE = 'columns';

/** Marks an encoded list; no field name of the app's answers starts with a NUL. */
const MARK = '\u0000rows';

/** Shorter lists go as they are: the saving would not pay for the look. */
const MIN_ROWS = 64;
/** Lists are looked for this deep in an answer ({ rows: [...] } is depth 1). */
const MAX_DEPTH = 4;

interface EncodedRows {
  [MARK]: string[];
  /** The values row after row: row i's field k at i × fields + k. */
  v: unknown[];
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A value JSON writes the same way as an object's field and as an array's element. */
function sameInArray(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** The list's records as one list of fields and their values, or null when they differ in shape. */
function encodeList(list: readonly unknown[]): EncodedRows | null {
  const first = list[0];
  if (!isPlainObject(first) || typeof first.toJSON === 'function') return null;
  const keys = Object.keys(first);
  const n = keys.length;
  if (n === 0 || keys.includes(MARK) || keys.includes('__proto__')) return null;
  const values = new Array<unknown>(list.length * n);
  let at = 0;
  for (const row of list) {
    if (!isPlainObject(row)) return null;
    let k = 0;
    // Same fields in the same order (as the core builds its rows), every value written as is.
    for (const key in row) {
      if (k >= n || key !== keys[k]) return null;
      const v = row[key];
      if (!sameInArray(v)) return null;
      values[at++] = v;
      k++;
    }
    if (k !== n) return null;
  }
  return { [MARK]: keys, v: values };
}

function encodeAt(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    if (value.length >= MIN_ROWS) {
      const encoded = encodeList(value);
      if (encoded) return encoded;
    }
    // Lists of numbers (a chart's series) are not looked into.
    if (value.length > 0 && typeof value[0] !== 'object') return value;
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      const e = encodeAt(v, depth + 1);
      if (e !== v) {
        out ??= value.slice();
        out[i] = e;
      }
    }
    return out ?? value;
  }
  if (!isPlainObject(value) || typeof value.toJSON === 'function') return value;
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const e = encodeAt(v, depth + 1);
    if (e !== v) {
      out ??= { ...value };
      out[key] = e;
    }
  }
  return out ?? value;
}

/**
 * `value` with its long lists of same-shaped records as columns (a new value; the
 * argument is not changed). JSON of the result, decoded by `decodeWireRows`, equals JSON
 * of `value`.
 */
export function encodeWireRows(value: unknown): unknown {
  return encodeAt(value, 0);
}

function decodeList(encoded: EncodedRows): Record<string, unknown>[] {
  const keys = encoded[MARK];
  const values = encoded.v;
  const n = keys.length;
  const rows = new Array<Record<string, unknown>>(values.length / n);
  for (let i = 0, at = 0; i < rows.length; i++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < n; k++) row[keys[k]] = values[at++];
    rows[i] = row;
  }
  return rows;
}

function isEncoded(x: unknown): x is EncodedRows {
  return isPlainObject(x) && Array.isArray(x[MARK]) && Array.isArray(x.v);
}

function decodeAt(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] !== 'object') return value;
    for (let i = 0; i < value.length; i++) value[i] = decodeAt(value[i], depth + 1);
    return value;
  }
  if (isEncoded(value)) return decodeList(value);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) obj[key] = decodeAt(obj[key], depth + 1);
  return obj;
}

/** Parsed JSON of an encoded answer back to the answer's own shape (in place where it can). */
export function decodeWireRows(value: unknown): unknown {
  return decodeAt(value, 0);
}

// A command's answer may carry the answers to its follow-up queries: each is encoded and
// decoded as an answer of its own, so that their lists are found as deep as in a plain one.

/** `encodeWireRows` of a call's result, with each follow-up answer encoded on its own. */
export function encodeWireResult(result: unknown): unknown {
  if (!isPlainObject(result) || !Array.isArray(result.answers)) return encodeWireRows(result);
  const { answers, ...rest } = result;
  return { ...(encodeWireRows(rest) as Record<string, unknown>), answers: answers.map((a: unknown) => encodeWireRows(a)) };
}

/** The inverse of `encodeWireResult`, on parsed JSON (in place where it can). */
export function decodeWireResult(value: unknown): unknown {
  if (!isPlainObject(value) || !Array.isArray(value.answers)) return decodeWireRows(value);
  const answers = value.answers.map((a: unknown) => decodeWireRows(a));
  delete value.answers;
  const out = decodeWireRows(value) as Record<string, unknown>;
  out.answers = answers;
  return out;
}
