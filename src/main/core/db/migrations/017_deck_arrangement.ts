import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The review meeting's deck: the slides' figures are built from the file on every
// read; only the manager's arrangement is stored, per plan version and document: each
// slide's place, whether it is shown, its own title and speaker notes (NULL: the
// app's). A snapshot's arrangement can still change: it is how the snapshot is
// presented, not what was planned, so no freezing trigger guards it.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE deck_slide (
      version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
      doc TEXT NOT NULL CHECK (doc IN ('review', 'plan')),
      slide_key TEXT NOT NULL CHECK (length(slide_key) BETWEEN 1 AND 80),
      position INTEGER NOT NULL CHECK (position >= 0),
      hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
      title TEXT CHECK (title IS NULL OR length(trim(title)) > 0),
      notes TEXT,
      PRIMARY KEY (version_id, doc, slide_key)
    ) STRICT, WITHOUT ROWID`,
  ];
  for (const s of statements) await s.execute(db);
}
