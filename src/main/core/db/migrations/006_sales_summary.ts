import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// Monthly sums of sales_actual per customer and per SKU, kept in step with it by every
// writer (src/main/core/db/salesSummary.ts) inside the writer's own transaction. The
// analysis views read a year from them (about 1/40 of the rows) instead of scanning
// millions of lines. Keyed by ids only, so editing a customer's city or a SKU's brand
// never makes them stale.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE sales_month_customer (
      period INTEGER NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      amount_cents INTEGER NOT NULL,
      gross_profit_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      line_count INTEGER NOT NULL,
      PRIMARY KEY (period, customer_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE sales_month_sku (
      period INTEGER NOT NULL,
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      amount_cents INTEGER NOT NULL,
      gross_profit_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      line_count INTEGER NOT NULL,
      PRIMARY KEY (period, sku_id)
    ) STRICT, WITHOUT ROWID`,
    sql`INSERT INTO sales_month_customer
        SELECT period, customer_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*)
          FROM sales_actual GROUP BY period, customer_id`,
    sql`INSERT INTO sales_month_sku
        SELECT period, sku_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*)
          FROM sales_actual GROUP BY period, sku_id`,
  ];
  for (const s of statements) await s.execute(db);
}
