import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The product plan (品牌與產品規劃) of each plan version: the channel positioning of
// each brand and category, and the new products to launch.
export async function up(db: Kysely<any>): Promise<void> {
  const frozenGuards = (table: string) =>
    (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => {
      const row = op === 'INSERT' ? 'NEW' : 'OLD';
      return sql.raw(`CREATE TRIGGER ${table}_frozen_${op.toLowerCase()} BEFORE ${op} ON ${table}
        WHEN (SELECT frozen FROM plan_version WHERE id = ${row}.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`);
    });
  const statements = [
    // Which channels a brand or a category focuses on. Only 'focus' and 'not_sold' are
    // stored: a brand or category × channel without a row is sold there normally.
    // Rows have an id of their own, so that master data's reassign and merge can point
    // them at another channel, brand or category by key.
    sql`CREATE TABLE product_position (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      brand_id INTEGER REFERENCES brand(id),
      category_id INTEGER REFERENCES category(id),
      channel_id INTEGER NOT NULL REFERENCES channel(id),
      focus TEXT NOT NULL CHECK (focus IN ('focus', 'not_sold')),
      CHECK ((brand_id IS NULL) <> (category_id IS NULL))
    ) STRICT`,
    sql`CREATE UNIQUE INDEX product_position_key ON product_position(version_id, ifnull(brand_id, 0), ifnull(category_id, 0), channel_id)`,
    // A new SKU's launch in the plan year. promotion_id names a promotion of the
    // calendar but is not a foreign key: promotions belong to the working version and
    // are not copied into snapshots, and a snapshot's rows must never change when a
    // promotion is deleted; the reader says when the promotion is gone.
    sql`CREATE TABLE new_product (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      launch_period INTEGER NOT NULL CHECK (launch_period BETWEEN 200001 AND 210012 AND launch_period % 100 BETWEEN 1 AND 12),
      target_distribution REAL NOT NULL DEFAULT 0 CHECK (target_distribution BETWEEN 0 AND 1),
      target_cents INTEGER NOT NULL DEFAULT 0 CHECK (target_cents >= 0),
      promotion_id INTEGER,
      support_cents INTEGER NOT NULL DEFAULT 0 CHECK (support_cents >= 0),
      note TEXT NOT NULL DEFAULT '',
      UNIQUE (version_id, sku_id)
    ) STRICT`,
    // The channels a new product launches in; they follow their product when master
    // data moves it to another SKU (ON UPDATE CASCADE).
    sql`CREATE TABLE new_product_channel (
      version_id INTEGER NOT NULL,
      sku_id INTEGER NOT NULL,
      channel_id INTEGER NOT NULL REFERENCES channel(id),
      PRIMARY KEY (version_id, sku_id, channel_id),
      FOREIGN KEY (version_id, sku_id) REFERENCES new_product(version_id, sku_id) ON DELETE CASCADE ON UPDATE CASCADE
    ) STRICT, WITHOUT ROWID`,
    // A snapshot's product plan never changes, like its target cells (migration 5).
    ...frozenGuards('product_position'),
    ...frozenGuards('new_product'),
    ...frozenGuards('new_product_channel'),
  ];
  for (const s of statements) await s.execute(db);
}
