import { sql } from 'kysely';
import type { ScopeDim, SkuPlace } from '../../../shared/promotions';
import { all, first, prepared, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { PromotionBudgetRow, PromotionRow, PromotionScopeRow } from '../db/schema';

// The promotion and advertising calendar: promotions per plan version, their scope
// (promotion_scope: dim + ref_id) and their budget by expense item (promotion_budget).

export function promotionsOfVersion(db: ReadDb, versionId: number): PromotionRow[] {
  return all(db, qb.selectFrom('promotion').selectAll().where('version_id', '=', versionId).orderBy('start_date').orderBy('id'));
}

export function findPromotion(db: ReadDb, versionId: number, id: number): PromotionRow | undefined {
  return first(db, qb.selectFrom('promotion').selectAll().where('id', '=', id).where('version_id', '=', versionId));
}

/** The scope rows of a version's promotions, by promotion, dimension and reference. */
export function scopeRowsOfVersion(db: ReadDb, versionId: number): PromotionScopeRow[] {
  return all(
    db,
    qb
      .selectFrom('promotion_scope as s')
      .innerJoin('promotion as p', 'p.id', 's.promotion_id')
      .select(['s.promotion_id', 's.dim', 's.ref_id'])
      .where('p.version_id', '=', versionId)
      .orderBy('s.promotion_id')
      .orderBy('s.dim')
      .orderBy('s.ref_id'),
  );
}

/** The budget lines of a version's promotions, by promotion and the items' order. */
export function budgetRowsOfVersion(db: ReadDb, versionId: number): PromotionBudgetRow[] {
  return all(
    db,
    qb
      .selectFrom('promotion_budget as b')
      .innerJoin('promotion as p', 'p.id', 'b.promotion_id')
      .innerJoin('expense_item as i', 'i.id', 'b.item_id')
      .select(['b.promotion_id', 'b.item_id', 'b.amount_cents'])
      .where('p.version_id', '=', versionId)
      .orderBy('b.promotion_id')
      .orderBy('i.sort_order')
      .orderBy('i.id'),
  );
}

/** Each budget line of a version's promotions with the promotion's dates, by promotion and item. */
export function datedBudgetLines(db: ReadDb, versionId: number) {
  return all(
    db,
    qb
      .selectFrom('promotion as p')
      .innerJoin('promotion_budget as b', 'b.promotion_id', 'p.id')
      .select(['p.id', 'p.start_date as start', 'p.end_date as end', 'b.item_id as itemId', 'b.amount_cents as amount'])
      .where('p.version_id', '=', versionId)
      .orderBy('p.id')
      .orderBy('b.item_id'),
  );
}

export function scopeRowsOf(db: ReadDb, promotionId: number): PromotionScopeRow[] {
  return all(db, qb.selectFrom('promotion_scope').selectAll().where('promotion_id', '=', promotionId).orderBy('dim').orderBy('ref_id'));
}

export function budgetRowsOf(db: ReadDb, promotionId: number): PromotionBudgetRow[] {
  return all(db, qb.selectFrom('promotion_budget').selectAll().where('promotion_id', '=', promotionId).orderBy('item_id'));
}

/** Every SKU with its brand and category, for the overlap rule. */
export function skuPlaces(db: ReadDb): SkuPlace[] {
  return all(db, qb.selectFrom('sku').select(['id', 'brand_id as brandId', 'category_id as categoryId']));
}

/** Which of `ids` exist in the master table of a scope dimension. */
export function existingScopeRefs(db: ReadDb, dim: ScopeDim, ids: number[]): Set<number> {
  // One statement for any number of ids: the list goes in as one JSON parameter.
  const rows = all(
    db,
    qb
      .selectFrom(dim)
      .select('id')
      .where('id', 'in', sql<number>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`),
  );
  return new Set(rows.map((r) => r.id));
}

export function insertPromotion(db: WriteDb, row: Omit<PromotionRow, 'id'>): number {
  return Number(run(db, qb.insertInto('promotion').values(row)).lastInsertRowid);
}

export function updatePromotionRow(db: WriteDb, id: number, values: Omit<PromotionRow, 'id' | 'version_id'>): void {
  run(db, qb.updateTable('promotion').set(values).where('id', '=', id));
}

/** Deletes a promotion with its scope and budget lines. */
export function deletePromotionRows(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('promotion_scope').where('promotion_id', '=', id));
  run(db, qb.deleteFrom('promotion_budget').where('promotion_id', '=', id));
  run(db, qb.deleteFrom('promotion').where('id', '=', id));
}

export function insertScopeRow(db: WriteDb, row: PromotionScopeRow): void {
  run(db, qb.insertInto('promotion_scope').values(row));
}

export function deleteScopeRow(db: WriteDb, row: PromotionScopeRow): void {
  run(db, qb.deleteFrom('promotion_scope').where('promotion_id', '=', row.promotion_id).where('dim', '=', row.dim).where('ref_id', '=', row.ref_id));
}

export function putBudgetRow(db: WriteDb, row: PromotionBudgetRow): void {
  run(
    db,
    qb
      .insertInto('promotion_budget')
      .values(row)
      .onConflict((oc) => oc.columns(['promotion_id', 'item_id']).doUpdateSet((eb) => ({ amount_cents: eb.ref('excluded.amount_cents') }))),
  );
}

export function deleteBudgetRow(db: WriteDb, promotionId: number, itemId: number): void {
  run(db, qb.deleteFrom('promotion_budget').where('promotion_id', '=', promotionId).where('item_id', '=', itemId));
}

/**
 * Copies a version's promotions with their scope and budget lines into a new (empty)
 * version, set-based: the copies are inserted in the order of the originals' ids, so
 * the n-th promotion of one version is the n-th of the other, and the lines follow by
 * that rank.
 */
export function copyPromotions(db: WriteDb, fromId: number, toId: number): void {
  const columns = ['name', 'type', 'start_date', 'end_date', 'mechanics', 'expected_extra_volume'] as const;
  run(
    db,
    qb
      .insertInto('promotion')
      .columns(['version_id', ...columns])
      .expression(qb.selectFrom('promotion').select([sql<number>`${toId}`.as('version_id'), ...columns]).where('version_id', '=', fromId).orderBy('id')),
  );
  const pairs = `(SELECT o.id AS old_id, n.id AS new_id
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM promotion WHERE version_id = ?) o
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM promotion WHERE version_id = ?) n ON n.rank = o.rank)`;
  prepared(db, `INSERT INTO promotion_scope (promotion_id, dim, ref_id)
    SELECT p.new_id, s.dim, s.ref_id FROM promotion_scope s JOIN ${pairs} p ON p.old_id = s.promotion_id`).run(fromId, toId);
  prepared(db, `INSERT INTO promotion_budget (promotion_id, item_id, amount_cents)
    SELECT p.new_id, b.item_id, b.amount_cents FROM promotion_budget b JOIN ${pairs} p ON p.old_id = b.promotion_id`).run(fromId, toId);
}
