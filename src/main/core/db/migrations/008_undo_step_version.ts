import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// The plan version an undo step changed (NULL: none, or a step written before this
// column existed), so that undo and redo can name it and switch the target page to it
// before they change a version that is not on screen. No foreign key: deleting a
// scenario clears the undo log, and a step must never block a version's deletion.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE undo_step ADD COLUMN version_id INTEGER`.execute(db);
}
