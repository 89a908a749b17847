import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../../../shared/errors';
import { toErrorData } from '../../../api/client';
import { useApp } from '../../../app/AppContext';

export type LoadState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: AppErrorData };

/**
 * Reads what a dialog shows, again whenever `key` changes and after every change to
 * the file (the app's revision: edits, undo, redo). The last data stays on screen
 * while the next read runs.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): LoadState<T> {
  const { revision } = useApp();
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    let live = true;
    loadRef.current().then(
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
  }, [key, revision]);
  return state;
}

/** Runs a read on demand (preview buttons), with its own busy and error state. */
export function useAction(): { busy: boolean; error: AppErrorData | null; run<T>(fn: () => Promise<T>): Promise<T | null>; clear(): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(toErrorData(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
