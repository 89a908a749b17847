import { sql } from 'kysely';
import { bulkInsert, bulkUpdate } from '../../db/bulk';
import { all, qb } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TargetFactTable } from '../../db/schema';
import { copyVersionCells, nextCellIdOf, type CopiedCells } from '../../db/versionCopy';

export type { CopiedCells };

// A plan version's leaf cells (target_fact): one row per city × channel × customer ×
// SKU × month. The cube (services/targets/model.ts) holds them in typed arrays; this
// is how they are read into it and written back from it.

/** A column of target_fact that a set-based write may set. */
export type CellColumn = Exclude<keyof TargetFactTable, 'id'>;

/**
 * One cell as the cube loads it, packed so that a row costs the driver five values, not
 * eight: id, `place` (city, channel and customer: see unpackPlace), `item` (SKU × 16 +
 * month), amount (cents), volume.
 */
export type CellLine = [id: number, place: number, item: number, amountCents: number, volume: number];

/** A cell read plain: id, city, channel, customer (0: none), SKU × 16 + month, amount (cents), volume. */
export type PlainCellLine = [id: number, city: number, channel: number, customer: number, item: number, amountCents: number, volume: number];

/** Rows of a version as versionCells reads them: packed, or plain in a file whose ids outgrow the packing. */
export type CellChunk = { packed: true; rows: CellLine[] } | { packed: false; rows: PlainCellLine[] };

const CUSTOMER_SPAN = 2 ** 22;
const CHANNEL_SPAN = 2 ** 10;
/** Cities, channels and customers whose ids fit `place` exactly (below 2^53). */
const CITY_LIMIT = 2 ** 21;

/** city × 2^32 + channel × 2^22 + customer (0: none), as versionCells packs it. */
export function unpackPlace(place: number): { city: number; channel: number; customer: number } {
  const customer = place % CUSTOMER_SPAN;
  const rest = (place - customer) / CUSTOMER_SPAN;
  const channel = rest % CHANNEL_SPAN;
  return { city: (rest - channel) / CHANNEL_SPAN, channel, customer };
}

/** Rows per read: one call into the driver per this many ids, not one per row. */
const CHUNK = 65_536;

/**
 * A version's cells in id order, in chunks of raw rows. Hand-written: the large region's
 * plan is 1.45M rows, loaded whenever the cube is rebuilt (the targets-first-open
 * benchmark); an object per row, or a call into the driver per row, would cost more than
 * SQLite's read.
 *
 * Read as the stretch of rowids between the version's first and last row, in table
 * order, skipping other versions' rows on the way (`+version_id` keeps the planner off
 * the version's indexes). Through an index the same rows came in SKU order and had to be
 * sorted back by id in a temporary b-tree: eight times slower on the large region. A
 * version's rows are mostly one stretch (a new plan, a copy), new leaves at the end.
 */
export function* versionCells(db: ReadDb, versionId: number): Generator<CellChunk> {
  const end = (order: 'ASC' | 'DESC') =>
    db.sqlite.prepare(`SELECT id FROM target_fact WHERE +version_id = ? ORDER BY id ${order} LIMIT 1`).pluck().get(versionId) as number | undefined;
  const lo = end('ASC');
  if (lo === undefined) return;
  const hi = end('DESC')!;
  const maxId = (table: string) => (db.sqlite.prepare(`SELECT ifnull(max(id), 0) FROM ${table}`).pluck().get() as number);
  const packs = maxId('city') < CITY_LIMIT && maxId('channel') < CHANNEL_SPAN && maxId('customer') < CUSTOMER_SPAN;
  const where = 'WHERE id BETWEEN ? AND ? AND +version_id = ? ORDER BY id';
  const packed = db.sqlite
    .prepare(
      `SELECT id, city_id * ${CHANNEL_SPAN * CUSTOMER_SPAN} + channel_id * ${CUSTOMER_SPAN} + ifnull(customer_id, 0), sku_id * 16 + month, amount_cents, volume
         FROM target_fact ${where}`,
    )
    .raw(true);
  // A file whose ids outgrow the packing (none in practice) is read plain.
  const plain = db.sqlite.prepare(`SELECT id, city_id, channel_id, ifnull(customer_id, 0), sku_id * 16 + month, amount_cents, volume FROM target_fact ${where}`).raw(true);
  for (let from = lo; from <= hi; from += CHUNK) {
    const to = Math.min(hi, from + CHUNK - 1);
    yield packs ? { packed: true, rows: packed.all(from, to, versionId) as CellLine[] } : { packed: false, rows: plain.all(from, to, versionId) as PlainCellLine[] };
  }
}

/** The id the next new cell gets. */
export function nextCellId(db: ReadDb): number {
  return nextCellIdOf(db.sqlite);
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

/**
 * Copies a version's cells into another within the command's transaction, in the order of
 * the cell key (db/versionCopy.ts, which also makes a copy left for after the commit).
 */
export function copyCells(db: WriteDb, fromId: number, toId: number): CopiedCells {
  return copyVersionCells(db.sqlite, fromId, toId);
}
