import { readDb } from '../../db/handle';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import type { ExpenseActualEntry } from '../../../../shared/endpoints/expenses';
import { AppError } from '../../../../shared/errors';
import { itemRows } from './items';
import { recordEdit } from '../../db/undoLog';

// Actual expenses typed in by hand (issue 6): rows of expense_actual with no import
// batch (batch_id NULL), for a month of the plan year and a leaf expense item, without
// a product or channel slice. A negative amount is a refund or a correction. Imported
// rows (a batch of kind 'expense') are listed beside them but are removed only with
// their batch in the actuals area.

interface ActualRow {
  id: number;
  period: number;
  item_id: number;
  brand_id: number | null;
  category_id: number | null;
  channel_id: number | null;
  city_id: number | null;
  amount_cents: number;
  note: string;
  batch_id: number | null;
}

const COLUMNS = 'id, period, item_id, brand_id, category_id, channel_id, city_id, amount_cents, note, batch_id';
const image = (r: ActualRow) => ({ ...r });

export function planYear(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT plan_year FROM region_meta').pluck().get() as number;
}

/** The plan year's actual expenses, typed and imported, by month and item tree order. */
export function listActuals(sqlite: Database.Database): { planYear: number; entries: ExpenseActualEntry[] } {
  const year = planYear(sqlite);
  const items = itemRows(readDb(sqlite));
  const order = new Map(items.map((r, i) => [r.id, i]));
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.period % 100 AS month, a.item_id AS itemId, i.code AS itemCode, i.name AS itemName, a.amount_cents AS amountCents,
         a.note, a.batch_id AS batchId, b.source_name AS batchName
       FROM expense_actual a JOIN expense_item i ON i.id = a.item_id LEFT JOIN import_batch b ON b.id = a.batch_id
       WHERE a.period BETWEEN ? AND ? ORDER BY a.period, a.id`,
    )
    .all(year * 100 + 1, year * 100 + 12) as (Omit<ExpenseActualEntry, 'typed'> & { batchId: number | null })[];
  const entries = rows
    .map((r) => ({ ...r, typed: r.batchId === null, batchName: r.batchId === null ? null : (r.batchName ?? '') }))
    .sort((a, b) => a.month - b.month || (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0) || a.id - b.id);
  return { planYear: year, entries };
}

/** Types in an actual expense: one undo step. Returns the new row's id. */
export function addActual(db: WriteDb, input: { month: number; itemId: number; amountCents: number; note: string }): number {
  const sqlite = db.sqlite;
  return recordEdit(db, 'expenses.typedActuals.undoAdd', () => {
    const item = itemRows(db).find((r) => r.id === input.itemId);
    if (!item) {
      throw new AppError('NOT_FOUND', `expense item ${input.itemId} does not exist`, { issues: [{ path: 'itemId', message: 'expenses.error.noItem' }] });
    }
    if (!item.leaf) {
      throw new AppError('CONFLICT', `"${item.name}" has items under it; actual expenses go to one of them`, {
        issues: [{ path: 'itemId', message: 'expenses.typedActuals.error.notLeaf' }],
      });
    }
    const period = planYear(sqlite) * 100 + input.month;
    const note = input.note.trim();
    const id = Number(
      sqlite
        .prepare('INSERT INTO expense_actual (period, item_id, amount_cents, note, batch_id) VALUES (?, ?, ?, ?, NULL)')
        .run(period, input.itemId, input.amountCents, note).lastInsertRowid,
    );
    const after = sqlite.prepare(`SELECT ${COLUMNS} FROM expense_actual WHERE id = ?`).get(id) as ActualRow;
    return { changes: [{ table: 'expense_actual', key: { id }, before: null, after: image(after) }], value: id };
  });
}

/** Removes a typed actual expense: one undo step. Imported rows are refused. */
export function removeActual(db: WriteDb, id: number): void {
  const sqlite = db.sqlite;
  recordEdit(db, 'expenses.typedActuals.undoRemove', () => {
    const before = sqlite.prepare(`SELECT ${COLUMNS} FROM expense_actual WHERE id = ?`).get(id) as ActualRow | undefined;
    if (!before) {
      throw new AppError('NOT_FOUND', `actual expense ${id} does not exist`, { issues: [{ path: 'id', message: 'expenses.typedActuals.error.noEntry' }] });
    }
    if (before.batch_id !== null) {
      throw new AppError('CONFLICT', `actual expense ${id} was imported; remove its import batch in the actuals area`, {
        issues: [{ path: 'id', message: 'expenses.typedActuals.error.imported' }],
      });
    }
    sqlite.prepare('DELETE FROM expense_actual WHERE id = ?').run(id);
    return { changes: [{ table: 'expense_actual', key: { id }, before: image(before), after: null }], value: null };
  });
}
