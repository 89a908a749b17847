import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyAbc } from '../../src/shared/pareto';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// 渠道客戶分析 through the handler registry on the tiny demo region. Every figure is
// recomputed from the file with the test's own SQL; the classes against classifyAbc.

const template = tinyDemoTemplate();
const opened: RegistryCtx[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.session.close();
});

async function open(edit?: (db: Database.Database) => void): Promise<RegistryCtx> {
  const path = template.copy();
  if (edit) {
    const db = new Database(path);
    edit(db);
    db.close();
  }
  const c = await openWithHandlers(path);
  opened.push(c);
  return c;
}

function withDb<T>(path: string, f: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/** Per customer: the year's and last year's sales, from every row (no SQL aggregation by year). */
function handSales(path: string, year: number): Map<number, { sales: number; n: number; last: number }> {
  return withDb(path, (db) => {
    const out = new Map<number, { sales: number; n: number; last: number }>();
    for (const r of db.prepare('SELECT period, customer_id, amount_cents FROM sales_actual').all() as { period: number; customer_id: number; amount_cents: number }[]) {
      const y = Math.floor(r.period / 100);
      if (y !== year && y !== year - 1) continue;
      const e = out.get(r.customer_id) ?? { sales: 0, n: 0, last: 0 };
      if (y === year) {
        e.sales += r.amount_cents;
        e.n++;
      } else e.last += r.amount_cents;
      out.set(r.customer_id, e);
    }
    return out;
  });
}

describe('analysis.customers', () => {
  it('defaults to the year before the plan year; ranks, shares and A/B/C agree with the file and classifyAbc', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.customers', {});
    expect(a.planYear).toBe(2027);
    expect(a.year).toBe(2026);
    const years = withDb(c.path, (db) => (db.prepare('SELECT DISTINCT period / 100 AS y FROM sales_actual ORDER BY y').all() as { y: number }[]).map((r) => r.y));
    expect(a.years).toEqual(years);

    const hand = handSales(c.path, 2026);
    const selling = [...hand].filter(([, v]) => v.n > 0);
    const total = selling.reduce((s, [, v]) => s + v.sales, 0);
    expect(total).toBeGreaterThan(0);
    expect(a.totalSales).toBe(total);
    expect(a.customers.map((r) => r.id).sort((x, y) => x - y)).toEqual([...hand.keys()].sort((x, y) => x - y));

    const abc = classifyAbc(selling.map(([id, v]) => [id, v.sales] as const));
    let cumulative = 0;
    for (let i = 0; i < a.customers.length; i++) {
      const r = a.customers[i];
      const h = hand.get(r.id)!;
      expect(r.sales).toBe(h.sales);
      expect(r.lastYearSales).toBe(h.last);
      if (i > 0) expect(r.sales).toBeLessThanOrEqual(a.customers[i - 1].sales);
      cumulative += h.sales;
      expect(r.cumulativeShare).toBeCloseTo(cumulative / total, 12);
      expect(r.share).toBeCloseTo(h.sales / total, 12);
      expect(r.abc).toBe(abc.get(r.id) ?? 'C');
    }
    for (const k of ['A', 'B', 'C'] as const) {
      const ids = selling.filter(([id]) => abc.get(id) === k);
      expect(a.classes[k]).toEqual({ count: ids.length, sales: ids.reduce((s, [, v]) => s + v.sales, 0) });
    }
    // A is the smallest set reaching 80%: without its last customer it is below 80%.
    const aRows = a.customers.filter((r) => r.abc === 'A');
    expect(aRows.length).toBeGreaterThan(0);
    const aSales = aRows.reduce((s, r) => s + r.sales, 0);
    expect(aSales * 5).toBeGreaterThanOrEqual(total * 4);
    expect((aSales - aRows[aRows.length - 1].sales) * 5).toBeLessThan(total * 4);
  });

  it('tier mix, gained and lost customers match the file', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.customers', { year: 2026 });
    const hand = handSales(c.path, 2026);
    const tiers = withDb(c.path, (db) => new Map((db.prepare('SELECT id, tier FROM customer').all() as { id: number; tier: string }[]).map((r) => [r.id, r.tier])));
    for (const tier of ['distributor', 'sub_distributor', 'key_account'] as const) {
      const ids = [...hand].filter(([id, v]) => v.n > 0 && tiers.get(id) === tier);
      expect(a.tiers.find((x) => x.tier === tier)).toEqual({ tier, count: ids.length, sales: ids.reduce((s, [, v]) => s + v.sales, 0) });
    }
    const gained = [...hand].filter(([, v]) => v.sales > 0 && v.last <= 0).map(([id]) => id).sort((x, y) => x - y);
    const lost = [...hand].filter(([, v]) => v.last > 0 && v.sales <= 0).map(([id]) => id).sort((x, y) => x - y);
    expect(a.gained.map((g) => g.id).sort((x, y) => x - y)).toEqual(gained);
    expect(a.lost.map((g) => g.id).sort((x, y) => x - y)).toEqual(lost);
    for (const g of a.gained) expect(g.sales).toBe(hand.get(g.id)!.sales);
    for (const l of a.lost) expect(l.sales).toBe(hand.get(l.id)!.last);
    expect(gained.length + lost.length).toBeGreaterThan(0);
  });

  it('inventory-to-sales and receivables come from the year’s last statement month; over-limit is flagged', async () => {
    // Put one customer far over its credit limit in the last statement month.
    let over = 0;
    const c = await open((db) => {
      const p = (db.prepare('SELECT MAX(period) AS p FROM customer_statement WHERE period BETWEEN 202601 AND 202612').get() as { p: number }).p;
      const row = db
        .prepare('SELECT s.customer_id AS id FROM customer_statement s JOIN customer c ON c.id = s.customer_id WHERE s.period = ? AND c.credit_limit_cents > 0 ORDER BY s.customer_id LIMIT 1')
        .get(p) as { id: number };
      over = row.id;
      db.prepare('UPDATE customer_statement SET receivable_cents = (SELECT credit_limit_cents FROM customer WHERE id = ?) + 1 WHERE period = ? AND customer_id = ?').run(over, p, over);
    });
    const a = await invokeOk(c, 'analysis.customers', { year: 2026 });
    const hand = handSales(c.path, 2026);
    const { period, months, statements, limits } = withDb(c.path, (db) => {
      const period = (db.prepare('SELECT period FROM customer_statement WHERE period / 100 = 2026 ORDER BY period DESC LIMIT 1').get() as { period: number }).period;
      const months = (db.prepare('SELECT period FROM sales_actual WHERE period / 100 = 2026 GROUP BY period').all() as unknown[]).length;
      const statements = new Map(
        (db.prepare('SELECT customer_id, inventory_cents, receivable_cents FROM customer_statement WHERE period = ?').all(period) as { customer_id: number; inventory_cents: number; receivable_cents: number }[]).map(
          (r) => [r.customer_id, r],
        ),
      );
      const limits = new Map((db.prepare('SELECT id, credit_limit_cents FROM customer').all() as { id: number; credit_limit_cents: number }[]).map((r) => [r.id, r.credit_limit_cents]));
      return { period, months, statements, limits };
    });
    expect(a.statementPeriod).toBe(period);
    expect(a.monthsWithSales).toBe(months);
    let withStatement = 0;
    for (const r of a.customers) {
      const s = statements.get(r.id);
      expect(r.creditLimitCents).toBe(limits.get(r.id));
      if (!s) {
        expect(r.inventoryCents).toBeNull();
        expect(r.receivableCents).toBeNull();
        expect(r.inventoryToSales).toBeNull();
        expect(r.overLimit).toBe(false);
        continue;
      }
      withStatement++;
      expect(r.inventoryCents).toBe(s.inventory_cents);
      expect(r.receivableCents).toBe(s.receivable_cents);
      const avg = hand.get(r.id)!.sales / months;
      if (avg === 0) expect(r.inventoryToSales).toBeNull();
      else expect(r.inventoryToSales).toBeCloseTo(s.inventory_cents / avg, 9);
      expect(r.overLimit).toBe(limits.get(r.id)! > 0 && s.receivable_cents > limits.get(r.id)!);
    }
    expect(withStatement).toBeGreaterThan(0);
    expect(a.customers.find((r) => r.id === over)?.overLimit).toBe(true);
  });

  it('lists the cities without an active distributor as blank areas', async () => {
    // Terminate every distributor of one city that has some: it becomes blank.
    let city = 0;
    const c = await open((db) => {
      city = (db.prepare("SELECT city_id FROM customer WHERE tier = 'distributor' AND status = 'active' ORDER BY city_id LIMIT 1").get() as { city_id: number }).city_id;
      db.prepare("UPDATE customer SET status = 'terminated' WHERE city_id = ? AND tier = 'distributor'").run(city);
    });
    const a = await invokeOk(c, 'analysis.customers', {});
    const blank = withDb(c.path, (db) =>
      (db.prepare("SELECT id FROM city WHERE id NOT IN (SELECT city_id FROM customer WHERE tier = 'distributor' AND status = 'active')").all() as { id: number }[]).map((r) => r.id).sort((x, y) => x - y),
    );
    expect(blank).toContain(city);
    expect(a.blankAreas.map((b) => b.cityId).sort((x, y) => x - y)).toEqual(blank);
    expect(a.cities).toBe(withDb(c.path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM city').get() as { n: number }).n));
    const b = a.blankAreas.find((x) => x.cityId === city)!;
    expect(b.customers).toBe(withDb(c.path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM customer WHERE city_id = ?').get(city) as { n: number }).n));
  });

  it('is empty (not an error) for a region without actuals', async () => {
    const c = await open((db) => db.prepare('DELETE FROM sales_actual').run());
    const a = await invokeOk(c, 'analysis.customers', {});
    expect(a.years).toEqual([]);
    expect(a.customers).toEqual([]);
    expect(a.totalSales).toBe(0);
    expect(a.classes.A).toEqual({ count: 0, sales: 0 });
  });
});

describe('analysis.customerRows', () => {
  it('returns one customer’s rows of the year by month × SKU, with the exact count and total', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.customers', {});
    const top = a.customers[0];
    const d = await invokeOk(c, 'analysis.customerRows', { year: 2026, customerId: top.id });
    const hand = withDb(c.path, (db) =>
      db
        .prepare('SELECT a.period, k.code, a.amount_cents, a.volume, a.gross_profit_cents FROM sales_actual a, sku k WHERE k.id = a.sku_id AND a.customer_id = ? AND a.period / 100 = 2026 ORDER BY a.period, k.code')
        .all(top.id) as { period: number; code: string; amount_cents: number; volume: number; gross_profit_cents: number }[],
    );
    expect(d.customer.id).toBe(top.id);
    expect(d.total).toBe(hand.length);
    expect(d.totalCents).toBe(top.sales);
    expect(d.rows.map((r) => [r.period, r.skuCode, r.amountCents, r.volume, r.grossProfitCents])).toEqual(
      hand.slice(0, 1000).map((r) => [r.period, r.code, r.amount_cents, r.volume, r.gross_profit_cents]),
    );
    const few = await invokeOk(c, 'analysis.customerRows', { year: 2026, customerId: top.id, limit: 2 });
    expect(few.rows).toHaveLength(Math.min(2, hand.length));
    expect(few.total).toBe(hand.length);
  });

  it('refuses malformed input and an unknown customer', async () => {
    const c = await open();
    expect((await invokeRefused(c, 'analysis.customers', { year: 1999 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customers', { year: 2026.5 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customers', { year: 2026, extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customerRows', { year: 2026 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customerRows', { year: 2026, customerId: 0 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customerRows', { year: 2026, customerId: 1, limit: 100_000 })).code).toBe('INVALID_INPUT');
    const unknown = await invokeRefused(c, 'analysis.customerRows', { year: 2026, customerId: 999_999 });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.issues?.[0]?.message).toBe('analysisCustomers.unknownCustomer');
  });
});
