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
 * Parses the complete rows at the start of `text`. With `final` false, a row that the
 * text may not finish (no line break yet, an open quote, a lone CR at the end) is
 * left for the next call, which passes the rest followed by more text. `startLine`
 * numbers lines in refusals.
 */
export function parseCsvChunk(text: string, delimiter: string, final: boolean, startLine: number): CsvChunk {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let line = startLine;
  let i = 0;
  let rowStart = 0;
  let rowStartLine = startLine;
  const n = text.length;
  const pushCell = () => {
    if (cell.length > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line, column: row.length + 1 });
    row.push(cell);
    cell = '';
  };
  const pushRow = () => {
    pushCell();
    rows.push(row);
    row = [];
  };
  const unfinished = (): CsvChunk => ({ rows, consumed: rowStart, lines: rowStartLine - startLine });
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && cell.length === 0) {
      // A quoted cell: read to the closing quote.
      const openedOn = line;
      i++;
      let closed = false;
      let start = i;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (i + 1 === n && !final) break; // a doubled quote may continue in the next chunk
          if (text[i + 1] === '"') {
            cell += text.slice(start, i + 1);
            i += 2;
            start = i;
            continue;
          }
          cell += text.slice(start, i);
          i++;
          closed = true;
          break;
        }
        if (c === '\n') line++;
        else if (c === '\r' && text[i + 1] !== '\n') line++;
        i++;
        if (i - start + cell.length > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line: openedOn, column: row.length + 1 });
      }
      if (!closed) {
        if (!final) return unfinished();
        throw new CsvError({ kind: 'unbalanced_quotes', line: openedOn });
      }
      // Anything between the closing quote and the delimiter is kept as text.
      continue;
    }
    if (ch === delimiter) {
      pushCell();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && i + 1 === n && !final) return unfinished();
      pushRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowStart = i;
      rowStartLine = line;
    } else {
      // Unquoted run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const c = text[j];
        if (c === delimiter || c === '\r' || c === '\n') break;
        j++;
      }
      cell += text.slice(i, j);
      if (cell.length > MAX_CELL_CHARS) throw new CsvError({ kind: 'cell_too_large', line, column: row.length + 1 });
      i = j;
    }
  }
  if (!final) return unfinished();
  // The last line, unless the text ended with a line break.
  if (cell.length > 0 || row.length > 0) pushRow();
  return { rows, consumed: n, lines: line - startLine };
}
