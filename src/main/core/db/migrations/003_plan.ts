import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// What the manager decides: plan versions, targets, expense budget, promotions,
// team plan, actions and the narrative.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE plan_version (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('working', 'snapshot', 'scenario')),
      scenario TEXT,
      based_on_id INTEGER REFERENCES plan_version(id),
      frozen INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
      created_at TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      CHECK (kind <> 'snapshot' OR frozen = 1)
    ) STRICT`,
    sql`CREATE UNIQUE INDEX plan_version_one_working ON plan_version(kind) WHERE kind = 'working'`,
    // A snapshot, once taken, never changes.
    sql`CREATE TRIGGER plan_version_frozen_stays BEFORE UPDATE ON plan_version
        WHEN OLD.frozen = 1 BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE TRIGGER plan_version_frozen_kept BEFORE DELETE ON plan_version
        WHEN OLD.frozen = 1 BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    // Head office's target for the region, by month of the plan year.
    sql`CREATE TABLE ho_target (
      month INTEGER PRIMARY KEY CHECK (month BETWEEN 1 AND 12),
      amount_cents INTEGER NOT NULL DEFAULT 0,
      volume INTEGER NOT NULL DEFAULT 0,
      gross_profit_cents INTEGER NOT NULL DEFAULT 0,
      new_product_cents INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    // The sparse leaf grain: city x channel x customer x SKU x month. A NULL customer
    // is a target not yet given to a customer (a blank area, a distributor to recruit).
    sql`CREATE TABLE target_fact (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      city_id INTEGER NOT NULL REFERENCES city(id),
      channel_id INTEGER NOT NULL REFERENCES channel(id),
      customer_id INTEGER REFERENCES customer(id),
      sku_id INTEGER NOT NULL REFERENCES sku(id),
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      amount_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX target_fact_cell ON target_fact
        (version_id, city_id, channel_id, ifnull(customer_id, 0), sku_id, month)`,
    sql`CREATE INDEX target_fact_sku ON target_fact(version_id, sku_id)`,
    sql`CREATE INDEX target_fact_customer ON target_fact(customer_id)`,
    // Per-salesperson monthly targets once reconciled and edited by the manager.
    sql`CREATE TABLE salesperson_target (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      salesperson_id INTEGER NOT NULL REFERENCES salesperson(id),
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      amount_cents INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      PRIMARY KEY (version_id, salesperson_id, month)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE expense_item (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER REFERENCES expense_item(id),
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('terminal', 'advertising', 'promotion', 'personnel',
        'travel', 'training', 'meeting', 'other')),
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    // Budget by item and month, optionally split by product, channel or city.
    sql`CREATE TABLE expense_budget (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES expense_item(id),
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      brand_id INTEGER REFERENCES brand(id),
      category_id INTEGER REFERENCES category(id),
      channel_id INTEGER REFERENCES channel(id),
      city_id INTEGER REFERENCES city(id),
      amount_cents INTEGER NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX expense_budget_cell ON expense_budget (version_id, item_id, month,
        ifnull(brand_id, 0), ifnull(category_id, 0), ifnull(channel_id, 0), ifnull(city_id, 0))`,
    sql`CREATE TABLE promotion (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('consumer', 'trade', 'advertising', 'display', 'tasting', 'other')),
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      mechanics TEXT NOT NULL DEFAULT '',
      expected_extra_volume INTEGER NOT NULL DEFAULT 0,
      CHECK (end_date >= start_date)
    ) STRICT`,
    sql`CREATE TABLE promotion_scope (
      promotion_id INTEGER NOT NULL REFERENCES promotion(id) ON DELETE CASCADE,
      dim TEXT NOT NULL CHECK (dim IN ('sku', 'brand', 'category', 'channel', 'city', 'customer')),
      ref_id INTEGER NOT NULL,
      PRIMARY KEY (promotion_id, dim, ref_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE promotion_budget (
      promotion_id INTEGER NOT NULL REFERENCES promotion(id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES expense_item(id),
      amount_cents INTEGER NOT NULL,
      PRIMARY KEY (promotion_id, item_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE headcount_plan (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      headcount INTEGER NOT NULL CHECK (headcount >= 0),
      cost_per_head_cents INTEGER NOT NULL CHECK (cost_per_head_cents >= 0),
      PRIMARY KEY (version_id, role, month)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE training_session (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      topic TEXT NOT NULL,
      audience TEXT NOT NULL DEFAULT '',
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      cost_cents INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    sql`CREATE TABLE action_item (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      owner_id INTEGER REFERENCES salesperson(id),
      due_date TEXT,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
      city_id INTEGER REFERENCES city(id),
      channel_id INTEGER REFERENCES channel(id),
      brand_id INTEGER REFERENCES brand(id),
      measure TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE plan_narrative (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      section TEXT NOT NULL CHECK (section IN ('summary', 'market', 'objectives', 'strategies',
        'programs', 'budget', 'monitoring')),
      body TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (version_id, section)
    ) STRICT, WITHOUT ROWID`,
    // Notes on the causes of a variance (the C of PDCA), for any slice and period.
    sql`CREATE TABLE variance_note (
      id INTEGER PRIMARY KEY,
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012),
      scope_json TEXT NOT NULL CHECK (json_valid(scope_json)),
      body TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
  ];
  for (const s of statements) await s.execute(db);
}
