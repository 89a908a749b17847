import { describe, expect, it } from 'vitest';
import { sum } from '../../src/shared/expenses';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// Actual expenses typed in by hand (expenses.actuals.*) and the items editor's kind on
// the expense budget core, through the handler registry on the tiny demo region.

const template = tinyDemoTemplate();

type Ctx = RegistryCtx;

const fresh = (): Promise<Ctx> => openWithHandlers(template.copy());
const call = invokeOk;
const refused = invokeRefused;
function one<T>(c: Ctx, text: string, ...params: unknown[]): T {
  return c.session.requireFile().sqlite.prepare(text).pluck().get(...params) as T;
}
const itemId = (c: Ctx, code: string): number => one<number>(c, 'SELECT id FROM expense_item WHERE code = ?', code);
const typedCount = (c: Ctx): number => one<number>(c, 'SELECT count(*) FROM expense_actual WHERE batch_id IS NULL');

describe('typed actual expenses', () => {
  it('adds, lists and removes typed entries, one undo step each, and the budget sees them', async () => {
    const c = await fresh();
    const year = one<number>(c, 'SELECT plan_year FROM region_meta');
    const leaf = itemId(c, 'TERM-LIST');
    const before = await call(c, 'expenses.budget', {});
    const rowBefore = before.rows.find((r) => r.itemId === leaf)!;
    const importedBefore = (await call(c, 'expenses.actuals.list', {})).entries.length;

    const { id } = await call(c, 'expenses.actuals.add', { month: 3, itemId: leaf, amountCents: 123_456_00, note: ' 三月進場 ' });
    expect(one<number>(c, 'SELECT period FROM expense_actual WHERE id = ?', id)).toBe(year * 100 + 3);
    expect(one<number | null>(c, 'SELECT batch_id FROM expense_actual WHERE id = ?', id)).toBeNull();
    const list = await call(c, 'expenses.actuals.list', {});
    expect(list.planYear).toBe(year);
    expect(list.entries.length).toBe(importedBefore + 1);
    expect(list.entries.find((e) => e.id === id)).toMatchObject({ month: 3, itemId: leaf, itemCode: 'TERM-LIST', amountCents: 123_456_00, note: '三月進場', typed: true, batchName: null });
    const imported = list.entries.filter((e) => !e.typed);
    expect(imported.length).toBe(importedBefore);
    expect(imported.every((e) => e.batchName !== null)).toBe(true);

    const after = await call(c, 'expenses.budget', {});
    const row = after.rows.find((r) => r.itemId === leaf)!;
    expect(row.actual[2] - rowBefore.actual[2]).toBe(123_456_00);
    expect(sum(after.total.actual) - sum(before.total.actual)).toBe(123_456_00);

    // A refund is a negative amount.
    const refund = await call(c, 'expenses.actuals.add', { month: 3, itemId: leaf, amountCents: -456_00, note: '' });
    expect(typedCount(c)).toBe(2);
    await call(c, 'edit.undo', {});
    expect(one<number>(c, 'SELECT count(*) FROM expense_actual WHERE id = ?', refund.id)).toBe(0);
    await call(c, 'edit.redo', {});
    expect(typedCount(c)).toBe(2);

    await call(c, 'expenses.actuals.remove', { id });
    expect(typedCount(c)).toBe(1);
    await call(c, 'edit.undo', {});
    expect(typedCount(c)).toBe(2);
    expect(one<string>(c, 'SELECT note FROM expense_actual WHERE id = ?', id)).toBe('三月進場');
    await call(c, 'edit.undo', {});
    await call(c, 'edit.undo', {});
    expect(typedCount(c)).toBe(0);
    const back = await call(c, 'expenses.budget', {});
    expect(back.total.actual).toEqual(before.total.actual);
  });

  it('refuses a wrong month, a zero amount, a parent item, an unknown item and removing an imported entry', async () => {
    const c = await fresh();
    const leaf = itemId(c, 'TERM-LIST');
    expect((await refused(c, 'expenses.actuals.add', { month: 13, itemId: leaf, amountCents: 100, note: '' })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.actuals.add', { month: 0, itemId: leaf, amountCents: 100, note: '' })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.actuals.add', { month: 1, itemId: leaf, amountCents: 0, note: '' })).code).toBe('INVALID_INPUT');
    expect((await refused(c, 'expenses.actuals.add', { month: 1, itemId: leaf, amountCents: 1.5, note: '' })).code).toBe('INVALID_INPUT');
    const parent = await refused(c, 'expenses.actuals.add', { month: 1, itemId: itemId(c, 'TERM'), amountCents: 100, note: '' });
    expect(parent.code).toBe('CONFLICT');
    expect(parent.rule).toBe('expenses.typedActuals.error.notLeaf');
    expect((await refused(c, 'expenses.actuals.add', { month: 1, itemId: 999_999, amountCents: 100, note: '' })).code).toBe('NOT_FOUND');
    expect(typedCount(c)).toBe(0);

    const importedId = one<number | undefined>(c, 'SELECT id FROM expense_actual WHERE batch_id IS NOT NULL LIMIT 1');
    expect(importedId).toBeDefined();
    const imp = await refused(c, 'expenses.actuals.remove', { id: importedId });
    expect(imp.code).toBe('CONFLICT');
    expect(imp.rule).toBe('expenses.typedActuals.error.imported');
    expect(one<number>(c, 'SELECT count(*) FROM expense_actual WHERE id = ?', importedId)).toBe(1);
    expect((await refused(c, 'expenses.actuals.remove', { id: 999_999 })).code).toBe('NOT_FOUND');
    // A typed entry keeps its item in use.
    const other = (await call(c, 'expenses.addItem', { parentId: null, name: '樣品費', kind: 'other' })).find((i) => i.name === '樣品費')!;
    await call(c, 'expenses.actuals.add', { month: 2, itemId: other.id, amountCents: 500_00, note: '' });
    expect((await refused(c, 'expenses.deleteItem', { id: other.id })).rule).toBe('expenses.error.inUse');
    // ... and a leaf: no item can be added under it, which would hide its actual expenses.
    const under = await refused(c, 'expenses.addItem', { parentId: other.id, name: '樣品' });
    expect(under.code).toBe('CONFLICT');
    expect(under.rule).toBe('expenses.error.parentHasBudget');
  });
});

describe('expense items with a kind', () => {
  it('gives a top-level item the chosen kind and a child its parent kind', async () => {
    const c = await fresh();
    let items = await call(c, 'expenses.addItem', { parentId: null, name: '數字營銷', kind: 'advertising' });
    const top = items.find((i) => i.name === '數字營銷')!;
    expect(top).toMatchObject({ kind: 'advertising', depth: 0, leaf: true });
    items = await call(c, 'expenses.addItem', { parentId: top.id, name: '直播', kind: 'travel' });
    expect(items.find((i) => i.name === '直播')).toMatchObject({ kind: 'advertising', depth: 1, parentId: top.id });
    items = await call(c, 'expenses.addItem', { parentId: null, name: '雜項' });
    expect(items.find((i) => i.name === '雜項')!.kind).toBe('other');
    expect((await refused(c, 'expenses.addItem', { parentId: null, name: 'x', kind: 'bogus' })).code).toBe('INVALID_INPUT');
  });
});
