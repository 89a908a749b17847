import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The terminal plan (終端建設規劃) of each plan version: stores to open by city × channel ×
// month, numeric distribution and shelf-share targets by city × channel × category, and
// per-SKU distribution targets. Targets are ratios (0.35 = 35%), never above 1.
//
// A store the plan means to open is named in the terminal master with the status
// 'prospect' (待開店). SQLite cannot widen a CHECK in place: the terminal table is rebuilt
// with the same ids; store_audit keeps pointing at it by name (the migration runs with
// foreign keys off and is checked with foreign_key_check afterwards).

const CHAPTER_TABLES = ['terminal_open_plan', 'terminal_share_target', 'terminal_sku_target'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE terminal_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    city_id INTEGER NOT NULL REFERENCES city(id),
    county_id INTEGER REFERENCES county(id),
    channel_id INTEGER NOT NULL REFERENCES channel(id),
    store_type TEXT NOT NULL DEFAULT '',
    customer_id INTEGER REFERENCES customer(id),
    owner_id INTEGER REFERENCES salesperson(id),
    address TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'prospect', 'closed'))
  ) STRICT`.execute(db);
  await sql`INSERT INTO terminal_new (id, code, name, city_id, county_id, channel_id, store_type, customer_id, owner_id, address, status)
    SELECT id, code, name, city_id, county_id, channel_id, store_type, customer_id, owner_id, address, status FROM terminal`.execute(db);
  await sql`DROP TABLE terminal`.execute(db);
  await sql`ALTER TABLE terminal_new RENAME TO terminal`.execute(db);
  await sql`CREATE INDEX terminal_city ON terminal(city_id)`.execute(db);
  await sql`CREATE INDEX terminal_customer ON terminal(customer_id)`.execute(db);

  await sql`CREATE TABLE terminal_open_plan (
    version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES city(id),
    channel_id INTEGER NOT NULL REFERENCES channel(id),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    stores INTEGER NOT NULL CHECK (stores >= 0),
    PRIMARY KEY (version_id, city_id, channel_id, month)
  ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE terminal_share_target (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES city(id),
    channel_id INTEGER NOT NULL REFERENCES channel(id),
    category_id INTEGER NOT NULL REFERENCES category(id),
    distribution REAL CHECK (distribution BETWEEN 0 AND 1),
    shelf REAL CHECK (shelf BETWEEN 0 AND 1),
    UNIQUE (version_id, city_id, channel_id, category_id)
  ) STRICT`.execute(db);
  await sql`CREATE TABLE terminal_sku_target (
    version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
    sku_id INTEGER NOT NULL REFERENCES sku(id),
    distribution REAL NOT NULL CHECK (distribution BETWEEN 0 AND 1),
    PRIMARY KEY (version_id, sku_id)
  ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX terminal_share_target_city ON terminal_share_target(city_id)`.execute(db);
  await sql`CREATE INDEX terminal_open_plan_city ON terminal_open_plan(city_id)`.execute(db);

  // A snapshot's rows never change (as target_fact's): it is filled while still
  // unfrozen and frozen in the same transaction.
  for (const table of CHAPTER_TABLES) {
    for (const [op, row] of [['INSERT', 'NEW'], ['UPDATE', 'OLD'], ['DELETE', 'OLD']] as const) {
      await sql`${sql.raw(`CREATE TRIGGER ${table}_frozen_${op.toLowerCase()} BEFORE ${op} ON ${table}
        WHEN (SELECT frozen FROM plan_version WHERE id = ${row}.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`)}`.execute(db);
    }
  }
}
