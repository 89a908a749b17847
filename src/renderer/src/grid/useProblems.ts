import type { GridApi } from 'ag-grid-community';
import { useCallback, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplyLabel, GridColumn, GridIssue, GridRow, GridRowId } from './types';

// The dialog that lists why an edit, paste, fill or clear was refused, one line per
// problem, naming the row (its number on screen, or the new row's) and the column.

export interface Problem {
  label: ApplyLabel;
  lines: string[];
  /** How many lines did not fit. */
  more: number;
}

export interface Problems {
  problem: Problem | null;
  dismiss(): void;
  /** Shows refused cells, each named by row and column. */
  showIssues(label: ApplyLabel, issues: GridIssue[]): void;
  /** Shows a problem that is not about a cell. */
  showMessage(label: ApplyLabel, message: string): void;
}

const MAX_LINES = 30;

export function useProblems<R extends GridRow>(apiRef: RefObject<GridApi<R> | null>, byField: ReadonlyMap<string, GridColumn<R>>): Problems {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);

  const show = useCallback((label: ApplyLabel, lines: string[]) => {
    setProblem({ label, lines: lines.slice(0, MAX_LINES), more: Math.max(0, lines.length - MAX_LINES) });
  }, []);

  /** The row as the user counts it: its number on screen, or after the last row for a new one. */
  const rowLabel = useCallback((id: GridRowId | undefined, appendIndex: number | undefined): string => {
    const api = apiRef.current;
    if (appendIndex !== undefined) return String((api?.getDisplayedRowCount() ?? 0) + appendIndex + 1);
    if (id === undefined || !api) return '?';
    const node = api.getRowNode(String(id));
    return node && node.rowIndex !== null ? String(node.rowIndex + 1) : String(id);
  }, [apiRef]);

  const showIssues = useCallback((label: ApplyLabel, issues: GridIssue[]) => {
    show(label, issues.map((i) => {
      const row = rowLabel(i.rowId, i.appendIndex);
      const col = i.field ? byField.get(i.field) : undefined;
      return col
        ? t('grid.problem', { row, column: col.header, reason: i.message })
        : t('grid.problemRow', { row, reason: i.message });
    }));
  }, [byField, rowLabel, show, t]);

  const showMessage = useCallback((label: ApplyLabel, message: string) => show(label, [message]), [show]);
  const dismiss = useCallback(() => setProblem(null), []);

  return { problem, dismiss, showIssues, showMessage };
}
