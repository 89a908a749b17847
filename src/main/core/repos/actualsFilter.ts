import type { ActualsFilter } from '../../../shared/actuals';
import { formatPeriod } from '../../../shared/units';

// The pieces of SQL an actuals filter becomes. Every condition is on the fact
// table's own columns (period, batch, member ids), so the count and sums run on the
// fact table alone, and the search turns into id sets of the small master tables
// (customers whose code, name or city match …) instead of a join per row.

export type SqlParam = string | number;

export interface Where {
  clauses: string[];
  params: SqlParam[];
}

export function newWhere(): Where {
  return { clauses: [], params: [] };
}

export function add(w: Where, clause: string, ...params: SqlParam[]): void {
  w.clauses.push(clause);
  w.params.push(...params);
}

export function whereSql(w: Where): string {
  return w.clauses.length ? ` WHERE ${w.clauses.join(' AND ')}` : '';
}

/** The contains-pattern of a search term for LIKE … ESCAPE '\' (LIKE ignores ASCII case). */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `expr LIKE ?` for each expression, OR-ed, with the pattern once per expression. */
export function likeAny(exprs: readonly string[], pattern: string): { sql: string; params: string[] } {
  return {
    sql: `(${exprs.map((e) => `${e} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    params: exprs.map(() => pattern),
  };
}

/** The search term, or null when there is none. */
export function searchOf(filter: ActualsFilter): string | null {
  const s = filter.search?.trim();
  return s ? s : null;
}

/** yyyymm → "yyyy-mm-01". */
function firstDay(period: number): string {
  return `${formatPeriod(period)}-01`;
}

function nextPeriod(period: number): number {
  return period % 100 === 12 ? (Math.floor(period / 100) + 1) * 100 + 1 : period + 1;
}

/** Period conditions on a yyyymm column. */
export function addPeriodRange(w: Where, column: string, filter: ActualsFilter): void {
  if (filter.periodFrom !== undefined) add(w, `${column} >= ?`, filter.periodFrom);
  if (filter.periodTo !== undefined) add(w, `${column} <= ?`, filter.periodTo);
}

/** Period conditions on an ISO date column: the months from periodFrom to periodTo, whole. */
export function addDateRange(w: Where, column: string, filter: ActualsFilter): void {
  if (filter.periodFrom !== undefined) add(w, `${column} >= ?`, firstDay(filter.periodFrom));
  if (filter.periodTo !== undefined) add(w, `${column} < ?`, firstDay(nextPeriod(filter.periodTo)));
}

// Id sets of master rows that match a search, as sub-selects.

export function customersMatching(pattern: string): { sql: string; params: string[] } {
  const m = likeAny(['cu.code', 'cu.name', 'cc.name', 'cc.code'], pattern);
  return { sql: `SELECT cu.id FROM customer cu JOIN city cc ON cc.id = cu.city_id WHERE ${m.sql}`, params: m.params };
}

export function skusMatching(pattern: string): { sql: string; params: string[] } {
  const m = likeAny(['sk.code', 'sk.name', 'sb.name', 'sb.code'], pattern);
  return { sql: `SELECT sk.id FROM sku sk JOIN brand sb ON sb.id = sk.brand_id WHERE ${m.sql}`, params: m.params };
}

export function terminalsMatching(pattern: string): { sql: string; params: string[] } {
  const m = likeAny(['te.code', 'te.name', 'tc.name', 'tc.code'], pattern);
  return { sql: `SELECT te.id FROM terminal te JOIN city tc ON tc.id = te.city_id WHERE ${m.sql}`, params: m.params };
}

export function simpleMatching(table: 'city' | 'brand' | 'category' | 'salesperson' | 'channel' | 'expense_item', pattern: string): { sql: string; params: string[] } {
  const m = likeAny(['code', 'name'], pattern);
  return { sql: `SELECT id FROM ${table} WHERE ${m.sql}`, params: m.params };
}
