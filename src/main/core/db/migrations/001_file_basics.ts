import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The region's identity, settings, the undo log and import bookkeeping.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE region_meta (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      region_id     TEXT    NOT NULL CHECK (length(region_id) = 36),
      region_name   TEXT    NOT NULL CHECK (length(region_name) BETWEEN 1 AND 100),
      plan_year     INTEGER NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
      currency      TEXT    NOT NULL DEFAULT 'CNY',
      manager_name  TEXT    NOT NULL DEFAULT '',
      notes         TEXT    NOT NULL DEFAULT '',
      created_at    TEXT    NOT NULL,
      created_by    TEXT    NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE setting (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT, WITHOUT ROWID`.execute(db);

  // One user-visible step (an edit, a paste, a spread) and the row changes it made.
  await sql`
    CREATE TABLE undo_step (
      id         INTEGER PRIMARY KEY,
      label      TEXT    NOT NULL,
      created_at TEXT    NOT NULL,
      undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
    ) STRICT`.execute(db);
  await sql`
    CREATE TABLE undo_change (
      step_id     INTEGER NOT NULL REFERENCES undo_step(id) ON DELETE CASCADE,
      seq         INTEGER NOT NULL,
      table_name  TEXT    NOT NULL,
      row_key     TEXT    NOT NULL CHECK (json_valid(row_key)),
      before_json TEXT    CHECK (before_json IS NULL OR json_valid(before_json)),
      after_json  TEXT    CHECK (after_json IS NULL OR json_valid(after_json)),
      PRIMARY KEY (step_id, seq)
    ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`
    CREATE TABLE import_batch (
      id           INTEGER PRIMARY KEY,
      kind         TEXT    NOT NULL CHECK (kind IN ('sales_actual', 'market_sales', 'store_audit',
                     'customer_visit', 'customer_statement', 'expense_actual', 'master_data', 'demo')),
      source_name  TEXT    NOT NULL,
      source_hash  TEXT    NOT NULL,
      imported_at  TEXT    NOT NULL,
      row_count    INTEGER NOT NULL CHECK (row_count >= 0),
      period_from  INTEGER,
      period_to    INTEGER,
      mapping_name TEXT,
      encoding     TEXT
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE import_mapping (
      id           INTEGER PRIMARY KEY,
      kind         TEXT NOT NULL,
      name         TEXT NOT NULL,
      mapping_json TEXT NOT NULL CHECK (json_valid(mapping_json)),
      updated_at   TEXT NOT NULL,
      UNIQUE (kind, name)
    ) STRICT`.execute(db);
}
