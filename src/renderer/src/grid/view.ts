import type { GridApi } from 'ag-grid-community';
import type { GridColumn, GridRow } from './types';

// The grid as the planners (paste, fill, clear, copy) see it: the displayed rows and
// columns in display order, the coordinates a range is given in. The planners take
// this instead of AG Grid, so that they run, and are tested, without it.

export interface GridView<R extends GridRow> {
  /** How many rows are displayed (after the filter and the collapsed branches). */
  rowCount: number;
  /** The displayed row at an index, if it is there. */
  rowAt(index: number): R | undefined;
  /** The displayed columns, left to right (undefined: a column that is not the kit's). */
  columns: readonly (GridColumn<R> | undefined)[];
}

/** The view of an AG Grid as it is now; rows are read when asked for. */
export function viewOf<R extends GridRow>(api: GridApi<R>, byField: ReadonlyMap<string, GridColumn<R>>): GridView<R> {
  return {
    rowCount: api.getDisplayedRowCount(),
    rowAt: (index) => api.getDisplayedRowAtIndex(index)?.data,
    columns: api.getAllDisplayedColumns().map((c) => byField.get(c.getColId())),
  };
}
