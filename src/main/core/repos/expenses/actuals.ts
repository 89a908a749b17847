import { sql } from 'kysely';
import { all, first, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { ExpenseActualRow } from '../../db/schema';

// Actual expenses (expense_actual): typed in by hand (no batch) or imported (a batch).

const monthOf = sql<number>`period % 100`;

/** Actual expenses of a span of periods (yyyymm, inclusive) summed by item and month. */
export function actualExpenseCells(db: ReadDb, from: number, to: number): { item_id: number; month: number; amount_cents: number }[] {
  return all(
    db,
    qb
      .selectFrom('expense_actual')
      .select(['item_id', monthOf.as('month'), sql<number>`sum(amount_cents)`.as('amount_cents')])
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy(['item_id', 'period']),
  );
}

/** Every line of a span of periods with its item and batch, by period and id. */
export function expenseActualLines(db: ReadDb, from: number, to: number) {
  return all(
    db,
    qb
      .selectFrom('expense_actual as a')
      .innerJoin('expense_item as i', 'i.id', 'a.item_id')
      .leftJoin('import_batch as b', 'b.id', 'a.batch_id')
      .select([
        'a.id',
        sql<number>`a.period % 100`.as('month'),
        'a.item_id as itemId',
        'i.code as itemCode',
        'i.name as itemName',
        'a.amount_cents as amountCents',
        'a.note',
        'a.batch_id as batchId',
        'b.source_name as batchName',
      ])
      .where('a.period', '>=', from)
      .where('a.period', '<=', to)
      .orderBy('a.period')
      .orderBy('a.id'),
  );
}

export function findExpenseActual(db: ReadDb, id: number): ExpenseActualRow | undefined {
  return first(db, qb.selectFrom('expense_actual').selectAll().where('id', '=', id));
}

export function insertExpenseActual(db: WriteDb, row: Omit<ExpenseActualRow, 'id'>): number {
  return Number(run(db, qb.insertInto('expense_actual').values(row)).lastInsertRowid);
}

export function deleteExpenseActual(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('expense_actual').where('id', '=', id));
}
