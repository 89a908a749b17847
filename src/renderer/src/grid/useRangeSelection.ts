import type { CellFocusedEvent, CellMouseDownEvent, CellMouseOverEvent, Column, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { bounds, clamp, contains, single, type CellPos, type CellRange } from './range';
import type { GridRow, GridRowId } from './types';

// The selected range of cells, which AG Grid Community does not have: drag, Shift+click,
// Shift+arrows and select-all set it; the cells in it get the `gk-range` class and the
// toolbar says its size. It lives in a ref, not in state: a drag must not re-render
// the grid, only repaint its cells.

export interface RangeSelection {
  /** The current range, or the focused cell as a range of one (null: neither). */
  currentRange(): CellRange | null;
  /** Sets the range (null: none), repaints the cells and the toolbar's size label. */
  showRange(range: CellRange | null): void;
  /** Focuses a cell, scrolling it into view. */
  focusCell(pos: CellPos): void;
  /** Displayed coordinates of a cell, or null when the column is not displayed. */
  posOf(rowIndex: number | null, column: Column | string | null): CellPos | null;
  /** Whether a cell gets the range's class (a range of one cell does not: the focus ring shows it). */
  inRange(node: IRowNode, column: Column): boolean;
  /** Ctrl+A: every displayed cell. */
  selectAll(): void;
  /** Shift+arrow: moves the range's far corner one cell and focuses it. */
  extend(arrowKey: string): void;
  onCellMouseDown(e: CellMouseDownEvent): void;
  onCellMouseOver(e: CellMouseOverEvent): void;
  onCellFocused(e: CellFocusedEvent): void;
}

interface MarkedCells {
  rowNodes: IRowNode[];
  columns: Column[];
}

/** The rows and columns of a range of more than one cell; null for a single cell or none. */
function rangeCells(api: GridApi, range: CellRange | null, displayed: readonly Column[]): MarkedCells | null {
  if (!range) return null;
  const b = bounds(range);
  if (b.top === b.bottom && b.left === b.right) return null;
  const rowNodes: IRowNode[] = [];
  const last = Math.min(b.bottom, api.getDisplayedRowCount() - 1);
  for (let i = b.top; i <= last; i++) {
    const node = api.getDisplayedRowAtIndex(i);
    if (node) rowNodes.push(node);
  }
  return { rowNodes, columns: displayed.slice(b.left, b.right + 1) };
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function useRangeSelection<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  wrapRef: RefObject<HTMLDivElement | null>,
  /** The toolbar's label that says the size of the range. */
  labelRef: RefObject<HTMLSpanElement | null>,
  rowData: readonly R[],
  onFocusChange: ((cell: { rowId: GridRowId; field: string } | null) => void) | undefined,
): RangeSelection {
  const { t } = useTranslation();
  const rangeRef = useRef<CellRange | null>(null);
  const colIndexRef = useRef<Map<string, number>>(new Map());
  const draggingRef = useRef(false);
  /** When a click on a cell began (0: none pending). */
  const mouseDownRef = useRef(0);
  /** The cells the current range gave the range's class (null: none). */
  const markedRef = useRef<MarkedCells | null>(null);

  const displayedColumns = useCallback((): Column[] => apiRef.current?.getAllDisplayedColumns() ?? [], [apiRef]);

  const writeLabel = useCallback(() => {
    const label = labelRef.current;
    if (!label) return;
    const range = rangeRef.current;
    if (!range) {
      label.textContent = '';
      return;
    }
    const b = bounds(range);
    const rows = b.bottom - b.top + 1;
    const cols = b.right - b.left + 1;
    label.textContent = rows * cols > 1 ? t('grid.selection', { rows, cols }) : '';
  }, [labelRef, t]);

  const showRange = useCallback((range: CellRange | null) => {
    rangeRef.current = range;
    const api = apiRef.current;
    if (!api) return;
    const displayed = api.getAllDisplayedColumns();
    const before = colIndexRef.current;
    const map = new Map<string, number>();
    displayed.forEach((c, i) => map.set(c.getColId(), i));
    colIndexRef.current = map;
    // Only the cells whose class can change are repainted: those the last range marked
    // (wherever their rows are now) and those the new one marks. A range of one cell
    // marks none, so moving the focus repaints nothing; refreshing every cell would
    // format the whole screen again on each arrow key and each Enter.
    const marked = rangeCells(api, range, displayed);
    const columnsMoved = before.size !== map.size || [...map].some(([id, i]) => before.get(id) !== i);
    if (columnsMoved) api.refreshCells();
    else {
      for (const cells of [markedRef.current, marked]) if (cells) api.refreshCells(cells);
    }
    markedRef.current = marked;
    writeLabel();
  }, [apiRef, writeLabel]);

  // The label is written when the range changes; a new language rewrites it.
  useEffect(() => {
    if (rangeRef.current) writeLabel();
  }, [writeLabel]);

  const inRange = useCallback((node: IRowNode, column: Column): boolean => {
    const range = rangeRef.current;
    if (!range || node.rowPinned || node.rowIndex === null) return false;
    const ci = colIndexRef.current.get(column.getColId());
    if (ci === undefined) return false;
    const b = bounds(range);
    if (b.top === b.bottom && b.left === b.right) return false;
    return contains(b, node.rowIndex, ci);
  }, []);

  const posOf = useCallback((rowIndex: number | null, column: Column | string | null): CellPos | null => {
    if (rowIndex === null || column === null) return null;
    const id = typeof column === 'string' ? column : column.getColId();
    const col = displayedColumns().findIndex((c) => c.getColId() === id);
    return col < 0 ? null : { row: rowIndex, col };
  }, [displayedColumns]);

  const focusCell = useCallback((pos: CellPos) => {
    const api = apiRef.current;
    if (!api) return;
    const col = displayedColumns()[pos.col];
    if (!col) return;
    api.ensureIndexVisible(pos.row);
    api.ensureColumnVisible(col);
    api.setFocusedCell(pos.row, col);
  }, [apiRef, displayedColumns]);

  const currentRange = useCallback((): CellRange | null => {
    if (rangeRef.current) return rangeRef.current;
    const focused = apiRef.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const pos = posOf(focused.rowIndex, focused.column);
    return pos ? single(pos) : null;
  }, [apiRef, posOf]);

  const selectAll = useCallback(() => {
    const rows = apiRef.current?.getDisplayedRowCount() ?? 0;
    const cols = displayedColumns().length;
    if (rows > 0 && cols > 0) showRange({ anchor: { row: 0, col: 0 }, end: { row: rows - 1, col: cols - 1 } });
  }, [apiRef, displayedColumns, showRange]);

  const extend = useCallback((arrowKey: string) => {
    const range = currentRange();
    const d = ARROWS[arrowKey];
    if (!range || !d) return;
    const end = clamp({ row: range.end.row + d[0], col: range.end.col + d[1] }, apiRef.current?.getDisplayedRowCount() ?? 0, displayedColumns().length);
    showRange({ anchor: range.anchor, end });
    focusCell(end);
  }, [apiRef, currentRange, displayedColumns, focusCell, showRange]);

  const onCellMouseDown = useCallback((e: CellMouseDownEvent) => {
    mouseDownRef.current = 0;
    const me = e.event as MouseEvent | null | undefined;
    if (!me || me.button !== 0 || e.node.rowPinned) return;
    const pos = posOf(e.rowIndex, e.column);
    if (!pos) return;
    if (me.shiftKey && rangeRef.current) {
      showRange({ anchor: rangeRef.current.anchor, end: pos });
    } else if (me.shiftKey) {
      const focused = apiRef.current?.getFocusedCell();
      const from = focused ? posOf(focused.rowIndex, focused.column) : null;
      showRange({ anchor: from ?? pos, end: pos });
    } else {
      draggingRef.current = true;
      showRange(single(pos));
    }
  }, [apiRef, posOf, showRange]);

  const onCellMouseOver = useCallback((e: CellMouseOverEvent) => {
    if (!draggingRef.current || e.node.rowPinned) return;
    const me = e.event as MouseEvent | null | undefined;
    if (me && (me.buttons & 1) === 0) {
      draggingRef.current = false;
      return;
    }
    const range = rangeRef.current;
    const pos = posOf(e.rowIndex, e.column);
    if (!range || !pos || (pos.row === range.end.row && pos.col === range.end.col)) return;
    showRange({ anchor: range.anchor, end: pos });
  }, [posOf, showRange]);

  const onCellFocused = useCallback((e: CellFocusedEvent) => {
    if (onFocusChange) {
      const node = e.rowIndex !== null && e.rowIndex !== undefined && !e.rowPinned ? apiRef.current?.getDisplayedRowAtIndex(e.rowIndex) : null;
      const col = e.column;
      const field = typeof col === 'string' ? col : col?.getColId();
      onFocusChange(node?.data && field ? { rowId: node.data.id, field } : null);
    }
    // Keyboard focus moves the range to the focused cell; a click has set it already.
    if (performance.now() - mouseDownRef.current < 1000 || e.rowPinned || e.rowIndex === null || e.rowIndex === undefined) return;
    const pos = posOf(e.rowIndex, e.column as Column | string | null);
    if (!pos) return;
    const range = rangeRef.current;
    if (range && range.end.row === pos.row && range.end.col === pos.col) return;
    showRange(single(pos));
  }, [apiRef, onFocusChange, posOf, showRange]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const onUp = () => {
      draggingRef.current = false;
    };
    // AG Grid focuses the clicked cell before it reports the mousedown (both reach us
    // asynchronously, after the mouseup): remember that a click is under way so that
    // its focus does not reset a Shift+click range.
    const onDown = (e: PointerEvent) => {
      if (e.button === 0 && (e.target as HTMLElement | null)?.closest('.ag-cell')) mouseDownRef.current = performance.now();
    };
    wrap.addEventListener('pointerdown', onDown, true);
    document.addEventListener('mouseup', onUp);
    return () => {
      wrap.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('mouseup', onUp);
    };
  }, [wrapRef]);

  // New rows move what the range's indices point at: a range past the last row goes.
  useEffect(() => {
    const range = rangeRef.current;
    if (!range) return;
    const rows = apiRef.current?.getDisplayedRowCount() ?? 0;
    if (range.anchor.row >= rows || range.end.row >= rows) showRange(null);
  }, [apiRef, rowData, showRange]);

  return { currentRange, showRange, focusCell, posOf, inRange, selectAll, extend, onCellMouseDown, onCellMouseOver, onCellFocused };
}
