import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { APPLICATION_ID } from './constants';
import type { WriteDb } from './handle';
import { SCHEMA_VERSION } from './migrations';
import { configure } from './regionFile';

// Set-based writes of many rows whose values were computed in JS (a spread over a
// million leaf cells). Per-row UPDATEs cross from JS into SQLite once per row; here
// one UPDATE (or INSERT … SELECT) runs inside SQLite and pulls each row's new
// values from typed arrays through a registered function, so the cost is close to
// that of a plain set-based UPDATE over the same rows.
//
// Values are Float64 (exact for integers below 2^53); NaN stands for NULL.

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new AppError('INTERNAL', `bad identifier: ${name}`);
  return `"${name}"`;
}

/** Below this many rows, plain prepared statements are as fast and simpler. */
const SMALL = 2000;

interface Feed {
  lo: number;
  /** Dense map id - lo → position, or null to binary-search `ids`. */
  dense: Int32Array | null;
  ids: Float64Array;
  columns: Float64Array[];
}

const feeds = new WeakMap<Database.Database, { current: Feed | null }>();

function feedOf(sqlite: Database.Database): { current: Feed | null } {
  let f = feeds.get(sqlite);
  if (f) return f;
  const slot: { current: Feed | null } = { current: null };
  const position = (id: number): number => {
    const feed = slot.current;
    if (!feed) return -1;
    if (feed.dense) {
      const k = id - feed.lo;
      return k >= 0 && k < feed.dense.length ? feed.dense[k] : -1;
    }
    let a = 0;
    let b = feed.ids.length - 1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      const v = feed.ids[mid];
      if (v === id) return mid;
      if (v < id) a = mid + 1;
      else b = mid - 1;
    }
    return -1;
  };
  sqlite.function('rp_bulk_has', { deterministic: false, varargs: false }, (id: unknown) => (position(Number(id)) >= 0 ? 1 : 0));
  sqlite.function('rp_bulk_value', { deterministic: false, varargs: false }, (id: unknown, col: unknown) => {
    const feed = slot.current;
    const p = position(Number(id));
    if (!feed || p < 0) return null;
    const v = feed.columns[Number(col)][p];
    return Number.isNaN(v) ? null : v;
  });
  sqlite.function('rp_bulk_row', { deterministic: false, varargs: false }, (i: unknown, col: unknown) => {
    const feed = slot.current;
    if (!feed) return null;
    const v = col === -1 ? feed.ids[Number(i)] : feed.columns[Number(col)][Number(i)];
    return Number.isNaN(v) ? null : v;
  });
  feeds.set(sqlite, slot);
  f = slot;
  return f;
}

function withFeed<T>(sqlite: Database.Database, ids: Float64Array, columns: Float64Array[], fn: () => T): T {
  const slot = feedOf(sqlite);
  const n = ids.length;
  const lo = ids[0];
  const hi = ids[n - 1];
  let dense: Int32Array | null = null;
  const range = hi - lo + 1;
  if (range <= 4 * n + 1024) {
    dense = new Int32Array(range).fill(-1);
    for (let i = 0; i < n; i++) dense[ids[i] - lo] = i;
  }
  slot.current = { lo, dense, ids, columns };
  try {
    return fn();
  } finally {
    slot.current = null;
  }
}

function assertSorted(ids: Float64Array): void {
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i] > ids[i - 1])) throw new AppError('INTERNAL', 'bulk ids must be strictly ascending');
  }
}

/**
 * Id ranges to scan: runs of ids with gaps of at most GAP rows between them. A
 * statement per range skips the rows between far-apart runs (a province's cells
 * are a few runs among a million rows) while a dense set is one range.
 */
const GAP = 64;
function segments(ids: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  let start = ids[0];
  let prev = ids[0];
  for (let i = 1; i < ids.length; i++) {
    const id = ids[i];
    if (id - prev > GAP) {
      out.push([start, prev]);
      start = id;
    }
    prev = id;
  }
  out.push([start, prev]);
  return out;
}

const nul = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Sets `columns` of the rows `ids` (ascending) to `values[c][i]`. Call inside a transaction. */
export function bulkUpdate(
  sqlite: Database.Database,
  table: string,
  ids: Float64Array,
  columns: readonly string[],
  values: readonly Float64Array[],
): void {
  const n = ids.length;
  if (n === 0) return;
  assertSorted(ids);
  if (n < SMALL) {
    const stmt = sqlite.prepare(`UPDATE ${ident(table)} SET ${columns.map((c) => `${ident(c)} = ?`).join(', ')} WHERE id = ?`);
    for (let i = 0; i < n; i++) stmt.run(...values.map((col) => nul(col[i])), ids[i]);
    return;
  }
  const sets = columns.map((c, k) => `${ident(c)} = rp_bulk_value(id, ${k})`).join(', ');
  withFeed(sqlite, ids, [...values], () => {
    const stmt = sqlite.prepare(`UPDATE ${ident(table)} SET ${sets} WHERE id BETWEEN ? AND ? AND rp_bulk_has(id)`);
    for (const [a, b] of segments(ids)) stmt.run(a, b);
  });
}

/** Inserts rows with the given ids (ascending) and column values. Call inside a transaction. */
export function bulkInsert(
  sqlite: Database.Database,
  table: string,
  ids: Float64Array,
  columns: readonly string[],
  values: readonly Float64Array[],
): void {
  const n = ids.length;
  if (n === 0) return;
  assertSorted(ids);
  const names = ['id', ...columns].map(ident).join(', ');
  if (n < SMALL) {
    const stmt = sqlite.prepare(`INSERT INTO ${ident(table)} (${names}) VALUES (${['id', ...columns].map(() => '?').join(', ')})`);
    for (let i = 0; i < n; i++) stmt.run(ids[i], ...values.map((col) => nul(col[i])));
    return;
  }
  const picks = ['rp_bulk_row(i, -1)', ...columns.map((_, k) => `rp_bulk_row(i, ${k})`)].join(', ');
  withFeed(sqlite, ids, [...values], () => {
    sqlite
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)
         INSERT INTO ${ident(table)} (${names}) SELECT ${picks} FROM seq`,
      )
      .run(n);
  });
}

/** Deletes the rows `ids` (ascending). Call inside a transaction. */
export function bulkDelete(sqlite: Database.Database, table: string, ids: Float64Array): void {
  const n = ids.length;
  if (n === 0) return;
  assertSorted(ids);
  if (n < SMALL) {
    const stmt = sqlite.prepare(`DELETE FROM ${ident(table)} WHERE id = ?`);
    for (let i = 0; i < n; i++) stmt.run(ids[i]);
    return;
  }
  withFeed(sqlite, ids, [], () => {
    const stmt = sqlite.prepare(`DELETE FROM ${ident(table)} WHERE id BETWEEN ? AND ? AND rp_bulk_has(id)`);
    for (const [a, b] of segments(ids)) stmt.run(a, b);
  });
}

// ---- a connection of its own for bulk work ------------------------------------------

/** The page cache of a connection doing bulk work (SQLite's units: -KiB, so 256 MB). */
const BULK_CACHE_SIZE = -262144;

/**
 * Runs `fn` with a large page cache on the connection (the secondary indexes of a big
 * table, filled out of order, then do not thrash) and puts the cache back afterwards.
 */
export function withBulkCache<T>(db: WriteDb, fn: () => T): T {
  const sqlite = db.sqlite;
  const previous = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
  try {
    return fn();
  } finally {
    sqlite.pragma(`cache_size = ${previous}`);
  }
}

/**
 * Runs `fn` in one transaction of a job's own connection (a data load: not a command,
 * not an undo step), rolled back when it throws. `immediate`: the write lock is taken
 * before `fn` reads anything, so that what it reads is what it writes over.
 */
export function jobTransaction<T>(db: WriteDb, fn: () => T, immediate = false): T {
  const tx = db.sqlite.transaction(fn);
  return immediate ? tx.immediate() : tx();
}

/**
 * Opens a connection of its own to a region file for a job's bulk work (an actuals
 * import, removing a batch): checks it is a current region file and gives it the bulk
 * page cache. The caller closes it.
 */
export function openForBulkWork(regionPath: string): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(regionPath, { fileMustExist: true, timeout: 10_000 });
  } catch (e) {
    throw new AppError('FILE_NOT_FOUND', `${regionPath}: cannot be opened (${(e as Error).message})`, { path: regionPath });
  }
  try {
    const appId = sqlite.pragma('application_id', { simple: true }) as number;
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AppError('FILE_REFUSED', `${regionPath}: not a region file`, { path: regionPath, reason: 'foreign' });
    if (version !== SCHEMA_VERSION) {
      throw new AppError('FILE_REFUSED', `${regionPath}: schema ${version}, this version needs ${SCHEMA_VERSION}; open it in the app first`, {
        path: regionPath,
        reason: version > SCHEMA_VERSION ? 'newer_schema' : 'corrupt',
      });
    }
    configure(sqlite);
    sqlite.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
