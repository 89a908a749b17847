import { AllCommunityModule, ModuleRegistry, type Column, type GetRowIdParams, type GridApi, type GridReadyEvent, type IRowNode } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnChooser } from './ColumnChooser';
import { EmptyOverlay, OverlayTextsContext, type OverlayTexts } from './EmptyOverlay';
import { AppendDialog, ProblemsDialog } from './GridDialogs';
import { rowClassNames, rowClassRules } from './rowClasses';
import { useStableRows } from './stableRows';
import { gridTheme } from './theme';
import { totalsRow } from './totals';
import { useApply } from './useApply';
import { useCellEdit } from './useCellEdit';
import { useClipboard } from './useClipboard';
import { useColumnDefs } from './useColumnDefs';
import { useColumnPrefs } from './useColumnPrefs';
import { useFillAndClear } from './useFillAndClear';
import { useGridHandle, type DataGridHandle } from './useGridHandle';
import { useGridKeys } from './useGridKeys';
import { useProblems } from './useProblems';
import { useRangeSelection } from './useRangeSelection';
import { useRowFilter } from './useRowFilter';
import { useTreeRows } from './useTreeRows';
import { useReportMoney } from './zeroFigures';
import type { ApplyLabel, GridChanges, GridColumn, GridRow, GridRowId, GridTreeOptions } from './types';
import './grid.css';

// The app's one grid: AG Grid Community plus what Community leaves out and a
// spreadsheet user expects: cell ranges (drag, Shift+click, Shift+arrows), copy and
// paste as TSV, fill down, clear, hierarchical rows and a totals row. Every change
// is one call to `onApply` (one undo step in the file); undo and redo are the app's
// (Ctrl+Z / Ctrl+Y reach its window-wide shortcut, which the grid leaves alone).
// Each of those is a hook of its own (use*.ts beside this file); this component
// wires them to AG Grid and lays out the toolbar, the grid and its dialogs.

ModuleRegistry.registerModules([AllCommunityModule]);

export type { DataGridHandle };

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
  /** What the grid says when it has no rows: what to do to get some (default: a generic line). */
  emptyText?: string;
  /** True while the screen reads its rows: an empty grid says so, not that there are none. */
  loading?: boolean;
}

function DataGridView<R extends GridRow>(props: DataGridProps<R>) {
  const { gridId, columns, rows: givenRows, onApply, tree, totals, toolbar, handle, testId, appendRows = true, rowClass, onFocusChange, filterBox = true, emptyText, loading = false } = props;
  const { t } = useTranslation();
  const apiRef = useRef<GridApi<R> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const selectionLabelRef = useRef<HTMLSpanElement>(null);
  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);

  // Which rows show, in which order, and what they add up to. Unchanged rows keep their objects.
  const rows = useStableRows(givenRows);
  const treeRows = useTreeRows(rows, tree, apiRef);
  const { rowData } = treeRows;
  const filter = useRowFilter(columns, apiRef, treeRows);
  const { matches } = filter;
  const totalRow = useMemo(() => (totals ? [totalsRow(columns, rowData, matches)] : undefined), [totals, columns, rowData, matches]);

  useReportMoney(gridId, columns, rows);

  // Which cells are selected, and the keys, edits, clipboard, fill and clear that act on them.
  const selection = useRangeSelection(apiRef, wrapRef, selectionLabelRef, rowData, onFocusChange);
  const { currentRange, showRange, onCellMouseDown, onCellMouseOver, onCellFocused } = selection;
  const problems = useProblems(apiRef, byField);
  const { apply, isBusy, onRowDataUpdated: applyRowDataUpdated } = useApply(apiRef, gridId, onApply, problems);
  const edit = useCellEdit(apiRef, wrapRef, byField, apply, problems.showIssues);
  const { copy, appendQuestion } = useClipboard(apiRef, wrapRef, { gridId, byField, appendRows, selection, apply, isBusy, problems });
  const { fillDown, clear } = useFillAndClear(apiRef, byField, currentRange, apply, problems.showIssues);
  useGridKeys(apiRef, wrapRef, { copy, fillDown, clear, selectAll: selection.selectAll, extend: selection.extend, editForInputMethod: edit.editForInputMethod });
  const { onRowDataUpdated: handleRowDataUpdated } = useGridHandle(handle, apiRef, selection);
  // The rows AG Grid had at its last rowDataUpdated, by id.
  const handedRows = useRef<Map<GridRowId, R>>(new Map());
  const onRowDataUpdated = useCallback(() => {
    // A changed row's classes and cells may follow fields other than the cell's value (a
    // lock, a tree row's children). AG Grid repaints, classes included, the cells whose
    // value changed; the changed rows' other cells are repainted here. Unchanged rows kept
    // their objects.
    const api = apiRef.current;
    if (api) {
      const before = handedRows.current;
      const now = new Map<GridRowId, R>();
      const columns = api.getAllDisplayedColumns();
      const sameValued = new Map<string, { rowNodes: IRowNode<R>[]; columns: Column[] }>();
      api.forEachNode((node) => {
        if (!node.data) return;
        now.set(node.data.id, node.data);
        const old = before.get(node.data.id);
        if (old === undefined || old === node.data) return;
        const same = columns.filter((c) => {
          const field = c.getColDef().field;
          return field === undefined || Object.is(old[field], node.data?.[field]);
        });
        if (same.length === 0) return;
        const key = same.map((c) => c.getColId()).join('\u0000');
        const group = sameValued.get(key);
        if (group) group.rowNodes.push(node);
        else sameValued.set(key, { rowNodes: [node], columns: same });
      });
      handedRows.current = now;
      for (const group of sameValued.values()) api.refreshCells({ ...group, force: true });
    }
    applyRowDataUpdated();
    handleRowDataUpdated();
  }, [applyRowDataUpdated, handleRowDataUpdated]);

  // The columns: definitions, and what the user hid and resized.
  const prefs = useColumnPrefs(gridId, columns);
  const colDefs = useColumnDefs(apiRef, {
    columns,
    treeLabelField: tree?.labelField,
    labelParams: treeRows.labelParams,
    hidden: prefs.hidden,
    widths: prefs.widths,
    inRange: selection.inRange,
    rows: rowData,
    totals: totalRow?.[0],
  });
  const { setShown } = prefs;
  const setColumnShown = useCallback((field: string, shown: boolean) => {
    setShown(field, shown);
    showRange(null);
  }, [setShown, showRange]);

  // New rows reach AG Grid during React's commit (a layout effect), not as a changed prop:
  // AgGridReact takes a changed prop in a passive effect, where the React updates of the
  // cells it repaints are left for a later task, and a new figure painted a frame after
  // the page around it (an edit's totals). Taken in the commit, they render with it. The
  // prop only gives the rows the grid is made with; rows that come before it is ready are
  // handed over when it is.
  const latestRows = useRef(rowData);
  const [initialRows] = useState(rowData);
  useLayoutEffect(() => {
    latestRows.current = rowData;
    const api = apiRef.current;
    if (api && !api.isDestroyed() && api.getGridOption('rowData') !== rowData) api.setGridOption('rowData', rowData);
  }, [rowData]);
  const getRowId = useCallback((p: GetRowIdParams<R>) => String(p.data.id), []);
  const onGridReady = useCallback((e: GridReadyEvent<R>) => {
    apiRef.current = e.api;
    if (e.api.getGridOption('rowData') !== latestRows.current) e.api.setGridOption('rowData', latestRows.current);
  }, []);
  const overlayTexts = useMemo<OverlayTexts>(
    () => ({ empty: emptyText ?? t('grid.empty.generic'), noMatch: t('grid.empty.filtered'), loading: t('grid.md.loading') }),
    [emptyText, t],
  );
  // The same rules while the rows use the same classes: new rules make AG Grid restyle every row.
  const classNames = useMemo(() => (rowClass ? rowClassNames(rowClass, rowData).join(' ') : ''), [rowClass, rowData]);
  const rowClassRuleSet = useMemo(() => (rowClass ? rowClassRules(rowClass, classNames.split(' ').filter(Boolean)) : undefined), [rowClass, classNames]);

  return (
    <div className="gk" data-testid={testId} data-grid-id={gridId}>
      <div className="gk__toolbar">
        {toolbar}
        {tree && (
          <span className="gk__treebuttons">
            <button type="button" className="btn btn--ghost btn--small" onClick={() => treeRows.setAllCollapsed(false)} data-testid="grid-expand-all">
              {t('grid.expandAll')}
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => treeRows.setAllCollapsed(true)} data-testid="grid-collapse-all">
              {t('grid.collapseAll')}
            </button>
          </span>
        )}
        <span className="gk__spacer" />
        <span className="gk__selection muted" ref={selectionLabelRef} />
        {filterBox && (
          <input
            className="input gk__filter"
            type="search"
            aria-label={t('grid.filterLabel')}
            placeholder={t('grid.filterPlaceholder')}
            value={filter.filterText}
            onChange={(e) => filter.setFilterText(e.target.value)}
            data-testid="grid-filter"
          />
        )}
        <ColumnChooser columns={columns} hidden={prefs.hidden} onChange={setColumnShown} />
      </div>
      <div className="gk__grid" ref={wrapRef}>
        <OverlayTextsContext.Provider value={overlayTexts}>
          <AgGridReact<R>
            theme={gridTheme}
            rowData={initialRows}
            columnDefs={colDefs}
            getRowId={getRowId}
            rowClassRules={rowClassRuleSet}
            readOnlyEdit
            onCellEditRequest={edit.onCellEditRequest}
            onGridReady={onGridReady}
            onRowDataUpdated={onRowDataUpdated}
            onCellMouseDown={onCellMouseDown}
            onCellMouseOver={onCellMouseOver}
            onCellFocused={onCellFocused}
            onColumnResized={prefs.onColumnResized}
            onSortChanged={() => showRange(null)}
            isExternalFilterPresent={filter.isExternalFilterPresent}
            doesExternalFilterPass={filter.doesExternalFilterPass}
            pinnedBottomRowData={totalRow}
            overlayComponent={EmptyOverlay}
            loading={loading && givenRows.length === 0}
            enterNavigatesVertically
            enterNavigatesVerticallyAfterEdit
            stopEditingWhenCellsLoseFocus
            suppressDragLeaveHidesColumns
            animateRows={false}
            // Few columns: render them all, so a range or a test can reach any of them.
            suppressColumnVirtualisation={columns.length <= 40}
          />
        </OverlayTextsContext.Provider>
      </div>
      {problems.problem && <ProblemsDialog problem={problems.problem} onClose={problems.dismiss} />}
      {appendQuestion && <AppendDialog question={appendQuestion} />}
    </div>
  );
}

/**
 * A page re-renders for many reasons that leave the grid's props as they were (a query
 * starting to load, the undo state): the grid and its hooks render only when a prop changes.
 */
export const DataGrid = memo(DataGridView) as typeof DataGridView;
