import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeLabelParams } from './cells';
import { isShown, orderTree, type TreeInfo } from './tree';
import type { GridRow, GridRowId, GridTreeOptions } from './types';

// Hierarchical rows (AG Grid's tree data is Enterprise): the rows in tree order, the
// collapsed branches (hidden through the grid's external filter), and the indented
// label with its chevron. A lazy tree's branch whose children are not loaded yet shows
// collapsed, and expanding it asks the screen for them.

export interface TreeRows<R extends GridRow> {
  /** The rows in display order: parents before their children when there is a tree. */
  rowData: R[];
  /** Expands or collapses every branch. */
  setAllCollapsed(collapse: boolean): void;
  /** True when the row's branch is open all the way up (always, without a tree). */
  isExpanded(row: R): boolean;
  /** True when some branch is collapsed, i.e. the grid must filter rows out. */
  anyCollapsed(): boolean;
  /** What the label column's renderer needs, given how the column formats a value. */
  labelParams: ((format: (value: unknown, row: unknown) => string) => TreeLabelParams) | null;
}

export function useTreeRows<R extends GridRow>(
  rows: readonly R[],
  tree: GridTreeOptions | undefined,
  apiRef: RefObject<GridApi<R> | null>,
): TreeRows<R> {
  const { t } = useTranslation();
  const collapsedRef = useRef<Set<GridRowId>>(new Set());
  const treeRef = useRef(tree);
  useEffect(() => {
    treeRef.current = tree;
  }, [tree]);

  const { rowData, treeInfo } = useMemo(() => {
    if (!tree) return { rowData: rows as R[], treeInfo: null };
    const ordered = orderTree(rows, tree.parentField);
    return { rowData: ordered.rows, treeInfo: ordered.info };
  }, [rows, tree]);
  // Read by the label renderer as it paints, so that the renderer's parameters (and with
  // them the column definitions) stay the same when only the rows change, and AG Grid
  // repaints only the cells whose values changed. Set before the grid paints the new rows.
  const treeInfoRef = useRef<TreeInfo | null>(null);
  useLayoutEffect(() => {
    treeInfoRef.current = treeInfo;
  }, [treeInfo]);

  /** A lazy tree's row whose children are not among the rows yet. */
  const isUnloaded = useCallback((row: GridRow | undefined): boolean => {
    const field = treeRef.current?.unloadedField;
    return !!field && !!row && row[field] === true && !treeInfoRef.current?.hasChildren.has(row.id);
  }, []);

  const toggleRow = useCallback((id: unknown) => {
    const set = collapsedRef.current;
    const key = id as GridRowId;
    const api = apiRef.current;
    const data = api?.getRowNode(String(key))?.data;
    if (isUnloaded(data)) {
      // Its children come with the screen's next rows, expanded.
      set.delete(key);
      if (data) treeRef.current?.onExpand?.(data);
      return;
    }
    if (set.has(key)) set.delete(key);
    else set.add(key);
    if (!api) return;
    api.onFilterChanged();
    const node = api.getRowNode(String(key));
    if (node) api.refreshCells({ rowNodes: [node], force: true });
  }, [apiRef, isUnloaded]);

  const setAllCollapsed = useCallback((collapse: boolean) => {
    const info = treeInfoRef.current;
    const api = apiRef.current;
    if (!info || !api) return;
    collapsedRef.current = collapse ? new Set(info.hasChildren) : new Set();
    api.onFilterChanged();
    api.refreshCells({ force: true });
  }, [apiRef]);

  // Reads the tree through its ref, so that the grid's filter callbacks keep their identity
  // when only the rows change: a new callback makes AG Grid filter every row again on top
  // of the pass the new rows already get (the ref is set before the grid takes them).
  const isExpanded = useCallback((row: R) => {
    const info = treeInfoRef.current;
    return info ? isShown(row.id, info, collapsedRef.current) : true;
  }, []);
  const anyCollapsed = useCallback(() => !!tree && collapsedRef.current.size > 0, [tree]);

  const expandLabel = t('grid.toggleRow');
  const labelParams = useMemo(() => {
    if (!tree) return null;
    const lazyField = tree.unloadedField;
    const hasChildren = (id: unknown) => treeInfoRef.current?.hasChildren.has(id as GridRowId) ?? false;
    const unloaded = (id: unknown, row: unknown) => !!lazyField && !!row && (row as GridRow)[lazyField] === true && !hasChildren(id);
    return (format: (value: unknown, row: unknown) => string): TreeLabelParams => ({
      depthOf: (id) => treeInfoRef.current?.depth.get(id as GridRowId) ?? 0,
      hasChildren: (id, row) => hasChildren(id) || unloaded(id, row),
      isCollapsed: (id, row) => collapsedRef.current.has(id as GridRowId) || unloaded(id, row),
      toggle: toggleRow,
      format,
      expandLabel,
    });
  }, [tree, toggleRow, expandLabel]);

  // A branch that loaded or emptied changes a label's toggle, not its text: repaint the
  // label column (on the next frame too, as AG Grid may take the new rows after this effect).
  const labelField = tree?.labelField;
  const shapeKey = useMemo(() => (treeInfo ? [...treeInfo.hasChildren].join('\u0000') : ''), [treeInfo]);
  useEffect(() => {
    if (!labelField) return;
    const repaint = () => apiRef.current?.refreshCells({ columns: [labelField], force: true });
    repaint();
    const frame = requestAnimationFrame(repaint);
    return () => cancelAnimationFrame(frame);
  }, [apiRef, labelField, shapeKey]);

  return { rowData, setAllCollapsed, isExpanded, anyCollapsed, labelParams };
}
