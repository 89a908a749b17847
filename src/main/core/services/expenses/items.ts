import type { ReadDb } from '../../db/handle';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import type { ExpenseItemInfo, ExpenseKindName } from '../../../../shared/expenses';
import { AppError } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';

// Expense items: a tree (parent_id) of the region's expense headings. A file is made
// with the default items (DOMAIN.md: 銷售費用預算); the region adds, renames and removes
// its own.

export interface ItemRow {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: ExpenseKindName;
  sort_order: number;
}

/** The items in tree order: each parent followed by its children, siblings by sort order. */
export function itemRows(db: ReadDb): (ItemRow & { depth: number; leaf: boolean })[] {
  const sqlite = db.sqlite;
  const rows = sqlite.prepare('SELECT id, parent_id, code, name, kind, sort_order FROM expense_item ORDER BY sort_order, id').all() as ItemRow[];
  const children = new Map<number | null, ItemRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const p = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(p) ?? [];
    list.push(r);
    children.set(p, list);
  }
  const out: (ItemRow & { depth: number; leaf: boolean })[] = [];
  const visit = (parent: number | null, depth: number): void => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth, leaf: !children.has(r.id) });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

function usedIds(sqlite: Database.Database): Set<number> {
  return new Set(
    sqlite
      .prepare(`SELECT item_id FROM expense_budget UNION SELECT item_id FROM expense_actual UNION SELECT item_id FROM promotion_budget`)
      .pluck()
      .all() as number[],
  );
}

export function listItems(db: ReadDb): ExpenseItemInfo[] {
  const sqlite = db.sqlite;
  const used = usedIds(sqlite);
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

function itemRow(sqlite: Database.Database, id: number): ItemRow {
  const row = sqlite.prepare('SELECT id, parent_id, code, name, kind, sort_order FROM expense_item WHERE id = ?').get(id) as ItemRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `expense item ${id} does not exist`, { issues: [{ path: 'id', message: 'expenses.error.noItem' }] });
  return row;
}

function assertNameFree(sqlite: Database.Database, parentId: number | null, name: string, exceptId: number): void {
  const taken = sqlite.prepare('SELECT 1 FROM expense_item WHERE parent_id IS ? AND name = ? AND id <> ?').get(parentId, name, exceptId);
  if (taken) {
    throw new AppError('INVALID_INPUT', `an expense item named "${name}" is already there`, { issues: [{ path: 'name', message: 'expenses.error.nameTaken' }] });
  }
}

const image = (r: ItemRow) => ({ id: r.id, parent_id: r.parent_id, code: r.code, name: r.name, kind: r.kind, sort_order: r.sort_order });

export function addItem(db: WriteDb, parentId: number | null, name: string, code?: string, topKind?: ExpenseKindName): number {
  const sqlite = db.sqlite;
  return recordEdit(db, 'expenses.undo.addItem', () => {
    const parent = parentId === null ? null : itemRow(sqlite, parentId);
    if (parent) {
      // Budgets, actual expenses and promotion budgets sit on leaf items: a parent with any of them would hide them.
      const used = sqlite
        .prepare(
          `SELECT 1 FROM expense_budget WHERE item_id = ? UNION ALL SELECT 1 FROM expense_actual WHERE item_id = ?
           UNION ALL SELECT 1 FROM promotion_budget WHERE item_id = ? LIMIT 1`,
        )
        .get(parent.id, parent.id, parent.id);
      if (used) {
        throw new AppError('CONFLICT', `"${parent.name}" has a budget, actual expenses or promotion budgets of its own; items cannot be added under it`, {
          issues: [{ path: 'parentId', message: 'expenses.error.parentHasBudget' }],
        });
      }
    }
    assertNameFree(sqlite, parentId, name, 0);
    let finalCode = code;
    if (finalCode !== undefined) {
      if (sqlite.prepare('SELECT 1 FROM expense_item WHERE code = ?').get(finalCode)) {
        throw new AppError('INVALID_INPUT', `the code ${finalCode} is taken`, { issues: [{ path: 'code', message: 'expenses.error.codeTaken' }] });
      }
    } else {
      const base = parent ? parent.code : 'ITEM';
      for (let n = 1; ; n++) {
        const c = `${base}-${n}`;
        if (!sqlite.prepare('SELECT 1 FROM expense_item WHERE code = ?').get(c)) {
          finalCode = c;
          break;
        }
      }
    }
    const sort = (sqlite.prepare('SELECT ifnull(max(sort_order), 0) FROM expense_item WHERE parent_id IS ?').pluck().get(parentId) as number) + 1;
    const kind: ExpenseKindName = parent ? parent.kind : (topKind ?? 'other');
    const id = Number(
      sqlite.prepare('INSERT INTO expense_item (parent_id, code, name, kind, sort_order) VALUES (?, ?, ?, ?, ?)').run(parentId, finalCode, name, kind, sort).lastInsertRowid,
    );
    const after = { id, parent_id: parentId, code: finalCode, name, kind, sort_order: sort };
    const changes: RowChange[] = [{ table: 'expense_item', key: { id }, before: null, after }];
    return { changes, value: id };
  });
}

export function renameItem(db: WriteDb, id: number, name: string): void {
  const sqlite = db.sqlite;
  recordEdit(db, 'expenses.undo.renameItem', () => {
    const before = itemRow(sqlite, id);
    assertNameFree(sqlite, before.parent_id, name, id);
    sqlite.prepare('UPDATE expense_item SET name = ? WHERE id = ?').run(name, id);
    return { changes: [{ table: 'expense_item', key: { id }, before: image(before), after: { ...image(before), name } }], value: null };
  });
}

export function deleteItem(db: WriteDb, id: number): void {
  const sqlite = db.sqlite;
  recordEdit(db, 'expenses.undo.deleteItem', () => {
    const before = itemRow(sqlite, id);
    if (sqlite.prepare('SELECT 1 FROM expense_item WHERE parent_id = ? LIMIT 1').get(id)) {
      throw new AppError('CONFLICT', `"${before.name}" has items under it`, { issues: [{ path: 'id', message: 'expenses.error.hasChildren' }] });
    }
    if (usedIds(sqlite).has(id)) {
      throw new AppError('CONFLICT', `"${before.name}" has a budget, actual expenses or promotion budgets`, {
        issues: [{ path: 'id', message: 'expenses.error.inUse' }],
      });
    }
    sqlite.prepare('DELETE FROM expense_item WHERE id = ?').run(id);
    return { changes: [{ table: 'expense_item', key: { id }, before: image(before), after: null }], value: null };
  });
}
