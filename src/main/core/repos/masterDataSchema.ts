import type Database from 'better-sqlite3';
import type { ReadDb, WriteDb } from '../db/handle';
import type { RowValues } from '../db/undoLog';
import { prepared } from '../db/exec';

// What the schema says about references, read from SQLite itself once per
// connection: every table's columns, primary key, foreign keys and unique keys.
// Usage counts, reassign and merge are derived from it, so a table added by a later
// migration is covered without touching this code; and the statements on any table
// by its keys that removing, reassigning and merging items need. Hand-written SQL:
// the table and its key columns are what the schema says, known only when it is read.

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary key columns ('id' for rowid tables). */
  pk: string[];
  fks: { column: string; refTable: string }[];
  /** Unique keys as column lists (the primary key included); ifnull(x, 0) counts as x. */
  uniques: string[][];
}

export interface Reference {
  table: string;
  column: string;
  /** promotion_scope refers by (dim, ref_id): the dim value that names the table. */
  dim?: string;
}

export interface SchemaInfo {
  tables: Map<string, TableInfo>;
  /** Every column that refers to the table, by referenced table. */
  referencesTo: Map<string, Reference[]>;
}

// promotion_scope.ref_id is not a foreign key (it points at one of several tables,
// named by dim), but it is a reference all the same: a removed SKU must not stay in a
// promotion's scope. The dims are the table names (migration 003's CHECK).
const SCOPE_TABLE = 'promotion_scope';
const SCOPE_DIMS = ['sku', 'brand', 'category', 'channel', 'city', 'customer'];

const cache = new WeakMap<Database.Database, SchemaInfo>();

/** The columns of a unique index: from its SQL, so expression terms like ifnull(customer_id, 0) are understood. */
function indexColumns(sqlText: string): string[] | null {
  if (/\bWHERE\b/i.test(sqlText)) return null; // partial: not a key over the whole table
  const open = sqlText.indexOf('(');
  const close = sqlText.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const body = sqlText.slice(open + 1, close);
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  const cols: string[] = [];
  for (const raw of terms) {
    const t = raw.trim().replace(/"/g, '');
    const m = /^ifnull\(\s*(\w+)\s*,/i.exec(t) ?? /^(\w+)(?:\s+(?:ASC|DESC|COLLATE\s+\w+))*$/i.exec(t);
    if (!m) return null;
    cols.push(m[1]);
  }
  return cols;
}

export function schemaInfo(db: ReadDb): SchemaInfo {
  const sqlite = db.sqlite;
  const known = cache.get(sqlite);
  if (known) return known;
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = new Map<string, TableInfo>();
  for (const name of names) {
    const cols = sqlite.pragma(`table_info("${name}")`) as { name: string; pk: number }[];
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const fks = (sqlite.pragma(`foreign_key_list("${name}")`) as { table: string; from: string }[]).map((f) => ({
      column: f.from,
      refTable: f.table,
    }));
    const uniques: string[][] = pk.length ? [pk] : [];
    const indexes = sqlite.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string; partial: number }[];
    for (const ix of indexes) {
      if (!ix.unique || ix.origin === 'pk' || ix.partial) continue;
      if (ix.origin === 'u') {
        uniques.push((sqlite.pragma(`index_info("${ix.name}")`) as { name: string }[]).map((c) => c.name));
      } else {
        const text = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(ix.name) as string | null;
        const parsed = text ? indexColumns(text) : null;
        if (parsed) uniques.push(parsed);
      }
    }
    tables.set(name, { name, columns: cols.map((c) => c.name), pk: pk.length ? pk : ['rowid'], fks, uniques });
  }
  const referencesTo = new Map<string, Reference[]>();
  const add = (to: string, ref: Reference) => {
    const list = referencesTo.get(to) ?? [];
    list.push(ref);
    referencesTo.set(to, list);
  };
  for (const t of tables.values()) for (const fk of t.fks) add(fk.refTable, { table: t.name, column: fk.column });
  if (tables.has(SCOPE_TABLE)) for (const dim of SCOPE_DIMS) add(dim, { table: SCOPE_TABLE, column: 'ref_id', dim });
  const info = { tables, referencesTo };
  cache.set(sqlite, info);
  return info;
}

// ---- rows of any table, by key ------------------------------------------------------------

function refWhere(ref: Reference, selfTable: string): string {
  let where = `${ref.column} IN (SELECT value FROM json_each(@ids))`;
  if (ref.dim) where += ` AND dim = '${ref.dim}'`;
  // A row being removed does not count as using another row being removed.
  if (ref.table === selfTable) where += ' AND id NOT IN (SELECT value FROM json_each(@ids))';
  return where;
}

/** How many rows of `ref.table` refer to the items (rows of `selfTable` among them do not count). */
export function countReferring(db: ReadDb, ref: Reference, ids: readonly number[], selfTable: string): number {
  return prepared(db, `SELECT count(*) FROM ${ref.table} WHERE ${refWhere(ref, selfTable)}`).pluck().get({ ids: JSON.stringify(ids) }) as number;
}

/** The rows of `ref.table` that refer to the items (rows of `selfTable` among them not). */
export function rowsReferring(db: ReadDb, ref: Reference, ids: readonly number[], selfTable: string): RowValues[] {
  return prepared(db, `SELECT * FROM ${ref.table} WHERE ${refWhere(ref, selfTable)}`).all({ ids: JSON.stringify(ids) }) as RowValues[];
}

const whereKey = (cols: readonly string[]) => cols.map((c) => `${c} IS ?`).join(' AND ');

/** The row of the table with these values in the key's columns, if any. */
export function findRowByKey(db: ReadDb, table: string, key: RowValues): RowValues | undefined {
  return prepared(db, `SELECT * FROM ${table} WHERE ${whereKey(Object.keys(key))}`).get(...Object.values(key)) as RowValues | undefined;
}

export function deleteRowByKey(db: WriteDb, table: string, key: RowValues): void {
  prepared(db, `DELETE FROM ${table} WHERE ${whereKey(Object.keys(key))}`).run(...Object.values(key));
}

export function insertRow(db: WriteDb, table: string, row: RowValues): void {
  const cols = Object.keys(row);
  prepared(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(row));
}

/** Sets the given columns of the row with the key. */
export function updateRowByKey(db: WriteDb, table: string, key: RowValues, set: RowValues): void {
  const cols = Object.keys(set);
  prepared(db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(Object.keys(key))}`).run(...Object.values(set), ...Object.values(key));
}

/** The rows of a table whose column holds one of the ids. */
export function rowsWhereIn(db: ReadDb, table: string, column: string, ids: readonly number[]): RowValues[] {
  return prepared(db, `SELECT * FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RowValues[];
}
