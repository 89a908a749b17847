import { TARGET_DIMS, type TargetDim, type TargetLock } from '../../../../shared/endpoints/targets';
import type { ReadDb, WriteDb } from '../../db/handle';
import { deleteLock, insertLock, listLocks } from '../../repos/targets/locks';
import { MONTHS, type TargetRefs } from './model';
import { assertEditable } from './versions';

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

export function readLocks(db: ReadDb, refs: TargetRefs, versionId: number): TargetLock[] {
  return listLocks(db, versionId).map((r) => {
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

export interface SetLockInput {
  versionId: number;
  scope: Scope;
  month: number;
  locked: boolean;
}

/** Locks or unlocks a slice of a version (not a snapshot); answers the version's locks. */
export function setLock(db: WriteDb, refs: TargetRefs, input: SetLockInput): TargetLock[] {
  const { versionId, month } = input;
  assertEditable(db, versionId);
  const scope_json = scopeKey(input.scope);
  if (input.locked) insertLock(db, { version_id: versionId, scope_json, month, created_at: new Date().toISOString() });
  else deleteLock(db, { version_id: versionId, scope_json, month });
  return readLocks(db, refs, versionId);
}
