import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// Target planning: undo records for edits that touch many rows at once (a spread
// over a million leaf cells), the locks a manager puts on slices of a version, and
// each version's seasonality profile.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // One bulk record holds many rows of one table as packed columns (deflated
    // Float64 arrays): the row ids, delta-encoded, and an image. 'update': the
    // values of `columns` before the step, then after it. 'insert': the inserted
    // rows' values of `columns`; undo deletes those ids and redo inserts them again.
    sql`CREATE TABLE undo_bulk (
      step_id INTEGER NOT NULL REFERENCES undo_step(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      table_name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('update', 'insert')),
      columns TEXT NOT NULL CHECK (json_valid(columns)),
      row_count INTEGER NOT NULL CHECK (row_count >= 0),
      ids BLOB NOT NULL,
      image BLOB NOT NULL,
      PRIMARY KEY (step_id, seq)
    ) STRICT, WITHOUT ROWID`,
    // A locked slice of a version: dimension → id pairs (JSON), and a month (0: all).
    sql`CREATE TABLE target_lock (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      scope_json TEXT NOT NULL CHECK (json_valid(scope_json)),
      month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
      created_at TEXT NOT NULL
    ) STRICT`,
    // A snapshot's cells never change either: the version row was already guarded
    // (migration 3); these guard its leaf cells. A snapshot is filled while it is
    // still unfrozen and frozen in the same transaction.
    sql`CREATE TRIGGER target_fact_frozen_insert BEFORE INSERT ON target_fact
        WHEN (SELECT frozen FROM plan_version WHERE id = NEW.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE TRIGGER target_fact_frozen_update BEFORE UPDATE ON target_fact
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE TRIGGER target_fact_frozen_delete BEFORE DELETE ON target_fact
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE UNIQUE INDEX target_lock_slice ON target_lock(version_id, scope_json, month)`,
    // A version's own seasonality profile (absent: the profile from history).
    sql`CREATE TABLE target_season (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      weight REAL NOT NULL CHECK (weight >= 0),
      PRIMARY KEY (version_id, month)
    ) STRICT, WITHOUT ROWID`,
  ];
  for (const s of statements) await s.execute(db);
}
