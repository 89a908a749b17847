import { describe, expect, it } from 'vitest';
import { promotionBudgetByMonth } from '../../src/main/core/services/promotions/rollup';
import { readDb } from '../../src/main/core/db/handle';
import type { AppErrorData } from '../../src/shared/errors';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// The promotion calendar through the handler registry on the tiny demo region (plan
// year 2027): create with scope and budget, update, delete, undo, overlaps, refusals,
// and the rollup into the expense budget by month. Expected figures come from the
// test's own inputs or from SQL.

const template = tinyDemoTemplate();

type Ctx = RegistryCtx;

const fresh = (): Promise<Ctx> => openWithHandlers(template.copy());

const call = invokeOk;

const fail = invokeRefused;

const sqlAll = <T>(c: Ctx, q: string, ...params: unknown[]): T[] => c.session.requireFile().sqlite.prepare(q).all(...params) as T[];
const one = <T>(c: Ctx, q: string, ...params: unknown[]): T => c.session.requireFile().sqlite.prepare(q).pluck().get(...params) as T;

function refs(c: Ctx) {
  const sku = sqlAll<{ id: number; brand_id: number; category_id: number }>(c, 'SELECT id, brand_id, category_id FROM sku ORDER BY id');
  const channels = sqlAll<{ id: number }>(c, 'SELECT id FROM channel ORDER BY id').map((r) => r.id);
  const city = one<number>(c, 'SELECT id FROM city ORDER BY id LIMIT 1');
  const leaf = (code: string) => one<number>(c, 'SELECT id FROM expense_item WHERE code = ?', code);
  const items = sqlAll<{ id: number; code: string }>(c, `SELECT id, code FROM expense_item i
    WHERE NOT EXISTS (SELECT 1 FROM expense_item c WHERE c.parent_id = i.id) ORDER BY sort_order, id`);
  const parent = one<number>(c, 'SELECT parent_id FROM expense_item WHERE parent_id IS NOT NULL LIMIT 1');
  return { sku, channels, city, leaf, items, parent };
}

const stepCount = (c: Ctx) => one<number>(c, 'SELECT count(*) FROM undo_step WHERE undone = 0');

describe('promotions channels', () => {
  it('creates a promotion with scope and budget as one undo step, updates, deletes and undoes', async () => {
    const c = await fresh();
    const { sku, channels, city, items } = refs(c);
    expect(items.length).toBeGreaterThanOrEqual(2);
    const before = stepCount(c);
    const { id } = await call(c, 'promotions.create', {
      name: '  春節堆頭  ',
      type: 'display',
      startDate: '2027-01-20',
      endDate: '2027-02-10',
      mechanics: '買二送一',
      expectedExtraVolume: 1200,
      scope: { brand: [sku[0].brand_id], channel: [channels[0]], city: [city] },
      budget: [
        { itemId: items[0].id, amountCents: 3_000_000 },
        { itemId: items[1].id, amountCents: 1_000_001 },
      ],
    });
    expect(stepCount(c)).toBe(before + 1);
    let list = await call(c, 'promotions.list', {});
    expect(list.planYear).toBe(2027);
    const p = list.promotions.find((x) => x.id === id)!;
    expect(p).toMatchObject({
      name: '春節堆頭', type: 'display', startDate: '2027-01-20', endDate: '2027-02-10', mechanics: '買二送一', expectedExtraVolume: 1200,
      budgetCents: 4_000_001, overlaps: [],
    });
    expect(p.scope).toEqual({ sku: [], brand: [sku[0].brand_id], category: [], channel: [channels[0]], city: [city], customer: [] });
    expect(list.byItem).toEqual([
      { itemId: items[0].id, amountCents: 3_000_000 },
      { itemId: items[1].id, amountCents: 1_000_001 },
    ]);
    expect(list.totalCents).toBe(4_000_001);
    expect(list.versionId).toBe(one<number>(c, "SELECT id FROM plan_version WHERE kind = 'working'"));

    // Update: new period, new scope (drop the city), one budget line changed, one dropped.
    await call(c, 'promotions.update', {
      id, name: '春節堆頭', type: 'display', startDate: '2027-01-25', endDate: '2027-02-15',
      scope: { brand: [sku[0].brand_id], channel: [channels[0]] },
      budget: [{ itemId: items[0].id, amountCents: 2_500_000 }],
    });
    expect(stepCount(c)).toBe(before + 2);
    list = await call(c, 'promotions.list', {});
    expect(list.promotions[0]).toMatchObject({ startDate: '2027-01-25', endDate: '2027-02-15', mechanics: '買二送一', budgetCents: 2_500_000 });
    expect(list.promotions[0].scope.city).toEqual([]);

    // Undo the update: everything as created.
    await call(c, 'edit.undo', {});
    list = await call(c, 'promotions.list', {});
    expect(list.promotions[0]).toMatchObject({ startDate: '2027-01-20', budgetCents: 4_000_001 });
    expect(list.promotions[0].scope.city).toEqual([city]);
    await call(c, 'edit.redo', {});

    // Delete, then undo brings back the promotion with its scope and budget.
    await call(c, 'promotions.delete', { id });
    expect(one<number>(c, 'SELECT count(*) FROM promotion_scope')).toBe(0);
    expect((await call(c, 'promotions.list', {})).promotions).toEqual([]);
    await call(c, 'edit.undo', {});
    list = await call(c, 'promotions.list', {});
    expect(list.promotions[0]).toMatchObject({ id, startDate: '2027-01-25', budgetCents: 2_500_000 });
    expect(list.promotions[0].scope.channel).toEqual([channels[0]]);

    // Undo the update and the creation: nothing left.
    await call(c, 'edit.undo', {});
    await call(c, 'edit.undo', {});
    expect(one<number>(c, 'SELECT count(*) FROM promotion')).toBe(0);
    expect(one<number>(c, 'SELECT count(*) FROM promotion_budget')).toBe(0);
    expect(one<number>(c, 'SELECT count(*) FROM promotion_scope')).toBe(0);
  });

  it('lists, per promotion, the others it overlaps', async () => {
    const c = await fresh();
    const { sku, channels } = refs(c);
    const s = sku[0];
    const other = sku.find((x) => x.brand_id !== s.brand_id && x.category_id !== s.category_id);
    expect(other).toBeDefined();
    const base = { type: 'consumer' as const, startDate: '2027-05-01', endDate: '2027-05-31' };
    const a = (await call(c, 'promotions.create', { ...base, name: 'A', scope: { sku: [s.id], channel: [channels[0]] } })).id;
    const b = (await call(c, 'promotions.create', { ...base, name: 'B', startDate: '2027-05-31', endDate: '2027-06-10', scope: { brand: [s.brand_id] } })).id;
    const d = (await call(c, 'promotions.create', { ...base, name: 'D', scope: { sku: [other!.id] } })).id;
    const e = (await call(c, 'promotions.create', { ...base, name: 'E', scope: { category: [s.category_id], channel: [channels[1]] } })).id;
    const list = await call(c, 'promotions.list', {});
    const ov = Object.fromEntries(list.promotions.map((p) => [p.id, p.overlaps]));
    expect(ov[a]).toEqual([b]);
    expect(ov[b]).toEqual([a, e]);
    expect(ov[d]).toEqual([]);
    expect(ov[e]).toEqual([b]);
  });

  it('refuses bad input with a reason and writes nothing', async () => {
    const c = await fresh();
    const { items, parent } = refs(c);
    const ok = { name: 'X', type: 'trade' as const, startDate: '2027-03-01', endDate: '2027-03-31' };
    const reason = (e: AppErrorData) => e.rule;
    expect(reason(await fail(c, 'promotions.create', { ...ok, endDate: '2027-02-28' }))).toBe('promotions.error.endBeforeStart');
    expect(reason(await fail(c, 'promotions.create', { ...ok, startDate: '2027-02-30' }))).toBe('promotions.error.badDate');
    expect(reason(await fail(c, 'promotions.create', { ...ok, startDate: '2026-01-01', endDate: '2026-12-31' }))).toBe('promotions.error.outsideYear');
    expect(reason(await fail(c, 'promotions.create', { ...ok, scope: { sku: [987_654] } }))).toBe('promotions.error.unknownRef');
    expect(reason(await fail(c, 'promotions.create', { ...ok, budget: [{ itemId: 987_654, amountCents: 1 }] }))).toBe('promotions.error.unknownItem');
    expect(reason(await fail(c, 'promotions.create', { ...ok, budget: [{ itemId: parent, amountCents: 1 }] }))).toBe('promotions.error.notLeaf');
    expect(reason(await fail(c, 'promotions.create', {
      ...ok, budget: [{ itemId: items[0].id, amountCents: 1 }, { itemId: items[0].id, amountCents: 2 }],
    }))).toBe('promotions.error.duplicateItem');
    expect((await fail(c, 'promotions.create', { ...ok, budget: [{ itemId: items[0].id, amountCents: -1 }] })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'promotions.create', { ...ok, name: '   ' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'promotions.create', { ...ok, type: 'bogus' as never })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'promotions.update', { ...ok, id: 424_242 })).code).toBe('NOT_FOUND');
    expect((await fail(c, 'promotions.delete', { id: 424_242 })).code).toBe('NOT_FOUND');
    expect(one<number>(c, 'SELECT count(*) FROM promotion')).toBe(0);
  });

  it('accepts a promotion across the year end', async () => {
    const c = await fresh();
    const { id } = await call(c, 'promotions.create', { name: 'Y', type: 'advertising', startDate: '2027-12-20', endDate: '2028-01-10' });
    expect((await call(c, 'promotions.list', {})).promotions.map((p) => p.id)).toEqual([id]);
  });
});

describe('promotionBudgetByMonth (rollup)', () => {
  it('splits a promotion across two months by days, exactly', async () => {
    const c = await fresh();
    const { items } = refs(c);
    // 2027-01-22..2027-02-09: 10 days in January, 9 in February.
    await call(c, 'promotions.create', {
      name: 'R', type: 'consumer', startDate: '2027-01-22', endDate: '2027-02-09',
      budget: [{ itemId: items[0].id, amountCents: 1_900_001 }, { itemId: items[1].id, amountCents: 1_900 }],
    });
    const sqlite = c.session.requireFile().sqlite;
    const version = one<number>(c, "SELECT id FROM plan_version WHERE kind = 'working'");
    const cells = promotionBudgetByMonth(readDb(sqlite), version, 2027);
    expect(cells).toEqual([
      { itemId: items[0].id, month: 1, amountCents: 1_000_001 },
      { itemId: items[0].id, month: 2, amountCents: 900_000 },
      { itemId: items[1].id, month: 1, amountCents: 1_000 },
      { itemId: items[1].id, month: 2, amountCents: 900 },
    ].sort((a, b) => a.itemId - b.itemId || a.month - b.month));
  });

  it('counts only the plan year’s days across the year end', async () => {
    const c = await fresh();
    const { items } = refs(c);
    // 2027-12-22..2028-01-10: 10 days in Dec 2027, 10 in Jan 2028 (outside the plan year).
    await call(c, 'promotions.create', {
      name: 'E', type: 'advertising', startDate: '2027-12-22', endDate: '2028-01-10',
      budget: [{ itemId: items[0].id, amountCents: 2_000_000 }],
    });
    // And one from the year before: 2026-12-27..2027-01-05: 5 days each side.
    await call(c, 'promotions.create', {
      name: 'S', type: 'advertising', startDate: '2026-12-27', endDate: '2027-01-05',
      budget: [{ itemId: items[0].id, amountCents: 500 }],
    });
    const sqlite = c.session.requireFile().sqlite;
    const version = one<number>(c, "SELECT id FROM plan_version WHERE kind = 'working'");
    expect(promotionBudgetByMonth(readDb(sqlite), version, 2027)).toEqual([
      { itemId: items[0].id, month: 1, amountCents: 250 },
      { itemId: items[0].id, month: 12, amountCents: 1_000_000 },
    ]);
  });
});
