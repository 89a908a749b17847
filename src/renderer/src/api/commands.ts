import { useCallback, useState } from 'react';
import type { CommandName, EndpointInput, EndpointResult } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import { api, toErrorData } from './client';

// The renderer's one way to change the file: useCommand(endpoint). Commands run one
// after another in the order they were asked for, so that a cell committed on blur
// always lands before the undo the same click asks for. When a command succeeds, the
// areas it changed have already reloaded the queries that read them (api/queries.ts).

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every command asked for before it. */
export function enqueue<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

type CommandArgs<K extends CommandName> = Record<never, never> extends EndpointInput<K> ? [input?: EndpointInput<K>] : [input: EndpointInput<K>];

/** Runs a command in the queue; its refusal comes back as data. */
export function runCommand<K extends CommandName>(endpoint: K, ...args: CommandArgs<K>): Promise<Outcome<EndpointResult<K>>> {
  const call = api.call as (endpoint: K, input?: EndpointInput<K>) => Promise<EndpointResult<K>>;
  return enqueue(() =>
    call(endpoint, args[0]).then(
      (value): Outcome<EndpointResult<K>> => ({ ok: true, value }),
      (e: unknown): Outcome<EndpointResult<K>> => ({ ok: false, error: toErrorData(e) }),
    ),
  );
}

export interface Command<K extends CommandName> {
  /** Runs the command; resolves the value, or the refusal as data (kept in `error` too). */
  run(...args: CommandArgs<K>): Promise<Outcome<EndpointResult<K>>>;
  /** True while a run of this command is queued or under way. */
  pending: boolean;
  /** The last run's refusal, until the next run. */
  error: AppErrorData | null;
  /** Forgets the last refusal (the user dismissed it). */
  clearError(): void;
}

export function useCommand<K extends CommandName>(endpoint: K): Command<K> {
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<AppErrorData | null>(null);
  const run = useCallback(
    async (...args: CommandArgs<K>) => {
      setPending((n) => n + 1);
      setError(null);
      try {
        const outcome = await runCommand(endpoint, ...args);
        if (!outcome.ok) setError(outcome.error);
        return outcome;
      } finally {
        setPending((n) => n - 1);
      }
    },
    [endpoint],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending: pending > 0, error, clearError };
}
