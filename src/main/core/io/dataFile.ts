import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { AppError } from '../../../shared/errors';
import type { DataFileInfo, DataFormat, TextEncoding } from '../../../shared/importTypes';
import { toAcceptedText } from '../../../shared/text';
import { CsvError, MAX_CELL_CHARS, parseCsv } from './csv';
import { decodeText, detectEncoding, OFFERED_ENCODINGS } from './decode';
import { fileRefusal } from './fileRefusal';
import { zipTotals } from './zip';

// The data-file layer of the import: CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030),
// XLSX and legacy XLS, read into rows of displayed text. Limits, documented here and in
// the wizard's messages:
export const LIMITS = {
  /** A CSV larger than this is refused (about 2 million rows of a typical export). */
  csvBytes: 200 * 1024 * 1024,
  /** An .xlsx or .xls file larger than this is refused (SheetJS holds the whole book in memory). */
  workbookBytes: 50 * 1024 * 1024,
  /** What an .xlsx may declare it unpacks to, in all. */
  zipUncompressedBytes: 500 * 1024 * 1024,
  /** Any one cell. */
  cellChars: MAX_CELL_CHARS,
  /** Rows the format step shows. */
  sampleRows: 20,
} as const;

export interface ReadOptions {
  encoding?: TextEncoding;
  sheet?: string;
  /** 1-based; default: the first non-empty row. */
  headerRow?: number;
}

export interface DataRows {
  info: DataFileInfo;
  /** Every data row (non-empty rows after the header), cells as displayed text. */
  rows: string[][];
  /** 1-based file row number of each data row. */
  rowNumbers: number[];
}

export interface Grid {
  format: DataFormat;
  encoding: TextEncoding | null;
  detectedEncoding: TextEncoding | null;
  sheets: string[];
  sheet: string | null;
  date1904: boolean;
  /** All rows of the file (or sheet), as text. */
  cells: string[][];
}

export const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function formatOf(path: string): DataFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') return 'xls';
  return null;
}

export function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

export function looksBinary(buf: Buffer, encoding: TextEncoding): boolean {
  if (encoding.startsWith('utf-16')) return false;
  const probe = buf.subarray(0, Math.min(buf.length, 8192));
  return probe.includes(0);
}

/** A CSV the reader could not parse, as the wizard's refusal (what and where). */
export function refuseCsv(path: string, e: CsvError): AppError {
  const p = e.problem;
  if (p.kind === 'unbalanced_quotes') {
    return fileRefusal(path, 'unbalanced_quotes', `line ${p.line}: a quoted cell starts here and is never closed (unbalanced quotes)`, { line: p.line });
  }
  return fileRefusal(path, 'cell_too_large', `line ${p.line}, column ${p.column}: a cell is longer than ${LIMITS.cellChars} characters`, {
    row: p.line,
    column: p.column,
    limit: LIMITS.cellChars,
  });
}

export function readCsvBytes(path: string, buf: Buffer, encoding: TextEncoding | undefined): Grid {
  if (buf.subarray(0, 8).equals(OLE) || buf.subarray(0, 4).equals(ZIP)) {
    throw fileRefusal(path, 'not_csv', 'this is an Excel workbook, not a CSV file: rename it to .xlsx or .xls', {});
  }
  const detected = detectEncoding(buf);
  const chosen = encoding ?? detected.encoding;
  if (looksBinary(buf, chosen)) throw fileRefusal(path, 'not_csv', 'this is not a text (CSV) file: it contains binary data');
  const text = toAcceptedText(decodeText(buf, chosen));
  let cells: string[][];
  try {
    cells = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw refuseCsv(path, e);
    throw e;
  }
  return { format: 'csv', encoding: chosen, detectedEncoding: detected.encoding, sheets: [], sheet: null, date1904: false, cells };
}

/** A number as plain text: no exponent for ordinary magnitudes, no float noise. */
function numberText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const rounded = Number(v.toPrecision(15));
  if (Math.abs(rounded) >= 1e21 || (rounded !== 0 && Math.abs(rounded) < 1e-6)) return String(rounded);
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
        const d = XLSX.SSF.parse_date_code(v, { date1904 });
        if (d) {
          const date = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
          return d.H || d.M || d.S ? `${date} ${pad(d.H)}:${pad(d.M)}:${pad(d.S)}` : date;
        }
      }
      return numberText(v);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd': {
      const d = cell.v as Date;
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    case 'e':
      return cell.w ?? '#ERROR';
    default:
      return toAcceptedText(String(cell.v));
  }
}

function checkWorkbookBytes(path: string, buf: Buffer, format: 'xlsx' | 'xls'): 'xlsx' | 'xls' {
  const isZip = buf.subarray(0, 4).equals(ZIP);
  const isOle = buf.subarray(0, 8).equals(OLE);
  // An .xls that is really an .xlsx (or the other way round) is read as what it is.
  const actual = isZip ? 'xlsx' : isOle ? 'xls' : null;
  if (actual === null) {
    const text = buf.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
    // Many systems export "xls" files that are really HTML or XML tables; SheetJS reads those.
    if (format === 'xls' && (text.startsWith('<') || text.startsWith('\ufeff<'))) return 'xls';
    throw fileRefusal(
      path,
      format === 'xlsx' ? 'not_xlsx' : 'not_xls',
      format === 'xlsx' ? 'this is not an Excel workbook (.xlsx): the file is not a zip package' : 'this is not an Excel 97-2003 workbook (.xls)',
    );
  }
  if (actual === 'xlsx') {
    const totals = zipTotals(buf);
    if (!totals) throw fileRefusal(path, 'not_xlsx', 'this .xlsx file is damaged: its zip directory cannot be read');
    if (totals.zip64 || totals.uncompressed > LIMITS.zipUncompressedBytes) {
      throw fileRefusal(path, 'zip_bomb', `the workbook declares ${totals.zip64 ? 'more than 4 GB' : `${mb(totals.uncompressed)} MB`} when unpacked, more than the ${mb(LIMITS.zipUncompressedBytes)} MB allowed`, {
        limit: mb(LIMITS.zipUncompressedBytes),
      });
    }
  }
  return actual;
}

export function readWorkbook(path: string, buf: Buffer, declared: 'xlsx' | 'xls', sheet: string | undefined): Grid {
  const format = checkWorkbookBytes(path, buf, declared);
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(buf, { type: 'buffer', dense: true, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    throw fileRefusal(path, format === 'xlsx' ? 'not_xlsx' : 'not_xls', `the workbook cannot be read: ${(e as Error).message}`);
  }
  const sheets = book.SheetNames;
  if (sheets.length === 0) throw fileRefusal(path, 'empty', 'the workbook has no sheets');
  const name = sheet ?? sheets.find((s) => (book.Sheets[s]['!data']?.length ?? 0) > 0) ?? sheets[0];
  const ws = book.Sheets[name];
  if (!ws) throw fileRefusal(path, 'no_sheet', `the workbook has no sheet named "${name}"`, { sheet: name });
  const date1904 = !!book.Workbook?.WBProps?.date1904;
  const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const cells: string[][] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r] ?? [];
    const row: string[] = [];
    for (let c = 0; c < src.length; c++) {
      const text = cellText(src[c], date1904);
      if (text.length > LIMITS.cellChars) {
        throw fileRefusal(path, 'cell_too_large', `row ${r + 1}, column ${c + 1}: a cell is longer than ${LIMITS.cellChars} characters`, {
          row: r + 1,
          column: c + 1,
          limit: LIMITS.cellChars,
        });
      }
      row.push(text);
    }
    cells.push(row);
  }
  return { format, encoding: null, detectedEncoding: null, sheets, sheet: name, date1904, cells };
}

// The wizard calls inspect, preview and commit on the same file in a row; parsing a
// workbook is the slow part, so the last one is kept (keyed by path, size, mtime).
let cached: { key: string; grid: Grid } | null = null;

export interface DataFileStat {
  format: DataFormat;
  size: number;
  mtime: number;
}

/** The checks every read starts with: a known extension, a readable non-empty file within the size limit. */
export function statDataFile(path: string): DataFileStat {
  const format = formatOf(path);
  if (!format) throw fileRefusal(path, 'unsupported_extension', 'only .csv, .txt, .xlsx and .xls files can be imported');
  let size: number;
  let mtime: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
    mtime = st.mtimeMs;
  } catch (e) {
    throw fileRefusal(path, 'unreadable', `the file cannot be read (${(e as Error).message})`);
  }
  if (size === 0) throw fileRefusal(path, 'empty', 'the file is empty');
  const limit = format === 'csv' ? LIMITS.csvBytes : LIMITS.workbookBytes;
  if (size > limit) {
    throw fileRefusal(path, 'too_large', `the file is ${mb(size)} MB; ${format.toUpperCase()} files up to ${mb(limit)} MB can be imported`, {
      size: mb(size),
      limit: mb(limit),
    });
  }
  return { format, size, mtime };
}

function loadGrid(path: string, options: ReadOptions): Grid {
  const { format, size, mtime } = statDataFile(path);
  const key = JSON.stringify([path, size, mtime, format === 'csv' ? (options.encoding ?? '') : (options.sheet ?? '')]);
  if (cached?.key === key) return cached.grid;
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw fileRefusal(path, 'unreadable', `the file cannot be read (${(e as Error).message})`);
  }
  const grid = format === 'csv' ? readCsvBytes(path, buf, options.encoding) : readWorkbook(path, buf, format, options.sheet);
  cached = { key, grid };
  return grid;
}

export function isBlank(row: string[]): boolean {
  return row.every((c) => c.trim() === '');
}

const filledCount = (row: string[]) => row.reduce((n, c) => n + (c.trim() === '' ? 0 : 1), 0);

/**
 * The header is the first row about as wide as the table: a title row or a note
 * above the table ("2027 年客戶名單") is skipped. Looks at the first 20 rows.
 */
export function guessHeaderRow(cells: string[][], firstFilled: number): number {
  const head = cells.slice(firstFilled, firstFilled + 20);
  const widest = Math.max(...head.map(filledCount));
  const found = head.findIndex((r) => filledCount(r) >= Math.max(1, widest * 0.8));
  return firstFilled + Math.max(0, found) + 1;
}

/** Reads the whole file: its description and every data row. */
export function readDataRows(path: string, options: ReadOptions = {}): DataRows {
  const grid = loadGrid(path, options);
  const firstFilled = grid.cells.findIndex((r) => !isBlank(r));
  if (firstFilled < 0) throw fileRefusal(path, 'empty', grid.sheet ? `the sheet "${grid.sheet}" is empty` : 'the file has no data', grid.sheet ? { sheet: grid.sheet } : {});
  const headerRow = options.headerRow ?? guessHeaderRow(grid.cells, firstFilled);
  if (headerRow < 1 || headerRow > grid.cells.length || isBlank(grid.cells[headerRow - 1])) {
    throw fileRefusal(path, 'bad_header_row', `row ${headerRow} cannot be the header: it is empty or past the end`, { row: headerRow });
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let width = 0;
  for (let r = headerRow; r < grid.cells.length; r++) {
    const row = grid.cells[r];
    if (isBlank(row)) continue;
    rows.push(row);
    rowNumbers.push(r + 1);
    width = Math.max(width, row.length);
  }
  if (rows.length === 0) throw fileRefusal(path, 'only_headers', `the file has a header row (row ${headerRow}) but no data rows under it`, { row: headerRow });
  const headerCells = grid.cells[headerRow - 1];
  width = Math.max(width, headerCells.length);
  // Trailing columns with neither a header nor data are dropped.
  while (width > 0 && (headerCells[width - 1] ?? '').trim() === '' && rows.every((r) => (r[width - 1] ?? '').trim() === '')) width--;
  const headers = Array.from({ length: width }, (_, c) => (headerCells[c] ?? '').trim());
  const padded = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const info: DataFileInfo = {
    path,
    fileName: basename(path),
    format: grid.format,
    encoding: grid.encoding,
    detectedEncoding: grid.detectedEncoding,
    encodings: grid.format === 'csv' ? [...OFFERED_ENCODINGS] : [],
    sheets: grid.sheets,
    sheet: grid.sheet,
    headerRow,
    headers,
    sample: padded.slice(0, LIMITS.sampleRows),
    sampleRowNumbers: rowNumbers.slice(0, LIMITS.sampleRows),
    rowCount: padded.length,
    ...(grid.format === 'csv' ? {} : { date1904: grid.date1904 }),
  };
  return { info, rows: padded, rowNumbers };
}

/** What the wizard's format step shows. */
export function inspectDataFile(path: string, options: ReadOptions = {}): DataFileInfo {
  return readDataRows(path, options).info;
}

/** Forgets the cached parse (tests, or after the file was replaced). */
export function clearDataFileCache(): void {
  cached = null;
}
