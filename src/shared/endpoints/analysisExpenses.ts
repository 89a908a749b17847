import { z } from 'zod';
import { query } from '../endpoint';

// 費用分析: a year's actual expenses (expense_actual) against the year's
// actual sales and gross profit (sales_actual), by expense item (rolled up through the
// item tree), by product (brand or category), by channel, or by phase (month or
// quarter); for the plan year also the working plan's expense budget against its
// sales target. Expense ratio (費用率) = expense / sales; return on expense (投入產出比)
// = gross profit / expense. Expense not attributed to the slice's dimension is 未分攤.
// Plus the expense_actual rows behind one group (the drill).

export const EXPENSE_VIEW_BY = ['item', 'brand', 'category', 'channel', 'month', 'quarter'] as const;
export type ExpenseViewBy = (typeof EXPENSE_VIEW_BY)[number];
export const EXPENSE_ROWS_LIMIT = 5000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);
const bySchema = z.enum(EXPENSE_VIEW_BY);

export interface ExpenseAnalysisRow {
  /**
   * The group: an item id, a brand/category/channel id, a month (1–12) or a quarter
   * (1–4); null for 未分攤 (expense with no id of the dimension).
   */
  key: number | null;
  code: string;
  /** The member's name ('' for 未分攤 and for months/quarters: the view names them). */
  label: string;
  /** By item: depth under the shown scope (0 = a bar of the chart); else 0. */
  depth: number;
  /** By item: the parent item's key within the scope, else null. */
  parentKey: number | null;
  /** Cents: actual expenses of the year. */
  expense: number;
  /** Cents: the actual sales and gross profit the expense is measured against (by item: the year's totals; 0 for 未分攤). */
  sales: number;
  grossProfit: number;
  /** 費用率 = expense / sales (null without sales). */
  ratio: number | null;
  /** 投入產出比 = gross profit / expense (null without expense). */
  returnOnExpense: number | null;
  /** The working plan's expense budget for the group (plan year only), else null. */
  budget: number | null;
  /** The working plan's sales and gross-profit targets for the group (plan year only), else null. */
  salesTarget: number | null;
  grossProfitTarget: number | null;
  /** budget / sales target. */
  budgetRatio: number | null;
  /** gross-profit target / budget. */
  budgetReturn: number | null;
}

export interface ExpenseItemOption {
  id: number;
  code: string;
  name: string;
}

/** The review's key expenses (終端建設費, 廣告費, 人員費用): a top-level item of that kind by month. */
export interface KeyExpense {
  itemId: number;
  code: string;
  name: string;
  kind: 'terminal' | 'advertising' | 'personnel';
  /** Cents by month (1–12 at 0–11), the item with everything under it. */
  months: number[];
  /** Expense ratio by month: the month's expense ÷ the month's sales. */
  ratios: (number | null)[];
  expense: number;
  ratio: number | null;
}

export interface ExpenseAnalysis {
  year: number;
  planYear: number;
  by: ExpenseViewBy;
  itemId: number | null;
  /** Years offered: with actual expenses, the plan year and the year shown. Ascending. */
  years: number[];
  /** The top-level expense items (the item filter). */
  items: ExpenseItemOption[];
  /** Whether the year has a budget (the plan year with a working plan's budget rows). */
  hasBudget: boolean;
  /** expense_actual rows of the year (within the item filter). */
  actualRows: number;
  rows: ExpenseAnalysisRow[];
  /** The scope's total (the chosen item, or all items). */
  total: ExpenseAnalysisRow;
  /** Without an item filter: the key expense items by month (the review's charts); else empty. */
  keyExpenses: KeyExpense[];
  /** The year's sales (cents) whose gross profit is not known (the SKU's cost is missing): not in any gross profit. */
  salesNoGp: number;
}

export interface ExpenseActualDetailRow {
  id: number;
  period: number;
  itemCode: string;
  itemName: string;
  brandName: string;
  categoryName: string;
  channelName: string;
  cityName: string;
  amountCents: number;
  note: string;
  /** The import batch's source name; '' for a row typed by hand. */
  batchName: string;
}

export interface ExpenseActualDetail {
  rows: ExpenseActualDetailRow[];
  /** Every matching row (the grid shows the first `limit`). */
  total: number;
  totalCents: number;
}

const scope = {
  year: yearSchema.optional(),
  by: bySchema.optional(),
  /** A top-level expense item: only its expenses (by item: its sub-items). */
  itemId: id.optional(),
};

export const analysisExpensesEndpoints = {
  /** 費用分析 of one year (default: plan year − 1), by item (default), product, channel or phase. */
  'analysis.expenses': query<ExpenseAnalysis>(['expenses', 'promotions', 'actuals', 'master', 'targets'])(z.object(scope).strict()),
  /** The expense_actual rows behind one group of `analysis.expenses` (key null: 未分攤). */
  'analysis.expenseRows': query<ExpenseActualDetail>(['expenses', 'actuals', 'master'])(
    z
      .object({
        year: yearSchema,
        by: bySchema,
        key: z.number().int().min(1).nullable(),
        itemId: id.optional(),
        limit: z.number().int().min(1).max(EXPENSE_ROWS_LIMIT).optional(),
      })
      .strict(),
  ),
} as const;
