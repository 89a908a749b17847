import { describe, expect, it } from 'vitest';
import { classifyAbc } from '../../src/shared/pareto';
import { demoOpener, invokeOk, invokeRefused, withDb } from './helpers';

// 渠道客戶分析 through the handler registry on the tiny demo region. Every figure is
// recomputed from the file with the test's own SQL; the classes against classifyAbc.

const open = demoOpener();

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
    // Target 0: only the cities without an active distributor are blank.
    const a = await invokeOk(c, 'analysis.customers', { coverageTarget: 0 });
    const blank = withDb(c.path, (db) =>
      (db.prepare("SELECT id FROM city WHERE id NOT IN (SELECT city_id FROM customer WHERE tier = 'distributor' AND status = 'active')").all() as { id: number }[]).map((r) => r.id).sort((x, y) => x - y),
    );
    expect(blank).toContain(city);
    expect(a.blankAreas.map((b) => b.cityId).sort((x, y) => x - y)).toEqual(blank);
    expect(a.cities).toBe(withDb(c.path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM city').get() as { n: number }).n));
    const b = a.blankAreas.find((x) => x.cityId === city)!;
    expect(b.reason).toBe('noDistributor');
    expect(b.activeDistributors).toBe(0);
    expect(b.customers).toBe(withDb(c.path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM customer WHERE city_id = ?').get(city) as { n: number }).n));
  });

  it('is empty (not an error) for a region without actuals', async () => {
    const c = await open((db) => db.exec('DELETE FROM sales_actual; DELETE FROM sales_month_customer; DELETE FROM sales_month_sku;'));
    const a = await invokeOk(c, 'analysis.customers', {});
    expect(a.years).toEqual([]);
    expect(a.customers).toEqual([]);
    expect(a.totalSales).toBe(0);
    expect(a.classes.A).toEqual({ count: 0, sales: 0 });
  });
});

describe('analysis.customers filters', () => {
  /** The customers a filter keeps, by the test's own SQL. */
  function scopeIds(path: string, where: string, args: unknown[]): Set<number> {
    return withDb(path, (db) => new Set((db.prepare(`SELECT c.id FROM customer c JOIN city ci ON ci.id = c.city_id WHERE ${where}`).all(...args) as { id: number }[]).map((r) => r.id)));
  }

  function expectScoped(a: { totalSales: number; customers: { id: number; sales: number; abc: string }[]; classes: Record<string, { count: number; sales: number }>; gained: { id: number }[]; lost: { id: number }[] }, hand: Map<number, { sales: number; n: number; last: number }>, ids: Set<number>) {
    const mine = [...hand].filter(([id]) => ids.has(id));
    const selling = mine.filter(([, v]) => v.n > 0);
    const total = selling.reduce((s, [, v]) => s + v.sales, 0);
    expect(a.totalSales).toBe(total);
    expect(a.customers.map((r) => r.id).sort((x, y) => x - y)).toEqual(mine.map(([id]) => id).sort((x, y) => x - y));
    // The A/B/C cut is over the filtered set.
    const abc = classifyAbc(selling.map(([id, v]) => [id, v.sales] as const));
    for (const r of a.customers) expect(r.abc).toBe(abc.get(r.id) ?? 'C');
    for (const k of ['A', 'B', 'C'] as const) {
      const inK = selling.filter(([id]) => abc.get(id) === k);
      expect(a.classes[k]).toEqual({ count: inK.length, sales: inK.reduce((s, [, v]) => s + v.sales, 0) });
    }
    for (const g of a.gained) expect(ids.has(g.id)).toBe(true);
    for (const l of a.lost) expect(ids.has(l.id)).toBe(true);
    return total;
  }

  it('province, city, channel and tier pick the customers; ranks and classes are over that set', async () => {
    const c = await open();
    const hand = handSales(c.path, 2026);
    const all = await invokeOk(c, 'analysis.customers', { year: 2026 });
    const { province, city, channel } = withDb(c.path, (db) => {
      const city = db.prepare("SELECT c.city_id AS id, ci.province_id AS province FROM customer c JOIN city ci ON ci.id = c.city_id WHERE c.tier = 'distributor' GROUP BY c.city_id ORDER BY COUNT(*) DESC LIMIT 1").get() as { id: number; province: number };
      const channel = (db.prepare('SELECT channel_id AS id FROM customer GROUP BY channel_id ORDER BY COUNT(*) DESC LIMIT 1').get() as { id: number }).id;
      return { province: city.province, city: city.id, channel };
    });

    const byProvince = await invokeOk(c, 'analysis.customers', { year: 2026, provinceId: province });
    const pTotal = expectScoped(byProvince, hand, scopeIds(c.path, 'ci.province_id = ?', [province]));
    expect(pTotal).toBeGreaterThan(0);
    expect(pTotal).toBeLessThanOrEqual(all.totalSales);
    expect(byProvince.filter).toEqual({ provinceId: province });
    expect(new Set(byProvince.coverage.map((x) => x.provinceId))).toEqual(new Set([province]));

    const byCity = await invokeOk(c, 'analysis.customers', { year: 2026, provinceId: province, cityId: city });
    expectScoped(byCity, hand, scopeIds(c.path, 'c.city_id = ?', [city]));
    expect(byCity.coverage.map((x) => x.cityId)).toEqual([city]);
    expect(byCity.cities).toBe(1);

    // A channel: the customer's main channel or one of its further channels.
    const byChannel = await invokeOk(c, 'analysis.customers', { year: 2026, channelId: channel });
    const chIds = scopeIds(c.path, 'c.channel_id = ? OR c.id IN (SELECT customer_id FROM customer_channel WHERE channel_id = ?)', [channel, channel]);
    const chTotal = expectScoped(byChannel, hand, chIds);
    expect(chTotal).toBeGreaterThan(0);

    for (const tier of ['distributor', 'sub_distributor', 'key_account'] as const) {
      const byTier = await invokeOk(c, 'analysis.customers', { year: 2026, tier });
      expectScoped(byTier, hand, scopeIds(c.path, 'c.tier = ?', [tier]));
      expect(byTier.tiers.filter((x) => x.tier !== tier).every((x) => x.count === 0 && x.sales === 0)).toBe(true);
    }

    // Everything together.
    const combined = await invokeOk(c, 'analysis.customers', { year: 2026, provinceId: province, channelId: channel, tier: 'distributor' });
    expectScoped(combined, hand, scopeIds(c.path, "ci.province_id = ? AND c.tier = 'distributor' AND (c.channel_id = ? OR c.id IN (SELECT customer_id FROM customer_channel WHERE channel_id = ?))", [province, channel, channel]));
  });

  it('a city below the coverage target is a blank area: hand-made terminals, coverage 3/5', async () => {
    // City X keeps its active distributor; its terminals are replaced by five active ones:
    // three supplied by the distributor, one by nobody, one by a terminated customer,
    // plus one closed terminal (ignored). Coverage = 3 / 5 = 0.6.
    let city = 0;
    let channel = 0;
    let other = 0;
    const c = await open((db) => {
      const d = db.prepare("SELECT id, city_id, channel_id FROM customer WHERE tier = 'distributor' AND status = 'active' ORDER BY city_id, id LIMIT 1").get() as { id: number; city_id: number; channel_id: number };
      city = d.city_id;
      channel = d.channel_id;
      other = (db.prepare('SELECT id FROM channel WHERE id <> ? ORDER BY id LIMIT 1').get(channel) as { id: number }).id;
      const gone = (db.prepare('SELECT id FROM customer WHERE id <> ? ORDER BY id LIMIT 1').get(d.id) as { id: number }).id;
      db.prepare("UPDATE customer SET status = 'terminated' WHERE id = ?").run(gone);
      db.prepare("UPDATE terminal SET status = 'closed' WHERE city_id = ?").run(city);
      const add = db.prepare("INSERT INTO terminal (code, name, city_id, channel_id, customer_id, status) VALUES (?, ?, ?, ?, ?, ?)");
      add.run('T-HAND-1', 'hand 1', city, channel, d.id, 'active');
      add.run('T-HAND-2', 'hand 2', city, channel, d.id, 'active');
      add.run('T-HAND-3', 'hand 3', city, other, d.id, 'active');
      add.run('T-HAND-4', 'hand 4', city, other, null, 'active');
      add.run('T-HAND-5', 'hand 5', city, channel, gone, 'active');
      add.run('T-HAND-6', 'hand 6', city, channel, d.id, 'closed');
    });
    const at = async (target: number, extra: Record<string, unknown> = {}) => {
      const a = await invokeOk(c, 'analysis.customers', { coverageTarget: target, ...extra });
      return { a, row: a.coverage.find((x) => x.cityId === city)! };
    };
    const { a, row } = await at(0.6);
    expect(a.coverageTarget).toBe(0.6);
    expect(row.terminals).toBe(5);
    expect(row.coveredTerminals).toBe(3);
    expect(row.coverage).toBeCloseTo(0.6, 12);
    expect(row.activeDistributors).toBeGreaterThan(0);
    // 0.6 is not below 0.6.
    expect(row.blank).toBe(false);
    expect(row.reason).toBeNull();
    expect(a.blankAreas.some((b) => b.cityId === city)).toBe(false);

    const strict = await at(0.61);
    expect(strict.row.blank).toBe(true);
    expect(strict.row.reason).toBe('lowCoverage');
    expect(strict.a.blankAreas.find((b) => b.cityId === city)?.reason).toBe('lowCoverage');

    // The default target is 60%; the region's own target is kept in the file, one undo step.
    expect((await invokeOk(c, 'analysis.customers', {})).coverageTarget).toBe(0.6);
    await invokeOk(c, 'analysis.setCoverageTarget', { target: 0.61 });
    const stored = await invokeOk(c, 'analysis.customers', {});
    expect(stored.coverageTarget).toBe(0.61);
    expect(stored.blankAreas.find((b) => b.cityId === city)?.reason).toBe('lowCoverage');
    await invokeOk(c, 'edit.undo', {});
    expect((await invokeOk(c, 'analysis.customers', {})).coverageTarget).toBe(0.6);
    expect((await invokeRefused(c, 'analysis.setCoverageTarget', { target: 1.2 })).code).toBe('INVALID_INPUT');

    // By channel: only the channel's terminals: 2 by the distributor + 1 by the terminated customer → 2/3.
    const ch = await at(0.7, { channelId: channel });
    expect(ch.row.terminals).toBe(3);
    expect(ch.row.coveredTerminals).toBe(2);
    expect(ch.row.coverage).toBeCloseTo(2 / 3, 12);
    expect(ch.row.blank).toBe(true);
    expect(ch.row.reason).toBe('lowCoverage');
    // Distributors count whatever their channel.
    expect(ch.row.activeDistributors).toBe(row.activeDistributors);
    expect((await at(0.66, { channelId: channel })).row.blank).toBe(false);
    expect((await at(0, { channelId: other })).row).toMatchObject({ terminals: 2, coveredTerminals: 1, activeDistributors: row.activeDistributors });

    // Without any active terminal, coverage is unknown: blank only for lack of a distributor.
    const none = await open((db) => {
      db.prepare("UPDATE terminal SET status = 'closed' WHERE city_id = (SELECT city_id FROM customer WHERE tier = 'distributor' AND status = 'active' ORDER BY city_id, id LIMIT 1)").run();
    });
    const n = await invokeOk(none, 'analysis.customers', { coverageTarget: 1 });
    const r = n.coverage.find((x) => x.cityId === city)!;
    expect(r.terminals).toBe(0);
    expect(r.coverage).toBeNull();
    expect(r.blank).toBe(false);
  });

  it('every city is listed with the figures of the file; blank per isBlankArea', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.customers', { coverageTarget: 0.9 });
    const hand = withDb(c.path, (db) =>
      (db
        .prepare(
          `SELECT ci.id,
                  (SELECT COUNT(*) FROM customer c WHERE c.city_id = ci.id AND c.tier = 'distributor' AND c.status = 'active') AS d,
                  (SELECT COUNT(*) FROM terminal t WHERE t.city_id = ci.id AND t.status = 'active') AS n,
                  (SELECT COUNT(*) FROM terminal t JOIN customer c ON c.id = t.customer_id WHERE t.city_id = ci.id AND t.status = 'active' AND c.status = 'active') AS cov
             FROM city ci`,
        )
        .all() as { id: number; d: number; n: number; cov: number }[]),
    );
    expect(a.coverage).toHaveLength(hand.length);
    for (const h of hand) {
      const r = a.coverage.find((x) => x.cityId === h.id)!;
      expect([r.activeDistributors, r.terminals, r.coveredTerminals]).toEqual([h.d, h.n, h.cov]);
      const coverage = h.n > 0 ? h.cov / h.n : null;
      const blank = h.d === 0 || (coverage !== null && coverage < 0.9);
      expect(r.blank).toBe(blank);
      expect(r.reason).toBe(!blank ? null : h.d === 0 ? 'noDistributor' : 'lowCoverage');
    }
    expect(a.blankAreas.map((b) => b.cityId)).toEqual(a.coverage.filter((x) => x.blank).map((x) => x.cityId));
  });

  it('refuses unknown ids, a city outside the province, a bad tier or target', async () => {
    const c = await open();
    const { city, otherProvince } = withDb(c.path, (db) => {
      const city = db.prepare('SELECT id, province_id FROM city ORDER BY id LIMIT 1').get() as { id: number; province_id: number };
      const other = db.prepare('SELECT id FROM province WHERE id <> ? ORDER BY id LIMIT 1').get(city.province_id) as { id: number } | undefined;
      return { city: city.id, otherProvince: other?.id };
    });
    for (const [field, key] of [
      ['provinceId', 'unknownProvince'],
      ['cityId', 'unknownCity'],
      ['channelId', 'unknownChannel'],
    ] as const) {
      const e = await invokeRefused(c, 'analysis.customers', { [field]: 999_999 });
      expect(e.code).toBe('NOT_FOUND');
      expect(e).toMatchObject({ rule: `analysisCustomers.${key}`, issues: [{ path: field }] });
    }
    if (otherProvince !== undefined) {
      const e = await invokeRefused(c, 'analysis.customers', { provinceId: otherProvince, cityId: city });
      expect(e.code).toBe('INVALID_INPUT');
      expect(e).toMatchObject({ rule: 'analysisCustomers.cityNotInProvince', issues: [{ path: 'cityId' }] });
    }
    expect((await invokeRefused(c, 'analysis.customers', { tier: 'wholesaler' })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customers', { coverageTarget: 1.5 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customers', { coverageTarget: -0.1 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.customers', { provinceId: 0 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.regionMap', { year: 2026 })).code).toBe('INVALID_INPUT');
  });
});

describe('analysis.regionMap', () => {
  it('draws the region’s provinces by GB/T 2260 code (or by name) and the neighbours around them', async () => {
    const c = await open();
    const region = withDb(c.path, (db) => db.prepare('SELECT id, code, name FROM province ORDER BY sort_order, id').all() as { id: number; code: string; name: string }[]);
    const m = await invokeOk(c, 'analysis.regionMap', {});
    expect(m.source).toMatch(/Natural Earth/);
    expect(m.missing).toEqual([]);
    const mine = m.provinces.filter((p) => p.provinceId !== null);
    expect(mine.map((p) => [p.provinceId, p.code])).toEqual(region.map((r) => [r.id, r.code]));
    const neighbours = m.provinces.filter((p) => p.provinceId === null);
    expect(neighbours.length).toBeGreaterThan(0);
    for (const p of m.provinces) expect(p.polygons.length).toBeGreaterThan(0);
  });

  it('matches a province with a custom code by name, and reports one without an outline', async () => {
    let renamed = 0;
    let odd = 0;
    const c = await open((db) => {
      renamed = (db.prepare('SELECT id FROM province ORDER BY id LIMIT 1').get() as { id: number }).id;
      db.prepare("UPDATE province SET code = 'P-01' WHERE id = ?").run(renamed);
      odd = Number(db.prepare("INSERT INTO province (code, name, sort_order) VALUES ('810000', '香港特別行政區', 99)").run().lastInsertRowid);
    });
    const m = await invokeOk(c, 'analysis.regionMap', {});
    const name = withDb(c.path, (db) => (db.prepare('SELECT name FROM province WHERE id = ?').get(renamed) as { name: string }).name);
    expect(m.provinces.find((p) => p.provinceId === renamed)?.zhHant).toBe(name);
    expect(m.missing).toEqual([{ provinceId: odd, name: '香港特別行政區' }]);
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
    expect(unknown).toMatchObject({ rule: 'analysisCustomers.unknownCustomer', issues: [{ path: 'customerId' }] });
  });
});
