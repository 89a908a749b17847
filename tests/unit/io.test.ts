import { closeSync, copyFileSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { csvBytes, neutralize, writeExport } from '../../src/main/core/io/exportFile';
import { parseCsv, sniffDelimiter } from '../../src/main/core/io/csv';
import { clearDataFileCache, inspectDataFile, LIMITS, readDataRows } from '../../src/main/core/io/dataFile';
import { decodeText, detectEncoding } from '../../src/main/core/io/decode';
import { tempDir } from './helpers';

const FIX = join(__dirname, 'fixtures');
const fx = (name: string) => join(FIX, name);

beforeEach(() => clearDataFileCache());

const EXPECTED_CUSTOMERS = [
  ['C001', '上海鴻運商貿有限公司', '上海市', '大客戶, 重點'],
  ['C002', '南京百佳超市', '南京市', '說 "好"'],
  ['C003', '蘇州新天地', '蘇州市', '第一行\r\n第二行'],
];

/** The refusal reason and params an import error carries, or a failure. */
async function refusalOf(fn: () => unknown): Promise<{ reason: string; params: Record<string, unknown>; message: string }> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details.rule).toMatch(/^importWizard\.refuse\./);
    return { reason: err.details.rule!.slice('importWizard.refuse.'.length), params: err.details.params ?? {}, message: err.message };
  }
  throw new Error('expected a refusal');
}

describe('encoding detection', () => {
  it('detects UTF-8, UTF-8 with BOM, GBK and UTF-16LE', () => {
    expect(detectEncoding(readFileSync(fx('customers-utf8.csv')))).toMatchObject({ encoding: 'utf-8', evidence: 'valid-utf8' });
    expect(detectEncoding(readFileSync(fx('customers-utf8-bom.csv')))).toMatchObject({ encoding: 'utf-8', evidence: 'bom', bomLength: 3 });
    expect(detectEncoding(readFileSync(fx('customers-gbk.csv')))).toMatchObject({ encoding: 'gb18030', evidence: 'fallback' });
    expect(detectEncoding(readFileSync(fx('customers-utf16le.csv')))).toMatchObject({ encoding: 'utf-16le', evidence: 'bom' });
    const noBom16 = Buffer.from('code,name\r\nA1,上海\r\n', 'utf16le');
    expect(detectEncoding(noBom16)).toMatchObject({ encoding: 'utf-16le', evidence: 'utf16-zeros' });
  });

  it('decodes each to the same text, without the BOM', () => {
    const utf8 = decodeText(readFileSync(fx('customers-utf8.csv')), 'utf-8');
    expect(decodeText(readFileSync(fx('customers-utf8-bom.csv')), 'utf-8')).toBe(utf8);
    expect(decodeText(readFileSync(fx('customers-gbk.csv')), 'gb18030')).toBe(utf8);
    expect(decodeText(readFileSync(fx('customers-utf16le.csv')), 'utf-16le')).toContain('客戶編號\t客戶名稱\t城市\t備註\r\n');
    // GBK read as UTF-8 shows replacement characters: what the user sees before switching.
    expect(decodeText(readFileSync(fx('customers-gbk.csv')), 'utf-8')).toContain('\ufffd');
  });

  it('reads every encoding of the same file to the same rows', async () => {
    for (const name of ['customers-utf8.csv', 'customers-utf8-bom.csv', 'customers-gbk.csv', 'customers-utf16le.csv']) {
      const { info, rows, rowNumbers } = await readDataRows(fx(name));
      expect(info.format).toBe('csv');
      expect(info.headers).toEqual(['客戶編號', '客戶名稱', '城市', '備註']);
      expect(rows).toEqual(EXPECTED_CUSTOMERS);
      expect(rowNumbers).toEqual([2, 3, 4]);
      expect(info.encodings).toContain('gb18030');
    }
    expect((await inspectDataFile(fx('customers-gbk.csv'))).encoding).toBe('gb18030');
  });

  it('reads with the encoding the user chose instead of the detected one', async () => {
    const info = await inspectDataFile(fx('customers-gbk.csv'), { encoding: 'utf-8' });
    expect(info.encoding).toBe('utf-8');
    expect(info.detectedEncoding).toBe('gb18030');
    expect(info.headers[0]).toContain('\ufffd');
  });
});

describe('CSV quoting', () => {
  it('handles empty quoted cells, doubled quotes, stray quotes, short rows, blank lines and line breaks in cells', async () => {
    const { rows, rowNumbers, info } = await readDataRows(fx('quoting.csv'));
    expect(info.headers).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      ['', 'x', 'y'],
      ['  spaced  ', 'with "quotes" inside', 'tail"quote'],
      ['only', 'two', ''],
      ['last', 'row', 'multi\nline'],
    ]);
    // The blank line 5 is skipped; file row numbers stay true.
    expect(rowNumbers).toEqual([2, 3, 4, 6]);
  });

  it('sniffs tab and semicolon delimiters and keeps delimiters inside quotes', () => {
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n')).toBe(';');
    expect(sniffDelimiter('"a;b;c",d\n')).toBe(',');
    expect(parseCsv('a;"b;c"\r\n1;2', ';')).toEqual([['a', 'b;c'], ['1', '2']]);
    expect(parseCsv('x,y\n1,2')).toEqual([['x', 'y'], ['1', '2']]);
    expect(parseCsv('x,y\r1,2\r')).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('refuses unbalanced quotes and says which line', async () => {
    const r = await refusalOf(() => readDataRows(fx('unbalanced.csv')));
    expect(r.reason).toBe('unbalanced_quotes');
    expect(r.params.line).toBe(3);
    expect(r.message).toMatch(/unbalanced\.csv: line 3: .*never closed/);
  });
});

describe('workbooks', () => {
  for (const name of ['customers.xlsx', 'customers.xls']) {
    it(`reads ${name}: sheets, dates as ISO dates, numbers as plain numbers`, async () => {
      const { info, rows } = await readDataRows(fx(name));
      expect(info.format).toBe(name.endsWith('.xlsx') ? 'xlsx' : 'xls');
      expect(info.sheets).toEqual(['客戶', '帶標題']);
      expect(info.sheet).toBe('客戶');
      expect(info.encoding).toBeNull();
      expect(info.headers).toEqual(['客戶編號', '客戶名稱', '合同開始', '授信額度', '電話', '啟用']);
      expect(rows).toEqual([
        ['C001', '上海鴻運商貿有限公司', '2027-01-15', '0.3', '13800138000', 'TRUE'],
        ['C002', '南京百佳超市', '2026-12-31', '120000.5', '2584001234', 'FALSE'],
      ]);
    });

    it(`${name}: another sheet, with the header row found below a title or given`, async () => {
      const auto = await inspectDataFile(fx(name), { sheet: '帶標題' });
      // The title row above the table is not taken for the header.
      expect(auto.headerRow).toBe(3);
      expect(auto.headers).toEqual(['code', 'name']);
      expect((await inspectDataFile(fx(name), { sheet: '帶標題', headerRow: 1 })).headers).toEqual(['2027 年客戶名單', '']);
      const given = await readDataRows(fx(name), { sheet: '帶標題', headerRow: 3 });
      expect(given.info.headers).toEqual(['code', 'name']);
      expect(given.rows).toEqual([['T1', '終端一'], ['T2', '終端二'], ['T3', '終端三']]);
      expect(given.rowNumbers).toEqual([4, 5, 6]);
      expect((await refusalOf(() => inspectDataFile(fx(name), { sheet: '沒有' }))).reason).toBe('no_sheet');
      expect((await refusalOf(() => inspectDataFile(fx(name), { sheet: '帶標題', headerRow: 2 }))).reason).toBe('bad_header_row');
    });
  }
});

describe('refusals', () => {
  it('refuses an empty file, a file of blank lines and a file with only headers', async () => {
    expect(await refusalOf(() => inspectDataFile(fx('empty.csv')))).toMatchObject({ reason: 'empty', message: 'empty.csv: the file is empty' });
    expect((await refusalOf(() => inspectDataFile(fx('blank-lines.csv')))).reason).toBe('empty');
    const r = await refusalOf(() => inspectDataFile(fx('header-only.csv')));
    expect(r.reason).toBe('only_headers');
    expect(r.message).toContain('no data rows');
  });

  it('refuses a file that is not what its extension says', async () => {
    expect((await refusalOf(() => inspectDataFile(fx('not-really.xlsx')))).reason).toBe('not_xlsx');
    const dir = tempDir();
    const xlsxAsCsv = join(dir, 'book.csv');
    copyFileSync(fx('customers.xlsx'), xlsxAsCsv);
    expect(await refusalOf(() => inspectDataFile(xlsxAsCsv))).toMatchObject({ reason: 'not_csv' });
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from([0x41, 0x00, 0x01, 0x02, 0x42, 0x43, 0x44, 0x00, 0x00, 0x00, 0x45]));
    expect((await refusalOf(() => inspectDataFile(binary))).reason).toBe('not_csv');
    const notXls = join(dir, 'plain.xls');
    writeFileSync(notXls, 'this is just text');
    expect((await refusalOf(() => inspectDataFile(notXls))).reason).toBe('not_xls');
    // An .xls that is really an .xlsx is read as what it is.
    const renamed = join(dir, 'renamed.xls');
    copyFileSync(fx('customers.xlsx'), renamed);
    expect((await inspectDataFile(renamed)).format).toBe('xlsx');
    const other = join(dir, 'data.json');
    writeFileSync(other, '{}');
    expect((await refusalOf(() => inspectDataFile(other))).reason).toBe('unsupported_extension');
  });

  it('refuses files over the size limits without reading them', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, LIMITS.csvBytes + 1); // sparse: no disk used
    closeSync(fd);
    const r = await refusalOf(() => inspectDataFile(big));
    expect(r.reason).toBe('too_large');
    expect(r.params.limit).toBe(200);
    const bigBook = join(dir, 'big.xlsx');
    const fd2 = openSync(bigBook, 'w');
    ftruncateSync(fd2, LIMITS.workbookBytes + 1);
    closeSync(fd2);
    expect(await refusalOf(() => inspectDataFile(bigBook))).toMatchObject({ reason: 'too_large', params: { limit: 50 } });
  });

  it('refuses an .xlsx whose zip declares more than the limit unpacked (zip bomb) before inflating it', async () => {
    const buf = Buffer.from(readFileSync(fx('customers.xlsx')));
    // Declare every entry as 100 MB unpacked in the central directory.
    let patched = 0;
    for (let i = 0; i + 46 <= buf.length; i++) {
      if (buf.readUInt32LE(i) === 0x02014b50) {
        buf.writeUInt32LE(100 * 1024 * 1024, i + 24);
        patched++;
      }
    }
    expect(patched).toBeGreaterThan(5);
    const path = join(tempDir(), 'bomb.xlsx');
    writeFileSync(path, buf);
    const r = await refusalOf(() => inspectDataFile(path));
    expect(r.reason).toBe('zip_bomb');
    expect(r.message).toMatch(/declares \d+ MB when unpacked/);
  });

  it('refuses a cell over 1 MB, with where it is', async () => {
    const dir = tempDir();
    const path = join(dir, 'huge-cell.csv');
    writeFileSync(path, `a,b\nx,y\nz,"${'長'.repeat(LIMITS.cellChars + 1)}"\n`);
    const r = await refusalOf(() => inspectDataFile(path));
    expect(r.reason).toBe('cell_too_large');
    expect(r.params).toMatchObject({ row: 3, column: 2 });
    const unquoted = join(dir, 'huge-cell2.csv');
    writeFileSync(unquoted, `a,b\n${'x'.repeat(LIMITS.cellChars + 1)},y\n`);
    expect((await refusalOf(() => inspectDataFile(unquoted))).params).toMatchObject({ row: 2, column: 1 });
  });
});

describe('export', () => {
  const headers = ['編號', '名稱', '金額', '備註'];
  const rows = [
    ['C001', '=HYPERLINK("http://evil","點我")', 1234.5, '+86 138'],
    ['C002', '-SUM(A1:A2)', -42, '@cmd'],
    ['C003', '\tTAB', 0, '\rCR'],
    ['C004', '上海, "引號"', null, true],
  ];

  it('prefixes text that a spreadsheet would run as a formula, and keeps numbers numbers', () => {
    expect(neutralize('=1+1')).toBe("'=1+1");
    expect(neutralize('-5')).toBe("'-5");
    expect(neutralize(-5)).toBe(-5);
    expect(neutralize('a=b')).toBe('a=b');
    expect(neutralize('')).toBe('');
  });

  it('writes CSV as UTF-8 with a BOM, quoted where needed, with no cell starting a formula', () => {
    const path = join(tempDir(), '客戶.csv');
    writeExport(path, 'csv', headers, rows);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes).toEqual(csvBytes(headers, rows));
    const cells = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(cells[0]).toEqual(headers);
    expect(cells[1]).toEqual(['C001', `'=HYPERLINK("http://evil","點我")`, '1234.5', "'+86 138"]);
    expect(cells[2]).toEqual(['C002', "'-SUM(A1:A2)", '-42', "'@cmd"]);
    expect(cells[3]).toEqual(['C003', "'\tTAB", '0', "'\rCR"]);
    expect(cells[4]).toEqual(['C004', '上海, "引號"', '', 'TRUE']);
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('writes XLSX with values only: text is a string cell holding the text exactly, no cell has a formula, numbers are numbers', async () => {
    const path = join(tempDir(), '客戶.xlsx');
    writeExport(path, 'xlsx', headers, rows, '客戶-華東大區');
    const book = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true });
    expect(book.SheetNames).toEqual(['客戶-華東大區']);
    const ws = book.Sheets[book.SheetNames[0]];
    const cells = Object.keys(ws).filter((k) => !k.startsWith('!')).map((k) => ws[k] as XLSX.CellObject);
    expect(cells.length).toBeGreaterThan(15);
    for (const c of cells) expect(c.f).toBeUndefined();
    expect(ws.B2).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil","點我")' });
    expect(ws.B3).toMatchObject({ t: 's', v: '-SUM(A1:A2)' });
    expect(ws.D2).toMatchObject({ t: 's', v: '+86 138' });
    expect(ws.D3).toMatchObject({ t: 's', v: '@cmd' });
    expect(ws.C2).toMatchObject({ t: 'n', v: 1234.5 });
    expect(ws.C3).toMatchObject({ t: 'n', v: -42 });
    expect(ws.D5).toMatchObject({ t: 'b', v: true });
    // The sheet's XML has no formula element at all.
    const zip = XLSX.CFB.read(readFileSync(path), { type: 'buffer' });
    const sheetXml = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
    expect(sheetXml).toBeTruthy();
    expect(Buffer.from(sheetXml!.content as Uint8Array).toString('utf8')).not.toMatch(/<f[ >]/);
    // And it reads back through our own import path as the same text.
    expect((await readDataRows(path)).rows[0]).toEqual(['C001', '=HYPERLINK("http://evil","點我")', '1234.5', '+86 138']);
  });
});
