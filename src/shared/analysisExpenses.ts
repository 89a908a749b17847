// 費用分析: the pure measures of the expenses view. Money is integer cents.
// Expense ratio (費用率) = expense / sales; GP return on expense (毛利投入產出比) = gross profit
// / expense (the formulas are kpi.ts's). A measure with nothing
// (positive) to divide by is null.

import { expenseRatio, returnOnExpense } from './kpi';

/** 費用率 and 投入產出比 of one group; null without positive sales / expense. */
export function expenseMeasures(expense: number, sales: number, grossProfit: number): { ratio: number | null; returnOnExpense: number | null } {
  return {
    ratio: sales > 0 ? expenseRatio(expense, sales) : null,
    returnOnExpense: expense > 0 ? returnOnExpense(grossProfit, expense) : null,
  };
}

/** The quarter (1–4) of a month (1–12). */
export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/** The months (1–12) of a quarter (1–4). */
export function monthsOfQuarter(quarter: number): number[] {
  return [quarter * 3 - 2, quarter * 3 - 1, quarter * 3];
}

export interface TreeItem {
  id: number;
  parentId: number | null;
}

/**
 * Each item's amount rolled up through the tree: its own amount plus every amount of
 * the items under it. `items` may be in any order; an unknown parent counts as none;
 * an item id in `own` that is not in `items` is ignored.
 */
export function rollUp(items: readonly TreeItem[], own: ReadonlyMap<number, number>): Map<number, number> {
  const parent = new Map(items.map((i) => [i.id, i.parentId]));
  const out = new Map<number, number>(items.map((i) => [i.id, 0]));
  for (const [id, amount] of own) {
    if (!parent.has(id)) continue;
    const seen = new Set<number>();
    for (let at: number | null = id; at !== null && parent.has(at) && !seen.has(at); at = parent.get(at) ?? null) {
      seen.add(at);
      out.set(at, (out.get(at) ?? 0) + amount);
    }
  }
  return out;
}

/** The item and every item under it (ids), for any order of `items`. */
export function subtreeOf(items: readonly TreeItem[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const i of items) {
    if (i.parentId === null) continue;
    const list = children.get(i.parentId) ?? [];
    list.push(i.id);
    children.set(i.parentId, list);
  }
  const out = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
