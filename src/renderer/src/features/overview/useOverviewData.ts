import { useState } from 'react';
import type { MonthlyTotal, RegionOverview } from '../../../../shared/contract';
import type { AppErrorData } from '../../../../shared/errors';
import { useQuery } from '../../api/queries';
import type { YearActuals } from './chartOption';

export interface OverviewData {
  overview: RegionOverview;
  /** The last two years with actuals, ascending. */
  actuals: YearActuals[];
  /** The answers the actuals were made of. */
  totals: MonthlyTotal[][];
}

export type OverviewState =
  | { status: 'loading' }
  | { status: 'ready'; data: OverviewData }
  | { status: 'error'; error: AppErrorData };

function byMonth(year: number, totals: MonthlyTotal[]): (number | null)[] {
  const months: (number | null)[] = Array.from({ length: 12 }, () => null);
  for (const t of totals) {
    const m = t.period - year * 100;
    if (m >= 1 && m <= 12) months[m - 1] = t.amountCents;
  }
  return months;
}

/** region.overview plus the monthly actuals of its last two years; shown once all have answered. */
export function useOverviewData(): OverviewState {
  const overview = useQuery('region.overview', {});
  const years = overview.data?.actualYears.slice(-2) ?? [];
  // Always two queries (hooks); a missing year asks for nothing.
  const first = useQuery('region.monthlyTotals', years.length > 0 ? { year: years[0] } : null);
  const second = useQuery('region.monthlyTotals', years.length > 1 ? { year: years[1] } : null);
  const totals = [first, second].slice(0, years.length);
  const error = overview.error ?? totals.find((q) => q.error !== null)?.error ?? null;
  // The previous data stays on screen while the new one loads (no flicker on each
  // edit), and the figures of one answer are never shown with the months of another.
  const [shown, setShown] = useState<OverviewData | null>(null);
  const complete = !overview.loading && totals.every((q) => q.data !== null && !q.loading);
  if (complete && error === null && overview.data !== null && (shown?.overview !== overview.data || totals.some((q, i) => shown.totals[i] !== q.data))) {
    const answered = totals.map((q) => q.data as MonthlyTotal[]);
    setShown({ overview: overview.data, actuals: years.map((year, i) => ({ year, byMonth: byMonth(year, answered[i]) })), totals: answered });
  }
  if (error) return { status: 'error', error };
  return shown ? { status: 'ready', data: shown } : { status: 'loading' };
}
