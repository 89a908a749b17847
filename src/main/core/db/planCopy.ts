import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';

// The plan package's SQLite copy (docs/plan-package.md): one plan version of a region
// file, with the master data and the review years' monthly sales summaries, and
// nothing else. Made with VACUUM INTO (a consistent copy through SQLite, never a raw
// byte copy), then pruned on the copy's own connection and compacted; the region file
// itself is only read. The copy keeps the region file's schema, application id and
// user_version, so head office reads it with the same code as a region file.

/** Tables emptied in the copy: raw actual lines, the undo log, import bookkeeping. */
const EMPTIED = [
  'sales_actual', 'market_sales', 'store_audit', 'store_audit_brand', 'store_audit_sku', 'customer_visit', 'visit_stock',
  'visit_price', 'visit_promise', 'customer_statement', 'expense_actual', 'undo_step', 'undo_change', 'undo_bulk',
  'import_batch_loss', 'import_mapping', 'import_batch',
];
/** The monthly sales summaries: kept for the review years only. */
const SUMMARIES = ['sales_month_customer', 'sales_month_sku'];

const tableNames = (sqlite: Database.Database): string[] =>
  sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];

const columnsOf = (sqlite: Database.Database, table: string): string[] =>
  sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export interface CopyScope {
  versionId: number;
  /** Sales summary periods kept (yyyymm, inclusive). */
  fromPeriod: number;
  toPeriod: number;
}

/**
 * Writes the plan copy of `source` (an open region file's connection) to `outPath`,
 * which must not exist. On failure nothing is left at `outPath`.
 */
export function writePlanCopy(source: Database.Database, outPath: string, scope: CopyScope): void {
  rmSync(outPath, { force: true });
  try {
    source.prepare('VACUUM INTO ?').run(outPath);
    const copy = new Database(outPath);
    try {
      prune(copy, scope);
      // Rollback journal, not WAL: the copy is one self-contained file.
      copy.pragma('journal_mode = DELETE');
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
  } catch (e) {
    for (const p of [outPath, `${outPath}-journal`, `${outPath}-wal`, `${outPath}-shm`]) rmSync(p, { force: true });
    throw e;
  }
}

function prune(copy: Database.Database, scope: CopyScope): void {
  // The snapshot triggers refuse deleting a frozen version's rows; in the copy the other
  // versions go, so the triggers are set aside and put back exactly as they were.
  copy.pragma('foreign_keys = OFF');
  const triggers = copy.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
  copy.transaction(() => {
    for (const t of triggers) copy.exec(`DROP TRIGGER ${quote(t.name)}`);
    const tables = tableNames(copy);
    const present = new Set(tables);
    for (const t of EMPTIED) if (present.has(t)) copy.exec(`DELETE FROM ${quote(t)}`);
    for (const t of SUMMARIES) {
      if (present.has(t)) copy.prepare(`DELETE FROM ${quote(t)} WHERE period NOT BETWEEN ? AND ?`).run(scope.fromPeriod, scope.toPeriod);
    }
    for (const t of tables) {
      if (t === 'plan_version' || !columnsOf(copy, t).includes('version_id')) continue;
      const others = copy.prepare(`SELECT count(*) FROM ${quote(t)} WHERE version_id IS NOT ?`).pluck().get(scope.versionId) as number;
      if (others === 0) continue;
      // Another version's million target rows go faster without their indexes, made again after.
      const indexes = copy.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(t) as { name: string; sql: string }[];
      for (const i of indexes) copy.exec(`DROP INDEX ${quote(i.name)}`);
      copy.prepare(`DELETE FROM ${quote(t)} WHERE version_id IS NOT ?`).run(scope.versionId);
      for (const i of indexes) copy.exec(i.sql);
    }
    copy.prepare('UPDATE plan_version SET based_on_id = NULL WHERE id = ?').run(scope.versionId);
    copy.prepare('DELETE FROM plan_version WHERE id <> ?').run(scope.versionId);
    deleteOrphans(copy, tables);
    for (const t of triggers) copy.exec(t.sql);
  })();
  copy.pragma('foreign_keys = ON');
  const broken = copy.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`the plan copy refers to rows it does not hold (${JSON.stringify(broken.slice(0, 3))})`);
}

/** Rows whose cascading parent is gone (a promotion's scope, a note's actions…), until none is left. */
function deleteOrphans(copy: Database.Database, tables: string[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of tables) {
      const fks = copy.prepare('SELECT id, seq, "table" AS parent, "from" AS col, "to" AS ref, on_delete FROM pragma_foreign_key_list(?)').all(t) as {
        id: number; seq: number; parent: string; col: string; ref: string | null; on_delete: string;
      }[];
      for (const fk of fks) {
        if (fk.on_delete !== 'CASCADE' || fks.some((o) => o.id === fk.id && o.seq > 0)) continue;
        const ref = fk.ref ?? 'rowid';
        const res = copy
          .prepare(`DELETE FROM ${quote(t)} WHERE ${quote(fk.col)} IS NOT NULL AND ${quote(fk.col)} NOT IN (SELECT ${quote(ref)} FROM ${quote(fk.parent)})`)
          .run();
        if (res.changes > 0) changed = true;
      }
    }
  }
}

/** What a receiver reads of a copy before trusting anything in it. */
export interface CopyHeader {
  applicationId: number;
  userVersion: number;
  /** integrity_check's complaints (none: healthy). */
  problems: string[];
}

/**
 * Opens a copy that came from elsewhere: read-only, with `trusted_schema` off so that
 * nothing in its schema (a view, a trigger, a default) can call a function with side
 * effects, and with no journal it could leave behind.
 */
export function openUntrustedCopy(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function copyHeader(db: Database.Database): CopyHeader {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const rows = db.pragma('integrity_check') as Record<string, string>[];
  return { applicationId, userVersion, problems: rows.map((r) => Object.values(r)[0]).filter((m) => m !== 'ok') };
}

/** Rows per table of the copy (every table of the schema, SQLite's own left out). */
export function copyRowCounts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tableNames(db)) out[t] = db.prepare(`SELECT count(*) FROM ${quote(t)}`).pluck().get() as number;
  return out;
}

export interface CopyIdentity {
  regionId: string;
  regionName: string;
  planYear: number;
  versions: { id: number; name: string; frozen: number }[];
}

export function copyIdentity(db: Database.Database): CopyIdentity {
  const meta = db.prepare('SELECT region_id, region_name, plan_year FROM region_meta WHERE id = 1').get() as
    | { region_id: string; region_name: string; plan_year: number }
    | undefined;
  if (!meta) throw new Error('the copy has no region identity');
  const versions = db.prepare('SELECT id, name, frozen FROM plan_version ORDER BY id').all() as CopyIdentity['versions'];
  return { regionId: meta.region_id, regionName: meta.region_name, planYear: meta.plan_year, versions };
}

export interface PlanMonth {
  month: number;
  amountCents: number;
  volume: number;
  grossProfitCents: number;
}

/**
 * The version's plan by month. Gross profit in whole cents per target row: amount ×
 * (list price − standard cost) ÷ list price, truncated toward zero; a SKU whose price or
 * cost is not known (or priced 0) adds none. Integer arithmetic, so any reader gets the
 * same figure.
 */
export function planByMonth(db: Database.Database, versionId: number): PlanMonth[] {
  return db
    .prepare(
      `SELECT t.month AS month, SUM(t.amount_cents) AS amountCents, SUM(t.volume) AS volume,
              SUM(CASE WHEN s.list_price_cents > 0 AND s.std_cost_cents IS NOT NULL
                       THEN t.amount_cents * (s.list_price_cents - s.std_cost_cents) / s.list_price_cents ELSE 0 END) AS grossProfitCents
         FROM target_fact t JOIN sku s ON s.id = t.sku_id
        WHERE t.version_id = ? GROUP BY t.month ORDER BY t.month`,
    )
    .all(versionId) as PlanMonth[];
}

/** The version's entered expense budget by month (the rows with no product, channel or city: the splits divide these). */
export function enteredBudgetByMonth(db: Database.Database, versionId: number): { month: number; amountCents: number }[] {
  return db
    .prepare(
      `SELECT month, SUM(amount_cents) AS amountCents FROM expense_budget
        WHERE version_id = ? AND brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL
        GROUP BY month ORDER BY month`,
    )
    .all(versionId) as { month: number; amountCents: number }[];
}
