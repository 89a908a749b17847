import { useEffect, useState } from 'react';
import { ACTUALS_LIST_LIMIT, type ActualKind, type ActualsFilter, type ActualsListResult, type BatchInfo } from '../../../../shared/actuals';
import type { AppErrorData } from '../../../../shared/errors';
import { useQuery } from '../../api/queries';

// The grid's rows and the kind's batches. Both reload when a command changes the
// actuals (an import, a batch removed) or the master data the rows name; while a new
// filter loads, the rows of the previous one stay, but never those of another kind.

/** The grid asks for as many rows as the contract allows (the README's "first 5,000"). */
export const PAGE_LIMIT = ACTUALS_LIST_LIMIT;

export interface ActualsData {
  /** The kind the data is of (the page ignores data of the kind it just left). */
  kind: ActualKind;
  list: ActualsListResult | null;
  batches: BatchInfo[] | null;
  /** A newer request is under way (the data shown is of an earlier filter). */
  loading: boolean;
  error: AppErrorData | null;
}

type Answered = Omit<ActualsData, 'loading' | 'error'>;

export function useActualsData(kind: ActualKind, filter: ActualsFilter): ActualsData {
  const list = useQuery('actuals.list', { kind, filter, limit: PAGE_LIMIT });
  const batches = useQuery('actuals.batches', { kind });
  const error = list.error ?? batches.error;
  const loading = list.loading || batches.loading;
  // The last rows and batches that answered the request of the time, with its kind.
  const [answered, setAnswered] = useState<Answered | null>(null);
  if (!loading && error === null && list.data && batches.data && (answered?.list !== list.data || answered.batches !== batches.data)) {
    setAnswered({ kind, list: list.data, batches: batches.data });
  }
  if (error) return { kind, list: null, batches: null, loading, error };
  return { kind: answered?.kind ?? kind, list: answered?.list ?? null, batches: answered?.batches ?? null, loading, error: null };
}

/** The value after it stopped changing for `ms` (the search box). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
