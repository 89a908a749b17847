import { useEffect, useState } from 'react';
import type { ActualKind, ActualsFilter, ActualsListResult, BatchInfo } from '../../../../shared/actuals';
import type { AppErrorData } from '../../../../shared/errors';
import { api, toErrorData } from '../../api/client';

// The grid's rows and the kind's batches, re-read when the kind, the filter or the
// file (revision) changes. A reply to an older request is dropped.

export const PAGE_LIMIT = 1000;

export interface ActualsData {
  /** The kind the data is of (the page ignores data of the kind it just left). */
  kind: ActualKind;
  list: ActualsListResult | null;
  batches: BatchInfo[] | null;
  /** A newer request is under way (the data shown is of an earlier filter). */
  loading: boolean;
  error: AppErrorData | null;
}

interface Loaded extends Omit<ActualsData, 'loading'> {
  request: string;
}

export function useActualsData(kind: ActualKind, filter: ActualsFilter, revision: number, reload: number): ActualsData {
  const filterKey = JSON.stringify(filter);
  const request = `${kind}|${filterKey}|${revision}|${reload}`;
  const [loaded, setLoaded] = useState<Loaded>({ request: '', kind, list: null, batches: null, error: null });

  useEffect(() => {
    let live = true;
    Promise.all([
      api.call('actuals.list', { kind, filter: JSON.parse(filterKey) as ActualsFilter, limit: PAGE_LIMIT }),
      api.call('actuals.batches', { kind }),
    ]).then(
      ([list, batches]) => {
        if (live) setLoaded({ request, kind, list, batches, error: null });
      },
      (e: unknown) => {
        if (live) setLoaded({ request, kind, list: null, batches: null, error: toErrorData(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [kind, filterKey, request]);

  const { request: done, ...data } = loaded;
  return { ...data, loading: done !== request };
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
