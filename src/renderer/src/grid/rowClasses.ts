import type { RowClassParams } from 'ag-grid-community';
import type { GridRow } from './types';

const classesOf = <R extends GridRow>(rowClass: (row: R) => string | undefined, row: R) => (rowClass(row) ?? '').split(/\s+/);

/** The class names a screen's `rowClass` gives its rows, sorted. */
export function rowClassNames<R extends GridRow>(rowClass: (row: R) => string | undefined, rows: readonly R[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const c of classesOf(rowClass, r)) if (c) names.add(c);
  return [...names].sort();
}

/**
 * A screen's `rowClass` as AG Grid class rules, one per class name its rows use. Rules,
 * because AG Grid takes a rule's class off a row when it stops applying, whereas
 * classes from getRowClass stay after the row's data changes.
 */
export function rowClassRules<R extends GridRow>(
  rowClass: (row: R) => string | undefined,
  names: readonly string[],
): Record<string, (p: RowClassParams<R>) => boolean> {
  const rules: Record<string, (p: RowClassParams<R>) => boolean> = {};
  for (const name of names) rules[name] = (p) => !!p.data && !p.node.rowPinned && classesOf(rowClass, p.data).includes(name);
  return rules;
}
