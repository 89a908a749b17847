import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { EditState } from '../../../shared/contract';
import type { TableName } from '../db/schema';

// Undo and redo as an operation log in the file: every user edit is one step made
// of row changes (before and after images). Because the log lives in the same
// database and is written in the same transaction as the edit, it survives a
// restart and can never disagree with the data.

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
 * Runs `edit` in one transaction and records its row changes as one undo step.
 * `edit` applies the change itself and returns what it changed. A new step drops
 * the steps that had been undone (the redo branch), as every editor does.
 */
export function recordEdit<T>(
  sqlite: Database.Database,
  label: string,
  edit: () => { changes: RowChange[]; value: T },
): T {
  return sqlite.transaction(() => {
    const { changes, value } = edit();
    const real = changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    if (real.length === 0) return value;
    sqlite.prepare('DELETE FROM undo_step WHERE undone = 1').run();
    const step = sqlite
      .prepare('INSERT INTO undo_step (label, created_at, undone) VALUES (?, ?, 0)')
      .run(label, new Date().toISOString());
    const insert = sqlite.prepare(
      'INSERT INTO undo_change (step_id, seq, table_name, row_key, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    real.forEach((c, seq) => {
      insert.run(
        step.lastInsertRowid,
        seq,
        c.table,
        JSON.stringify(c.key),
        c.before === null ? null : JSON.stringify(c.before),
        c.after === null ? null : JSON.stringify(c.after),
      );
    });
    return value;
  }).immediate();
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

/** Undoes the newest step that is not undone; returns its label, or null if none. */
export function undo(sqlite: Database.Database): string | null {
  return sqlite.transaction(() => {
    const step = sqlite
      .prepare('SELECT id, label FROM undo_step WHERE undone = 0 ORDER BY id DESC LIMIT 1')
      .get() as { id: number; label: string } | undefined;
    if (!step) return null;
    for (const c of changesOf(sqlite, step.id, 'DESC')) {
      applyImage(sqlite, c.table_name as TableName, JSON.parse(c.row_key) as RowValues, parse(c.before_json));
    }
    sqlite.prepare('UPDATE undo_step SET undone = 1 WHERE id = ?').run(step.id);
    return step.label;
  }).immediate();
}

/** Redoes the oldest undone step; returns its label, or null if none. */
export function redo(sqlite: Database.Database): string | null {
  return sqlite.transaction(() => {
    const step = sqlite
      .prepare('SELECT id, label FROM undo_step WHERE undone = 1 ORDER BY id ASC LIMIT 1')
      .get() as { id: number; label: string } | undefined;
    if (!step) return null;
    for (const c of changesOf(sqlite, step.id, 'ASC')) {
      applyImage(sqlite, c.table_name as TableName, JSON.parse(c.row_key) as RowValues, parse(c.after_json));
    }
    sqlite.prepare('UPDATE undo_step SET undone = 0 WHERE id = ?').run(step.id);
    return step.label;
  }).immediate();
}

export function editState(sqlite: Database.Database, savedAt: string | null): EditState {
  const u = sqlite.prepare('SELECT label FROM undo_step WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as
    | { label: string }
    | undefined;
  const r = sqlite.prepare('SELECT label FROM undo_step WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as
    | { label: string }
    | undefined;
  return { canUndo: !!u, undoLabel: u?.label ?? null, canRedo: !!r, redoLabel: r?.label ?? null, savedAt };
}
