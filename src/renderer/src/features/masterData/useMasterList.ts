import { useCallback, useMemo } from 'react';
import { buildParseContext, type EntityName, type MasterRow, type ParseContext, type RefItem } from '../../../../shared/masterData';
import type { AppErrorData } from '../../../../shared/errors';
import { useQuery } from '../../api/queries';

// One entity's rows and the items its references can point at. They reload whenever
// a command changes the master data (edits, undo, redo, imports), so an undo in the
// top bar or with Ctrl+Z shows in the grid at once.

export interface MasterList {
  rows: MasterRow[];
  refs: Partial<Record<EntityName, RefItem[]>>;
  ctx: ParseContext;
  loaded: boolean;
  error: AppErrorData | null;
  /** Call after a command: resolves once its new rows are in the grid (e.g. the ids of appended rows). */
  nextLoad(): Promise<void>;
}

export function useMasterList(entity: EntityName): MasterList {
  const { data, error, settled } = useQuery('master.list', { entity });
  // The store has the rows when settled() resolves; React hands them to the grid in
  // the render it schedules then, before the next task.
  const nextLoad = useCallback(() => settled().then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))), [settled]);
  const refs = data?.refs;
  const ctx = useMemo(() => buildParseContext(refs ?? {}), [refs]);
  return { rows: data?.rows ?? EMPTY, refs: refs ?? NO_REFS, ctx, loaded: data !== null, error, nextLoad };
}

const EMPTY: MasterRow[] = [];
const NO_REFS: Partial<Record<EntityName, RefItem[]>> = {};
