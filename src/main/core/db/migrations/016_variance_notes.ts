import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// Variance notes (差異分析) become a chapter of a plan version: each note belongs to a
// version, names a period of a kind (a month, a quarter or a year, stored as its first
// month), a cause from an editable list, its author, and the actions it led to. The
// notes an older file may hold go to its working plan as month notes without a cause.
// The default causes are written out here, not taken from code that may change.

const CAUSES: readonly { code: string; name: string }[] = [
  { code: 'PRICE', name: '價格' },
  { code: 'DISTRIBUTION', name: '鋪貨' },
  { code: 'COMPETITOR', name: '競品活動' },
  { code: 'SUPPLY', name: '供貨' },
  { code: 'WEATHER', name: '天氣' },
  { code: 'TEAM', name: '團隊' },
  { code: 'CREDIT', name: '客戶信用' },
  { code: 'OTHER', name: '其他' },
];

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE variance_cause (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    sql`ALTER TABLE variance_note RENAME TO variance_note_old`,
    sql`CREATE TABLE variance_note (
      id INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
      -- The period's first month (yyyymm): a quarter starts in month 1, 4, 7 or 10, a year in 1.
      period INTEGER NOT NULL CHECK (period BETWEEN 200001 AND 210012 AND period % 100 BETWEEN 1 AND 12
        AND (period_kind = 'month' OR (period_kind = 'quarter' AND period % 100 IN (1, 4, 7, 10)) OR (period_kind = 'year' AND period % 100 = 1))),
      scope_json TEXT NOT NULL CHECK (json_valid(scope_json)),
      cause_id INTEGER REFERENCES variance_cause(id),
      body TEXT NOT NULL,
      author TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (cause_id IS NOT NULL OR length(trim(body)) > 0)
    ) STRICT`,
    sql`INSERT INTO variance_note (id, version_id, period_kind, period, scope_json, cause_id, body, author, created_at, updated_at)
      SELECT o.id, (SELECT id FROM plan_version WHERE kind = 'working'), 'month', o.period, o.scope_json, NULL, o.body, '', o.created_at, o.created_at
        FROM variance_note_old o
       WHERE length(trim(o.body)) > 0 AND o.period % 100 BETWEEN 1 AND 12 AND EXISTS (SELECT 1 FROM plan_version WHERE kind = 'working')`,
    sql`DROP TABLE variance_note_old`,
    sql`CREATE INDEX variance_note_version ON variance_note(version_id, period)`,
    sql`CREATE INDEX variance_note_cause ON variance_note(cause_id)`,
    // An action the note led to (the A of PDCA); both of the same plan version.
    sql`CREATE TABLE variance_note_action (
      note_id INTEGER NOT NULL REFERENCES variance_note(id) ON DELETE CASCADE,
      action_id INTEGER NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
      PRIMARY KEY (note_id, action_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX variance_note_action_action ON variance_note_action(action_id)`,
  ];
  for (const s of statements) await s.execute(db);
  // A snapshot's notes never change, whatever code runs (the service refuses first).
  for (const [op, row] of [['INSERT', 'NEW'], ['UPDATE', 'OLD'], ['DELETE', 'OLD']] as const) {
    await sql
      .raw(
        `CREATE TRIGGER variance_note_frozen_${op.toLowerCase()} BEFORE ${op} ON variance_note
          WHEN (SELECT frozen FROM plan_version WHERE id = ${row}.version_id) = 1
          BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER variance_note_action_frozen_${op.toLowerCase()} BEFORE ${op} ON variance_note_action
          WHEN (SELECT v.frozen FROM variance_note n JOIN plan_version v ON v.id = n.version_id WHERE n.id = ${row}.note_id) = 1
          BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
      )
      .execute(db);
  }
  for (const [i, c] of CAUSES.entries()) {
    await sql`INSERT INTO variance_cause (code, name, sort_order) VALUES (${c.code}, ${c.name}, ${i + 1})`.execute(db);
  }
}
