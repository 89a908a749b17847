import type { GridApi } from 'ag-grid-community';
import { useImperativeHandle, type Ref, type RefObject } from 'react';
import { bounds, single } from './range';
import type { RangeSelection } from './useRangeSelection';
import type { GridRow, GridRowId } from './types';

// What a screen may ask of its grid (row actions such as delete or lock work on the
// selected rows or the focused cell).

export interface DataGridHandle {
  /** Ids of the rows the selected range covers, in display order. */
  selectedRowIds(): GridRowId[];
  /** Scrolls to a row and focuses its first cell. */
  focusRow(id: GridRowId): void;
  /** The focused cell's row and column (field), or null. */
  focusedCell(): { rowId: GridRowId; field: string } | null;
}

export function useGridHandle<R extends GridRow>(
  handle: Ref<DataGridHandle> | undefined,
  apiRef: RefObject<GridApi<R> | null>,
  selection: Pick<RangeSelection, 'currentRange' | 'showRange' | 'focusCell'>,
): void {
  const { currentRange, showRange, focusCell } = selection;
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
      const api = apiRef.current;
      const node = api?.getRowNode(String(id));
      if (!api || !node || node.rowIndex === null) return;
      const pos = { row: node.rowIndex, col: 0 };
      showRange(single(pos));
      focusCell(pos);
    },
    focusedCell() {
      const api = apiRef.current;
      const focused = api?.getFocusedCell();
      if (!api || !focused || focused.rowPinned || focused.rowIndex === null) return null;
      const node = api.getDisplayedRowAtIndex(focused.rowIndex);
      if (!node?.data) return null;
      return { rowId: node.data.id, field: focused.column.getColId() };
    },
  }), [apiRef, currentRange, showRange, focusCell]);
}
