import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { emitAppEvent } from '../app/appEvents';
import type { Problems } from './useProblems';
import { GridApplyError, type ApplyLabel, type GridChanges, type GridRow } from './types';

// Every user action reaches the screen as one `onApply` call (one undo step), one at a
// time. A refusal shows in the problems dialog; a success shows at once, and only then
// is it announced (`regionplan:grid-applied`), so that tests can wait for it.

export interface Apply {
  /** Commits the changes; false when there was nothing to do, another was under way, or it was refused. */
  apply(changes: GridChanges, label: ApplyLabel, cells: number): Promise<boolean>;
  /** True while a commit is under way. */
  isBusy(): boolean;
  /** AG Grid's rowDataUpdated: the screen's new rows have arrived. */
  onRowDataUpdated(): void;
}

export function useApply<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  gridId: string,
  onApply: (changes: GridChanges, label: ApplyLabel) => Promise<void>,
  problems: Pick<Problems, 'showIssues' | 'showMessage'>,
): Apply {
  const { t } = useTranslation();
  const busyRef = useRef(false);
  const rowDataVersion = useRef(0);
  const rowDataWaiters = useRef<(() => void)[]>([]);
  const onApplyRef = useRef(onApply);
  useEffect(() => {
    onApplyRef.current = onApply;
  }, [onApply]);

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

  const onRowDataUpdated = useCallback(() => {
    rowDataVersion.current += 1;
    const waiters = rowDataWaiters.current;
    rowDataWaiters.current = [];
    for (const w of waiters) w();
  }, []);

  const { showIssues, showMessage } = problems;
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
        if (e.issues.length > 0) showIssues(label, e.issues);
      }
      else showMessage(label, t('grid.failed', { message: e instanceof Error ? e.message : String(e) }));
      return false;
    }
    busyRef.current = false;
    const api = apiRef.current;
    if (changes.appends.length === 0 && api) {
      // The commit succeeded with exactly these values: show them now, without waiting
      // for the screen to read its rows again (that read refreshes computed columns).
      // A screen that waited for its new rows already shows them: leave those rows alone.
      const update: R[] = [];
      for (const u of changes.updates) {
        const node = api.getRowNode(String(u.id));
        const data = node?.data;
        if (data && Object.entries(u.values).some(([field, value]) => !Object.is(data[field], value))) update.push({ ...data, ...u.values });
      }
      if (update.length > 0) api.applyTransaction({ update });
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    } else {
      // New rows get their ids from the commit: wait for the screen's new rows.
      await afterRepaint(since);
    }
    emitAppEvent('regionplan:grid-applied', { gridId, label, cells });
    return true;
  }, [afterRepaint, apiRef, gridId, showIssues, showMessage, t]);

  const isBusy = useCallback(() => busyRef.current, []);

  return { apply, isBusy, onRowDataUpdated };
}
