import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Area } from '../../../shared/areas';
import { AppError } from '../../../shared/errors';
import type { DisplayUnit } from '../../../shared/units';
import { APPLICATION_ID, REGION_FILE_EXTENSION, WAL_AUTOCHECKPOINT } from './constants';
import { inspectRegionFile } from './inspect';
import { migrate } from './migrate';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
import { FileChanges } from './changes';
import { cleanStamp } from './cleanClose';
import { deferredAreas, hasDeferred, replayDeferred, writeDeferred } from './deferredRows';
import { readDb, type ReadDb } from './handle';
import type { DeferredRows } from './undoLog';
import { COPY_CHUNK, hasPendingCopy, replayCopy, writeCopy, type PendingCopy } from './versionCopy';
import type { DB } from './schema';

export const APP_NAME = 'RegionPlan';

export interface RegionFile {
  readonly path: string;
  /** The connection that writes: commands run their transactions on it. */
  readonly sqlite: Database.Database;
  /** Typed query builder on the same connection (the migrations use it). */
  readonly db: Kysely<DB>;
  /**
   * A read-only connection to the same file, where queries run: a query cannot
   * write, whatever its code does. In WAL mode it sees every committed change.
   */
  readonly read: ReadDb;
  /** Counts committed changes per area; caches of the file's data compare against it. */
  readonly changes: FileChanges;
  /**
   * True once the whole file has passed `PRAGMA integrity_check` (or this process made
   * it). Until then nothing may write to it: see assertWritable.
   */
  readonly verified: boolean;
  /** The full check passed (on another connection): writes are allowed from now on. */
  markVerified(): void;
  /** Throws READ_ONLY unless the file is verified; every write to the open file passes here first. */
  assertWritable(): void;
  /**
   * Takes the rows of a just-committed step that are still to be written
   * (deferredRows.ts) until settle() writes them (upkeep.ts calls it once the calls are
   * quiet; the registry, before any call that may read them).
   */
  deferRows(rows: DeferredRows): void;
  /**
   * Takes a just-committed version's copy of its source's cells, still to be made
   * (versionCopy.ts), until settle() makes it, as deferRows does.
   */
  deferCopy(copy: PendingCopy): void;
  /** The areas of rows committed but not written yet (none, nearly always). */
  readonly unsettled: readonly Area[];
  /**
   * Writes any rows committed but not written yet, in a transaction of their own.
   * Called before anything may read them; a failure leaves them to the next call (or
   * to the next open) and says why.
   */
  settle(): void;
  /**
   * Writes part of what settle() writes: an edit's rows, or one chunk of a version's copy
   * (`rows` of its rows). True while more is left. For the upkeep, so that a call coming
   * meanwhile waits less.
   */
  settleStep(rows?: number): boolean;
  /** True from the moment close() begins. */
  readonly closed: boolean;
  close(): Promise<void>;
}

export interface NewRegion {
  regionName: string;
  planYear: number;
  displayUnit: DisplayUnit;
  /** Stable identity; a new UUID unless given (tests, demo). */
  regionId?: string;
}

export interface OpenOptions {
  /** The migration list; tests pass their own to exercise the runner. */
  migrations?: readonly Migration[];
  /** Called with the backup's path before a migration changes the file. */
  onBackup?: (backupPath: string) => void;
  /**
   * Files up to this size get the full integrity check before openRegionFile returns;
   * a larger one opens after the cheap checks, unverified (read-only), and the caller
   * runs the full check in the background (Session does, on a worker).
   */
  fullCheckUpToBytes?: number;
  /**
   * The file's stamp (db/cleanClose) when this installation last closed it cleanly
   * after its full check had passed. A large file whose stamp is still this one opens
   * verified, without the full check: nothing has written to it since.
   */
  closedCleanAs?: string | null;
}

/** Up to this size (the typical demo region, 500,000 sales lines, is about 45 MB) the full check takes about a second, so opening waits for it. */
export const FULL_CHECK_INLINE_BYTES = 64 * 1024 * 1024;

const BUSY_TIMEOUT_MS = 5000;

function connect(path: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Database.Database {
  return new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? true,
    timeout: BUSY_TIMEOUT_MS,
  });
}

/** The region file's connection settings (docs/architecture.md, "The region file"), for every connection that writes to it. */
export function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the UI is told it is saved.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
}

function wrap(path: string, sqlite: Database.Database, verifiedAtOpen: boolean): RegionFile {
  // Checkpoints wait for a pause in the user's work (upkeep.ts), up to a bound.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT}`);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  let reader: Database.Database | null = null;
  let verified = verifiedAtOpen;
  let deferred: DeferredRows | null = null;
  let copy: PendingCopy | null = null;
  const changes = new FileChanges();
  const notWritten = (e: unknown) =>
    new AppError('NOT_WRITTEN', `${path}: the last change is saved, but its rows could not be written yet (${(e as Error).message}); they will be written when the file next opens`, { path });
  /** False when nothing is left to write; throws inside a transaction, where nothing may be. */
  const unwritten = () => {
    if (!deferred && !copy) return false;
    if (sqlite.inTransaction) throw new AppError('INTERNAL', `${path}: rows still to be written, inside a transaction`);
    return true;
  };
  const settle = () => {
    if (!unwritten()) return;
    if (deferred) {
      try {
        writeDeferred(sqlite, deferred);
      } catch (e) {
        throw notWritten(e);
      }
      deferred = null;
    }
    while (copy) copyStep(-1);
  };
  /** One step of the copy still to be made: `limit` rows (-1: the rest). */
  const copyStep = (limit: number) => {
    let step;
    try {
      step = writeCopy(sqlite, copy!, limit);
    } catch (e) {
      throw notWritten(e);
    }
    // A scenario's cube, made in memory, gave its cells the ids planned at its commit. They
    // are these unless a row came or went in between, which nothing does (every command
    // settles first); if one did, the caches of the targets read the file again.
    if (!step.asPlanned) changes.bump(['targets']);
    copy = step.rest;
  };
  return {
    path,
    sqlite,
    db,
    changes,
    get verified() {
      return verified;
    },
    markVerified() {
      verified = true;
    },
    assertWritable() {
      if (!verified) {
        throw new AppError('READ_ONLY', `${path}: the file is read-only until its full integrity check has passed; try again when it has`, { path });
      }
    },
    deferRows(rows) {
      if (deferred) throw new AppError('INTERNAL', `${path}: rows of an earlier edit are still to be written`);
      deferred = rows;
    },
    deferCopy(c) {
      if (copy) throw new AppError('INTERNAL', `${path}: an earlier version's cells are still to be copied`);
      copy = c;
    },
    get unsettled() {
      const areas = deferred ? deferredAreas(deferred) : [];
      return copy && !areas.includes('targets') ? [...areas, 'targets' as const] : areas;
    },
    settle,
    settleStep(rows = COPY_CHUNK) {
      if (!unwritten()) return false;
      if (deferred) settle();
      else copyStep(Math.max(1, Math.floor(rows)));
      return deferred !== null || copy !== null;
    },
    get closed() {
      return closed;
    },
    get read(): ReadDb {
      // Opened on first use: after any migration, and never for a file still being built.
      if (closed) throw new AppError('NO_OPEN_FILE', `${path}: the file is closed`);
      reader ??= openReader(path);
      return readDb(reader);
    },
    async close() {
      if (closed) return;
      try {
        settle();
      } catch {
        // The marker stays in the file: the next open writes the rows from the undo images.
      }
      closed = true;
      reader?.close();
      try {
        // Fold the WAL back into the file so that it is one self-contained file again.
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        await db.destroy();
        // Kysely closes the connection only if it ever used it.
        if (sqlite.open) sqlite.close();
      }
    },
  };
}

/** The read-only connection queries run on; `query_only` as well, so not even a temporary table can be made. */
function openReader(path: string): Database.Database {
  const reader = connect(path, { readonly: true });
  reader.pragma('query_only = ON');
  return reader;
}

function sidecars(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

/**
 * Runs `fn` on a read-only connection. A read-only connection to a WAL file creates
 * -wal and -shm beside it; we remove the ones we created, so that a file we only
 * looked at (or refused) is left exactly as it was.
 */
export function withReadOnly<T>(path: string, fn: (sqlite: Database.Database) => T): T {
  const existed = new Set(sidecars(path).filter((p) => existsSync(p)));
  let sqlite: Database.Database | undefined;
  try {
    sqlite = connect(path, { readonly: true });
    return fn(sqlite);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code ?? '';
    const reason = code === 'SQLITE_NOTADB' ? 'not_sqlite' : 'corrupt';
    throw new AppError('FILE_REFUSED', `${path}: the file is damaged (${(e as Error).message}); restore it from a backup`, { reason, path });
  } finally {
    sqlite?.close();
    for (const p of sidecars(path)) {
      if (!existed.has(p) && existsSync(p)) {
        try {
          unlinkSync(p);
        } catch {
          // Best effort: a leftover empty sidecar does no harm to the file itself.
        }
      }
    }
  }
}

/** Problems found by an integrity check ('quick' reads less; 'full' also checks indexes' content). */
export function checkProblems(sqlite: Database.Database, level: 'quick' | 'full'): string[] {
  const pragma = level === 'quick' ? 'quick_check' : 'integrity_check';
  const rows = sqlite.pragma(pragma) as Record<string, string>[];
  const problems = rows.map((r) => Object.values(r)[0]).filter((m) => m !== 'ok');
  return [...problems, ...identityProblems(sqlite)];
}

/** What the file must have to be a region file at all: a schema, and one region row. */
function identityProblems(sqlite: Database.Database): string[] {
  const problems: string[] = [];
  if ((sqlite.pragma('user_version', { simple: true }) as number) < 1) {
    problems.push('the file was never finished (no schema)');
  } else {
    const hasMeta = sqlite.prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'region_meta'`).pluck().get() === 1;
    if (!hasMeta || sqlite.prepare('SELECT count(*) FROM region_meta').pluck().get() !== 1) {
      problems.push('the file has no region identity');
    }
  }
  return problems;
}

function refuseDamaged(path: string, problems: string[]): AppError {
  return new AppError('FILE_REFUSED', `${path}: the file is damaged (${problems.slice(0, 3).join('; ')}); restore it from a backup`, { reason: 'corrupt', path });
}

/**
 * Checks a file on a read-only connection of its own, leaving it as it was: 'full'
 * runs `PRAGMA integrity_check` (every page, and every index against its table),
 * 'identity' only what opening needs to show the file (a schema, one region row).
 * Throws FILE_REFUSED (reason corrupt) with the first problems.
 */
export function verifyReadOnly(path: string, level: 'full' | 'identity'): void {
  withReadOnly(path, (sqlite) => {
    const problems = level === 'full' ? checkProblems(sqlite, 'full') : identityProblems(sqlite);
    if (problems.length > 0) throw refuseDamaged(path, problems);
  });
}

/** The problems of the full check (an empty list: the file is healthy), for the background check's worker. */
export function fullCheckProblems(path: string): string[] {
  return withReadOnly(path, (sqlite) => checkProblems(sqlite, 'full'));
}

type SchemaShape = Map<string, Set<string>>;

/** The tables and their columns of a connection's schema (SQLite's own tables left out). */
function schemaShape(sqlite: Database.Database): SchemaShape {
  const shape: SchemaShape = new Map();
  const tables = sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  for (const t of tables) {
    const cols = sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[];
    shape.set(t, new Set(cols));
  }
  return shape;
}

/** The schema the migrations up to `version` make, built in memory. */
async function shapeAt(version: number, migrations: readonly Migration[]): Promise<SchemaShape> {
  const mem = new Database(':memory:');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: mem }) });
  try {
    await migrate(mem, db, migrations.filter((m) => m.version <= version));
    return schemaShape(mem);
  } finally {
    await db.destroy();
    if (mem.open) mem.close();
  }
}

/**
 * Refuses (inconsistent_schema) a file whose user_version is older than its tables:
 * it holds a table or a column that only a later migration makes, so migrating it
 * would fail half-way ("table … already exists") or do the wrong thing.
 */
export async function assertSchemaMatches(path: string, from: number, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const target = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
  const [before, after] = [await shapeAt(from, migrations), await shapeAt(target, migrations)];
  const actual = withReadOnly(path, (sqlite) => schemaShape(sqlite));
  const later: string[] = [];
  for (const [table, cols] of actual) {
    const expected = before.get(table);
    if (!expected) {
      if (after.has(table)) later.push(`table ${table}`);
      continue;
    }
    for (const c of cols) if (!expected.has(c) && after.get(table)?.has(c)) later.push(`column ${table}.${c}`);
  }
  if (later.length > 0) throw inconsistentSchema(path, from, later.slice(0, 3).join(', '));
}

function inconsistentSchema(path: string, from: number, what: string): AppError {
  return new AppError(
    'FILE_REFUSED',
    `${path}: the file says schema ${from} but holds what a later version makes (${what}); it is inconsistent and is not migrated; restore it from a backup`,
    { reason: 'inconsistent_schema', path },
  );
}

function backupPathFor(path: string, fromVersion: number): string {
  const stem = basename(path, REGION_FILE_EXTENSION);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dirname(path), `${stem}.v${fromVersion}-backup-${stamp}${REGION_FILE_EXTENSION}`);
}

/**
 * Opens an existing region file. Refuses (FILE_REFUSED, file untouched) anything
 * that is not a region file of a schema this version can read, or that fails its
 * check. A small file, an older one (a migration is a write) and one not yet in WAL
 * mode (switching is a write) get the full integrity check first and open verified;
 * a large one opens after the cheap checks, unverified, so that it shows at once:
 * it takes no write until the caller's full check marks it verified. An older file
 * is migrated after a backup copy; a failed migration leaves no backup behind.
 */
export async function openRegionFile(path: string, options: OpenOptions = {}): Promise<RegionFile> {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
  const header = inspectRegionFile(path);
  if (header.userVersion > target) {
    throw new AppError('FILE_REFUSED', `${path}: made by a newer version of the application`, { reason: 'newer_schema', path });
  }
  const needsMigration = header.userVersion < target;
  const fullNow = needsMigration || !header.walMode || header.fileSize <= (options.fullCheckUpToBytes ?? FULL_CHECK_INLINE_BYTES);
  // Read before any connection opens (opening makes a WAL): unchanged since our clean close.
  const unchanged = !fullNow && !!options.closedCleanAs && cleanStamp(path) === options.closedCleanAs;
  // A file unchanged since it passed its full check here needs no identity check either:
  // both only read what has not changed.
  if (!unchanged) verifyReadOnly(path, fullNow ? 'full' : 'identity');
  if (needsMigration) await assertSchemaMatches(path, header.userVersion, migrations);

  const sqlite = connect(path);
  let backup: string | null = null;
  try {
    configure(sqlite);
    const file = wrap(path, sqlite, fullNow || unchanged);
    const from = sqlite.pragma('user_version', { simple: true }) as number;
    if (from >= 1 && (hasDeferred(sqlite) || hasPendingCopy(sqlite))) {
      // A crash came between a commit and the writing of the rows it left for after it: an
      // edit's (deferredRows.ts), written from its undo images, or a new version's copy of
      // its source's cells (versionCopy.ts), made now. Both before anything reads the file.
      // This writes, so a file not yet checked in full is checked first.
      if (!file.verified) {
        verifyReadOnly(path, 'full');
        file.markVerified();
      }
      replayDeferred(sqlite);
      replayCopy(sqlite);
    }
    if (from < target) {
      backup = backupPathFor(path, from);
      // VACUUM INTO writes a consistent copy through SQLite, never a raw byte copy;
      // under a temporary name, so a crash never leaves a half backup that looks whole.
      const partial = `${backup}.partial`;
      try {
        sqlite.prepare('VACUUM INTO ?').run(partial);
        renameSync(partial, backup);
      } finally {
        rmSync(partial, { force: true });
      }
      options.onBackup?.(backup);
      try {
        await migrate(sqlite, file.db, migrations);
      } catch (e) {
        // The migration rolled back: the file is as it was, so its backup is only clutter.
        if (/already exists|duplicate column/i.test((e as Error).message)) throw inconsistentSchema(path, from, (e as Error).message);
        throw e;
      }
    }
    return file;
  } catch (e) {
    sqlite.close();
    if (backup !== null) rmSync(backup, { force: true });
    throw e;
  }
}

/**
 * Creates a new region file. It is built under a temporary name and renamed into
 * place when complete, so a crash never leaves a half-made file at `path`.
 */
export async function createRegionFile(path: string, region: NewRegion, options: OpenOptions = {}): Promise<RegionFile> {
  if (!path.toLowerCase().endsWith(REGION_FILE_EXTENSION)) {
    throw new AppError('INVALID_INPUT', `${path}: a region file's name must end in ${REGION_FILE_EXTENSION}`, { path });
  }
  if (existsSync(path)) throw new AppError('FILE_EXISTS', `${path}: a file of that name already exists`, { path });
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
    throw new AppError('FILE_NOT_FOUND', `${dirname(path)}: no such folder`, { path });
  }
  const temp = `${path}.creating-${process.pid}-${Date.now()}`;
  const sqlite = connect(temp, { mustExist: false });
  try {
    configure(sqlite);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    const file = wrap(temp, sqlite, true);
    await migrate(sqlite, file.db, options.migrations ?? MIGRATIONS);
    const now = new Date().toISOString();
    sqlite
      .prepare(
        `INSERT INTO region_meta (id, region_id, region_name, plan_year, created_at, created_by)
         VALUES (1, ?, ?, ?, ?, ?)`,
      )
      .run(region.regionId ?? randomUUID(), region.regionName, region.planYear, now, `${APP_NAME} schema ${SCHEMA_VERSION}`);
    sqlite.prepare(`INSERT INTO setting (key, value) VALUES ('displayUnit', json(?))`).run(JSON.stringify(region.displayUnit));
    await file.close();
  } catch (e) {
    if (sqlite.open) sqlite.close();
    for (const p of [temp, ...sidecars(temp)]) rmSync(p, { force: true });
    throw e;
  }
  for (const p of sidecars(temp)) rmSync(p, { force: true });
  renameSync(temp, path);
  const file = await openRegionFile(path, options);
  // Made here a moment ago: there is nothing to check before it takes writes.
  file.markVerified();
  return file;
}
