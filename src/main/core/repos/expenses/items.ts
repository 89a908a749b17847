import { all, first, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { ExpenseItemRow } from '../../db/schema';

// Expense items (expense_item): the tree of the region's expense headings.

/** Every item, siblings in sort order (the tree is built by the service). */
export function expenseItemRows(db: ReadDb): ExpenseItemRow[] {
  return all(db, qb.selectFrom('expense_item').selectAll().orderBy('sort_order').orderBy('id'));
}

export function findExpenseItem(db: ReadDb, id: number): ExpenseItemRow | undefined {
  return first(db, qb.selectFrom('expense_item').selectAll().where('id', '=', id));
}

/** Items that budget rows, actual expenses or promotion budgets name. */
export function usedExpenseItemIds(db: ReadDb): Set<number> {
  const rows = all(
    db,
    qb
      .selectFrom('expense_budget')
      .select('item_id')
      .union(qb.selectFrom('expense_actual').select('item_id'))
      .union(qb.selectFrom('promotion_budget').select('item_id')),
  );
  return new Set(rows.map((r) => r.item_id));
}

/** Whether any budget row, actual expense or promotion budget names the item. */
export function expenseItemInUse(db: ReadDb, id: number): boolean {
  const row = first(
    db,
    qb
      .selectFrom('expense_budget')
      .select('item_id')
      .where('item_id', '=', id)
      .unionAll(qb.selectFrom('expense_actual').select('item_id').where('item_id', '=', id))
      .unionAll(qb.selectFrom('promotion_budget').select('item_id').where('item_id', '=', id))
      .limit(1),
  );
  return row !== undefined;
}

/** Whether a sibling under `parentId` (null: top level) other than `exceptId` has this name. */
export function expenseItemNameTaken(db: ReadDb, parentId: number | null, name: string, exceptId: number): boolean {
  const row = first(
    db,
    qb.selectFrom('expense_item').select('id').where('parent_id', 'is', parentId).where('name', '=', name).where('id', '<>', exceptId),
  );
  return row !== undefined;
}

export function expenseItemCodeTaken(db: ReadDb, code: string): boolean {
  return first(db, qb.selectFrom('expense_item').select('id').where('code', '=', code)) !== undefined;
}

export function expenseItemHasChildren(db: ReadDb, id: number): boolean {
  return first(db, qb.selectFrom('expense_item').select('id').where('parent_id', '=', id).limit(1)) !== undefined;
}

/** The highest sort order under `parentId` (null: top level), 0 when it has no items. */
export function maxExpenseItemSort(db: ReadDb, parentId: number | null): number {
  const row = first(db, qb.selectFrom('expense_item').select((eb) => eb.fn.max('sort_order').as('top')).where('parent_id', 'is', parentId));
  return row?.top ?? 0;
}

export function insertExpenseItem(db: WriteDb, row: Omit<ExpenseItemRow, 'id'>): number {
  return Number(run(db, qb.insertInto('expense_item').values(row)).lastInsertRowid);
}

export function renameExpenseItem(db: WriteDb, id: number, name: string): void {
  run(db, qb.updateTable('expense_item').set({ name }).where('id', '=', id));
}

export function deleteExpenseItem(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('expense_item').where('id', '=', id));
}
