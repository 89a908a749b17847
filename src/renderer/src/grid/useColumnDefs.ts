import type { ColDef, Column, GridApi, IRowNode } from 'ag-grid-community';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { TextEditor, TreeLabelRenderer, type TreeLabelParams } from './cells';
import { formatOf, isEditable, isNumeric, textOf } from './cellRules';
import { canvasMeasure, contentWidths } from './contentWidth';
import type { GridColumn, GridRow } from './types';

// The kit's columns as AG Grid column definitions: the kit formats, parses and sorts
// by the column's own functions (no type inference from the data), the totals row
// shows only the sums, and the tree column gets the indented label.

interface ColumnDefsOptions<R extends GridRow> {
  columns: readonly GridColumn<R>[];
  /** The field of the tree's label column, if any; sorting is off in a tree. */
  treeLabelField: string | undefined;
  labelParams: ((format: (value: unknown, row: unknown) => string) => TreeLabelParams) | null;
  hidden: ReadonlySet<string>;
  widths: () => Record<string, number>;
  inRange: (node: IRowNode, column: Column) => boolean;
  /** The rows and the totals row: a column is at least as wide as its widest text (contentWidth.ts). */
  rows: readonly R[];
  totals: R | undefined;
}

export function useColumnDefs<R extends GridRow>(apiRef: RefObject<GridApi<R> | null>, options: ColumnDefsOptions<R>): ColDef<R>[] {
  const { columns, treeLabelField, labelParams, hidden, widths, inRange, rows, totals } = options;
  const { t } = useTranslation();
  const sortable = treeLabelField === undefined;
  // As a string, so that new rows of the same widths keep the same definitions.
  const neededKey = useMemo(
    () => JSON.stringify(contentWidths(columns, rows, totals, canvasMeasure(), treeLabelField)),
    [columns, rows, totals, treeLabelField],
  );

  const colDefs = useMemo<ColDef<R>[]>(() => {
    const stored = widths();
    const needed = JSON.parse(neededKey) as Record<string, number>;
    return columns.map((col) => {
      const numeric = isNumeric(col.kind);
      const base = stored[col.field] ?? col.width ?? (numeric ? 130 : 150);
      const def: ColDef<R> = {
        colId: col.field,
        cellDataType: false,
        field: col.field as ColDef<R>['field'],
        headerName: col.header,
        width: Math.max(base, needed[col.field] ?? 0),
        hide: hidden.has(col.field),
        pinned: col.pinned ? 'left' : undefined,
        sortable,
        resizable: true,
        editable: (p) => !p.node.rowPinned && !!p.data && isEditable(col, p.data),
        cellEditor: TextEditor,
        cellEditorParams: { editText: (value: unknown, row: R) => textOf(col, value, row) },
        valueFormatter: (p) => {
          if (p.node?.rowPinned) {
            if (col === columns[0]) return t('grid.totals');
            return numeric && col.total && typeof p.value === 'number' ? formatOf(col, p.value, p.data as R) : '';
          }
          return p.data ? formatOf(col, p.value, p.data) : '';
        },
        headerClass: numeric ? 'ag-right-aligned-header' : undefined,
        cellClass: (p) => {
          const cls = numeric ? 'gk-num' : col.kind === 'date' ? 'gk-date' : undefined;
          const extra = !p.node.rowPinned && p.data && col.cellClass ? col.cellClass(p.value, p.data) : undefined;
          return extra ? [cls ?? '', extra].filter(Boolean) : cls;
        },
        cellClassRules: { 'gk-range': (p) => inRange(p.node, p.column) },
        tooltipValueGetter: col.tooltip ? (p) => (!p.node?.rowPinned && p.data ? col.tooltip?.(p.value, p.data) : undefined) : undefined,
        comparator: numeric
          ? undefined
          : (a, b, na, nb) => {
              const ta = na?.data ? formatOf(col, a, na.data) : '';
              const tb = nb?.data ? formatOf(col, b, nb.data) : '';
              return ta.localeCompare(tb, undefined, { numeric: true });
            },
      };
      if (labelParams && col.field === treeLabelField) {
        def.cellRenderer = TreeLabelRenderer;
        def.cellRendererParams = labelParams((value, row) => formatOf(col, value, row as R));
      }
      return def;
    });
  }, [columns, widths, hidden, sortable, treeLabelField, labelParams, inRange, t, neededKey]);

  // New formatters (refs loaded, language or unit changed) do not repaint cells whose
  // values did not change: repaint them. AG Grid may take the new definitions after this
  // effect, so repaint once more on the next frame (a tree label sees a loaded branch).
  // Definitions that come with the first rows have no painted cell to repaint: the rows
  // are drawn with them (and repainting 8,000 rows' first screen twice would sit between
  // the click and the first row).
  const rowsBefore = useRef(0);
  useEffect(() => {
    if (rowsBefore.current === 0) return;
    apiRef.current?.refreshCells({ force: true });
    const frame = requestAnimationFrame(() => apiRef.current?.refreshCells({ force: true }));
    return () => cancelAnimationFrame(frame);
  }, [apiRef, colDefs]);
  // After the effect above: it reads how many rows the previous render had.
  useEffect(() => {
    rowsBefore.current = rows.length;
  });

  return colDefs;
}
