import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// What later imports took from a batch: an import of the same source replaces the
// earlier rows of its months, and an import of another source overwrites rows with the
// same key (their batch_id becomes the new batch's). The rows themselves keep no trace of
// whose they were, so the import records it here, in its own transaction, and a batch can
// say "M of its N rows were overwritten by that batch". A taking batch that is removed
// leaves its file's name (by_batch_id becomes NULL): the rows it took stay gone.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE import_batch_loss (
      id          INTEGER PRIMARY KEY,
      batch_id    INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
      by_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
      by_file     TEXT    NOT NULL,
      action      TEXT    NOT NULL CHECK (action IN ('replace', 'overwrite')),
      row_count   INTEGER NOT NULL CHECK (row_count > 0)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX import_batch_loss_batch ON import_batch_loss(batch_id)`.execute(db);
  await sql`CREATE INDEX import_batch_loss_by ON import_batch_loss(by_batch_id)`.execute(db);
}
