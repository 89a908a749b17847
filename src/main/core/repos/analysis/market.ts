import type { MarketDetail, MarketDimension, MarketFilter } from '../../../../shared/endpoints/analysis';
import { first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import { Where } from './where';

// Market data (market_sales: month × city × category × brand, every brand of the
// category, ours and competitors').
//
// Hand-written: the view's sums are one GROUP BY over two years of the table with
// the year and the year before side by side (CASE sums in one scan of the period
// key), grouped by a key chosen per request; the drill reads the lines of one group
// under the same slice, so both share one definition of it (sliceWhere).

const KEY: Record<MarketDimension, string> = { city: 'm.city_id', category: 'm.category_id', month: 'm.period % 100' };
export type Months = readonly [number, number];

/** The slice's rows from one year to another: the months (part of the year: the same months of each year) and the filter. */
function sliceWhere(firstYear: number, lastYear: number, filter: MarketFilter, months: Months): Where {
  const where = new Where('m.period BETWEEN ? AND ?', firstYear * 100 + months[0], lastYear * 100 + months[1]);
  if (months[0] > 1 || months[1] < 12) where.add('m.period % 100 BETWEEN ? AND ?', months[0], months[1]);
  if (filter.provinceId !== undefined) where.add('m.city_id IN (SELECT id FROM city WHERE province_id = ?)', filter.provinceId);
  return where.equals('m.city_id', filter.cityId).equals('m.category_id', filter.categoryId);
}

/** One group × brand: the year's amount and the year before's (cents). */
export interface MarketSums {
  k: number;
  brand: number;
  amount: number;
  last_amount: number;
}

/** The year's and the previous year's market sales per group and brand. */
export function marketByGroupAndBrand(db: ReadDb, year: number, by: MarketDimension, filter: MarketFilter, months: Months): MarketSums[] {
  const where = sliceWhere(year - 1, year, filter, months);
  const from = year * 100 + 1;
  return db.sqlite
    .prepare(
      `SELECT ${KEY[by]} AS k, m.brand_id AS brand,
              SUM(CASE WHEN m.period >= ? THEN m.amount_cents ELSE 0 END) AS amount,
              SUM(CASE WHEN m.period < ? THEN m.amount_cents ELSE 0 END) AS last_amount
         FROM market_sales m
        WHERE ${where.sql}
        GROUP BY k, brand`,
    )
    .all(from, from, ...where.params) as MarketSums[];
}

/** The market lines of one group of a year (the first `limit`, by month, city, category, ours first) and how many there are. */
export function marketLines(
  db: ReadDb,
  year: number,
  slice: { by: MarketDimension; key: number },
  filter: MarketFilter,
  months: Months,
  limit: number,
): MarketDetail {
  const where = sliceWhere(year, year, filter, months).add(`${KEY[slice.by]} = ?`, slice.key);
  const total = db.sqlite.prepare(`SELECT COUNT(*) FROM market_sales m WHERE ${where.sql}`).pluck().get(...where.params) as number;
  const rows = (
    db.sqlite
      .prepare(
        `SELECT m.period, ci.name AS cityName, ca.name AS categoryName, b.name AS brandName, b.is_own AS isOwn,
                m.amount_cents AS amountCents, m.volume
           FROM market_sales m JOIN city ci ON ci.id = m.city_id JOIN category ca ON ca.id = m.category_id JOIN brand b ON b.id = m.brand_id
          WHERE ${where.sql}
          ORDER BY m.period, ci.sort_order, ci.id, ca.sort_order, ca.id, b.is_own DESC, m.amount_cents DESC
          LIMIT ?`,
      )
      .all(...where.params, limit) as (Omit<MarketDetail['rows'][number], 'isOwn'> & { isOwn: number })[]
  ).map((r) => ({ ...r, isOwn: r.isOwn === 1 }));
  return { rows, total };
}

/** Years with market data, ascending: one seek of the period key per year. */
export function marketYears(db: ReadDb): number[] {
  const years: number[] = [];
  for (let from = 0; ; ) {
    const row = first(db, qb.selectFrom('market_sales').select('period').where('period', '>=', from).orderBy('period').limit(1));
    if (!row) return years;
    const y = Math.floor(row.period / 100);
    years.push(y);
    from = (y + 1) * 100;
  }
}
