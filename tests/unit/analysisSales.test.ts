import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SALES_DIMENSIONS, type SalesDimension } from '../../src/shared/endpoints/analysis';
import { refreshSalesSummary } from '../../src/main/core/db/salesSummary';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// Sales analysis through the handler registry on the tiny demo region. Every figure is
// recomputed from the file with its own SQL (a per-row join, no shared code).

const template = tinyDemoTemplate();
const opened: RegistryCtx[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.session.close();
});

async function open(): Promise<RegistryCtx> {
  const c = await openWithHandlers(template.copy());
  opened.push(c);
  return c;
}

/** The hand-computed key of each dimension, over a row joined to customer, sku and city. */
const KEY: Record<SalesDimension, string> = {
  month: 'a.period - (a.period / 100) * 100',
  province: '(SELECT province_id FROM city WHERE id = cu.city_id)',
  city: 'cu.city_id',
  channel: 'cu.channel_id',
  brand: 'sk.brand_id',
  category: 'sk.category_id',
  customer: 'cu.id',
  salesperson: 'IFNULL(cu.owner_id, 0)',
};

function handSums(path: string, year: number, by: SalesDimension, where = '1=1'): Map<number, { actual: number; last: number; gp: number }> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT ${KEY[by]} AS k, a.period AS period, a.amount_cents AS amount, a.gross_profit_cents AS gp
           FROM sales_actual a, customer cu, sku sk WHERE cu.id = a.customer_id AND sk.id = a.sku_id AND ${where}`,
      )
      .all() as { k: number; period: number; amount: number; gp: number }[];
    const out = new Map<number, { actual: number; last: number; gp: number }>();
    for (const r of rows) {
      const y = Math.floor(r.period / 100);
      if (y !== year && y !== year - 1) continue;
      const e = out.get(r.k) ?? { actual: 0, last: 0, gp: 0 };
      if (y === year) {
        e.actual += r.amount;
        e.gp += r.gp;
      } else e.last += r.amount;
      out.set(r.k, e);
    }
    return out;
  } finally {
    db.close();
  }
}

describe('analysis.sales', () => {
  it('defaults to the year before the plan year and lists the years with actuals', async () => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.sales', { by: 'city' });
    expect(res.planYear).toBe(2027);
    expect(res.year).toBe(2026);
    const db = new Database(c.path, { readonly: true });
    const years = (db.prepare('SELECT DISTINCT period / 100 AS y FROM sales_actual ORDER BY y').all() as { y: number }[]).map((r) => r.y);
    db.close();
    expect(res.years).toEqual(years);
    expect(years).toContain(2026);
  });

  it.each(SALES_DIMENSIONS)('by %s: actual, last year, gross profit, margin and YoY match the file', async (by) => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.sales', { year: 2026, by });
    const hand = handSums(c.path, 2026, by);
    const nonZero = res.rows.filter((r) => r.actual !== 0 || r.lastYear !== 0);
    expect(nonZero.length).toBe(hand.size);
    for (const r of res.rows) {
      const h = hand.get(r.key) ?? { actual: 0, last: 0, gp: 0 };
      expect(r.actual, `${by} ${r.key}`).toBe(h.actual);
      expect(r.lastYear).toBe(h.last);
      expect(r.grossProfit).toBe(h.gp);
      expect(r.target).toBeNull();
      expect(r.achievement).toBeNull();
      expect(r.grossMargin).toBe(h.actual === 0 ? null : h.gp / h.actual);
      expect(r.yoy).toBe(h.last === 0 ? null : (h.actual - h.last) / h.last);
      if (by !== 'month' && !(by === 'salesperson' && r.key === 0)) expect(r.label).not.toBe('');
    }
    const total = [...hand.values()].reduce((s, h) => s + h.actual, 0);
    expect(res.total.actual).toBe(total);
    if (by === 'month') {
      expect(res.rows.map((r) => r.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(res.rows[0].mom).toBeNull();
      const [m2, m3] = [res.rows[1], res.rows[2]];
      expect(m3.mom).toBe(m2.actual === 0 ? null : (m3.actual - m2.actual) / m2.actual);
    }
  });

  it('applies the city, channel and brand filters', async () => {
    const c = await open();
    const db = new Database(c.path, { readonly: true });
    const one = db.prepare('SELECT cu.city_id AS city, cu.channel_id AS channel, sk.brand_id AS brand FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id JOIN sku sk ON sk.id = a.sku_id WHERE a.period / 100 = 2026 LIMIT 1').get() as { city: number; channel: number; brand: number };
    db.close();
    const res = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'category', filter: { cityId: one.city, channelId: one.channel, brandId: one.brand } });
    const hand = handSums(c.path, 2026, 'category', `cu.city_id = ${one.city} AND cu.channel_id = ${one.channel} AND sk.brand_id = ${one.brand}`);
    for (const r of res.rows) expect(r.actual).toBe(hand.get(r.key)?.actual ?? 0);
    expect(res.total.actual).toBeGreaterThan(0);
    // The other path: grouped by a customer dimension, filtered on the product and the channel.
    for (const by of ['city', 'month', 'customer'] as const) {
      const byCity = await invokeOk(c, 'analysis.sales', { year: 2026, by, filter: { brandId: one.brand, channelId: one.channel } });
      const handCity = handSums(c.path, 2026, by, `sk.brand_id = ${one.brand} AND cu.channel_id = ${one.channel}`);
      for (const r of byCity.rows) {
        expect(r.actual, `${by} ${r.key}`).toBe(handCity.get(r.key)?.actual ?? 0);
        expect(r.lastYear).toBe(handCity.get(r.key)?.last ?? 0);
      }
      expect(byCity.total.actual).toBeGreaterThan(0);
    }
  });

  it('applies the province filter on both paths, to the targets and to the rows behind a group', async () => {
    const c = await open();
    const db = new Database(c.path, { readonly: true });
    const province = (db.prepare('SELECT ci.province_id AS p FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id JOIN city ci ON ci.id = cu.city_id WHERE a.period / 100 = 2026 ORDER BY ci.province_id DESC LIMIT 1').get() as { p: number }).p;
    db.close();
    const inProvince = `cu.city_id IN (SELECT id FROM city WHERE province_id = ${province})`;
    const all = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'month' });
    for (const by of ['city', 'brand', 'month'] as const) {
      const res = await invokeOk(c, 'analysis.sales', { year: 2026, by, filter: { provinceId: province } });
      const hand = handSums(c.path, 2026, by, inProvince);
      for (const r of res.rows) {
        expect(r.actual, `${by} ${r.key}`).toBe(hand.get(r.key)?.actual ?? 0);
        expect(r.lastYear).toBe(hand.get(r.key)?.last ?? 0);
      }
      expect(res.total.actual).toBeGreaterThan(0);
      expect(res.total.actual).toBeLessThan(all.total.actual);
    }
    const withBrand = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'city', filter: { provinceId: province, brandId: all.options.brands[0].id } });
    const handBrand = handSums(c.path, 2026, 'city', `${inProvince} AND sk.brand_id = ${all.options.brands[0].id}`);
    expect(withBrand.total.actual).toBe([...handBrand.values()].reduce((s, h) => s + h.actual, 0));
    const city = (await invokeOk(c, 'analysis.sales', { year: 2026, by: 'city', filter: { provinceId: province } })).rows.find((r) => r.actual > 0)!;
    const detail = await invokeOk(c, 'analysis.salesRows', { year: 2026, slice: { by: 'month', key: 3 }, filter: { provinceId: province }, limit: 1000 });
    expect(detail.total).toBeGreaterThan(0);
    const db2 = new Database(c.path, { readonly: true });
    const count = db2.prepare(`SELECT COUNT(*) AS n FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id WHERE a.period = 202603 AND ${inProvince}`).get() as { n: number };
    db2.close();
    expect(detail.total).toBe(count.n);
    expect(city.label).not.toBe('');
  });

  it('filters the plan year\'s targets by province', async () => {
    const path = template.copy();
    const w = new Database(path);
    const version = (w.prepare("SELECT id FROM plan_version WHERE kind = 'working'").get() as { id: number }).id;
    const cells = w.prepare('SELECT ci.id AS city, ci.province_id AS province, ch.id AS channel, s.id AS sku FROM city ci, channel ch, sku s ORDER BY ci.id DESC, ch.id, s.id LIMIT 40').all() as { city: number; province: number; channel: number; sku: number }[];
    const ins = w.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, ?, NULL, ?, ?, ?, 0)');
    cells.forEach((cell, i) => ins.run(version, cell.city, cell.channel, cell.sku, (i % 12) + 1, 1_000_00 * (i + 1)));
    w.close();
    const c = await openWithHandlers(path);
    opened.push(c);
    const province = cells[0].province;
    const res = await invokeOk(c, 'analysis.sales', { year: 2027, by: 'channel', filter: { provinceId: province } });
    const expected = cells.reduce((s, cell, i) => s + (cell.province === province ? 1_000_00 * (i + 1) : 0), 0);
    expect(res.total.target).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it('compares chosen months with the same months of last year (同期), on both paths', async () => {
    const c = await open();
    const months = 'a.period - (a.period / 100) * 100 BETWEEN 3 AND 5';
    for (const by of ['city', 'brand', 'month'] as const) {
      const res = await invokeOk(c, 'analysis.sales', { year: 2026, by, months: [3, 5] });
      expect(res.months).toEqual([3, 5]);
      const hand = handSums(c.path, 2026, by, months);
      for (const r of res.rows) {
        expect(r.actual, `${by} ${r.key}`).toBe(hand.get(r.key)?.actual ?? 0);
        expect(r.lastYear, `${by} ${r.key}`).toBe(hand.get(r.key)?.last ?? 0);
      }
      if (by === 'month') expect(res.rows.map((r) => r.key)).toEqual([3, 4, 5]);
    }
    // A filter that reads the lines follows the months too.
    const brand = (await invokeOk(c, 'analysis.sales', { year: 2026, by: 'brand' })).rows[0].key;
    const filtered = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'city', filter: { brandId: brand }, months: [3, 5] });
    const handFiltered = handSums(c.path, 2026, 'city', `${months} AND sk.brand_id = ${brand}`);
    for (const r of filtered.rows) expect(r.actual).toBe(handFiltered.get(r.key)?.actual ?? 0);
    // The drill shows the same months' rows.
    const city = filtered.rows.find((r) => r.actual !== 0)!;
    const rows = await invokeOk(c, 'analysis.salesRows', { year: 2026, slice: { by: 'city', key: city.key }, filter: { brandId: brand }, months: [3, 5], limit: 1000 });
    expect(rows.rows.every((r) => r.period >= 202603 && r.period <= 202605)).toBe(true);
  });

  it('a year still under way is compared with the same months of last year by default', async () => {
    // The file's 2026 ends in October: its November and December lines go (summaries kept in step).
    const path = template.copy();
    const db = new Database(path);
    db.transaction(() => {
      db.prepare('DELETE FROM sales_actual WHERE period >= 202611').run();
      refreshSalesSummary(db, [202611, 202612]);
    })();
    db.close();
    const c = await openWithHandlers(path);
    opened.push(c);
    const res = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'channel' });
    expect(res.lastMonth).toBe(10);
    expect(res.months).toEqual([1, 10]);
    const hand = handSums(c.path, 2026, 'channel', 'a.period - (a.period / 100) * 100 <= 10');
    for (const r of res.rows) expect(r.lastYear).toBe(hand.get(r.key)?.last ?? 0);
    // Asked for, the whole year is still there (last year's November and December included).
    const whole = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'channel', months: [1, 12] });
    expect(whole.total.lastYear).toBeGreaterThan(res.total.lastYear);
    expect(whole.total.actual).toBe(res.total.actual);
  });

  it('in the plan year compares with the working version’s target_fact', async () => {
    // The demo has no targets: write a few cells of the working version first.
    const path = template.copy();
    const w = new Database(path);
    const version = (w.prepare("SELECT id FROM plan_version WHERE kind = 'working'").get() as { id: number }).id;
    const cells = w.prepare('SELECT ci.id AS city, ch.id AS channel, s.id AS sku FROM city ci, channel ch, sku s ORDER BY ci.id, ch.id, s.id LIMIT 5').all() as { city: number; channel: number; sku: number }[];
    const ins = w.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, ?, NULL, ?, ?, ?, 0)');
    cells.forEach((cell, i) => ins.run(version, cell.city, cell.channel, cell.sku, (i % 12) + 1, 1_000_00 * (i + 1)));
    w.close();
    const c = await openWithHandlers(path);
    opened.push(c);
    const res = await invokeOk(c, 'analysis.sales', { year: 2027, by: 'channel' });
    const db = new Database(c.path, { readonly: true });
    const targets = new Map(
      (db
        .prepare("SELECT t.channel_id AS k, SUM(t.amount_cents) AS v FROM target_fact t JOIN plan_version v ON v.id = t.version_id AND v.kind = 'working' GROUP BY t.channel_id")
        .all() as { k: number; v: number }[]).map((r) => [r.k, r.v]),
    );
    db.close();
    for (const r of res.rows) {
      expect(r.target).toBe(targets.get(r.key) ?? 0);
      expect(r.achievement).toBe(r.target ? r.actual / r.target : null);
    }
    expect(res.total.target).toBe([...targets.values()].reduce((s, v) => s + v, 0));
    expect(res.total.target).toBeGreaterThan(0);
  });
});

describe('analysis.salesRows', () => {
  it('returns the rows behind one group, with the total count', async () => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'city' });
    const city = res.rows.find((r) => r.actual > 0)!;
    const detail = await invokeOk(c, 'analysis.salesRows', { year: 2026, slice: { by: 'city', key: city.key }, limit: 1000 });
    const db = new Database(c.path, { readonly: true });
    const n = (db.prepare('SELECT COUNT(*) AS n FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id WHERE cu.city_id = ? AND a.period / 100 = 2026').get(city.key) as { n: number }).n;
    db.close();
    expect(detail.total).toBe(n);
    expect(detail.rows.length).toBe(Math.min(n, 1000));
    if (n <= 1000) expect(detail.rows.reduce((s, r) => s + r.amountCents, 0)).toBe(city.actual);
    for (const r of detail.rows) expect(Math.floor(r.period / 100)).toBe(2026);
    const small = await invokeOk(c, 'analysis.salesRows', { year: 2026, slice: { by: 'city', key: city.key }, limit: 3 });
    expect(small.rows).toEqual(detail.rows.slice(0, 3));
  });
});

describe('refusals', () => {
  it.each([
    ['analysis.sales', {}],
    ['analysis.sales', { by: 'planet' }],
    ['analysis.sales', { by: 'city', year: 1999 }],
    ['analysis.sales', { by: 'city', year: 2026.5 }],
    ['analysis.sales', { by: 'city', filter: { cityId: -1 } }],
    ['analysis.sales', { by: 'city', filter: { countyId: 1 } }],
    ['analysis.sales', { by: 'city', extra: 1 }],
    ['analysis.salesRows', { year: 2026, slice: { by: 'city' } }],
    ['analysis.salesRows', { year: 2026, slice: { by: 'city', key: 1 }, limit: 1001 }],
    ['analysis.salesRows', { year: 2026, slice: { by: 'city', key: 1 }, limit: 0 }],
    ['analysis.salesRows', { slice: { by: 'city', key: 1 } }],
    ['analysis.sales', { by: 'city', months: [5, 3] }],
    ['analysis.sales', { by: 'city', months: [0, 12] }],
    ['analysis.sales', { by: 'city', months: [1, 13] }],
    ['analysis.sales', { by: 'city', months: [1] }],
    ['analysis.market', { by: 'city', months: [9, 2] }],
    ['analysis.market', { by: 'brand' }],
    ['analysis.market', { by: 'city', filter: { channelId: 1 } }],
    ['analysis.market', { by: 'city', year: '2026' }],
    ['analysis.marketRows', { year: 2026, slice: { by: 'city', key: 0 } }],
    ['analysis.marketRows', { year: 2026, slice: { by: 'city', key: 1 }, limit: 2001 }],
  ] as const)('%s refuses %j', async (name, input) => {
    const c = await open();
    const err = await invokeRefused(c, name, input);
    expect(err.code).toBe('INVALID_INPUT');
  });
});

/** Market sums by hand: every market_sales row of the two years, grouped in JS. */
function handMarket(path: string, year: number, key: (r: { period: number; city_id: number; category_id: number }) => number, keep: (r: { period: number; city_id: number; category_id: number }) => boolean = () => true) {
  const db = new Database(path, { readonly: true });
  try {
    const own = new Set((db.prepare('SELECT id FROM brand WHERE is_own = 1').all() as { id: number }[]).map((b) => b.id));
    const rows = db.prepare('SELECT period, city_id, category_id, brand_id, amount_cents FROM market_sales').all() as {
      period: number; city_id: number; category_id: number; brand_id: number; amount_cents: number;
    }[];
    const out = new Map<number, { market: number; ours: number; lastMarket: number; lastOurs: number }>();
    for (const r of rows) {
      const y = Math.floor(r.period / 100);
      if ((y !== year && y !== year - 1) || !keep(r)) continue;
      const k = key(r);
      const e = out.get(k) ?? { market: 0, ours: 0, lastMarket: 0, lastOurs: 0 };
      if (y === year) {
        e.market += r.amount_cents;
        if (own.has(r.brand_id)) e.ours += r.amount_cents;
      } else {
        e.lastMarket += r.amount_cents;
        if (own.has(r.brand_id)) e.lastOurs += r.amount_cents;
      }
      out.set(k, e);
    }
    return out;
  } finally {
    db.close();
  }
}

describe('analysis.market', () => {
  it('by city: our share of each city\'s market this year and last year, exactly from market_sales', async () => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.market', { year: 2026, by: 'city' });
    const hand = handMarket(c.path, 2026, (r) => r.city_id);
    expect(res.rows.length).toBe(hand.size);
    expect(res.rows.length).toBeGreaterThan(0);
    for (const r of res.rows) {
      const h = hand.get(r.key)!;
      expect(r.market).toBe(h.market);
      expect(r.ours).toBe(h.ours);
      expect(r.share).toBeCloseTo(h.ours / h.market, 12);
      expect(r.lastYearShare).toBeCloseTo(h.lastOurs / h.lastMarket, 12);
      // Every brand's band adds up to the market, and ours is the own brands' bands.
      expect(r.byBrand.reduce((a, b) => a + b, 0)).toBe(r.market);
      expect(res.brands.reduce((a, b, i) => a + (b.isOwn ? r.byBrand[i] : 0), 0)).toBe(r.ours);
    }
    expect(res.brands[0].isOwn).toBe(true);
    expect(res.brands.some((b) => !b.isOwn)).toBe(true);
    expect(res.total.market).toBe([...hand.values()].reduce((a, h) => a + h.market, 0));
  });

  it('by city within one province: only that province\'s cities, exactly from market_sales', async () => {
    const c = await open();
    const db = new Database(c.path, { readonly: true });
    const cityProvince = new Map((db.prepare('SELECT id, province_id AS p FROM city').all() as { id: number; p: number }[]).map((r) => [r.id, r.p]));
    const province = (db.prepare('SELECT ci.province_id AS p FROM market_sales m JOIN city ci ON ci.id = m.city_id ORDER BY ci.province_id DESC LIMIT 1').get() as { p: number }).p;
    db.close();
    const all = await invokeOk(c, 'analysis.market', { year: 2026, by: 'city' });
    const res = await invokeOk(c, 'analysis.market', { year: 2026, by: 'city', filter: { provinceId: province } });
    const hand = handMarket(c.path, 2026, (r) => r.city_id, (r) => cityProvince.get(r.city_id) === province);
    expect(res.rows.map((r) => r.key)).toEqual(all.rows.filter((r) => hand.has(r.key)).map((r) => r.key));
    for (const r of res.rows) expect([r.market, r.ours]).toEqual([hand.get(r.key)!.market, hand.get(r.key)!.ours]);
    expect(res.total.market).toBe([...hand.values()].reduce((a, h) => a + h.market, 0));
    expect(res.total.market).toBeLessThan(all.total.market);
    expect((await invokeRefused(c, 'analysis.market', { by: 'city', filter: { provinceId: 999 } })).code).toBe('NOT_FOUND');
  });

  it('by month within one category and city follows the filter', async () => {
    const c = await open();
    const first = await invokeOk(c, 'analysis.market', { year: 2026, by: 'category' });
    const cat = first.rows[0].key;
    const city = first.options.cities.find((x) => x)!.id;
    const res = await invokeOk(c, 'analysis.market', { year: 2026, by: 'month', filter: { categoryId: cat, cityId: city } });
    const hand = handMarket(c.path, 2026, (r) => r.period % 100, (r) => r.category_id === cat && r.city_id === city);
    expect(res.rows.map((r) => r.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const r of res.rows) {
      const h = hand.get(r.key) ?? { market: 0, ours: 0 };
      expect(r.market).toBe(h.market);
      expect(r.ours).toBe(h.ours);
    }
  });

  it('chosen months compare with the same months of last year', async () => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.market', { year: 2026, by: 'city', months: [4, 6] });
    const hand = handMarket(c.path, 2026, (r) => r.city_id, (r) => r.period % 100 >= 4 && r.period % 100 <= 6);
    for (const r of res.rows) {
      expect(r.market).toBe(hand.get(r.key)!.market);
      expect(r.lastYearShare).toBeCloseTo(hand.get(r.key)!.lastOurs / hand.get(r.key)!.lastMarket, 12);
    }
  });

  it('drills into the market_sales rows of a group and refuses an unknown city', async () => {
    const c = await open();
    const res = await invokeOk(c, 'analysis.market', { year: 2026, by: 'city' });
    const top = res.rows[0];
    const rows = await invokeOk(c, 'analysis.marketRows', { year: 2026, slice: { by: 'city', key: top.key }, limit: 2000 });
    expect(rows.total).toBe(rows.rows.length);
    expect(rows.rows.reduce((a, r) => a + r.amountCents, 0)).toBe(top.market);
    expect(rows.rows.filter((r) => r.isOwn).reduce((a, r) => a + r.amountCents, 0)).toBe(top.ours);
    const err = await invokeRefused(c, 'analysis.market', { by: 'city', filter: { cityId: 999_999 } });
    expect(err.code).toBe('NOT_FOUND');
  });
});
