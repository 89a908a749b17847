import * as zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Area } from '../../../shared/areas';
import type { EditState, StepVersion } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { areaOfRow } from './areas';
import { bulkDelete, bulkInsert, bulkUpdate } from './bulk';
import type { ReadDb, WriteDb } from './handle';
import type { TableName } from './schema';

// Undo and redo as an operation log in the file: every command is at most one step
// made of row changes (before and after images). Because the log lives in the same
// database and is written in the command's own transaction, it survives a restart
// and can never disagree with the data. The registry opens the step (UndoStep) with
// the command's transaction and writes it before the commit; services add to it with
// recordEdit. The one exception is a bulk record marked `later`: its rows may be
// written just after the commit, from the step's own images (deferredRows.ts). An undo
// or redo run by the registry leaves the bulk updates of the tables its caller names
// (the plan's cells) for after its commit the same way.

type Value = string | number | null;
export type RowValues = Record<string, Value>;

export interface RowChange {
  table: TableName;
  /** The columns that identify the row (primary key or unique key). */
  key: RowValues;
  /** The row before the edit; null when the edit inserted it. */
  before: RowValues | null;
  /** The row after the edit; null when the edit deleted it. */
  after: RowValues | null;
}

/**
 * Many rows of one table changed at once (a spread over a million leaf cells),
 * recorded as packed columns rather than one JSON image per row.
 * 'update': `before` and `after` hold the values of `columns` (one array per column).
 * 'insert': the step inserted the rows; `after` holds their values (NaN = NULL).
 */
export interface BulkChange {
  table: TableName;
  kind: 'update' | 'insert';
  /** Row ids, strictly ascending. */
  ids: Float64Array;
  columns: string[];
  before: Float64Array[] | null;
  after: Float64Array[];
  /**
   * 'update' only: the edit has not written the rows; recordEdit writes them, at once or,
   * in a step that defers (a command run by the registry), just after the commit.
   */
  later?: boolean;
}

/**
 * A committed step's bulk records whose rows are still to be written (deferredRows.ts):
 * each change's `after` holds the values to write. `direction` says which of the step's
 * images they are, for a replay after a crash: 'redo' for an edit (its after-images),
 * 'undo' for an undo (its before-images).
 */
export interface DeferredRows {
  stepId: number;
  direction: 'undo' | 'redo';
  changes: { seq: number; change: BulkChange }[];
}

/** What an edit tells recordEdit it did. */
export interface EditRecord<T> {
  changes: RowChange[];
  bulk?: BulkChange[];
  value: T;
}

/**
 * Values as one compressed image: 32-bit integers when every value is one (ids' steps,
 * cents and units nearly always are), else 64-bit floats. The image's length says which.
 * Compressed with zstd at level 1, which makes the same size as deflate at level 1 in a
 * sixth of the time (about 1 ms against 5 for the 24k rows of a province's spread, 30
 * against 200 for a million); images written before, deflated, are read by their header.
 * A Node without zstd (older than 22.15) deflates.
 */
export function pack(arrays: readonly Float64Array[]): Buffer {
  const total = arrays.reduce((s, a) => s + a.length, 0);
  let whole = true;
  for (const a of arrays) {
    for (let i = 0; i < a.length && whole; i++) whole = (a[i] | 0) === a[i] && !Object.is(a[i], -0);
    if (!whole) break;
  }
  const all = whole ? new Int32Array(total) : new Float64Array(total);
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  const raw = Buffer.from(all.buffer, all.byteOffset, all.byteLength);
  return zstd ? zstd.compress(raw, { params: { [zlib.constants.ZSTD_c_compressionLevel]: 1 } }) : zlib.deflateSync(raw, { level: 1 });
}

/** zstd where this Node has it (22.15 and later), by feature rather than by version. */
const zstd = typeof zlib.zstdCompressSync === 'function' && typeof zlib.zstdDecompressSync === 'function'
  ? { compress: zlib.zstdCompressSync, decompress: zlib.zstdDecompressSync }
  : null;
/** A zstd frame starts with these four bytes; a deflate stream (zlib header 0x78) never does. */
const ZSTD_MAGIC = 0xfd2fb528;

function decompress(blob: Buffer): Buffer {
  if (blob.length >= 4 && blob.readUInt32LE(0) === ZSTD_MAGIC) {
    if (!zstd) throw new AppError('INTERNAL', 'this undo record is compressed with zstd, which this Node cannot read (22.15 or later can)');
    return zstd.decompress(blob);
  }
  return zlib.inflateSync(blob);
}

export function unpack(blob: Buffer, parts: number, n: number): Float64Array[] {
  const raw = decompress(blob);
  const bytes = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const count = parts * n;
  let all: Float64Array;
  if (raw.byteLength === count * 8) all = new Float64Array(bytes);
  else if (raw.byteLength === count * 4) all = Float64Array.from(new Int32Array(bytes));
  else throw new AppError('INTERNAL', `undo record holds ${raw.byteLength} bytes, expected ${count * 8} or ${count * 4}`);
  return Array.from({ length: parts }, (_, k) => all.subarray(k * n, (k + 1) * n));
}

function packIds(ids: Float64Array): Buffer {
  const deltas = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) deltas[i] = i === 0 ? ids[0] : ids[i] - ids[i - 1];
  return pack([deltas]);
}

function unpackIds(blob: Buffer, n: number): Float64Array {
  const [deltas] = unpack(blob, 1, n);
  const ids = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) ids[i] = acc += deltas[i];
  return ids;
}

function saveBulk(sqlite: Database.Database, stepId: number | bigint, bulk: readonly BulkChange[]): void {
  const insert = sqlite.prepare(
    'INSERT INTO undo_bulk (step_id, seq, table_name, kind, columns, row_count, ids, image) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  bulk.forEach((b, seq) => {
    const image = b.kind === 'update' ? [...(b.before ?? []), ...b.after] : b.after;
    insert.run(stepId, seq, b.table, b.kind, JSON.stringify(b.columns), b.ids.length, packIds(b.ids), pack(image));
  });
}

interface BulkRow {
  table_name: string;
  kind: 'update' | 'insert';
  columns: string;
  row_count: number;
  ids: Buffer;
  image: Buffer;
}

/** What the last undo or redo on a connection did, for caches that can follow it in place. */
export interface StepEffects {
  /** Tables whose rows changed through row images. */
  rowTables: string[];
  /** The areas of those rows (a setting row by its key). */
  rowAreas: Area[];
  /** Per table, the keys of the rows that changed through row images (for rules that follow rows, such as the sales summaries). */
  rowKeys: Partial<Record<string, RowValues[]>>;
  bulk: { table: string; kind: 'update' | 'insert'; applied: 'update' | 'delete' | 'insert'; ids: Float64Array; columns: string[]; values: Float64Array[] | null }[];
}

/** The areas a step's effects changed. */
export function areasOfEffects(e: StepEffects): Area[] {
  const areas = new Set<Area>(['edit']);
  for (const a of e.rowAreas) areas.add(a);
  for (const b of e.bulk) areas.add(areaOfRow(b.table, null) ?? 'edit');
  return [...areas];
}

/**
 * Replays a step's bulk records: toward `after` (redo) or back to `before` (undo); `only`,
 * just the records with those seqs (the rows a crash kept from being written, deferredRows.ts);
 * `later`, the updates of those tables are not written but added to `into` (see replayBulk).
 */
export function applyBulk(
  sqlite: Database.Database,
  stepId: number,
  direction: 'undo' | 'redo',
  options: { only?: readonly number[]; later?: { tables: readonly TableName[]; into: DeferredRows['changes'] } } = {},
): StepEffects['bulk'] {
  const { only, later } = options;
  const rows = sqlite
    .prepare(`SELECT seq, table_name, kind, columns, row_count, ids, image FROM undo_bulk WHERE step_id = ? ORDER BY seq ${direction === 'undo' ? 'DESC' : 'ASC'}`)
    .all(stepId) as (BulkRow & { seq: number })[];
  // Updates are left for after the commit only when the step holds nothing else: rows a
  // step inserted go (or come back) at once, and an update must never land after them.
  const leave = later !== undefined && rows.every((r) => r.kind === 'update' && (later.tables as readonly string[]).includes(r.table_name));
  const done: StepEffects['bulk'] = [];
  for (const r of rows) {
    if (only && !only.includes(r.seq)) continue;
    const columns = JSON.parse(r.columns) as string[];
    const ids = unpackIds(r.ids, r.row_count);
    if (r.kind === 'update') {
      const image = unpack(r.image, columns.length * 2, r.row_count);
      const values = direction === 'undo' ? image.slice(0, columns.length) : image.slice(columns.length);
      if (leave) later.into.push({ seq: r.seq, change: { table: r.table_name as TableName, kind: 'update', ids, columns, before: null, after: values, later: true } });
      else bulkUpdate(sqlite, r.table_name, ids, columns, values);
      done.push({ table: r.table_name, kind: r.kind, applied: 'update', ids, columns, values });
    } else if (direction === 'undo') {
      bulkDelete(sqlite, r.table_name, ids);
      done.push({ table: r.table_name, kind: r.kind, applied: 'delete', ids, columns, values: null });
    } else {
      const values = unpack(r.image, columns.length, r.row_count);
      bulkInsert(sqlite, r.table_name, ids, columns, values);
      done.push({ table: r.table_name, kind: r.kind, applied: 'insert', ids, columns, values });
    }
  }
  return done;
}

/**
 * How many steps with bulk records the log keeps. A spread over a large region's
 * million cells takes several megabytes of undo image; beyond this many, the oldest
 * steps (and everything before them, since undo runs in order) are dropped. Dropping
 * frees megabytes of pages, so it waits until the user pauses (upkeep.ts); a command
 * drops them itself only when the log has grown to twice this many.
 */
export const BULK_HISTORY = 20;

/** The newest step beyond the newest `keep` steps with bulk records, if there is one. */
function bulkCut(sqlite: Database.Database, keep: number): number | undefined {
  return sqlite
    .prepare('SELECT step_id FROM (SELECT DISTINCT step_id FROM undo_bulk) ORDER BY step_id DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(keep) as number | undefined;
}

/** Drops the steps beyond the history the log keeps; false when there were none. */
export function pruneBulkHistory(sqlite: Database.Database, keep = BULK_HISTORY): boolean {
  const cut = bulkCut(sqlite, keep);
  if (cut === undefined) return false;
  sqlite.prepare('DELETE FROM undo_step WHERE id <= ?').run(cut);
  return true;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  // Names come from our own code, never from input; checked all the same because
  // identifiers cannot be bound as parameters.
  if (!IDENT.test(name)) throw new AppError('INTERNAL', `bad identifier in undo log: ${name}`);
  return `"${name}"`;
}

function whereKey(key: RowValues): { clause: string; values: Value[] } {
  const cols = Object.keys(key);
  return { clause: cols.map((c) => `${ident(c)} IS ?`).join(' AND '), values: cols.map((c) => key[c]) };
}

/** Makes the row identified by `key` look like `image` (null: absent). */
function applyImage(sqlite: Database.Database, table: TableName, key: RowValues, image: RowValues | null): void {
  const w = whereKey(key);
  if (image === null) {
    sqlite.prepare(`DELETE FROM ${ident(table)} WHERE ${w.clause}`).run(...w.values);
    return;
  }
  const cols = Object.keys(image);
  const exists = sqlite.prepare(`SELECT 1 FROM ${ident(table)} WHERE ${w.clause}`).get(...w.values);
  if (exists) {
    sqlite
      .prepare(`UPDATE ${ident(table)} SET ${cols.map((c) => `${ident(c)} = ?`).join(', ')} WHERE ${w.clause}`)
      .run(...cols.map((c) => image[c]), ...w.values);
  } else {
    sqlite
      .prepare(`INSERT INTO ${ident(table)} (${cols.map(ident).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => image[c]));
  }
}

/**
 * The undo step of the command being run: the registry opens it with the command's
 * transaction and saves it before the commit. Several records make one step (a
 * command is one thing to undo, however many services it calls); the first label
 * names it. A step with no real change is not written.
 */
export class UndoStep {
  /**
   * True: bulk records marked `later` are left for after the commit (the registry's
   * commands, whose file writes them before anything reads them).
   */
  constructor(readonly defers = false) {}

  private label: string | null = null;
  /** The plan version the step changed, if any (the first record that names one). */
  private versionId: number | null = null;
  private readonly changes: RowChange[] = [];
  private readonly bulk: BulkChange[] = [];
  /** The step's id once saved. */
  private savedAs: number | null = null;
  /** Rows an undo or redo run in this command left for after its commit. */
  private replayed: DeferredRows | null = null;

  add(label: string, changes: readonly RowChange[], bulk: readonly BulkChange[] = [], versionId: number | null = null): void {
    const real = changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    const bulkReal = bulk.filter((b) => b.ids.length > 0);
    if (real.length === 0 && bulkReal.length === 0) return;
    this.label ??= label;
    this.versionId ??= versionId;
    this.changes.push(...real);
    this.bulk.push(...bulkReal);
  }

  get empty(): boolean {
    return this.label === null;
  }

  /** True when the step holds bulk records (the history may then be over what it keeps). */
  get bulky(): boolean {
    return this.bulk.length > 0;
  }

  /** The areas of the rows this step changed (setting rows by their key). */
  areas(): Set<Area> {
    const areas = new Set<Area>();
    for (const c of this.changes) {
      const a = areaOfRow(c.table, c.key);
      if (a) areas.add(a);
    }
    for (const b of this.bulk) {
      const a = areaOfRow(b.table, null);
      if (a) areas.add(a);
    }
    return areas;
  }

  /** The saved step's bulk records still to be written (or those of the step this command undid or redid), or null. */
  deferred(): DeferredRows | null {
    if (!this.defers) return null;
    if (this.replayed) return this.replayed;
    if (this.savedAs === null) return null;
    const changes = this.bulk.flatMap((change, seq) => (change.later ? [{ seq, change }] : []));
    return changes.length > 0 ? { stepId: this.savedAs, direction: 'redo', changes } : null;
  }

  /** An undo or redo in this command left these rows of an earlier step for after the commit. */
  replays(rows: DeferredRows): void {
    if (!this.defers) throw new AppError('INTERNAL', 'rows left for after the commit by a command that does not defer');
    this.replayed = rows;
  }

  /** Writes the step into the log, inside the command's transaction. A new step drops the redo branch. */
  save(sqlite: Database.Database): void {
    if (this.label === null) return;
    sqlite.prepare('DELETE FROM undo_step WHERE undone = 1').run();
    const step = sqlite
      .prepare('INSERT INTO undo_step (label, created_at, undone, version_id) VALUES (?, ?, 0, ?)')
      .run(this.label, new Date().toISOString(), this.versionId);
    const insert = sqlite.prepare(
      'INSERT INTO undo_change (step_id, seq, table_name, row_key, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.changes.forEach((c, seq) => {
      insert.run(
        step.lastInsertRowid,
        seq,
        c.table,
        JSON.stringify(c.key),
        c.before === null ? null : JSON.stringify(c.before),
        c.after === null ? null : JSON.stringify(c.after),
      );
    });
    saveBulk(sqlite, step.lastInsertRowid, this.bulk);
    if (this.bulk.length > 0 && bulkCut(sqlite, BULK_HISTORY * 2) !== undefined) pruneBulkHistory(sqlite);
    this.savedAs = Number(step.lastInsertRowid);
  }
}

/**
 * Runs `edit`, which applies a change itself and returns what it changed, and adds
 * that to the command's undo step under `label` (an i18n key the UI shows).
 * `versionId` names the plan version the edit changed, so that undo and redo can
 * say which version they change and show it first.
 */
export function recordEdit<T>(db: WriteDb, label: string, edit: () => EditRecord<T>, options: { versionId?: number } = {}): T {
  if (!db.step) throw new AppError('INTERNAL', `${label}: an undoable edit outside a command`);
  const { changes, bulk = [], value } = edit();
  for (const b of bulk) {
    if (!b.later) continue;
    if (b.kind !== 'update') throw new AppError('INTERNAL', `${label}: only an update's rows can be written later`);
    if (!db.step.defers) bulkUpdate(db.sqlite, b.table, b.ids, b.columns, b.after);
  }
  db.step.add(label, changes, bulk, options.versionId ?? null);
  return value;
}

interface ChangeRow {
  table_name: string;
  row_key: string;
  before_json: string | null;
  after_json: string | null;
}

function changesOf(sqlite: Database.Database, stepId: number, order: 'ASC' | 'DESC'): ChangeRow[] {
  return sqlite
    .prepare(`SELECT table_name, row_key, before_json, after_json FROM undo_change WHERE step_id = ? ORDER BY seq ${order}`)
    .all(stepId) as ChangeRow[];
}

const parse = (json: string | null): RowValues | null => (json === null ? null : (JSON.parse(json) as RowValues));

/**
 * Replays a step's row images: the rows as they were before it (undo, newest first)
 * or after it (redo, in order). Says which tables and areas the rows are in.
 */
function applyRows(sqlite: Database.Database, stepId: number, direction: 'undo' | 'redo'): Pick<StepEffects, 'rowTables' | 'rowAreas' | 'rowKeys'> {
  const rowTables = new Set<string>();
  const rowAreas = new Set<Area>();
  const rowKeys: Partial<Record<string, RowValues[]>> = {};
  for (const c of changesOf(sqlite, stepId, direction === 'undo' ? 'DESC' : 'ASC')) {
    const key = JSON.parse(c.row_key) as RowValues;
    applyImage(sqlite, c.table_name as TableName, key, parse(direction === 'undo' ? c.before_json : c.after_json));
    rowTables.add(c.table_name);
    rowAreas.add(areaOfRow(c.table_name, key) ?? 'edit');
    (rowKeys[c.table_name] ??= []).push(key);
  }
  return { rowTables: [...rowTables], rowAreas: [...rowAreas], rowKeys };
}

/** What an undo or redo did: the step's label, the plan version it changed and its effects. */
export interface StepOutcome {
  label: string;
  versionId: number | null;
  effects: StepEffects;
}

/** Which rows an undo or redo may leave for after its commit: the updates of these tables. */
export interface ReplayOptions {
  later?: readonly TableName[];
}

/**
 * A step's bulk records, undone or redone. In a command that defers (the registry's),
 * updates of the tables the caller names are left for after the commit, as an edit's are:
 * undoing a region-total spread rewrites a million rows, which the caller's cache
 * already follows from the step's images.
 */
function replayBulk(db: WriteDb, stepId: number, direction: 'undo' | 'redo', options: ReplayOptions): StepEffects['bulk'] {
  if (!db.step?.defers || !options.later?.length) return applyBulk(db.sqlite, stepId, direction);
  const into: DeferredRows['changes'] = [];
  const done = applyBulk(db.sqlite, stepId, direction, { later: { tables: options.later, into } });
  if (into.length > 0) db.step.replays({ stepId, direction, changes: into });
  return done;
}

/** Undoes the newest step that is not undone; null if there is none. */
export function undo(db: WriteDb, options: ReplayOptions = {}): StepOutcome | null {
  const sqlite = db.sqlite;
  return sqlite.transaction(() => {
    const step = sqlite
      .prepare('SELECT id, label, version_id FROM undo_step WHERE undone = 0 ORDER BY id DESC LIMIT 1')
      .get() as { id: number; label: string; version_id: number | null } | undefined;
    if (!step) return null;
    const bulk = replayBulk(db, step.id, 'undo', options);
    const rows = applyRows(sqlite, step.id, 'undo');
    sqlite.prepare('UPDATE undo_step SET undone = 1 WHERE id = ?').run(step.id);
    return { label: step.label, versionId: step.version_id, effects: { ...rows, bulk } };
  }).immediate();
}

/** Redoes the oldest undone step; null if there is none. */
export function redo(db: WriteDb, options: ReplayOptions = {}): StepOutcome | null {
  const sqlite = db.sqlite;
  return sqlite.transaction(() => {
    const step = sqlite
      .prepare('SELECT id, label, version_id FROM undo_step WHERE undone = 1 ORDER BY id ASC LIMIT 1')
      .get() as { id: number; label: string; version_id: number | null } | undefined;
    if (!step) return null;
    const rows = applyRows(sqlite, step.id, 'redo');
    const bulk = replayBulk(db, step.id, 'redo', options);
    sqlite.prepare('UPDATE undo_step SET undone = 0 WHERE id = ?').run(step.id);
    return { label: step.label, versionId: step.version_id, effects: { ...rows, bulk } };
  }).immediate();
}

/** Forgets every step, done and undone: for a change the log's row images could no longer be replayed over. */
export function clearUndoLog(db: WriteDb): void {
  db.sqlite.prepare('DELETE FROM undo_step').run();
}

interface EndRow {
  label: string;
  version_id: number | null;
  name: string | null;
  kind: StepVersion['kind'] | null;
}

// The plan version a step names, with its name and kind as they are now (a promoted
// scenario is the working plan); null for a step of no version or of one since deleted.
const END_SELECT = `SELECT s.label, s.version_id, v.name, v.kind FROM undo_step s LEFT JOIN plan_version v ON v.id = s.version_id`;

function versionOf(row: EndRow | undefined): StepVersion | null {
  if (!row || row.version_id === null || row.name === null || row.kind === null) return null;
  return { id: row.version_id, name: row.name, kind: row.kind };
}

export function editState(db: ReadDb, savedAt: string | null): EditState {
  const sqlite = db.sqlite;
  const u = sqlite.prepare(`${END_SELECT} WHERE s.undone = 0 ORDER BY s.id DESC LIMIT 1`).get() as EndRow | undefined;
  const r = sqlite.prepare(`${END_SELECT} WHERE s.undone = 1 ORDER BY s.id ASC LIMIT 1`).get() as EndRow | undefined;
  return {
    canUndo: !!u,
    undoLabel: u?.label ?? null,
    undoVersion: versionOf(u),
    canRedo: !!r,
    redoLabel: r?.label ?? null,
    redoVersion: versionOf(r),
    savedAt,
  };
}
