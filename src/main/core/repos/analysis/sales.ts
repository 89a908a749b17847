import type { SalesDetail, SalesDimension, SalesFilter } from '../../../../shared/endpoints/analysis';
import type { ReadDb } from '../../db/handle';
import { Where } from './where';

// The sales view's reads: one aggregate per request over the monthly summaries per
// customer or per SKU (migration 6) when the filter allows, else over sales_actual
// (its primary key starts with the period, so a year is a range scan), joined to
// customer / sku / city only when the grouping or the filter needs them; the target
// is one aggregate over the working plan's target_fact.
//
// Hand-written: the statements are assembled per grouping and filter (the group key,
// the joins, which side of the two stages a filter sits on), and their shape is what
// the chart's speed rests on over millions of lines; Kysely would only wrap the same
// text in sql`` fragments.

type Joins = { customer: boolean; sku: boolean; city: boolean };
export type Months = readonly [number, number];

/** The group key of a sales_actual row `a` (customer c, sku s, city ci). */
const ACTUAL_KEY: Record<SalesDimension, { expr: string; joins: Partial<Joins> }> = {
  month: { expr: 'a.period % 100', joins: {} },
  province: { expr: 'ci.province_id', joins: { customer: true, city: true } },
  city: { expr: 'c.city_id', joins: { customer: true } },
  channel: { expr: 'c.channel_id', joins: { customer: true } },
  brand: { expr: 's.brand_id', joins: { sku: true } },
  category: { expr: 's.category_id', joins: { sku: true } },
  customer: { expr: 'a.customer_id', joins: {} },
  salesperson: { expr: 'COALESCE(c.owner_id, 0)', joins: { customer: true } },
};

/** The group key of a target_fact row `t` (sku s, city ci, customer c). */
const TARGET_KEY: Record<SalesDimension, { expr: string; joins: Partial<Joins> }> = {
  month: { expr: 't.month', joins: {} },
  province: { expr: 'ci.province_id', joins: { city: true } },
  city: { expr: 't.city_id', joins: {} },
  channel: { expr: 't.channel_id', joins: {} },
  brand: { expr: 's.brand_id', joins: { sku: true } },
  category: { expr: 's.category_id', joins: { sku: true } },
  customer: { expr: 'COALESCE(t.customer_id, 0)', joins: {} },
  salesperson: { expr: 'COALESCE(c.owner_id, 0)', joins: { customer: true } },
};

/**
 * The slice filter's conditions. City and channel are the customer's for actuals and
 * the target cell's own for targets (`place`); brand and category go through the SKU.
 */
function filterWhere(filter: SalesFilter, joins: Joins, place: { city: string; channel: string; viaCustomer: boolean }): Where {
  const where = new Where();
  const add = (value: number | undefined, column: string, join: keyof Joins | null) => {
    if (value === undefined) return;
    if (join) joins[join] = true;
    where.equals(column, value);
  };
  const placeJoin = place.viaCustomer ? 'customer' : null;
  if (filter.provinceId !== undefined) {
    if (placeJoin) joins[placeJoin] = true;
    where.add(`${place.city} IN (SELECT id FROM city WHERE province_id = ?)`, filter.provinceId);
  }
  add(filter.cityId, place.city, placeJoin);
  add(filter.channelId, place.channel, placeJoin);
  add(filter.brandId, 's.brand_id', 'sku');
  add(filter.categoryId, 's.category_id', 'sku');
  return where;
}

function actualFrom(by: SalesDimension | null, filter: SalesFilter): { from: string; where: Where } {
  const joins: Joins = { customer: false, sku: false, city: false, ...(by ? ACTUAL_KEY[by].joins : {}) };
  const where = filterWhere(filter, joins, { city: 'c.city_id', channel: 'c.channel_id', viaCustomer: true });
  let from = 'sales_actual a';
  if (joins.customer || joins.city) from += ' JOIN customer c ON c.id = a.customer_id';
  if (joins.city) from += ' JOIN city ci ON ci.id = c.city_id';
  if (joins.sku) from += ' JOIN sku s ON s.id = a.sku_id';
  return { from, where };
}

function targetFrom(by: SalesDimension, filter: SalesFilter): { from: string; where: Where } {
  const joins: Joins = { customer: false, sku: false, city: false, ...TARGET_KEY[by].joins };
  const where = filterWhere(filter, joins, { city: 't.city_id', channel: 't.channel_id', viaCustomer: false });
  let from = 'target_fact t';
  if (joins.customer) from += ' LEFT JOIN customer c ON c.id = t.customer_id';
  if (joins.city) from += ' JOIN city ci ON ci.id = t.city_id';
  if (joins.sku) from += ' JOIN sku s ON s.id = t.sku_id';
  return { from, where };
}

const SKU_DIMENSIONS = new Set<SalesDimension>(['brand', 'category']);

/** One group's sums: the year's amount, the previous year's, and the year's gross profit (cents). */
export interface SalesGroupSums {
  k: number;
  actual: number;
  last_year: number;
  gp: number;
  /** The year's sales whose gross profit is not known (left out of the margin). */
  no_gp: number;
}

/**
 * The year's and the previous year's sums per group, in two stages: first per period
 * and customer (or sku), then per group. Grouping by (period, customer_id) follows the
 * primary key, so SQLite aggregates while it scans without sorting millions of rows;
 * the second stage joins the few thousand partial sums to customer / sku / city.
 */
export function salesByGroup(db: ReadDb, year: number, by: SalesDimension, filter: SalesFilter, months: Months): SalesGroupSums[] {
  const bySku = SKU_DIMENSIONS.has(by);
  const [fromMonth, toMonth] = months;
  const inner = new Where('a.period BETWEEN ? AND ?', (year - 1) * 100 + fromMonth, year * 100 + toMonth);
  // Part of the year: the same months of both years (同期).
  if (fromMonth > 1 || toMonth < 12) inner.add('a.period % 100 BETWEEN ? AND ?', fromMonth, toMonth);
  const outer = new Where();
  // Customer filters: outside when the first stage is per customer, inside otherwise.
  const customerSide = bySku ? inner : outer;
  if (filter.provinceId !== undefined) customerSide.add('c.city_id IN (SELECT id FROM city WHERE province_id = ?)', filter.provinceId);
  customerSide.equals('c.city_id', filter.cityId).equals('c.channel_id', filter.channelId);
  // A brand or category filter inside a per-customer stage is a set of SKU ids probed
  // while the period range is scanned in key order (the "+" keeps SQLite off the SKU
  // index, whose random lookups into the table measured four times slower).
  const sku = new Where().equals('s.brand_id', filter.brandId).equals('s.category_id', filter.categoryId);
  if (!sku.empty && bySku) outer.also(sku);
  else if (!sku.empty) inner.add(`+a.sku_id IN (SELECT s.id FROM sku s WHERE ${sku.sql})`, ...sku.params);
  const innerCustomer = bySku && (filter.provinceId !== undefined || filter.cityId !== undefined || filter.channelId !== undefined);
  const innerSku = !bySku && (filter.brandId !== undefined || filter.categoryId !== undefined);
  const member = bySku ? 'sku_id' : 'customer_id';
  const joins = innerCustomer ? ' JOIN customer c ON c.id = a.customer_id' : '';
  let innerSql: string;
  if (!innerCustomer && !innerSku) {
    // No filter across the two sides: the monthly summary per SKU or per customer
    // (migration 6) already holds the first stage, about 1/40 of the lines.
    innerSql = `SELECT m.period AS period, m.${member} AS member, m.amount_cents AS amount, m.gross_profit_cents AS gp, m.amount_no_gp_cents AS nogp
      FROM ${bySku ? 'sales_month_sku' : 'sales_month_customer'} m
     WHERE ${inner.parts.map((w) => w.replace(/\ba\./g, 'm.')).join(' AND ')}`;
  } else {
    // (With a customer filter SQLite reads that city's or channel's customers through
    // sales_actual_customer, a fraction of the rows; with a brand or category filter by
    // customer it scans the two years.)
    innerSql = `SELECT a.period AS period, a.${member} AS member, SUM(a.amount_cents) AS amount, SUM(a.gross_profit_cents) AS gp,
           SUM(CASE WHEN a.gp_known = 0 THEN a.amount_cents ELSE 0 END) AS nogp
      FROM sales_actual a${joins}
     WHERE ${inner.sql}
     GROUP BY a.period, a.${member}`;
  }
  const outerKey: Record<SalesDimension, string> = {
    month: 'x.period % 100',
    province: 'ci.province_id',
    city: 'c.city_id',
    channel: 'c.channel_id',
    brand: 's.brand_id',
    category: 's.category_id',
    customer: 'x.member',
    salesperson: 'COALESCE(c.owner_id, 0)',
  };
  let outerFrom = `(${innerSql}) x`;
  if (bySku) outerFrom += ' JOIN sku s ON s.id = x.member';
  else outerFrom += ' JOIN customer c ON c.id = x.member';
  if (by === 'province') outerFrom += ' JOIN city ci ON ci.id = c.city_id';
  const from = year * 100 + 1;
  return db.sqlite
    .prepare(
      `SELECT ${outerKey[by]} AS k,
              SUM(CASE WHEN x.period >= ? THEN x.amount ELSE 0 END) AS actual,
              SUM(CASE WHEN x.period < ? THEN x.amount ELSE 0 END) AS last_year,
              SUM(CASE WHEN x.period >= ? THEN x.gp ELSE 0 END) AS gp,
              SUM(CASE WHEN x.period >= ? THEN x.nogp ELSE 0 END) AS no_gp
         FROM ${outerFrom}
        ${outer.empty ? '' : `WHERE ${outer.sql}`}
        GROUP BY k`,
    )
    .all(from, from, from, from, ...inner.params, ...outer.params) as SalesGroupSums[];
}

/** A plan version's target amount per group over the months (cents). */
export function targetByGroup(db: ReadDb, versionId: number, by: SalesDimension, filter: SalesFilter, months: Months): { k: number; target: number }[] {
  const t = targetFrom(by, filter);
  const where = new Where('t.version_id = ? AND t.month BETWEEN ? AND ?', versionId, months[0], months[1]).also(t.where);
  return db.sqlite
    .prepare(`SELECT ${TARGET_KEY[by].expr} AS k, SUM(t.amount_cents) AS target FROM ${t.from} WHERE ${where.sql} GROUP BY k`)
    .all(...where.params) as { k: number; target: number }[];
}

/** The sales lines of one group of a year (the first `limit`, in key order) and how many there are. */
export function salesLines(
  db: ReadDb,
  year: number,
  slice: { by: SalesDimension; key: number },
  filter: SalesFilter,
  months: Months,
  limit: number,
): SalesDetail {
  const a = actualFrom(slice.by, filter);
  const where = new Where('a.period BETWEEN ? AND ?', year * 100 + months[0], year * 100 + months[1]).also(a.where).add(`${ACTUAL_KEY[slice.by].expr} = ?`, slice.key);
  const total = db.sqlite.prepare(`SELECT COUNT(*) FROM ${a.from} WHERE ${where.sql}`).pluck().get(...where.params) as number;
  const rows = db.sqlite
    .prepare(
      `SELECT a.period AS period, cu.code AS customerCode, cu.name AS customerName, sk.code AS skuCode, sk.name AS skuName,
              a.amount_cents AS amountCents, a.volume AS volume,
              CASE WHEN a.gp_known = 0 THEN NULL ELSE a.gross_profit_cents END AS grossProfitCents
         FROM ${a.from} JOIN customer cu ON cu.id = a.customer_id JOIN sku sk ON sk.id = a.sku_id
        WHERE ${where.sql}
        ORDER BY a.period, a.customer_id, a.sku_id LIMIT ?`,
    )
    .all(...where.params, limit) as SalesDetail['rows'];
  return { rows, total };
}
