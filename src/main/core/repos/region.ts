import { sql } from 'kysely';
import type { CountKey, MonthlyTotal } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { RegionMetaRow } from '../db/schema';

// The region's identity and profile (region_meta, one row), and the counts the
// overview shows.

export function findRegionMeta(db: ReadDb): RegionMetaRow {
  const meta = first(db, qb.selectFrom('region_meta').selectAll().where('id', '=', 1));
  if (!meta) throw new AppError('INTERNAL', 'region_meta is missing');
  return meta;
}

/** The plan year the file was made for; it never changes. */
export function regionPlanYear(db: ReadDb): number {
  return findRegionMeta(db).plan_year;
}

export function updateRegionProfile(db: WriteDb, profile: Pick<RegionMetaRow, 'region_name' | 'manager_name' | 'notes'>): void {
  run(db, qb.updateTable('region_meta').set(profile).where('id', '=', 1));
}

export function schemaVersion(db: ReadDb): number {
  return db.sqlite.pragma('user_version', { simple: true }) as number;
}

// Hand-written: nineteen counts, each a plain count(*) SQLite answers from the b-tree.
const COUNT_SQL: Record<CountKey, string> = {
  provinces: 'SELECT count(*) FROM province',
  cities: 'SELECT count(*) FROM city',
  counties: 'SELECT count(*) FROM county',
  channels: 'SELECT count(*) FROM channel',
  ownBrands: 'SELECT count(*) FROM brand WHERE is_own = 1',
  competitorBrands: 'SELECT count(*) FROM brand WHERE is_own = 0',
  categories: 'SELECT count(*) FROM category',
  skus: 'SELECT count(*) FROM sku',
  salespeople: 'SELECT count(*) FROM salesperson',
  customers: 'SELECT count(*) FROM customer',
  terminals: 'SELECT count(*) FROM terminal',
  salesActualRows: 'SELECT count(*) FROM sales_actual',
  marketRows: 'SELECT count(*) FROM market_sales',
  storeAudits: 'SELECT count(*) FROM store_audit',
  customerVisits: 'SELECT count(*) FROM customer_visit',
  customerStatements: 'SELECT count(*) FROM customer_statement',
  planVersions: 'SELECT count(*) FROM plan_version',
  targetCells: 'SELECT count(*) FROM target_fact',
  importBatches: 'SELECT count(*) FROM import_batch',
};

export function countRows(db: ReadDb, key: CountKey): number {
  return db.sqlite.prepare(COUNT_SQL[key]).pluck().get() as number;
}

/** Years with sales actuals, ascending: one probe of the clustered period key per year, not a scan. */
export function salesActualYears(db: ReadDb): number[] {
  const years: number[] = [];
  let cursor = db.sqlite.prepare('SELECT min(period) FROM sales_actual').pluck().get() as number | null;
  const next = db.sqlite.prepare('SELECT min(period) FROM sales_actual WHERE period >= ?').pluck();
  while (cursor !== null) {
    const year = Math.floor(cursor / 100);
    years.push(year);
    cursor = next.get((year + 1) * 100 + 1) as number | null;
  }
  return years;
}

/** The region's sales actuals by month of one calendar year. */
export function salesByMonth(db: ReadDb, year: number): MonthlyTotal[] {
  return salesByPeriod(db, year * 100 + 1, year * 100 + 12);
}

/**
 * The region's sales actuals by month (yyyymm) from `from` to `to`, months without sales
 * absent. Read from the monthly summary by customer, which every writer keeps in step
 * with the lines in its own transaction: a few rows per customer, not every line.
 */
export function salesByPeriod(db: ReadDb, from: number, to: number): MonthlyTotal[] {
  return all(
    db,
    qb
      .selectFrom('sales_month_customer')
      .select([
        'period',
        sql<number>`sum(amount_cents)`.as('amountCents'),
        sql<number>`sum(volume)`.as('volume'),
        sql<number>`sum(gross_profit_cents)`.as('grossProfitCents'),
        sql<number>`sum(amount_no_gp_cents)`.as('amountNoGpCents'),
      ])
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy('period')
      .orderBy('period'),
  );
}

// A file's own tables, for the report on a file (cli: rplan info). Hand-written:
// the names come from sqlite_schema, not from the schema's types, so that a file of
// an older or a foreign schema is described as it is.

/** The file's tables, by name (SQLite's own excluded). */
export function tableNames(db: ReadDb): string[] {
  return db.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

/** Whether a table's name is one this code can quote safely (every table of ours is). */
export function isPlainTableName(name: string): boolean {
  return PLAIN_NAME.test(name);
}

/** The rows of a table named by tableNames; the name must be plain (isPlainTableName). */
export function countTableRows(db: ReadDb, table: string): number {
  if (!isPlainTableName(table)) throw new AppError('INTERNAL', `not a plain table name: ${table}`);
  return db.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
}
