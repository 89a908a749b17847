import type { GridApi } from 'ag-grid-community';
import { useCallback, useImperativeHandle, useRef, type Ref, type RefObject } from 'react';
import { bounds, single } from './range';
import type { RangeSelection } from './useRangeSelection';
import type { GridRow, GridRowId } from './types';

// What a screen may ask of its grid (row actions such as delete or lock work on the
// selected rows or the focused cell).

export interface DataGridHandle {
  /** Ids of the rows the selected range covers, in display order. */
  selectedRowIds(): GridRowId[];
  /**
   * Scrolls to a row and focuses its first cell; a row the grid does not hold yet (its
   * rows are on their way) is focused when they arrive.
   */
  focusRow(id: GridRowId): void;
  /** The focused cell's row and column (field), or null. */
  focusedCell(): { rowId: GridRowId; field: string } | null;
}

/** The handle; `onRowDataUpdated` goes to the grid's event of that name (a row waiting to be focused). */
export function useGridHandle<R extends GridRow>(
  handle: Ref<DataGridHandle> | undefined,
  apiRef: RefObject<GridApi<R> | null>,
  selection: Pick<RangeSelection, 'currentRange' | 'showRange' | 'focusCell'>,
): { onRowDataUpdated: () => void } {
  const { currentRange, showRange, focusCell } = selection;
  const waiting = useRef<GridRowId | null>(null);
  const tryFocus = useCallback(
    (id: GridRowId): boolean => {
      const api = apiRef.current;
      const node = api?.getRowNode(String(id));
      if (!api || !node || node.rowIndex === null) return false;
      const pos = { row: node.rowIndex, col: 0 };
      showRange(single(pos));
      focusCell(pos);
      return true;
    },
    [apiRef, showRange, focusCell],
  );
  const onRowDataUpdated = useCallback(() => {
    if (waiting.current !== null && tryFocus(waiting.current)) waiting.current = null;
  }, [tryFocus]);
  useImperativeHandle(handle, () => ({
    selectedRowIds() {
      const api = apiRef.current;
      const range = currentRange();
      if (!api || !range) return [];
      const b = bounds(range);
      const ids: GridRowId[] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const node = api.getDisplayedRowAtIndex(r);
        if (node?.data) ids.push(node.data.id);
      }
      return ids;
    },
    focusRow(id: GridRowId) {
      waiting.current = tryFocus(id) ? null : id;
    },
    focusedCell() {
      const api = apiRef.current;
      const focused = api?.getFocusedCell();
      if (!api || !focused || focused.rowPinned || focused.rowIndex === null) return null;
      const node = api.getDisplayedRowAtIndex(focused.rowIndex);
      if (!node?.data) return null;
      return { rowId: node.data.id, field: focused.column.getColId() };
    },
  }), [apiRef, currentRange, tryFocus]);
  return { onRowDataUpdated };
}
