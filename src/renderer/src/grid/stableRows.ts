import { useState } from 'react';
import type { GridRow, GridRowId } from './types';

// A screen that reads its rows again after an edit hands the grid new objects for every
// row, though most are unchanged. AG Grid takes a new object as a changed row and
// repaints it; on a tree of a few hundred rows that is most of the time between the
// answer and the painted figures. Rows equal in content to the previous ones keep
// their objects, so that only the rows that changed are repainted.

/** Equal as data: primitives, arrays and plain objects compared by content. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * The rows, with each row equal in content to the previous row of its id replaced by
 * that previous object; the previous list itself when nothing changed.
 */
export function keepUnchanged<R extends GridRow>(previous: readonly R[], rows: readonly R[]): readonly R[] {
  if (previous === rows || previous.length === 0) return rows;
  const before = new Map<GridRowId, R>();
  for (const r of previous) before.set(r.id, r);
  let same = previous.length === rows.length;
  const out = rows.map((r, i) => {
    const old = before.get(r.id);
    const kept = old !== undefined && sameData(old, r) ? old : r;
    if (kept !== previous[i]) same = false;
    return kept;
  });
  return same ? previous : out;
}

export function useStableRows<R extends GridRow>(rows: readonly R[]): readonly R[] {
  // Derived during render (React's pattern for state that follows a prop), so that the
  // grid is handed the kept rows in the same render as the new ones.
  const [state, setState] = useState<{ given: readonly R[]; kept: readonly R[] }>(() => ({ given: rows, kept: rows }));
  if (state.given === rows) return state.kept;
  const kept = keepUnchanged(state.kept, rows);
  setState({ given: rows, kept });
  return kept;
}
