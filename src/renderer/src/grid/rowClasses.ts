import type { RowClassParams } from 'ag-grid-community';
import type { GridRow } from './types';

/**
 * A screen's `rowClass` as AG Grid class rules, one per class name its rows use. Rules,
 * because AG Grid takes a rule's class off a row when it stops applying, whereas
 * classes from getRowClass stay after the row's data changes.
 */
export function rowClassRules<R extends GridRow>(
  rowClass: (row: R) => string | undefined,
  rows: readonly R[],
): Record<string, (p: RowClassParams<R>) => boolean> {
  const classesOf = (row: R) => (rowClass(row) ?? '').split(/\s+/);
  const names = new Set<string>();
  for (const r of rows) for (const c of classesOf(r)) if (c) names.add(c);
  const rules: Record<string, (p: RowClassParams<R>) => boolean> = {};
  for (const name of names) rules[name] = (p) => !!p.data && !p.node.rowPinned && classesOf(p.data).includes(name);
  return rules;
}
