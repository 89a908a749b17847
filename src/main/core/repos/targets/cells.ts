import { sql } from 'kysely';
import { bulkInsert, bulkUpdate } from '../../db/bulk';
import { all, first, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TargetFactTable } from '../../db/schema';

// A plan version's leaf cells (target_fact): one row per city × channel × customer ×
// SKU × month. The cube (services/targets/model.ts) holds them in typed arrays; this
// is how they are read into it and written back from it.

/** A column of target_fact that a set-based write may set. */
export type CellColumn = Exclude<keyof TargetFactTable, 'id'>;

/** One cell as the cube loads it: id, city, channel, customer (0: none), SKU, month, amount (cents), volume. */
export type CellLine = [id: number, cityId: number, channelId: number, customerId: number, skuId: number, month: number, amountCents: number, volume: number];

/**
 * A version's cells in id order, one raw array per row. Hand-written and streamed:
 * the large region's plan is 1.45M rows, loaded whenever the cube is rebuilt (the
 * targets-open benchmark), and an object per row would cost more than the read.
 */
export function versionCells(db: ReadDb, versionId: number): IterableIterator<CellLine> {
  return db.sqlite
    .prepare('SELECT id, city_id, channel_id, ifnull(customer_id, 0), sku_id, month, amount_cents, volume FROM target_fact WHERE version_id = ? ORDER BY id')
    .raw(true)
    .iterate(versionId) as IterableIterator<CellLine>;
}

/** The id the next new cell gets. */
export function nextCellId(db: ReadDb): number {
  const row = first(db, qb.selectFrom('target_fact').select(sql<number>`ifnull(max(id), 0) + 1`.as('next')));
  return row?.next ?? 1;
}

// A spread or a new plan writes up to a million cells whose values were computed in
// the cube: db/bulk.ts writes them with one set-based statement fed from the typed
// arrays (the spread-region-total and spread-mid-level benchmarks), not a statement
// per row.

/** Inserts cells with the given ids (ascending); `values[c][i]` is column `columns[c]` of row i (NaN: NULL). */
export function insertCells(db: WriteDb, ids: Float64Array, columns: readonly CellColumn[], values: readonly Float64Array[]): void {
  bulkInsert(db.sqlite, 'target_fact', ids, columns, values);
}

/** Sets `columns` of the cells `ids` (ascending) to `values[c][i]`. */
export function updateCells(db: WriteDb, ids: Float64Array, columns: readonly CellColumn[], values: readonly Float64Array[]): void {
  bulkUpdate(db.sqlite, 'target_fact', ids, columns, values);
}

/** Cell count and totals of each of the versions (one indexed pass; versions without cells are absent). `versionIds` must not be empty. */
export function cellTotals(db: ReadDb, versionIds: readonly number[]) {
  return all(
    db,
    qb
      .selectFrom('target_fact')
      .select([
        'version_id',
        sql<number>`count(*)`.as('cells'),
        sql<number>`ifnull(sum(amount_cents), 0)`.as('amount'),
        sql<number>`ifnull(sum(volume), 0)`.as('volume'),
      ])
      .where('version_id', 'in', versionIds)
      .groupBy('version_id'),
  );
}

/** Copies a version's cells into another, set-based, in the source's id order (so the copy's cells line up the same way). */
export function copyCells(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('target_fact')
      .columns(['version_id', 'city_id', 'channel_id', 'customer_id', 'sku_id', 'month', 'amount_cents', 'volume'])
      .expression(
        qb
          .selectFrom('target_fact')
          .select([sql<number>`${toId}`.as('version_id'), 'city_id', 'channel_id', 'customer_id', 'sku_id', 'month', 'amount_cents', 'volume'])
          .where('version_id', '=', fromId)
          .orderBy('id'),
      ),
  );
}
