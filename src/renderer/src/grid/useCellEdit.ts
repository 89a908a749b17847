import type { CellEditRequestEvent, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultFormat, isEditable, parseText, sameValue, textOf } from './cellRules';
import type { Apply } from './useApply';
import type { Problems } from './useProblems';
import type { GridColumn, GridRow } from './types';

// Typing in a cell. AG Grid runs the editor but, in read-only-edit mode, changes
// nothing itself: it hands us the text, which the column parses, and the value goes
// through `apply` like any other change. AG Grid hands the text over a task later, after
// it has closed the editor and painted; Enter and Tab in the editor start the change at
// once instead, and the hand-over that follows for the same text is let pass.

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
  wrapRef: RefObject<HTMLDivElement | null>,
  byField: ReadonlyMap<string, GridColumn<R>>,
  apply: Apply['apply'],
  showIssues: Problems['showIssues'],
): CellEdit<R> {
  const { t } = useTranslation();
  /** The edit Enter or Tab started, until AG Grid hands the same one over. */
  const started = useRef<{ rowId: unknown; field: string; text: string; at: number } | null>(null);

  const commit = useCallback((node: IRowNode<R>, field: string | undefined, newValue: unknown, oldValue: unknown) => {
    const col = field ? byField.get(field) : undefined;
    const row = node.data;
    if (!col || !row || node.rowPinned) return;
    const text = typeof newValue === 'string' ? newValue : defaultFormat(newValue);
    if (text === textOf(col, oldValue, row)) return;
    const parsed = parseText(col, text, row, t('grid.required'));
    if (!parsed.ok) {
      showIssues('edit', [{ rowId: row.id, field: col.field, message: parsed.reason }]);
      return;
    }
    if (sameValue(parsed.value, oldValue)) return;
    void apply({ updates: [{ id: row.id, values: { [col.field]: parsed.value } }], appends: [] }, 'edit', 1);
  }, [apply, byField, showIssues, t]);

  const onCellEditRequest = useCallback((e: CellEditRequestEvent<R>) => {
    const field = e.colDef.field;
    const text = typeof e.newValue === 'string' ? e.newValue : defaultFormat(e.newValue);
    const s = started.current;
    if (s && s.rowId === e.data?.id && s.field === field && s.text === text && performance.now() - s.at < 2000) {
      started.current = null;
      return;
    }
    commit(e.node, field, e.newValue, e.oldValue);
  }, [commit]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const onKey = (e: KeyboardEvent) => {
      // An input method's Enter confirms what it composed; it does not end the edit.
      if ((e.key !== 'Enter' && e.key !== 'Tab') || e.isComposing || e.keyCode === 229) return;
      const input = e.target instanceof HTMLInputElement && e.target.classList.contains('gk-editor') ? e.target : null;
      const api = apiRef.current;
      const editing = api?.getEditingCells()[0];
      if (!input || !api || !editing || editing.rowPinned) return;
      const node = api.getDisplayedRowAtIndex(editing.rowIndex);
      const field = editing.column?.getColDef().field;
      const col = field ? byField.get(field) : undefined;
      if (!node?.data || !field || !col) return;
      // A refusal waits for AG Grid's hand-over: its dialog must not open under this key,
      // whose keypress would land on the dialog's button.
      if (!parseText(col, input.value, node.data, t('grid.required')).ok) return;
      started.current = { rowId: node.data.id, field, text: input.value, at: performance.now() };
      commit(node, field, input.value, node.data[field]);
    };
    wrap.addEventListener('keydown', onKey, true);
    return () => wrap.removeEventListener('keydown', onKey, true);
  }, [apiRef, wrapRef, byField, commit, t]);

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
