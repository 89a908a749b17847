import { sql, type ExpressionBuilder } from 'kysely';
import type { SplitDimension, SplitMember } from '../../../../shared/expenseSplits';
import { all, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { DB, ExpenseBudgetRow } from '../../db/schema';

// The expense budget (expense_budget): per version, item and month, either the item's
// own cell (no product, channel or city) or a split row with exactly one of them set.

export type SplitColumn = 'brand_id' | 'category_id' | 'channel_id' | 'city_id';

/** A budget row with no product, channel or city: the item's month itself. */
const noDimension = (eb: ExpressionBuilder<DB, 'expense_budget'>) =>
  eb.and([eb('brand_id', 'is', null), eb('category_id', 'is', null), eb('channel_id', 'is', null), eb('city_id', 'is', null)]);

/** The version's item cells (no split dimension), optionally of one item. */
export function budgetCells(db: ReadDb, versionId: number, itemId?: number): Pick<ExpenseBudgetRow, 'item_id' | 'month' | 'amount_cents'>[] {
  let q = qb.selectFrom('expense_budget').select(['item_id', 'month', 'amount_cents']).where('version_id', '=', versionId);
  if (itemId !== undefined) q = q.where('item_id', '=', itemId);
  return all(db, q.where(noDimension));
}

/**
 * The version's split rows (one of brand, category, channel or city set), optionally of
 * one item, in the order of the cell index: by item, month and member (the order the
 * split's rounding meets its members in).
 */
export function splitBudgetRows(
  db: ReadDb,
  versionId: number,
  itemId?: number,
): Pick<ExpenseBudgetRow, 'item_id' | 'month' | SplitColumn | 'amount_cents'>[] {
  let q = qb
    .selectFrom('expense_budget')
    .select(['item_id', 'month', 'brand_id', 'category_id', 'channel_id', 'city_id', 'amount_cents'])
    .where('version_id', '=', versionId)
    .where((eb) => eb.not(noDimension(eb)));
  if (itemId !== undefined) q = q.where('item_id', '=', itemId);
  const ifnull = (c: SplitColumn) => sql<number>`ifnull(${sql.ref(c)}, 0)`;
  return all(
    db,
    q.orderBy('item_id').orderBy('month').orderBy(ifnull('brand_id')).orderBy(ifnull('category_id')).orderBy(ifnull('channel_id')).orderBy(ifnull('city_id')),
  );
}

export interface BudgetCellWriter {
  insert(item: number, month: number, amountCents: number): void;
  update(item: number, month: number, amountCents: number): void;
  remove(item: number, month: number): void;
}

/**
 * Writes one version's item cells. Hand-written and prepared once per call: a top-down
 * spread rewrites every item × month cell of the budget in a loop, and building each
 * statement with the query builder would cost more than the writes themselves (the
 * expense-reallocate benchmark).
 */
export function budgetCellWriter(db: WriteDb, versionId: number): BudgetCellWriter {
  const insert = db.sqlite.prepare('INSERT INTO expense_budget (version_id, item_id, month, amount_cents) VALUES (?, ?, ?, ?)');
  const update = db.sqlite.prepare(`UPDATE expense_budget SET amount_cents = ? WHERE version_id = ? AND item_id = ? AND month = ?
    AND brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL`);
  const remove = db.sqlite.prepare(`DELETE FROM expense_budget WHERE version_id = ? AND item_id = ? AND month = ?
    AND brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL`);
  return {
    insert: (item, month, amountCents) => void insert.run(versionId, item, month, amountCents),
    update: (item, month, amountCents) => void update.run(amountCents, versionId, item, month),
    remove: (item, month) => void remove.run(versionId, item, month),
  };
}

export interface SplitCell {
  versionId: number;
  item: number;
  month: number;
  column: SplitColumn;
  member: number;
}

export function insertSplitCell(db: WriteDb, cell: SplitCell, amountCents: number): void {
  run(
    db,
    qb.insertInto('expense_budget').values({
      version_id: cell.versionId, item_id: cell.item, month: cell.month, [cell.column]: cell.member, amount_cents: amountCents,
    }),
  );
}

export function updateSplitCell(db: WriteDb, cell: SplitCell, amountCents: number): void {
  run(
    db,
    qb
      .updateTable('expense_budget')
      .set({ amount_cents: amountCents })
      .where('version_id', '=', cell.versionId)
      .where('item_id', '=', cell.item)
      .where('month', '=', cell.month)
      .where(cell.column, '=', cell.member),
  );
}

export function deleteSplitCell(db: WriteDb, cell: SplitCell): void {
  run(
    db,
    qb
      .deleteFrom('expense_budget')
      .where('version_id', '=', cell.versionId)
      .where('item_id', '=', cell.item)
      .where('month', '=', cell.month)
      .where(cell.column, '=', cell.member),
  );
}

/** The members a split dimension offers: own brands, categories, active channels (and any a budget row names), cities by province. */
export function splitMemberRows(db: ReadDb, dimension: SplitDimension): SplitMember[] {
  switch (dimension) {
    case 'brand':
      return all(db, qb.selectFrom('brand').select(['id', 'code', 'name']).where('is_own', '=', 1).orderBy('sort_order').orderBy('id'));
    case 'category':
      return all(db, qb.selectFrom('category').select(['id', 'code', 'name']).orderBy('sort_order').orderBy('id'));
    case 'channel':
      return all(
        db,
        qb
          .selectFrom('channel')
          .select(['id', 'code', 'name'])
          .where((eb) => eb.or([eb('active', '=', 1), eb('id', 'in', eb.selectFrom('expense_budget').select('channel_id'))]))
          .orderBy('sort_order')
          .orderBy('id'),
      );
    case 'city':
      return all(
        db,
        qb
          .selectFrom('city as c')
          .innerJoin('province as p', 'p.id', 'c.province_id')
          .select(['c.id', 'c.code', 'c.name'])
          .orderBy('p.sort_order')
          .orderBy('p.id')
          .orderBy('c.sort_order')
          .orderBy('c.id'),
      );
  }
}

/** Copies a version's whole expense budget, the items' cells and their splits, into a new version, set-based. */
export function copyBudget(db: WriteDb, fromId: number, toId: number): void {
  const columns = ['item_id', 'month', 'brand_id', 'category_id', 'channel_id', 'city_id', 'amount_cents'] as const;
  run(
    db,
    qb
      .insertInto('expense_budget')
      .columns(['version_id', ...columns])
      .expression(qb.selectFrom('expense_budget').select([sql<number>`${toId}`.as('version_id'), ...columns]).where('version_id', '=', fromId).orderBy('id')),
  );
}
