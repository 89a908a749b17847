import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildParseContext, type EntityName, type MasterRow, type ParseContext, type RefItem } from '../../../../shared/masterData';
import type { AppErrorData } from '../../../../shared/errors';
import { api, toErrorData } from '../../api/client';
import { useApp } from '../../app/AppContext';

// One entity's rows and the items its references can point at, read again after
// every change to the file (the app's revision: edits, undo, redo, imports), so an
// undo in the top bar or with Ctrl+Z shows in the grid at once.

export interface MasterList {
  rows: MasterRow[];
  refs: Partial<Record<EntityName, RefItem[]>>;
  ctx: ParseContext;
  loaded: boolean;
  error: AppErrorData | null;
  /** Resolves after the next load that starts after this call has finished. */
  nextLoad(): Promise<void>;
}

export function useMasterList(entity: EntityName): MasterList {
  const { revision } = useApp();
  const [data, setData] = useState<{ rows: MasterRow[]; refs: Partial<Record<EntityName, RefItem[]>> } | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const waiters = useRef<{ after: number; resolve(): void }[]>([]);
  const loadSeq = useRef(0);

  useEffect(() => {
    let live = true;
    const seq = ++loadSeq.current;
    api.call('master.list', { entity }).then(
      (result) => {
        if (!live) return;
        setData({ rows: result.rows, refs: result.refs as Partial<Record<EntityName, RefItem[]>> });
        setError(null);
        // Resolve after React has handed the rows to the grid.
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
  }, [entity, revision]);

  const nextLoad = useCallback(
    () => new Promise<void>((resolve) => waiters.current.push({ after: loadSeq.current, resolve })),
    [],
  );

  const ctx = useMemo(() => buildParseContext(data?.refs ?? {}), [data]);
  return { rows: data?.rows ?? [], refs: data?.refs ?? {}, ctx, loaded: data !== null, error, nextLoad };
}
