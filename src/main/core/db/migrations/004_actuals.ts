import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// What happened: sales actuals, market data, store audits, visits, statements and
// actual expenses. Periods are INTEGER yyyymm. Every imported row names its batch,
// so removing a batch removes exactly its rows.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // Clustered by period: the region total by month is one ordered scan.
    sql`CREATE TABLE sales_actual (
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012),
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      amount_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      gross_profit_cents INTEGER NOT NULL,
      batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
      PRIMARY KEY (period, customer_id, sku_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX sales_actual_customer ON sales_actual(customer_id, period)`,
    sql`CREATE INDEX sales_actual_sku ON sales_actual(sku_id, period)`,
    sql`CREATE INDEX sales_actual_batch ON sales_actual(batch_id)`,
    sql`CREATE TABLE market_sales (
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012),
      city_id INTEGER NOT NULL REFERENCES city(id),
      category_id INTEGER NOT NULL REFERENCES category(id),
      brand_id INTEGER NOT NULL REFERENCES brand(id),
      amount_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL DEFAULT 0,
      batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
      PRIMARY KEY (period, city_id, category_id, brand_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX market_sales_batch ON market_sales(batch_id)`,
    sql`CREATE TABLE store_audit (
      id INTEGER PRIMARY KEY,
      audit_date TEXT NOT NULL,
      terminal_id INTEGER NOT NULL REFERENCES terminal(id),
      auditor_id INTEGER REFERENCES salesperson(id),
      batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE
    ) STRICT`,
    sql`CREATE INDEX store_audit_terminal ON store_audit(terminal_id, audit_date)`,
    sql`CREATE INDEX store_audit_date ON store_audit(audit_date)`,
    sql`CREATE INDEX store_audit_batch ON store_audit(batch_id)`,
    // One line per brand and category seen in the store (ours and competitors').
    sql`CREATE TABLE store_audit_brand (
      audit_id INTEGER NOT NULL REFERENCES store_audit(id) ON DELETE CASCADE,
      brand_id INTEGER NOT NULL REFERENCES brand(id),
      category_id INTEGER NOT NULL REFERENCES category(id),
      skus_on_shelf INTEGER NOT NULL CHECK (skus_on_shelf >= 0),
      facings INTEGER NOT NULL CHECK (facings >= 0),
      shelf_price_cents INTEGER,
      has_display INTEGER NOT NULL DEFAULT 0 CHECK (has_display IN (0, 1)),
      sellout_cents INTEGER,
      PRIMARY KEY (audit_id, brand_id, category_id)
    ) STRICT, WITHOUT ROWID`,
    // Our SKUs found on the shelf, for per-SKU distribution.
    sql`CREATE TABLE store_audit_sku (
      audit_id INTEGER NOT NULL REFERENCES store_audit(id) ON DELETE CASCADE,
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      facings INTEGER NOT NULL DEFAULT 0,
      shelf_price_cents INTEGER,
      PRIMARY KEY (audit_id, sku_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE customer_visit (
      id INTEGER PRIMARY KEY,
      visit_date TEXT NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      salesperson_id INTEGER REFERENCES salesperson(id),
      sales_goal TEXT NOT NULL DEFAULT '',
      business_goal TEXT NOT NULL DEFAULT '',
      outcome TEXT NOT NULL DEFAULT '',
      complaints TEXT NOT NULL DEFAULT '',
      batch_id INTEGER REFERENCES import_batch(id) ON DELETE CASCADE
    ) STRICT`,
    sql`CREATE INDEX customer_visit_customer ON customer_visit(customer_id, visit_date)`,
    sql`CREATE INDEX customer_visit_batch ON customer_visit(batch_id)`,
    sql`CREATE TABLE visit_stock (
      visit_id INTEGER NOT NULL REFERENCES customer_visit(id) ON DELETE CASCADE,
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      stock_volume INTEGER NOT NULL,
      PRIMARY KEY (visit_id, sku_id)
    ) STRICT, WITHOUT ROWID`,
    // Prices seen at a visit: ours by SKU, competitors' by brand and product label.
    sql`CREATE TABLE visit_price (
      id INTEGER PRIMARY KEY,
      visit_id INTEGER NOT NULL REFERENCES customer_visit(id) ON DELETE CASCADE,
      brand_id INTEGER NOT NULL REFERENCES brand(id),
      sku_id INTEGER REFERENCES sku(id),
      product_label TEXT NOT NULL DEFAULT '',
      purchase_price_cents INTEGER,
      retail_price_cents INTEGER
    ) STRICT`,
    sql`CREATE INDEX visit_price_visit ON visit_price(visit_id)`,
    sql`CREATE TABLE visit_promise (
      id INTEGER PRIMARY KEY,
      visit_id INTEGER NOT NULL REFERENCES customer_visit(id) ON DELETE CASCADE,
      promise TEXT NOT NULL,
      due_date TEXT,
      done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
    ) STRICT`,
    sql`CREATE INDEX visit_promise_visit ON visit_promise(visit_id)`,
    sql`CREATE TABLE customer_statement (
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012),
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      inventory_cents INTEGER NOT NULL DEFAULT 0,
      inventory_volume INTEGER NOT NULL DEFAULT 0,
      receivable_cents INTEGER NOT NULL DEFAULT 0,
      prepayment_cents INTEGER NOT NULL DEFAULT 0,
      batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
      PRIMARY KEY (period, customer_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX customer_statement_batch ON customer_statement(batch_id)`,
    sql`CREATE TABLE expense_actual (
      id INTEGER PRIMARY KEY,
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012),
      item_id INTEGER NOT NULL REFERENCES expense_item(id),
      brand_id INTEGER REFERENCES brand(id),
      category_id INTEGER REFERENCES category(id),
      channel_id INTEGER REFERENCES channel(id),
      city_id INTEGER REFERENCES city(id),
      amount_cents INTEGER NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      batch_id INTEGER REFERENCES import_batch(id) ON DELETE CASCADE
    ) STRICT`,
    sql`CREATE INDEX expense_actual_period ON expense_actual(period, item_id)`,
    sql`CREATE INDEX expense_actual_batch ON expense_actual(batch_id)`,
  ];
  for (const s of statements) await s.execute(db);
}
