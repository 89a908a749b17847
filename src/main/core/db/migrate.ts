import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { MIGRATIONS, type Migration } from './migrations';
import type { DB } from './schema';

/**
 * Brings the file to the newest schema. All pending migrations and the new
 * user_version run in one transaction: a process killed half-way leaves the old
 * schema, never a mix (SQLite's DDL and PRAGMA user_version are transactional).
 * The caller writes the backup copy first.
 */
export async function migrate(
  sqlite: Database.Database,
  db: Kysely<DB>,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const from = sqlite.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  const to = pending[pending.length - 1].version;
  // Foreign keys cannot be switched inside a transaction; migrations may rebuild
  // tables, so they run with checks off and are verified with foreign_key_check.
  sqlite.pragma('foreign_keys = OFF');
  try {
    await db.transaction().execute(async (trx) => {
      for (const m of pending) {
        await m.up(trx);
      }
      const problems = sqlite.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) throw new Error(`migration to ${to} broke ${problems.length} foreign keys`);
      // PRAGMA takes no bound parameters; `to` is an integer from our own list.
      sqlite.pragma(`user_version = ${Number(to)}`);
    });
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { from, to };
}
