// The expense budget: shared types and the pure measures on them.
// Money is integer cents. A ratio is a plain fraction (0.08 = 8%).
//
// Expense ratio (費用率) = expense / sales target; 銷售投入產出比 = sales target / expense,
// and 毛利投入產出比 = gross-profit target / expense
// (the measures of kpi.ts). A measure with nothing to divide by is null.

import { expenseRatio as kpiExpenseRatio, returnOnExpense as kpiReturnOnExpense } from './kpi';

export const EXPENSE_KINDS = ['terminal', 'advertising', 'promotion', 'personnel', 'travel', 'training', 'meeting', 'other'] as const;
export type ExpenseKindName = (typeof EXPENSE_KINDS)[number];

export interface ExpenseItemInfo {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: ExpenseKindName;
  sortOrder: number;
  /** 0 for a top-level item. */
  depth: number;
  leaf: boolean;
  /** Budget rows, actual rows or promotion budgets name it (or an item under it): it cannot be deleted. */
  inUse: boolean;
}

/** One item of the budget tree: twelve months of the plan year, rolled up over the items under it. */
export interface ExpenseBudgetRow {
  itemId: number;
  parentId: number | null;
  code: string;
  name: string;
  depth: number;
  leaf: boolean;
  /** The budget entered for the item (rows of expense_budget), by month. */
  entered: number[];
  /** 其中促銷活動: the plan's promotions' budgets for the item, by month (read-only). */
  promo: number[];
  /** entered + promo: the item's budget. */
  budget: number[];
  /** Actual expenses of the plan year, by month. */
  actual: number[];
}

export interface ExpenseBudgetResult {
  versionId: number;
  planYear: number;
  /** Items in tree order (parents before their children). */
  rows: ExpenseBudgetRow[];
  /** Over the top-level items. */
  total: { entered: number[]; promo: number[]; budget: number[]; actual: number[] };
  /** The plan's sales target (working version), by month. */
  salesTarget: number[];
  /** The plan's gross-profit target (sales target × SKU margin, whole 元), by month. */
  grossProfitTarget: number[];
  /** Planned SKUs whose standard cost is not known, left out of grossProfitTarget (optional: 0 when absent). */
  costMissingSkus?: number;
  /** Head office's cap on the expense ratio (a fraction), or null when none is set. */
  cap: number | null;
}

export const MONTH_COUNT = 12;
export type Phase = { kind: 'month'; month: number } | { kind: 'quarter'; quarter: number } | { kind: 'year' };

export const zeros = (): number[] => new Array<number>(MONTH_COUNT).fill(0);

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Q1–Q4 sums of twelve months. */
export function quarters(months: readonly number[]): number[] {
  return [0, 1, 2, 3].map((q) => months[q * 3] + months[q * 3 + 1] + months[q * 3 + 2]);
}

/** The sum of a phase of twelve months. */
export function phaseValue(months: readonly number[], phase: Phase): number {
  if (phase.kind === 'month') return months[phase.month - 1];
  if (phase.kind === 'quarter') return quarters(months)[phase.quarter - 1];
  return sum(months);
}

/** Expense ratio (`kpi.ts`): expense / sales; null without (positive) sales. */
export function expenseRatio(expense: number, sales: number): number | null {
  return sales > 0 ? kpiExpenseRatio(expense, sales) : null;
}

/** Return on expense (`kpi.ts`): sales (or gross profit) / expense; null without (positive) expense. */
export function returnOnExpense(base: number, expense: number): number | null {
  return expense > 0 ? kpiReturnOnExpense(base, expense) : null;
}

/** Whether a ratio is over head office's cap (a null cap or ratio never is). */
export function overCap(ratio: number | null, cap: number | null): boolean {
  return ratio !== null && cap !== null && ratio > cap + 1e-12;
}

export interface PhaseMeasures {
  expense: number;
  sales: number;
  grossProfit: number;
  ratio: number | null;
  /** Sales / expense. */
  salesReturn: number | null;
  /** Gross profit / expense. */
  gpReturn: number | null;
  overCap: boolean;
}

export function measuresOf(expense: number, sales: number, grossProfit: number, cap: number | null): PhaseMeasures {
  const ratio = expenseRatio(expense, sales);
  return {
    expense,
    sales,
    grossProfit,
    ratio,
    salesReturn: returnOnExpense(sales, expense),
    gpReturn: returnOnExpense(grossProfit, expense),
    overCap: overCap(ratio, cap),
  };
}

export interface BudgetMeasures {
  months: PhaseMeasures[];
  quarters: PhaseMeasures[];
  year: PhaseMeasures;
}

/** Measures of twelve months of expense against the plan's targets: each month, quarter and the year. */
export function budgetMeasures(
  expense: readonly number[],
  sales: readonly number[],
  grossProfit: readonly number[],
  cap: number | null,
): BudgetMeasures {
  const eq = quarters(expense);
  const sq = quarters(sales);
  const gq = quarters(grossProfit);
  return {
    months: expense.map((e, m) => measuresOf(e, sales[m], grossProfit[m], cap)),
    quarters: eq.map((e, q) => measuresOf(e, sq[q], gq[q], cap)),
    year: measuresOf(sum(expense), sum(sales), sum(grossProfit), cap),
  };
}

/** Per item: its share of the total expense, ratio and returns for the year. */
export function itemMeasures(result: ExpenseBudgetResult): (PhaseMeasures & { itemId: number; share: number | null })[] {
  const sales = sum(result.salesTarget);
  const gp = sum(result.grossProfitTarget);
  const total = sum(result.total.budget);
  return result.rows.map((r) => {
    const e = sum(r.budget);
    return { itemId: r.itemId, share: total > 0 ? e / total : null, ...measuresOf(e, sales, gp, result.cap) };
  });
}

/** Where the plan exceeds the cap: the year, the quarters (1–4) and months (1–12) over it. */
export function capWarnings(result: ExpenseBudgetResult): { year: boolean; quarters: number[]; months: number[] } {
  const m = budgetMeasures(result.total.budget, result.salesTarget, result.grossProfitTarget, result.cap);
  return {
    year: m.year.overCap,
    quarters: m.quarters.flatMap((q, i) => (q.overCap ? [i + 1] : [])),
    months: m.months.flatMap((x, i) => (x.overCap ? [i + 1] : [])),
  };
}

/** Budget against actual: actual − budget per month, quarter and year. */
export function variance(budget: readonly number[], actual: readonly number[]): { months: number[]; quarters: number[]; year: number } {
  const months = budget.map((b, m) => actual[m] - b);
  return { months, quarters: quarters(months), year: sum(months) };
}
