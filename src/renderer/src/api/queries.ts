import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { EndpointInput, EndpointResult, QueryName } from '../../../shared/contract';
import { api } from './client';
import { FORGET_ANSWERS_EVENT } from '../app/appEvents';
import { IDLE, QueryStore, type QueryState } from './queryStore';

export type { QueryState } from './queryStore';

// The renderer's one way to read: useQuery(endpoint, input). Answers are kept per
// endpoint and input; a command's answer names the areas of the file it changed
// (api.onChange), and only the answers of queries that read one of those areas are
// asked again: an edit of the expense budget reloads the expense views and the
// analysis that reads expenses, not the target grid. Answers nobody shows any more
// are dropped instead of reloaded.

/** The app's one store, on the app's one client. */
export const queries = new QueryStore(api);

// Benchmarks time a view from the click to its chart, as on a first visit: this event
// makes the store forget the answers of views not on screen, so that the view asks the
// core again instead of showing the answer it kept from the warm-up.
window.addEventListener(FORGET_ANSWERS_EVENT, () => queries.forgetUnused());

/** Starts the read a view about to mount will make (e.g. on the click that shows it). */
export function prefetchQuery<K extends QueryName>(endpoint: K, input: EndpointInput<K>, store: QueryStore = queries): void {
  store.prefetch(endpoint, input);
}

export interface Query<R> extends QueryState<R> {
  /** Asks again. */
  reload(): Promise<void>;
  /** Resolves when the answer being loaded has landed (e.g. after a command, to see its new rows). */
  settled(): Promise<void>;
}

/**
 * Reads `endpoint` with `input` (null: nothing to read yet) and keeps the view in
 * step with the file: it loads again when a command changes an area the endpoint
 * reads. While a new input loads, the answer to the previous one stays on screen.
 */
export function useQuery<K extends QueryName>(endpoint: K, input: EndpointInput<K> | null, store: QueryStore = queries): Query<EndpointResult<K>> {
  const key = input === null ? null : QueryStore.key(endpoint, input);
  // The input by value: a new object with the same content is the same query.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableInput = useMemo(() => input, [key]);
  const [shown] = useState(() => new ShownAnswer());
  const subscribe = useCallback(
    (listener: () => void) => (stableInput === null ? () => undefined : store.subscribe(endpoint, stableInput, listener)),
    [store, endpoint, stableInput],
  );
  const snapshot = useCallback(
    () => (stableInput === null ? IDLE : shown.of(store.snapshot(endpoint, stableInput))),
    [store, endpoint, stableInput, shown],
  );
  const state = useSyncExternalStore(subscribe, snapshot) as QueryState<EndpointResult<K>>;
  const reload = useCallback(() => (stableInput === null ? Promise.resolve() : store.reload(endpoint, stableInput)), [store, endpoint, stableInput]);
  const settled = useCallback(() => (stableInput === null ? Promise.resolve() : store.settled(endpoint, stableInput)), [store, endpoint, stableInput]);
  return { data: state.data, error: state.error, loading: state.loading, reload, settled };
}

/**
 * What one view shows: the answer to its input, or while that is still loading, the
 * last answer it showed (so a new filter does not blank the chart). Worked out in the
 * store's snapshot, so that the view renders once per answer; the same state gives the
 * same object, as useSyncExternalStore needs.
 */
class ShownAnswer {
  private last: unknown = null;
  private kept: { state: QueryState<unknown>; last: unknown; out: QueryState<unknown> } | null = null;

  of(state: QueryState<unknown>): QueryState<unknown> {
    if (state.data !== null) {
      this.last = state.data;
      return state;
    }
    if (this.last === null) return state;
    if (this.kept?.state !== state || this.kept.last !== this.last) this.kept = { state, last: this.last, out: { ...state, data: this.last } };
    return this.kept.out;
  }
}

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
