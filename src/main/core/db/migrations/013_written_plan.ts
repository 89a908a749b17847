import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The written plan: plan_narrative holds, per plan version, the plan's seven sections and
// the review's commentary (亮點/問題/改進 of each review chapter) as a structured
// rich-text document in JSON (src/shared/planWritten.ts), no longer plain text. The
// table is rebuilt for the wider list of sections; a plain-text body written before
// becomes a document of one paragraph per line. A snapshot's text never changes: the
// triggers refuse it as target_fact's do.

const SECTIONS = [
  'summary', 'market', 'objectives', 'strategies', 'programs', 'budget', 'monitoring',
  ...['sales', 'channel', 'terminal', 'expense', 'management'].flatMap((c) => ['highlights', 'problems', 'improvements'].map((p) => `review.${c}.${p}`)),
];

function textToDoc(body: string): string {
  const blocks = body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] }));
  return JSON.stringify({ type: 'doc', blocks });
}

export async function up(db: Kysely<any>): Promise<void> {
  const old = await sql<{ version_id: number; section: string; body: string }>`SELECT version_id, section, body FROM plan_narrative`.execute(db);
  const list = sql.join(SECTIONS.map((s) => sql.lit(s)));
  const statements = [
    sql`DROP TABLE plan_narrative`,
    sql`CREATE TABLE plan_narrative (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      section TEXT NOT NULL CHECK (section IN (${list})),
      body TEXT NOT NULL CHECK (json_valid(body) AND json_extract(body, '$.type') = 'doc'),
      PRIMARY KEY (version_id, section)
    ) STRICT, WITHOUT ROWID`,
  ];
  for (const s of statements) await s.execute(db);
  for (const r of old.rows) {
    if (r.body.trim() === '') continue;
    await sql`INSERT INTO plan_narrative (version_id, section, body) VALUES (${r.version_id}, ${r.section}, ${textToDoc(r.body)})`.execute(db);
  }
  const triggers = [
    sql`CREATE TRIGGER plan_narrative_frozen_insert BEFORE INSERT ON plan_narrative
        WHEN (SELECT frozen FROM plan_version WHERE id = NEW.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE TRIGGER plan_narrative_frozen_update BEFORE UPDATE ON plan_narrative
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
    sql`CREATE TRIGGER plan_narrative_frozen_delete BEFORE DELETE ON plan_narrative
        WHEN (SELECT frozen FROM plan_version WHERE id = OLD.version_id) = 1
        BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
  ];
  for (const s of triggers) await s.execute(db);
}
