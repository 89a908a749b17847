import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';

// Queries are built with Kysely (typed) and run synchronously on better-sqlite3, so
// that a whole edit, its undo record and its checks run in one synchronous
// transaction. Statements are prepared once per connection and SQL text.

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

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

export function all<R>(sqlite: Database.Database, query: Compilable<R>): R[] {
  const c = query.compile();
  return statement(sqlite, c.sql).all(...(c.parameters as unknown[])) as R[];
}

export function first<R>(sqlite: Database.Database, query: Compilable<R>): R | undefined {
  const c = query.compile();
  return statement(sqlite, c.sql).get(...(c.parameters as unknown[])) as R | undefined;
}

export function run(sqlite: Database.Database, query: Compilable<unknown>): Database.RunResult {
  const c = query.compile();
  return statement(sqlite, c.sql).run(...(c.parameters as unknown[]));
}
