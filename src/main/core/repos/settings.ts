import type Database from 'better-sqlite3';
import { Kysely, DummyDriver, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DB } from '../db/schema';
import { first, run } from '../db/exec';

/** A query builder with no connection: queries are compiled and run by db/exec. */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export function getSetting<T>(sqlite: Database.Database, key: string): T | undefined {
  const row = first(sqlite, qb.selectFrom('setting').select('value').where('key', '=', key));
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function putSetting(sqlite: Database.Database, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  run(
    sqlite,
    qb.insertInto('setting').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
  );
}
