import {
  AllCommunityModule,
  ModuleRegistry,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type CellMouseOverEvent,
  type ColDef,
  type Column,
  type ColumnResizedEvent,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IRowNode,
  type RowClassParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../components/Modal';
import { TextEditor, TreeLabelRenderer } from './cells';
import { defaultFormat, formatOf, isEditable, isNumeric, parseText, sameValue, textOf } from './cellRules';
import { planClear, planFillDown } from './fillPlan';
import { pasteShape, planPaste, rowsBelow } from './pastePlan';
import { loadPrefs, savePrefs } from './prefs';
import { bounds, clamp, contains, single, type CellPos, type CellRange } from './range';
import { gridTheme } from './theme';
import { isShown, orderTree, type TreeInfo } from './tree';
import { totalsRow } from './totals';
import { parseTsv, rangeToTsv } from './tsv';
import {
  GridApplyError,
  type ApplyLabel,
  type GridChanges,
  type GridColumn,
  type GridIssue,
  type GridRow,
  type GridRowId,
  type GridTreeOptions,
} from './types';
import { viewOf } from './view';
import './grid.css';

// The app's one grid: AG Grid Community plus what Community leaves out and a
// spreadsheet user expects: cell ranges (drag, Shift+click, Shift+arrows), copy and
// paste as TSV, fill down, clear, hierarchical rows and a totals row. Every change
// is one call to `onApply` (one undo step in the file); undo and redo are the app's
// (Ctrl+Z / Ctrl+Y reach its window-wide shortcut, which the grid leaves alone).

ModuleRegistry.registerModules([AllCommunityModule]);

export interface DataGridHandle {
  /** Ids of the rows the selected range covers, in display order. */
  selectedRowIds(): GridRowId[];
  /** Scrolls to a row and focuses its first cell. */
  focusRow(id: GridRowId): void;
  /** The focused cell's row and column (field), or null. */
  focusedCell(): { rowId: GridRowId; field: string } | null;
}

export interface DataGridProps<R extends GridRow> {
  /** Remembers column widths and hidden columns under this id. */
  gridId: string;
  columns: readonly GridColumn<R>[];
  rows: readonly R[];
  /**
   * Commits one user action, or rejects (GridApplyError: nothing applied). Updates show
   * at once; for appended rows the grid waits for the next `rows` (with their ids).
   */
  onApply(changes: GridChanges, label: ApplyLabel): Promise<void>;
  tree?: GridTreeOptions;
  totals?: boolean;
  /** Buttons shown before the filter box. */
  toolbar?: ReactNode;
  /**
   * The find box that filters the loaded rows. Default true; false where the page
   * filters on the server and the grid holds only part of the rows.
   */
  filterBox?: boolean;
  handle?: Ref<DataGridHandle>;
  testId?: string;
  /** False: a paste below the last row fills the existing rows only (no new rows). Default true. */
  appendRows?: boolean;
  /** Extra CSS class for a row (e.g. a level of a tree). */
  rowClass?: (row: R) => string | undefined;
  /** Told when the focused cell moves (null: no cell), e.g. to enable row actions. */
  onFocusChange?(cell: { rowId: GridRowId; field: string } | null): void;
}

interface Problem {
  label: ApplyLabel;
  lines: string[];
  more: number;
}

interface AppendQuestion {
  count: number;
  resolve(answer: 'append' | 'existing' | 'cancel'): void;
}

export function DataGrid<R extends GridRow>(props: DataGridProps<R>) {
  const { gridId, columns, rows, onApply, tree, totals, toolbar, handle, testId, appendRows = true, rowClass, onFocusChange, filterBox = true } = props;
  const { t } = useTranslation();
  const apiRef = useRef<GridApi<R> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const selectionRef = useRef<HTMLSpanElement>(null);
  const rangeRef = useRef<CellRange | null>(null);
  const colIndexRef = useRef<Map<string, number>>(new Map());
  const draggingRef = useRef(false);
  /** When a click on a cell began (0: none pending). */
  const mouseDownRef = useRef(0);
  const filterRef = useRef('');
  const collapsedRef = useRef<Set<GridRowId>>(new Set());
  const treeInfoRef = useRef<TreeInfo | null>(null);
  const busyRef = useRef(false);
  const rowDataVersion = useRef(0);
  const rowDataWaiters = useRef<(() => void)[]>([]);
  const onApplyRef = useRef(onApply);
  useEffect(() => {
    onApplyRef.current = onApply;
  }, [onApply]);
  const treeRef = useRef(tree);
  useEffect(() => {
    treeRef.current = tree;
  }, [tree]);

  const [filterText, setFilterText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [appendQuestion, setAppendQuestion] = useState<AppendQuestion | null>(null);
  const [chooserOpen, setChooserOpen] = useState(false);
  const [hidden, setHidden] = useState<Set<string>>(() => {
    const prefs = loadPrefs(gridId);
    return new Set(prefs.stored ? prefs.hidden : columns.filter((c) => c.hiddenByDefault).map((c) => c.field));
  });

  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);

  // ---- rows: tree order, quick filter, collapse -------------------------------------

  const { rowData, treeInfo } = useMemo(() => {
    if (!tree) return { rowData: rows as R[], treeInfo: null };
    const ordered = orderTree(rows, tree.parentField);
    return { rowData: ordered.rows, treeInfo: ordered.info };
  }, [rows, tree]);
  useEffect(() => {
    treeInfoRef.current = treeInfo;
  }, [treeInfo]);

  const term = filterText.trim().toLowerCase();
  const matchesFilter = useCallback(
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

  // The totals row: sums of the rows the filter shows (collapsed ones included).
  const totalRow = useMemo<R[] | undefined>(
    () => (totals ? [totalsRow(columns, rowData, (row) => matchesFilter(row, term))] : undefined),
    [totals, columns, rowData, matchesFilter, term],
  );

  useEffect(() => {
    if (filterRef.current === term) return;
    filterRef.current = term;
    apiRef.current?.onFilterChanged();
  }, [term]);

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
  }, [isUnloaded]);

  const setAllCollapsed = useCallback((collapse: boolean) => {
    const info = treeInfoRef.current;
    const api = apiRef.current;
    if (!info || !api) return;
    collapsedRef.current = collapse ? new Set(info.hasChildren) : new Set();
    api.onFilterChanged();
    api.refreshCells({ force: true });
  }, []);

  // ---- the range ---------------------------------------------------------------------

  const displayedColumns = useCallback((): Column[] => apiRef.current?.getAllDisplayedColumns() ?? [], []);

  const showRange = useCallback((range: CellRange | null) => {
    rangeRef.current = range;
    const api = apiRef.current;
    if (!api) return;
    const map = new Map<string, number>();
    api.getAllDisplayedColumns().forEach((c, i) => map.set(c.getColId(), i));
    colIndexRef.current = map;
    api.refreshCells();
    const label = selectionRef.current;
    if (label) {
      if (range) {
        const b = bounds(range);
        const r = b.bottom - b.top + 1;
        const c = b.right - b.left + 1;
        label.textContent = r * c > 1 ? t('grid.selection', { rows: r, cols: c }) : '';
      } else {
        label.textContent = '';
      }
    }
  }, [t]);

  // The selection label is written when the range changes; a new language rewrites it.
  useEffect(() => {
    const label = selectionRef.current;
    const range = rangeRef.current;
    if (!label || !range) return;
    const b = bounds(range);
    const r = b.bottom - b.top + 1;
    const c = b.right - b.left + 1;
    label.textContent = r * c > 1 ? t('grid.selection', { rows: r, cols: c }) : '';
  }, [t]);

  const inRange = useCallback((node: IRowNode, column: Column): boolean => {
    const range = rangeRef.current;
    if (!range || node.rowPinned || node.rowIndex === null) return false;
    const ci = colIndexRef.current.get(column.getColId());
    if (ci === undefined) return false;
    const b = bounds(range);
    if (b.top === b.bottom && b.left === b.right) return false; // one cell: the focus ring says it
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
  }, [displayedColumns]);

  /** The current range, or the focused cell as a range of one. */
  const currentRange = useCallback((): CellRange | null => {
    if (rangeRef.current) return rangeRef.current;
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const pos = posOf(focused.rowIndex, focused.column);
    return pos ? single(pos) : null;
  }, [posOf]);

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
  }), [currentRange, showRange, focusCell]);

  // ---- applying changes ------------------------------------------------------------

  const rowLabel = useCallback((id: GridRowId | undefined, appendIndex: number | undefined): string => {
    const api = apiRef.current;
    if (appendIndex !== undefined) return String((api?.getDisplayedRowCount() ?? 0) + appendIndex + 1);
    if (id === undefined || !api) return '?';
    const node = api.getRowNode(String(id));
    return node && node.rowIndex !== null ? String(node.rowIndex + 1) : String(id);
  }, []);

  const issueLines = useCallback((issues: GridIssue[]): string[] => {
    return issues.map((i) => {
      const row = rowLabel(i.rowId, i.appendIndex);
      const col = i.field ? byField.get(i.field) : undefined;
      return col
        ? t('grid.problem', { row, column: col.header, reason: i.message })
        : t('grid.problemRow', { row, reason: i.message });
    });
  }, [byField, rowLabel, t]);

  const showProblems = useCallback((label: ApplyLabel, lines: string[]) => {
    const MAX = 30;
    setProblem({ label, lines: lines.slice(0, MAX), more: Math.max(0, lines.length - MAX) });
  }, []);

  /** Resolves once the grid has been handed rows newer than `since`, and painted them. */
  const afterRepaint = useCallback((since: number): Promise<void> => {
    return new Promise((resolve) => {
      const paint = () => requestAnimationFrame(() => setTimeout(resolve, 0));
      if (rowDataVersion.current > since) {
        paint();
        return;
      }
      let done = false;
      const timer = setTimeout(() => {
        if (!done) {
          done = true;
          paint();
        }
      }, 3000);
      rowDataWaiters.current.push(() => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        paint();
      });
    });
  }, []);

  const apply = useCallback(async (changes: GridChanges, label: ApplyLabel, cells: number): Promise<boolean> => {
    if (changes.updates.length === 0 && changes.appends.length === 0) return false;
    if (busyRef.current) return false;
    busyRef.current = true;
    const since = rowDataVersion.current;
    try {
      await onApplyRef.current(changes, label);
    } catch (e) {
      busyRef.current = false;
      // An empty GridApplyError: the app has already reported the failure.
      if (e instanceof GridApplyError) {
        if (e.issues.length > 0) showProblems(label, issueLines(e.issues));
      }
      else showProblems(label, [t('grid.failed', { message: e instanceof Error ? e.message : String(e) })]);
      return false;
    }
    busyRef.current = false;
    const api = apiRef.current;
    if (changes.appends.length === 0 && api) {
      // The commit succeeded with exactly these values: show them now, without waiting
      // for the screen to read its rows again (that read refreshes computed columns).
      const update: R[] = [];
      for (const u of changes.updates) {
        const node = api.getRowNode(String(u.id));
        if (node?.data) update.push({ ...node.data, ...u.values });
      }
      api.applyTransaction({ update });
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    } else {
      // New rows get their ids from the commit: wait for the screen's new rows.
      await afterRepaint(since);
    }
    window.dispatchEvent(new CustomEvent('regionplan:grid-applied', { detail: { gridId, label, cells } }));
    return true;
  }, [afterRepaint, gridId, issueLines, showProblems, t]);

  const onRowDataUpdated = useCallback(() => {
    rowDataVersion.current += 1;
    const waiters = rowDataWaiters.current;
    rowDataWaiters.current = [];
    for (const w of waiters) w();
  }, []);

  // ---- edit -----------------------------------------------------------------------

  const onCellEditRequest = useCallback((e: CellEditRequestEvent<R>) => {
    const field = e.colDef.field;
    const col = field ? byField.get(field) : undefined;
    const row = e.data;
    if (!col || !row || e.node.rowPinned) return;
    const text = typeof e.newValue === 'string' ? e.newValue : defaultFormat(e.newValue);
    if (text === textOf(col, e.oldValue, row)) return;
    const issue = (reason: string) =>
      showProblems('edit', issueLines([{ rowId: row.id, field: col.field, message: reason }]));
    const parsed = parseText(col, text, row, t('grid.required'));
    if (!parsed.ok) {
      issue(parsed.reason);
      return;
    }
    if (sameValue(parsed.value, e.oldValue)) return;
    void apply({ updates: [{ id: row.id, values: { [col.field]: parsed.value } }], appends: [] }, 'edit', 1);
  }, [apply, byField, issueLines, showProblems, t]);

  // ---- copy, paste, fill, clear -------------------------------------------------------

  /** The range (or the focused cell) as TSV: values as shown, numbers unformatted. */
  const rangeText = useCallback((): string | null => {
    const api = apiRef.current;
    const range = currentRange();
    if (!api || !range) return null;
    return rangeToTsv(viewOf(api, byField), bounds(range));
  }, [byField, currentRange]);

  const copy = useCallback(() => {
    const text = rangeText();
    if (text === null) return;
    window.dispatchEvent(new CustomEvent('regionplan:grid-copied', { detail: { gridId, text } }));
    navigator.clipboard?.writeText(text).catch(() => undefined); // no permission: the event still carries it
  }, [gridId, rangeText]);

  const askAppend = useCallback((count: number) => {
    return new Promise<'append' | 'existing' | 'cancel'>((resolve) => setAppendQuestion({ count, resolve }));
  }, []);

  const paste = useCallback(async (text: string) => {
    const api = apiRef.current;
    if (!api || busyRef.current) return;
    const focused = api.getFocusedCell();
    const focus = focused && !focused.rowPinned ? posOf(focused.rowIndex, focused.column) : null;
    if (!focus) {
      showProblems('paste', [t('grid.noCell')]);
      return;
    }
    const block = parseTsv(text);
    if (block.length === 0) return;
    const shape = pasteShape(block, focus, rangeRef.current);
    const view = viewOf(api, byField);
    const below = rowsBelow(shape, view.rowCount);
    const answer = below === 0 ? 'existing' : appendRows ? await askAppend(below) : 'existing';
    if (answer === 'cancel') return;
    const plan = planPaste(shape, view, answer === 'append', {
      outsideColumns: t('grid.outsideColumns'),
      notEditable: t('grid.notEditable'),
      required: t('grid.required'),
    });
    if (!plan.ok) {
      showProblems('paste', issueLines(plan.issues));
      return;
    }
    if (plan.changes.updates.length === 0 && plan.changes.appends.length === 0) {
      window.dispatchEvent(new CustomEvent('regionplan:grid-applied', { detail: { gridId, label: plan.label, cells: 0 } }));
      return;
    }
    if (await apply(plan.changes, plan.label, plan.cells)) showRange(plan.landed);
  }, [apply, appendRows, askAppend, byField, gridId, issueLines, posOf, showProblems, showRange, t]);

  const fillDown = useCallback(() => {
    const api = apiRef.current;
    const range = rangeRef.current;
    if (!api || !range) return;
    const { updates, cells } = planFillDown(viewOf(api, byField), bounds(range));
    void apply({ updates, appends: [] }, 'fill', cells);
  }, [apply, byField]);

  const clear = useCallback(() => {
    const api = apiRef.current;
    const range = currentRange();
    if (!api || !range) return;
    const plan = planClear(viewOf(api, byField), bounds(range), t('grid.required'));
    if (!plan.ok) {
      showProblems('clear', issueLines(plan.issues));
      return;
    }
    void apply({ updates: plan.updates, appends: [] }, 'clear', plan.cells);
  }, [apply, byField, currentRange, issueLines, showProblems, t]);

  // Keys the grid owns (in the capture phase, before AG Grid's own handling), and paste.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const onKey = (e: KeyboardEvent) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0) return;
      const target = e.target as HTMLElement | null;
      if (!target?.closest('.ag-cell, .ag-row')) return; // not the header, not a menu
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key;
      // A Chinese input method sends its keys as "Process" (keyCode 229), which AG Grid
      // does not treat as typing: open the focused cell's editor, empty, so that the
      // composed text lands in it rather than nowhere.
      if (key === 'Process' || e.keyCode === 229) {
        const focused = api.getFocusedCell();
        const row = focused && !focused.rowPinned ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
        const col = focused ? byField.get(focused.column.getColId()) : undefined;
        if (focused && row && col && isEditable(col, row)) api.startEditingCell({ rowIndex: focused.rowIndex, colKey: focused.column, key: 'Backspace' });
        return;
      }
      const own = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (mod && !e.altKey && !e.shiftKey && (key === 'c' || key === 'C')) {
        own();
        copy();
      } else if (mod && !e.altKey && (key === 'd' || key === 'D')) {
        own();
        fillDown();
      } else if (mod && !e.altKey && (key === 'a' || key === 'A')) {
        own();
        const rowsN = api.getDisplayedRowCount();
        const colsN = displayedColumns().length;
        if (rowsN > 0 && colsN > 0) showRange({ anchor: { row: 0, col: 0 }, end: { row: rowsN - 1, col: colsN - 1 } });
      } else if (!mod && (key === 'Delete' || key === 'Backspace')) {
        own();
        clear();
      } else if (e.shiftKey && !mod && key.startsWith('Arrow')) {
        own();
        const range = currentRange();
        if (!range) return;
        const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[key];
        if (!d) return;
        const end = clamp({ row: range.end.row + d[0], col: range.end.col + d[1] }, api.getDisplayedRowCount(), displayedColumns().length);
        const next = { anchor: range.anchor, end };
        showRange(next);
        focusCell(end);
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      e.stopPropagation();
      void paste(text);
    };
    // Electron's Edit menu (role 'copy') may take Ctrl+C before the page sees the key:
    // the copy event it sends gets the range too.
    const onCopy = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0 || !(e.target as HTMLElement | null)?.closest('.ag-cell, .ag-row')) return;
      const text = rangeText();
      if (text === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      window.dispatchEvent(new CustomEvent('regionplan:grid-copied', { detail: { gridId, text } }));
    };
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
    wrap.addEventListener('keydown', onKey, true);
    wrap.addEventListener('paste', onPaste);
    wrap.addEventListener('copy', onCopy);
    document.addEventListener('mouseup', onUp);
    return () => {
      wrap.removeEventListener('keydown', onKey, true);
      wrap.removeEventListener('paste', onPaste);
      wrap.removeEventListener('copy', onCopy);
      wrap.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('mouseup', onUp);
    };
  }, [byField, clear, copy, currentRange, displayedColumns, fillDown, focusCell, gridId, paste, rangeText, showRange]);

  const onCellMouseDown = useCallback((e: CellMouseDownEvent<R>) => {
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
  }, [posOf, showRange]);

  const onCellMouseOver = useCallback((e: CellMouseOverEvent<R>) => {
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

  const onCellFocused = useCallback((e: CellFocusedEvent<R>) => {
    if (onFocusChange) {
      const node = e.rowIndex !== null && e.rowIndex !== undefined && !e.rowPinned ? apiRef.current?.getDisplayedRowAtIndex(e.rowIndex) : null;
      const col = e.column;
      const field = typeof col === 'string' ? col : col?.getColId();
      onFocusChange(node?.data && field ? { rowId: node.data.id, field } : null);
    }
    if (performance.now() - mouseDownRef.current < 1000 || e.rowPinned || e.rowIndex === null || e.rowIndex === undefined) return;
    const pos = posOf(e.rowIndex, e.column as Column | string | null);
    if (!pos) return;
    const range = rangeRef.current;
    if (range && range.end.row === pos.row && range.end.col === pos.col) return;
    showRange(single(pos));
  }, [onFocusChange, posOf, showRange]);

  // ---- columns -----------------------------------------------------------------------

  const colDefs = useMemo<ColDef<R>[]>(() => {
    const prefs = loadPrefs(gridId);
    return columns.map((col) => {
      const numeric = isNumeric(col.kind);
      const isTreeCol = tree?.labelField === col.field;
      const def: ColDef<R> = {
        colId: col.field,
        cellDataType: false, // the kit formats and parses; no inference from the data
        field: col.field as ColDef<R>['field'],
        headerName: col.header,
        width: prefs.widths[col.field] ?? col.width ?? (numeric ? 130 : 150),
        hide: hidden.has(col.field),
        pinned: col.pinned ? 'left' : undefined,
        sortable: !tree,
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
        comparator: numeric
          ? undefined
          : (a, b, na, nb) => {
              const ta = na?.data ? formatOf(col, a, na.data) : '';
              const tb = nb?.data ? formatOf(col, b, nb.data) : '';
              return ta.localeCompare(tb, undefined, { numeric: true });
            },
      };
      if (isTreeCol) {
        const lazyField = tree?.unloadedField;
        const unloaded = (id: unknown, row: unknown) =>
          !!lazyField && !!row && (row as GridRow)[lazyField] === true && !(treeInfo?.hasChildren.has(id as GridRowId) ?? false);
        def.cellRenderer = TreeLabelRenderer;
        def.cellRendererParams = {
          depthOf: (id: unknown) => treeInfo?.depth.get(id as GridRowId) ?? 0,
          hasChildren: (id: unknown, row: unknown) => (treeInfo?.hasChildren.has(id as GridRowId) ?? false) || unloaded(id, row),
          isCollapsed: (id: unknown, row: unknown) => collapsedRef.current.has(id as GridRowId) || unloaded(id, row),
          toggle: toggleRow,
          format: (value: unknown, row: unknown) => formatOf(col, value, row as R),
          expandLabel: t('grid.toggleRow'),
        };
      }
      return def;
    });
  }, [columns, gridId, hidden, tree, treeInfo, inRange, toggleRow, t]);

  // New formatters (refs loaded, language or unit changed) do not repaint cells whose
  // values did not change: repaint them. AG Grid may take the new definitions after this
  // effect, so repaint once more on the next frame (a tree label sees a loaded branch).
  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
    const frame = requestAnimationFrame(() => apiRef.current?.refreshCells({ force: true }));
    return () => cancelAnimationFrame(frame);
  }, [colDefs]);

  const saveWidths = useCallback((e: ColumnResizedEvent<R>) => {
    if (!e.finished || e.source !== 'uiColumnResized') return;
    const api = apiRef.current;
    if (!api) return;
    const prefs = loadPrefs(gridId);
    for (const s of api.getColumnState()) if (s.width) prefs.widths[s.colId] = s.width;
    savePrefs(gridId, prefs);
  }, [gridId]);

  const setColumnShown = useCallback((field: string, shown: boolean) => {
    setHidden((prev) => {
      const next = new Set(prev);
      if (shown) next.delete(field);
      else next.add(field);
      const prefs = loadPrefs(gridId);
      prefs.hidden = [...next];
      savePrefs(gridId, prefs);
      return next;
    });
    showRange(null);
  }, [gridId, showRange]);

  // ---- AG Grid wiring ----------------------------------------------------------------

  const getRowId = useCallback((p: GetRowIdParams<R>) => String(p.data.id), []);
  // rowClass as class rules: AG Grid takes a rule's class off a row when it stops
  // applying, whereas classes from getRowClass stay after the row's data changes.
  const rowClassRules = useMemo(() => {
    if (!rowClass) return undefined;
    const names = new Set<string>();
    for (const r of rowData) for (const c of (rowClass(r) ?? '').split(/\s+/)) if (c) names.add(c);
    const rules: Record<string, (p: RowClassParams<R>) => boolean> = {};
    for (const name of names) {
      rules[name] = (p) => !!p.data && !p.node.rowPinned && (rowClass(p.data) ?? '').split(/\s+/).includes(name);
    }
    return rules;
  }, [rowClass, rowData]);
  const onGridReady = useCallback((e: GridReadyEvent<R>) => {
    apiRef.current = e.api;
  }, []);
  const isExternalFilterPresent = useCallback(
    () => filterRef.current !== '' || (!!tree && collapsedRef.current.size > 0),
    [tree],
  );
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<R>) => {
      if (!node.data) return true;
      if (filterRef.current !== '') return matchesFilter(node.data, filterRef.current);
      const info = treeInfo;
      return info ? isShown(node.data.id, info, collapsedRef.current) : true;
    },
    [matchesFilter, treeInfo],
  );

  // A new set of rows or columns moves what the range indices point at: start afresh.
  useEffect(() => {
    if (rangeRef.current) {
      const api = apiRef.current;
      const rowsN = api?.getDisplayedRowCount() ?? 0;
      const range = rangeRef.current;
      if (range.anchor.row >= rowsN || range.end.row >= rowsN) showRange(null);
    }
  }, [rowData, showRange]);

  return (
    <div className="gk" data-testid={testId} data-grid-id={gridId}>
      <div className="gk__toolbar">
        {toolbar}
        {tree && (
          <span className="gk__treebuttons">
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setAllCollapsed(false)} data-testid="grid-expand-all">
              {t('grid.expandAll')}
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setAllCollapsed(true)} data-testid="grid-collapse-all">
              {t('grid.collapseAll')}
            </button>
          </span>
        )}
        <span className="gk__spacer" />
        <span className="gk__selection muted" ref={selectionRef} />
        {filterBox && (
          <input
            className="input gk__filter"
            type="search"
            aria-label={t('grid.filterLabel')}
            placeholder={t('grid.filterPlaceholder')}
            value={filterText}
            onChange={(e) => setFilterText(e.target.value)}
            data-testid="grid-filter"
          />
        )}
        <span className="gk__chooser">
          <button
            type="button"
            className="btn btn--small"
            aria-expanded={chooserOpen}
            onClick={() => setChooserOpen((o) => !o)}
            data-testid="grid-columns"
          >
            {t('grid.columns')}
          </button>
          {chooserOpen && (
            <div className="gk__menu" role="group" aria-label={t('grid.columnsTitle')} data-testid="grid-columns-menu">
              {columns.map((c) => (
                <label key={c.field} className="gk__menuitem">
                  <input type="checkbox" checked={!hidden.has(c.field)} onChange={(e) => setColumnShown(c.field, e.target.checked)} />
                  {c.header}
                </label>
              ))}
            </div>
          )}
        </span>
      </div>
      <div className="gk__grid" ref={wrapRef}>
        <AgGridReact<R>
          theme={gridTheme}
          rowData={rowData}
          columnDefs={colDefs}
          getRowId={getRowId}
          rowClassRules={rowClassRules}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          onGridReady={onGridReady}
          onRowDataUpdated={onRowDataUpdated}
          onCellMouseDown={onCellMouseDown}
          onCellMouseOver={onCellMouseOver}
          onCellFocused={onCellFocused}
          onColumnResized={saveWidths}
          onSortChanged={() => showRange(null)}
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={doesExternalFilterPass}
          pinnedBottomRowData={totals ? totalRow : undefined}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          suppressDragLeaveHidesColumns
          animateRows={false}
          // Few columns: render them all, so a range or a test can reach any of them.
          suppressColumnVirtualisation={columns.length <= 40}
        />
      </div>
      {problem && (
        <Modal
          title={t(`grid.problemsTitle.${problem.label}`)}
          onClose={() => setProblem(null)}
          role="alertdialog"
          testId="grid-problems"
          footer={
            <button type="button" className="btn btn--primary" onClick={() => setProblem(null)} autoFocus>
              {t('common.dismiss')}
            </button>
          }
        >
          <p className="gk__problems-intro">{t('grid.problemsIntro')}</p>
          <ul className="gk__problems">
            {problem.lines.map((line, i) => (
              <li key={i} data-testid="grid-problem">
                {line}
              </li>
            ))}
          </ul>
          {problem.more > 0 && <p className="muted">{t('grid.problemsMore', { count: problem.more })}</p>}
        </Modal>
      )}
      {appendQuestion && (
        <Modal
          title={t('grid.appendTitle')}
          onClose={() => {
            appendQuestion.resolve('cancel');
            setAppendQuestion(null);
          }}
          testId="grid-append"
          footer={
            <>
              <button type="button" className="btn" onClick={() => { appendQuestion.resolve('cancel'); setAppendQuestion(null); }}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn" onClick={() => { appendQuestion.resolve('existing'); setAppendQuestion(null); }} data-testid="grid-append-no">
                {t('grid.appendNo')}
              </button>
              <button type="button" className="btn btn--primary" onClick={() => { appendQuestion.resolve('append'); setAppendQuestion(null); }} data-testid="grid-append-yes">
                {t('grid.appendYes')}
              </button>
            </>
          }
        >
          <p>{t('grid.appendBody', { count: appendQuestion.count })}</p>
        </Modal>
      )}
    </div>
  );
}
