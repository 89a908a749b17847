import { textOf } from './cellRules';
import type { RangeBounds } from './range';
import type { GridRow } from './types';
import type { GridView } from './view';

// TSV as spreadsheets put it on the clipboard (Excel, WPS, LibreOffice): cells split
// by tabs, rows by \n or \r\n, a trailing newline after the last row, and cells that
// hold a tab, a newline or a quote wrapped in double quotes with quotes doubled. A
// copied range of the grid is written the same way.

/** Parses clipboard TSV into rows of cells. A trailing newline adds no empty row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let atCellStart = true;
  while (i < n) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // A quoted cell: up to the closing quote, "" is a quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j];
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell (e.g. `"5" inch`): take it literally.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  // The last row, unless the text ended with its newline.
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function quote(cell: string): string {
  return /[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of cells → TSV the way spreadsheets read it (\r\n between rows, none at the end). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n');
}

/** A range's cells as TSV, each as its column copies it (numbers unformatted). */
export function rangeToTsv<R extends GridRow>(view: GridView<R>, b: RangeBounds): string {
  const out: string[][] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    const row = view.rowAt(r);
    if (!row) continue;
    const line: string[] = [];
    for (let c = b.left; c <= b.right; c++) {
      const col = view.columns[c];
      line.push(col ? textOf(col, row[col.field], row) : '');
    }
    out.push(line);
  }
  return toTsv(out);
}
