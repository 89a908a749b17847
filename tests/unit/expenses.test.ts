import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { sum } from '../../src/shared/expenses';
import { invokeOk, invokeRefused, openWithHandlers, tempDir, tinyDemoTemplate, withDb, type RegistryCtx } from './helpers';

// The expense budget core through the handler registry, on the tiny demo region:
// items, top-down spreads, cell edits, reallocation, the cap, promotions and actuals.
// Expected figures are recomputed from the file with SQL.

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
/** An item's entered budget for the year (its leaves' rows), from SQL. */
const itemYear = (c: Ctx, code: string): number =>
  one<number>(c, `SELECT ifnull(sum(b.amount_cents), 0) FROM expense_budget b JOIN expense_item i ON i.id = b.item_id
    WHERE i.code = ? OR i.parent_id = (SELECT id FROM expense_item WHERE code = ?)`, code, code);
const budgetYear = (c: Ctx): number => one<number>(c, 'SELECT ifnull(sum(amount_cents), 0) FROM expense_budget');
const budgetMonths = (c: Ctx): number[] => {
  const rows = all<{ month: number; a: number }>(c, 'SELECT month, sum(amount_cents) AS a FROM expense_budget GROUP BY month');
  return Array.from({ length: 12 }, (_, m) => rows.find((r) => r.month === m + 1)?.a ?? 0);
};

const WAN = 1_000_000;

async function seedTargets(c: Ctx, yearCents: number): Promise<number[]> {
  const versions = await call(c, 'targets.versions', {});
  const v = versions.find((x) => x.kind === 'working')!.id;
  await call(c, 'targets.setCells', {
    versionId: v, levels: ['province', 'city', 'customer'], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: yearCents }],
  });
  const rows = all<{ month: number; a: number }>(c, 'SELECT month, sum(amount_cents) AS a FROM target_fact WHERE version_id = ? GROUP BY month', v);
  return Array.from({ length: 12 }, (_, m) => rows.find((r) => r.month === m + 1)?.a ?? 0);
}

describe('expense items', () => {
  it('lists the tree, adds, renames and deletes items; refuses deleting one in use', async () => {
    const c = await fresh();
    const items = await call(c, 'expenses.items', {});
    expect(items.length).toBe(one<number>(c, 'SELECT count(*) FROM expense_item'));
    expect(items.filter((i) => i.depth === 0).map((i) => i.code)).toEqual(['TERM', 'ADV', 'PROMO', 'STAFF', 'TRAVEL', 'TRAIN', 'MEET', 'OTHER']);
    const term = items.findIndex((i) => i.code === 'TERM');
    expect(items[term + 1]).toMatchObject({ code: 'TERM-LIST', depth: 1, leaf: true, inUse: true });
    expect(items[term].leaf).toBe(false);

    const adv = itemId(c, 'ADV');
    const after = await call(c, 'expenses.addItem', { parentId: adv, name: '戶外廣告' });
    const added = after.find((i) => i.name === '戶外廣告')!;
    expect(added).toMatchObject({ parentId: adv, kind: 'advertising', code: 'ADV-1', leaf: true, inUse: false });
    await call(c, 'expenses.renameItem', { id: added.id, name: '戶外' });
    expect(one<string>(c, 'SELECT name FROM expense_item WHERE id = ?', added.id)).toBe('戶外');
    expect((await refused(c, 'expenses.addItem', { parentId: adv, name: '媒體' })).rule).toBe('expenses.error.nameTaken');
    expect((await refused(c, 'expenses.deleteItem', { id: itemId(c, 'TERM-LIST') })).rule).toBe('expenses.error.inUse');
    expect((await refused(c, 'expenses.deleteItem', { id: adv })).rule).toBe('expenses.error.hasChildren');
    await call(c, 'expenses.deleteItem', { id: added.id });
    expect(one<number>(c, 'SELECT count(*) FROM expense_item WHERE id = ?', added.id)).toBe(0);
    // Undo brings it back, with its new name.
    await call(c, 'edit.undo', {});
    expect(one<string>(c, 'SELECT name FROM expense_item WHERE id = ?', added.id)).toBe('戶外');
  });

  it('a new region file has the default items and a working plan before anything is read', async () => {
    const path = join(tempDir(), 'new.rplan');
    const f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    await f.close();
    // Counted with plain SQL on the closed file: nothing the app reads may have made them.
    const counts = withDb(path, (db) => db.prepare(`SELECT (SELECT count(*) FROM expense_item), (SELECT count(*) FROM plan_version WHERE kind = 'working')`).raw().get());
    expect(counts).toEqual([19, 1]);
    const c = await openWithHandlers(path);
    const items = await call(c, 'expenses.items', {});
    expect(items.map((i) => i.name)).toContain('終端建設費');
    expect(items.length).toBe(19);
    await c.session.close();
  });
});

describe('expense budget', () => {
  it('sets the year by expense ratio, spread by the sales target; ratios and returns against the targets', async () => {
    const c = await fresh();
    const sales = await seedTargets(c, 3_600 * WAN);
    const salesYear = sum(sales);
    await call(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
    const year = Math.round(salesYear * 0.08);
    expect(budgetYear(c)).toBe(year);
    // Months follow the sales target exactly (largest remainder of the year by the target's months).
    const months = budgetMonths(c);
    months.forEach((m, i) => expect(Math.abs(m - (year * sales[i]) / salesYear)).toBeLessThan(1));
    // Items by last year's actual shares (the budget was empty).
    const ly = one<number>(c, 'SELECT sum(amount_cents) FROM expense_actual WHERE period BETWEEN 202601 AND 202612');
    const lyAdv = one<number>(c, `SELECT sum(a.amount_cents) FROM expense_actual a JOIN expense_item i ON i.id = a.item_id
      WHERE a.period BETWEEN 202601 AND 202612 AND i.parent_id = (SELECT id FROM expense_item WHERE code = 'ADV')`);
    expect(Math.abs(itemYear(c, 'ADV') - (year * lyAdv) / ly)).toBeLessThan(1);

    const b = await call(c, 'expenses.budget', {});
    expect(sum(b.salesTarget)).toBe(salesYear);
    expect(sum(b.total.budget)).toBe(year);
    const gp = all<{ month: number; gp: number }>(c, `SELECT f.month, sum(f.amount_cents * (s.list_price_cents - s.std_cost_cents) * 1.0 / s.list_price_cents) AS gp
      FROM target_fact f JOIN sku s ON s.id = f.sku_id WHERE f.version_id = ? AND s.list_price_cents > 0 GROUP BY f.month`, b.versionId);
    gp.forEach((g) => expect(b.grossProfitTarget[g.month - 1]).toBe(Math.round(g.gp / 100) * 100));
    const advRow = b.rows.find((r) => r.code === 'ADV')!;
    expect(sum(advRow.budget)).toBe(itemYear(c, 'ADV'));
    // A parent's row is the sum of its children's.
    const kids = b.rows.filter((r) => r.parentId === advRow.itemId);
    expect(sum(kids.map((k) => sum(k.budget)))).toBe(sum(advRow.budget));
  });

  it('edits leaves and parents: a parent spreads in proportion, a quarter over its months; one undo step each', async () => {
    const c = await fresh();
    const media = itemId(c, 'ADV-MEDIA');
    const pop = itemId(c, 'ADV-POP');
    await call(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: media, period: 'm1', value: 30_000 }, { itemId: pop, period: 'm1', value: 10_000 }] });
    await call(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: itemId(c, 'ADV'), period: 'm1', value: 100_001 }] });
    const cell = (id: number, m: number) => one<number>(c, 'SELECT ifnull(sum(amount_cents), 0) FROM expense_budget WHERE item_id = ? AND month = ?', id, m);
    expect(cell(media, 1)).toBe(75_001);
    expect(cell(pop, 1)).toBe(25_000);
    // All zero: equally. A quarter of a leaf spreads over its months.
    await call(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: itemId(c, 'TERM'), period: 'q2', value: 1_200 }] });
    for (const code of ['TERM-LIST', 'TERM-SHELF', 'TERM-DISP', 'TERM-SIGN']) for (const m of [4, 5, 6]) expect(cell(itemId(c, code), m)).toBe(100);
    await call(c, 'edit.undo', {});
    expect(one<number>(c, 'SELECT count(*) FROM expense_budget WHERE month BETWEEN 4 AND 6')).toBe(0);
    expect(cell(media, 1)).toBe(75_001);
    await call(c, 'edit.undo', {});
    expect(cell(media, 1)).toBe(30_000);
  });

  it('moves 10% of advertising to terminal building month by month; the totals stay', async () => {
    const c = await fresh();
    await seedTargets(c, 3_600 * WAN);
    await call(c, 'expenses.topDown', { mode: 'amount', amountCents: 200 * WAN, phase: 'quarters', phaseWeights: [1, 2, 3, 4] });
    expect(budgetYear(c)).toBe(200 * WAN);
    const q = budgetMonths(c);
    expect(q[0] + q[1] + q[2]).toBe(20 * WAN);
    expect(q[9] + q[10] + q[11]).toBe(80 * WAN);
    const adv = itemYear(c, 'ADV');
    const term = itemYear(c, 'TERM');
    const before = budgetMonths(c);
    const out = await call(c, 'expenses.reallocate', { fromItemId: itemId(c, 'ADV'), toItemId: itemId(c, 'TERM'), percent: 10 });
    expect(out.movedCents).toBe(Math.round(adv * 0.1));
    expect(itemYear(c, 'ADV')).toBe(adv - out.movedCents);
    expect(itemYear(c, 'TERM')).toBe(term + out.movedCents);
    expect(budgetMonths(c)).toEqual(before);
    const b = await call(c, 'expenses.budget', {});
    expect(sum(b.rows.find((r) => r.code === 'TERM')!.budget)).toBe(term + out.movedCents);
    expect((await refused(c, 'expenses.reallocate', { fromItemId: itemId(c, 'ADV'), toItemId: itemId(c, 'ADV-POP'), percent: 10 })).rule)
      .toBe('expenses.error.nested');
  });

  it('keeps head office cap as an undoable setting', async () => {
    const c = await fresh();
    await call(c, 'expenses.setCap', { cap: 0.09 });
    expect((await call(c, 'expenses.budget', {})).cap).toBe(0.09);
    await call(c, 'expenses.setCap', { cap: null });
    expect((await call(c, 'expenses.budget', {})).cap).toBeNull();
    await call(c, 'edit.undo', {});
    expect((await call(c, 'expenses.budget', {})).cap).toBe(0.09);
  });

  it('rolls in promotions read-only and shows the plan year actuals', async () => {
    const c = await fresh();
    const b0 = await call(c, 'expenses.budget', {});
    const cons = itemId(c, 'PROMO-CONS');
    const sqlite = c.session.requireFile().sqlite;
    const pid = Number(sqlite.prepare(`INSERT INTO promotion (version_id, name, type, start_date, end_date) VALUES (?, '春節', 'consumer', '2027-01-01', '2027-02-28')`)
      .run(b0.versionId).lastInsertRowid);
    sqlite.prepare('INSERT INTO promotion_budget (promotion_id, item_id, amount_cents) VALUES (?, ?, ?)').run(pid, cons, 59_000);
    sqlite.prepare('INSERT INTO expense_actual (period, item_id, amount_cents) VALUES (202703, ?, 12_345)').run(cons);
    const b = await call(c, 'expenses.budget', {});
    const row = b.rows.find((r) => r.itemId === cons)!;
    expect(row.promo.slice(0, 2)).toEqual([31_000, 28_000]);
    expect(row.budget.slice(0, 2)).toEqual([31_000, 28_000]);
    expect(row.actual[2]).toBe(12_345);
    expect(b.rows.find((r) => r.code === 'PROMO')!.promo[0]).toBe(31_000);
    expect(b.total.budget[0]).toBe(31_000);
    // An edit sets the budget including the promotion; below it is refused.
    await call(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: cons, period: 'm1', value: 40_000 }] });
    expect(one<number>(c, 'SELECT amount_cents FROM expense_budget WHERE item_id = ? AND month = 1', cons)).toBe(9_000);
    expect((await refused(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: cons, period: 'm1', value: 30_000 }] })).rule)
      .toBe('expenses.error.belowPromo');
  });

  it('refuses malformed input', async () => {
    const c = await fresh();
    const adv = itemId(c, 'ADV');
    expect((await refused(c, 'expenses.reallocate', { fromItemId: adv, toItemId: adv, percent: 10 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.reallocate', { fromItemId: adv, toItemId: itemId(c, 'TERM'), percent: 0 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.reallocate', { fromItemId: adv, toItemId: 99_999, percent: 5 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: adv, period: 'm13', value: 1 }] })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: adv, period: 'm1', value: -1 }] })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.setCells', { label: 'edit', edits: [{ itemId: adv, period: 'm1', value: 1.5 }] })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.topDown', { mode: 'ratio', phase: 'sales' })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.topDown', { mode: 'amount', amountCents: 100, phase: 'quarters', phaseWeights: [1, 2] })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.topDown', { mode: 'amount', amountCents: 100, phase: 'months', phaseWeights: new Array(12).fill(0) })).code).toBe('INVALID_INPUT');
    // No sales target yet: a ratio has nothing to apply to.
    expect((await refused(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.05, phase: 'sales' })).rule).toBe('expenses.error.noSalesTarget');
    expect((await refused(c, 'expenses.setCap', { cap: -1 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.items', { extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.addItem', { parentId: null, name: '   ' })).code).toBe('INVALID_INPUT');
    expect(one<number>(c, 'SELECT count(*) FROM expense_budget')).toBe(0);
  });
});

describe('what an expense edit reports as changed', () => {
  it('a cap edit, its undo and its redo report the expenses, not the region profile or the targets', async () => {
    const c = await fresh();
    const changed = async (name: 'expenses.setCap' | 'edit.undo' | 'edit.redo', input: object) => {
      const res = await c.r.invoke(name, input);
      if (!res.ok) throw new Error(res.error.message);
      return [...(res.changed ?? [])].sort();
    };
    expect(await changed('expenses.setCap', { cap: 0.09 })).toEqual(['edit', 'expenses']);
    // The cap is a setting row: its area comes from its key, also when undone and redone.
    expect(await changed('edit.undo', {})).toEqual(['edit', 'expenses']);
    expect(await changed('edit.redo', {})).toEqual(['edit', 'expenses']);
  });
});
