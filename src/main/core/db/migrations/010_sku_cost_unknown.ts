import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// A SKU can be known before its cost is: a transaction file (an ERP's sales lines) names
// SKUs with no pack size, list price or standard cost. Those columns become nullable
// (NULL = not known yet, to be completed), so nothing downstream computes a margin from
// an invented 0. SQLite cannot drop NOT NULL in place: the table is rebuilt with the same
// ids, and the tables that refer to sku(id) keep pointing at it by name (the migration
// runs with foreign keys off and is checked with foreign_key_check afterwards).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE sku_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    brand_id INTEGER NOT NULL REFERENCES brand(id),
    category_id INTEGER NOT NULL REFERENCES category(id),
    spec TEXT NOT NULL DEFAULT '',
    pack_size INTEGER CHECK (pack_size > 0),
    unit TEXT NOT NULL DEFAULT 'case',
    list_price_cents INTEGER CHECK (list_price_cents >= 0),
    std_cost_cents INTEGER CHECK (std_cost_cents >= 0),
    launch_date TEXT,
    is_new INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discontinued'))
  ) STRICT`.execute(db);
  await sql`INSERT INTO sku_new (id, code, name, brand_id, category_id, spec, pack_size, unit, list_price_cents, std_cost_cents, launch_date, is_new, status)
    SELECT id, code, name, brand_id, category_id, spec, pack_size, unit, list_price_cents, std_cost_cents, launch_date, is_new, status FROM sku`.execute(db);
  await sql`DROP TABLE sku`.execute(db);
  await sql`ALTER TABLE sku_new RENAME TO sku`.execute(db);
  await sql`CREATE INDEX sku_brand ON sku(brand_id)`.execute(db);
  await sql`CREATE INDEX sku_category ON sku(category_id)`.execute(db);
}
