import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { emitAppEvent } from '../app/appEvents';
import { pasteShape, planPaste, rowsBelow } from './pastePlan';
import { bounds } from './range';
import { parseTsv, rangeToTsv } from './tsv';
import type { Apply } from './useApply';
import { fromIdleCell } from './useGridKeys';
import type { Problems } from './useProblems';
import type { RangeSelection } from './useRangeSelection';
import type { GridColumn, GridRow } from './types';
import { viewOf } from './view';

// Copy (Ctrl+C, or the copy event that Electron's Edit menu sends) puts the range on
// the clipboard as TSV; paste (the paste event, from Ctrl+V) plans the clipboard's
// TSV at the focused cell and applies it as one step, after asking whether rows past
// the last one become new rows.

export type AppendAnswer = 'append' | 'existing' | 'cancel';

export interface AppendQuestion {
  /** How many pasted rows fall below the last row. */
  count: number;
  answer(answer: AppendAnswer): void;
}

export interface Clipboard {
  copy(): void;
  /** The open "append rows?" question, if any. */
  appendQuestion: AppendQuestion | null;
}

interface ClipboardOptions<R extends GridRow> {
  gridId: string;
  byField: ReadonlyMap<string, GridColumn<R>>;
  /** False: rows past the last one are dropped without asking. */
  appendRows: boolean;
  selection: Pick<RangeSelection, 'currentRange' | 'posOf' | 'showRange'>;
  apply: Apply['apply'];
  isBusy: Apply['isBusy'];
  problems: Pick<Problems, 'showIssues' | 'showMessage'>;
}

export function useClipboard<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  wrapRef: RefObject<HTMLDivElement | null>,
  options: ClipboardOptions<R>,
): Clipboard {
  const { gridId, byField, appendRows, apply, isBusy } = options;
  const { currentRange, posOf, showRange } = options.selection;
  const { showIssues, showMessage } = options.problems;
  const { t } = useTranslation();
  const [appendQuestion, setAppendQuestion] = useState<AppendQuestion | null>(null);

  /** The range (or the focused cell) as TSV: values as copied, numbers unformatted. */
  const rangeText = useCallback((): string | null => {
    const api = apiRef.current;
    const range = currentRange();
    if (!api || !range) return null;
    return rangeToTsv(viewOf(api, byField), bounds(range));
  }, [apiRef, byField, currentRange]);

  const copy = useCallback(() => {
    const text = rangeText();
    if (text === null) return;
    emitAppEvent('regionplan:grid-copied', { gridId, text });
    navigator.clipboard?.writeText(text).catch(() => undefined); // no permission: the event still carries it
  }, [gridId, rangeText]);

  const askAppend = useCallback((count: number) => {
    return new Promise<AppendAnswer>((resolve) =>
      setAppendQuestion({
        count,
        answer(answer) {
          resolve(answer);
          setAppendQuestion(null);
        },
      }),
    );
  }, []);

  const paste = useCallback(async (text: string) => {
    const api = apiRef.current;
    if (!api || isBusy()) return;
    const focused = api.getFocusedCell();
    const focus = focused && !focused.rowPinned ? posOf(focused.rowIndex, focused.column) : null;
    if (!focus) {
      showMessage('paste', t('grid.noCell'));
      return;
    }
    const block = parseTsv(text);
    if (block.length === 0) return;
    const shape = pasteShape(block, focus, currentRange());
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
      showIssues('paste', plan.issues);
      return;
    }
    if (plan.changes.updates.length === 0 && plan.changes.appends.length === 0) {
      emitAppEvent('regionplan:grid-applied', { gridId, label: plan.label, cells: 0 });
      return;
    }
    if (await apply(plan.changes, plan.label, plan.cells)) showRange(plan.landed);
  }, [apiRef, appendRows, apply, askAppend, byField, currentRange, gridId, isBusy, posOf, showIssues, showMessage, showRange, t]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
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
      if (!fromIdleCell(apiRef.current, e)) return;
      const text = rangeText();
      if (text === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      emitAppEvent('regionplan:grid-copied', { gridId, text });
    };
    wrap.addEventListener('paste', onPaste);
    wrap.addEventListener('copy', onCopy);
    return () => {
      wrap.removeEventListener('paste', onPaste);
      wrap.removeEventListener('copy', onCopy);
    };
  }, [apiRef, gridId, paste, rangeText, wrapRef]);

  return { copy, appendQuestion };
}
