import type { CellEditRequestEvent, GridApi } from 'ag-grid-community';
import { useCallback, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultFormat, isEditable, parseText, sameValue, textOf } from './cellRules';
import type { Apply } from './useApply';
import type { Problems } from './useProblems';
import type { GridColumn, GridRow } from './types';

// Typing in a cell. AG Grid runs the editor but, in read-only-edit mode, changes
// nothing itself: it hands us the text, which the column parses, and the value goes
// through `apply` like any other change.

export interface CellEdit<R extends GridRow> {
  onCellEditRequest(e: CellEditRequestEvent<R>): void;
  /**
   * Opens the focused cell's editor, empty, for a Chinese input method: it sends its
   * keys as "Process" (keyCode 229), which AG Grid does not take as typing, so the
   * composed text would otherwise land nowhere.
   */
  editForInputMethod(): void;
}

export function useCellEdit<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  byField: ReadonlyMap<string, GridColumn<R>>,
  apply: Apply['apply'],
  showIssues: Problems['showIssues'],
): CellEdit<R> {
  const { t } = useTranslation();

  const onCellEditRequest = useCallback((e: CellEditRequestEvent<R>) => {
    const field = e.colDef.field;
    const col = field ? byField.get(field) : undefined;
    const row = e.data;
    if (!col || !row || e.node.rowPinned) return;
    const text = typeof e.newValue === 'string' ? e.newValue : defaultFormat(e.newValue);
    if (text === textOf(col, e.oldValue, row)) return;
    const parsed = parseText(col, text, row, t('grid.required'));
    if (!parsed.ok) {
      showIssues('edit', [{ rowId: row.id, field: col.field, message: parsed.reason }]);
      return;
    }
    if (sameValue(parsed.value, e.oldValue)) return;
    void apply({ updates: [{ id: row.id, values: { [col.field]: parsed.value } }], appends: [] }, 'edit', 1);
  }, [apply, byField, showIssues, t]);

  const editForInputMethod = useCallback(() => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    if (!api || !focused) return;
    const row = focused.rowPinned ? undefined : api.getDisplayedRowAtIndex(focused.rowIndex)?.data;
    const col = byField.get(focused.column.getColId());
    if (row && col && isEditable(col, row)) api.startEditingCell({ rowIndex: focused.rowIndex, colKey: focused.column, key: 'Backspace' });
  }, [apiRef, byField]);

  return { onCellEditRequest, editForInputMethod };
}
