import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The channel customer plan (渠道客戶建設規劃) of a plan version: how each blank area is to
// be filled (channel_fill_plan), the recruitment pipeline of prospective customers
// (channel_prospect: a customer of the master data, usually of prospect status), and the
// planned changes to existing customers (channel_customer_change). Months are yyyymm
// periods, so a month outside the plan year can be told apart from one inside it (the
// service refuses it). A snapshot's rows never change: triggers refuse any insert,
// update or delete of a frozen version's rows (nor moves a row into one), as for the
// target cells.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE channel_fill_plan (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      city_id INTEGER NOT NULL REFERENCES city(id),
      county_id INTEGER REFERENCES county(id),
      fill_period INTEGER CHECK (fill_period BETWEEN 200001 AND 210012 AND fill_period % 100 BETWEEN 1 AND 12),
      method TEXT NOT NULL CHECK (method IN ('recruit', 'extend', 'sub_distributor')),
      via_customer_id INTEGER REFERENCES customer(id),
      owner_id INTEGER REFERENCES salesperson(id),
      first_year_sales_cents INTEGER NOT NULL DEFAULT 0 CHECK (first_year_sales_cents >= 0),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    sql`CREATE UNIQUE INDEX channel_fill_plan_area ON channel_fill_plan(version_id, city_id, ifnull(county_id, 0))`,
    sql`CREATE TABLE channel_prospect (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      stage TEXT NOT NULL CHECK (stage IN ('identified', 'contacted', 'negotiating', 'signed', 'lost')),
      first_order_period INTEGER CHECK (first_order_period BETWEEN 200001 AND 210012 AND first_order_period % 100 BETWEEN 1 AND 12),
      year_sales_cents INTEGER NOT NULL DEFAULT 0 CHECK (year_sales_cents >= 0),
      owner_id INTEGER REFERENCES salesperson(id),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    sql`CREATE UNIQUE INDEX channel_prospect_customer ON channel_prospect(version_id, customer_id)`,
    sql`CREATE TABLE channel_customer_change (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      kind TEXT NOT NULL CHECK (kind IN ('upgrade', 'tier', 'abc', 'credit', 'terminate')),
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012 AND period % 100 BETWEEN 1 AND 12),
      to_tier TEXT CHECK (to_tier IN ('distributor', 'sub_distributor', 'key_account')),
      to_abc TEXT CHECK (to_abc IN ('A', 'B', 'C')),
      to_credit_cents INTEGER CHECK (to_credit_cents >= 0),
      reason TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    sql`CREATE INDEX channel_customer_change_version ON channel_customer_change(version_id, customer_id)`,
  ];
  for (const table of ['channel_fill_plan', 'channel_prospect', 'channel_customer_change']) {
    statements.push(
      sql.raw(`CREATE TRIGGER ${table}_frozen_insert BEFORE INSERT ON ${table}
        WHEN (SELECT frozen FROM plan_version WHERE id = NEW.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`),
      sql.raw(`CREATE TRIGGER ${table}_frozen_update BEFORE UPDATE ON ${table}
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1 OR (SELECT frozen FROM plan_version WHERE id = NEW.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`),
      sql.raw(`CREATE TRIGGER ${table}_frozen_delete BEFORE DELETE ON ${table}
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`),
    );
  }
  for (const s of statements) await s.execute(db);
}
