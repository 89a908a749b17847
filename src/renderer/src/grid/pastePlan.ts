import { isEditable, parseText, sameValue } from './cellRules';
import { bounds, type CellPos, type CellRange } from './range';
import type { ApplyLabel, GridChanges, GridIssue, GridRow, GridRowId } from './types';
import type { GridView } from './view';

// What a paste does, worked out before anything is applied: where the block lands,
// whether it runs past the last row, and then every cell's new value or the reason it
// is refused. All or nothing: one refused cell and the plan is its list of problems.

/** A block of cells and the displayed cell its top left goes to. */
export interface PasteShape {
  origin: CellPos;
  block: string[][];
}

/** The reasons the planner gives itself, in the user's language. */
export interface PasteMessages {
  /** A non-empty cell to the right of the last column. */
  outsideColumns: string;
  notEditable: string;
  required: string;
}

export type PastePlan =
  | { ok: false; issues: GridIssue[] }
  | {
      ok: true;
      /** Empty when every pasted value equals what is there. */
      changes: GridChanges;
      label: ApplyLabel;
      /** How many cells change. */
      cells: number;
      /** The cells the block covered, to select once it is applied. */
      landed: CellRange;
    };

/**
 * The block at the focused cell, except that one value pasted into a range of several
 * cells fills the range, as spreadsheets do.
 */
export function pasteShape(block: string[][], focus: CellPos, range: CellRange | null): PasteShape {
  if (range && block.length === 1 && block[0].length === 1) {
    const b = bounds(range);
    if (b.bottom > b.top || b.right > b.left) {
      const value = block[0][0];
      return {
        origin: { row: b.top, col: b.left },
        block: Array.from({ length: b.bottom - b.top + 1 }, () => Array.from({ length: b.right - b.left + 1 }, () => value)),
      };
    }
  }
  return { origin: focus, block };
}

/** How many of the block's rows fall below the last displayed row (0: none). */
export function rowsBelow(shape: PasteShape, rowCount: number): number {
  return Math.max(0, shape.origin.row + shape.block.length - rowCount);
}

/**
 * Every pasted cell checked against its column and row. Rows below the last one become
 * new rows when `append` is true and are left out otherwise.
 */
export function planPaste<R extends GridRow>(shape: PasteShape, view: GridView<R>, append: boolean, messages: PasteMessages): PastePlan {
  const { origin, block } = shape;
  const { rowCount, columns } = view;
  const rowsToUse = append || rowsBelow(shape, rowCount) === 0 ? block.length : rowCount - origin.row;
  const issues: GridIssue[] = [];
  const updates = new Map<GridRowId, Record<string, unknown>>();
  const appends: Record<string, unknown>[] = [];
  let cells = 0;
  for (let i = 0; i < rowsToUse; i++) {
    const r = origin.row + i;
    const row = (r < rowCount ? view.rowAt(r) : undefined) ?? null;
    const appendIndex = row ? undefined : r - rowCount;
    if (!row && !append) continue;
    const values: Record<string, unknown> = {};
    block[i].forEach((cellText, j) => {
      const col = columns[origin.col + j];
      const where = { rowId: row?.id, appendIndex, field: col?.field };
      if (!col) {
        if (cellText.trim() !== '') issues.push({ ...where, message: messages.outsideColumns });
        return;
      }
      // A new row has no data for a per-row rule to judge: any column that parses takes a
      // value, unless it says `editable: false`.
      if (!isEditable(col, row) && !(row === null && col.editable !== false && col.parse)) {
        issues.push({ ...where, message: messages.notEditable });
        return;
      }
      const parsed = parseText(col, cellText, row, messages.required);
      if (!parsed.ok) {
        issues.push({ ...where, message: parsed.reason });
        return;
      }
      if (row && sameValue(parsed.value, row[col.field])) return;
      values[col.field] = parsed.value;
      cells += 1;
    });
    if (row) {
      if (Object.keys(values).length > 0) updates.set(row.id, values);
    } else {
      appends.push(values);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const lastRow = Math.min(origin.row + rowsToUse - 1, rowCount - 1 + appends.length);
  const lastCol = Math.min(origin.col + Math.max(...block.map((b) => b.length)) - 1, columns.length - 1);
  return {
    ok: true,
    changes: { updates: [...updates].map(([id, values]) => ({ id, values })), appends },
    label: updates.size === 0 && appends.length > 0 ? 'append' : 'paste',
    cells,
    landed: { anchor: origin, end: { row: lastRow, col: lastCol } },
  };
}
