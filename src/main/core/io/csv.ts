// A small RFC 4180 CSV reader that knows line numbers, so a refusal can say where.
// Quoted cells may hold the delimiter, doubled quotes and line breaks; a quote in
// the middle of an unquoted cell is kept as text (as Excel does); a quoted cell
// that is never closed is refused with the line it opened on.

export const MAX_CELL_CHARS = 1_000_000;

export type CsvProblem =
  | { kind: 'unbalanced_quotes'; line: number }
  | { kind: 'cell_too_large'; line: number; column: number };

export class CsvError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.kind);
  }
}

/** Comma unless the first line has more tabs or semicolons outside quotes (WPS, European Excel). */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Parses the whole text into rows of cells (strings as written, not trimmed). */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): string[][] {
  return parseCsvChunk(text, delimiter, true, 1).rows;
}

export interface CsvChunk {
  /** The complete rows in the text. */
  rows: string[][];
  /** Characters of the text those rows took; the rest starts an unfinished row. */
  consumed: number;
  /** Line breaks in the consumed text. */
  lines: number;
}

/**
 * A chunk's complete rows without a string per cell: each cell is the range
 * [starts[c], ends[c]) of `text`, and row r has widths[r] cells. A cell that is a run
 * of the chunk (nearly all of them) points into it; one that is not (a doubled quote
 * taken out, text after a closing quote) is appended after it. So a thread that only
 * passes the rows on makes no cell strings, and the rows cross to another thread as one
 * string and three transferable arrays.
 */
export interface PackedCsvChunk {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  widths: Int32Array;
  /** Characters of the chunk's text the rows took; the rest starts an unfinished row. */
  consumed: number;
  /** Line breaks in the consumed text. */
  lines: number;
}

/** The cells of row `r` (its first cell is cell `first`), as strings. */
export function packedRow(p: PackedCsvChunk, r: number, first: number): string[] {
  const width = p.widths[r];
  const cells = new Array<string>(width);
  for (let k = 0; k < width; k++) cells[k] = p.text.slice(p.starts[first + k], p.ends[first + k]);
  return cells;
}

/** Every row of a packed chunk, as strings. */
export function unpackCsvChunk(p: PackedCsvChunk): string[][] {
  const rows = new Array<string[]>(p.widths.length);
  let first = 0;
  for (let r = 0; r < rows.length; r++) {
    rows[r] = packedRow(p, r, first);
    first += p.widths[r];
  }
  return rows;
}

/**
 * Parses the complete rows at the start of `text`. With `final` false, a row that the
 * text may not finish (no line break yet, an open quote, a lone CR at the end) is
 * left for the next call, which passes the rest followed by more text. `startLine`
 * numbers lines in refusals.
 */
export function parseCsvChunk(text: string, delimiter: string, final: boolean, startLine: number): CsvChunk {
  const packed = parseCsvPacked(text, delimiter, final, startLine);
  return { rows: unpackCsvChunk(packed), consumed: packed.consumed, lines: packed.lines };
}

/** Int32 columns that double when full. */
class Ints {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The first `n` values, in an array of their own (it is transferred to another thread). */
  take(n: number): Int32Array {
    return this.data.slice(0, n);
  }
}

/** parseCsvChunk's rows, packed (PackedCsvChunk). */
const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseCsvPacked(text: string, delimiter: string, final: boolean, startLine: number): PackedCsvChunk {
  const n = text.length;
  // Character codes, not one-character strings: this loop runs once per character of a large file.
  const DELIM = delimiter.charCodeAt(0);
  const starts = new Ints(1024);
  const ends = new Ints(1024);
  const widths = new Ints(128);
  // Cells not a single run of the text, appended after it.
  let extra = '';
  // The current cell: one run [cs, ce) of the text, or `multi` once it is more than one.
  let cs = -1;
  let ce = -1;
  let multi: string | null = null;
  let rowCells = 0;
  let line = startLine;
  let i = 0;
  let rowStart = 0;
  let rowStartLine = startLine;
  let rowsDone = 0;
  let cellsDone = 0;
  const cellLength = () => (multi !== null ? multi.length : cs < 0 ? 0 : ce - cs);
  const append = (a: number, b: number) => {
    if (a === b) return;
    if (multi !== null) multi += text.slice(a, b);
    else if (cs < 0) {
      cs = a;
      ce = b;
    } else if (ce === a) ce = b;
    else multi = text.slice(cs, ce) + text.slice(a, b);
  };
  const pushCell = () => {
    if (cellLength() > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line, column: rowCells + 1 });
    if (multi !== null) {
      starts.push(n + extra.length);
      extra += multi;
      ends.push(n + extra.length);
    } else {
      starts.push(cs < 0 ? 0 : cs);
      ends.push(cs < 0 ? 0 : ce);
    }
    rowCells++;
    cs = ce = -1;
    multi = null;
  };
  const pushRow = () => {
    pushCell();
    widths.push(rowCells);
    rowCells = 0;
  };
  const packed = (consumed: number, lines: number): PackedCsvChunk => ({
    text: extra === '' ? text : text + extra,
    starts: starts.take(cellsDone),
    ends: ends.take(cellsDone),
    widths: widths.take(rowsDone),
    consumed,
    lines,
  });
  const unfinished = () => packed(rowStart, rowStartLine - startLine);
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && cellLength() === 0) {
      // A quoted cell: read to the closing quote.
      const openedOn = line;
      i++;
      let closed = false;
      let start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (i + 1 === n && !final) break; // a doubled quote may continue in the next chunk
          if (text.charCodeAt(i + 1) === QUOTE) {
            append(start, i + 1);
            i += 2;
            start = i;
            continue;
          }
          append(start, i);
          i++;
          closed = true;
          break;
        }
        if (c === LF) line++;
        else if (c === CR && text.charCodeAt(i + 1) !== LF) line++;
        i++;
        if (i - start + cellLength() > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line: openedOn, column: rowCells + 1 });
      }
      if (!closed) {
        if (!final) return unfinished();
        throw new CsvError({ kind: 'unbalanced_quotes', line: openedOn });
      }
      // Anything between the closing quote and the delimiter is kept as text.
      continue;
    }
    if (ch === DELIM) {
      pushCell();
      i++;
    } else if (ch === CR || ch === LF) {
      if (ch === CR && i + 1 === n && !final) return unfinished();
      pushRow();
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      rowStart = i;
      rowStartLine = line;
      rowsDone = widths.length;
      cellsDone = starts.length;
    } else {
      // Unquoted run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === DELIM || c === CR || c === LF) break;
        j++;
      }
      append(i, j);
      if (cellLength() > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line, column: rowCells + 1 });
      i = j;
    }
  }
  if (!final) return unfinished();
  // The last line, unless the text ended with a line break.
  if (cellLength() > 0 || rowCells > 0) pushRow();
  rowsDone = widths.length;
  cellsDone = starts.length;
  return packed(n, line - startLine);
}
