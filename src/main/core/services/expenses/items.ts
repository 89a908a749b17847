import type { ReadDb, WriteDb } from '../../db/handle';
import type { ExpenseItemRow } from '../../db/schema';
import type { ExpenseItemInfo, ExpenseKindName } from '../../../../shared/expenses';
import { refusal } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';
import {
  deleteExpenseItem, expenseItemCodeTaken, expenseItemHasChildren, expenseItemInUse, expenseItemNameTaken, expenseItemRows, findExpenseItem,
  insertExpenseItem, maxExpenseItemSort, renameExpenseItem, usedExpenseItemIds,
} from '../../repos/expenses/items';

// Expense items: a tree (parent_id) of the region's expense headings. A file is made
// with the default items (銷售費用預算); the region adds, renames and removes
// its own.

/** The items in tree order: each parent followed by its children, siblings by sort order. */
export function itemRows(db: ReadDb): (ExpenseItemRow & { depth: number; leaf: boolean })[] {
  const rows = expenseItemRows(db);
  const children = new Map<number | null, ExpenseItemRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const p = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(p) ?? [];
    list.push(r);
    children.set(p, list);
  }
  const out: (ExpenseItemRow & { depth: number; leaf: boolean })[] = [];
  const visit = (parent: number | null, depth: number): void => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth, leaf: !children.has(r.id) });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function listItems(db: ReadDb): ExpenseItemInfo[] {
  const used = usedExpenseItemIds(db);
  return itemRows(db).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    sortOrder: r.sort_order,
    depth: r.depth,
    leaf: r.leaf,
    inUse: used.has(r.id),
  }));
}

function itemRow(db: ReadDb, id: number): ExpenseItemRow {
  const row = findExpenseItem(db, id);
  if (!row) throw refusal('NOT_FOUND', 'expenses.error.noItem', `expense item ${id} does not exist`, { path: 'id' });
  return row;
}

function assertNameFree(db: ReadDb, parentId: number | null, name: string, exceptId: number): void {
  if (expenseItemNameTaken(db, parentId, name, exceptId)) {
    throw refusal('INVALID_INPUT', 'expenses.error.nameTaken', `an expense item named "${name}" is already there`, { path: 'name' });
  }
}

/** The first free code of the form `<base>-<n>`. */
function freeCode(db: ReadDb, base: string): string {
  for (let n = 1; ; n++) {
    const c = `${base}-${n}`;
    if (!expenseItemCodeTaken(db, c)) return c;
  }
}

const image = (r: ExpenseItemRow) => ({ id: r.id, parent_id: r.parent_id, code: r.code, name: r.name, kind: r.kind, sort_order: r.sort_order });

export function addItem(db: WriteDb, parentId: number | null, name: string, code?: string, topKind?: ExpenseKindName): number {
  return recordEdit(db, 'expenses.undo.addItem', () => {
    const parent = parentId === null ? null : itemRow(db, parentId);
    // Budgets, actual expenses and promotion budgets sit on leaf items: a parent with any of them would hide them.
    if (parent && expenseItemInUse(db, parent.id)) {
      throw refusal(
        'CONFLICT',
        'expenses.error.parentHasBudget',
        `"${parent.name}" has a budget, actual expenses or promotion budgets of its own; items cannot be added under it`,
        { path: 'parentId' },
      );
    }
    assertNameFree(db, parentId, name, 0);
    if (code !== undefined && expenseItemCodeTaken(db, code)) {
      throw refusal('INVALID_INPUT', 'expenses.error.codeTaken', `the code ${code} is taken`, { path: 'code' });
    }
    const finalCode = code ?? freeCode(db, parent ? parent.code : 'ITEM');
    const sort = maxExpenseItemSort(db, parentId) + 1;
    const kind: ExpenseKindName = parent ? parent.kind : (topKind ?? 'other');
    const row = { parent_id: parentId, code: finalCode, name, kind, sort_order: sort };
    const id = insertExpenseItem(db, row);
    const changes: RowChange[] = [{ table: 'expense_item', key: { id }, before: null, after: { id, ...row } }];
    return { changes, value: id };
  });
}

export function renameItem(db: WriteDb, id: number, name: string): void {
  recordEdit(db, 'expenses.undo.renameItem', () => {
    const before = itemRow(db, id);
    assertNameFree(db, before.parent_id, name, id);
    renameExpenseItem(db, id, name);
    return { changes: [{ table: 'expense_item', key: { id }, before: image(before), after: { ...image(before), name } }], value: null };
  });
}

export function deleteItem(db: WriteDb, id: number): void {
  recordEdit(db, 'expenses.undo.deleteItem', () => {
    const before = itemRow(db, id);
    if (expenseItemHasChildren(db, id)) {
      throw refusal('CONFLICT', 'expenses.error.hasChildren', `"${before.name}" has items under it`, { path: 'id' });
    }
    if (expenseItemInUse(db, id)) {
      throw refusal('CONFLICT', 'expenses.error.inUse', `"${before.name}" has a budget, actual expenses or promotion budgets`, { path: 'id' });
    }
    deleteExpenseItem(db, id);
    return { changes: [{ table: 'expense_item', key: { id }, before: image(before), after: null }], value: null };
  });
}
