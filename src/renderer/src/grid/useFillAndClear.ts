import type { GridApi } from 'ag-grid-community';
import { useCallback, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { planClear, planFillDown } from './fillPlan';
import { bounds } from './range';
import type { Apply } from './useApply';
import type { Problems } from './useProblems';
import type { RangeSelection } from './useRangeSelection';
import type { GridColumn, GridRow } from './types';
import { viewOf } from './view';

// Ctrl+D fills the range down from its first row; Delete clears it (or the focused
// cell). Each is planned on the grid as it is and applied as one step.

export interface FillAndClear {
  fillDown(): void;
  clear(): void;
}

export function useFillAndClear<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  byField: ReadonlyMap<string, GridColumn<R>>,
  currentRange: RangeSelection['currentRange'],
  apply: Apply['apply'],
  showIssues: Problems['showIssues'],
): FillAndClear {
  const { t } = useTranslation();

  const fillDown = useCallback(() => {
    const api = apiRef.current;
    const range = currentRange();
    if (!api || !range) return;
    const { updates, cells } = planFillDown(viewOf(api, byField), bounds(range));
    void apply({ updates, appends: [] }, 'fill', cells);
  }, [apiRef, apply, byField, currentRange]);

  const clear = useCallback(() => {
    const api = apiRef.current;
    const range = currentRange();
    if (!api || !range) return;
    const plan = planClear(viewOf(api, byField), bounds(range), t('grid.required'));
    if (!plan.ok) {
      showIssues('clear', plan.issues);
      return;
    }
    void apply({ updates: plan.updates, appends: [] }, 'clear', plan.cells);
  }, [apiRef, apply, byField, currentRange, showIssues, t]);

  return { fillDown, clear };
}
