import { sql } from 'kysely';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { ChannelCustomerChangeRow, ChannelFillPlanRow, ChannelProspectRow, CustomerRow } from '../db/schema';

// The channel customer plan of a plan version: fill plans of blank areas
// (channel_fill_plan), the recruitment pipeline (channel_prospect) and planned customer
// changes (channel_customer_change); plus the master data and first orders they show.

export type ChapterTable = 'channel_fill_plan' | 'channel_prospect' | 'channel_customer_change';

export function fillPlans(db: ReadDb, versionId: number): ChannelFillPlanRow[] {
  return all(db, qb.selectFrom('channel_fill_plan').selectAll().where('version_id', '=', versionId).orderBy('id'));
}

export function findFillPlan(db: ReadDb, versionId: number, id: number): ChannelFillPlanRow | undefined {
  return first(db, qb.selectFrom('channel_fill_plan').selectAll().where('version_id', '=', versionId).where('id', '=', id));
}

export function findFillPlanOfArea(db: ReadDb, versionId: number, cityId: number, countyId: number | null): ChannelFillPlanRow | undefined {
  return first(
    db,
    qb
      .selectFrom('channel_fill_plan')
      .selectAll()
      .where('version_id', '=', versionId)
      .where('city_id', '=', cityId)
      .where(sql<number>`ifnull(county_id, 0)`, '=', countyId ?? 0),
  );
}

export function prospects(db: ReadDb, versionId: number): ChannelProspectRow[] {
  return all(db, qb.selectFrom('channel_prospect').selectAll().where('version_id', '=', versionId).orderBy('id'));
}

export function findProspect(db: ReadDb, versionId: number, id: number): ChannelProspectRow | undefined {
  return first(db, qb.selectFrom('channel_prospect').selectAll().where('version_id', '=', versionId).where('id', '=', id));
}

export function prospectOfCustomer(db: ReadDb, versionId: number, customerId: number): ChannelProspectRow | undefined {
  return first(db, qb.selectFrom('channel_prospect').selectAll().where('version_id', '=', versionId).where('customer_id', '=', customerId));
}

export function customerChanges(db: ReadDb, versionId: number): ChannelCustomerChangeRow[] {
  return all(db, qb.selectFrom('channel_customer_change').selectAll().where('version_id', '=', versionId).orderBy('period').orderBy('id'));
}

export function findCustomerChange(db: ReadDb, versionId: number, id: number): ChannelCustomerChangeRow | undefined {
  return first(db, qb.selectFrom('channel_customer_change').selectAll().where('version_id', '=', versionId).where('id', '=', id));
}

type Without<R> = Omit<R, 'id'>;

export function insertFillPlan(db: WriteDb, row: Without<ChannelFillPlanRow>): number {
  return Number(run(db, qb.insertInto('channel_fill_plan').values(row)).lastInsertRowid);
}

export function updateFillPlan(db: WriteDb, id: number, row: Without<ChannelFillPlanRow>): void {
  const { fill_period, method, via_customer_id, owner_id, first_year_sales_cents, note } = row;
  run(db, qb.updateTable('channel_fill_plan').set({ fill_period, method, via_customer_id, owner_id, first_year_sales_cents, note }).where('id', '=', id));
}

export function insertProspect(db: WriteDb, row: Without<ChannelProspectRow>): number {
  return Number(run(db, qb.insertInto('channel_prospect').values(row)).lastInsertRowid);
}

export function updateProspect(db: WriteDb, id: number, row: Without<ChannelProspectRow>): void {
  const { customer_id, stage, first_order_period, year_sales_cents, owner_id, note } = row;
  run(db, qb.updateTable('channel_prospect').set({ customer_id, stage, first_order_period, year_sales_cents, owner_id, note }).where('id', '=', id));
}

export function insertCustomerChange(db: WriteDb, row: Without<ChannelCustomerChangeRow>): number {
  return Number(run(db, qb.insertInto('channel_customer_change').values(row)).lastInsertRowid);
}

export function updateCustomerChange(db: WriteDb, id: number, row: Without<ChannelCustomerChangeRow>): void {
  const { customer_id, kind, period, to_tier, to_abc, to_credit_cents, reason } = row;
  run(db, qb.updateTable('channel_customer_change').set({ customer_id, kind, period, to_tier, to_abc, to_credit_cents, reason }).where('id', '=', id));
}

export function deleteChapterRow(db: WriteDb, table: ChapterTable, id: number): void {
  run(db, qb.deleteFrom(table).where('id', '=', id));
}

/**
 * Copies a version's channel plan into another, set-based. Hand-written: INSERT … SELECT
 * with the new version id, which Kysely's builder does not express for these column lists.
 */
export function copyChannelPlan(db: WriteDb, fromId: number, toId: number): void {
  const copy = (table: ChapterTable, cols: string) =>
    db.sqlite.prepare(`INSERT INTO ${table} (version_id, ${cols}) SELECT ?, ${cols} FROM ${table} WHERE version_id = ? ORDER BY id`).run(toId, fromId);
  copy('channel_fill_plan', 'city_id, county_id, fill_period, method, via_customer_id, owner_id, first_year_sales_cents, note');
  copy('channel_prospect', 'customer_id, stage, first_order_period, year_sales_cents, owner_id, note');
  copy('channel_customer_change', 'customer_id, kind, period, to_tier, to_abc, to_credit_cents, reason');
}

export type PlanCustomer = Pick<CustomerRow, 'id' | 'code' | 'name' | 'city_id' | 'county_id' | 'tier' | 'status' | 'credit_limit_cents' | 'owner_id'>;

export function planCustomers(db: ReadDb): PlanCustomer[] {
  return all(
    db,
    qb.selectFrom('customer').select(['id', 'code', 'name', 'city_id', 'county_id', 'tier', 'status', 'credit_limit_cents', 'owner_id']).orderBy('code'),
  );
}

export function findPlanCustomer(db: ReadDb, id: number): CustomerRow | undefined {
  return first(db, qb.selectFrom('customer').selectAll().where('id', '=', id));
}

export function setCustomerStatus(db: WriteDb, id: number, status: CustomerRow['status']): void {
  run(db, qb.updateTable('customer').set({ status }).where('id', '=', id));
}

export function salespeople(db: ReadDb): { id: number; name: string }[] {
  return all(db, qb.selectFrom('salesperson').select(['id', 'name']).orderBy('id'));
}

export function citiesWithProvince(db: ReadDb): { id: number; name: string; provinceName: string }[] {
  return all(
    db,
    qb
      .selectFrom('city as ci')
      .innerJoin('province as p', 'p.id', 'ci.province_id')
      .select(['ci.id', 'ci.name', 'p.name as provinceName'])
      .orderBy('p.sort_order')
      .orderBy('p.id')
      .orderBy('ci.sort_order')
      .orderBy('ci.id'),
  );
}

export function counties(db: ReadDb): { id: number; name: string; cityId: number }[] {
  return all(db, qb.selectFrom('county').select(['id', 'name', 'city_id as cityId']).orderBy('city_id').orderBy('code').orderBy('id'));
}

export function memberExists(db: ReadDb, table: 'city' | 'county' | 'salesperson' | 'customer', id: number): boolean {
  return first(db, qb.selectFrom(table).select('id').where('id', '=', id)) !== undefined;
}

export function countyCity(db: ReadDb, countyId: number): number | undefined {
  return first(db, qb.selectFrom('county').select('city_id').where('id', '=', countyId))?.city_id;
}

/** Active distributors and sub-distributors per county (those that name their county). */
export function activeDealersByCounty(db: ReadDb): { county_id: number; n: number }[] {
  return all(
    db,
    qb
      .selectFrom('customer')
      .select([sql<number>`county_id`.as('county_id'), sql<number>`COUNT(*)`.as('n')])
      .where('tier', 'in', ['distributor', 'sub_distributor'])
      .where('status', '=', 'active')
      .where('county_id', 'is not', null)
      .groupBy('county_id'),
  );
}

/** Each customer's first month with sales (monthly summary), of the given customers. */
export function firstOrderPeriods(db: ReadDb, customerIds: readonly number[]): { customer_id: number; period: number }[] {
  if (customerIds.length === 0) return [];
  return all(
    db,
    qb
      .selectFrom('sales_month_customer')
      .select(['customer_id', sql<number>`MIN(period)`.as('period')])
      .where('customer_id', 'in', customerIds)
      .where('amount_cents', '>', 0)
      .groupBy('customer_id'),
  );
}

/** The salespeople assigned to each city (the first by id is the demo's owner of the city's plans). */
export function citySalespeople(db: ReadDb): { city_id: number; salesperson_id: number }[] {
  return all(db, qb.selectFrom('salesperson_city').select(['city_id', 'salesperson_id']).orderBy('city_id').orderBy('salesperson_id'));
}

/** Each customer's main channel. */
export function customerMainChannels(db: ReadDb): { id: number; channel_id: number }[] {
  return all(db, qb.selectFrom('customer').select(['id', 'channel_id']).orderBy('id'));
}

export function insertCustomer(db: WriteDb, row: Omit<CustomerRow, 'id'>): number {
  return Number(run(db, qb.insertInto('customer').values(row)).lastInsertRowid);
}
