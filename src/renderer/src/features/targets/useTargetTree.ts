import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TargetDim, TargetMeasure, TargetNode, TargetSummary, TargetTreeResult } from '../../../../shared/endpoints/targets';
import type { AppErrorData } from '../../../../shared/errors';
import { api, toErrorData } from '../../api/client';

// The loaded part of the target tree, kept fresh: the first levels come with the top
// answer, deeper levels when the user expands a node. After every change to the file
// (revision) the same parts are read again, in parallel, so the open branches stay
// open and show their new figures; nothing that was not shown is read.

export function pathKey(path: readonly number[]): string {
  return path.join('.');
}

interface Pieces {
  /** The view the pieces belong to (version, levels, measure). */
  view: string;
  top: TargetTreeResult | null;
  /** Children fetched on expand, by the parent's key. */
  children: ReadonlyMap<string, TargetNode[]>;
  summary: TargetSummary | null;
}

export interface TargetTree {
  /** Every loaded node, parents before children. */
  nodes: TargetNode[];
  total: TargetTreeResult['total'] | null;
  seeded: boolean | null;
  summary: TargetSummary | null;
  loaded: boolean;
  error: AppErrorData | null;
  /** True when the node's children are not loaded yet. */
  isUnloaded(node: TargetNode): boolean;
  /** Loads a node's children (the grid's expand). */
  expand(node: TargetNode): void;
  /** Resolves after the next load that starts after this call has finished. */
  nextLoad(): Promise<void>;
}

const EMPTY: Pieces = { view: '', top: null, children: new Map(), summary: null };

function viewOf(versionId: number | null, levels: readonly TargetDim[], measure: TargetMeasure): string {
  return versionId === null ? '' : `${versionId}|${levels.join(',')}|${measure}`;
}

export function useTargetTree(versionId: number | null, levels: readonly TargetDim[], measure: TargetMeasure, revision: number): TargetTree {
  const view = viewOf(versionId, levels, measure);
  const [pieces, setPieces] = useState<Pieces>(EMPTY);
  const [error, setError] = useState<AppErrorData | null>(null);
  /** Keys of the nodes expanded lazily in the current view. */
  const opened = useRef<{ view: string; keys: string[] }>({ view: '', keys: [] });
  const loadSeq = useRef(0);
  const waiters = useRef<{ after: number; resolve(): void }[]>([]);

  useEffect(() => {
    if (versionId === null || view === '') return;
    let live = true;
    const seq = ++loadSeq.current;
    if (opened.current.view !== view) opened.current = { view, keys: [] };
    const lv = view.split('|')[1].split(',') as TargetDim[];
    const keys = [...opened.current.keys];
    const childCall = (key: string) =>
      api.call('targets.tree', { versionId, levels: lv, measure, parent: key.split('.').map(Number) });
    const settle = () => {
      const ready = waiters.current.filter((w) => w.after < seq);
      waiters.current = waiters.current.filter((w) => w.after >= seq);
      // After React has handed the rows to the grid.
      if (ready.length > 0) setTimeout(() => ready.forEach((w) => w.resolve()), 0);
    };
    Promise.all([
      api.call('targets.tree', { versionId, levels: lv, measure, parent: null }),
      Promise.all(keys.map((k) => childCall(k).then((r) => [k, r.nodes] as const, () => null))),
      api.call('targets.summary', { versionId }),
    ]).then(
      ([top, kids, summary]) => {
        if (!live) return;
        const children = new Map<string, TargetNode[]>();
        for (const entry of kids) if (entry) children.set(entry[0], entry[1]);
        setPieces((prev) => {
          // Branches opened while this load was under way keep what they got.
          if (prev.view === view) for (const [k, v] of prev.children) if (!keys.includes(k)) children.set(k, v);
          return { view, top, children, summary };
        });
        setError(null);
        settle();
      },
      (e: unknown) => {
        if (!live) return;
        setError(toErrorData(e));
        settle();
      },
    );
    return () => {
      live = false;
    };
  }, [versionId, view, measure, revision]);

  const expand = useCallback(
    (node: TargetNode) => {
      if (versionId === null || opened.current.view !== view) return;
      const key = pathKey(node.path);
      if (!opened.current.keys.includes(key)) opened.current.keys.push(key);
      const lv = view.split('|')[1].split(',') as TargetDim[];
      api.call('targets.tree', { versionId, levels: lv, measure, parent: node.path }).then(
        (r) => {
          setPieces((prev) => {
            if (prev.view !== view) return prev;
            const children = new Map(prev.children);
            children.set(key, r.nodes);
            return { ...prev, children };
          });
        },
        (e: unknown) => setError(toErrorData(e)),
      );
    },
    [versionId, view, measure],
  );

  const current = pieces.view === view ? pieces : EMPTY;

  const nodes = useMemo(() => {
    const { top, children } = current;
    if (!top) return [];
    const out: TargetNode[] = [...top.nodes];
    const present = new Set(out.map((n) => pathKey(n.path)));
    // Parents before children: open branches by depth.
    const keys = [...children.keys()].sort((a, b) => a.split('.').length - b.split('.').length);
    for (const k of keys) {
      if (!present.has(k)) continue;
      for (const c of children.get(k) ?? []) {
        const ck = pathKey(c.path);
        if (present.has(ck)) continue;
        present.add(ck);
        out.push(c);
      }
    }
    return out;
  }, [current]);

  const children = current.children;
  const isUnloaded = useCallback(
    (node: TargetNode) => node.hasChildren && !node.childrenLoaded && !children.has(pathKey(node.path)),
    [children],
  );

  const nextLoad = useCallback(
    () => new Promise<void>((resolve) => waiters.current.push({ after: loadSeq.current, resolve })),
    [],
  );

  return {
    nodes,
    total: current.top?.total ?? null,
    seeded: current.top ? current.top.seeded : null,
    summary: current.summary,
    loaded: current.top !== null,
    error,
    isUnloaded,
    expand,
    nextLoad,
  };
}
