import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { EndpointInput, EndpointResult, QueryName } from '../../../../shared/contract';
import { queries } from '../../api/queries';
import { QueryStore, type QueryState } from '../../api/queryStore';

// useQuery for a list of inputs whose length changes (the target tree's open branches,
// one answer per branch): the same store and the same reloads by area, one state per
// input in the order given. Hooks cannot be called in a loop, so the list subscribes
// as one.

export interface Queries<R> {
  states: readonly QueryState<R>[];
  /** Resolves when every answer being loaded has landed. */
  settled(): Promise<void>;
  /** Asks again for the input at `index`. */
  reload(index: number): Promise<void>;
}

/** The states of `inputs`: the same array while every state in it is the same, as useSyncExternalStore needs. */
function snapshotOf(store: QueryStore, endpoint: QueryName, inputs: readonly unknown[]): () => readonly QueryState<unknown>[] {
  let last: readonly QueryState<unknown>[] = [];
  return () => {
    const next = inputs.map((input) => store.snapshot(endpoint, input));
    if (next.length === last.length && next.every((s, i) => s === last[i])) return last;
    last = next;
    return next;
  };
}

export function useQueries<K extends QueryName>(endpoint: K, inputs: readonly EndpointInput<K>[], store: QueryStore = queries): Queries<EndpointResult<K>> {
  const key = inputs.map((input) => QueryStore.key(endpoint, input)).join('\u0001');
  // The inputs by value: new objects with the same content are the same queries.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => inputs, [key]);
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = stable.map((input) => store.subscribe(endpoint, input, listener));
      return () => offs.forEach((off) => off());
    },
    [store, endpoint, stable],
  );
  const snapshot = useMemo(() => snapshotOf(store, endpoint, stable), [store, endpoint, stable]);
  const states = useSyncExternalStore(subscribe, snapshot) as readonly QueryState<EndpointResult<K>>[];
  const settled = useCallback(
    () => Promise.all(stable.map((input) => store.settled(endpoint, input))).then(() => undefined),
    [store, endpoint, stable],
  );
  const reload = useCallback((index: number) => (index < stable.length ? store.reload(endpoint, stable[index]) : Promise.resolve()), [store, endpoint, stable]);
  return { states, settled, reload };
}
