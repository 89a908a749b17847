import type Database from 'better-sqlite3';
import { TARGET_DIMS, type TargetDim, type TargetLock } from '../../../../shared/endpoints/targets';
import { MONTHS, type TargetRefs } from './model';

// Locks: slices of a version whose cells keep their values when a total above them
// is spread. A lock is a set of dimension = id conditions (any dimensions, not tied
// to the hierarchy on screen) and a month (0: the whole year). Kept in the file.

type Scope = TargetLock['scope'];

/** One canonical text per slice, so the same slice is one lock. */
export function scopeKey(scope: Scope): string {
  const order = (d: TargetDim) => TARGET_DIMS.indexOf(d);
  const sorted = [...scope].sort((a, b) => order(a.dim) - order(b.dim) || a.id - b.id);
  return JSON.stringify(sorted.map((s) => ({ dim: s.dim, id: s.id })));
}

export function readLocks(sqlite: Database.Database, refs: TargetRefs, versionId: number): TargetLock[] {
  const rows = sqlite
    .prepare('SELECT id, scope_json, month FROM target_lock WHERE version_id = ? ORDER BY id')
    .all(versionId) as { id: number; scope_json: string; month: number }[];
  return rows.map((r) => {
    const scope = JSON.parse(r.scope_json) as Scope;
    return { id: r.id, scope, month: r.month, label: scope.map((s) => refs.label(s.dim, s.id).label || '—').join(' · ') };
  });
}

/** 1 for every cell a lock covers. */
export function lockMask(refs: TargetRefs, locks: readonly TargetLock[]): Uint8Array {
  const mask = new Uint8Array(refs.n * MONTHS);
  if (locks.length === 0) return mask;
  const columns = new Map<TargetDim, Int32Array>();
  const column = (d: TargetDim) => {
    let col = columns.get(d);
    if (!col) columns.set(d, (col = refs.dimColumn(d)));
    return col;
  };
  for (const lock of locks) {
    const conds = lock.scope.map((s) => ({ col: column(s.dim), id: s.id }));
    for (let c = 0; c < refs.n; c++) {
      let hit = true;
      for (const cond of conds) {
        if (cond.col[c] !== cond.id) {
          hit = false;
          break;
        }
      }
      if (!hit) continue;
      if (lock.month === 0) mask.fill(1, c * MONTHS, c * MONTHS + MONTHS);
      else mask[c * MONTHS + lock.month - 1] = 1;
    }
  }
  return mask;
}

export function setLock(sqlite: Database.Database, versionId: number, scope: Scope, month: number, locked: boolean): void {
  const key = scopeKey(scope);
  if (locked) {
    sqlite
      .prepare('INSERT INTO target_lock (version_id, scope_json, month, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(versionId, key, month, new Date().toISOString());
  } else {
    sqlite.prepare('DELETE FROM target_lock WHERE version_id = ? AND scope_json = ? AND month = ?').run(versionId, key, month);
  }
}
