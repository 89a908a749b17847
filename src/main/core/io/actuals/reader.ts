import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { DataFileInfo, DataFormat, TextEncoding } from '../../../../shared/importTypes';
import { toAcceptedText } from '../../../../shared/text';
import { CsvError, packedRow, parseCsvPacked, sniffDelimiter, type PackedCsvChunk } from '../csv';
import { detectEncoding, OFFERED_ENCODINGS } from '../decode';
import {
  dataRowsOf,
  guessHeaderRow,
  inspectDataFile,
  loadGrid,
  isBlank,
  LIMITS,
  looksBinary,
  OLE,
  refuseCsv,
  statDataFile,
  ZIP,
  type Grid,
  type ReadOptions,
} from '../dataFile';
import { fileRefusal } from '../fileRefusal';
import { streamCsvThreaded, THREAD_MIN_BYTES } from './csvThread';

// Reads a data file row by row for the actuals imports. A CSV is streamed: read in
// chunks, decoded incrementally, parsed a complete row at a time, so a million-row
// ERP export never sits in memory as text or cells. Workbooks (at most 50 MB) are
// read whole by SheetJS in the workbook worker, as the wizard's format step reads them. Row numbers are
// the file's 1-based record numbers, as Excel shows them.

const CHUNK_BYTES = 256 * 1024;
/** How much of a CSV decides its encoding when the user did not choose one. */
const DETECT_BYTES = 4 * 1024 * 1024;
/** Rows after the first filled one that decide which is the header. */
const HEADER_WINDOW = 20;

export interface StreamedFile {
  fileName: string;
  format: DataFormat;
  encoding: TextEncoding | null;
  detectedEncoding: TextEncoding | null;
  sheet: string | null;
  sheets: string[];
  date1904: boolean;
  headerRow: number;
  /** The header row's cells, trimmed. */
  headers: string[];
  /** sha256 of the file's bytes. */
  hash: string;
  size: number;
  /** Data rows seen (non-blank rows after the header). */
  dataRows: number;
}

export type RowVisitor = (cells: string[], rowNumber: number) => void;

export interface StreamControl {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
  /** Stop after this many data rows (the wizard's first look at a big file). */
  maxDataRows?: number;
  /** The header row's cells, before the first data row is visited. */
  onHeader?: (headers: string[], headerRow: number) => void;
}

export const cancelled = () => new AppError('CANCELLED', 'the import was cancelled; nothing was written');

/**
 * Turns records into the header and data rows: the header is the given row, or the
 * first row about as wide as the table among the first rows (as dataFile guesses it).
 */
class HeaderSplitter {
  private pending: { cells: string[]; n: number }[] = [];
  private firstFilled = -1;
  headerRow = 0;
  headers: string[] | null = null;
  dataRows = 0;
  stopped = false;

  constructor(
    private readonly path: string,
    private readonly chosenHeaderRow: number | undefined,
    private readonly visit: RowVisitor,
    private readonly maxDataRows: number,
    private readonly onHeader: ((headers: string[], headerRow: number) => void) | undefined,
  ) {}

  record(cells: string[], n: number): void {
    if (this.stopped) return;
    if (this.headers) {
      this.data(cells, n);
      return;
    }
    this.pending.push({ cells, n });
    if (this.firstFilled < 0 && !isBlank(cells)) this.firstFilled = n;
    const enough = this.chosenHeaderRow !== undefined ? n >= this.chosenHeaderRow : this.firstFilled > 0 && n >= this.firstFilled + HEADER_WINDOW;
    if (enough) this.decide();
  }

  private data(cells: string[], n: number): void {
    if (isBlank(cells)) return;
    this.dataRows++;
    this.visit(cells, n);
    if (this.dataRows >= this.maxDataRows) this.stopped = true;
  }

  private decide(): void {
    if (this.firstFilled < 0 && this.chosenHeaderRow === undefined) throw fileRefusal(this.path, 'empty', 'the file has no data');
    const cells = this.pending.map((p) => p.cells);
    const headerRow = this.chosenHeaderRow ?? guessHeaderRow(cells, this.firstFilled - 1);
    const header = this.pending[headerRow - 1];
    if (headerRow < 1 || !header || isBlank(header.cells)) {
      throw fileRefusal(this.path, 'bad_header_row', `row ${headerRow} cannot be the header: it is empty or past the end`, { row: headerRow });
    }
    this.headerRow = headerRow;
    const headers = header.cells.map((c) => c.trim());
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    this.headers = headers;
    this.onHeader?.(headers, headerRow);
    const rest = this.pending.slice(headerRow);
    this.pending = [];
    for (const p of rest) this.data(p.cells, p.n);
  }

  end(): void {
    if (!this.headers) this.decide();
    if (this.dataRows === 0) {
      throw fileRefusal(this.path, 'only_headers', `the file has a header row (row ${this.headerRow}) but no data rows under it`, { row: this.headerRow });
    }
  }
}

/** What reading a CSV's records tells besides the records. */
export interface CsvRead {
  encoding: TextEncoding;
  detectedEncoding: TextEncoding;
  /** sha256 of the file's bytes ('' when the reading stopped early). */
  hash: string;
  size: number;
}

/**
 * Reads a CSV's records a chunk at a time: `onRecords` gets each chunk's complete
 * records (packed: no string per cell yet) and the bytes read so far, and returns true
 * to stop. Refuses a file that is not a text table with the line (and column) where it
 * went wrong. The thread that visits the rows calls it directly, or the CSV worker does
 * (csvThread.ts).
 */
export function readCsvRecords(
  path: string,
  options: ReadOptions,
  onRecords: (records: PackedCsvChunk, done: number, total: number) => boolean,
  shouldCancel?: () => boolean,
): CsvRead {
  const { size } = statDataFile(path);
  const fd = openSync(path, 'r');
  const hash = createHash('sha256');
  try {
    const read = (length: number): Buffer => {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, null);
        if (n === 0) break;
        got += n;
      }
      const out = buf.subarray(0, got);
      hash.update(out);
      return out;
    };
    let chunk = read(Math.min(size, Math.max(CHUNK_BYTES, DETECT_BYTES)));
    let done = chunk.length;
    if (chunk.subarray(0, 8).equals(OLE) || chunk.subarray(0, 4).equals(ZIP)) {
      throw fileRefusal(path, 'not_csv', 'this is an Excel workbook, not a CSV file: rename it to .xlsx or .xls', {});
    }
    const detected = detectPrefix(chunk, done >= size);
    const encoding = options.encoding ?? detected.encoding;
    if (looksBinary(chunk, encoding)) throw fileRefusal(path, 'not_csv', 'this is not a text (CSV) file: it contains binary data');
    const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
    const bom = detected.evidence === 'bom' && detected.encoding === encoding ? detected.bomLength : 0;
    // Control characters go before the rows are split: every cell is text a region file stores.
    let text = toAcceptedText(decoder.decode(chunk.subarray(bom), { stream: done < size }));
    const delimiter = sniffDelimiter(text);
    let line = 1;
    let stopped = false;
    for (;;) {
      if (shouldCancel?.()) throw cancelled();
      const last = done >= size;
      let parsed;
      try {
        parsed = parseCsvPacked(text, delimiter, last, line);
      } catch (e) {
        if (e instanceof CsvError) throw refuseCsv(path, e);
        throw e;
      }
      line += parsed.lines;
      stopped = onRecords(parsed, done, size);
      if (last || stopped) break;
      const rest = text.slice(parsed.consumed);
      chunk = read(Math.min(CHUNK_BYTES, size - done));
      if (chunk.length === 0) {
        done = size;
        text = rest + toAcceptedText(decoder.decode());
      } else {
        done += chunk.length;
        text = rest + toAcceptedText(decoder.decode(chunk, { stream: done < size }));
      }
      // A row longer than any cell may be is refused rather than buffered for ever.
      if (text.length > LIMITS.cellChars * 4 && rest.length > LIMITS.cellChars * 2) {
        throw fileRefusal(path, 'cell_too_large', `line ${line}: a row is longer than ${LIMITS.cellChars * 2} characters`, {
          row: line,
          column: 1,
          limit: LIMITS.cellChars,
        });
      }
    }
    return { encoding, detectedEncoding: detected.encoding, hash: stopped ? '' : hash.digest('hex'), size };
  } finally {
    closeSync(fd);
  }
}

/** Records into the header and the data rows, visited; what the file was. */
export class CsvRows {
  private readonly rows: HeaderSplitter;
  private record = 0;

  constructor(
    private readonly path: string,
    options: ReadOptions,
    visit: RowVisitor,
    private readonly control: StreamControl,
  ) {
    this.rows = new HeaderSplitter(path, options.headerRow, visit, control.maxDataRows ?? Infinity, control.onHeader);
  }

  /** A chunk's records; true once no more are wanted. */
  take(records: PackedCsvChunk, done: number, total: number): boolean {
    let first = 0;
    for (let r = 0; r < records.widths.length; r++) {
      this.record++;
      this.rows.record(packedRow(records, r, first), this.record);
      if (this.rows.stopped) break;
      first += records.widths[r];
    }
    this.control.onProgress?.(done, total);
    return this.rows.stopped;
  }

  end(read: CsvRead): StreamedFile {
    const rows = this.rows;
    if (!rows.stopped || !rows.headers) rows.end();
    return {
      fileName: basename(this.path),
      format: 'csv',
      encoding: read.encoding,
      detectedEncoding: read.detectedEncoding,
      sheet: null,
      sheets: [],
      date1904: false,
      headerRow: rows.headerRow,
      headers: rows.headers ?? [],
      hash: rows.stopped ? '' : read.hash,
      size: read.size,
      dataRows: rows.dataRows,
    };
  }
}

/** streamRows of a CSV, read on this thread. */
export function streamCsv(path: string, options: ReadOptions, visit: RowVisitor, control: StreamControl = {}): StreamedFile {
  const rows = new CsvRows(path, options, visit, control);
  const read = readCsvRecords(path, options, (records, done, total) => rows.take(records, done, total), control.shouldCancel);
  return rows.end(read);
}

/**
 * The encoding of a CSV from its first bytes: as decode.ts detects it, except that
 * a prefix cut inside a UTF-8 sequence is still UTF-8.
 */
function detectPrefix(prefix: Buffer, whole: boolean): ReturnType<typeof detectEncoding> {
  if (whole) return detectEncoding(prefix);
  // Drop a partial UTF-8 sequence at the cut so that valid UTF-8 stays valid.
  let end = prefix.length;
  let back = 0;
  while (back < 4 && end - back - 1 >= 0 && (prefix[end - back - 1] & 0xc0) === 0x80) back++;
  if (end - back - 1 >= 0 && prefix[end - back - 1] >= 0xc0) end = end - back - 1;
  return detectEncoding(prefix.subarray(0, end));
}

function streamWorkbook(path: string, options: ReadOptions, visit: RowVisitor, control: StreamControl, grid: Grid | undefined): StreamedFile {
  const { size } = statDataFile(path);
  if (!grid) throw new AppError('INTERNAL', `${basename(path)}: the workbook was not read before its rows were asked for`);
  const data = dataRowsOf(path, grid, options);
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
  const limit = Math.min(data.rows.length, control.maxDataRows ?? Infinity);
  control.onHeader?.(data.info.headers, data.info.headerRow);
  for (let i = 0; i < limit; i++) {
    if (i % 5000 === 0) {
      if (control.shouldCancel?.()) throw cancelled();
      control.onProgress?.(i, data.rows.length);
    }
    visit(data.rows[i], data.rowNumbers[i]);
  }
  control.onProgress?.(data.rows.length, data.rows.length);
  return {
    fileName: data.info.fileName,
    format: data.info.format,
    encoding: null,
    detectedEncoding: null,
    sheet: data.info.sheet,
    sheets: data.info.sheets,
    date1904: data.info.date1904 ?? false,
    headerRow: data.info.headerRow,
    headers: data.info.headers,
    hash,
    size,
    dataRows: data.rows.length,
  };
}

/**
 * A workbook's grid, read in the workbook worker (undefined for a CSV, which is streamed).
 * Awaited before streamRows, which runs inside a transaction and cannot wait.
 */
export async function workbookGridOf(path: string, options: ReadOptions): Promise<Grid | undefined> {
  const { format } = statDataFile(path);
  return format === 'csv' ? undefined : loadGrid(path, options);
}

/**
 * Visits every data row of the file; refuses a file that cannot be read as a table. A
 * workbook's grid comes from workbookGridOf.
 */
export function streamRows(path: string, options: ReadOptions, visit: RowVisitor, control: StreamControl = {}, workbook?: Grid): StreamedFile {
  const { format, size } = statDataFile(path);
  if (format !== 'csv') return streamWorkbook(path, options, visit, control, workbook);
  // A large file is read on the CSV worker while this thread checks its rows.
  return size >= THREAD_MIN_BYTES && control.maxDataRows === undefined
    ? streamCsvThreaded(path, options, visit, control)
    : streamCsv(path, options, visit, control);
}

/** A CSV larger than this is sampled, not read whole, to describe it (its row count is then estimated). */
export const SAMPLE_CSV_BYTES = 16 * 1024 * 1024;

/** How a data file reads (the wizard's format step, the command line): large CSVs sampled. */
export async function inspectForImport(path: string, options: ReadOptions): Promise<DataFileInfo> {
  const { format, size } = statDataFile(path);
  return format === 'csv' && size > SAMPLE_CSV_BYTES ? inspectLargeCsv(path, options) : inspectDataFile(path, options);
}

/**
 * The wizard's format step for a CSV too large to read on the thread that answers
 * calls: the header and the first rows, and the row count estimated from the size.
 */
export function inspectLargeCsv(path: string, options: ReadOptions): DataFileInfo {
  const sample: string[][] = [];
  const sampleRowNumbers: number[] = [];
  const head = streamCsv(
    path,
    options,
    (cells, n) => {
      sample.push(cells);
      sampleRowNumbers.push(n);
    },
    { maxDataRows: LIMITS.sampleRows },
  );
  const width = Math.max(head.headers.length, ...sample.map((r) => r.length));
  const headers = Array.from({ length: width }, (_, c) => head.headers[c] ?? '');
  const padded = sample.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  // Line breaks estimate the rows (a quoted cell with a line break counts twice).
  const rowCount = Math.max(padded.length, countLineBreaks(path) + 1 - head.headerRow);
  return {
    path,
    fileName: head.fileName,
    format: 'csv',
    encoding: head.encoding,
    detectedEncoding: head.detectedEncoding,
    encodings: [...OFFERED_ENCODINGS],
    sheets: [],
    sheet: null,
    headerRow: head.headerRow,
    headers,
    sample: padded,
    sampleRowNumbers,
    rowCount,
    rowCountApprox: true,
  };
}

/** Line-feed bytes in the file: 0x0A is never part of a GBK or UTF-8 multibyte character. */
function countLineBreaks(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let count = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const view = n === buf.length ? buf : buf.subarray(0, n);
      for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) count++;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}
