import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expenseMeasures, monthsOfQuarter, quarterOf, rollUp, subtreeOf } from '../../src/shared/analysisExpenses';
import type { ExpenseAnalysis, ExpenseAnalysisRow } from '../../src/shared/endpoints/analysisExpenses';
import { demoOpener, editFile, invokeOk, invokeRefused, withDb } from './helpers';
import { refreshSalesSummary } from '../../src/main/core/db/salesSummary';

// 費用分析 through the handler registry. A hand-built year (2031) of sales and expenses
// with every ratio and return worked out by hand; the demo region's review year
// recomputed with the test's own SQL; the plan year's budget against the expense
// budget's own channel; refusals.

const open = demoOpener();

const byKey = (a: ExpenseAnalysis, key: number | null): ExpenseAnalysisRow => {
  const r = a.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe('pure helpers', () => {
  it('expense ratio and return on expense, with null where nothing to divide by', () => {
    expect(expenseMeasures(200, 2000, 600)).toEqual({ ratio: 0.1, returnOnExpense: 3 });
    expect(expenseMeasures(300, 0, 0)).toEqual({ ratio: null, returnOnExpense: 0 });
    expect(expenseMeasures(0, 500, 100)).toEqual({ ratio: 0, returnOnExpense: null });
    expect(expenseMeasures(-50, 1000, 100)).toEqual({ ratio: -0.05, returnOnExpense: null });
  });
  it('quarters', () => {
    expect([1, 3, 4, 6, 7, 12].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 4]);
    expect(monthsOfQuarter(3)).toEqual([7, 8, 9]);
  });
  it('rolls amounts up through the tree, including amounts on a parent itself', () => {
    const tree = [
      { id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 1 }, { id: 4, parentId: 3 }, { id: 5, parentId: null }, { id: 6, parentId: 99 },
    ];
    const out = rollUp(tree, new Map([[2, 10], [4, 5], [3, 1], [5, 7], [6, 2], [42, 1000]]));
    expect(Object.fromEntries(out)).toEqual({ 1: 16, 2: 10, 3: 6, 4: 5, 5: 7, 6: 2 });
    expect([...subtreeOf(tree, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect([...subtreeOf(tree, 4)]).toEqual([4]);
  });
});

/** A year of hand-made sales and expenses (2031) on the demo region's master data. */
interface Hand {
  items: Record<string, number>;
  b1: number;
  b2: number;
  c1: number;
  c2: number;
  ch1: number;
  ch2: number;
}

function handYear(db: Database.Database): Hand {
  const items = Object.fromEntries((db.prepare('SELECT code, id FROM expense_item').all() as { code: string; id: number }[]).map((r) => [r.code, r.id]));
  const skus = db.prepare('SELECT s.id, s.brand_id AS b, s.category_id AS c FROM sku s ORDER BY s.id').all() as { id: number; b: number; c: number }[];
  const s1 = skus[0];
  const s2 = skus.find((s) => s.b !== s1.b && s.c !== s1.c)!;
  const custs = db.prepare('SELECT id, channel_id AS ch FROM customer ORDER BY id').all() as { id: number; ch: number }[];
  const k1 = custs[0];
  const k2 = custs.find((c) => c.ch !== k1.ch)!;
  const batch = db.prepare('SELECT id FROM import_batch LIMIT 1').pluck().get() as number;
  const sale = db.prepare('INSERT INTO sales_actual (period, customer_id, sku_id, amount_cents, volume, gross_profit_cents, batch_id) VALUES (?, ?, ?, ?, 1, ?, ?)');
  sale.run(203101, k1.id, s1.id, 1_000_000, 300_000, batch);
  sale.run(203102, k1.id, s2.id, 500_000, 100_000, batch);
  sale.run(203104, k2.id, s1.id, 500_000, 200_000, batch);
  // As every writer of sales lines does: the monthly summaries follow.
  refreshSalesSummary(db, [203101, 203102, 203104]);
  const ex = db.prepare('INSERT INTO expense_actual (period, item_id, brand_id, category_id, channel_id, city_id, amount_cents, note, batch_id) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL)');
  ex.run(203101, items['TERM-LIST'], s1.b, null, null, 60_000, 'KA 進場');
  ex.run(203102, items['TERM-SHELF'], null, null, k1.ch, 40_000, '');
  ex.run(203104, items['ADV-MEDIA'], s2.b, null, null, 50_000, '');
  ex.run(203104, items['ADV-POP'], null, s1.c, null, 20_000, '');
  ex.run(203105, items['STAFF-WAGE'], null, null, null, 30_000, '');
  return { items, b1: s1.b, b2: s2.b, c1: s1.c, c2: s2.c, ch1: k1.ch, ch2: k2.ch };
}

describe('analysis.expenses on a hand-built year', () => {
  let hand: Hand;
  const openHand = () => open((db) => (hand = handYear(db)));

  it('by item: rolled up through the tree; ratio = item expense ÷ year sales, return = year gross profit ÷ item expense', async () => {
    const c = await openHand();
    const a = await invokeOk(c, 'analysis.expenses', { year: 2031 });
    expect(a.by).toBe('item');
    expect(a.hasBudget).toBe(false);
    expect(a.actualRows).toBe(5);
    expect(a.years).toContain(2031);
    // Sales 2,000,000; gross profit 600,000; expenses 200,000.
    expect(a.total).toMatchObject({ expense: 200_000, sales: 2_000_000, grossProfit: 600_000, ratio: 0.1, returnOnExpense: 3, budget: null });
    const term = byKey(a, hand.items.TERM);
    expect(term).toMatchObject({ depth: 0, expense: 100_000, ratio: 0.05, returnOnExpense: 6 });
    const adv = byKey(a, hand.items.ADV);
    expect(adv.expense).toBe(70_000);
    expect(adv.ratio).toBeCloseTo(0.035, 12);
    expect(adv.returnOnExpense).toBeCloseTo(600_000 / 70_000, 12);
    expect(byKey(a, hand.items.STAFF)).toMatchObject({ expense: 30_000, ratio: 0.015, returnOnExpense: 20 });
    // A top-level item without expenses stays (0, ratio 0, no return); empty sub-items are left out.
    expect(byKey(a, hand.items.PROMO)).toMatchObject({ expense: 0, ratio: 0, returnOnExpense: null });
    expect(byKey(a, hand.items['TERM-LIST'])).toMatchObject({ depth: 1, parentKey: hand.items.TERM, expense: 60_000, ratio: 0.03, returnOnExpense: 10 });
    expect(a.rows.some((r) => r.key === hand.items['TERM-DISP'])).toBe(false);
    // The top-level rows add up to the total.
    expect(a.rows.filter((r) => r.depth === 0).reduce((s, r) => s + r.expense, 0)).toBe(200_000);
    // The review's key expenses by month, each month against that month's sales.
    const key = Object.fromEntries(a.keyExpenses.map((k) => [k.kind, k]));
    expect(a.keyExpenses.map((k) => k.kind)).toEqual(['terminal', 'advertising', 'personnel']);
    expect(key.terminal).toMatchObject({ itemId: hand.items.TERM, expense: 100_000, ratio: 0.05 });
    expect(key.terminal.months.slice(0, 4)).toEqual([60_000, 40_000, 0, 0]);
    expect(key.terminal.ratios.slice(0, 4)).toEqual([0.06, 0.08, null, 0]);
    expect(key.advertising.months[3]).toBe(70_000);
    expect(key.advertising.ratios[3]).toBeCloseTo(0.14, 12);
    expect(key.personnel.months[4]).toBe(30_000);
    expect(key.personnel.ratios[4]).toBeNull();
    expect(key.personnel.ratio).toBe(0.015);
  });

  it('by item within a top-level item: its sub-items, the item as the total', async () => {
    const c = await openHand();
    const a = await invokeOk(c, 'analysis.expenses', { year: 2031, itemId: hand.items.ADV });
    expect(a.itemId).toBe(hand.items.ADV);
    expect(a.actualRows).toBe(2);
    expect(a.rows.map((r) => [r.key, r.depth, r.expense])).toEqual([
      [hand.items['ADV-MEDIA'], 0, 50_000],
      [hand.items['ADV-POP'], 0, 20_000],
    ]);
    expect(a.total.expense).toBe(70_000);
    expect(byKey(a, hand.items['ADV-POP'])).toMatchObject({ ratio: 0.01, returnOnExpense: 30 });
    expect(a.keyExpenses).toEqual([]);
  });

  it('by brand and category: against the product’s own sales; expense without the id is 未分攤', async () => {
    const c = await openHand();
    const b = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'brand' });
    const b1 = byKey(b, hand.b1);
    expect(b1).toMatchObject({ expense: 60_000, sales: 1_500_000, grossProfit: 500_000, ratio: 0.04 });
    expect(b1.returnOnExpense).toBeCloseTo(500_000 / 60_000, 12);
    expect(byKey(b, hand.b2)).toMatchObject({ expense: 50_000, sales: 500_000, grossProfit: 100_000, ratio: 0.1, returnOnExpense: 2 });
    expect(byKey(b, null)).toMatchObject({ expense: 90_000, sales: 0, ratio: null, returnOnExpense: null });
    expect(b.rows.at(-1)?.key).toBeNull();
    expect(b.rows.reduce((s, r) => s + r.expense, 0)).toBe(200_000);
    expect(b.total).toMatchObject({ expense: 200_000, ratio: 0.1, returnOnExpense: 3 });

    const k = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'category' });
    const c1 = byKey(k, hand.c1);
    expect(c1).toMatchObject({ expense: 20_000, sales: 1_500_000, grossProfit: 500_000, returnOnExpense: 25 });
    expect(c1.ratio).toBeCloseTo(20_000 / 1_500_000, 12);
    expect(byKey(k, hand.c2)).toMatchObject({ expense: 0, sales: 500_000, ratio: 0, returnOnExpense: null });
    expect(byKey(k, null).expense).toBe(180_000);

    // Within 廣告費: B2's media, the POP (no brand) unallocated; B1 has sales but no advertising.
    const adv = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'brand', itemId: hand.items.ADV });
    expect(byKey(adv, hand.b2).expense).toBe(50_000);
    expect(byKey(adv, hand.b1)).toMatchObject({ expense: 0, ratio: 0 });
    expect(byKey(adv, null).expense).toBe(20_000);
  });

  it('by channel: the customers’ channels', async () => {
    const c = await openHand();
    const a = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'channel' });
    expect(byKey(a, hand.ch1)).toMatchObject({ expense: 40_000, sales: 1_500_000, grossProfit: 400_000, returnOnExpense: 10 });
    expect(byKey(a, hand.ch2)).toMatchObject({ expense: 0, sales: 500_000, grossProfit: 200_000 });
    expect(byKey(a, null).expense).toBe(160_000);
  });

  it('by month and quarter', async () => {
    const c = await openHand();
    const m = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'month' });
    expect(m.rows.map((r) => r.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(byKey(m, 1)).toMatchObject({ expense: 60_000, sales: 1_000_000, ratio: 0.06, returnOnExpense: 5 });
    expect(byKey(m, 2)).toMatchObject({ expense: 40_000, sales: 500_000, ratio: 0.08, returnOnExpense: 2.5 });
    expect(byKey(m, 4).ratio).toBeCloseTo(0.14, 12);
    expect(byKey(m, 4).returnOnExpense).toBeCloseTo(200_000 / 70_000, 12);
    // May: wages, no sales: no ratio; the return is 0 (no gross profit).
    expect(byKey(m, 5)).toMatchObject({ expense: 30_000, sales: 0, ratio: null, returnOnExpense: 0 });
    expect(byKey(m, 3)).toMatchObject({ expense: 0, ratio: null, returnOnExpense: null });
    const q = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'quarter' });
    expect(q.rows.map((r) => [r.key, r.expense, r.sales, r.grossProfit])).toEqual([
      [1, 100_000, 1_500_000, 400_000],
      [2, 100_000, 500_000, 200_000],
      [3, 0, 0, 0],
      [4, 0, 0, 0],
    ]);
    expect(byKey(q, 1).ratio).toBeCloseTo(1 / 15, 12);
    expect(byKey(q, 1).returnOnExpense).toBe(4);
    expect(byKey(q, 2)).toMatchObject({ ratio: 0.2, returnOnExpense: 2 });
    // Quarter 2 within 人員費用 only.
    const staff = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'quarter', itemId: hand.items.STAFF });
    expect(byKey(staff, 2)).toMatchObject({ expense: 30_000, ratio: 0.06 });
  });

  it('follows the sales lines through the monthly summaries', async () => {
    const c = await openHand();
    const before = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'brand' });
    expect(byKey(before, hand.b2).sales).toBe(500_000);
    editFile(c.session.requireFile(), ({ sqlite: db }) => {
      db.prepare('UPDATE sales_actual SET amount_cents = amount_cents * 2 WHERE period = 203102').run();
      refreshSalesSummary(db, [203102]);
    });
    const after = await invokeOk(c, 'analysis.expenses', { year: 2031, by: 'brand' });
    expect(byKey(after, hand.b2)).toMatchObject({ sales: 1_000_000, ratio: 0.05 });
    expect((await invokeOk(c, 'analysis.expenses', { year: 2031 })).total.sales).toBe(2_500_000);
  });

  it('drills into the expense_actual rows behind a group', async () => {
    const c = await openHand();
    const none = await invokeOk(c, 'analysis.expenseRows', { year: 2031, by: 'brand', key: null });
    expect(none.total).toBe(3);
    expect(none.totalCents).toBe(90_000);
    expect(none.rows.map((r) => r.period)).toEqual([203102, 203104, 203105]);
    expect(none.rows[0]).toMatchObject({ itemName: '陳列費', batchName: '', brandName: '' });
    expect(none.rows[0].channelName).not.toBe('');
    const term = await invokeOk(c, 'analysis.expenseRows', { year: 2031, by: 'item', key: hand.items.TERM });
    expect(term).toMatchObject({ total: 2, totalCents: 100_000 });
    expect(term.rows[0]).toMatchObject({ period: 203101, itemCode: 'TERM-LIST', note: 'KA 進場', amountCents: 60_000 });
    const q2 = await invokeOk(c, 'analysis.expenseRows', { year: 2031, by: 'quarter', key: 2 });
    expect(q2).toMatchObject({ total: 3, totalCents: 100_000 });
    const q2adv = await invokeOk(c, 'analysis.expenseRows', { year: 2031, by: 'quarter', key: 2, itemId: hand.items.ADV });
    expect(q2adv).toMatchObject({ total: 2, totalCents: 70_000 });
    const limited = await invokeOk(c, 'analysis.expenseRows', { year: 2031, by: 'quarter', key: 2, limit: 1 });
    expect(limited.rows).toHaveLength(1);
    expect(limited.total).toBe(3);
  });
});

describe('analysis.expenses on the demo region', () => {
  it('the review year by item, brand and month equals the file recomputed with plain SQL', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.expenses', {});
    expect(a.planYear).toBe(2027);
    expect(a.year).toBe(2026);
    expect(a.hasBudget).toBe(false);
    const sql = withDb(c.path, (db) => {
      const sales = db.prepare('SELECT SUM(amount_cents) AS s, SUM(gross_profit_cents) AS g FROM sales_actual WHERE period / 100 = 2026').get() as { s: number; g: number };
      // Each top-level item with everything under it (a recursive walk down the tree).
      const tops = db
        .prepare(
          `WITH RECURSIVE under(top, id) AS (SELECT id, id FROM expense_item WHERE parent_id IS NULL
             UNION ALL SELECT u.top, i.id FROM expense_item i JOIN under u ON i.parent_id = u.id)
           SELECT u.top AS id, ifnull(SUM(a.amount_cents), 0) AS e FROM under u LEFT JOIN expense_actual a ON a.item_id = u.id AND a.period / 100 = 2026 GROUP BY u.top`,
        )
        .all() as { id: number; e: number }[];
      const brands = db
        .prepare(
          `SELECT b.id, (SELECT ifnull(SUM(amount_cents), 0) FROM expense_actual WHERE brand_id = b.id AND period / 100 = 2026) AS e,
                  (SELECT ifnull(SUM(x.amount_cents), 0) FROM sales_actual x JOIN sku s ON s.id = x.sku_id WHERE s.brand_id = b.id AND x.period / 100 = 2026) AS s,
                  (SELECT ifnull(SUM(x.gross_profit_cents), 0) FROM sales_actual x JOIN sku s ON s.id = x.sku_id WHERE s.brand_id = b.id AND x.period / 100 = 2026) AS g
             FROM brand b`,
        )
        .all() as { id: number; e: number; s: number; g: number }[];
      const unbranded = db.prepare('SELECT SUM(amount_cents) FROM expense_actual WHERE brand_id IS NULL AND period / 100 = 2026').pluck().get() as number;
      const months = db
        .prepare(
          `SELECT m.p % 100 AS m, (SELECT ifnull(SUM(amount_cents), 0) FROM expense_actual WHERE period = m.p) AS e,
                  (SELECT ifnull(SUM(amount_cents), 0) FROM sales_actual WHERE period = m.p) AS s
             FROM (SELECT DISTINCT period AS p FROM expense_actual WHERE period / 100 = 2026) m`,
        )
        .all() as { m: number; e: number; s: number }[];
      return { sales, tops, brands, unbranded, months };
    });
    expect(sql.sales.s).toBeGreaterThan(0);
    const totalExpense = sql.tops.reduce((s, r) => s + r.e, 0);
    expect(totalExpense).toBeGreaterThan(0);
    expect(a.total.expense).toBe(totalExpense);
    expect(a.total.sales).toBe(sql.sales.s);
    expect(a.total.grossProfit).toBe(sql.sales.g);
    expect(a.total.ratio).toBeCloseTo(totalExpense / sql.sales.s, 12);
    for (const t of sql.tops) {
      const r = byKey(a, t.id);
      expect(r.expense).toBe(t.e);
      expect(r.ratio).toBeCloseTo(t.e / sql.sales.s, 12);
      if (t.e > 0) expect(r.returnOnExpense).toBeCloseTo(sql.sales.g / t.e, 12);
    }

    const b = await invokeOk(c, 'analysis.expenses', { by: 'brand' });
    for (const x of sql.brands.filter((x) => x.e !== 0 || x.s !== 0)) {
      const r = byKey(b, x.id);
      expect([r.expense, r.sales, r.grossProfit]).toEqual([x.e, x.s, x.g]);
      if (x.s > 0) expect(r.ratio).toBeCloseTo(x.e / x.s, 12);
      if (x.e > 0) expect(r.returnOnExpense).toBeCloseTo(x.g / x.e, 12);
    }
    expect(byKey(b, null).expense).toBe(sql.unbranded);
    expect(b.rows.length).toBe(sql.brands.filter((x) => x.e !== 0 || x.s !== 0).length + 1);

    const m = await invokeOk(c, 'analysis.expenses', { by: 'month' });
    for (const x of sql.months) {
      expect(byKey(m, x.m).expense).toBe(x.e);
      expect(byKey(m, x.m).sales).toBe(x.s);
    }
    // The drill of one item equals its rows in the file.
    const term = sql.tops.find((t) => t.e > 0)!;
    const d = await invokeOk(c, 'analysis.expenseRows', { year: 2026, by: 'item', key: term.id });
    expect(d.totalCents).toBe(term.e);
  });

  it('the plan year: the working plan’s budget and targets, as the expense budget shows them', async () => {
    const c = await open();
    const items = withDb(c.path, (db) => Object.fromEntries((db.prepare('SELECT code, id FROM expense_item').all() as { code: string; id: number }[]).map((r) => [r.code, r.id])));
    const [own, own2] = withDb(c.path, (db) => db.prepare('SELECT id FROM brand WHERE is_own = 1 ORDER BY id LIMIT 2').pluck().all() as number[]);
    await invokeOk(c, 'expenses.setCells', {
      edits: [
        { itemId: items['TERM-LIST'], period: 'm1', value: 1_200_000 },
        { itemId: items['ADV-MEDIA'], period: 'year', value: 2_400_000 },
      ],
      label: 'edit',
    });
    await invokeOk(c, 'expenses.setSplit', { itemId: items['ADV-MEDIA'], dimension: 'brand', mode: 'ratio', entries: [{ memberId: own, value: 60 }, { memberId: own2, value: 40 }] });
    const budget = await invokeOk(c, 'expenses.budget', {});
    const total = budget.total.budget.reduce((s, v) => s + v, 0);
    const a = await invokeOk(c, 'analysis.expenses', { year: 2027 });
    // The demo's working plan has a budget.
    expect(total).toBeGreaterThan(0);
    expect(a.hasBudget).toBe(true);
    expect(a.years).toContain(2027);
    const target = budget.salesTarget.reduce((s, v) => s + v, 0);
    expect(a.total.budget).toBe(total);
    expect(a.total.salesTarget).toBe(target);
    if (target > 0) expect(a.total.budgetRatio).toBeCloseTo(total / target, 12);
    for (const r of budget.rows.filter((x) => x.depth === 0)) {
      expect(byKey(a, r.itemId).budget).toBe(r.budget.reduce((s, v) => s + v, 0));
    }
    const q = await invokeOk(c, 'analysis.expenses', { year: 2027, by: 'quarter' });
    expect(byKey(q, 1).budget).toBe(budget.total.budget.slice(0, 3).reduce((s, v) => s + v, 0));
    // By brand: the splits plus 未分攤 add up to the budget.
    const b = await invokeOk(c, 'analysis.expenses', { year: 2027, by: 'brand' });
    expect(b.rows.reduce((s, r) => s + (r.budget ?? 0), 0)).toBe(total);
    const slice = await invokeOk(c, 'expenses.bySlice', { dimension: 'brand' });
    const ownSlice = slice.rows.find((r) => r.id === own)!;
    expect(ownSlice.expense).toBeGreaterThan(0);
    expect(byKey(b, own).budget).toBe(ownSlice.expense);
    expect(byKey(b, own).salesTarget).toBe(ownSlice.sales);
    expect(byKey(b, null).budget).toBe(slice.rows.find((r) => r.id === null)!.expense);
    // Within 廣告費: the brand's split of the media budget.
    const adv = await invokeOk(c, 'analysis.expenses', { year: 2027, by: 'brand', itemId: items.ADV });
    expect(byKey(adv, own).budget).toBe(ownSlice.byItem[items.ADV]);
    expect(adv.total.budget).toBe(budget.rows.find((r) => r.itemId === items.ADV)!.budget.reduce((s, v) => s + v, 0));
  });

  it('a year without expenses is empty but answered', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.expenses', { year: 2019 });
    expect(a.actualRows).toBe(0);
    expect(a.total.expense).toBe(0);
    expect(a.years).toContain(2019);
  });
});

describe('refusals', () => {
  it('refuses bad input and unknown ids', async () => {
    const c = await open();
    const items = withDb(c.path, (db) => Object.fromEntries((db.prepare('SELECT code, id FROM expense_item').all() as { code: string; id: number }[]).map((r) => [r.code, r.id])));
    expect((await invokeRefused(c, 'analysis.expenses', { year: 1999 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenses', { by: 'city' })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenses', { extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenses', { itemId: 0 })).code).toBe('INVALID_INPUT');
    const missing = await invokeRefused(c, 'analysis.expenses', { itemId: 99999 });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing).toMatchObject({ rule: 'analysisExpenses.error.noItem', issues: [{ path: 'itemId' }] });
    const child = await invokeRefused(c, 'analysis.expenses', { itemId: items['TERM-LIST'] });
    expect(child.code).toBe('INVALID_INPUT');
    expect(child).toMatchObject({ rule: 'analysisExpenses.error.notTopItem', issues: [{ path: 'itemId' }] });

    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'month', key: 13 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'quarter', key: 5 })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'item', key: null })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'item', key: 99999 })).code).toBe('NOT_FOUND');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'brand', key: 99999 })).code).toBe('NOT_FOUND');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'brand' })).code).toBe('INVALID_INPUT');
    expect((await invokeRefused(c, 'analysis.expenseRows', { year: 2026, by: 'brand', key: null, limit: 0 })).code).toBe('INVALID_INPUT');
  });
});
