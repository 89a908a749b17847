import { sql, type Generated } from 'kysely';
import type { Db, StoreDialect } from './dialect';

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
  /** Names by code (province, city, channel, brand, category, sku, expense item): the dimensions. */
  dim: {
    kind: string;
    code: string;
    name: string;
    parent_code: string | null;
  };
}

export const HQ_SCHEMA_VERSION = 1;

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
    `CREATE INDEX receipt_region ON receipt (region_key)`,
    `CREATE INDEX decision_region ON decision (region_key)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
