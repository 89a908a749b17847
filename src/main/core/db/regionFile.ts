import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { DisplayUnit } from '../../../shared/units';
import { APPLICATION_ID, REGION_FILE_EXTENSION } from './constants';
import { inspectRegionFile } from './inspect';
import { migrate } from './migrate';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
import { FileChanges } from './changes';
import { readDb, type ReadDb } from './handle';
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
}

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

function wrap(path: string, sqlite: Database.Database): RegionFile {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  let reader: Database.Database | null = null;
  return {
    path,
    sqlite,
    db,
    changes: new FileChanges(),
    get read(): ReadDb {
      // Opened on first use: after any migration, and never for a file still being built.
      if (closed) throw new AppError('NO_OPEN_FILE', `${path}: the file is closed`);
      reader ??= openReader(path);
      return readDb(reader);
    },
    async close() {
      if (closed) return;
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

function verifyReadOnly(path: string): void {
  withReadOnly(path, (sqlite) => {
    const problems = checkProblems(sqlite, 'quick');
    if (problems.length > 0) {
      throw new AppError('FILE_REFUSED', `${path}: the file is damaged (${problems.slice(0, 3).join('; ')}); restore it from a backup`, { reason: 'corrupt', path });
    }
  });
}

function backupPathFor(path: string, fromVersion: number): string {
  const stem = basename(path, REGION_FILE_EXTENSION);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dirname(path), `${stem}.v${fromVersion}-backup-${stamp}${REGION_FILE_EXTENSION}`);
}

/**
 * Opens an existing region file. Refuses (FILE_REFUSED, file untouched) anything
 * that is not a healthy region file of a schema this version can read; migrates an
 * older one after writing a backup copy.
 */
export async function openRegionFile(path: string, options: OpenOptions = {}): Promise<RegionFile> {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
  const header = inspectRegionFile(path);
  if (header.userVersion > target) {
    throw new AppError('FILE_REFUSED', `${path}: made by a newer version of the application`, { reason: 'newer_schema', path });
  }
  verifyReadOnly(path);

  const sqlite = connect(path);
  try {
    configure(sqlite);
    const file = wrap(path, sqlite);
    const from = sqlite.pragma('user_version', { simple: true }) as number;
    if (from < target) {
      const backup = backupPathFor(path, from);
      // VACUUM INTO writes a consistent copy through SQLite, never a raw byte copy;
      // under a temporary name, so a crash never leaves a half backup that looks whole.
      const partial = `${backup}.partial`;
      sqlite.prepare('VACUUM INTO ?').run(partial);
      renameSync(partial, backup);
      options.onBackup?.(backup);
      await migrate(sqlite, file.db, migrations);
    }
    return file;
  } catch (e) {
    sqlite.close();
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
    const file = wrap(temp, sqlite);
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
  return openRegionFile(path, options);
}
