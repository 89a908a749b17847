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
export function planYear(db: ReadDb): number {
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

/** Head office's target amount by month 1..12 (cents; 0 where none is set). */
export function hoTargetAmounts(db: ReadDb): number[] {
  const ho = all(db, qb.selectFrom('ho_target').select(['month', 'amount_cents']).orderBy('month'));
  return Array.from({ length: 12 }, (_, i) => ho.find((r) => r.month === i + 1)?.amount_cents ?? 0);
}

/** The region's sales actuals by month of one calendar year. */
export function salesByMonth(db: ReadDb, year: number): MonthlyTotal[] {
  return all(
    db,
    qb
      .selectFrom('sales_actual')
      .select([
        'period',
        sql<number>`sum(amount_cents)`.as('amountCents'),
        sql<number>`sum(volume)`.as('volume'),
        sql<number>`sum(gross_profit_cents)`.as('grossProfitCents'),
      ])
      .where('period', '>=', year * 100 + 1)
      .where('period', '<=', year * 100 + 12)
      .groupBy('period')
      .orderBy('period'),
  );
}
