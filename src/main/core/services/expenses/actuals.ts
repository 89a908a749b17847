import type { ReadDb, WriteDb } from '../../db/handle';
import type { ExpenseActualEntry } from '../../../../shared/endpoints/expenses';
import { refusal } from '../../../../shared/errors';
import { deleteExpenseActual, expenseActualLines, findExpenseActual, insertExpenseActual } from '../../repos/expenses/actuals';
import { regionPlanYear } from '../../repos/region';
import { itemRows } from './items';
import { recordEdit } from '../../db/undoLog';

// Actual expenses typed in by hand: rows of expense_actual with no import
// batch (batch_id NULL), for a month of the plan year and a leaf expense item, without
// a product or channel slice. A negative amount is a refund or a correction. Imported
// rows (a batch of kind 'expense') are listed beside them but are removed only with
// their batch in the actuals area.

/** The plan year's actual expenses, typed and imported, by month and item tree order. */
export function listExpenseActuals(db: ReadDb): { planYear: number; entries: ExpenseActualEntry[] } {
  const year = regionPlanYear(db);
  const items = itemRows(db);
  const order = new Map(items.map((r, i) => [r.id, i]));
  const entries = expenseActualLines(db, year * 100 + 1, year * 100 + 12)
    .map((r) => ({ ...r, typed: r.batchId === null, batchName: r.batchId === null ? null : (r.batchName ?? '') }))
    .sort((a, b) => a.month - b.month || (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0) || a.id - b.id);
  return { planYear: year, entries };
}

/** Types in an actual expense: one undo step. Returns the new row's id. */
export function addExpenseActual(db: WriteDb, input: { month: number; itemId: number; amountCents: number; note: string }): number {
  return recordEdit(db, 'expenses.typedActuals.undoAdd', () => {
    const item = itemRows(db).find((r) => r.id === input.itemId);
    if (!item) throw refusal('NOT_FOUND', 'expenses.error.noItem', `expense item ${input.itemId} does not exist`, { path: 'itemId' });
    if (!item.leaf) {
      throw refusal('CONFLICT', 'expenses.typedActuals.error.notLeaf', `"${item.name}" has items under it; actual expenses go to one of them`, {
        path: 'itemId',
      });
    }
    const id = insertExpenseActual(db, {
      period: regionPlanYear(db) * 100 + input.month, item_id: input.itemId, brand_id: null, category_id: null, channel_id: null, city_id: null,
      amount_cents: input.amountCents, note: input.note.trim(), batch_id: null,
    });
    const after = findExpenseActual(db, id)!;
    return { changes: [{ table: 'expense_actual', key: { id }, before: null, after: { ...after } }], value: id };
  });
}

/** Removes a typed actual expense: one undo step. Imported rows are refused. */
export function removeExpenseActual(db: WriteDb, id: number): void {
  recordEdit(db, 'expenses.typedActuals.undoRemove', () => {
    const before = findExpenseActual(db, id);
    if (!before) throw refusal('NOT_FOUND', 'expenses.typedActuals.error.noEntry', `actual expense ${id} does not exist`, { path: 'id' });
    if (before.batch_id !== null) {
      throw refusal('CONFLICT', 'expenses.typedActuals.error.imported', `actual expense ${id} was imported; remove its import batch in the actuals area`, {
        path: 'id',
      });
    }
    deleteExpenseActual(db, id);
    return { changes: [{ table: 'expense_actual', key: { id }, before: { ...before }, after: null }], value: null };
  });
}
