import { sql, type Generated } from 'kysely';
import type { Db, DdlTypes, StoreDialect } from './dialect';

// The head-office workspace's tables, written once for both stores; the column types
// come from the dialect. Values come back as the dialect makes them: numbers, 0/1 for
// booleans, ISO text for times, JSON as text.

export interface HqDatabase {
  cycle: {
    id: number;
    plan_year: number;
    name: string;
    /** Head office's tolerance on a region's gap to its target, a fraction (0.01 = 1%). */
    tolerance: number;
    /** The expense-ratio cap (budget ÷ plan amount), a fraction, or null. */
    expense_cap: number | null;
    /** The date packages are due (YYYY-MM-DD), or null. */
    due_date: string | null;
    created_at: string;
  };
  region: {
    /** The workspace's own key for a region (a partition of the facts). */
    key: Generated<number>;
    /** The region file's UUID, null until the first package of a region expected by name. */
    id: string | null;
    name: string;
    expected: number;
    fingerprint: string | null;
    public_key: string | null;
    state: 'pending' | 'submitted' | 'returned' | 'confirmed';
    package_id: string | null;
    revision: number | null;
    sort_order: number;
  };
  receipt: {
    id: Generated<number>;
    received_at: string;
    received_by: string;
    file_name: string;
    file_sha256: string;
    fingerprint: string | null;
    package_id: string | null;
    region_key: number | null;
    region_name: string | null;
    revision: number | null;
    verdict: 'accepted' | 'refused';
    reason: string | null;
    params: string;
    words: string;
  };
  package: {
    package_id: string;
    region_key: number;
    revision: number;
    replaces: number | null;
    created_at: string;
    received_at: string;
    receipt_id: number;
    fingerprint: string;
    manifest: string;
    plan_cents: number;
    volume: number;
    gross_profit_cents: number;
    budget_cents: number;
  };
  decision: {
    id: Generated<number>;
    region_key: number;
    package_id: string | null;
    kind: 'returned' | 'confirmed' | 'reopened';
    comment: string;
    decided_at: string;
    decided_by: string;
  };
  ho_target: {
    region_key: number;
    month: number;
    /** '' when the target is not by brand / channel. */
    brand_code: string;
    channel_code: string;
    amount_cents: number;
    volume: number;
  };
  plan_fact: {
    region_key: number;
    month: number;
    province_code: string;
    city_code: string;
    channel_code: string;
    brand_code: string;
    category_code: string;
    sku_code: string;
    amount_cents: number;
    volume: number;
    gross_profit_cents: number;
  };
  /**
   * The accepted revision's plan by region × month (its control totals, which the
   * package's checks found equal to its rows): what the board and the national view by
   * region × month read, a dozen rows a region instead of its facts.
   */
  plan_month: {
    region_key: number;
    month: number;
    amount_cents: number;
    volume: number;
    gross_profit_cents: number;
  };
  expense_fact: {
    region_key: number;
    item_code: string;
    month: number;
    amount_cents: number;
  };
  /** The accepted revision's terminal plan by channel: stores listed now, stores to open. */
  terminal_plan: {
    region_key: number;
    channel_code: string;
    stores: number;
    stores_to_open: number;
  };
  /** Its distribution and shelf-share targets by channel × category, as store-weighted sums (db/planCopy's CopyTerminalShare). */
  terminal_share: {
    region_key: number;
    channel_code: string;
    category_code: string;
    distribution_sum: number;
    distribution_weight: number;
    shelf_sum: number;
    shelf_weight: number;
  };
  /** Its channel customer plan, one value per measure (db/planCopy's CHANNEL_MEASURES). */
  channel_plan: {
    region_key: number;
    measure: string;
    value: number;
  };
  /** Names by code (province, city, channel, brand, category, sku, expense item): the dimensions. */
  dim: {
    kind: string;
    code: string;
    name: string;
    parent_code: string | null;
  };
}

/** 2: the terminal and channel plans (terminal_plan, terminal_share, channel_plan). */
export const HQ_SCHEMA_VERSION = 2;

/**
 * The tables version 2 added, IF NOT EXISTS: run by createSchema, and by openHqStore to
 * bring a version-1 workspace up (its regions' figures come with their next revision).
 */
export function version2Ddl(t: DdlTypes): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS terminal_plan (region_key ${t.int} NOT NULL, channel_code ${t.text} NOT NULL, stores ${t.bigint} NOT NULL,
      stores_to_open ${t.bigint} NOT NULL, PRIMARY KEY (region_key, channel_code))`,
    `CREATE TABLE IF NOT EXISTS terminal_share (region_key ${t.int} NOT NULL, channel_code ${t.text} NOT NULL, category_code ${t.text} NOT NULL,
      distribution_sum ${t.real} NOT NULL, distribution_weight ${t.bigint} NOT NULL, shelf_sum ${t.real} NOT NULL, shelf_weight ${t.bigint} NOT NULL,
      PRIMARY KEY (region_key, channel_code, category_code))`,
    `CREATE TABLE IF NOT EXISTS channel_plan (region_key ${t.int} NOT NULL, measure ${t.text} NOT NULL, value ${t.bigint} NOT NULL,
      PRIMARY KEY (region_key, measure))`,
  ];
}

/** Brings a workspace of an older version up to this build's, in one transaction. */
export async function upgradeSchema(db: Db, d: StoreDialect, from: number): Promise<void> {
  await d.writing(db, async (trx) => {
    if (from < 2) for (const s of version2Ddl(d.types)) await sql.raw(s).execute(trx);
    await d.setSchemaVersion(trx, HQ_SCHEMA_VERSION);
  });
}

/** Creates the tables of a new workspace. */
export async function createSchema(db: Db, d: StoreDialect): Promise<void> {
  const t = d.types;
  const statements = [
    `CREATE TABLE cycle (id ${t.int} PRIMARY KEY CHECK (id = 1), plan_year ${t.int} NOT NULL, name ${t.text} NOT NULL,
      tolerance ${t.real} NOT NULL, expense_cap ${t.real}, due_date ${t.text}, created_at ${t.timestamp} NOT NULL)`,
    `CREATE TABLE region (key ${t.id}, id ${t.text} UNIQUE, name ${t.text} NOT NULL UNIQUE, expected ${t.bool} NOT NULL,
      fingerprint ${t.text}, public_key ${t.text},
      state ${t.text} NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'submitted', 'returned', 'confirmed')),
      package_id ${t.text}, revision ${t.int}, sort_order ${t.int} NOT NULL DEFAULT 0)`,
    `CREATE TABLE receipt (id ${t.id}, received_at ${t.timestamp} NOT NULL, received_by ${t.text} NOT NULL, file_name ${t.text} NOT NULL,
      file_sha256 ${t.text} NOT NULL, fingerprint ${t.text}, package_id ${t.text}, region_key ${t.int} REFERENCES region(key),
      region_name ${t.text}, revision ${t.int}, verdict ${t.text} NOT NULL CHECK (verdict IN ('accepted', 'refused')),
      reason ${t.text}, params ${t.text} NOT NULL, words ${t.text} NOT NULL)`,
    `CREATE TABLE package (package_id ${t.text} PRIMARY KEY, region_key ${t.int} NOT NULL REFERENCES region(key), revision ${t.int} NOT NULL,
      replaces ${t.int}, created_at ${t.timestamp} NOT NULL, received_at ${t.timestamp} NOT NULL, receipt_id ${t.bigint} NOT NULL,
      fingerprint ${t.text} NOT NULL, manifest ${t.json} NOT NULL, plan_cents ${t.bigint} NOT NULL, volume ${t.bigint} NOT NULL,
      gross_profit_cents ${t.bigint} NOT NULL, budget_cents ${t.bigint} NOT NULL, UNIQUE (region_key, revision))`,
    `CREATE TABLE decision (id ${t.id}, region_key ${t.int} NOT NULL REFERENCES region(key), package_id ${t.text},
      kind ${t.text} NOT NULL CHECK (kind IN ('returned', 'confirmed', 'reopened')), comment ${t.text} NOT NULL,
      decided_at ${t.timestamp} NOT NULL, decided_by ${t.text} NOT NULL)`,
    `CREATE TABLE ho_target (region_key ${t.int} NOT NULL REFERENCES region(key), month ${t.int} NOT NULL CHECK (month BETWEEN 1 AND 12),
      brand_code ${t.text} NOT NULL DEFAULT '', channel_code ${t.text} NOT NULL DEFAULT '',
      amount_cents ${t.bigint} NOT NULL, volume ${t.bigint} NOT NULL, PRIMARY KEY (region_key, month, brand_code, channel_code))`,
    ...d.factTableDdl(),
    `CREATE TABLE plan_month (region_key ${t.int} NOT NULL, month ${t.int} NOT NULL, amount_cents ${t.bigint} NOT NULL,
      volume ${t.bigint} NOT NULL, gross_profit_cents ${t.bigint} NOT NULL, PRIMARY KEY (region_key, month))`,
    `CREATE TABLE expense_fact (region_key ${t.int} NOT NULL, item_code ${t.text} NOT NULL, month ${t.int} NOT NULL,
      amount_cents ${t.bigint} NOT NULL, PRIMARY KEY (region_key, item_code, month))`,
    `CREATE TABLE dim (kind ${t.text} NOT NULL, code ${t.text} NOT NULL, name ${t.text} NOT NULL, parent_code ${t.text}, PRIMARY KEY (kind, code))`,
    ...version2Ddl(t),
    `CREATE INDEX receipt_region ON receipt (region_key)`,
    `CREATE INDEX decision_region ON decision (region_key)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
