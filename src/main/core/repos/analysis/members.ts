import { sql } from 'kysely';
import { all, first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import type { BrandRow, CityRow, CustomerRow, SkuRow } from '../../db/schema';

// The dimensions' members as the analysis views need them: does an id exist (a
// filter is checked before it is used), their names, and the option lists of the
// filters, each in the order the region keeps.

/** The member tables a view filters or groups by. */
export type MemberTable = 'province' | 'city' | 'channel' | 'brand' | 'category' | 'customer' | 'salesperson';
/** The member tables with a sort order of their own. */
export type OrderedTable = 'province' | 'city' | 'channel' | 'brand' | 'category';

export function memberExists(db: ReadDb, table: MemberTable, id: number): boolean {
  return first(db, qb.selectFrom(table).select(sql<number>`1`.as('found')).where('id', '=', id)) !== undefined;
}

/** Every member's name, in no particular order. */
export function memberNames(db: ReadDb, table: MemberTable): { id: number; name: string }[] {
  return all(db, qb.selectFrom(table).select(['id', 'name']));
}

/** The members in the region's order (sort order, then id). */
export function orderedMembers(db: ReadDb, table: OrderedTable): { id: number; name: string }[] {
  return all(db, qb.selectFrom(table).select(['id', 'name']).orderBy('sort_order').orderBy('id'));
}

/** The members in the region's order, with their codes. */
export function orderedMembersWithCode(db: ReadDb, table: 'brand' | 'category' | 'channel'): { id: number; code: string; name: string }[] {
  return all(db, qb.selectFrom(table).select(['id', 'code', 'name']).orderBy('sort_order').orderBy('id'));
}

/** The cities grouped by province, each in the region's order. */
export function citiesByProvince(db: ReadDb): { id: number; name: string; provinceId: number }[] {
  return all(
    db,
    qb
      .selectFrom('city as ci')
      .innerJoin('province as p', 'p.id', 'ci.province_id')
      .select(['ci.id', 'ci.name', 'ci.province_id as provinceId'])
      .orderBy('p.sort_order')
      .orderBy('p.id')
      .orderBy('ci.sort_order')
      .orderBy('ci.id'),
  );
}

export function findCity(db: ReadDb, id: number): Pick<CityRow, 'province_id'> | undefined {
  return first(db, qb.selectFrom('city').select('province_id').where('id', '=', id));
}

export function findBrand(db: ReadDb, id: number): Pick<BrandRow, 'is_own'> | undefined {
  return first(db, qb.selectFrom('brand').select('is_own').where('id', '=', id));
}

export function findCustomer(db: ReadDb, id: number): Pick<CustomerRow, 'id' | 'code' | 'name'> | undefined {
  return first(db, qb.selectFrom('customer').select(['id', 'code', 'name']).where('id', '=', id));
}

export function findSku(db: ReadDb, id: number): Pick<SkuRow, 'id' | 'category_id' | 'spec' | 'pack_size'> | undefined {
  return first(db, qb.selectFrom('sku').select(['id', 'category_id', 'spec', 'pack_size']).where('id', '=', id));
}

/** Every brand, ours and competitors', in no particular order. */
export function allBrands(db: ReadDb): Pick<BrandRow, 'id' | 'name' | 'is_own' | 'sort_order'>[] {
  return all(db, qb.selectFrom('brand').select(['id', 'name', 'is_own', 'sort_order']));
}

/** The brands in the region's order; with `ownFirst`, ours before the competitors'. */
export function orderedBrands(db: ReadDb, ownFirst: boolean): Pick<BrandRow, 'id' | 'name' | 'is_own'>[] {
  let q = qb.selectFrom('brand').select(['id', 'name', 'is_own']);
  if (ownFirst) q = q.orderBy('is_own', 'desc');
  return all(db, q.orderBy('sort_order').orderBy('id'));
}

/** Our own brands in the region's order. */
export function ownBrands(db: ReadDb): Pick<BrandRow, 'id' | 'name'>[] {
  return all(db, qb.selectFrom('brand').select(['id', 'name']).where('is_own', '=', 1).orderBy('sort_order').orderBy('id'));
}
