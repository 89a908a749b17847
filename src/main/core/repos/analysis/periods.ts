import { sql } from 'kysely';
import { first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';

// Months as the monthly tables key them: a period is yyyymm.

/** A year's first and last period. */
export function yearPeriods(year: number): [from: number, to: number] {
  return [year * 100 + 1, year * 100 + 12];
}

/** The last period of the year with rows in a monthly table, or null when it has none. */
export function lastPeriodOfYear(db: ReadDb, table: 'sales_month_customer' | 'customer_statement', year: number): number | null {
  const [from, to] = yearPeriods(year);
  const row = first(db, qb.selectFrom(table).select(sql<number | null>`MAX(period)`.as('period')).where('period', '>=', from).where('period', '<=', to));
  return row?.period ?? null;
}
