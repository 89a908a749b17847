import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ChannelPlanMeasure } from '../../../shared/hqTargets';

// The plan package's SQLite copy (docs/plan-package.md): one plan version of a region
// file, with the master data and the review years' monthly sales summaries, and
// nothing else. Built through SQLite, never a raw byte copy: a new database with the
// region file's tables, filled by INSERT … SELECT from the region file attached to it,
// inside one transaction, so every table is read as of the same moment. The region file
// is only read. Copying the whole file (VACUUM INTO) and then deleting what does not
// travel took four times as long on a large region: nine tenths of its bytes are actual
// lines and other versions. The copy keeps the region file's tables, triggers,
// application id and user_version, so head office reads it with the same code as a
// region file.

/** Tables left empty in the copy: raw actual lines, the undo log, import bookkeeping. */
const EMPTIED = new Set([
  'sales_actual', 'market_sales', 'store_audit', 'store_audit_brand', 'store_audit_sku', 'customer_visit', 'visit_stock',
  'visit_price', 'visit_promise', 'customer_statement', 'expense_actual', 'undo_step', 'undo_change', 'undo_bulk',
  'import_batch_loss', 'import_mapping', 'import_batch',
]);
/** The monthly sales summaries: kept for the review years only. */
const SUMMARIES = new Set(['sales_month_customer', 'sales_month_sku']);
/**
 * Tables whose indexes stay behind: the plan's target rows are nine tenths of the copy,
 * and their three indexes would more than double it (and the time to check it). A
 * receiver reads these rows in one pass and checks the cell key's uniqueness itself.
 */
export const UNINDEXED_IN_COPY = new Set(['target_fact']);

const tableNames = (sqlite: Database.Database): string[] =>
  sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];

const columnsOf = (sqlite: Database.Database, table: string, schema = 'main'): string[] =>
  sqlite.prepare('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, schema) as string[];

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export interface CopyScope {
  versionId: number;
  /** Sales summary periods kept (yyyymm, inclusive). */
  fromPeriod: number;
  toPeriod: number;
}

interface SchemaEntry {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string;
}

/**
 * Writes the plan copy of the region file at `sourcePath` to `outPath`. The region file is
 * only read, in one read transaction (so every table is copied as of one moment); the
 * copy is a new database built table by table with `INSERT … SELECT`, taking only the
 * rows it keeps. On failure nothing is left at `outPath`.
 */
export function writePlanCopy(sourcePath: string, outPath: string, scope: CopyScope): void {
  const leftovers = [outPath, `${outPath}-journal`, `${outPath}-wal`, `${outPath}-shm`];
  for (const p of leftovers) rmSync(p, { force: true });
  try {
    const copy = new Database(outPath);
    try {
      // A scratch file until it is checked and packed: no journal, no flushing. Rows
      // deleted while it is built (other versions' children) are zeroed, not left in free pages.
      copy.prepare('ATTACH DATABASE ? AS src').run(sourcePath);
      try {
        // The page size first: it can only be set before the first page is written.
        copy.pragma(`page_size = ${copy.pragma('src.page_size', { simple: true }) as number}`);
        copy.pragma('journal_mode = OFF');
        copy.pragma('synchronous = OFF');
        copy.pragma('foreign_keys = OFF');
        copy.pragma('secure_delete = ON');
        build(copy, scope);
      } finally {
        copy.exec('DETACH DATABASE src');
      }
      checkReferences(copy);
      // Orphans deleted while building may have freed pages: a package holds none.
      if ((copy.pragma('freelist_count', { simple: true }) as number) > 0) copy.exec('VACUUM');
    } finally {
      copy.close();
    }
  } catch (e) {
    for (const p of leftovers) rmSync(p, { force: true });
    throw e;
  }
}

function build(copy: Database.Database, scope: CopyScope): void {
  const header = (name: string) => copy.pragma(`src.${name}`, { simple: true }) as number;
  // The copy is a region file to whoever reads it: the same identity and schema version.
  copy.pragma(`application_id = ${header('application_id')}`);
  copy.pragma(`user_version = ${header('user_version')}`);
  copy.transaction(() => {
    const schema = copy
      .prepare(`SELECT type, name, tbl_name, sql FROM src.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
      .all() as SchemaEntry[];
    const tables = schema.filter((s) => s.type === 'table');
    for (const t of tables) copy.exec(t.sql);
    for (const t of tables) copyRows(copy, t.name, scope);
    deleteOrphans(copy, tables.map((t) => t.name));
    // Indexes after the rows (one sorted build each, not a million inserts), then the
    // triggers, the snapshot's freezing ones among them.
    for (const s of schema) if (s.type === 'index' && !UNINDEXED_IN_COPY.has(s.tbl_name)) copy.exec(s.sql);
    for (const s of schema) if (s.type === 'trigger' || s.type === 'view') copy.exec(s.sql);
  })();
}

function copyRows(copy: Database.Database, table: string, scope: CopyScope): void {
  if (EMPTIED.has(table)) return;
  const t = quote(table);
  if (table === 'plan_version') {
    copy.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t} WHERE id = ?`).run(scope.versionId);
    copy.prepare(`UPDATE main.${t} SET based_on_id = NULL`).run();
    return;
  }
  if (SUMMARIES.has(table)) {
    copy.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t} WHERE period BETWEEN ? AND ?`).run(scope.fromPeriod, scope.toPeriod);
    return;
  }
  if (!columnsOf(copy, table, 'src').includes('version_id')) {
    // Whole: master data, settings, the region's identity (SQLite copies these page by page).
    copy.exec(`INSERT INTO main.${t} SELECT * FROM src.${t}`);
    return;
  }
  const withoutRowid = (copy.prepare(`SELECT wr FROM pragma_table_list WHERE schema = 'src' AND name = ?`).pluck().get(table) as number) === 1;
  if (withoutRowid) {
    copy.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t} WHERE version_id = ?`).run(scope.versionId);
    return;
  }
  // A version's rows were written together, so they lie in one stretch of rowids: read
  // that stretch in order (appended to the copy as read) rather than through the
  // version's index, one row lookup at a time.
  const span = copy.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM src.${t} WHERE version_id = ?`).get(scope.versionId) as { lo: number | null; hi: number | null };
  if (span.lo === null) return;
  copy.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t} WHERE rowid BETWEEN ? AND ? AND +version_id = ?`).run(span.lo, span.hi, scope.versionId);
}

/** No row of the copy points at a row it does not hold (an emptied table's, another version's). */
function checkReferences(copy: Database.Database): void {
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
        // A version's rows were copied for the one version kept: none of them is an orphan.
        if (fk.parent === 'plan_version' && fk.col === 'version_id') continue;
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

/**
 * The first target cell the copy holds twice, in words, or null. The copy carries no
 * index on its target rows (UNINDEXED_IN_COPY), so the region file's unique cell key is
 * checked here, by whoever receives it, once the copy is known to hold one version.
 */
export function repeatedTargetCell(db: Database.Database): string | null {
  const row = db
    .prepare(
      // The copy holds one version (checked before this), and GROUP BY puts NULL customers
      // together: the SKU first, the column with the most values, sorts fastest.
      `SELECT city_id, channel_id, customer_id, sku_id, month, count(*) AS n FROM target_fact
        GROUP BY sku_id, customer_id, city_id, channel_id, month HAVING n > 1 LIMIT 1`,
    )
    .get() as Record<string, number | null> | undefined;
  if (!row) return null;
  return `target_fact: ${row.n} rows for the cell of city ${row.city_id}, channel ${row.channel_id}, customer ${row.customer_id ?? '-'}, SKU ${row.sku_id}, month ${row.month}`;
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

/**
 * The package's plan, aggregated over customers (and so over salespeople) to
 * city × channel × SKU × month, with master data by code (a region's ids are its own).
 * Gross profit per target row as the package's control totals count it. `p` is the
 * schema prefix of the copy ("pkg." when attached to head office's workspace, "" when
 * opened on its own). Columns: head office's plan_fact after its region_key.
 */
export function copyFactSelect(p: string): string {
  return `SELECT t.month AS month, pr.code AS province_code, c.code AS city_code, ch.code AS channel_code, b.code AS brand_code,
      k.code AS category_code, s.code AS sku_code, SUM(t.amount_cents) AS amount_cents, SUM(t.volume) AS volume,
      SUM(CASE WHEN s.list_price_cents > 0 AND s.std_cost_cents IS NOT NULL
               THEN t.amount_cents * (s.list_price_cents - s.std_cost_cents) / s.list_price_cents ELSE 0 END) AS gross_profit_cents
    FROM ${p}target_fact t JOIN ${p}sku s ON s.id = t.sku_id JOIN ${p}city c ON c.id = t.city_id
    JOIN ${p}province pr ON pr.id = c.province_id JOIN ${p}channel ch ON ch.id = t.channel_id
    JOIN ${p}brand b ON b.id = s.brand_id JOIN ${p}category k ON k.id = s.category_id
   GROUP BY t.month, t.city_id, t.channel_id, t.sku_id`;
}

/** The copy's plan facts (copyFactSelect), one raw array per row, streamed. */
export function copyFactRows(db: Database.Database): IterableIterator<(string | number)[]> {
  return db.prepare(copyFactSelect('')).raw().iterate() as IterableIterator<(string | number)[]>;
}

/** A dimension member of the copy by its code (head office keys the regions' rows by codes, not their ids). */
export interface CopyDimension {
  kind: 'province' | 'city' | 'channel' | 'brand' | 'category' | 'sku' | 'expenseItem';
  code: string;
  name: string;
  /** A city's province, a SKU's brand. */
  parent_code: string | null;
}

/** Every dimension member of the copy, by code. */
export function copyDimensions(db: Database.Database): CopyDimension[] {
  return db
    .prepare(
      `SELECT 'province' AS kind, code, name, NULL AS parent_code FROM province
       UNION ALL SELECT 'city', c.code, c.name, p.code FROM city c JOIN province p ON p.id = c.province_id
       UNION ALL SELECT 'channel', code, name, NULL FROM channel
       UNION ALL SELECT 'brand', code, name, NULL FROM brand
       UNION ALL SELECT 'category', code, name, NULL FROM category
       UNION ALL SELECT 'sku', s.code, s.name, b.code FROM sku s JOIN brand b ON b.id = s.brand_id
       UNION ALL SELECT 'expenseItem', code, name, NULL FROM expense_item`,
    )
    .all() as CopyDimension[];
}

/** The copy's entered expense budget by item code and month (the splits divide these rows, so they are left out). */
export function copyBudgetByItem(db: Database.Database): { item_code: string; month: number; amount_cents: number }[] {
  return db
    .prepare(
      `SELECT i.code AS item_code, e.month AS month, SUM(e.amount_cents) AS amount_cents
         FROM expense_budget e JOIN expense_item i ON i.id = e.item_id
        WHERE e.brand_id IS NULL AND e.category_id IS NULL AND e.channel_id IS NULL AND e.city_id IS NULL
        GROUP BY i.code, e.month`,
    )
    .all() as { item_code: string; month: number; amount_cents: number }[];
}

/** The copy's terminal plan by channel: stores in the terminal list now and stores the plan opens. */
export interface CopyTerminalStores {
  channel_code: string;
  stores: number;
  stores_to_open: number;
}

/**
 * The copy's distribution and shelf-share targets by channel × category, as weighted
 * sums: each city's target counts as many times as the city × channel has active stores
 * (at least once, so a target set where no store is listed yet still counts). National
 * averages are then Σ sum ÷ Σ weight over regions, the ratio of stores DOMAIN's measures
 * are, not an average of averages.
 */
export interface CopyTerminalShare {
  channel_code: string;
  category_code: string;
  distribution_sum: number;
  distribution_weight: number;
  shelf_sum: number;
  shelf_weight: number;
}

export interface CopyTerminalChannel {
  stores: CopyTerminalStores[];
  shares: CopyTerminalShare[];
  /** The channel customer plan's counts and amounts by measure (shared/hqTargets' CHANNEL_PLAN_MEASURES). */
  channel: { measure: string; value: number }[];
}


const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(name) !== undefined;

/**
 * The copy's terminal plan (stores by channel, distribution and shelf-share targets) and
 * channel customer plan (customers by tier, blank areas planned, new customers in the
 * pipeline, changes), by code. The copy holds one plan version, so no version filter; a
 * copy from a region file too old to hold a chapter's tables gives none of its rows.
 */
export function copyTerminalChannel(db: Database.Database): CopyTerminalChannel {
  const stores = hasTable(db, 'terminal_open_plan')
    ? (db
        .prepare(
          `WITH now AS (SELECT channel_id, COUNT(*) AS n FROM terminal WHERE status = 'active' GROUP BY channel_id),
                opening AS (SELECT channel_id, SUM(stores) AS n FROM terminal_open_plan GROUP BY channel_id)
           SELECT ch.code AS channel_code, COALESCE(now.n, 0) AS stores, COALESCE(opening.n, 0) AS stores_to_open
             FROM channel ch LEFT JOIN now ON now.channel_id = ch.id LEFT JOIN opening ON opening.channel_id = ch.id
            WHERE now.n IS NOT NULL OR opening.n IS NOT NULL`,
        )
        .all() as CopyTerminalStores[])
    : [];
  const shares = hasTable(db, 'terminal_share_target')
    ? (db
        .prepare(
          `WITH listed AS (SELECT city_id, channel_id, COUNT(*) AS n FROM terminal WHERE status = 'active' GROUP BY city_id, channel_id),
                weighted AS (
                  SELECT t.channel_id, t.category_id, t.distribution, t.shelf, MAX(COALESCE(l.n, 0), 1) AS w
                    FROM terminal_share_target t LEFT JOIN listed l ON l.city_id = t.city_id AND l.channel_id = t.channel_id)
           SELECT ch.code AS channel_code, k.code AS category_code,
                  COALESCE(SUM(w.distribution * w.w), 0) AS distribution_sum, COALESCE(SUM(CASE WHEN w.distribution IS NOT NULL THEN w.w END), 0) AS distribution_weight,
                  COALESCE(SUM(w.shelf * w.w), 0) AS shelf_sum, COALESCE(SUM(CASE WHEN w.shelf IS NOT NULL THEN w.w END), 0) AS shelf_weight
             FROM weighted w JOIN channel ch ON ch.id = w.channel_id JOIN category k ON k.id = w.category_id
            GROUP BY ch.code, k.code`,
        )
        .all() as CopyTerminalShare[])
    : [];
  const channel: { measure: string; value: number }[] = [];
  const one = (measure: ChannelPlanMeasure, query: string) => channel.push({ measure, value: Number(db.prepare(query).pluck().get() ?? 0) });
  one('distributors', `SELECT COUNT(*) FROM customer WHERE status = 'active' AND tier = 'distributor'`);
  one('subDistributors', `SELECT COUNT(*) FROM customer WHERE status = 'active' AND tier = 'sub_distributor'`);
  one('keyAccounts', `SELECT COUNT(*) FROM customer WHERE status = 'active' AND tier = 'key_account'`);
  if (hasTable(db, 'channel_fill_plan')) {
    one('blankFills', 'SELECT COUNT(*) FROM channel_fill_plan');
    one('fillSalesCents', 'SELECT COALESCE(SUM(first_year_sales_cents), 0) FROM channel_fill_plan');
    one('prospects', `SELECT COUNT(*) FROM channel_prospect WHERE stage <> 'lost'`);
    one('prospectsSigned', `SELECT COUNT(*) FROM channel_prospect WHERE stage = 'signed'`);
    one('prospectSalesCents', `SELECT COALESCE(SUM(year_sales_cents), 0) FROM channel_prospect WHERE stage <> 'lost'`);
    one('upgrades', `SELECT COUNT(*) FROM channel_customer_change WHERE kind = 'upgrade'`);
    one('terminations', `SELECT COUNT(*) FROM channel_customer_change WHERE kind = 'terminate'`);
  }
  return { stores, shares, channel };
}
