import { sql } from 'kysely';
import { all, first, prepared, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { NewProductChannelRow, NewProductRow, ProductPositionRow } from '../db/schema';

// The product plan of a plan version (migration 14): the channel positioning of each
// brand and category (product_position), and the new products to launch (new_product,
// with their channels in new_product_channel).

export function positionsOfVersion(db: ReadDb, versionId: number): ProductPositionRow[] {
  return all(db, qb.selectFrom('product_position').selectAll().where('version_id', '=', versionId));
}

/** The key of one positioning cell, as the undo log names it. */
export type PositionKey = Pick<ProductPositionRow, 'version_id' | 'brand_id' | 'category_id' | 'channel_id'>;

export function findPosition(db: ReadDb, key: PositionKey): ProductPositionRow | undefined {
  return first(
    db,
    qb
      .selectFrom('product_position')
      .selectAll()
      .where('version_id', '=', key.version_id)
      .where('brand_id', 'is', key.brand_id)
      .where('category_id', 'is', key.category_id)
      .where('channel_id', '=', key.channel_id),
  );
}

export function deletePosition(db: WriteDb, key: PositionKey): void {
  run(
    db,
    qb
      .deleteFrom('product_position')
      .where('version_id', '=', key.version_id)
      .where('brand_id', 'is', key.brand_id)
      .where('category_id', 'is', key.category_id)
      .where('channel_id', '=', key.channel_id),
  );
}

export function insertPosition(db: WriteDb, row: Omit<ProductPositionRow, 'id'>): number {
  return Number(run(db, qb.insertInto('product_position').values(row)).lastInsertRowid);
}

export function setPositionFocus(db: WriteDb, key: PositionKey, focus: ProductPositionRow['focus']): void {
  run(
    db,
    qb
      .updateTable('product_position')
      .set({ focus })
      .where('version_id', '=', key.version_id)
      .where('brand_id', 'is', key.brand_id)
      .where('category_id', 'is', key.category_id)
      .where('channel_id', '=', key.channel_id),
  );
}

export function newProductsOfVersion(db: ReadDb, versionId: number): NewProductRow[] {
  return all(db, qb.selectFrom('new_product').selectAll().where('version_id', '=', versionId).orderBy('launch_period').orderBy('sku_id'));
}

export function newProductChannelsOfVersion(db: ReadDb, versionId: number): NewProductChannelRow[] {
  return all(db, qb.selectFrom('new_product_channel').selectAll().where('version_id', '=', versionId).orderBy('sku_id').orderBy('channel_id'));
}

export function findNewProduct(db: ReadDb, versionId: number, skuId: number): NewProductRow | undefined {
  return first(db, qb.selectFrom('new_product').selectAll().where('version_id', '=', versionId).where('sku_id', '=', skuId));
}

export function newProductChannels(db: ReadDb, versionId: number, skuId: number): NewProductChannelRow[] {
  return all(
    db,
    qb.selectFrom('new_product_channel').selectAll().where('version_id', '=', versionId).where('sku_id', '=', skuId).orderBy('channel_id'),
  );
}

export function insertNewProduct(db: WriteDb, row: Omit<NewProductRow, 'id'>): number {
  return Number(run(db, qb.insertInto('new_product').values(row)).lastInsertRowid);
}

/** Updates a new product's fields, found by version and SKU (its id stays). */
export function updateNewProduct(db: WriteDb, row: Omit<NewProductRow, 'id'> & { id?: number }): void {
  const { id, version_id, sku_id, ...rest } = row;
  void id;
  run(db, qb.updateTable('new_product').set(rest).where('version_id', '=', version_id).where('sku_id', '=', sku_id));
}

/** Deletes a new product; its channels go with it (ON DELETE CASCADE). */
export function deleteNewProduct(db: WriteDb, versionId: number, skuId: number): void {
  run(db, qb.deleteFrom('new_product').where('version_id', '=', versionId).where('sku_id', '=', skuId));
}

export function insertNewProductChannel(db: WriteDb, row: NewProductChannelRow): void {
  run(db, qb.insertInto('new_product_channel').values(row));
}

export function deleteNewProductChannel(db: WriteDb, row: NewProductChannelRow): void {
  run(
    db,
    qb
      .deleteFrom('new_product_channel')
      .where('version_id', '=', row.version_id)
      .where('sku_id', '=', row.sku_id)
      .where('channel_id', '=', row.channel_id),
  );
}

/** The SKUs master data flags as new (新品), the ones a launch can be planned for. */
export function newSkus(db: ReadDb): { id: number; code: string; name: string; brand_id: number; category_id: number; launch_date: string | null }[] {
  return all(
    db,
    qb.selectFrom('sku').select(['id', 'code', 'name', 'brand_id', 'category_id', 'launch_date']).where('is_new', '=', 1).orderBy('code'),
  );
}

export function skuFlags(db: ReadDb, id: number): { is_new: 0 | 1 } | undefined {
  return first(db, qb.selectFrom('sku').select('is_new').where('id', '=', id));
}

/** Every promotion by id, of any version, with its budget: links are shown by name, and a missing one says so. */
export function promotionsWithBudget(db: ReadDb): { id: number; version_id: number; name: string; start_date: string; end_date: string; budget_cents: number }[] {
  return all(
    db,
    qb
      .selectFrom('promotion as p')
      .leftJoin('promotion_budget as b', 'b.promotion_id', 'p.id')
      .select(['p.id', 'p.version_id', 'p.name', 'p.start_date', 'p.end_date', sql<number>`COALESCE(SUM(b.amount_cents), 0)`.as('budget_cents')])
      .groupBy('p.id')
      .orderBy('p.start_date')
      .orderBy('p.id'),
  );
}

export function refExists(db: ReadDb, table: 'brand' | 'category' | 'channel', id: number): boolean {
  return first(db, qb.selectFrom(table).select('id').where('id', '=', id)) !== undefined;
}

/** Copies a version's product plan into another, set-based (a new snapshot or scenario). */
export function copyProductPlan(db: WriteDb, fromId: number, toId: number): void {
  const to = sql<number>`${toId}`.as('version_id');
  run(
    db,
    qb
      .insertInto('product_position')
      .columns(['version_id', 'brand_id', 'category_id', 'channel_id', 'focus'])
      .expression(qb.selectFrom('product_position').select([to, 'brand_id', 'category_id', 'channel_id', 'focus']).where('version_id', '=', fromId)),
  );
  run(
    db,
    qb
      .insertInto('new_product')
      .columns(['version_id', 'sku_id', 'launch_period', 'target_distribution', 'target_cents', 'promotion_id', 'support_cents', 'note'])
      .expression(
        qb
          .selectFrom('new_product')
          .select([to, 'sku_id', 'launch_period', 'target_distribution', 'target_cents', 'promotion_id', 'support_cents', 'note'])
          .where('version_id', '=', fromId),
      ),
  );
  run(
    db,
    qb
      .insertInto('new_product_channel')
      .columns(['version_id', 'sku_id', 'channel_id'])
      .expression(qb.selectFrom('new_product_channel').select([to, 'sku_id', 'channel_id']).where('version_id', '=', fromId)),
  );
}

/**
 * A year's sales per brand, category and the customer's channel, for the demo's
 * positioning. Hand-written: one pass over the year's lines (a range of the primary
 * key) with two joins.
 */
export function salesByProductAndChannel(db: ReadDb, year: number): { brand_id: number; category_id: number; channel_id: number; amount: number }[] {
  return prepared(
    db,
    `SELECT s.brand_id AS brand_id, s.category_id AS category_id, c.channel_id AS channel_id, SUM(a.amount_cents) AS amount
       FROM sales_actual a JOIN sku s ON s.id = a.sku_id JOIN customer c ON c.id = a.customer_id
      WHERE a.period BETWEEN ? AND ?
      GROUP BY 1, 2, 3`,
  ).all(year * 100 + 1, year * 100 + 12) as { brand_id: number; category_id: number; channel_id: number; amount: number }[];
}

/** The year's sales of the SKUs flagged new, per SKU and the customer's channel. */
export function newSkuSalesByChannel(db: ReadDb, year: number): { sku_id: number; channel_id: number; amount: number }[] {
  return prepared(
    db,
    `SELECT a.sku_id AS sku_id, c.channel_id AS channel_id, SUM(a.amount_cents) AS amount
       FROM sales_actual a JOIN customer c ON c.id = a.customer_id
      WHERE a.sku_id IN (SELECT id FROM sku WHERE is_new = 1) AND a.period BETWEEN ? AND ?
      GROUP BY 1, 2`,
  ).all(year * 100 + 1, year * 100 + 12) as { sku_id: number; channel_id: number; amount: number }[];
}
