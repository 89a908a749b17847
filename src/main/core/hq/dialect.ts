import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { HqDatabase } from './schema';
import { copyFactRows, copyFactSelect, openUntrustedCopy } from '../db/planCopy';

// Everything that differs between the two stores of a head-office workspace lives in
// this file and nowhere else: how a connection is made, the column types of the DDL,
// what the driver hands back (pg returns int8 and numeric as strings, booleans as
// booleans, timestamps as Dates, jsonb parsed: here they all come back as SQLite gives
// them: numbers, 0/1, ISO text, JSON text), the schema version's bookkeeping, how a
// transaction takes the lock that serializes receipts, and how a region's plan facts
// are swapped in bulk (SQLite: INSERT … SELECT from the attached copy; PostgreSQL: a new
// LIST partition filled by COPY FROM STDIN, attached in place of the old one). The
// queries themselves are written once, with Kysely, in the other files.

/** PRAGMA application_id of a head-office workspace file: "RPHQ". */
export const HQ_APPLICATION_ID = 0x52504851;
export const HQ_FILE_EXTENSION = '.rplanhq';

export type HqTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type Db = Kysely<HqDatabase>;
export type Trx = Transaction<HqDatabase> | Kysely<HqDatabase>;

export const FACT_COLUMNS = [
  'region_key', 'month', 'province_code', 'city_code', 'channel_code', 'brand_code', 'category_code', 'sku_code', 'amount_cents', 'volume', 'gross_profit_cents',
] as const;

/** Column types of the DDL, per store. */
export interface DdlTypes {
  id: string;
  int: string;
  bigint: string;
  real: string;
  text: string;
  bool: string;
  timestamp: string;
  json: string;
}

export interface StoreDialect {
  readonly kind: HqTarget['kind'];
  readonly types: DdlTypes;
  /** The plan facts table (partitioned by region on PostgreSQL). */
  factTableDdl(): string[];
  schemaVersion(db: Db): Promise<number>;
  setSchemaVersion(db: Db, version: number): Promise<void>;
  /**
   * Runs `fn` in one transaction on one connection, after `copyPath` (a verified plan
   * copy) is reachable from it; `lockKey` is the region's UUID: two receivers of the
   * same region wait for each other (SQLite: the whole file is locked by BEGIN IMMEDIATE).
   */
  receiving<T>(db: Db, copyPath: string, lockKey: string, fn: (trx: Db, load: (regionKey: number) => Promise<number>) => Promise<T>): Promise<T>;
  /** Runs `fn` in one write transaction. */
  writing<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T>;
  /** The bare bulk load the bench compares a receipt with: the same rows into a scratch table. */
  bareLoad(db: Db, copyPath: string): Promise<number>;
  close(): Promise<void>;
}

export interface OpenedStore {
  db: Db;
  dialect: StoreDialect;
}

// ---------------------------------------------------------------------------------- SQLite

const SQLITE_TYPES: DdlTypes = {
  id: 'INTEGER PRIMARY KEY',
  int: 'INTEGER',
  bigint: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  bool: 'INTEGER',
  timestamp: 'TEXT',
  json: 'TEXT',
};

class SqliteStore implements StoreDialect {
  readonly kind = 'sqlite' as const;
  readonly types = SQLITE_TYPES;
  constructor(readonly sqlite: Database.Database) {}

  factTableDdl(): string[] {
    return [`CREATE TABLE plan_fact (${factColumnsDdl(this.types)})`, 'CREATE INDEX plan_fact_region ON plan_fact (region_key)'];
  }
  async schemaVersion(): Promise<number> {
    return this.sqlite.pragma('user_version', { simple: true }) as number;
  }
  async setSchemaVersion(_db: Db, version: number): Promise<void> {
    this.sqlite.pragma(`user_version = ${version}`);
  }

  async writing<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
    return db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const out = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return out;
      } catch (e) {
        if (this.sqlite.inTransaction) await sql`ROLLBACK`.execute(conn);
        throw e;
      }
    });
  }

  async receiving<T>(db: Db, copyPath: string, _lockKey: string, fn: (trx: Db, load: (regionKey: number) => Promise<number>) => Promise<T>): Promise<T> {
    // The copy is already verified; attached, its rows go in with one INSERT … SELECT
    // inside the receipt's transaction (ATTACH cannot be inside one). It is our own
    // scratch file, only read (made read-only on disk; this build of SQLite takes no
    // URI filenames, so no ?mode=ro), with trusted_schema off, and deleted afterwards.
    attachCopy(this.sqlite, copyPath);
    try {
      return await this.writing(db, (trx) =>
        fn(trx, async (regionKey) => {
          this.sqlite.prepare('DELETE FROM plan_fact WHERE region_key = ?').run(regionKey);
          const r = this.sqlite.prepare(`INSERT INTO plan_fact (${FACT_COLUMNS.join(', ')}) SELECT ${regionKey}, f.* FROM (${copyFactSelect('pkg.')}) f`).run();
          return r.changes;
        }),
      );
    } finally {
      this.sqlite.exec('DETACH DATABASE pkg');
    }
  }

  async bareLoad(_db: Db, copyPath: string): Promise<number> {
    // A table of the workspace file itself (WAL, synchronous FULL), as plan_fact is: not a TEMP one, which is never synced.
    this.sqlite.exec(`CREATE TABLE IF NOT EXISTS bare_fact (${factColumnsDdl(this.types)})`);
    attachCopy(this.sqlite, copyPath);
    try {
      return this.sqlite.transaction(() => this.sqlite.prepare(`INSERT INTO main.bare_fact SELECT 0, f.* FROM (${copyFactSelect('pkg.')}) f`).run().changes)();
    } finally {
      this.sqlite.exec('DETACH DATABASE pkg');
    }
  }

  async close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
  }
}

function attachCopy(sqlite: Database.Database, copyPath: string): void {
  chmodSync(copyPath, 0o444);
  sqlite.prepare('ATTACH DATABASE ? AS pkg').run(copyPath);
}

function factColumnsDdl(t: DdlTypes): string {
  return `region_key ${t.int} NOT NULL, month ${t.int} NOT NULL, province_code ${t.text} NOT NULL, city_code ${t.text} NOT NULL,
    channel_code ${t.text} NOT NULL, brand_code ${t.text} NOT NULL, category_code ${t.text} NOT NULL, sku_code ${t.text} NOT NULL,
    amount_cents ${t.bigint} NOT NULL, volume ${t.bigint} NOT NULL, gross_profit_cents ${t.bigint} NOT NULL`;
}

/** Opens (or, with `create`, makes) a workspace file; refuses a file that is not one. */
export function openSqlite(path: string, create: boolean): OpenedStore {
  const sqlite = new Database(path, { fileMustExist: !create });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    // A package's copy is attached to this connection: nothing in its schema may run functions.
    sqlite.pragma('trusted_schema = OFF');
    const appId = sqlite.pragma('application_id', { simple: true }) as number;
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (create) {
      if (version !== 0 || appId !== 0) throw new Error(`${path} already exists`);
      sqlite.pragma(`application_id = ${HQ_APPLICATION_ID}`);
    } else if (appId !== HQ_APPLICATION_ID) {
      throw new Error(`${path} is not a head-office workspace (.rplanhq)`);
    }
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const dialect = new SqliteStore(sqlite);
  const db = new Kysely<HqDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect };
}

// ------------------------------------------------------------------------------ PostgreSQL

const PG_TYPES: DdlTypes = {
  id: 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY',
  int: 'INTEGER',
  bigint: 'BIGINT',
  real: 'DOUBLE PRECISION',
  text: 'TEXT',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
  json: 'JSONB',
};

const OID = { bool: 16, int8: 20, numeric: 1700, timestamptz: 1184, timestamp: 1114, json: 114, jsonb: 3802 } as const;

/** What pg hands back, made what better-sqlite3 gives: numbers, 0/1, ISO text, JSON text. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case OID.int8:
      case OID.numeric:
        return (v: string) => Number(v);
      case OID.bool:
        return (v: string) => (v === 't' ? 1 : 0);
      case OID.timestamptz:
      case OID.timestamp:
        return (v: string) => new Date(v.includes('+') || v.endsWith('Z') ? v : `${v}Z`).toISOString();
      case OID.json:
      case OID.jsonb:
        return (v: string) => v;
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
};

/** A 64-bit advisory lock key of a region, the same in every process. */
const lockOf = (regionUuid: string) => sql`hashtextextended(${'rplanhq:' + regionUuid}, 0)`;

/** A Kysely bound to one pooled client, for a transaction that also needs the raw client (COPY). */
function kyselyOn(client: pg.PoolClient): Db {
  const single = { connect: async () => ({ query: client.query.bind(client), release() {} }), end: async () => undefined };
  return new Kysely<HqDatabase>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool }) });
}

/** A CSV field: numbers as they are; text quoted only when it holds a quote, a comma or a line break. */
const csvField = (v: string | number): string => (typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v === '' ? '""' : v);

/** The copy's fact rows, read one at a time (as arrays: no object per row), as CSV for COPY in batches. */
function* csvRows(copyPath: string, regionKey: number): Generator<string> {
  const copy = openUntrustedCopy(copyPath);
  try {
    let batch = '';
    let n = 0;
    const prefix = `${regionKey},`;
    for (const r of copyFactRows(copy)) {
      batch += prefix + r.map(csvField).join(',') + '\n';
      if (++n % 5000 === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch !== '') yield batch;
  } finally {
    copy.close();
  }
}

async function copyInto(client: pg.PoolClient, table: string, copyPath: string, regionKey: number): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${FACT_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csvRows(copyPath, regionKey)), stream);
  return Number(stream.rowCount ?? 0);
}

class PostgresStore implements StoreDialect {
  readonly kind = 'postgres' as const;
  readonly types = PG_TYPES;
  constructor(readonly pool: pg.Pool) {}

  factTableDdl(): string[] {
    // No index: a region's rows are its partition, and the views read them all.
    return [`CREATE TABLE plan_fact (${factColumnsDdl(this.types)}) PARTITION BY LIST (region_key)`];
  }
  async schemaVersion(db: Db): Promise<number> {
    const exists = await sql<{ t: string | null }>`SELECT to_regclass('hq_schema')::text AS t`.execute(db);
    if (!exists.rows[0]?.t) return 0;
    const r = await sql<{ version: number }>`SELECT version FROM hq_schema`.execute(db);
    return r.rows[0]?.version ?? 0;
  }
  async setSchemaVersion(db: Db, version: number): Promise<void> {
    await sql`CREATE TABLE IF NOT EXISTS hq_schema (version INTEGER NOT NULL)`.execute(db);
    await sql`DELETE FROM hq_schema`.execute(db);
    await sql`INSERT INTO hq_schema (version) VALUES (${version})`.execute(db);
  }

  async writing<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
    return db.transaction().execute((trx) => fn(trx));
  }

  async receiving<T>(_db: Db, copyPath: string, lockKey: string, fn: (trx: Db, load: (regionKey: number) => Promise<number>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const trx = kyselyOn(client);
    try {
      await client.query('BEGIN');
      try {
        // Two analysts receiving the same region queue here; other regions go on.
        await sql`SELECT pg_advisory_xact_lock(${lockOf(lockKey)})`.execute(trx);
        const out = await fn(trx, (regionKey) => this.swapPartition(client, regionKey, copyPath));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
      await trx.destroy();
    }
  }

  /**
   * The region's facts as a new partition: a table of its own filled by COPY, with the
   * partition's CHECK so that ATTACH need not scan it, put in place of the old one. All
   * inside the caller's transaction: readers see the old partition until it commits.
   * The new table is made without touching plan_fact (not LIKE it), and plan_fact is
   * locked once, just before the swap: two receipts of different regions then queue for
   * the swap instead of each holding a share of plan_fact the other's DETACH waits for.
   */
  private async swapPartition(client: pg.PoolClient, regionKey: number, copyPath: string): Promise<number> {
    const name = `plan_fact_r${regionKey}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await client.query(`CREATE TABLE ${name} (${factColumnsDdl(this.types)}, CHECK (region_key = ${regionKey}))`);
    const rows = await copyInto(client, name, copyPath, regionKey);
    await client.query('LOCK TABLE plan_fact IN ACCESS EXCLUSIVE MODE');
    const old = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'plan_fact' AND pg_get_expr(c.relpartbound, c.oid) = $1`,
      [`FOR VALUES IN (${regionKey})`],
    );
    for (const o of old.rows) {
      await client.query(`ALTER TABLE plan_fact DETACH PARTITION ${o.name}`);
      await client.query(`DROP TABLE ${o.name}`);
    }
    await client.query(`ALTER TABLE plan_fact ATTACH PARTITION ${name} FOR VALUES IN (${regionKey})`);
    return rows;
  }

  async bareLoad(): Promise<number> {
    throw new Error('use bareCopy');
  }

  /** The bench's baseline: COPY of the same rows into a scratch table, nothing else. */
  async bareCopy(copyPath: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      // A logged table, as a partition of plan_fact is: not a TEMP one, which skips the WAL.
      await client.query(`CREATE TABLE IF NOT EXISTS bare_fact (${factColumnsDdl(this.types)})`);
      await client.query('BEGIN');
      const n = await copyInto(client, 'bare_fact', copyPath, 0);
      await client.query('COMMIT');
      return n;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    // Kysely's destroy ends the pool.
  }
}

export function openPostgres(url: string): OpenedStore {
  const pool = new pg.Pool({ connectionString: url, max: 4, types: pgTypes });
  // An idle connection the server ends (a restart, an administrator, a dropped database)
  // is reported on the pool; unheard, that event would end the whole process. The pool
  // has already discarded the connection, and the next query opens another.
  pool.on('error', () => undefined);
  const dialect = new PostgresStore(pool);
  const db = new Kysely<HqDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect };
}

/** The bench's bare bulk load on either store (no checks, no bookkeeping). */
export async function bareBulkLoad(store: OpenedStore, copyPath: string): Promise<number> {
  return store.dialect instanceof PostgresStore ? store.dialect.bareCopy(copyPath) : store.dialect.bareLoad(store.db, copyPath);
}

/** Opens the store `target` names. */
export function openTarget(target: HqTarget, create: boolean): OpenedStore {
  return target.kind === 'sqlite' ? openSqlite(target.path, create) : openPostgres(target.url);
}
