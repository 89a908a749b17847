import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { AppError } from '../../../shared/errors';
import type { DataFileInfo, DataFormat, TextEncoding } from '../../../shared/importTypes';
import { toAcceptedText } from '../../../shared/text';
import { CsvError, MAX_CELL_CHARS, parseCsv } from './csv';
import { decodeText, detectEncoding, OFFERED_ENCODINGS } from './decode';
import { fileRefusal } from './fileRefusal';
import { readWorkbookInWorker, WORKBOOK_HEAP_MB } from './workbookThread';

// The data-file layer of the import: CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030),
// XLSX and legacy XLS, read into rows of displayed text. Limits, documented here and in
// the wizard's messages:
export const LIMITS = {
  /** A CSV larger than this is refused (about 2 million rows of a typical export). */
  csvBytes: 200 * 1024 * 1024,
  /** An .xlsx or .xls file larger than this is refused (SheetJS holds the whole book in memory). */
  workbookBytes: 50 * 1024 * 1024,
  /** What an .xlsx may unpack to, in all: declared in its zip directory, and counted as it is inflated. */
  zipUncompressedBytes: 500 * 1024 * 1024,
  /** Rows in any one sheet (Excel's own limit). */
  workbookRows: 1_048_576,
  /** Cells in a workbook, all sheets together (SheetJS needs about 150 bytes a cell). */
  workbookCells: 5_000_000,
  /** Memory the workbook worker may use, in MB. */
  workbookHeapMb: WORKBOOK_HEAP_MB,
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

// The wizard calls inspect, preview and commit on the same file in a row; parsing a
// workbook is the slow part, so the last one is kept (keyed by path, size, mtime), and
// a second read of the same file while the first is under way waits for it.
let cached: { key: string; grid: Promise<Grid> } | null = null;

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

/**
 * The file as a grid of text. A CSV is read here; a workbook in the workbook worker
 * (workbookThread.ts), so the thread that asks keeps answering while it is read.
 */
export function loadGrid(path: string, options: ReadOptions): Promise<Grid> {
  const { format, size, mtime } = statDataFile(path);
  const key = JSON.stringify([path, size, mtime, format === 'csv' ? (options.encoding ?? '') : (options.sheet ?? '')]);
  if (cached?.key === key) return cached.grid;
  let grid: Promise<Grid>;
  if (format === 'csv') {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (e) {
      throw fileRefusal(path, 'unreadable', `the file cannot be read (${(e as Error).message})`);
    }
    grid = Promise.resolve(readCsvBytes(path, buf, options.encoding));
  } else {
    grid = readWorkbookInWorker(path, format, options.sheet);
  }
  const entry = { key, grid };
  cached = entry;
  grid.catch(() => {
    if (cached === entry) cached = null;
  });
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
export async function readDataRows(path: string, options: ReadOptions = {}): Promise<DataRows> {
  return dataRowsOf(path, await loadGrid(path, options), options);
}

/** A grid's description and data rows: the header found (or given), blank rows dropped. */
export function dataRowsOf(path: string, grid: Grid, options: ReadOptions = {}): DataRows {
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
export async function inspectDataFile(path: string, options: ReadOptions = {}): Promise<DataFileInfo> {
  return (await readDataRows(path, options)).info;
}

/** Forgets the cached parse (tests, or after the file was replaced). */
export function clearDataFileCache(): void {
  cached = null;
}
