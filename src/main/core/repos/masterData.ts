import { sql } from 'kysely';
import type { EntityName, RefItem } from '../../../shared/masterData';
import { all, first, prepared, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { CityRow, CustomerRow, ProvinceRow } from '../db/schema';
import type { RowValues } from '../db/undoLog';

// The master data's tables: how each entity maps onto its table (the row filter of
// own brands vs competitors, the link tables behind refList fields), and the rows,
// references, links and codes the editor, the import and removal read and write.
//
// Hand-written SQL where the table is a parameter (ten entities share one shape of
// statement, and the columns come from the entity's field list); Kysely elsewhere.

export interface LinkTable {
  table: 'customer_channel' | 'salesperson_city' | 'brand_category';
  /** The column naming the entity's row (the owning side). */
  own: string;
  /** The column naming the listed item. */
  other: string;
}

export interface EntityTable {
  table: 'province' | 'city' | 'county' | 'channel' | 'brand' | 'category' | 'sku' | 'salesperson' | 'customer' | 'terminal';
  /** Rows of this entity are those with column = value (brand.is_own). */
  scope?: { column: string; value: number };
  links: Record<string, LinkTable>;
  /** The column a RefItem's parentId comes from. */
  parentColumn?: string;
  hasSortOrder: boolean;
}

export const ENTITY_TABLES: Readonly<Record<EntityName, EntityTable>> = {
  province: { table: 'province', links: {}, hasSortOrder: true },
  city: { table: 'city', links: {}, parentColumn: 'province_id', hasSortOrder: true },
  county: { table: 'county', links: {}, parentColumn: 'city_id', hasSortOrder: false },
  channel: { table: 'channel', links: {}, hasSortOrder: true },
  brand: {
    table: 'brand',
    scope: { column: 'is_own', value: 1 },
    links: { categoryIds: { table: 'brand_category', own: 'brand_id', other: 'category_id' } },
    hasSortOrder: true,
  },
  category: { table: 'category', links: {}, hasSortOrder: true },
  competitor: {
    table: 'brand',
    scope: { column: 'is_own', value: 0 },
    links: { categoryIds: { table: 'brand_category', own: 'brand_id', other: 'category_id' } },
    hasSortOrder: true,
  },
  sku: { table: 'sku', links: {}, hasSortOrder: false },
  salesperson: {
    table: 'salesperson',
    links: { cityIds: { table: 'salesperson_city', own: 'salesperson_id', other: 'city_id' } },
    parentColumn: 'manager_id',
    hasSortOrder: false,
  },
  customer: {
    table: 'customer',
    links: { channelIds: { table: 'customer_channel', own: 'customer_id', other: 'channel_id' } },
    parentColumn: 'parent_id',
    hasSortOrder: false,
  },
  terminal: { table: 'terminal', links: {}, hasSortOrder: false },
};

function scopeSql(et: EntityTable): string {
  return et.scope ? ` AND ${et.scope.column} = ${et.scope.value}` : '';
}

/** The ids as one JSON parameter for `IN (SELECT value FROM json_each(?))`. */
const idsJson = (ids: readonly number[]) => JSON.stringify(ids);

// ---- reading an entity ------------------------------------------------------------------

/** The entity's rows as [id, ...columns], in the order the editor shows them. */
export function listEntityRows(db: ReadDb, entity: EntityName, columns: readonly string[]): unknown[][] {
  const et = ENTITY_TABLES[entity];
  return prepared(db, `SELECT id, ${columns.join(', ')} FROM ${et.table} WHERE 1 = 1${scopeSql(et)} ORDER BY ${et.hasSortOrder ? 'sort_order, ' : ''}id`)
    .raw()
    .all() as unknown[][];
}

/** The entity's items as references (id, code, name, parent). */
export function listRefItems(db: ReadDb, entity: EntityName): RefItem[] {
  const et = ENTITY_TABLES[entity];
  const parent = et.parentColumn ? `, ${et.parentColumn} AS parentId` : '';
  return prepared(db, `SELECT id, code, name${parent} FROM ${et.table} WHERE 1 = 1${scopeSql(et)} ORDER BY ${et.hasSortOrder ? 'sort_order, ' : ''}code`).all() as RefItem[];
}

/** The entity's codes (only its own rows: own brands or competitors) with their ids. */
export function listEntityCodes(db: ReadDb, entity: EntityName): { id: number; code: string }[] {
  const et = ENTITY_TABLES[entity];
  return prepared(db, `SELECT id, code FROM ${et.table} WHERE 1 = 1${scopeSql(et)}`).all() as { id: number; code: string }[];
}

/** Every code of the table with its id (brand codes are unique across own and competitor brands). */
export function listTableCodes(db: ReadDb, table: EntityTable['table']): [id: number, code: string][] {
  return prepared(db, `SELECT id, code FROM ${table}`).raw().all() as [number, string][];
}

/** Rows by id, as stored (the undo log's before images). */
export function findRowsById(db: ReadDb, table: string, ids: readonly number[]): Map<number, RowValues> {
  const out = new Map<number, RowValues>();
  if (ids.length === 0) return out;
  const rows = prepared(db, `SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(idsJson(ids)) as RowValues[];
  for (const r of rows) out.set(r.id as number, r);
  return out;
}

/** One row by id, as stored. */
export function findRowById(db: ReadDb, table: string, id: number): RowValues | undefined {
  return prepared(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as RowValues | undefined;
}

/** The link table's listed ids per owner, for the given owners (all when omitted). */
export function listLinks(db: ReadDb, link: LinkTable, owners?: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = (
    owners
      ? prepared(db, `SELECT ${link.own} AS o, ${link.other} AS x FROM ${link.table} WHERE ${link.own} IN (SELECT value FROM json_each(?)) ORDER BY 1, 2`)
          .raw()
          .all(idsJson(owners))
      : prepared(db, `SELECT ${link.own} AS o, ${link.other} AS x FROM ${link.table} ORDER BY 1, 2`).raw().all()
  ) as [number, number][];
  for (const [o, x] of rows) {
    const list = out.get(o);
    if (list) list.push(x);
    else out.set(o, [x]);
  }
  return out;
}

// ---- writing an entity ------------------------------------------------------------------

/** Inserts a row with the given columns; returns its id. */
export function insertEntityRow(db: WriteDb, table: string, columns: readonly string[], values: readonly unknown[]): number {
  const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  return Number(prepared(db, text).run(...values).lastInsertRowid);
}

export function updateEntityRow(db: WriteDb, table: string, id: number, columns: readonly string[], values: readonly unknown[]): void {
  prepared(db, `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
}

/** The items an owner's link lists. */
export function linkedIds(db: ReadDb, link: LinkTable, owner: number): number[] {
  return prepared(db, `SELECT ${link.other} FROM ${link.table} WHERE ${link.own} = ?`).pluck().all(owner) as number[];
}

export function addLink(db: WriteDb, link: LinkTable, owner: number, item: number): void {
  prepared(db, `INSERT INTO ${link.table} (${link.own}, ${link.other}) VALUES (?, ?)`).run(owner, item);
}

export function removeLink(db: WriteDb, link: LinkTable, owner: number, item: number): void {
  prepared(db, `DELETE FROM ${link.table} WHERE ${link.own} = ? AND ${link.other} = ?`).run(owner, item);
}

// ---- customers ----------------------------------------------------------------------------

export function customerTiers(db: ReadDb): Map<number, CustomerRow['tier']> {
  return new Map(all(db, qb.selectFrom('customer').select(['id', 'tier'])).map((r) => [r.id, r.tier]));
}

/** The customers whose parent is one of these. */
export function customersUnder(db: ReadDb, parentIds: readonly number[]): Pick<CustomerRow, 'id' | 'parent_id'>[] {
  return all(
    db,
    qb
      .selectFrom('customer')
      .select(['id', 'parent_id'])
      .where(sql<boolean>`parent_id IN (SELECT value FROM json_each(${idsJson(parentIds)}))`),
  );
}

/**
 * The last month with sales actuals before `period` (yyyymm), or null. Read from the
 * monthly summary by customer (every writer of sales lines keeps it equal to the lines
 * in its own transaction).
 */
export function lastSalesPeriodBefore(db: ReadDb, period: number): number | null {
  return first(db, qb.selectFrom('sales_month_customer').select(sql<number | null>`max(period)`.as('last')).where('period', '<', period))?.last ?? null;
}

/**
 * Each customer's sales (cents) in the months from–to (yyyymm, inclusive): from the
 * monthly summary, a row per customer and month (12 months of the large region: 24k
 * rows, where its lines are about 1M).
 */
export function customerSalesBetween(db: ReadDb, from: number, to: number): Map<number, number> {
  const rows = prepared(db, 'SELECT customer_id, sum(amount_cents) FROM sales_month_customer WHERE period BETWEEN ? AND ? GROUP BY customer_id')
    .raw()
    .all(from, to) as [number, number][];
  return new Map(rows);
}

// ---- geography --------------------------------------------------------------------------

export function provinceIdsByCode(db: ReadDb): Map<string, number> {
  return new Map(all(db, qb.selectFrom('province').select(['code', 'id'])).map((r) => [r.code, r.id]));
}

export function cityCodes(db: ReadDb): Set<string> {
  return new Set(all(db, qb.selectFrom('city').select('code')).map((r) => r.code));
}

/** The region's provinces and cities with their names, for matching geography by name. */
export function geoMembers(db: ReadDb): { provinces: Pick<ProvinceRow, 'id' | 'code' | 'name'>[]; cities: Pick<CityRow, 'id' | 'code' | 'name' | 'province_id'>[] } {
  return {
    provinces: all(db, qb.selectFrom('province').select(['id', 'code', 'name']).orderBy('id')),
    cities: all(db, qb.selectFrom('city').select(['id', 'code', 'name', 'province_id']).orderBy('id')),
  };
}

/** The largest sort order of the table (0 when empty). */
export function maxSortOrder(db: ReadDb, table: 'province' | 'city'): number {
  return first(db, qb.selectFrom(table).select(sql<number>`ifnull(max(sort_order), 0)`.as('top')))?.top ?? 0;
}

export function insertProvince(db: WriteDb, row: Omit<ProvinceRow, 'id'>): ProvinceRow {
  const id = Number(run(db, qb.insertInto('province').values(row)).lastInsertRowid);
  return first(db, qb.selectFrom('province').selectAll().where('id', '=', id))!;
}

export function insertCity(db: WriteDb, row: Omit<CityRow, 'id'>): CityRow {
  const id = Number(run(db, qb.insertInto('city').values(row)).lastInsertRowid);
  return first(db, qb.selectFrom('city').selectAll().where('id', '=', id))!;
}
