import type { MemberDimension, Resolution } from '../../../shared/actuals';
import type { ReadDb, WriteDb } from '../db/handle';

// The master data an imported row names (customers, SKUs, cities…), as the import's
// resolver reads it, and the members the user chose to create. Hand-written SQL: the
// table is a parameter (one statement shape for nine tables), and a created member
// gets the schema's column defaults for everything the import does not know, which
// the row types do not describe.

const TABLE: Record<MemberDimension, string> = {
  customer: 'customer',
  sku: 'sku',
  city: 'city',
  brand: 'brand',
  category: 'category',
  terminal: 'terminal',
  salesperson: 'salesperson',
  channel: 'channel',
  expenseItem: 'expense_item',
};

/** What creating a member needs, by the table it points at. */
export type NeedTable = 'province' | 'city' | 'channel' | 'brand' | 'category';

export interface Member {
  id: number;
  code: string;
  name: string;
}

/** Every member of a dimension, by id. */
export function listMembers(db: ReadDb, dimension: MemberDimension): Member[] {
  return db.sqlite.prepare(`SELECT id, code, name FROM ${TABLE[dimension]} ORDER BY id`).all() as Member[];
}

/** Every province, by id (the supporting cities of a bulk create go into one). */
export function listProvinces(db: ReadDb): Member[] {
  return db.sqlite.prepare(`SELECT id, code, name FROM province ORDER BY id`).all() as Member[];
}

export function insertProvinceMember(db: WriteDb, p: Member): void {
  db.sqlite.prepare(`INSERT INTO province (id, code, name) VALUES (?, ?, ?)`).run(p.id, p.code, p.name);
}

export function memberExists(db: ReadDb, table: NeedTable, id: number): boolean {
  return db.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}

/** A member to create, with the id the import's rows already use. */
export interface NewMember {
  dimension: MemberDimension;
  id: number;
  code: string;
  name: string;
  resolution: Resolution;
  /** What a bulk create takes from the file beyond its needs. */
  extra?: {
    /** customer: its salesperson. */
    ownerId?: number;
    /** sku: the file's pack size and price (per case, in 分), which win over the price derived from amounts. */
    packSize?: number;
    listPriceCents?: number;
    /** brand: a brand our SKUs need is ours, not a competitor's. */
    isOwn?: boolean;
  };
}

/** A new SKU's prices, derived from the file. */
export interface NewSkuPrices {
  /** null: not known (no cases in the file). */
  listPriceCents: number | null;
  /** null: not known (the file has no gross profit for it). */
  stdCostCents: number | null;
}

const today = () => new Date().toISOString().slice(0, 10);

export function insertMember(db: WriteDb, c: NewMember, skuPrices: NewSkuPrices): void {
  const r = c.resolution;
  const sqlite = db.sqlite;
  switch (c.dimension) {
    case 'customer':
      sqlite
        .prepare(`INSERT INTO customer (id, code, name, city_id, channel_id, owner_id, tier, status) VALUES (?, ?, ?, ?, ?, ?, 'distributor', 'active')`)
        .run(c.id, c.code, c.name, r.cityId, r.channelId, c.extra?.ownerId ?? null);
      break;
    case 'terminal':
      sqlite.prepare(`INSERT INTO terminal (id, code, name, city_id, channel_id) VALUES (?, ?, ?, ?, ?)`).run(c.id, c.code, c.name, r.cityId, r.channelId);
      break;
    case 'sku':
      sqlite
        .prepare(
          `INSERT INTO sku (id, code, name, brand_id, category_id, pack_size, list_price_cents, std_cost_cents, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
        )
        .run(c.id, c.code, c.name, r.brandId, r.categoryId, c.extra?.packSize ?? null, skuPrices.listPriceCents, skuPrices.stdCostCents);
      break;
    case 'city':
      sqlite.prepare(`INSERT INTO city (id, province_id, code, name) VALUES (?, ?, ?, ?)`).run(c.id, r.provinceId, c.code, c.name);
      break;
    case 'brand':
      // A brand first seen in an import is a competitor's; the brands list can say otherwise.
      sqlite.prepare(`INSERT INTO brand (id, code, name, is_own) VALUES (?, ?, ?, ?)`).run(c.id, c.code, c.name, c.extra?.isOwn ? 1 : 0);
      break;
    case 'category':
      sqlite.prepare(`INSERT INTO category (id, code, name) VALUES (?, ?, ?)`).run(c.id, c.code, c.name);
      break;
    case 'salesperson':
      sqlite.prepare(`INSERT INTO salesperson (id, code, name, role, start_date) VALUES (?, ?, ?, 'sales_rep', ?)`).run(c.id, c.code, c.name, today());
      break;
    case 'channel':
      sqlite.prepare(`INSERT INTO channel (id, code, name) VALUES (?, ?, ?)`).run(c.id, c.code, c.name);
      break;
    case 'expenseItem':
      // A new item stands on its own under 其他 until the items tree places it.
      sqlite.prepare(`INSERT INTO expense_item (id, code, name, kind) VALUES (?, ?, ?, 'other')`).run(c.id, c.code, c.name);
      break;
  }
}
