import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../../shared/errors';
import { toErrorData } from '../../api/client';
import { useApp } from '../../app/AppContext';

// Reads a channel again after every change to the file (edits, undo, redo), so an undo
// in the top bar shows at once; nextLoad() resolves after the next read has landed.

export function useRevisionCall<T>(read: () => Promise<T>, deps: readonly unknown[]) {
  const { revision } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const waiters = useRef<{ after: number; resolve(): void }[]>([]);
  const seqRef = useRef(0);

  useEffect(() => {
    let live = true;
    const seq = ++seqRef.current;
    read().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        const ready = waiters.current.filter((w) => w.after < seq);
        waiters.current = waiters.current.filter((w) => w.after >= seq);
        if (ready.length > 0) setTimeout(() => ready.forEach((w) => w.resolve()), 0);
      },
      (e: unknown) => {
        if (live) setError(toErrorData(e));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, ...deps]);

  const nextLoad = useCallback(() => new Promise<void>((resolve) => waiters.current.push({ after: seqRef.current, resolve })), []);
  return { data, error, nextLoad };
}
