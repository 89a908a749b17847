import { sql, type SqlBool } from 'kysely';
import type { CustomerFilter, CustomerSalesDetail } from '../../../../shared/endpoints/analysisCustomers';
import { all, first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import { yearPeriods } from './periods';
import type { CustomerRow, CustomerStatementRow, ProvinceRow } from '../../db/schema';

// 渠道客戶分析's reads: sales per customer from the monthly summary, the year's last
// statement, the filtered customers, and per city its distributors, customers and
// terminals (for coverage and blank areas).

/** A customer serving the channel (customer alias c): its main channel or one of its further channels. */
function servesChannel(channelId: number) {
  return sql<SqlBool>`(c.channel_id = ${channelId} OR EXISTS (SELECT 1 FROM customer_channel cc WHERE cc.customer_id = c.id AND cc.channel_id = ${channelId}))`;
}

/** One customer's sales and line counts in the year and in the year before. */
export interface CustomerYearSums {
  id: number;
  sales: number;
  n: number;
  last_sales: number;
  last_n: number;
}

/**
 * Every customer's sales (cents) and line count in the year and the year before.
 * Hand-written: one GROUP BY over two years of the monthly summary per customer with
 * the two years side by side (CASE sums), a single scan of its period key.
 */
export function customerYearSums(db: ReadDb, year: number): CustomerYearSums[] {
  const [from, to] = yearPeriods(year);
  return db.sqlite
    .prepare(
      `SELECT customer_id AS id,
              SUM(CASE WHEN period >= ? THEN amount_cents ELSE 0 END) AS sales,
              SUM(CASE WHEN period >= ? THEN line_count ELSE 0 END) AS n,
              SUM(CASE WHEN period < ? THEN amount_cents ELSE 0 END) AS last_sales,
              SUM(CASE WHEN period < ? THEN line_count ELSE 0 END) AS last_n
         FROM sales_month_customer WHERE period BETWEEN ? AND ? GROUP BY customer_id`,
    )
    .all(from, from, from, from, yearPeriods(year - 1)[0], to) as CustomerYearSums[];
}

/** How many months of the year have sales. */
export function monthsWithSales(db: ReadDb, year: number): number {
  const [from, to] = yearPeriods(year);
  const row = first(
    db,
    qb
      .selectFrom('sales_month_customer')
      .select(sql<number>`COUNT(DISTINCT period)`.as('n'))
      .where('period', '>=', from)
      .where('period', '<=', to),
  );
  return row?.n ?? 0;
}

export function statementsOf(db: ReadDb, period: number): Pick<CustomerStatementRow, 'customer_id' | 'inventory_cents' | 'receivable_cents'>[] {
  return all(db, qb.selectFrom('customer_statement').select(['customer_id', 'inventory_cents', 'receivable_cents']).where('period', '=', period));
}

export type FilteredCustomer = Pick<CustomerRow, 'id' | 'code' | 'name' | 'tier' | 'status' | 'credit_limit_cents'> & { city_name: string };

/** The customers of the filter: in its province or city, of its tier, serving its channel. */
export function filteredCustomers(db: ReadDb, f: CustomerFilter): FilteredCustomer[] {
  let q = qb
    .selectFrom('customer as c')
    .innerJoin('city as ci', 'ci.id', 'c.city_id')
    .select(['c.id', 'c.code', 'c.name', 'ci.name as city_name', 'c.tier', 'c.status', 'c.credit_limit_cents']);
  if (f.provinceId !== undefined) q = q.where('ci.province_id', '=', f.provinceId);
  if (f.cityId !== undefined) q = q.where('c.city_id', '=', f.cityId);
  if (f.tier !== undefined) q = q.where('c.tier', '=', f.tier);
  if (f.channelId !== undefined) q = q.where(servesChannel(f.channelId));
  return all(db, q);
}

/** The cities of the filter's geography with their province, in the region's order. */
export function citiesOfGeography(
  db: ReadDb,
  f: Pick<CustomerFilter, 'provinceId' | 'cityId'>,
): { id: number; name: string; province_id: number; province_name: string; province_code: string }[] {
  let q = qb
    .selectFrom('city as ci')
    .innerJoin('province as p', 'p.id', 'ci.province_id')
    .select(['ci.id', 'ci.name', 'p.id as province_id', 'p.name as province_name', 'p.code as province_code']);
  if (f.provinceId !== undefined) q = q.where('ci.province_id', '=', f.provinceId);
  if (f.cityId !== undefined) q = q.where('ci.id', '=', f.cityId);
  return all(db, q.orderBy('p.sort_order').orderBy('p.id').orderBy('ci.sort_order').orderBy('ci.id'));
}

/** Active distributors per city, whatever their channel. */
export function activeDistributorsByCity(db: ReadDb): { city_id: number; n: number }[] {
  return all(
    db,
    qb
      .selectFrom('customer as c')
      .select(['c.city_id', sql<number>`COUNT(*)`.as('n')])
      .where('c.tier', '=', 'distributor')
      .where('c.status', '=', 'active')
      .groupBy('c.city_id'),
  );
}

/** Customers of any tier and status per city (serving the channel, when given). */
export function customersByCity(db: ReadDb, channelId: number | undefined): { city_id: number; n: number }[] {
  let q = qb.selectFrom('customer as c').select(['c.city_id', sql<number>`COUNT(*)`.as('n')]);
  if (channelId !== undefined) q = q.where(servesChannel(channelId));
  return all(db, q.groupBy('c.city_id'));
}

/** Active terminals per city (of the channel, when given), and those whose supplying customer is active. */
export function terminalsByCity(db: ReadDb, channelId: number | undefined): { city_id: number; n: number; covered: number }[] {
  let q = qb
    .selectFrom('terminal as t')
    .leftJoin('customer as c', 'c.id', 't.customer_id')
    .select(['t.city_id', sql<number>`COUNT(*)`.as('n'), sql<number>`COALESCE(SUM(CASE WHEN c.status = 'active' THEN 1 ELSE 0 END), 0)`.as('covered')])
    .where('t.status', '=', 'active');
  if (channelId !== undefined) q = q.where('t.channel_id', '=', channelId);
  return all(db, q.groupBy('t.city_id'));
}

/** A customer's sales lines of a year (the first `limit`, by month and SKU code), their count and sum. */
export function customerSalesLines(db: ReadDb, customerId: number, year: number, limit: number): Omit<CustomerSalesDetail, 'customer'> {
  const [from, to] = yearPeriods(year);
  const agg = first(
    db,
    qb
      .selectFrom('sales_actual')
      .select([sql<number>`COUNT(*)`.as('n'), sql<number>`COALESCE(SUM(amount_cents), 0)`.as('cents')])
      .where('customer_id', '=', customerId)
      .where('period', '>=', from)
      .where('period', '<=', to),
  );
  const rows = all(
    db,
    qb
      .selectFrom('sales_actual as a')
      .innerJoin('sku as s', 's.id', 'a.sku_id')
      .select([
        'a.period',
        's.code as skuCode',
        's.name as skuName',
        'a.amount_cents as amountCents',
        'a.volume',
        // Not known (the SKU's cost is missing): null, shown as such rather than 0.
        sql<number | null>`CASE WHEN a.gp_known = 0 THEN NULL ELSE a.gross_profit_cents END`.as('grossProfitCents'),
      ])
      .where('a.customer_id', '=', customerId)
      .where('a.period', '>=', from)
      .where('a.period', '<=', to)
      .orderBy('a.period')
      .orderBy('s.code')
      .orderBy('a.sku_id')
      .limit(limit),
  );
  return { rows, total: agg?.n ?? 0, totalCents: agg?.cents ?? 0 };
}

/** The region's provinces in its order, with their codes (for the map). */
export function provincesWithCode(db: ReadDb): Pick<ProvinceRow, 'id' | 'code' | 'name'>[] {
  return all(db, qb.selectFrom('province').select(['id', 'code', 'name']).orderBy('sort_order').orderBy('id'));
}
