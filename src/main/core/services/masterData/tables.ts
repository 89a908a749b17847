import type Database from 'better-sqlite3';
import { ENTITIES, type CellValue, type EntityName, type FieldSpec, type RefItem } from '../../../../shared/masterData';
import type { RowValues } from '../../db/undoLog';

// How each entity maps onto its table: the row filter (own brands vs competitors),
// the link tables behind refList fields, and the column of every field.

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

/** creditLimitCents → credit_limit_cents */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The fields stored as columns of the entity's own table (not links, not computed). */
export function columnFields(entity: EntityName): FieldSpec[] {
  const links = ENTITY_TABLES[entity].links;
  return ENTITIES[entity].fields.filter((f) => f.type !== 'computed' && !(f.key in links));
}

export function toDb(spec: FieldSpec, value: CellValue): string | number | null {
  if (spec.type === 'bool') return value === true || value === 1 ? 1 : 0;
  if (Array.isArray(value) || typeof value === 'boolean') throw new Error(`${spec.key}: not a column value`);
  return value;
}

export function fromDb(spec: FieldSpec, value: unknown): CellValue {
  if (spec.type === 'bool') return value === 1;
  return (value ?? null) as CellValue;
}

export function scopeSql(et: EntityTable, alias = ''): string {
  return et.scope ? ` AND ${alias}${et.scope.column} = ${et.scope.value}` : '';
}

/** The entity's items as references (id, code, name, parent). */
export function loadRefItems(sqlite: Database.Database, entity: EntityName): RefItem[] {
  const et = ENTITY_TABLES[entity];
  const parent = et.parentColumn ? `, ${et.parentColumn} AS parentId` : '';
  return sqlite
    .prepare(`SELECT id, code, name${parent} FROM ${et.table} WHERE 1 = 1${scopeSql(et)} ORDER BY ${et.hasSortOrder ? 'sort_order, ' : ''}code`)
    .all() as RefItem[];
}

/** Rows by id, as stored (the undo log's before images). */
export function loadRowsById(sqlite: Database.Database, table: string, ids: readonly number[]): Map<number, RowValues> {
  const out = new Map<number, RowValues>();
  if (ids.length === 0) return out;
  const rows = sqlite
    .prepare(`SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as RowValues[];
  for (const r of rows) out.set(r.id as number, r);
  return out;
}

/** The link table's listed ids per owner, for the given owners (all when omitted). */
export function loadLinks(sqlite: Database.Database, link: LinkTable, owners?: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = (
    owners
      ? sqlite
          .prepare(`SELECT ${link.own} AS o, ${link.other} AS x FROM ${link.table} WHERE ${link.own} IN (SELECT value FROM json_each(?)) ORDER BY 1, 2`)
          .raw()
          .all(JSON.stringify(owners))
      : sqlite.prepare(`SELECT ${link.own} AS o, ${link.other} AS x FROM ${link.table} ORDER BY 1, 2`).raw().all()
  ) as [number, number][];
  for (const [o, x] of rows) {
    const list = out.get(o);
    if (list) list.push(x);
    else out.set(o, [x]);
  }
  return out;
}
