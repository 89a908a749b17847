import { AppError } from '../../../../shared/errors';
import { sql } from 'kysely';
import { all, first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import type { BrandRow, CategoryRow, ChannelRow, CityRow, CustomerRow, ProvinceRow, SalespersonRow, SkuRow } from '../../db/schema';

// What the target cube is built from besides the plan itself (services/targets/model.ts,
// TargetRefs): the members it groups and labels cells by, and the sales actuals that
// weigh a spread and sit beside each target.

export interface CubeMembers {
  provinces: Pick<ProvinceRow, 'id' | 'code' | 'name' | 'sort_order'>[];
  cities: Pick<CityRow, 'id' | 'province_id' | 'code' | 'name' | 'sort_order'>[];
  channels: Pick<ChannelRow, 'id' | 'code' | 'name' | 'sort_order'>[];
  brands: Pick<BrandRow, 'id' | 'code' | 'name' | 'sort_order'>[];
  categories: Pick<CategoryRow, 'id' | 'code' | 'name' | 'sort_order'>[];
  salespeople: Pick<SalespersonRow, 'id' | 'code' | 'name'>[];
  skus: Pick<SkuRow, 'id' | 'code' | 'name' | 'brand_id' | 'category_id' | 'list_price_cents' | 'std_cost_cents' | 'is_new' | 'status'>[];
  customers: Pick<CustomerRow, 'id' | 'code' | 'name' | 'owner_id' | 'city_id' | 'channel_id' | 'status'>[];
}

/** Every member of the dimensions a plan is broken down by (a few thousand rows; the large region's customers included). */
export function cubeMembers(db: ReadDb): CubeMembers {
  return {
    provinces: all(db, qb.selectFrom('province').select(['id', 'code', 'name', 'sort_order'])),
    cities: all(db, qb.selectFrom('city').select(['id', 'province_id', 'code', 'name', 'sort_order'])),
    channels: all(db, qb.selectFrom('channel').select(['id', 'code', 'name', 'sort_order'])),
    brands: all(db, qb.selectFrom('brand').select(['id', 'code', 'name', 'sort_order'])),
    categories: all(db, qb.selectFrom('category').select(['id', 'code', 'name', 'sort_order'])),
    salespeople: all(db, qb.selectFrom('salesperson').select(['id', 'code', 'name'])),
    skus: all(db, qb.selectFrom('sku').select(['id', 'code', 'name', 'brand_id', 'category_id', 'list_price_cents', 'std_cost_cents', 'is_new', 'status'])),
    customers: all(db, qb.selectFrom('customer').select(['id', 'code', 'name', 'owner_id', 'city_id', 'channel_id', 'status'])),
  };
}

/** The newest month (yyyymm) with sales actuals before `period`, or null. */
export function newestSalesPeriodBefore(db: ReadDb, period: number): number | null {
  const row = first(db, qb.selectFrom('sales_actual').select(sql<number | null>`max(period)`.as('period')).where('period', '<', period));
  return row?.period ?? null;
}

/** Customer × 2^21 + SKU: how the cube keys a customer's SKU (SKU ids below 2^21). */
export const SKU_SPAN = 2 ** 21;

/** One line of sales actuals as the cube reads it: customer × SKU_SPAN + SKU, period, amount (cents), volume, gross profit (cents). */
export type SalesLine = [customerSku: number, period: number, amountCents: number, volume: number, grossProfitCents: number];

/**
 * The sales actuals of a period range, a month at a time, raw arrays. Hand-written:
 * building the cube reads every line of last year and the last 12 months (millions in
 * the large region), and an object per line, or a call into the driver per line, would
 * cost more than the read itself (the targets-first-open benchmark).
 */
export function* salesLines(db: ReadDb, from: number, to: number): Generator<SalesLine[]> {
  const maxSku = db.sqlite.prepare('SELECT ifnull(max(id), 0) FROM sku').pluck().get() as number;
  if (maxSku >= SKU_SPAN) throw new AppError('INTERNAL', `SKU id ${maxSku} is beyond what the target cube can key (${SKU_SPAN})`);
  const month = db.sqlite
    .prepare(`SELECT customer_id * ${SKU_SPAN} + sku_id, period, amount_cents, volume, gross_profit_cents FROM sales_actual WHERE period = ?`)
    .raw(true);
  // Every yyyymm from `from` to `to` (a month without lines reads nothing).
  for (let period = from; period <= to; period = period % 100 === 12 ? period + 89 : period + 1) yield month.all(period) as SalesLine[];
}
