import type Database from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { ReadDb, WriteDb } from './handle';
import type { DB } from './schema';

// Queries are built with Kysely (typed by db/schema.ts) and run synchronously on
// better-sqlite3, so that a whole command, its checks and its undo record run in
// one synchronous transaction. Statements are prepared once per connection and SQL
// text. Reads take a ReadDb, writes a WriteDb: a query's handle cannot write.

/** The query builder. It has no connection of its own: `all`, `first` and `run` execute what it builds. */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection and text: what Kysely builds, and the
 * hand-written statements of repos/ whose text is assembled at run time (a table, a
 * key or a filter: the master data's tables, the actuals grids). The texts are a small
 * set, so the cache stays small.
 */
export function prepared(db: ReadDb, sqlText: string): Database.Statement {
  return statement(db.sqlite, sqlText);
}

function statement(sqlite: Database.Database, sqlText: string): Database.Statement {
  let byText = cache.get(sqlite);
  if (!byText) {
    byText = new Map();
    cache.set(sqlite, byText);
  }
  let stmt = byText.get(sqlText);
  if (!stmt) {
    stmt = sqlite.prepare(sqlText);
    byText.set(sqlText, stmt);
  }
  return stmt;
}

export function all<R>(db: ReadDb, query: Compilable<R>): R[] {
  const c = query.compile();
  return statement(db.sqlite, c.sql).all(...(c.parameters as unknown[])) as R[];
}

export function first<R>(db: ReadDb, query: Compilable<R>): R | undefined {
  const c = query.compile();
  return statement(db.sqlite, c.sql).get(...(c.parameters as unknown[])) as R | undefined;
}

export function run(db: WriteDb, query: Compilable<unknown>): Database.RunResult {
  const c = query.compile();
  return statement(db.sqlite, c.sql).run(...(c.parameters as unknown[]));
}
