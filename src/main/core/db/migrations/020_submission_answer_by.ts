import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// Head office's answer now says who decided, as its signed return file does; answers
// recorded before have none.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE submission ADD COLUMN answered_by TEXT CHECK (answered_by IS NULL OR length(answered_by) BETWEEN 1 AND 100)`.execute(db);
}
