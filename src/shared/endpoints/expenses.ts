import { z } from 'zod';
import { command, query } from '../endpoint';
import { EXPENSE_KINDS, type ExpenseBudgetResult, type ExpenseItemInfo } from '../expenses';
import { SPLIT_DIMENSIONS, type ExpenseSplitResult, type SliceResult } from '../expenseSplits';

// The expense budget: items, the budget grid, top-down spreads, ratios and returns, head office's cap, actual expenses.
// Money in cents; ratios and percents as plain numbers. Every edit is one undo step.

const idSchema = z.number().int().positive();
const nameSchema = z.string().trim().min(1).max(60);
const centsSchema = z.number().int().min(0).max(1e15);
/** 'm1'–'m12', 'q1'–'q4' or 'year'. */
export const EXPENSE_PERIODS = [
  'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12', 'q1', 'q2', 'q3', 'q4', 'year',
] as const;
export type ExpensePeriod = (typeof EXPENSE_PERIODS)[number];
const weightSchema = z.number().finite().min(0).max(1e12);

/** One actual expense of the plan year. */
export interface ExpenseActualEntry {
  id: number;
  month: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  amountCents: number;
  note: string;
  /** Typed in by hand (no import batch): it can be removed here. */
  typed: boolean;
  /** The import batch's file name for an imported entry. */
  batchName: string | null;
}

export const expenseEndpoints = {
  /** The expense items in tree order (seeded with the defaults when the file has none). */
  'expenses.items': query<ExpenseItemInfo[]>(['expenses'])(z.object({}).strict()),
  /** Adds an item at the top level or under a parent. */
  'expenses.addItem': command<ExpenseItemInfo[]>(['expenses'])(
    z.object({
      parentId: idSchema.nullable(), name: nameSchema, code: z.string().trim().min(1).max(30).regex(/^[A-Za-z0-9_-]+$/).optional(),
      /** A top-level item's kind (default 'other'); an item under a parent takes the parent's. */
      kind: z.enum(EXPENSE_KINDS).optional(),
    }).strict(),
  ),
  'expenses.renameItem': command<ExpenseItemInfo[]>(['expenses'])(z.object({ id: idSchema, name: nameSchema }).strict()),
  /** Refused while the item has items under it, a budget, actual expenses or promotion budgets. */
  'expenses.deleteItem': command<ExpenseItemInfo[]>(['expenses'])(z.object({ id: idSchema }).strict()),

  /** The working plan's budget: items × months with promotions and actuals, and the plan's targets. */
  'expenses.budget': query<ExpenseBudgetResult>(['expenses', 'promotions', 'targets', 'master', 'actuals'])(z.object({}).strict()),
  /**
   * Sets items' budgets (including their promotions part, which stays as it is): a month,
   * a quarter or the year of a leaf or a parent item; spread in proportion to the current
   * amounts under it (equally when all are zero).
   */
  'expenses.setCells': command<null>(['expenses'])(
    z.object({
      edits: z.array(z.object({ itemId: idSchema, period: z.enum(EXPENSE_PERIODS), value: centsSchema }).strict()).min(1).max(5_000),
      label: z.enum(['edit', 'paste', 'fill', 'clear']),
    }).strict(),
  ),
  /**
   * Top-down: the year's budget (an amount, or a ratio × the sales target), less the
   * promotions, spread over the top-level items by `itemWeights` (default: their current
   * shares) and over the months by the phase: the sales target's shape, equal, or
   * given weights per quarter (4) or month (12).
   */
  'expenses.topDown': command<null>(['expenses'])(
    z.object({
      mode: z.enum(['amount', 'ratio']),
      amountCents: centsSchema.optional(),
      /** The target expense ratio, a fraction (0.08 = 8%). */
      ratio: z.number().finite().min(0).max(10).optional(),
      itemWeights: z.array(z.object({ itemId: idSchema, weight: weightSchema }).strict()).min(1).max(500).optional(),
      phase: z.enum(['sales', 'equal', 'quarters', 'months', 'current']),
      phaseWeights: z.array(weightSchema).min(4).max(12).optional(),
    }).strict().refine((v) => (v.mode === 'amount' ? v.amountCents !== undefined : v.ratio !== undefined), 'the amount or the ratio is missing')
      .refine((v) => v.phase === 'quarters' ? v.phaseWeights?.length === 4 : v.phase === 'months' ? v.phaseWeights?.length === 12 : v.phaseWeights === undefined,
        'phase weights must be 4 for quarters, 12 for months, none otherwise'),
  ),
  /** Moves `percent` of one item's year budget to another, month by month. */
  'expenses.reallocate': command<{ movedCents: number }>(['expenses'])(
    z.object({ fromItemId: idSchema, toItemId: idSchema, percent: z.number().finite().gt(0).max(100) }).strict()
      .refine((v) => v.fromItemId !== v.toItemId, 'from and to must differ'),
  ),
  /** The plan year's actual expenses: typed in (batch null) and imported (the batch's file name). */
  'expenses.actuals.list': query<{ planYear: number; entries: ExpenseActualEntry[] }>(['expenses', 'actuals'])(z.object({}).strict()),
  /** Types in an actual expense for a month of the plan year and a leaf item; negative = a refund. Returns the new id. */
  'expenses.actuals.add': command<{ id: number }>(['expenses'])(
    z.object({
      month: z.number().int().min(1).max(12),
      itemId: idSchema,
      amountCents: z.number().int().min(-1e15).max(1e15).refine((v) => v !== 0, 'the amount must not be zero'),
      note: z.string().max(200),
    }).strict(),
  ),
  /** Removes a typed actual expense; imported ones go with their batch (actuals.removeBatch). */
  'expenses.actuals.remove': command<null>(['expenses'])(z.object({ id: idSchema }).strict()),
  /** Head office's cap on the expense ratio (a fraction), or null for none. */
  'expenses.setCap': command<null>(['expenses'])(z.object({ cap: z.number().finite().gt(0).max(10).nullable() }).strict()),

  /** A leaf item's splits by product (brand or category) and by place (channel or city), and the members to split over. */
  'expenses.split': query<ExpenseSplitResult>(['expenses', 'master'])(z.object({ itemId: idSchema }).strict()),
  /**
   * Sets a leaf item's split along one dimension, entered as ratios (percent, adding up to
   * 100) or as year amounts (cents, adding up to the item's year budget); spread over the
   * months with both margins exact. Replaces the item's split of the same group (product:
   * brand or category; place: channel or city). No entries: removes the split.
   */
  'expenses.setSplit': command<ExpenseSplitResult>(['expenses'])(
    z.object({
      itemId: idSchema,
      dimension: z.enum(SPLIT_DIMENSIONS),
      mode: z.enum(['ratio', 'amount']),
      entries: z.array(z.object({ memberId: idSchema, value: z.number().finite().min(0).max(1e15) }).strict()).max(2_000),
    }).strict(),
  ),
  /** Expense ratio and returns per brand, category, channel or city, from the items' splits; the rest is 未分攤. */
  'expenses.bySlice': query<SliceResult>(['expenses', 'promotions', 'targets', 'master', 'actuals'])(z.object({ dimension: z.enum(SPLIT_DIMENSIONS) }).strict()),
} as const;
