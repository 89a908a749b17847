import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TargetDim, TargetMeasure, TargetNode, TargetSummary, TargetTreeResult } from '../../../../shared/endpoints/targets';
import type { AppErrorData } from '../../../../shared/errors';
import { useQueries, useQuery } from '../../api/queries';

// The loaded part of the target tree, kept fresh: the first levels come with the top
// answer, deeper levels when the user expands a node (one query per open branch).
// When a command changes what the tree reads, the query layer asks again for every
// open branch, in parallel, so they stay open and show their new figures; nothing
// that was not shown is read. The grid gets one consistent set: while any part
// reloads, the previous set stays on screen.

export function pathKey(path: readonly number[]): string {
  return path.join('.');
}

interface Pieces {
  /** The view the pieces belong to (version, levels, measure). */
  view: string;
  top: TargetTreeResult | null;
  /** Children of the open branches, by the parent's key. */
  children: ReadonlyMap<string, TargetNode[]>;
  summary: TargetSummary | null;
  /** The answers the pieces were made of: a new set shows when one of them changed. */
  from: readonly unknown[];
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
  /** Resolves when the answers being loaded (e.g. after a command) are on screen. */
  settled(): Promise<void>;
}

const EMPTY: Pieces = { view: '', top: null, children: new Map(), summary: null, from: [] };
const NO_KEYS: readonly string[] = [];

function viewOf(versionId: number | null, levels: readonly TargetDim[], measure: TargetMeasure): string {
  return versionId === null ? '' : `${versionId}|${levels.join(',')}|${measure}`;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function useTargetTree(versionId: number | null, levels: readonly TargetDim[], measure: TargetMeasure): TargetTree {
  const view = viewOf(versionId, levels, measure);
  /** Keys of the nodes expanded lazily in the current view. */
  const [opened, setOpened] = useState<{ view: string; keys: readonly string[] }>({ view: '', keys: NO_KEYS });
  const keys = opened.view === view ? opened.keys : NO_KEYS;

  const inputs = useMemo(() => {
    if (versionId === null) return [];
    const base = { versionId, levels: [...levels], measure };
    return [{ ...base, parent: null }, ...keys.map((k) => ({ ...base, parent: k.split('.').map(Number) }))];
  }, [versionId, levels, measure, keys]);
  const tree = useQueries('targets.tree', inputs);
  const summary = useQuery('targets.summary', versionId === null ? null : { versionId });
  const [top, ...branches] = tree.states;

  // A branch whose read failed is left out (shown unloaded, so expanding it asks again).
  const from = [summary.data, ...tree.states.map((s) => (s.error ? null : s.data))];
  const busy = summary.loading || tree.states.some((s) => s.loading);
  const [shown, setShown] = useState<Pieces>(EMPTY);
  if (!busy && top?.data && summary.data && (shown.view !== view || !sameList(shown.from, from))) {
    const children = new Map<string, TargetNode[]>();
    keys.forEach((k, i) => {
      const b = branches[i];
      if (b?.data && !b.error) children.set(k, b.data.nodes);
    });
    setShown({ view, top: top.data, children, summary: summary.data, from });
  }
  const current = shown.view === view ? shown : EMPTY;
  const error = top?.error ?? summary.error ?? branches.find((b) => b.error && b.data === null)?.error ?? null;

  // The grid's expand stays the same function within a view (the grid rebuilds its rows when it changes).
  const latest = useRef({ keys, reload: tree.reload });
  useEffect(() => {
    latest.current = { keys, reload: tree.reload };
  });
  const expand = useCallback(
    (node: TargetNode) => {
      if (versionId === null) return;
      const key = pathKey(node.path);
      const index = latest.current.keys.indexOf(key) + 1;
      // Open already: its read failed (the grid only expands a node without children), so ask again.
      if (index > 0) void latest.current.reload(index);
      else
        setOpened((prev) => {
          if (prev.view !== view) return { view, keys: [key] };
          return prev.keys.includes(key) ? prev : { view, keys: [...prev.keys, key] };
        });
    },
    [versionId, view],
  );

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

  const treeSettled = tree.settled;
  const summarySettled = summary.settled;
  const settled = useCallback(
    // After the answers have landed, a turn for React to hand the rows to the grid.
    () => Promise.all([treeSettled(), summarySettled()]).then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))),
    [treeSettled, summarySettled],
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
    settled,
  };
}
