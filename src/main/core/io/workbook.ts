import { readFileSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import type { AppError } from '../../../shared/errors';
import { LIMITS, mb, OLE, ZIP, type Grid } from './dataFile';
import { fileRefusal } from './fileRefusal';
import { zipEntries, zipTotals } from './zip';
import { toAcceptedText } from '../../../shared/text';

// Reads a workbook (.xlsx, .xls) into a grid of displayed text. It runs in the workbook
// worker (workbookThread.ts), never on a thread that answers calls. SheetJS holds the
// whole book in memory and has no streaming reader, so an .xlsx is measured first:
// every entry is inflated as a stream (nothing kept), its real size counted against the
// limit and against what its headers claim, and each sheet's rows and cells counted;
// only a workbook within every limit is handed to SheetJS.

export interface WorkbookRequest {
  path: string;
  format: 'xlsx' | 'xls';
  sheet?: string;
}

const INFLATE_CHUNK = 1024 * 1024;
/** How far into a sheet its <dimension> is looked for. */
const DIMENSION_WINDOW = 64 * 1024;
const SHEET_PART = /(^|\/)worksheets\/[^/]+\.xml$/i;

/** A sheet past the row budget; `declared` when its own <dimension> says how many rows it has. */
function tooManyRows(path: string, sheet: string, declared?: number): AppError {
  const has = declared === undefined ? `more than ${LIMITS.workbookRows}` : `${declared}`;
  return fileRefusal(path, 'too_many_rows', `a sheet (${sheet}) has ${has} rows; at most ${LIMITS.workbookRows} rows per sheet can be imported`, {
    limit: LIMITS.workbookRows,
  });
}

function tooManyCells(path: string): AppError {
  return fileRefusal(path, 'too_many_cells', `the workbook has more than ${LIMITS.workbookCells} cells; at most ${LIMITS.workbookCells} cells (all sheets together) can be imported`, {
    limit: LIMITS.workbookCells,
  });
}

function bomb(path: string, english: string): AppError {
  return fileRefusal(path, 'zip_bomb', english, { limit: mb(LIMITS.zipUncompressedBytes) });
}

/**
 * Counts the rows and cells of a sheet's XML as it streams past, without parsing it:
 * element names only (<row>, <c>, with or without a namespace prefix). Text content
 * holds a "<" only escaped (spreadsheet writers use no CDATA), so the count is exact.
 */
class SheetCounter {
  rows = 0;
  cells = 0;
  private carry = '';
  private head = '';
  private dimensionSeen = false;
  /** The last row the sheet's <dimension ref="A1:K120"> declares, once read. */
  declaredRows: number | null = null;

  feed(chunk: Buffer, last: boolean): void {
    const text = this.carry + chunk.toString('latin1');
    if (!this.dimensionSeen) {
      this.head += text.slice(0, DIMENSION_WINDOW);
      const m = /<(?:[\w.-]+:)?dimension\s+ref="[A-Za-z]*(\d*)(?::[A-Za-z]*(\d+))?"/.exec(this.head);
      if (m) {
        this.declaredRows = Number(m[2] ?? m[1]) || null;
        this.dimensionSeen = true;
      } else if (this.head.length >= DIMENSION_WINDOW || /<(?:[\w.-]+:)?sheetData[\s>/]/.test(this.head)) {
        this.dimensionSeen = true;
      }
      if (this.dimensionSeen) this.head = '';
    }
    // A tag cut at the end of the chunk is counted with the next one.
    const limit = last ? text.length : Math.max(0, text.length - 64);
    const tag = /<(?:[\w.-]+:)?(row|c)[\s>/]/g;
    for (let m = tag.exec(text); m !== null && m.index < limit; m = tag.exec(text)) {
      if (m[1] === 'row') this.rows++;
      else this.cells++;
    }
    this.carry = text.slice(limit);
  }
}

/**
 * Inflates every entry of an .xlsx as a stream and counts what comes out. Refuses, as
 * soon as it is seen: more bytes than the limit in all, an entry larger than its
 * headers claim (a lying zip), a sheet with more rows or the workbook with more cells
 * than allowed.
 */
export async function measureXlsx(path: string, buf: Buffer): Promise<void> {
  const entries = zipEntries(buf);
  if (!entries) throw fileRefusal(path, 'not_xlsx', 'this .xlsx file is damaged: its zip directory cannot be read');
  let total = 0;
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.compressed === 0) continue;
    if (entry.method !== 0 && entry.method !== 8) {
      throw fileRefusal(path, 'not_xlsx', `this .xlsx file is damaged: ${entry.name} uses a compression Excel does not (method ${entry.method})`);
    }
    const counter = SHEET_PART.test(entry.name) ? new SheetCounter() : null;
    let size = 0;
    const take = (chunk: Buffer, last: boolean) => {
      size += chunk.length;
      total += chunk.length;
      if (size > entry.declared) {
        throw bomb(path, `${entry.name} unpacks to more than the ${entry.declared} bytes its zip headers declare (a zip bomb)`);
      }
      if (total > LIMITS.zipUncompressedBytes) {
        throw bomb(path, `the workbook unpacks to more than the ${mb(LIMITS.zipUncompressedBytes)} MB allowed`);
      }
      if (!counter) return;
      counter.feed(chunk, last);
      if (counter.declaredRows !== null && counter.declaredRows > LIMITS.workbookRows) throw tooManyRows(path, entry.name, counter.declaredRows);
      if (counter.rows > LIMITS.workbookRows) throw tooManyRows(path, entry.name);
      if (cells + counter.cells > LIMITS.workbookCells) throw tooManyCells(path);
    };
    const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressed);
    if (entry.method === 0) {
      let at = 0;
      do {
        take(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
        at += INFLATE_CHUNK;
      } while (at < data.length);
    } else {
      const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
      inflater.end(data);
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) take(chunk, false);
      } catch (e) {
        inflater.destroy();
        if ((e as { code?: string }).code?.startsWith('Z_')) {
          throw fileRefusal(path, 'not_xlsx', `this .xlsx file is damaged: ${entry.name} cannot be unpacked (${(e as Error).message})`);
        }
        throw e;
      }
      counter?.feed(Buffer.alloc(0), true);
    }
    if (counter) {
      if (counter.rows > LIMITS.workbookRows) throw tooManyRows(path, entry.name);
      cells += counter.cells;
      if (cells > LIMITS.workbookCells) throw tooManyCells(path);
    }
  }
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
      throw bomb(path, `the workbook declares ${totals.zip64 ? 'more than 4 GB' : `${mb(totals.uncompressed)} MB`} when unpacked, more than the ${mb(LIMITS.zipUncompressedBytes)} MB allowed`);
    }
  }
  return actual;
}

/** Reads a workbook within the limits, or refuses it saying which limit it passes. */
export async function readWorkbook(path: string, buf: Buffer, declared: 'xlsx' | 'xls', sheet: string | undefined): Promise<Grid> {
  const format = checkWorkbookBytes(path, buf, declared);
  if (format === 'xlsx') await measureXlsx(path, buf);
  let book: XLSX.WorkBook;
  try {
    // One row past the limit is read, so that a sheet SheetJS finds longer (an .xls) is refused, not cut.
    book = XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      sheetRows: LIMITS.workbookRows + 1,
    });
  } catch (e) {
    throw fileRefusal(path, format === 'xlsx' ? 'not_xlsx' : 'not_xls', `the workbook cannot be read: ${(e as Error).message}`);
  }
  const sheets = book.SheetNames;
  if (sheets.length === 0) throw fileRefusal(path, 'empty', 'the workbook has no sheets');
  let cellCount = 0;
  for (const s of sheets) {
    const data = (book.Sheets[s]?.['!data'] ?? []) as unknown[][];
    if (data.length > LIMITS.workbookRows) throw tooManyRows(path, s);
    for (const row of data) cellCount += row?.length ?? 0;
    if (cellCount > LIMITS.workbookCells) throw tooManyCells(path);
  }
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

/** The worker's whole task: the file's bytes into a grid. */
export async function readWorkbookFile(request: WorkbookRequest): Promise<Grid> {
  let buf: Buffer;
  try {
    buf = readFileSync(request.path);
  } catch (e) {
    throw fileRefusal(request.path, 'unreadable', `the file cannot be read (${(e as Error).message})`);
  }
  return readWorkbook(request.path, buf, request.format, request.sheet);
}
