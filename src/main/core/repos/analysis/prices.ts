import { sql } from 'kysely';
import { all, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import type { BrandCategoryRow } from '../../db/schema';
import { Where } from './where';

// 價格分析's reads: the price checks of the customer visits (visit_price: our SKUs'
// rows carry a sku_id, the competitors' a brand and a product label), and the shelf
// prices of the store audits.
//
// Hand-written: the checks of a slice come as arrays (tens of thousands of rows a
// year, cheaper than objects), the competitors' rows of a set of visits through
// json_each (one statement whatever the number of visits), and the shelf price is
// the bare column of MAX() (SQLite's latest row per group); the drill reads the same
// slice as the view, so all share one definition of it (visitWhere).

/** The visits and SKUs a view reads: visit dates in [from, to), the customer's city and channel, our SKU's brand and category. */
export interface PriceSlice {
  from: string;
  to: string;
  cityId?: number;
  channelId?: number;
  brandId?: number;
  categoryId?: number;
}

/** The conditions on customer_visit v and customer c (joined when a place is filtered). */
function visitWhere(s: PriceSlice): Where {
  return new Where('v.visit_date >= ? AND v.visit_date < ?', s.from, s.to).equals('c.city_id', s.cityId).equals('c.channel_id', s.channelId);
}

/** [check id, visit id, visit date, customer id, sku id, purchase price, retail price] */
export type OwnCheckTuple = [number, number, string, number, number, number | null, number | null];

/** Our SKUs' price checks in the slice, in no particular order. */
export function ownPriceChecks(db: ReadDb, s: PriceSlice): OwnCheckTuple[] {
  const joinCustomer = s.cityId !== undefined || s.channelId !== undefined;
  const sku = new Where().equals('s.brand_id', s.brandId).equals('s.category_id', s.categoryId);
  const where = visitWhere(s).add('vp.sku_id IS NOT NULL').also(sku);
  return db.sqlite
    .prepare(
      `SELECT vp.id, vp.visit_id, v.visit_date, v.customer_id, vp.sku_id, vp.purchase_price_cents, vp.retail_price_cents
         FROM customer_visit v ${joinCustomer ? 'JOIN customer c ON c.id = v.customer_id' : ''}
         JOIN visit_price vp ON vp.visit_id = v.id ${sku.empty ? '' : 'JOIN sku s ON s.id = vp.sku_id'}
        WHERE ${where.sql}`,
    )
    .raw(true)
    .all(...where.params) as OwnCheckTuple[];
}

/** [check id, visit id, brand id, product label, purchase price, retail price] */
export type CompetitorCheckTuple = [number, number, number, string, number | null, number | null];

/** The rows without a SKU (the competitors') of the given visits, in no particular order. */
export function competitorChecksOfVisits(db: ReadDb, visitIds: number[]): CompetitorCheckTuple[] {
  return db.sqlite
    .prepare(
      `SELECT vp.id, vp.visit_id, vp.brand_id, vp.product_label, vp.purchase_price_cents, vp.retail_price_cents
         FROM visit_price vp
        WHERE vp.visit_id IN (SELECT value FROM json_each(?)) AND vp.sku_id IS NULL`,
    )
    .raw(true)
    .all(JSON.stringify(visitIds)) as CompetitorCheckTuple[];
}

/** One price check with its visit, customer, brand and SKU, as the drill lists it. */
export interface PriceCheckRecord {
  id: number;
  visit_id: number;
  visit_date: string;
  customer_id: number;
  customer_code: string;
  customer_name: string;
  salesperson: string | null;
  brand_id: number;
  brand_name: string;
  is_own: number;
  sku_id: number | null;
  sku_code: string | null;
  sku_name: string | null;
  category_id: number | null;
  spec: string | null;
  label: string;
  p: number | null;
  r: number | null;
}

/**
 * Every price check (ours and the competitors') of the slice's visits, of one customer
 * and of the visits that checked one SKU when given; the latest visit first. The SKU's
 * brand and category do not narrow the visits here: the caller picks the rows.
 */
export function priceCheckRecords(db: ReadDb, s: PriceSlice, customerId: number | undefined, skuId: number | undefined): PriceCheckRecord[] {
  const where = visitWhere(s).equals('v.customer_id', customerId);
  if (skuId !== undefined) where.add('v.id IN (SELECT visit_id FROM visit_price WHERE sku_id = ?)', skuId);
  return db.sqlite
    .prepare(
      `SELECT vp.id, vp.visit_id, v.visit_date, v.customer_id, c.code AS customer_code, c.name AS customer_name,
              sp.name AS salesperson, vp.brand_id, b.name AS brand_name, b.is_own, vp.sku_id, s.code AS sku_code,
              s.name AS sku_name, s.category_id, s.spec, vp.product_label AS label,
              vp.purchase_price_cents AS p, vp.retail_price_cents AS r
         FROM customer_visit v
         JOIN customer c ON c.id = v.customer_id
         LEFT JOIN salesperson sp ON sp.id = v.salesperson_id
         JOIN visit_price vp ON vp.visit_id = v.id
         JOIN brand b ON b.id = vp.brand_id
         LEFT JOIN sku s ON s.id = vp.sku_id
        WHERE ${where.sql}
        ORDER BY v.visit_date DESC, v.id DESC, vp.id`,
    )
    .all(...where.params) as PriceCheckRecord[];
}

/**
 * Shelf prices from the store audits: per SKU, each terminal's latest audit in [from, to)
 * (date, then audit id) with a shelf price, averaged over the terminals; the city and
 * channel are the terminal's. SQLite's bare column of MAX() is the latest row's price.
 */
export function shelfPrices(
  db: ReadDb,
  s: Pick<PriceSlice, 'from' | 'to' | 'cityId' | 'channelId'>,
  skuIds: number[],
): { sku_id: number; terminals: number; avg_unit: number }[] {
  const where = new Where('sa.audit_date >= ? AND sa.audit_date < ?', s.from, s.to)
    .add('sas.sku_id IN (SELECT value FROM json_each(?))', JSON.stringify(skuIds))
    .add('sas.shelf_price_cents IS NOT NULL')
    .equals('t.city_id', s.cityId)
    .equals('t.channel_id', s.channelId);
  return db.sqlite
    .prepare(
      `SELECT sku_id, COUNT(*) AS terminals, AVG(price) AS avg_unit FROM (
         SELECT sas.sku_id, sa.terminal_id, MAX(sa.audit_date || printf('%012d', sa.id)) AS latest, sas.shelf_price_cents AS price
           FROM store_audit sa
           JOIN store_audit_sku sas ON sas.audit_id = sa.id
           ${s.cityId !== undefined || s.channelId !== undefined ? 'JOIN terminal t ON t.id = sa.terminal_id' : ''}
          WHERE ${where.sql}
          GROUP BY sas.sku_id, sa.terminal_id)
        GROUP BY sku_id`,
    )
    .all(...where.params) as { sku_id: number; terminals: number; avg_unit: number }[];
}

/** Every SKU with its brand's and category's names. */
export function skusWithNames(db: ReadDb) {
  return all(
    db,
    qb
      .selectFrom('sku as s')
      .innerJoin('brand as b', 'b.id', 's.brand_id')
      .innerJoin('category as k', 'k.id', 's.category_id')
      .select(['s.id', 's.code', 's.name', 's.spec', 's.category_id as categoryId', 'b.name as brandName', 'k.name as categoryName']),
  );
}

/** Every customer with its city's name. */
export function customersWithCity(db: ReadDb) {
  return all(db, qb.selectFrom('customer as c').innerJoin('city as ci', 'ci.id', 'c.city_id').select(['c.id', 'c.code', 'c.name', 'ci.name as cityName']));
}

/** Which brand sells in which category (brand_category). */
export function brandCategoryPairs(db: ReadDb): BrandCategoryRow[] {
  return all(db, qb.selectFrom('brand_category').select(['brand_id', 'category_id']));
}

/** Years with visit price checks, ascending. */
export function priceCheckYears(db: ReadDb): number[] {
  return all(
    db,
    qb
      .selectFrom('customer_visit as v')
      .select(sql<number>`CAST(substr(v.visit_date, 1, 4) AS INTEGER)`.as('y'))
      .distinct()
      .where((eb) => eb.exists(eb.selectFrom('visit_price as vp').select('vp.id').whereRef('vp.visit_id', '=', 'v.id')))
      .orderBy('y'),
  ).map((r) => r.y);
}
