import { isNumeric } from './cellRules';
import type { GridColumn, GridRow } from './types';

// The totals row pinned below the grid: the sums of the rows the find box lets
// through (collapsed branches included), for the numeric columns marked `total`.

export const TOTALS_ROW_ID = '__totals__';

export function totalsRow<R extends GridRow>(columns: readonly GridColumn<R>[], rows: readonly R[], counts: (row: R) => boolean): R {
  const sums: Record<string, number> = {};
  const numeric = columns.filter((c) => c.total && isNumeric(c.kind));
  for (const c of numeric) sums[c.field] = 0;
  for (const row of rows) {
    if (!counts(row)) continue;
    for (const c of numeric) {
      const v = row[c.field];
      if (typeof v === 'number') sums[c.field] += v;
    }
  }
  return { id: TOTALS_ROW_ID, ...sums } as R;
}
