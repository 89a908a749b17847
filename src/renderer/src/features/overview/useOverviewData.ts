import { useEffect, useState } from 'react';
import type { MonthlyTotal, RegionOverview } from '../../../../shared/contract';
import type { AppErrorData } from '../../../../shared/errors';
import { api, toErrorData } from '../../api/client';
import type { YearActuals } from './chartOption';

export interface OverviewData {
  overview: RegionOverview;
  /** The last two years with actuals, ascending. */
  actuals: YearActuals[];
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

async function load(): Promise<OverviewData> {
  const overview = await api.call('region.overview');
  const years = overview.actualYears.slice(-2);
  const totals = await Promise.all(years.map((year) => api.call('region.monthlyTotals', { year })));
  return { overview, actuals: years.map((year, i) => ({ year, byMonth: byMonth(year, totals[i]) })) };
}

/** region.overview plus the monthly actuals of its last two years; re-read on every revision. */
export function useOverviewData(path: string, revision: number): OverviewState {
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    // The previous data stays on screen while the new one loads: no flicker on each edit.
    load().then(
      (data) => {
        if (live) setState({ status: 'ready', data });
      },
      (e: unknown) => {
        if (live) setState({ status: 'error', error: toErrorData(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [path, revision]);
  return state;
}
