import type { GridRow, GridRowId } from './types';

// Hierarchical rows from a parent field: rows in depth-first order (parents before
// their children, siblings in the order given), each with its depth and whether it
// has children. Rows whose parent is missing become roots; a cycle cannot hang us.

export interface TreeInfo {
  depth: Map<GridRowId, number>;
  hasChildren: Set<GridRowId>;
  parentOf: Map<GridRowId, GridRowId>;
}

export function orderTree<R extends GridRow>(rows: readonly R[], parentField: string): { rows: R[]; info: TreeInfo } {
  const byId = new Map<GridRowId, R>();
  for (const r of rows) byId.set(r.id, r);
  const children = new Map<GridRowId, R[]>();
  const roots: R[] = [];
  const parentOf = new Map<GridRowId, GridRowId>();
  for (const r of rows) {
    const p = r[parentField] as GridRowId | null | undefined;
    if (p !== null && p !== undefined && byId.has(p) && p !== r.id) {
      parentOf.set(r.id, p);
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(r);
    } else {
      roots.push(r);
    }
  }
  const out: R[] = [];
  const depth = new Map<GridRowId, number>();
  const seen = new Set<GridRowId>();
  const visit = (r: R, d: number) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    depth.set(r.id, d);
    out.push(r);
    for (const c of children.get(r.id) ?? []) visit(c, d + 1);
  };
  for (const r of roots) visit(r, 0);
  // Rows only reachable through a cycle: show them as roots rather than lose them.
  for (const r of rows) if (!seen.has(r.id)) visit(r, 0);
  return { rows: out, info: { depth, hasChildren: new Set(children.keys()), parentOf } };
}

/** True when every ancestor of the row is expanded. */
export function isShown(id: GridRowId, info: TreeInfo, collapsed: ReadonlySet<GridRowId>): boolean {
  let p = info.parentOf.get(id);
  let guard = 0;
  while (p !== undefined && guard++ < 64) {
    if (collapsed.has(p)) return false;
    p = info.parentOf.get(p);
  }
  return true;
}
