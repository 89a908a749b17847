import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The submission log: every plan package sent to head office. A revision counts up per
// plan year and is never taken back, so a row is never deleted and what identifies the
// package (its snapshot, file, size, fingerprints, what it replaces) never changes; only
// head office's answer is filled in when it comes back. The snapshot a row names is a
// frozen plan version, kept for ever like every snapshot.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE submission (
      id INTEGER PRIMARY KEY,
      plan_year INTEGER NOT NULL CHECK (plan_year BETWEEN 2000 AND 2200),
      revision INTEGER NOT NULL CHECK (revision >= 1),
      version_id INTEGER NOT NULL REFERENCES plan_version(id),
      created_at TEXT NOT NULL,
      package_id TEXT NOT NULL UNIQUE,
      file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
      workbook_name TEXT,
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      signer_fingerprint TEXT NOT NULL CHECK (length(signer_fingerprint) > 0),
      replaces INTEGER CHECK (replaces IS NULL OR (replaces >= 1 AND replaces < revision)),
      answer_state TEXT CHECK (answer_state IN ('accepted', 'returned')),
      answer_comment TEXT,
      answered_at TEXT,
      CHECK ((answer_state IS NULL) = (answered_at IS NULL)),
      UNIQUE (plan_year, revision)
    ) STRICT`,
    // Revisions never go back: a new one is above every revision of its year.
    sql`CREATE TRIGGER submission_revision_up BEFORE INSERT ON submission
        WHEN NEW.revision <= (SELECT coalesce(max(revision), 0) FROM submission WHERE plan_year = NEW.plan_year)
        BEGIN SELECT RAISE(ABORT, 'a submission revision is never reused'); END`,
    sql`CREATE TRIGGER submission_kept BEFORE DELETE ON submission
        BEGIN SELECT RAISE(ABORT, 'a submission is kept for ever'); END`,
    sql`CREATE TRIGGER submission_fixed BEFORE UPDATE OF id, plan_year, revision, version_id, created_at, package_id, file_name,
        workbook_name, bytes, sha256, signer_fingerprint, replaces ON submission
        BEGIN SELECT RAISE(ABORT, 'a submission is kept as it was sent'); END`,
  ];
  for (const s of statements) await s.execute(db);
}
