import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The region's dimensions: the master data.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE province (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    sql`CREATE TABLE city (
      id INTEGER PRIMARY KEY,
      province_id INTEGER NOT NULL REFERENCES province(id),
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    sql`CREATE INDEX city_province ON city(province_id)`,
    sql`CREATE TABLE county (
      id INTEGER PRIMARY KEY,
      city_id INTEGER NOT NULL REFERENCES city(id),
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX county_city ON county(city_id)`,
    sql`CREATE TABLE channel (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT`,
    sql`CREATE TABLE brand (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      is_own INTEGER NOT NULL CHECK (is_own IN (0, 1)),
      manufacturer TEXT NOT NULL DEFAULT '',
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    // Market categories are shared by our brands and competitors, so market share
    // and shelf share compare like with like.
    sql`CREATE TABLE category (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      seasonality TEXT NOT NULL DEFAULT 'flat' CHECK (seasonality IN ('flat', 'summer', 'festival')),
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    // Which brands compete in which category (competitors per category).
    sql`CREATE TABLE brand_category (
      brand_id INTEGER NOT NULL REFERENCES brand(id) ON DELETE CASCADE,
      category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
      PRIMARY KEY (brand_id, category_id)
    ) STRICT, WITHOUT ROWID`,
    // Prices and costs are per case (the sales unit), in cents (分).
    sql`CREATE TABLE sku (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      brand_id INTEGER NOT NULL REFERENCES brand(id),
      category_id INTEGER NOT NULL REFERENCES category(id),
      spec TEXT NOT NULL DEFAULT '',
      pack_size INTEGER NOT NULL CHECK (pack_size > 0),
      unit TEXT NOT NULL DEFAULT 'case',
      list_price_cents INTEGER NOT NULL CHECK (list_price_cents >= 0),
      std_cost_cents INTEGER NOT NULL CHECK (std_cost_cents >= 0),
      launch_date TEXT,
      is_new INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discontinued'))
    ) STRICT`,
    sql`CREATE INDEX sku_brand ON sku(brand_id)`,
    sql`CREATE INDEX sku_category ON sku(category_id)`,
    sql`CREATE TABLE salesperson (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('manager', 'account_manager', 'sales_rep')),
      manager_id INTEGER REFERENCES salesperson(id),
      start_date TEXT NOT NULL,
      end_date TEXT,
      phone TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    sql`CREATE TABLE salesperson_city (
      salesperson_id INTEGER NOT NULL REFERENCES salesperson(id) ON DELETE CASCADE,
      city_id INTEGER NOT NULL REFERENCES city(id),
      PRIMARY KEY (salesperson_id, city_id)
    ) STRICT, WITHOUT ROWID`,
    // channel_id is the primary channel (actuals roll up by it); customer_channel
    // lists further channels the customer also serves.
    sql`CREATE TABLE customer (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      city_id INTEGER NOT NULL REFERENCES city(id),
      county_id INTEGER REFERENCES county(id),
      channel_id INTEGER NOT NULL REFERENCES channel(id),
      tier TEXT NOT NULL CHECK (tier IN ('distributor', 'sub_distributor', 'key_account')),
      parent_id INTEGER REFERENCES customer(id),
      abc_override TEXT CHECK (abc_override IN ('A', 'B', 'C')),
      owner_id INTEGER REFERENCES salesperson(id),
      status TEXT NOT NULL CHECK (status IN ('active', 'prospect', 'terminated')),
      credit_limit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
      receivable_cents INTEGER NOT NULL DEFAULT 0,
      contract_start TEXT,
      contract_end TEXT,
      contact TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT ''
    ) STRICT`,
    sql`CREATE INDEX customer_city ON customer(city_id)`,
    sql`CREATE INDEX customer_owner ON customer(owner_id)`,
    sql`CREATE INDEX customer_parent ON customer(parent_id)`,
    sql`CREATE TABLE customer_channel (
      customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      channel_id INTEGER NOT NULL REFERENCES channel(id),
      PRIMARY KEY (customer_id, channel_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE terminal (
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
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed'))
    ) STRICT`,
    sql`CREATE INDEX terminal_city ON terminal(city_id)`,
    sql`CREATE INDEX terminal_customer ON terminal(customer_id)`,
  ];
  for (const s of statements) await s.execute(db);
}
