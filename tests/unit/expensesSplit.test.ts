import { describe, expect, it } from 'vitest';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// An expense item's split by product and by place, through the handler
// registry on the tiny demo: ratios and amounts, exact sums per member and per month,
// refusals, undo, re-splitting when the item's months change, and the measures by slice.

const template = tinyDemoTemplate();

type Ctx = RegistryCtx;

const fresh = (): Promise<Ctx> => openWithHandlers(template.copy());
const call = invokeOk;
const refused = invokeRefused;
function one<T>(c: Ctx, text: string, ...params: unknown[]): T {
  return c.session.requireFile().sqlite.prepare(text).pluck().get(...params) as T;
}
function all<T>(c: Ctx, text: string, ...params: unknown[]): T[] {
  return c.session.requireFile().sqlite.prepare(text).all(...params) as T[];
}
const itemId = (c: Ctx, code: string): number => one<number>(c, 'SELECT id FROM expense_item WHERE code = ?', code);
const NO_DIM = 'brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL';
/** An item's months: the total row, and per month the sum of its rows along `col`. */
function months(c: Ctx, item: number, col?: string): number[] {
  const where = col ? `${col} IS NOT NULL` : NO_DIM;
  const rows = all<{ month: number; a: number }>(c, `SELECT month, sum(amount_cents) AS a FROM expense_budget WHERE item_id = ? AND ${where} GROUP BY month`, item);
  return Array.from({ length: 12 }, (_, m) => rows.find((r) => r.month === m + 1)?.a ?? 0);
}
const memberYear = (c: Ctx, item: number, col: string, id: number): number =>
  one<number>(c, `SELECT ifnull(sum(amount_cents), 0) FROM expense_budget WHERE item_id = ? AND ${col} = ?`, item, id);

const WAN = 1_000_000;

async function setup(): Promise<{ c: Ctx; shelf: number; brands: number[] }> {
  const c = await fresh();
  const versions = await call(c, 'targets.versions', {});
  const v = versions.find((x) => x.kind === 'working')!.id;
  await call(c, 'targets.setCells', {
    versionId: v, levels: ['province', 'city', 'customer'], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: 5000 * WAN }],
  });
  await call(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
  const shelf = itemId(c, 'TERM-SHELF');
  const split = await call(c, 'expenses.split', { itemId: shelf });
  const brands = split.members.brand.map((b) => b.id);
  expect(brands.length).toBeGreaterThanOrEqual(2);
  return { c, shelf, brands };
}

describe('expense splits', () => {
  it('splits an item by brand as ratios: members and months exact, one undo step', async () => {
    const { c, shelf, brands } = await setup();
    const year = months(c, shelf).reduce((a, b) => a + b, 0);
    expect(year).toBeGreaterThan(0);
    const out = await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'ratio', entries: [{ memberId: brands[0], value: 60 }, { memberId: brands[1], value: 40 }] });
    expect(out.yearCents).toBe(year);
    const split = out.splits.find((s) => s.dimension === 'brand')!;
    expect(split.members.find((m) => m.id === brands[0])!.amountCents).toBe(Math.round(year * 0.6));
    expect(memberYear(c, shelf, 'brand_id', brands[0]) + memberYear(c, shelf, 'brand_id', brands[1])).toBe(year);
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    // The item's total rows are unchanged: the budget reads the same.
    const budget = await call(c, 'expenses.budget', {});
    expect(budget.rows.find((r) => r.itemId === shelf)!.entered.reduce((a, b) => a + b, 0)).toBe(year);

    await call(c, 'edit.undo', {});
    expect(one<number>(c, `SELECT count(*) FROM expense_budget WHERE item_id = ? AND brand_id IS NOT NULL`, shelf)).toBe(0);
    await call(c, 'edit.redo', {});
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
  });

  it('takes amounts, keeps a product and a place split side by side, replaces brand by category, removes', async () => {
    const { c, shelf, brands } = await setup();
    const year = months(c, shelf).reduce((a, b) => a + b, 0);
    const a0 = Math.floor(year / 3);
    await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'amount', entries: [{ memberId: brands[0], value: a0 }, { memberId: brands[1], value: year - a0 }] });
    expect(memberYear(c, shelf, 'brand_id', brands[0])).toBe(a0);
    const s = await call(c, 'expenses.split', { itemId: shelf });
    const channels = s.members.channel.map((m) => m.id);
    const out = await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'channel', mode: 'ratio', entries: channels.map((id) => ({ memberId: id, value: 100 / channels.length })) });
    expect(out.splits.map((x) => x.dimension).sort()).toEqual(['brand', 'channel']);
    expect(months(c, shelf, 'channel_id')).toEqual(months(c, shelf));
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    const cats = s.members.category.map((m) => m.id);
    const cat = await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'category', mode: 'ratio', entries: [{ memberId: cats[0], value: 100 }] });
    expect(cat.splits.map((x) => x.dimension).sort()).toEqual(['category', 'channel']);
    expect(one<number>(c, 'SELECT count(*) FROM expense_budget WHERE brand_id IS NOT NULL')).toBe(0);
    const removed = await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'category', mode: 'ratio', entries: [] });
    expect(removed.splits.map((x) => x.dimension)).toEqual(['channel']);
  });

  it('refuses ratios not adding to 100%, amounts not adding to the budget, parents, unknown members', async () => {
    const { c, shelf, brands } = await setup();
    const year = months(c, shelf).reduce((a, b) => a + b, 0);
    let e = await refused(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'ratio', entries: [{ memberId: brands[0], value: 60 }, { memberId: brands[1], value: 30 }] });
    expect(e.rule).toBe('expenses.error.splitRatios');
    e = await refused(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'amount', entries: [{ memberId: brands[0], value: year - 100 }] });
    expect(e.rule).toBe('expenses.error.splitAmounts');
    e = await refused(c, 'expenses.setSplit', { itemId: itemId(c, 'TERM'), dimension: 'brand', mode: 'ratio', entries: [{ memberId: brands[0], value: 100 }] });
    expect(e.rule).toBe('expenses.error.splitLeaf');
    e = await refused(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'ratio', entries: [{ memberId: 999999, value: 100 }] });
    expect(e.rule).toBe('expenses.error.splitMember');
    expect(one<number>(c, 'SELECT count(*) FROM expense_budget WHERE NOT (' + NO_DIM + ')')).toBe(0);
  });

  it('re-splits when the item changes by a cell edit, a top-down spread or a reallocation', async () => {
    const { c, shelf, brands } = await setup();
    await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'ratio', entries: [{ memberId: brands[0], value: 60 }, { memberId: brands[1], value: 40 }] });
    await call(c, 'expenses.setCells', { edits: [{ itemId: shelf, period: 'm3', value: 1_234_567 }], label: 'edit' });
    expect(months(c, shelf)[2]).toBe(1_234_567);
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    await call(c, 'expenses.setCells', { edits: [{ itemId: itemId(c, 'TERM'), period: 'year', value: 777_777_777 }], label: 'edit' });
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    await call(c, 'expenses.topDown', { mode: 'amount', amountCents: 400 * WAN + 3, phase: 'equal' });
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    await call(c, 'expenses.reallocate', { fromItemId: itemId(c, 'ADV'), toItemId: itemId(c, 'TERM'), percent: 10 });
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    const year = months(c, shelf).reduce((a, b) => a + b, 0);
    const b0 = memberYear(c, shelf, 'brand_id', brands[0]);
    expect(Math.abs(b0 / year - 0.6)).toBeLessThan(0.001);
    // Undo of the reallocation restores the split rows too.
    const before = all(c, 'SELECT * FROM expense_budget ORDER BY id');
    await call(c, 'edit.undo', {});
    expect(months(c, shelf, 'brand_id')).toEqual(months(c, shelf));
    await call(c, 'edit.redo', {});
    expect(all(c, 'SELECT item_id, month, brand_id, amount_cents FROM expense_budget ORDER BY item_id, month, brand_id'))
      .toEqual(before.map((r) => { const x = r as Record<string, unknown>; return { item_id: x.item_id, month: x.month, brand_id: x.brand_id, amount_cents: x.amount_cents }; })
        .sort((a, b) => (a.item_id as number) - (b.item_id as number) || (a.month as number) - (b.month as number) || ((a.brand_id as number) ?? 0) - ((b.brand_id as number) ?? 0)));
  });

  it('gives expense ratio and returns per brand against the brand sales target; the rest is unsplit', async () => {
    const { c, shelf, brands } = await setup();
    await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'brand', mode: 'ratio', entries: [{ memberId: brands[0], value: 60 }, { memberId: brands[1], value: 40 }] });
    const s = await call(c, 'expenses.bySlice', { dimension: 'brand' });
    const b0 = s.rows.find((r) => r.id === brands[0])!;
    expect(b0.expense).toBe(memberYear(c, shelf, 'brand_id', brands[0]));
    const sales = one<number>(c, `SELECT sum(f.amount_cents) FROM target_fact f JOIN sku k ON k.id = f.sku_id
      WHERE f.version_id = (SELECT id FROM plan_version WHERE kind = 'working') AND k.brand_id = ?`, brands[0]);
    expect(b0.sales).toBe(sales);
    expect(b0.ratio).toBeCloseTo(b0.expense / sales, 12);
    expect(b0.salesReturn).toBeCloseTo(sales / b0.expense, 9);
    const unsplit = s.rows.find((r) => r.id === null)!;
    expect(s.rows.reduce((a, r) => a + r.expense, 0)).toBe(s.total.expense);
    expect(unsplit.expense).toBe(s.total.expense - b0.expense - s.rows.find((r) => r.id === brands[1])!.expense);
  });

  it('gives the measures per city from a place split, against the city sales target', async () => {
    const { c, shelf } = await setup();
    const s = await call(c, 'expenses.split', { itemId: shelf });
    const cities = s.members.city.map((m) => m.id);
    const year = s.yearCents;
    const a0 = Math.floor(year / 7);
    await call(c, 'expenses.setSplit', { itemId: shelf, dimension: 'city', mode: 'amount', entries: [{ memberId: cities[0], value: a0 }, { memberId: cities[1], value: year - a0 }] });
    expect(months(c, shelf, 'city_id')).toEqual(months(c, shelf));
    const out = await call(c, 'expenses.bySlice', { dimension: 'city' });
    const r0 = out.rows.find((r) => r.id === cities[0])!;
    expect(r0.expense).toBe(a0);
    const sales = one<number>(c, `SELECT ifnull(sum(amount_cents), 0) FROM target_fact
      WHERE version_id = (SELECT id FROM plan_version WHERE kind = 'working') AND city_id = ?`, cities[0]);
    expect(r0.sales).toBe(sales);
    expect(out.rows.reduce((a, r) => a + r.expense, 0)).toBe(out.total.expense);
  });
});
