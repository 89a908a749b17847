import type { GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { formatOf } from './cellRules';
import type { GridColumn, GridRow } from './types';

// Which loaded rows the grid shows, through AG Grid's external filter: the find box
// (a row shows when any cell's shown text contains what was typed) and, while nothing
// is typed, the tree's collapsed branches. A typed search shows matches at any depth.

export interface RowFilter<R extends GridRow> {
  /** What the find box holds. */
  filterText: string;
  setFilterText(text: string): void;
  /** True when the find box lets the row through. */
  matches(row: R): boolean;
  isExternalFilterPresent(): boolean;
  doesExternalFilterPass(node: IRowNode<R>): boolean;
}

export function useRowFilter<R extends GridRow>(
  columns: readonly GridColumn<R>[],
  apiRef: RefObject<GridApi<R> | null>,
  tree: { isExpanded(row: R): boolean; anyCollapsed(): boolean },
): RowFilter<R> {
  const [filterText, setFilterText] = useState('');
  // The term AG Grid filters by: it asks the filter functions outside React's renders.
  const termRef = useRef('');
  const term = filterText.trim().toLowerCase();

  const matchesTerm = useCallback(
    (row: R, text: string): boolean => {
      if (!text) return true;
      for (const col of columns) {
        const shown = formatOf(col, row[col.field], row);
        if (shown && shown.toLowerCase().includes(text)) return true;
      }
      return false;
    },
    [columns],
  );
  const matches = useCallback((row: R) => matchesTerm(row, term), [matchesTerm, term]);

  useEffect(() => {
    if (termRef.current === term) return;
    termRef.current = term;
    apiRef.current?.onFilterChanged();
  }, [apiRef, term]);

  const { isExpanded, anyCollapsed } = tree;
  const isExternalFilterPresent = useCallback(() => termRef.current !== '' || anyCollapsed(), [anyCollapsed]);
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<R>) => {
      if (!node.data) return true;
      if (termRef.current !== '') return matchesTerm(node.data, termRef.current);
      return isExpanded(node.data);
    },
    [isExpanded, matchesTerm],
  );

  return { filterText, setFilterText, matches, isExternalFilterPresent, doesExternalFilterPass };
}
