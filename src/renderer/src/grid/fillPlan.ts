import { isBlank, isEditable, sameValue } from './cellRules';
import type { RangeBounds } from './range';
import type { GridChanges, GridColumn, GridIssue, GridRow } from './types';
import type { GridView } from './view';

// Fill down (Ctrl+D) and clear (Delete) of a range, worked out before anything is
// applied. Both walk the editable cells of the range and differ only in the value
// each cell gets; cells that would not change are left out of the changes.

/** The changes to existing rows, and how many cells they touch. */
export interface RangeChanges {
  updates: GridChanges['updates'];
  cells: number;
}

export type ClearPlan = ({ ok: true } & RangeChanges) | { ok: false; issues: GridIssue[] };

/** Returned by a walker's `pick` to leave a cell unchanged. */
const SKIP = Symbol('skip');

/** The editable cells of rows fromRow..b.bottom, columns b.left..b.right, each given `pick`'s value. */
function rangeUpdates<R extends GridRow>(
  view: GridView<R>,
  fromRow: number,
  b: RangeBounds,
  pick: (col: GridColumn<R>, row: R) => unknown,
): RangeChanges {
  const updates: GridChanges['updates'] = [];
  let cells = 0;
  for (let r = fromRow; r <= b.bottom; r++) {
    const row = view.rowAt(r);
    if (!row) continue;
    const values: Record<string, unknown> = {};
    for (let c = b.left; c <= b.right; c++) {
      const col = view.columns[c];
      if (!col || !isEditable(col, row)) continue;
      const value = pick(col, row);
      if (value === SKIP) continue;
      values[col.field] = value;
      cells += 1;
    }
    if (Object.keys(values).length > 0) updates.push({ id: row.id, values });
  }
  return { updates, cells };
}

/** The range's first row copied into the rows below it (nothing for a range of one row). */
export function planFillDown<R extends GridRow>(view: GridView<R>, b: RangeBounds): RangeChanges {
  const first = b.bottom > b.top ? view.rowAt(b.top) : undefined;
  if (!first) return { updates: [], cells: 0 };
  return rangeUpdates(view, b.top + 1, b, (col, row) => (sameValue(first[col.field], row[col.field]) ? SKIP : first[col.field]));
}

/**
 * Every editable cell of the range emptied (null, or [] for a list). A required cell
 * that holds something cannot be emptied: then nothing is, and each such cell is named.
 */
export function planClear<R extends GridRow>(view: GridView<R>, b: RangeBounds, required: string): ClearPlan {
  const issues: GridIssue[] = [];
  const changes = rangeUpdates(view, b.top, b, (col, row) => {
    const v = row[col.field];
    if (isBlank(v)) return SKIP;
    if (col.required) {
      issues.push({ rowId: row.id, field: col.field, message: required });
      return SKIP;
    }
    return Array.isArray(v) ? [] : null;
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ...changes };
}
