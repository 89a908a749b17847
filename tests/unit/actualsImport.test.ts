import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import { parseCsv, parseCsvChunk, parseCsvPacked, sniffDelimiter, unpackCsvChunk } from '../../src/main/core/io/csv';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import { importActuals } from '../../src/main/core/io/actuals/engine';
import { streamRows } from '../../src/main/core/io/actuals/reader';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';
import type { ImportCommitResult, ImportPreview } from '../../src/shared/importTypes';
import { salesSummaryPair, testHost, tinyDemoTemplate } from './helpers';

// The actuals import engine through the handler registry (jobs run inline), on the
// tiny demo region: every figure expected is computed from the test's own rows or
// from the file with SQL, never taken from the code under test.

const template = tinyDemoTemplate();

interface Ctx {
  dir: string;
  path: string;
  session: Session;
  r: HandlerRegistry;
}

async function fresh(): Promise<Ctx> {
  const path = template.copy();
  const dir = join(path, '..');
  const session = new Session(testHost(join(dir, 'state'), { runJob: inlineJobRunner() }));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return { dir, path, session, r };
}

async function call<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await c.r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as EndpointResult<K>;
}

async function fail<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<AppErrorData> {
  const res = await c.r.invoke(name, input);
  if (res.ok) throw new Error(`${name} should have failed`);
  return res.error;
}

/** The monthly sales summaries equal the sums of the lines (they are kept in the same transaction). */
function expectSummaryInStep(c: Ctx): void {
  const { stored, fromLines } = salesSummaryPair(c.session.requireFile().sqlite);
  expect(stored).toEqual(fromLines);
}

const sql = <T>(c: Ctx, q: string, ...params: unknown[]): T => c.session.requireFile().sqlite.prepare(q).get(...params) as T;
const sqlAll = <T>(c: Ctx, q: string, ...params: unknown[]): T[] => c.session.requireFile().sqlite.prepare(q).all(...params) as T[];

/** Writes a data file beside the region and lets the session use it. */
function dataFile(c: Ctx, name: string, content: string | Buffer): string {
  const p = join(c.dir, name);
  writeFileSync(p, content);
  c.session.grant(p);
  return p;
}

const SALES_HEADERS = '月份,客戶編碼,客戶名稱,存貨編碼,存貨名稱,數量,金額,毛利';
const SALES_MAPPING = { period: 0, customer: 1, customerName: 2, sku: 3, skuName: 4, volume: 5, amount: 6, grossProfit: 7 };

function salesRequest(path: string, extra: Partial<EndpointInput<'import.preview'>> = {}): EndpointInput<'import.preview'> {
  return { path, destination: 'actuals:sales', mapping: SALES_MAPPING, source: 'ERP 銷售明細', ...extra };
}

describe('parseCsvChunk', () => {
  it('gives the same rows as a whole parse wherever the text is cut', () => {
    const text = 'a,"b\r\nc",d\r\n"x""y",2,\r\n\r\n中文,"",3\n"end"';
    const whole = parseCsv(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const first = parseCsvChunk(text.slice(0, cut), ',', false, 1);
      const rest = text.slice(first.consumed);
      const second = parseCsvChunk(rest, ',', true, 1 + first.lines);
      expect([...first.rows, ...second.rows], `cut at ${cut}`).toEqual(whole);
    }
    expect(sniffDelimiter(text)).toBe(',');
  });

  it('packs cells that are not one run of the text (a doubled quote, text after a closing quote) after it', () => {
    const text = 'a"b,"x""y","ab"cd,"","""",\t中 \r\n"q\r\nr",2\rz';
    const packed = parseCsvPacked(text, ',', true, 1);
    expect(packed.text.startsWith(text)).toBe(true);
    expect(packed.text.length).toBeGreaterThan(text.length);
    expect(Array.from(packed.widths)).toEqual([6, 2, 1]);
    expect(unpackCsvChunk(packed)).toEqual([['a"b', 'x"y', 'abcd', '', '"', '\t中 '], ['q\r\nr', '2'], ['z']]);
    expect([packed.consumed, packed.lines]).toEqual([text.length, 3]);
  });
});

describe('streamRows', () => {
  it('streams a GBK file in chunks with its Chinese text intact and hashes it', async () => {
    const c = await fresh();
    const rows = Array.from({ length: 60_000 }, (_, i) => `2026-0${(i % 9) + 1},D0001,上海天成食品經營部,WA0001,清泉天然水 550ml×24,${i},${i}.50,1`);
    const bytes = iconv.encode([SALES_HEADERS, ...rows].join('\r\n'), 'gbk');
    expect(bytes.length).toBeGreaterThan(4 * 1024 * 1024); // more than one chunk
    const path = dataFile(c, 'big-gbk.csv', bytes);
    let seen = 0;
    let last: string[] = [];
    const info = streamRows(path, {}, (cells, n) => {
      seen++;
      last = cells;
      if (n === 2) expect(cells[2]).toBe('上海天成食品經營部');
    });
    expect(info.encoding).toBe('gb18030');
    expect(info.headers).toEqual(SALES_HEADERS.split(','));
    expect(seen).toBe(60_000);
    expect(info.dataRows).toBe(60_000);
    expect(last[5]).toBe('59999');
    expect(info.hash).toMatch(/^[0-9a-f]{64}$/);
    await c.session.close();
  });
});

describe('sales actuals', () => {
  it('previews, commits exactly, combines invoice rows, and a second import of the same source replaces instead of duplicating', async () => {
    const c = await fresh();
    const file = [
      SALES_HEADERS,
      '2027-01,D0001,上海天成食品經營部,WA0001,清泉天然水,10,"1,234.50",200.10',
      '2027/1/15,D0001,上海天成食品經營部,WA0001,清泉天然水,5,600,100', // an invoice of the same month: combined
      '202702,D0002,,WA0002,,(3),-450.00,-90', // a return
      '2027年3月,上海祥和商貿有限公司,,清泉天然礦泉水 1.5L×12,,1,1.2萬,0', // names instead of codes, 萬
    ].join('\n');
    const path = dataFile(c, 'sales.csv', file);
    const preview = (await call(c, 'import.preview', salesRequest(path))) as ImportPreview;
    expect(preview.issueCount).toBe(0);
    expect(preview.rowCount).toBe(4);
    expect(preview.batch).toMatchObject({ kind: 'sales', lines: 3, combined: 1, skipped: 0, replaces: 0, overwrites: 0, periodFrom: 202701, periodTo: 202703 });
    const before = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n;
    const done = (await call(c, 'import.commit', salesRequest(path))) as ImportCommitResult;
    expect(done).toMatchObject({ imported: 4, inserted: 3, updated: 0, replaced: 0, skipped: 0, created: 0 });
    const rows = sqlAll<{ period: number; code: string; sku: string; amount_cents: number; volume: number; gross_profit_cents: number }>(
      c,
      `SELECT period, c.code, s.code AS sku, amount_cents, volume, gross_profit_cents FROM sales_actual a
       JOIN customer c ON c.id = a.customer_id JOIN sku s ON s.id = a.sku_id WHERE batch_id = ? ORDER BY period`,
      done.batchId,
    );
    expect(rows).toEqual([
      { period: 202701, code: 'D0001', sku: 'WA0001', amount_cents: 123_450 + 60_000, volume: 15, gross_profit_cents: 20_010 + 10_000 },
      { period: 202702, code: 'D0002', sku: 'WA0002', amount_cents: -45_000, volume: -3, gross_profit_cents: -9_000 },
      { period: 202703, code: 'D0002', sku: 'WA0002', amount_cents: 1_200_000, volume: 1, gross_profit_cents: 0 },
    ]);
    const batch = sql<{ kind: string; source_name: string; mapping_name: string; row_count: number; source_hash: string; encoding: string }>(
      c,
      'SELECT * FROM import_batch WHERE id = ?',
      done.batchId,
    );
    expect(batch).toMatchObject({ kind: 'sales_actual', source_name: 'sales.csv', mapping_name: 'ERP 銷售明細', row_count: 3, encoding: 'utf-8' });
    expect(batch.source_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before + 3);
    expectSummaryInStep(c);
    expect(sql<{ a: number }>(c, 'SELECT amount_cents AS a FROM sales_month_sku WHERE period = 202703 AND sku_id = (SELECT id FROM sku WHERE code = ?)', 'WA0002').a).toBe(
      sql<{ a: number }>(c, 'SELECT SUM(amount_cents) AS a FROM sales_actual WHERE period = 202703 AND sku_id = (SELECT id FROM sku WHERE code = ?)', 'WA0002').a,
    );

    // The same file again: its months' rows of the same source are replaced, the old batch goes.
    const again = (await call(c, 'import.preview', salesRequest(path))) as ImportPreview;
    expect(again.batch).toMatchObject({ replaces: 3, overwrites: 0, lines: 3, otherSources: [] });
    // The preview names what it replaces: the source, the batch, each month.
    expect(again.batch!.taken).toEqual([202701, 202702, 202703].map((period) => ({
      action: 'replace', batchId: done.batchId, fileName: 'sales.csv', source: 'ERP 銷售明細', period, rows: 1,
    })));
    const second = (await call(c, 'import.commit', salesRequest(path))) as ImportCommitResult;
    expect(second.replaced).toBe(3);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before + 3);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM import_batch WHERE id = ?', done.batchId).n).toBe(0);
    expectSummaryInStep(c);

    // Another source with an overlapping key overwrites that row and keeps the rest, once the user confirmed it.
    const other = dataFile(c, 'fix.csv', `${SALES_HEADERS}\n2027-02,D0002,,WA0002,,1,100,10\n`);
    const p3 = (await call(c, 'import.preview', { ...salesRequest(other), source: '手工調整' })) as ImportPreview;
    expect(p3.batch).toMatchObject({ replaces: 0, overwrites: 1, lines: 1, otherSources: ['ERP 銷售明細'] });
    expect(p3.batch!.taken).toEqual([{ action: 'overwrite', batchId: second.batchId, fileName: 'sales.csv', source: 'ERP 銷售明細', period: 202702, rows: 1 }]);
    const refused = await c.r.invoke('import.commit', { ...salesRequest(other), source: '手工調整' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', rule: 'importWizard.preview.other.refused', params: { n: 1, sources: 'ERP 銷售明細' } } });
    expect(sql<{ a: number }>(c, "SELECT amount_cents AS a FROM sales_actual WHERE period = 202702 AND customer_id = (SELECT id FROM customer WHERE code = 'D0002')").a).toBe(-45_000);
    const bad = await c.r.invoke('import.commit', { ...salesRequest(other), source: '手工調整', replaceOtherSources: 'yes' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const fixed = (await call(c, 'import.commit', { ...salesRequest(other), source: '手工調整', replaceOtherSources: true })) as ImportCommitResult;
    expect(fixed).toMatchObject({ overwritten: 1, replaced: 0, combined: 0 });
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before + 3);
    // The overwritten batch holds 2 of its 3 rows and says which batch took the third.
    const overwrittenBatch = (await call(c, 'actuals.batches', { kind: 'sales' })).find((b) => b.id === second.batchId)!;
    expect(overwrittenBatch).toMatchObject({ rowCount: 3, liveRows: 2, losses: [{ action: 'overwrite', batchId: fixed.batchId, fileName: 'fix.csv', rows: 1 }] });
    expect(sql<{ a: number }>(c, "SELECT amount_cents AS a FROM sales_actual WHERE period = 202702 AND customer_id = (SELECT id FROM customer WHERE code = 'D0002')").a).toBe(10_000);
    expectSummaryInStep(c);

    // A batch can be removed, with its rows.
    const removed = await call(c, 'actuals.removeBatch', { id: second.batchId! });
    expect(removed.removed).toBe(2);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before + 1);
    expectSummaryInStep(c);
    await c.session.close();
  });

  it('names every bad cell by row and column, writes nothing, and reads day-first dates only when told', async () => {
    const c = await fresh();
    const file = [
      SALES_HEADERS,
      '2027-01,D0001,,WA0001,,10,abc,1', // row 2: amount
      '05/02/2027,D0001,,WA0002,,10,100,1', // row 3: ambiguous date
      '2027-01,D0001,,WA0003,,1.5,100,1', // row 4: volume not whole
      '2027-13,D0001,,WA0001,,1,100,1', // row 5: no such month
      '2027-01,,,WA0001,,1,100,1', // row 6: customer empty
      '2027-01,D0001,,WA0001,,1,100.123,1', // row 7: more decimals than 分: rounded, no longer refused
    ].join('\n');
    const path = dataFile(c, 'bad.csv', file);
    const preview = (await call(c, 'import.preview', salesRequest(path))) as ImportPreview;
    const found = preview.issues.map((i) => [i.row, i.column, i.field, i.message]);
    expect(found).toEqual([
      [2, '金額', 'amount', 'importWizard.value.notNumber'],
      [3, '月份', 'period', 'importWizard.value.ambiguousDate'],
      [4, '數量', 'volume', 'importWizard.value.notInteger'],
      [5, '月份', 'period', 'importWizard.value.notPeriod'],
      [6, '客戶編碼', 'customer', 'importWizard.value.empty'],
    ]);
    expect(preview.validCount).toBe(1);
    expect(preview.rounding).toEqual({
      values: 1,
      largestChange: '-0.003',
      fields: [{ field: 'amount', fileTotal: '100.123', importedTotal: '100.12', difference: '-0.003', values: 1 }],
    });
    const before = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n;
    const batches = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM import_batch').n;
    const err = await fail(c, 'import.commit', salesRequest(path));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.issues?.[0]).toEqual({ path: 'rows.2.amount', message: 'importWizard.value.notNumber' });
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM import_batch').n).toBe(batches);

    // Day-first, chosen: 05/02/2027 is 5 February.
    const dmy = dataFile(c, 'dmy.csv', `${SALES_HEADERS}\n05/02/2027,D0001,,WA0002,,10,100,1\n`);
    const options = { dateOrder: 'dmy' as const, dateSystem: 1900 as const, amountUnit: 'yuan' as const };
    const ok = (await call(c, 'import.preview', salesRequest(dmy, { options }))) as ImportPreview;
    expect(ok.issueCount).toBe(0);
    expect(ok.batch?.periodFrom).toBe(202702);
    const mdy = (await call(c, 'import.preview', salesRequest(dmy, { options: { ...options, dateOrder: 'mdy' } }))) as ImportPreview;
    expect(mdy.batch?.periodFrom).toBe(202705);
    await c.session.close();
  });

  it('reads amounts in 萬元 and Excel day numbers in either date system', async () => {
    const c = await fresh();
    // 46753 is 2028-01-01 in the 1900 system; 45291 in the 1904 system is 2028-01-01 too.
    const path = dataFile(c, 'wan.csv', `${SALES_HEADERS}\n46753,D0001,,WA0001,,2,1.5,0.25\n`);
    const wan = { dateOrder: 'ymd' as const, dateSystem: 1900 as const, amountUnit: 'wan' as const };
    const p = (await call(c, 'import.preview', salesRequest(path, { options: wan }))) as ImportPreview;
    expect(p.batch?.periodFrom).toBe(202801);
    const d = (await call(c, 'import.commit', salesRequest(path, { options: wan }))) as ImportCommitResult;
    expect(sql<{ a: number; g: number }>(c, 'SELECT amount_cents AS a, gross_profit_cents AS g FROM sales_actual WHERE batch_id = ?', d.batchId)).toEqual({ a: 1_500_000, g: 250_000 });
    const path1904 = dataFile(c, 's1904.csv', `${SALES_HEADERS}\n45291,D0001,,WA0001,,2,1.5,0.25\n`);
    const p1904 = (await call(c, 'import.preview', salesRequest(path1904, { options: { ...wan, dateSystem: 1904 } }))) as ImportPreview;
    expect(p1904.batch?.periodFrom).toBe(202801);
    await c.session.close();
  });

  it('rounds amounts with more decimals than 分 half away from zero, and the totals reconcile to the 分', async () => {
    const c = await fresh();
    const file = [
      SALES_HEADERS,
      '2027-01,D0001,,WA0001,,1,100.1250,10.1111', // 100.13 (+0.005), 10.11 (−0.0011)
      '2027-01,D0001,,WA0002,,1,200.3349,20', // 200.33 (−0.0049)
      '2027-01,D0001,,WA0003,,-1,-5.0050,-1', // −5.01 (−0.005)
      '2027-02,D0001,,WA0001,,1,0.0050,0', // 0.01 (+0.005)
      '2027-02,D0001,,WA0001,,1,50,5', // the same line as the row above
      '2027-02,D0001,,WA0002,,1,abc,5', // refused: not counted in the totals
    ].join('\n');
    const path = dataFile(c, 'four.csv', file);
    const preview = (await call(c, 'import.preview', salesRequest(path))) as ImportPreview;
    expect(preview.issues.map((i) => [i.row, i.message])).toEqual([[7, 'importWizard.value.notNumber']]);
    // File: 100.125 + 200.3349 − 5.005 + 0.005 + 50 = 345.4599; imported: 100.13 + 200.33 − 5.01 + 0.01 + 50 = 345.46.
    const expected = {
      values: 5,
      largestChange: '0.005',
      fields: [
        { field: 'amount', fileTotal: '345.4599', importedTotal: '345.46', difference: '0.0001', values: 4 },
        { field: 'grossProfit', fileTotal: '34.1111', importedTotal: '34.11', difference: '-0.0011', values: 1 },
      ],
    };
    expect(preview.rounding).toEqual(expected);

    const fixed = dataFile(c, 'four-fixed.csv', file.split('\n').slice(0, -1).join('\n'));
    const done = (await call(c, 'import.commit', salesRequest(fixed))) as ImportCommitResult;
    expect(done.rounding).toEqual(expected);
    // The lines hold the rounded values, and their sum is the imported total.
    const lines = sqlAll<{ a: number }>(c, 'SELECT amount_cents AS a FROM sales_actual WHERE batch_id = ? ORDER BY period, sku_id', done.batchId);
    expect(lines.map((l) => l.a)).toEqual([10_013, 20_033, -501, 5_001]);
    const total = sql<{ a: number; g: number }>(c, 'SELECT sum(amount_cents) AS a, sum(gross_profit_cents) AS g FROM sales_actual WHERE batch_id = ?', done.batchId);
    expect(total).toEqual({ a: 34_546, g: 3_411 });
    expectSummaryInStep(c);
    await c.session.close();
  });

  it('refuses amounts with more decimals than 分 when told to', async () => {
    const c = await fresh();
    const path = dataFile(c, 'strict.csv', `${SALES_HEADERS}\n2027-01,D0001,,WA0001,,1,100.125,1\n`);
    const options = { dateOrder: 'ymd' as const, dateSystem: 1900 as const, amountUnit: 'yuan' as const, rounding: 'refuse' as const };
    const preview = (await call(c, 'import.preview', salesRequest(path, { options }))) as ImportPreview;
    expect(preview.issues.map((i) => [i.row, i.field, i.message, i.params])).toEqual([[2, 'amount', 'importWizard.value.tooPrecise', { value: '100.125' }]]);
    expect(preview.rounding).toBeUndefined();
    await c.session.close();
  });

  it('reads two-digit years and times in day-first dates, and a date it cannot read names the order used', async () => {
    const c = await fresh();
    const headers = '日期,門店編碼,品牌,品類,在架SKU數,排面';
    const dmy = { dateOrder: 'dmy' as const, dateSystem: 1900 as const, amountUnit: 'yuan' as const };
    const terminal = sql<{ code: string }>(c, 'SELECT code FROM terminal ORDER BY id LIMIT 1').code;
    const brand = sql<{ code: string }>(c, 'SELECT code FROM brand ORDER BY id LIMIT 1').code;
    const category = sql<{ code: string }>(c, 'SELECT code FROM category ORDER BY id LIMIT 1').code;
    const file = [headers, `03/01/27 14:22:01,${terminal},${brand},${category},3,4`, `5.3.27,${terminal},${brand},${category},3,4`, `someday,${terminal},${brand},${category},3,4`].join('\n');
    const path = dataFile(c, 'audit.csv', file);
    const mapping = { date: 0, terminal: 1, brand: 2, category: 3, skusOnShelf: 4, facings: 5 };
    const preview = (await call(c, 'import.preview', { path, destination: 'actuals:audit', mapping, options: dmy })) as ImportPreview;
    expect(preview.issues.map((i) => [i.row, i.message, i.params])).toEqual([[4, 'importWizard.value.notDate', { value: 'someday', order: 'dmy' }]]);
    expect(preview.validCount).toBe(2);
    const good = dataFile(c, 'audit-good.csv', file.split('\n').slice(0, -1).join('\n'));
    const done = (await call(c, 'import.commit', { path: good, destination: 'actuals:audit', mapping, options: dmy })) as ImportCommitResult;
    const dates = sqlAll<{ d: string }>(c, 'SELECT audit_date AS d FROM store_audit WHERE batch_id = ? ORDER BY audit_date', done.batchId);
    expect(dates.map((r) => r.d)).toEqual(['2027-01-03', '2027-03-05']);
    await c.session.close();
  });

  it('derives gross profit from the standard cost when the file has none', async () => {
    const c = await fresh();
    const path = dataFile(c, 'nogp_2027-04.csv', '月份,客戶編碼,存貨編碼,數量,金額\n2027-04,D0001,WA0001,3,500\n');
    const d = (await call(c, 'import.commit', { path, destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4 } })) as ImportCommitResult;
    const cost = sql<{ c: number }>(c, "SELECT std_cost_cents AS c FROM sku WHERE code = 'WA0001'").c;
    expect(sql<{ g: number }>(c, 'SELECT gross_profit_cents AS g FROM sales_actual WHERE batch_id = ?', d.batchId).g).toBe(50_000 - 3 * cost);
    // The source defaults to the file name's pattern (never the header line), so next month's file is the same source.
    expect(sql<{ m: string }>(c, 'SELECT mapping_name AS m FROM import_batch WHERE id = ?', d.batchId).m).toBe('nogp_*');
    await c.session.close();
  });

  it('lists unknown customers and SKUs with suggestions, and maps, creates or skips them as decided', async () => {
    const c = await fresh();
    const file = [
      SALES_HEADERS,
      '2027-01,X9001,新客戶甲,WA0001,,10,1000,100',
      '2027-02,X9001,新客戶甲,WA0001,,10,1000,100',
      '2027-01,D0001,,NEWSKU,新品氣泡水 330ml×24,20,2400,600',
      '2027-01,上海天成食品經營部X,,WA0001,,1,100,10',
      '2027-01,GONE,,WA0001,,1,100,10',
    ].join('\n');
    const path = dataFile(c, 'unknown.csv', file);
    const p = (await call(c, 'import.preview', salesRequest(path))) as ImportPreview;
    expect(p.unknownCount).toBe(4);
    const byValue = Object.fromEntries(p.unknowns!.map((u) => [u.value, u]));
    expect(byValue.X9001).toMatchObject({ dimension: 'customer', rows: 2, firstRow: 2, fileName: '新客戶甲' });
    expect(byValue.NEWSKU).toMatchObject({ dimension: 'sku', rows: 1, firstRow: 4, fileName: '新品氣泡水 330ml×24' });
    expect(byValue['上海天成食品經營部X'].suggestions[0].code).toBe('D0001');
    expect(p.issues.filter((i) => i.message === 'importWizard.issue.unknownMember').map((i) => i.row)).toEqual([2, 3, 4, 5, 6]);

    const d0001 = sql<{ id: number }>(c, "SELECT id FROM customer WHERE code = 'D0001'").id;
    const city = sql<{ id: number }>(c, 'SELECT min(id) AS id FROM city').id;
    const channel = sql<{ id: number }>(c, 'SELECT min(id) AS id FROM channel').id;
    const brand = sql<{ id: number }>(c, "SELECT id FROM brand WHERE code = 'QQ'").id;
    const category = sql<{ id: number }>(c, "SELECT id FROM category WHERE code = 'SPARKLE'").id;
    const resolutions = [
      { dimension: 'customer' as const, value: 'X9001', action: 'create' as const, cityId: city, channelId: channel },
      { dimension: 'sku' as const, value: 'NEWSKU', action: 'create' as const, brandId: brand, categoryId: category },
      { dimension: 'customer' as const, value: '上海天成食品經營部X', action: 'map' as const, id: d0001 },
      { dimension: 'customer' as const, value: 'GONE', action: 'skip' as const },
    ];
    const p2 = (await call(c, 'import.preview', salesRequest(path, { resolutions }))) as ImportPreview;
    expect(p2.issueCount).toBe(0);
    expect(p2.batch).toMatchObject({ skipped: 1, creates: 2, lines: 4 });
    const d = (await call(c, 'import.commit', salesRequest(path, { resolutions }))) as ImportCommitResult;
    expect(d).toMatchObject({ created: 2, skipped: 1, inserted: 4 });
    const created = sql<{ name: string; city_id: number; channel_id: number }>(c, "SELECT name, city_id, channel_id FROM customer WHERE code = 'X9001'");
    expect(created).toEqual({ name: '新客戶甲', city_id: city, channel_id: channel });
    const sku = sql<{ name: string; brand_id: number; list_price_cents: number; std_cost_cents: number }>(
      c,
      "SELECT name, brand_id, list_price_cents, std_cost_cents FROM sku WHERE code = 'NEWSKU'",
    );
    // Priced from the file: 2,400 元 over 20 cases, gross profit 600 → cost 90 元.
    expect(sku).toEqual({ name: '新品氣泡水 330ml×24', brand_id: brand, list_price_cents: 12_000, std_cost_cents: 9_000 });
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual WHERE batch_id = ? AND customer_id = ?', d.batchId, d0001).n).toBe(2);

    // A decision that cannot be carried out is refused by name.
    const bad = (await call(c, 'import.preview', salesRequest(path, { resolutions: [{ dimension: 'customer', value: 'GONE', action: 'map', id: 999_999 }] }))) as ImportPreview;
    expect(bad.issues.some((i) => i.message === 'importWizard.issue.badResolution' && i.params?.value === 'GONE')).toBe(true);
    await c.session.close();
  });
});

describe('a large sales import', () => {
  it('rebuilds the SKU index instead of maintaining it, keeps its definition, and a cancel mid-write restores it', async () => {
    const c = await fresh();
    const skuSql = () => sql<{ sql: string } | undefined>(c, "SELECT sql FROM sqlite_master WHERE name = 'sales_actual_sku'")?.sql;
    const definition = skuSql();
    expect(definition).toContain('sales_actual(sku_id, period)');
    const customers = sqlAll<{ code: string }>(c, 'SELECT code FROM customer ORDER BY id');
    const skus = sqlAll<{ code: string }>(c, 'SELECT code FROM sku ORDER BY id');
    const lines: string[] = [SALES_HEADERS];
    for (let m = 1; m <= 12; m++) for (const cu of customers) for (const sk of skus) lines.push(`2028-${String(m).padStart(2, '0')},${cu.code},,${sk.code},,1,10,1`);
    const n = lines.length - 1;
    expect(n).toBeGreaterThanOrEqual(5_000);
    const path = dataFile(c, 'big.csv', lines.join('\n'));
    const before = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n;
    expect(n * 5).toBeGreaterThanOrEqual(before);
    const request = { path, destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 3, volume: 5, amount: 6, grossProfit: 7 }, options: { dateOrder: 'ymd' as const, dateSystem: 1900 as const, amountUnit: 'yuan' as const }, source: 'big', resolutions: [] };
    // Cancelled once the lines are being written: everything, the index too, rolls back.
    let writing = false;
    await expect(importActuals(c.path, 'commit', request, (done) => { writing = done > 600; }, () => writing)).rejects.toThrow(/cancelled/);
    expect(skuSql()).toBe(definition);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before);
    const d = (await importActuals(c.path, 'commit', request, () => undefined, () => false)) as ImportCommitResult;
    expect(d.inserted).toBe(n);
    expect(skuSql()).toBe(definition);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before + n);
    // New months: their summaries are summed from the lines written, and equal the table's sums.
    expectSummaryInStep(c);
    expect(sql<{ r: string }>(c, 'PRAGMA integrity_check').r ?? Object.values(sql<Record<string, string>>(c, 'PRAGMA integrity_check'))[0]).toBe('ok');
    const plan = sqlAll<{ detail: string }>(c, 'EXPLAIN QUERY PLAN SELECT sum(amount_cents) FROM sales_actual WHERE sku_id = 3 AND period >= 202801').map((r) => r.detail).join(' ');
    expect(plan).toContain('sales_actual_sku');
    await c.session.close();
  });
});

describe('saved mappings', () => {
  it('remember how an actuals source is read beside its columns; master data keeps columns only', async () => {
    const c = await fresh();
    const options = { dateOrder: 'dmy' as const, dateSystem: 1904 as const, amountUnit: 'wan' as const };
    const list = await call(c, 'import.saveMapping', { destination: 'actuals:sales', name: 'ERP 銷售明細', columns: { period: '月份', amount: '金額', nope: 'x' } as never, options });
    expect(list).toEqual([{ name: 'ERP 銷售明細', columns: { period: '月份', amount: '金額' }, options, updatedAt: expect.any(String) }]);
    expect((await call(c, 'import.mappings', { destination: 'actuals:sales' }))[0].options).toEqual(options);
    const master = await call(c, 'import.saveMapping', { destination: 'master:customer', name: 'crm', columns: { code: '編碼' }, options });
    expect(master[0]).not.toHaveProperty('options');
    const bad = await fail(c, 'import.saveMapping', { destination: 'actuals:sales', name: 'x', columns: {}, options: { ...options, amountUnit: 'yi' } as never });
    expect(bad.code).toBe('INVALID_INPUT');
    await c.session.close();
  });
});

describe('bad input files', () => {
  it('refuses each with a clear reason, imports nothing, and keeps working', async () => {
    const c = await fresh();
    const before = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n;
    const cases: [string, string | Buffer, string][] = [
      ['empty.csv', '', 'importWizard.refuse.empty'],
      ['headers.csv', `${SALES_HEADERS}\r\n\r\n`, 'importWizard.refuse.only_headers'],
      ['quotes.csv', `${SALES_HEADERS}\n2027-01,"D0001,,WA0001,,1,1,1\n`, 'importWizard.refuse.unbalanced_quotes'],
      ['huge-cell.csv', `${SALES_HEADERS}\n2027-01,${'x'.repeat(10 * 1024 * 1024)},,WA0001,,1,1,1\n`, 'importWizard.refuse.cell_too_large'],
      ['binary.csv', Buffer.from([0x31, 0x00, 0x32, 0x00, 0x00, 0x00, 0xff, 0x10, 0x00, 0x00]), 'importWizard.refuse.not_csv'],
    ];
    for (const [name, content, reason] of cases) {
      const path = dataFile(c, name, content);
      const err = await fail(c, 'import.preview', salesRequest(path));
      expect(err.rule, name).toBe(reason);
      const commit = await fail(c, 'import.commit', salesRequest(path));
      expect(commit.rule, name).toBe(reason);
    }
    // A zip bomb named .xlsx: a tiny zip whose directory declares gigabytes.
    const bomb = Buffer.alloc(22 + 46 + 8);
    bomb.writeUInt32LE(0x04034b50, 0);
    const dir = 8;
    bomb.writeUInt32LE(0x02014b50, dir);
    bomb.writeUInt32LE(1000, dir + 20);
    bomb.writeUInt32LE(0xfffffff0, dir + 24);
    const eocd = dir + 46;
    bomb.writeUInt32LE(0x06054b50, eocd);
    bomb.writeUInt16LE(1, eocd + 10);
    bomb.writeUInt32LE(46, eocd + 12);
    bomb.writeUInt32LE(dir, eocd + 16);
    const bombPath = dataFile(c, 'bomb.xlsx', bomb);
    expect((await fail(c, 'import.preview', salesRequest(bombPath))).rule).toBe('importWizard.refuse.zip_bomb');
    // The wrong encoding: GBK read as UTF-8 shows as garbage, so the headers and the names do not match.
    const gbk = dataFile(c, 'gbk.csv', iconv.encode(`${SALES_HEADERS}\n2027-01,上海天成食品經營部,,WA0001,,1,1,1\n`, 'gbk'));
    const wrong = (await call(c, 'import.preview', salesRequest(gbk, { encoding: 'utf-8' }))) as ImportPreview;
    expect(wrong.issueCount).toBeGreaterThan(0);
    expect(wrong.unknowns?.[0].value).toContain('\ufffd');
    const right = (await call(c, 'import.preview', salesRequest(gbk))) as ImportPreview;
    expect(right.issueCount).toBe(0);
    // Nothing was written, and the app still answers.
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM sales_actual').n).toBe(before);
    expect((await call(c, 'edit.state', {})).canUndo).toBeTypeOf('boolean');
    // A malformed call is refused by the contract.
    const malformed = await c.r.invoke('import.preview', { path: gbk, destination: 'actuals:sales', mapping: SALES_MAPPING, resolutions: [{ dimension: 'planet', value: 'x', action: 'map' }] } as never);
    expect(malformed.ok).toBe(false);
    await c.session.close();
  });

  it('a cancelled commit writes nothing', async () => {
    const c = await fresh();
    const path = dataFile(c, 'cancel.csv', `${SALES_HEADERS}\n2027-01,D0001,,WA0001,,1,1,1\n`);
    const before = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM import_batch').n;
    const request = { path, encoding: undefined, destination: 'actuals:sales', mapping: SALES_MAPPING, options: { dateOrder: 'ymd' as const, dateSystem: 1900 as const, amountUnit: 'yuan' as const }, source: 's', resolutions: [] };
    let calls = 0;
    await expect(importActuals(c.path, 'commit', request, () => undefined, () => ++calls > 1)).rejects.toThrow(/cancelled/);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM import_batch').n).toBe(before);
    await c.session.close();
  });
});

describe('market data, statements, audits and visits', () => {
  it('imports market data, creating a competitor brand, and combines repeated rows', async () => {
    const c = await fresh();
    const file = ['月份,城市,品類,品牌,銷售額(萬元),銷量', '2027-01,南京,包裝飲用水,清泉,12.5,100', '2027-01,南京市,WATER,新牌子,3,10', '2027-01,南京,包裝飲用水,清泉,0.5,5'].join('\n');
    const path = dataFile(c, 'market.csv', file);
    const mapping = { period: 0, city: 1, category: 2, brand: 3, amount: 4, volume: 5 };
    const options = { dateOrder: 'ymd' as const, dateSystem: 1900 as const, amountUnit: 'wan' as const };
    const p = (await call(c, 'import.preview', { path, destination: 'actuals:market', mapping, options })) as ImportPreview;
    expect(p.unknowns?.map((u) => [u.dimension, u.value])).toEqual([['brand', '新牌子']]);
    const resolutions = [{ dimension: 'brand' as const, value: '新牌子', action: 'create' as const }];
    const d = (await call(c, 'import.commit', { path, destination: 'actuals:market', mapping, options, resolutions })) as ImportCommitResult;
    expect(d).toMatchObject({ inserted: 2, created: 1 });
    expect(sql<{ is_own: number }>(c, "SELECT is_own FROM brand WHERE name = '新牌子'").is_own).toBe(0);
    const own = sql<{ a: number; v: number }>(
      c,
      "SELECT amount_cents AS a, volume AS v FROM market_sales WHERE batch_id = ? AND brand_id = (SELECT id FROM brand WHERE code = 'QQ')",
      d.batchId,
    );
    expect(own).toEqual({ a: 13 * 1_000_000, v: 105 });
    await c.session.close();
  });

  it('resolves a city written in Simplified, with or without 市, to the region city named in Traditional', async () => {
    const c = await fresh();
    const suzhou = sql<{ id: number; name: string }>(c, "SELECT id, name FROM city WHERE code = '320500'");
    expect(suzhou.name).toBe('蘇州市');
    const file = ['月份,城市,品類,品牌,銷售額,銷量', '2027-02,苏州,包裝飲用水,清泉,100,1', '2027-02,苏州市,包裝飲用水,清泉,100,1', '2027-02,蘇州,包裝飲用水,清泉,100,1'].join('\n');
    const path = dataFile(c, 'market-sz.csv', file);
    const mapping = { period: 0, city: 1, category: 2, brand: 3, amount: 4, volume: 5 };
    const p = (await call(c, 'import.preview', { path, destination: 'actuals:market', mapping })) as ImportPreview;
    expect(p.unknowns ?? []).toEqual([]);
    const d = (await call(c, 'import.commit', { path, destination: 'actuals:market', mapping })) as ImportCommitResult;
    expect(sqlAll<{ city: number; v: number }>(c, 'SELECT city_id AS city, volume AS v FROM market_sales WHERE batch_id = ?', d.batchId)).toEqual([{ city: suzhou.id, v: 3 }]);
    await c.session.close();
  });

  it('refuses a customer twice in one statement month and imports a clean statement', async () => {
    const c = await fresh();
    const mapping = { period: 0, customer: 1, inventory: 2, receivable: 3 };
    const dup = dataFile(c, 'stmt.csv', '月份,客戶編碼,庫存金額,應收賬款\n2027-01,D0001,100,200\n2027-01,D0001,1,2\n2027-01,D0002,,\n');
    const p = (await call(c, 'import.preview', { path: dup, destination: 'actuals:statement', mapping })) as ImportPreview;
    expect(p.issues.map((i) => [i.row, i.message, i.params?.row])).toEqual([
      [3, 'importWizard.issue.duplicateLine', 2],
      [4, 'importWizard.issue.noValues', undefined],
    ]);
    const ok = dataFile(c, 'stmt2.csv', '月份,客戶編碼,庫存金額,應收賬款\n2027-01,D0001,100,200\n2027-01,D0002,(5),0\n');
    const d = (await call(c, 'import.commit', { path: ok, destination: 'actuals:statement', mapping })) as ImportCommitResult;
    expect(sqlAll<{ i: number; r: number }>(c, 'SELECT inventory_cents AS i, receivable_cents AS r FROM customer_statement WHERE batch_id = ? ORDER BY customer_id', d.batchId)).toEqual([
      { i: 10_000, r: 20_000 },
      { i: -500, r: 0 },
    ]);
    await c.session.close();
  });

  it('groups audit rows into audits with a line per brand and category, and replaces them on re-import', async () => {
    const c = await fresh();
    const file = [
      '檢查日期,門店編碼,品牌,品類,在架SKU數,排面,貨架價,陳列',
      '2027-03-02,T000001,清泉,包裝飲用水,4,6,2.50,是',
      '2027-03-02,T000001,農夫山泉,包裝飲用水,5,8,2.00,否',
      '2027-03-02,T000002,清泉,包裝飲用水,2,2,,',
      '2027-03-02,T000001,清泉,包裝飲用水,1,1,,', // the same line twice
      '2027-03-03,T000002,清泉,即飲茶,-1,2,,', // negative
    ].join('\n');
    const mapping = { date: 0, terminal: 1, brand: 2, category: 3, skusOnShelf: 4, facings: 5, shelfPrice: 6, display: 7 };
    const bad = dataFile(c, 'audit-bad.csv', file);
    const p = (await call(c, 'import.preview', { path: bad, destination: 'actuals:audit', mapping, source: '督導檢查' })) as ImportPreview;
    expect(p.issues.map((i) => [i.row, i.field, i.message])).toEqual([
      [5, 'brand', 'importWizard.issue.duplicateLine'],
      [6, 'skusOnShelf', 'importWizard.issue.negative'],
    ]);
    const good = dataFile(c, 'audit.csv', file.split('\n').slice(0, 4).join('\n'));
    const d = (await call(c, 'import.commit', { path: good, destination: 'actuals:audit', mapping, source: '督導檢查' })) as ImportCommitResult;
    expect(d.inserted).toBe(3);
    expect(sql<{ n: number }>(c, 'SELECT count(*) AS n FROM store_audit WHERE batch_id = ?', d.batchId).n).toBe(2);
    const line = sql<{ facings: number; shelf_price_cents: number; has_display: number }>(
      c,
      `SELECT facings, shelf_price_cents, has_display FROM store_audit_brand b JOIN store_audit a ON a.id = b.audit_id
       WHERE a.batch_id = ? AND b.brand_id = (SELECT id FROM brand WHERE code = 'QQ') AND a.terminal_id = (SELECT id FROM terminal WHERE code = 'T000001')`,
      d.batchId,
    );
    expect(line).toEqual({ facings: 6, shelf_price_cents: 250, has_display: 1 });
    const again = (await call(c, 'import.commit', { path: good, destination: 'actuals:audit', mapping, source: '督導檢查' })) as ImportCommitResult;
    expect(again.replaced).toBe(3);
    expect(sql<{ n: number }>(c, "SELECT count(*) AS n FROM store_audit WHERE audit_date = '2027-03-02'").n).toBe(2);
    await c.session.close();
  });

  it('gathers visit rows into visits with stock checks, prices and promises', async () => {
    const c = await fresh();
    const file = [
      '拜訪日期,客戶編碼,業務員,拜訪結果,庫存單品,庫存,價格品牌,進貨價,零售價,承諾,完成期限',
      '2027-04-08,D0001,S001,下單 200 箱,WA0001,30,,,,,',
      '2027-04-08,D0001,S001,,WA0002,12,農夫山泉,1.60,2.00,補陳列,2027-04-20',
      '2027-04-09,D0002,S002,拒絕加價,,,,,,,2027-05-01', // a due date without a promise
    ].join('\n');
    const mapping = { date: 0, customer: 1, salesperson: 2, outcome: 3, stockSku: 4, stockVolume: 5, priceBrand: 6, purchasePrice: 7, retailPrice: 8, promise: 9, promiseDue: 10 };
    const path = dataFile(c, 'visits.csv', file);
    const p = (await call(c, 'import.preview', { path, destination: 'actuals:visit', mapping })) as ImportPreview;
    expect(p.issues.map((i) => [i.row, i.field, i.message])).toEqual([[4, 'promiseDue', 'importWizard.issue.promiseDueWithoutPromise']]);
    const good = dataFile(c, 'visits-ok.csv', file.split('\n').slice(0, 3).join('\n'));
    const d = (await call(c, 'import.commit', { path: good, destination: 'actuals:visit', mapping })) as ImportCommitResult;
    expect(d.inserted).toBe(1);
    const v = sql<{ id: number; outcome: string }>(c, 'SELECT id, outcome FROM customer_visit WHERE batch_id = ?', d.batchId);
    expect(v.outcome).toBe('下單 200 箱');
    expect(sql<{ n: number }>(c, 'SELECT sum(stock_volume) AS n FROM visit_stock WHERE visit_id = ?', v.id).n).toBe(42);
    expect(sql<{ p: number; r: number }>(c, 'SELECT purchase_price_cents AS p, retail_price_cents AS r FROM visit_price WHERE visit_id = ?', v.id)).toEqual({ p: 160, r: 200 });
    expect(sql<{ promise: string; due_date: string }>(c, 'SELECT promise, due_date FROM visit_promise WHERE visit_id = ?', v.id)).toEqual({ promise: '補陳列', due_date: '2027-04-20' });
    await c.session.close();
  });
});

describe('actual expenses', () => {
  it('imports an expense ledger by item name or code, one line a row, offers every item to map to, and replaces its months on re-import', async () => {
    const c = await fresh();
    const file = [
      '月份,費用項目,品牌,渠道,城市,金額,摘要',
      '2027-01,陳列費,清泉,,南京,"12,000.00",大潤發端架',
      '2027-01,陳列費,清泉,,南京,3000,補差', // a second payment: its own line
      '2027-02,ADV-POP,,,,(500),沖銷',
      '2027-02,樣品費,,,,800,', // an item the file names that the region does not have
    ].join('\n');
    const path = dataFile(c, 'ledger.csv', file);
    const mapping = { period: 0, item: 1, brand: 2, channel: 3, city: 4, amount: 5, note: 6 };
    const p = (await call(c, 'import.preview', { path, destination: 'actuals:expense', mapping, source: '費用台賬' })) as ImportPreview;
    expect(p.unknowns?.map((u) => [u.dimension, u.value])).toEqual([['expenseItem', '樣品費']]);
    // Items are few: the preview offers all of them to map to.
    const items = sql<{ n: number }>(c, 'SELECT count(*) AS n FROM expense_item').n;
    expect(p.unknowns?.[0].suggestions).toHaveLength(items);
    const other = sql<{ id: number }>(c, "SELECT id FROM expense_item WHERE code = 'OTHER'").id;
    const resolutions = [{ dimension: 'expenseItem' as const, value: '樣品費', action: 'map' as const, id: other }];
    const d = (await call(c, 'import.commit', { path, destination: 'actuals:expense', mapping, source: '費用台賬', resolutions })) as ImportCommitResult;
    expect(d.inserted).toBe(4);
    const rows = sqlAll<{ code: string; amount_cents: number; note: string; brand: string | null; city: string | null }>(
      c,
      `SELECT i.code, e.amount_cents, e.note, b.code AS brand, ci.name AS city FROM expense_actual e JOIN expense_item i ON i.id = e.item_id
       LEFT JOIN brand b ON b.id = e.brand_id LEFT JOIN city ci ON ci.id = e.city_id WHERE e.batch_id = ? ORDER BY e.id`,
      d.batchId,
    );
    expect(rows).toEqual([
      { code: 'TERM-SHELF', amount_cents: 1_200_000, note: '大潤發端架', brand: 'QQ', city: '南京市' },
      { code: 'TERM-SHELF', amount_cents: 300_000, note: '補差', brand: 'QQ', city: '南京市' },
      { code: 'ADV-POP', amount_cents: -50_000, note: '沖銷', brand: null, city: null },
      { code: 'OTHER', amount_cents: 80_000, note: '', brand: null, city: null },
    ]);
    const again = (await call(c, 'import.commit', { path, destination: 'actuals:expense', mapping, source: '費用台賬', resolutions })) as ImportCommitResult;
    expect(again.replaced).toBe(4);
    expect(sql<{ n: number }>(c, "SELECT count(*) AS n FROM expense_actual WHERE period BETWEEN 202701 AND 202702").n).toBe(4);
    const list = await call(c, 'actuals.list', { kind: 'expense', filter: { periodFrom: 202701, periodTo: 202702 } });
    expect(list.total).toBe(4);
    expect(list.totals.amountCents).toBe(1_200_000 + 300_000 - 50_000 + 80_000);
    expect(list.rows[0]).toMatchObject({ itemCode: 'TERM-SHELF', itemName: '陳列費', brandName: '清泉', cityName: '南京市', batchName: 'ledger.csv' });
    await c.session.close();
  });
});

describe('the format step on a large CSV', () => {
  it('samples the first rows and estimates the row count instead of reading it all', async () => {
    const c = await fresh();
    const rows = Array.from({ length: 400_000 }, (_, i) => `2026-01,D0001,客戶,WA0001,單品,${i},${i}.5,1`);
    const path = dataFile(c, 'large.csv', iconv.encode([SALES_HEADERS, ...rows].join('\n'), 'gbk'));
    expect(readFileSync(path).length).toBeGreaterThan(16 * 1024 * 1024);
    const info = await call(c, 'import.inspect', { path });
    expect(info.rowCountApprox).toBe(true);
    expect(info.rowCount).toBe(400_000);
    expect(info.sample).toHaveLength(20);
    expect(info.headers).toEqual(SALES_HEADERS.split(','));
    expect(info.encoding).toBe('gb18030');
    await c.session.close();
  });
});

describe('workbooks', () => {
  it('imports an .xlsx sheet chosen by name, with a title row above the header and real date cells in the 1904 system', async () => {
    const c = await fresh();
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['說明'], ['x']]), '說明');
    const ws = XLSX.utils.aoa_to_sheet([
      ['2027 年一季度銷售明細'],
      ['日期', '客戶編碼', '存貨編碼', '數量', '金額'],
      // 45657 in the 1904 system is 2029-01-01; as a date cell it reads as its day, whatever the system.
      [{ t: 'n', v: 45657, z: 'yyyy-mm-dd' }, 'D0001', 'WA0001', 2, 1234.5],
      ['2027-02', 'D0001', 'WA0002', 1, '1,000'],
    ]);
    XLSX.utils.book_append_sheet(book, ws, '明細');
    book.Workbook = { WBProps: { date1904: true } };
    const path = dataFile(c, 'q1.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const info = await call(c, 'import.inspect', { path, sheet: '明細' });
    expect(info.headerRow).toBe(2);
    expect(info.date1904).toBe(true);
    expect(info.sheets).toEqual(['說明', '明細']);
    const request = { path, sheet: '明細', destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4 }, source: 'q1' };
    const p = (await call(c, 'import.preview', request)) as ImportPreview;
    expect(p.issueCount).toBe(0);
    expect(p.batch).toMatchObject({ periodFrom: 202702, periodTo: 202901, lines: 2 });
    const d = (await call(c, 'import.commit', request)) as ImportCommitResult;
    expect(sqlAll<{ period: number; a: number }>(c, 'SELECT period, amount_cents AS a FROM sales_actual WHERE batch_id = ? ORDER BY period', d.batchId)).toEqual([
      { period: 202702, a: 100_000 },
      { period: 202901, a: 123_450 },
    ]);
    await c.session.close();
  });
});
