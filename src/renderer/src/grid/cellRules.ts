import type { ColumnKind, GridColumn, GridRow, ParseResult } from './types';

// How a column shows, copies, accepts and compares a cell's value. Plain functions:
// the grid's painting, its edits and the paste and fill planners all go by them.

export function defaultFormat(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The text a cell shows. */
export function formatOf<R extends GridRow>(col: GridColumn<R>, value: unknown, row: R): string {
  return col.format ? col.format(value, row) : defaultFormat(value);
}

/** The text an edit starts from and a copy puts on the clipboard. */
export function textOf<R extends GridRow>(col: GridColumn<R>, value: unknown, row: R): string {
  return col.text ? col.text(value, row) : formatOf(col, value, row);
}

/** Whether the user may change the cell; a per-row rule says no where there is no row yet. */
export function isEditable<R extends GridRow>(col: GridColumn<R>, row: R | null): boolean {
  if (typeof col.editable === 'function') return row ? col.editable(row) : false;
  return col.editable === true;
}

/** Equal as stored values: arrays (multi-references) by their items, null and undefined alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? null) === (b ?? null);
}

/** True for a cell with nothing in it (clearing it changes nothing). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Typed or pasted text → the value to store, or the reason it is refused: a required
 * column refuses blank text, then the column's own parser decides (none: the text).
 */
export function parseText<R extends GridRow>(col: GridColumn<R>, text: string, row: R | null, required: string): ParseResult {
  if (text.trim() === '' && col.required) return { ok: false, reason: required };
  return col.parse ? col.parse(text, row) : { ok: true, value: text };
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['number', 'money', 'percent']);

/** Numbers line up on the right, sort as numbers and can add up in the totals row. */
export function isNumeric(kind: ColumnKind): boolean {
  return NUMERIC.has(kind);
}
