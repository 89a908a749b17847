import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { averageCents, comparableCompetitors, isLaterCheck } from '../../src/shared/analysisPrices';
import { PRICE_CHART_SKUS } from '../../src/shared/endpoints/analysisPrices';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import { demoOpener, invokeOk, invokeRefused, withDb } from './helpers';

// 價格分析 through the handler registry. A hand-built set of visits (every expected value
// worked out by hand in the comments), and the tiny demo region recomputed with the
// test's own SQL (the latest check by NOT EXISTS, the comparison with LIKE / brand_category).

// Jobs run inline: one test removes the visits' import batch.
const open = demoOpener(() => ({ runJob: inlineJobRunner() }));

describe('pure helpers', () => {
  it('isLaterCheck: date, then visit id, then price row id', () => {
    expect(isLaterCheck({ visitDate: '2026-05-01', visitId: 1, id: 1 }, { visitDate: '2026-04-30', visitId: 9, id: 9 })).toBe(true);
    expect(isLaterCheck({ visitDate: '2026-05-01', visitId: 2, id: 1 }, { visitDate: '2026-05-01', visitId: 1, id: 9 })).toBe(true);
    expect(isLaterCheck({ visitDate: '2026-05-01', visitId: 2, id: 5 }, { visitDate: '2026-05-01', visitId: 2, id: 6 })).toBe(false);
  });
  it('comparableCompetitors: brand in the category, narrowed to the same pack when a label names it', () => {
    const sells = (b: number, c: number) => (b === 10 && c === 1) || (b === 11 && c === 1) || (b === 12 && c === 2);
    const rows = [
      { brandId: 10, label: 'A 天然水 550ml×24' },
      { brandId: 11, label: 'B 純淨水 350ml×24' },
      { brandId: 12, label: 'C 冰紅茶 550ml×24' },
    ];
    expect(comparableCompetitors({ categoryId: 1, spec: '550ml×24' }, rows, sells).map((r) => r.brandId)).toEqual([10]);
    // No label names 1.5L×12: every row of a brand selling in the category.
    expect(comparableCompetitors({ categoryId: 1, spec: '1.5L×12' }, rows, sells).map((r) => r.brandId)).toEqual([10, 11]);
    expect(comparableCompetitors({ categoryId: 1, spec: '' }, rows, sells).map((r) => r.brandId)).toEqual([10, 11]);
    expect(comparableCompetitors({ categoryId: 3, spec: '550ml×24' }, rows, sells)).toEqual([]);
  });
  it('averageCents skips nulls and rounds to a cent', () => {
    expect(averageCents([990, 999])).toBe(995); // 994.5 → 995
    expect(averageCents([null, 2100, 2000])).toBe(2050);
    expect(averageCents([null])).toBeNull();
    expect(averageCents([])).toBeNull();
  });
});

interface HandIds {
  a: number;
  b: number;
  s1: number;
  s2: number;
  cb1: number;
  cb2: number;
  cb3: number;
  spec1: string;
}

/** Replaces every visit with a hand-built set (see the expectations in the test). */
function handVisits(db: Database.Database): HandIds {
  db.exec('DELETE FROM visit_price; DELETE FROM visit_stock; DELETE FROM visit_promise; DELETE FROM customer_visit;');
  const [a, b] = (db.prepare('SELECT id FROM customer ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  // Two SKUs of one category with two competitor brands selling in it and one that does not.
  const cat = db
    .prepare(
      `SELECT s.category_id AS c FROM sku s JOIN brand_category bc ON bc.category_id = s.category_id JOIN brand br ON br.id = bc.brand_id AND br.is_own = 0
        GROUP BY s.category_id HAVING COUNT(DISTINCT bc.brand_id) >= 2 AND COUNT(DISTINCT s.id) >= 2 ORDER BY s.category_id LIMIT 1`,
    )
    .get() as { c: number };
  const [s1, s2] = db.prepare('SELECT id, spec FROM sku WHERE category_id = ? ORDER BY id LIMIT 2').all(cat.c) as { id: number; spec: string }[];
  const [cb1, cb2] = (db.prepare('SELECT b.id FROM brand b JOIN brand_category bc ON bc.brand_id = b.id WHERE b.is_own = 0 AND bc.category_id = ? ORDER BY b.id LIMIT 2').all(cat.c) as { id: number }[]).map((r) => r.id);
  const cb3 = (db.prepare('SELECT id FROM brand b WHERE is_own = 0 AND NOT EXISTS (SELECT 1 FROM brand_category bc WHERE bc.brand_id = b.id AND bc.category_id = ?) ORDER BY id LIMIT 1').get(cat.c) as { id: number }).id;
  const visit = db.prepare('INSERT INTO customer_visit (id, visit_date, customer_id) VALUES (?, ?, ?)');
  const price = db.prepare('INSERT INTO visit_price (visit_id, brand_id, sku_id, product_label, purchase_price_cents, retail_price_cents) VALUES (?, ?, ?, ?, ?, ?)');
  const own = (v: number, sku: { id: number }, p: number | null, r: number | null) => {
    const brand = (db.prepare('SELECT brand_id FROM sku WHERE id = ?').get(sku.id) as { brand_id: number }).brand_id;
    price.run(v, brand, sku.id, '', p, r);
  };
  visit.run(1, '2026-03-01', a);
  own(1, s1, 1000, 1100);
  price.run(1, cb1, null, `X 天然水 ${s1.spec}`, 1050, 1150); // same category, same pack
  price.run(1, cb2, null, 'Y 其他 9L×1', 900, 990); // same category, another pack: left out (a same-pack row exists)
  price.run(1, cb3, null, `Z 別類 ${s1.spec}`, 10, 20); // brand not in the category: left out
  visit.run(2, '2026-05-01', a);
  own(2, s1, 1000, 990); // latest of A × s1: inverted (990 < 1000)
  price.run(2, cb2, null, 'Y 無規格', 980, 1020); // no label names the pack: the category's rows count
  visit.run(3, '2026-05-01', a);
  own(3, s2, 2000, 2000); // equal: not inverted
  visit.run(4, '2025-12-31', a);
  own(4, s2, 3000, 100); // another year
  visit.run(5, '2026-02-10', b);
  own(5, s1, 1000, 1200);
  visit.run(6, '2026-02-10', b); // same date, higher visit id: the latest
  own(6, s1, 1000, 999);
  visit.run(7, '2026-07-01', b);
  own(7, s2, null, 2100); // no purchase price: not inverted, left out of the purchase average
  return { a, b, s1: s1.id, s2: s2.id, cb1, cb2, cb3, spec1: s1.spec };
}

describe('analysis.prices on hand-built visits', () => {
  it('takes the latest check, flags selling < purchase (not equal) and compares competitors', async () => {
    let ids!: HandIds;
    const c = await open((db) => (ids = handVisits(db)));
    const p = await invokeOk(c, 'analysis.prices', { year: 2026 });
    expect(p.year).toBe(2026);
    expect(p.years).toEqual([2025, 2026]);
    expect(p.totals).toEqual({ checks: 6, cells: 4, invertedCells: 2, customers: 2, invertedCustomers: 2, skus: 2 });
    const cell = (cu: number, sku: number) => p.matrix.cells.find((x) => x.customerId === cu && x.skuId === sku)!;
    expect(cell(ids.a, ids.s1)).toMatchObject({ visitId: 2, visitDate: '2026-05-01', purchase: 1000, retail: 990, inverted: true, checks: 2 });
    expect(cell(ids.a, ids.s1).competitors).toEqual([{ brandName: expect.any(String), label: 'Y 無規格', purchase: 980, retail: 1020 }]);
    expect(cell(ids.a, ids.s2)).toMatchObject({ visitId: 3, purchase: 2000, retail: 2000, inverted: false, checks: 1, competitors: [] });
    expect(cell(ids.b, ids.s1)).toMatchObject({ visitId: 6, purchase: 1000, retail: 999, inverted: true, checks: 2, competitors: [] });
    expect(cell(ids.b, ids.s2)).toMatchObject({ visitId: 7, purchase: null, retail: 2100, inverted: false });
    const sku = (id: number) => p.skus.find((k) => k.id === id)!;
    // s1: retail (990 + 999) / 2 = 994.5 → 995; the one compared competitor row 980 / 1020.
    expect(sku(ids.s1)).toMatchObject({ customers: 2, avgPurchase: 1000, avgRetail: 995, inverted: 2, compAvgPurchase: 980, compAvgRetail: 1020, compChecks: 1 });
    // s2: purchase 2000 (the null skipped), retail (2000 + 2100) / 2 = 2050.
    expect(sku(ids.s2)).toMatchObject({ customers: 2, avgPurchase: 2000, avgRetail: 2050, inverted: 0, compAvgRetail: null, compChecks: 0 });
    expect(p.matrix.customers.map((x) => [x.id, x.cells, x.inverted])).toEqual(
      [
        [ids.a, 2, 1],
        [ids.b, 2, 1],
      ].sort((x, y) => x[0] - y[0]),
    );

    // January–March: A × s1 is visit 1 (not inverted), compared with cb1's same-pack row only.
    const q1 = await invokeOk(c, 'analysis.prices', { year: 2026, monthFrom: 1, monthTo: 3 });
    expect(q1.totals).toMatchObject({ checks: 3, cells: 2, invertedCells: 1, customers: 2, invertedCustomers: 1 });
    const a1 = q1.matrix.cells.find((x) => x.customerId === ids.a)!;
    expect(a1).toMatchObject({ visitId: 1, retail: 1100, inverted: false });
    expect(a1.competitors.map((x) => [x.label, x.purchase, x.retail])).toEqual([[`X 天然水 ${ids.spec1}`, 1050, 1150]]);

    // Only the inverted: s1 alone.
    const inv = await invokeOk(c, 'analysis.prices', { year: 2026, onlyInverted: true });
    expect(inv.skus.map((k) => k.id)).toEqual([ids.s1]);
    expect(inv.matrix.skuIds).toEqual([ids.s1]);
    expect(inv.matrix.customers).toHaveLength(2);

    // 2025: A × s2 (3000 / 100) is inverted.
    const y25 = await invokeOk(c, 'analysis.prices', { year: 2025 });
    expect(y25.totals).toMatchObject({ cells: 1, invertedCells: 1 });

    // The drill behind A × s1: our two checks (visit 2 the latest) and the compared competitor rows.
    const d = await invokeOk(c, 'analysis.priceChecks', { year: 2026, customerId: ids.a, skuId: ids.s1 });
    expect(d.total).toBe(4);
    expect(d.inverted).toBe(1);
    expect(d.rows.map((r) => [r.visitId, r.isOwn, r.purchase, r.retail, r.inverted, r.latest])).toEqual([
      [2, true, 1000, 990, true, true],
      [2, false, 980, 1020, false, true],
      [1, true, 1000, 1100, false, false],
      [1, false, 1050, 1150, false, false],
    ]);
    // A customer's row: every check at the customer in the year (3 own; 4 competitor rows:
    // visit 1's three, compared or not, and visit 2's one).
    const da = await invokeOk(c, 'analysis.priceChecks', { year: 2026, customerId: ids.a });
    expect(da.total).toBe(7);
    expect(da.rows.filter((r) => r.isOwn && r.latest).map((r) => r.visitId).sort()).toEqual([2, 3]);
    // A SKU's bar: s1's checks at every customer (4 own) and the competitor rows compared with them (2).
    const ds = await invokeOk(c, 'analysis.priceChecks', { year: 2026, skuId: ids.s1 });
    expect(ds.total).toBe(6);
    expect(ds.inverted).toBe(2);
    expect((await invokeOk(c, 'analysis.priceChecks', { year: 2026, skuId: ids.s1, limit: 1 })).rows).toHaveLength(1);
  });

  it('an empty region: no years, no cells', async () => {
    const c = await open((db) => db.exec('DELETE FROM visit_price; DELETE FROM visit_stock; DELETE FROM visit_promise; DELETE FROM customer_visit;'));
    const p = await invokeOk(c, 'analysis.prices', {});
    expect(p.years).toEqual([]);
    expect(p.totals.cells).toBe(0);
    expect(p.skus).toEqual([]);
    expect(p.matrix.customers).toEqual([]);
  });
});

describe('analysis.prices on the demo region', () => {
  it('agrees with the test’s own SQL: latest checks, inversions, averages and competitor prices', async () => {
    const c = await open();
    const p = await invokeOk(c, 'analysis.prices', {});
    expect(p.planYear).toBe(2027);
    expect(p.year).toBe(2026);
    const hand = withDb(c.path, (db) => {
      const latest = db
        .prepare(
          `SELECT v.customer_id AS cu, vp.sku_id AS sku, vp.visit_id AS visit, vp.purchase_price_cents AS p, vp.retail_price_cents AS r, s.category_id AS cat, s.spec
             FROM visit_price vp JOIN customer_visit v ON v.id = vp.visit_id JOIN sku s ON s.id = vp.sku_id
            WHERE v.visit_date LIKE '2026-%' AND NOT EXISTS (
              SELECT 1 FROM visit_price vp2 JOIN customer_visit v2 ON v2.id = vp2.visit_id
               WHERE v2.customer_id = v.customer_id AND vp2.sku_id = vp.sku_id AND v2.visit_date LIKE '2026-%'
                 AND (v2.visit_date > v.visit_date OR (v2.visit_date = v.visit_date AND (v2.id > v.id OR (v2.id = v.id AND vp2.id > vp.id)))))`,
        )
        .all() as { cu: number; sku: number; visit: number; p: number; r: number; cat: number; spec: string }[];
      const checks = (db.prepare("SELECT COUNT(DISTINCT v.id) AS n FROM customer_visit v JOIN visit_price vp ON vp.visit_id = v.id WHERE vp.sku_id IS NOT NULL AND v.visit_date LIKE '2026-%'").get() as { n: number }).n;
      // Competitor rows of the visit compared with a cell, by the rule in SQL.
      const comp = db.prepare(
        `SELECT vp.purchase_price_cents AS p, vp.retail_price_cents AS r FROM visit_price vp JOIN brand b ON b.id = vp.brand_id
          WHERE vp.visit_id = @visit AND vp.sku_id IS NULL AND b.is_own = 0
            AND EXISTS (SELECT 1 FROM brand_category bc WHERE bc.brand_id = vp.brand_id AND bc.category_id = @cat)
            AND (instr(vp.product_label, @spec) > 0 OR NOT EXISTS (
              SELECT 1 FROM visit_price x JOIN brand xb ON xb.id = x.brand_id WHERE x.visit_id = @visit AND x.sku_id IS NULL AND xb.is_own = 0
                 AND instr(x.product_label, @spec) > 0 AND EXISTS (SELECT 1 FROM brand_category bc WHERE bc.brand_id = x.brand_id AND bc.category_id = @cat)))`,
      );
      return { latest: latest.map((l) => ({ ...l, comp: comp.all({ visit: l.visit, cat: l.cat, spec: l.spec }) as { p: number; r: number }[] })), checks };
    });
    expect(hand.latest.length).toBeGreaterThan(0);
    const inverted = hand.latest.filter((l) => l.r < l.p);
    expect(inverted.length).toBeGreaterThan(0); // the demo has 價格倒掛
    expect(p.totals.checks).toBe(hand.checks);
    expect(p.totals.cells).toBe(hand.latest.length);
    expect(p.totals.invertedCells).toBe(inverted.length);
    expect(p.totals.customers).toBe(new Set(hand.latest.map((l) => l.cu)).size);
    expect(p.totals.invertedCustomers).toBe(new Set(inverted.map((l) => l.cu)).size);
    expect(p.totals.skus).toBe(new Set(hand.latest.map((l) => l.sku)).size);
    expect(p.skus.length).toBe(Math.min(PRICE_CHART_SKUS, p.totals.skus));

    const key = (cu: number, sku: number) => `${cu}:${sku}`;
    const byKey = new Map(hand.latest.map((l) => [key(l.cu, l.sku), l]));
    for (const cell of p.matrix.cells) {
      const h = byKey.get(key(cell.customerId, cell.skuId))!;
      expect([cell.visitId, cell.purchase, cell.retail, cell.inverted]).toEqual([h.visit, h.p, h.r, h.r < h.p]);
      expect(cell.competitors.map((x) => [x.purchase, x.retail])).toEqual(h.comp.map((x) => [x.p, x.r]));
    }
    for (const k of p.skus) {
      const ls = hand.latest.filter((l) => l.sku === k.id);
      const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
      const comps = ls.flatMap((l) => l.comp);
      expect(k.customers).toBe(ls.length);
      expect(k.avgPurchase).toBe(avg(ls.map((l) => l.p)));
      expect(k.avgRetail).toBe(avg(ls.map((l) => l.r)));
      expect(k.inverted).toBe(ls.filter((l) => l.r < l.p).length);
      expect(k.compChecks).toBe(comps.length);
      expect(k.compAvgRetail).toBe(avg(comps.map((x) => x.r)));
    }
    // SKUs ranked by customers checked; the matrix's columns are the first of them.
    for (let i = 1; i < p.skus.length; i++) expect(p.skus[i - 1].customers).toBeGreaterThanOrEqual(p.skus[i].customers);
    expect(p.matrix.skuIds).toEqual(p.skus.slice(0, p.matrix.skuIds.length).map((k) => k.id));

    // A city filter: only that city's customers.
    const city = withDb(c.path, (db) => (db.prepare("SELECT c.city_id AS id, COUNT(DISTINCT c.id) AS n FROM customer_visit v JOIN customer c ON c.id = v.customer_id JOIN visit_price vp ON vp.visit_id = v.id WHERE vp.sku_id IS NOT NULL AND v.visit_date LIKE '2026-%' GROUP BY c.city_id ORDER BY n DESC LIMIT 1").get() as { id: number; n: number }));
    const pc = await invokeOk(c, 'analysis.prices', { cityId: city.id });
    expect(pc.totals.customers).toBe(city.n);
  });
});

describe('analysis.priceShelves', () => {
  it('hand-built audits: each terminal’s latest priced audit, times the pack size', async () => {
    let ids!: { s1: number; pack: number; t1: number; t2: number; city1: number };
    const c = await open((db) => {
      const batch = (db.prepare('SELECT batch_id FROM store_audit LIMIT 1').get() as { batch_id: number }).batch_id;
      db.exec('DELETE FROM store_audit_sku; DELETE FROM store_audit_brand; DELETE FROM store_audit;');
      const s1 = db.prepare('SELECT id, pack_size FROM sku ORDER BY id LIMIT 1').get() as { id: number; pack_size: number };
      const t1 = db.prepare('SELECT id, city_id FROM terminal ORDER BY id LIMIT 1').get() as { id: number; city_id: number };
      const t2 = db.prepare('SELECT id FROM terminal WHERE city_id <> ? ORDER BY id LIMIT 1').get(t1.city_id) as { id: number };
      const audit = db.prepare('INSERT INTO store_audit (id, audit_date, terminal_id, batch_id) VALUES (?, ?, ?, ?)');
      const line = db.prepare('INSERT INTO store_audit_sku (audit_id, sku_id, facings, shelf_price_cents) VALUES (?, ?, 1, ?)');
      const add = (id: number, date: string, terminal: number, price: number | null) => {
        audit.run(id, date, terminal, batch);
        line.run(id, s1.id, price);
      };
      add(1, '2026-03-01', t1.id, 50);
      add(2, '2026-06-01', t1.id, 60); // t1's latest
      add(3, '2026-04-01', t2.id, 55); // t2's latest with a price
      add(4, '2026-05-01', t2.id, null); // no price: not counted
      add(5, '2025-12-01', t2.id, 10); // another year
      ids = { s1: s1.id, pack: s1.pack_size, t1: t1.id, t2: t2.id, city1: t1.city_id };
    });
    const all = await invokeOk(c, 'analysis.priceShelves', { year: 2026, skuIds: [ids.s1] });
    // (60 + 55) / 2 = 57.5 a piece.
    expect(all.rows).toEqual([{ skuId: ids.s1, terminals: 2, packSize: ids.pack, avgUnit: 57.5, avgPack: Math.round(57.5 * ids.pack) }]);
    const q1 = await invokeOk(c, 'analysis.priceShelves', { year: 2026, monthFrom: 1, monthTo: 3, skuIds: [ids.s1] });
    expect(q1.rows).toEqual([{ skuId: ids.s1, terminals: 1, packSize: ids.pack, avgUnit: 50, avgPack: 50 * ids.pack }]);
    const city = await invokeOk(c, 'analysis.priceShelves', { year: 2026, cityId: ids.city1, skuIds: [ids.s1] });
    expect(city.rows.map((r) => [r.terminals, r.avgUnit])).toEqual([[1, 60]]);
    expect((await invokeOk(c, 'analysis.priceShelves', { year: 2025, skuIds: [ids.s1] })).rows.map((r) => r.avgUnit)).toEqual([10]);
  });

  it('the demo region: agrees with the test’s own SQL for the chart’s SKUs', async () => {
    const c = await open();
    const p = await invokeOk(c, 'analysis.prices', { year: 2026 });
    const got = await invokeOk(c, 'analysis.priceShelves', { year: 2026, skuIds: p.skus.map((k) => k.id) });
    const hand = withDb(c.path, (db) =>
      db
        .prepare(
          `SELECT sas.sku_id AS sku, sas.shelf_price_cents AS price, s.pack_size AS pack
             FROM store_audit sa JOIN store_audit_sku sas ON sas.audit_id = sa.id JOIN sku s ON s.id = sas.sku_id
            WHERE sa.audit_date LIKE '2026-%' AND sas.shelf_price_cents IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM store_audit sb JOIN store_audit_sku sbs ON sbs.audit_id = sb.id
               WHERE sb.terminal_id = sa.terminal_id AND sbs.sku_id = sas.sku_id AND sbs.shelf_price_cents IS NOT NULL
                 AND sb.audit_date LIKE '2026-%' AND (sb.audit_date > sa.audit_date OR (sb.audit_date = sa.audit_date AND sb.id > sa.id)))`,
        )
        .all() as { sku: number; price: number; pack: number }[],
    );
    expect(got.rows.length).toBeGreaterThan(0);
    for (const k of p.skus) {
      const mine = hand.filter((h) => h.sku === k.id);
      const row = got.rows.find((r) => r.skuId === k.id);
      if (mine.length === 0) {
        expect(row).toBeUndefined();
        continue;
      }
      const avg = mine.reduce((a, h) => a + h.price, 0) / mine.length;
      expect(row).toMatchObject({ terminals: mine.length, packSize: mine[0].pack, avgPack: Math.round(avg * mine[0].pack) });
      expect(row!.avgUnit).toBeCloseTo(avg, 9);
    }
  });
});

describe('answers kept in memory', () => {
  it('answers again from memory, and afresh once the file changed (visits removed)', async () => {
    const c = await open();
    const first = await invokeOk(c, 'analysis.prices', { year: 2026 });
    expect(first.totals.cells).toBeGreaterThan(0);
    expect(await invokeOk(c, 'analysis.prices', { year: 2026 })).toEqual(first);
    const batch = withDb(c.path, (db) => db.prepare('SELECT DISTINCT batch_id AS id FROM customer_visit').get() as { id: number } | undefined);
    expect(batch).toBeDefined();
    await invokeOk(c, 'actuals.removeBatch', { id: batch!.id });
    const after = await invokeOk(c, 'analysis.prices', { year: 2026 });
    expect(after.totals.cells).toBe(0);
    expect(after.years).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses bad input and unknown ids', async () => {
    const c = await open();
    const competitor = withDb(c.path, (db) => (db.prepare('SELECT id FROM brand WHERE is_own = 0 LIMIT 1').get() as { id: number }).id);
    expect((await invokeRefused(c, 'analysis.prices', { year: 1999 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { year: 2026.5 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { monthFrom: 0 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { monthTo: 13 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { monthFrom: 5, monthTo: 3 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { onlyInverted: 'yes' })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.prices', { cityId: 0 })).code).toBe('INVALID_INPUT');
    for (const [field, key] of [
      ['cityId', 'unknownCity'],
      ['channelId', 'unknownChannel'],
      ['brandId', 'unknownBrand'],
      ['categoryId', 'unknownCategory'],
    ] as const) {
      const e = await invokeRefused(c, 'analysis.prices', { [field]: 999_999 });
      expect(e.code).toBe('NOT_FOUND');
      expect(e).toMatchObject({ rule: `analysisPrices.${key}`, issues: [{ path: field }] });
    }
    const e = await invokeRefused(c, 'analysis.prices', { brandId: competitor });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e).toMatchObject({ rule: 'analysisPrices.notOwnBrand', issues: [{ path: 'brandId' }] });
    expect((await invokeRefused(c, 'analysis.priceChecks', {})).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceChecks', { year: 2026, limit: 0 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceChecks', { year: 2026, limit: 5001 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceChecks', { year: 2026, onlyInverted: true })).code).toBe('INVALID_INPUT');
    const sku = await invokeRefused(c, 'analysis.priceChecks', { year: 2026, skuId: 999_999 });
    expect(sku.code).toBe('NOT_FOUND');
    expect(sku).toMatchObject({ rule: 'analysisPrices.unknownSku', issues: [{ path: 'skuId' }] });
    expect((await invokeRefused(c, 'analysis.priceShelves', { year: 2026, skuIds: [] })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceShelves', { year: 2026, skuIds: Array.from({ length: 16 }, (_, i) => i + 1) })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceShelves', { skuIds: [1] })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.priceShelves', { year: 2026, skuIds: [1], brandId: 1 })).code).toBe('INVALID_INPUT');
    const shelfSku = await invokeRefused(c, 'analysis.priceShelves', { year: 2026, skuIds: [1, 999_999] });
    expect(shelfSku.code).toBe('NOT_FOUND');
    expect(shelfSku).toMatchObject({ rule: 'analysisPrices.unknownSku', issues: [{ path: 'skuIds.1' }] });
    expect((await invokeRefused(c, 'analysis.priceShelves', { year: 2026, skuIds: [1], cityId: 999_999 })).code).toBe('NOT_FOUND');
    const cu = await invokeRefused(c, 'analysis.priceChecks', { year: 2026, customerId: 999_999 });
    expect(cu.code).toBe('NOT_FOUND');
    expect(cu).toMatchObject({ rule: 'analysisPrices.unknownCustomer', issues: [{ path: 'customerId' }] });
  });
});
