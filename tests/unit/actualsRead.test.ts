import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { listSql } from '../../src/main/core/repos/actualsList';
import { Session } from '../../src/main/core/session';
import { ACTUAL_FIELDS } from '../../src/main/core/io/actuals/fields';
import { ACTUAL_COLUMNS, ACTUAL_KINDS, ACTUALS_LIST_LIMIT, MEMBER_DIMENSIONS, type ActualKind } from '../../src/shared/actuals';
import { en } from '../../src/shared/i18n/en';
import { zhHans } from '../../src/shared/i18n/zh-Hans';
import { zhHant } from '../../src/shared/i18n/zh-Hant';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';
import { testHost, tinyDemoTemplate } from './helpers';

// The actuals grids' reads and the batches through the handler registry, on the tiny
// demo region. Every expected count and sum is recomputed from the file with its own
// SQL, never copied from the code under test.

const template = tinyDemoTemplate();

interface Ctx {
  session: Session;
  r: HandlerRegistry;
}

const opened: Session[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

async function fresh(prepare?: (db: Database.Database) => void): Promise<Ctx> {
  const path = template.copy();
  const dir = join(path, '..');
  if (prepare) {
    const db = new Database(path);
    prepare(db);
    db.close();
  }
  const session = new Session(testHost(join(dir, 'state'), { runJob: inlineJobRunner() }));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  opened.push(session);
  return { session, r };
}

async function call<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await c.r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as EndpointResult<K>;
}
async function refused(c: Ctx, name: EndpointName, input: unknown): Promise<AppErrorData> {
  const res = await c.r.invoke(name, input);
  if (res.ok) throw new Error(`${name} should have been refused`);
  return res.error;
}

function one<T>(c: Ctx, text: string, ...params: unknown[]): T {
  return c.session.requireFile().sqlite.prepare(text).pluck().get(...params) as T;
}
function row(c: Ctx, text: string, ...params: unknown[]): Record<string, number> {
  return c.session.requireFile().sqlite.prepare(text).get(...params) as Record<string, number>;
}

describe('actuals.list', () => {
  it('lists sales with the batch each row came from, the count and the sums of every row', async () => {
    const c = await fresh();
    const res = await call(c, 'actuals.list', { kind: 'sales', filter: {} });
    const total = one<number>(c, 'SELECT count(*) FROM sales_actual');
    expect(res.total).toBe(total);
    expect(res.rows).toHaveLength(Math.min(ACTUALS_LIST_LIMIT, total));
    expect(res.totals).toEqual(
      row(
        c,
        `SELECT sum(amount_cents) AS amountCents, sum(volume) AS volume, sum(gross_profit_cents) AS grossProfitCents,
                sum(gp_known = 0) AS noGpLines, sum(CASE WHEN gp_known = 0 THEN amount_cents ELSE 0 END) AS noGpAmountCents FROM sales_actual`,
      ),
    );
    const keys = [...ACTUAL_COLUMNS.sales.map((col) => col.key), 'batchId'].sort();
    for (const r of res.rows.slice(0, 50)) expect(Object.keys(r).sort()).toEqual(keys);
    // The batch's name is its file name.
    for (const r of res.rows.slice(0, 50)) {
      expect(r.batchName).toBe(one<string>(c, 'SELECT source_name FROM import_batch WHERE id = ?', r.batchId));
    }
    // The first row is the first of period, customer code, SKU code.
    const first = c.session
      .requireFile()
      .sqlite.prepare(
        `SELECT a.period, c.code AS customerCode, s.code AS skuCode FROM sales_actual a JOIN customer c ON c.id = a.customer_id
         JOIN sku s ON s.id = a.sku_id ORDER BY a.period, c.code, s.code LIMIT 1`,
      )
      .get() as Record<string, unknown>;
    expect({ period: res.rows[0].period, customerCode: res.rows[0].customerCode, skuCode: res.rows[0].skuCode }).toEqual(first);
  });

  it('keeps the kind order: period, then codes', async () => {
    const c = await fresh();
    const res = await call(c, 'actuals.list', { kind: 'sales', filter: {}, limit: ACTUALS_LIST_LIMIT });
    const keyOf = (r: Record<string, unknown>) => `${String(r.period)}|${String(r.customerCode)}|${String(r.skuCode)}`;
    const keys = res.rows.map(keyOf);
    expect(keys).toEqual([...keys].sort());
  });

  it('filters by period range, batch and search, with total and sums of the matching rows', async () => {
    const c = await fresh();
    const ranged = await call(c, 'actuals.list', { kind: 'sales', filter: { periodFrom: 202502, periodTo: 202504 } });
    expect(ranged.total).toBe(one<number>(c, 'SELECT count(*) FROM sales_actual WHERE period BETWEEN 202502 AND 202504'));
    expect(ranged.totals.amountCents).toBe(one<number>(c, 'SELECT sum(amount_cents) FROM sales_actual WHERE period BETWEEN 202502 AND 202504'));
    expect(ranged.rows.every((r) => (r.period as number) >= 202502 && (r.period as number) <= 202504)).toBe(true);

    const batchId = one<number>(c, "SELECT id FROM import_batch WHERE source_name = 'demo-2025'");
    const byBatch = await call(c, 'actuals.list', { kind: 'sales', filter: { batchId } });
    expect(byBatch.total).toBe(one<number>(c, 'SELECT count(*) FROM sales_actual WHERE batch_id = ?', batchId));
    expect(byBatch.rows.every((r) => r.batchId === batchId && r.batchName === 'demo-2025')).toBe(true);

    // A customer's code, in lower case: the search ignores case and matches a part.
    const code = one<string>(c, 'SELECT code FROM customer ORDER BY id LIMIT 1');
    const part = code.slice(0, -1).toLowerCase() + code.slice(-1);
    const expected = one<number>(
      c,
      `SELECT count(*) FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id JOIN city ci ON ci.id = cu.city_id
       JOIN sku s ON s.id = a.sku_id JOIN brand b ON b.id = s.brand_id
       WHERE instr(lower(cu.code), lower(@q)) OR instr(lower(cu.name), lower(@q)) OR instr(lower(ci.name), lower(@q))
          OR instr(lower(ci.code), lower(@q)) OR instr(lower(s.code), lower(@q)) OR instr(lower(s.name), lower(@q))
          OR instr(lower(b.name), lower(@q)) OR instr(lower(b.code), lower(@q))`,
      { q: part },
    );
    const searched = await call(c, 'actuals.list', { kind: 'sales', filter: { search: part } });
    expect(expected).toBeGreaterThan(0);
    expect(searched.total).toBe(expected);

    // By a city's name, within a period range: both conditions hold.
    const city = one<string>(c, 'SELECT name FROM city ORDER BY id LIMIT 1');
    const both = await call(c, 'actuals.list', { kind: 'sales', filter: { search: city, periodFrom: 202601, periodTo: 202606 } });
    expect(both.total).toBe(
      one<number>(
        c,
        `SELECT count(*) FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id JOIN city ci ON ci.id = cu.city_id
         JOIN sku s ON s.id = a.sku_id JOIN brand b ON b.id = s.brand_id
         WHERE a.period BETWEEN 202601 AND 202606 AND (instr(cu.name, @q) OR instr(ci.name, @q) OR instr(s.name, @q) OR instr(b.name, @q))`,
        { q: city },
      ),
    );
    expect(both.total).toBeGreaterThan(0);

    // LIKE's wildcards are plain characters in a search.
    expect((await call(c, 'actuals.list', { kind: 'sales', filter: { search: '%' } })).total).toBe(0);
    expect((await call(c, 'actuals.list', { kind: 'sales', filter: { search: '_' } })).total).toBe(0);
  });

  it('returns the first `limit` rows and the full count', async () => {
    const c = await fresh();
    const res = await call(c, 'actuals.list', { kind: 'market', filter: {}, limit: 7 });
    expect(res.rows).toHaveLength(7);
    expect(res.total).toBe(one<number>(c, 'SELECT count(*) FROM market_sales'));
    expect(res.totals).toEqual(row(c, 'SELECT sum(amount_cents) AS amountCents, sum(volume) AS volume FROM market_sales'));
    expect(res.rows.every((r) => typeof r.isOwn === 'boolean')).toBe(true);
  });

  it('lists one audit line per brand seen, matched by the month of the audit date', async () => {
    const c = await fresh();
    const all = await call(c, 'actuals.list', { kind: 'audit', filter: {} });
    expect(all.total).toBe(one<number>(c, 'SELECT count(*) FROM store_audit_brand'));
    expect(all.totals.facings).toBe(one<number>(c, 'SELECT sum(facings) FROM store_audit_brand'));
    const first = one<string>(c, 'SELECT min(audit_date) FROM store_audit');
    const period = Number(first.slice(0, 4)) * 100 + Number(first.slice(5, 7));
    const prefix = `${first.slice(0, 7)}-%`;
    const month = await call(c, 'actuals.list', { kind: 'audit', filter: { periodFrom: period, periodTo: period } });
    expect(month.total).toBe(
      one<number>(c, 'SELECT count(*) FROM store_audit_brand l JOIN store_audit a ON a.id = l.audit_id WHERE a.audit_date LIKE ?', prefix),
    );
    expect(month.total).toBeGreaterThan(0);
    expect(month.total).toBeLessThan(all.total);
    expect(month.rows.every((r) => String(r.auditDate).startsWith(first.slice(0, 8)))).toBe(true);
    expect(month.totals.selloutCents).toBe(
      one<number>(
        c,
        'SELECT coalesce(sum(sellout_cents), 0) FROM store_audit_brand l JOIN store_audit a ON a.id = l.audit_id WHERE a.audit_date LIKE ?',
        prefix,
      ),
    );
  });

  it('lists one row per visit with its stock, prices and promises as short text', async () => {
    const c = await fresh();
    const res = await call(c, 'actuals.list', { kind: 'visit', filter: {} });
    expect(res.total).toBe(one<number>(c, 'SELECT count(*) FROM customer_visit'));
    expect(res.totals).toEqual({});
    const keys = [...ACTUAL_COLUMNS.visit.map((col) => col.key), 'batchId'].sort();
    for (const r of res.rows) expect(Object.keys(r).sort()).toEqual(keys);
    const withStock = res.rows.find((r) => r.stock !== '');
    expect(withStock?.stock).toMatch(/ ×\d+/);
    expect(res.rows.some((r) => /進貨¥\d/.test(String(r.prices)))).toBe(true);
    const due = one<string>(c, 'SELECT due_date FROM visit_promise WHERE due_date IS NOT NULL ORDER BY id LIMIT 1');
    expect(res.rows.some((r) => String(r.promises).includes(`(到期 ${due})`))).toBe(true);
    const stockRows = one<number>(c, 'SELECT count(DISTINCT visit_id) FROM visit_stock');
    expect(res.rows.filter((r) => r.stock !== '')).toHaveLength(stockRows);
  });

  it('sums statements and market data over the filter', async () => {
    const c = await fresh();
    const res = await call(c, 'actuals.list', { kind: 'statement', filter: { periodFrom: 202606 } });
    expect(res.totals).toEqual(
      row(
        c,
        `SELECT sum(inventory_cents) AS inventoryCents, sum(inventory_volume) AS inventoryVolume, sum(receivable_cents) AS receivableCents,
           sum(prepayment_cents) AS prepaymentCents FROM customer_statement WHERE period >= 202606`,
      ),
    );
    const brand = one<string>(c, 'SELECT name FROM brand WHERE is_own = 0 ORDER BY id LIMIT 1');
    const market = await call(c, 'actuals.list', { kind: 'market', filter: { search: brand } });
    expect(market.total).toBe(
      one<number>(c, 'SELECT count(*) FROM market_sales m JOIN brand b ON b.id = m.brand_id WHERE instr(b.name, ?)', brand),
    );
    expect(market.rows.every((r) => r.brandName === brand && r.isOwn === false)).toBe(true);
  });

  it('reads the big kinds through their indexes', async () => {
    const c = await fresh();
    const plan = (text: string, params: unknown[]) =>
      (c.session.requireFile().sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const ranged = listSql('sales', { periodFrom: 202601, periodTo: 202603 });
    expect(plan(ranged.rows, [...ranged.params, 10])).toMatch(/SEARCH a USING PRIMARY KEY \(period>\? AND period<\?\)/);
    expect(plan(ranged.aggregate, ranged.params)).not.toMatch(/JOIN|customer|sku/);
    const batch = listSql('sales', { batchId: 1 });
    expect(plan(batch.aggregate, batch.params)).toMatch(/sales_actual_batch/);
    // With the months the batch has rows in, a walk of the clustered key instead.
    const spanned = listSql('sales', { batchId: 1 }, { from: 202401, to: 202412 });
    expect(plan(spanned.aggregate, spanned.params)).toMatch(/USING PRIMARY KEY \(period>\? AND period<\?\)/);
    const searched = listSql('sales', { search: 'x' });
    expect(plan(searched.aggregate, searched.params)).toMatch(/sales_actual_customer/);
    expect(plan(searched.aggregate, searched.params)).toMatch(/sales_actual_sku/);
  });

  it('refuses malformed input with INVALID_INPUT', async () => {
    const c = await fresh();
    const bad: unknown[] = [
      { kind: 'expenses', filter: {} },
      { kind: 'sales' },
      { kind: 'sales', filter: { periodFrom: 202613 } },
      { kind: 'sales', filter: { periodTo: 1999_12 } },
      { kind: 'sales', filter: { periodFrom: '202601' } },
      { kind: 'sales', filter: { batchId: -1 } },
      { kind: 'sales', filter: { search: 'x'.repeat(201) } },
      { kind: 'sales', filter: { city: 'x' } },
      { kind: 'sales', filter: {}, limit: 0 },
      { kind: 'sales', filter: {}, limit: ACTUALS_LIST_LIMIT + 1 },
      { kind: 'sales', filter: {}, extra: true },
    ];
    for (const input of bad) expect((await refused(c, 'actuals.list', input)).code, JSON.stringify(input)).toBe('INVALID_INPUT');
    expect((await refused(c, 'actuals.batches', { kind: 'nope' })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'actuals.removeBatch', { id: 0 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'actuals.removeBatch', {})).code).toBe('INVALID_INPUT');
  });
});

describe('actuals.batches', () => {
  it('lists the batches of actuals, newest first, with the rows each still has', async () => {
    const c = await fresh();
    const all = await call(c, 'actuals.batches', {});
    const names = all.map((b) => b.fileName);
    expect(names).toEqual([
      'demo-expenses-2026', 'demo-statements-2026', 'demo-visits-2026', 'demo-store-audit-2026', 'demo-market-2024-2026', 'demo-2026', 'demo-2025', 'demo-2024',
    ]);
    // Rows as the import counts them: audits have a line per brand and category.
    const counted: Record<ActualKind, string> = {
      sales: 'SELECT count(*) FROM sales_actual WHERE batch_id = ?',
      market: 'SELECT count(*) FROM market_sales WHERE batch_id = ?',
      audit: 'SELECT count(*) FROM store_audit_brand WHERE audit_id IN (SELECT id FROM store_audit WHERE batch_id = ?)',
      visit: 'SELECT count(*) FROM customer_visit WHERE batch_id = ?',
      statement: 'SELECT count(*) FROM customer_statement WHERE batch_id = ?',
      expense: 'SELECT count(*) FROM expense_actual WHERE batch_id = ?',
    };
    for (const b of all) {
      expect(b.liveRows).toBe(one<number>(c, counted[b.kind], b.id));
      expect(b.liveRows).toBeGreaterThan(0);
      // Nothing taken from a batch yet: it holds what it wrote, counted the same way (the demo's audits too).
      expect(b.rowCount).toBe(b.liveRows);
      expect(b.losses).toEqual([]);
      expect(b.source).toBe('');
    }
    for (const kind of ACTUAL_KINDS) {
      const mine = await call(c, 'actuals.batches', { kind });
      expect(mine.map((b) => b.id)).toEqual(all.filter((b) => b.kind === kind).map((b) => b.id));
    }
  });

  it('shows an imported batch with its source, and fewer live rows after another batch overwrote some', async () => {
    const c = await fresh((db) => {
      db.prepare("UPDATE import_batch SET kind = 'sales_actual', mapping_name = 'ERP 月度銷售', encoding = 'gb18030' WHERE source_name = 'demo-2026'").run();
      db.prepare(
        `INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count, period_from, period_to, mapping_name, encoding)
         VALUES (50, 'sales_actual', '2026年1月銷售.csv', 'ab', '2027-02-01T08:00:00.000Z', 10, 202601, 202601, 'ERP 月度銷售', 'utf-8')`,
      ).run();
      db.prepare(
        `UPDATE sales_actual SET batch_id = 50 WHERE period = 202601
           AND (customer_id, sku_id) IN (SELECT customer_id, sku_id FROM sales_actual WHERE period = 202601 ORDER BY customer_id, sku_id LIMIT 10)`,
      ).run();
    });
    const batches = await call(c, 'actuals.batches', { kind: 'sales' });
    expect(batches[0]).toMatchObject({ id: 50, fileName: '2026年1月銷售.csv', source: 'ERP 月度銷售', liveRows: 10, encoding: 'utf-8' });
    const older = batches.find((b) => b.fileName === 'demo-2026')!;
    expect(older.liveRows).toBe(older.rowCount - 10);
    expect(older.encoding).toBe('gb18030');
    const listed = await call(c, 'actuals.list', { kind: 'sales', filter: { batchId: 50 } });
    expect(listed.total).toBe(10);
    expect(listed.rows.every((r) => r.batchName === '2026年1月銷售.csv')).toBe(true);
  });
});

describe('actuals.removeBatch', () => {
  it('refuses a batch that does not exist or is not an import of actuals', async () => {
    const c = await fresh((db) => {
      db.prepare(
        "INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (77, 'master_data', 'customers.csv', 'x', '2026-01-01', 3)",
      ).run();
    });
    const missing = await refused(c, 'actuals.removeBatch', { id: 999 });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/999/);
    const notActuals = await refused(c, 'actuals.removeBatch', { id: 77 });
    expect(notActuals.code).toBe('INVALID_INPUT');
    expect(notActuals.message).toMatch(/not an import of actuals/);
    expect(one<number>(c, 'SELECT count(*) FROM import_batch WHERE id = 77')).toBe(1);
  });

  it('removes an imported batch and exactly its rows', async () => {
    const c = await fresh((db) => {
      db.prepare("UPDATE import_batch SET kind = 'sales_actual' WHERE source_name LIKE 'demo-20%'").run();
    });
    const id = one<number>(c, "SELECT id FROM import_batch WHERE source_name = 'demo-2025'");
    const rows = one<number>(c, 'SELECT count(*) FROM sales_actual WHERE batch_id = ?', id);
    const before = one<number>(c, 'SELECT count(*) FROM sales_actual');
    expect((await call(c, 'actuals.list', { kind: 'sales', filter: {} })).total).toBe(before);
    const res = await call(c, 'actuals.removeBatch', { id });
    expect(res.removed).toBe(rows);
    expect(one<number>(c, 'SELECT count(*) FROM sales_actual')).toBe(before - rows);
    // The same filter again: the count and sums are read anew, not remembered from before.
    const after = await call(c, 'actuals.list', { kind: 'sales', filter: {} });
    expect(after.total).toBe(before - rows);
    expect(after.totals.amountCents).toBe(one<number>(c, 'SELECT sum(amount_cents) FROM sales_actual'));
    expect(one<number>(c, 'SELECT count(*) FROM import_batch WHERE id = ?', id)).toBe(0);
    const batches = await call(c, 'actuals.batches', { kind: 'sales' });
    expect(batches.map((b) => b.fileName)).toEqual(['demo-2026', 'demo-2024']);
    expect((await call(c, 'actuals.list', { kind: 'sales', filter: { periodFrom: 202501, periodTo: 202512 } })).total).toBe(0);
  });
});

describe('the actuals texts', () => {
  it('name every kind, wizard field, grid column and dimension in all three languages', () => {
    for (const catalog of [zhHant, zhHans, en]) {
      const texts = catalog.actuals as unknown as Record<string, Record<string, string>>;
      for (const kind of ACTUAL_KINDS) {
        expect(texts.kind[kind], kind).toBeTruthy();
        for (const f of ACTUAL_FIELDS[kind]) expect(texts.field[f.key], `field ${f.key}`).toBeTruthy();
        for (const c of ACTUAL_COLUMNS[kind]) expect(texts.column[c.key], `column ${c.key}`).toBeTruthy();
      }
      for (const d of MEMBER_DIMENSIONS) expect(texts.dimension[d], d).toBeTruthy();
      for (const job of ['importCheck', 'importWrite', 'removeBatch']) expect((catalog.job as Record<string, string>)[job], job).toBeTruthy();
    }
  });
});
