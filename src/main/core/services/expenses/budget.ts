import type { ReadDb, WriteDb } from '../../db/handle';
import { workingVersionId } from '../../repos/planVersions';
import type { ExpensePeriod } from '../../../../shared/endpoints/expenses';
import { refusal } from '../../../../shared/errors';
import { MONTH_COUNT, sum, zeros, type ExpenseBudgetResult, type ExpenseBudgetRow } from '../../../../shared/expenses';
import { largestRemainder, roundMatrixPreservingMargins } from '../../../../shared/spread';
import { actualExpenseCells } from '../../repos/expenses/actuals';
import { budgetCells, budgetCellWriter } from '../../repos/expenses/budget';
import { regionPlanYear } from '../../repos/region';
import { deleteSetting, findSettingRow, getSetting, putSetting } from '../../repos/settings';
import { promotionBudgetByMonth } from '../promotions/rollup';
import type { PlanTargets } from '../targets/read';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { itemRows } from './items';
import { resplit } from './split';

// The expense budget of the working plan: items × the plan year's months, the rows of
// expense_budget with no product, channel or city. Only leaf items hold budget rows; a
// parent's budget is the sum of its children's. Promotions' budgets roll in as a
// read-only part of each item's budget, so the ratios count them; an edit sets an
// item's budget including that part and spreads the rest over the entered cells.

export const CAP_SETTING = 'expenseRatioCap';

type Tree = ReturnType<typeof itemRows>;

export function capOf(db: ReadDb): number | null {
  const v = getSetting<number | null>(db, CAP_SETTING);
  return typeof v === 'number' && v > 0 ? v : null;
}

const cellKey = (item: number, month: number): number => item * 16 + month;

/** The entered budget of the version by leaf cell (item × month, 1–12). */
function enteredCells(db: ReadDb, versionId: number): Map<number, number> {
  return new Map(budgetCells(db, versionId).map((r) => [cellKey(r.item_id, r.month), r.amount_cents]));
}

/** Actual expenses of a year by item cell. */
function actualCells(db: ReadDb, year: number): Map<number, number> {
  return new Map(actualExpenseCells(db, year * 100 + 1, year * 100 + 12).map((r) => [cellKey(r.item_id, r.month), r.amount_cents]));
}

function promoCells(db: ReadDb, versionId: number, year: number): Map<number, number> {
  return new Map(promotionBudgetByMonth(db, versionId, year).map((c) => [cellKey(c.itemId, c.month), c.amountCents]));
}

/** Each item's leaves (itself for a leaf). */
function leavesOf(tree: Tree): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const byId = new Map(tree.map((r) => [r.id, r]));
  for (const r of tree) {
    if (!r.leaf) continue;
    for (let at: number | null = r.id; at !== null; at = byId.get(at)?.parent_id ?? null) {
      const list = out.get(at) ?? [];
      list.push(r.id);
      out.set(at, list);
    }
  }
  for (const r of tree) if (!out.has(r.id)) out.set(r.id, []);
  return out;
}

/** The budget of a plan version (default: the working plan, the one the grid edits); `targets` are that version's. */
export function readBudget(db: ReadDb, targets: PlanTargets, versionId = workingVersionId(db)): ExpenseBudgetResult {
  const year = regionPlanYear(db);
  const tree = itemRows(db);
  const entered = enteredCells(db, versionId);
  const promo = promoCells(db, versionId, year);
  const actual = actualCells(db, year);
  const rows: ExpenseBudgetRow[] = tree.map((r) => {
    const own = (m: Map<number, number>) => Array.from({ length: MONTH_COUNT }, (_, i) => m.get(cellKey(r.id, i + 1)) ?? 0);
    return {
      itemId: r.id, parentId: r.parent_id, code: r.code, name: r.name, depth: r.depth, leaf: r.leaf,
      entered: own(entered), promo: own(promo), budget: zeros(), actual: own(actual),
    };
  });
  // Roll up: children come after their parents, so walk backwards.
  const index = new Map(rows.map((r, i) => [r.itemId, i]));
  const total = { entered: zeros(), promo: zeros(), budget: zeros(), actual: zeros() };
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    for (let m = 0; m < MONTH_COUNT; m++) r.budget[m] = r.entered[m] + r.promo[m];
    const p = r.parentId === null ? undefined : index.get(r.parentId);
    const into = p === undefined ? total : rows[p];
    for (let m = 0; m < MONTH_COUNT; m++) {
      into.entered[m] += r.entered[m];
      into.promo[m] += r.promo[m];
      into.actual[m] += r.actual[m];
      if (p === undefined) total.budget[m] += r.budget[m];
    }
  }
  return { versionId, planYear: year, rows, total, salesTarget: targets.sales, grossProfitTarget: targets.grossProfit, costMissingSkus: targets.costMissingSkus, cap: capOf(db) };
}

/**
 * Writes the version's new leaf cells (those in `next` that differ from `current`) as
 * one undo step. Cells that become zero are deleted.
 */
function writeCells(db: WriteDb, versionId: number, current: Map<number, number>, next: Map<number, number>): RowChange[] {
  const changes: RowChange[] = [];
  const cells = budgetCellWriter(db, versionId);
  const keys = [...next.keys()].sort((a, b) => a - b);
  const changed = new Set<number>();
  for (const k of keys) {
    const before = current.get(k) ?? 0;
    const after = next.get(k) ?? 0;
    if (before === after) continue;
    const item = Math.floor(k / 16);
    const month = k % 16;
    const key = { version_id: versionId, item_id: item, month, brand_id: null, category_id: null, channel_id: null, city_id: null };
    const img = (amount: number) => ({ version_id: versionId, item_id: item, month, amount_cents: amount });
    if (after === 0) cells.remove(item, month);
    else if (current.has(k)) cells.update(item, month, after);
    else cells.insert(item, month, after);
    changes.push({ table: 'expense_budget', key, before: current.has(k) ? img(before) : null, after: after === 0 ? null : img(after) });
    changed.add(item);
  }
  // Items with a split by product or place: re-split their new months, in the same step.
  const months = new Map([...changed].map((item) => [item, Array.from({ length: MONTH_COUNT }, (_, m) => next.get(cellKey(item, m + 1)) ?? 0)]));
  changes.push(...resplit(db, versionId, months));
  return changes;
}

function monthsOf(period: ExpensePeriod): number[] {
  if (period === 'year') return Array.from({ length: 12 }, (_, i) => i + 1);
  if (period.startsWith('q')) {
    const q = Number(period.slice(1));
    return [q * 3 - 2, q * 3 - 1, q * 3];
  }
  return [Number(period.slice(1))];
}

interface Ctx {
  versionId: number;
  tree: Tree;
  leaves: Map<number, number[]>;
  current: Map<number, number>;
  next: Map<number, number>;
  promo: Map<number, number>;
  /** Last year's actual expenses by leaf cell: the shares a budget starts from (read when needed). */
  lastYear: () => Map<number, number>;
}

function context(db: ReadDb): Ctx {
  const versionId = workingVersionId(db);
  const tree = itemRows(db);
  const current = enteredCells(db, versionId);
  const year = regionPlanYear(db);
  let lastYear: Map<number, number> | undefined;
  return {
    versionId, tree, leaves: leavesOf(tree), current, next: new Map(current),
    promo: promoCells(db, versionId, year), lastYear: () => (lastYear ??= actualCells(db, year - 1)),
  };
}

function assertItem(ctx: Ctx, id: number, path: string): number[] {
  const leaves = ctx.leaves.get(id);
  if (!leaves) throw refusal('INVALID_INPUT', 'expenses.error.noItem', `expense item ${id} does not exist`, { path });
  return leaves;
}

/** Sets the entered cells `cells` to `total`, in proportion to their amounts now (equally when all are zero). */
function spreadOver(ctx: Ctx, cells: number[], total: number): void {
  const weights = cells.map((k) => ctx.next.get(k) ?? 0);
  const split = largestRemainder(total, weights);
  cells.forEach((k, i) => ctx.next.set(k, split[i]));
}

export function setCells(db: WriteDb, edits: { itemId: number; period: ExpensePeriod; value: number }[], label: string): void {
  recordEdit(db, `expenses.undo.${label}`, () => {
    const ctx = context(db);
    edits.forEach((e, i) => {
      const leaves = assertItem(ctx, e.itemId, `edits.${i}.itemId`);
      if (leaves.length === 0) throw refusal('CONFLICT', 'expenses.error.noLeaves', 'the item has no items to hold a budget', { path: `edits.${i}` });
      const cells = monthsOf(e.period).flatMap((m) => leaves.map((l) => cellKey(l, m)));
      const promo = cells.reduce((s, k) => s + (ctx.promo.get(k) ?? 0), 0);
      if (e.value < promo) {
        throw refusal('INVALID_INPUT', 'expenses.error.belowPromo', `the budget cannot be below its promotions (${promo} cents)`, {
          path: `edits.${i}.value`,
        });
      }
      spreadOver(ctx, cells, e.value - promo);
    });
    return { changes: writeCells(db, ctx.versionId, ctx.current, ctx.next), value: null };
  });
}

export interface TopDownInput {
  mode: 'amount' | 'ratio';
  amountCents?: number;
  ratio?: number;
  itemWeights?: { itemId: number; weight: number }[];
  phase: 'sales' | 'equal' | 'quarters' | 'months' | 'current';
  phaseWeights?: number[];
}

/** The twelve month weights of a phase choice (`current`: null, each item keeps its own shape). */
export function phaseShape(phase: TopDownInput['phase'], salesTarget: readonly number[], weights?: readonly number[]): number[] | null {
  const salesShape = sum(salesTarget) > 0 ? [...salesTarget] : new Array<number>(12).fill(1);
  if (phase === 'current') return null;
  if (phase === 'sales') return salesShape;
  if (phase === 'equal') return new Array<number>(12).fill(1);
  if (phase === 'months') return [...(weights ?? [])];
  // Quarters: each quarter's weight, over its months by the sales target's shape.
  const q = weights ?? [];
  return salesShape.map((_, m) => {
    const qi = Math.floor(m / 3);
    const inQ = salesShape[qi * 3] + salesShape[qi * 3 + 1] + salesShape[qi * 3 + 2];
    return inQ > 0 ? (q[qi] * salesShape[m]) / inQ : q[qi] / 3;
  });
}

/** Top-down: the year's budget spread by item ratios and phase ratios. Returns the year budget set (cents). */
export function topDown(db: WriteDb, input: TopDownInput, targets: PlanTargets): number {
  return recordEdit(db, 'expenses.undo.topDown', () => {
    const ctx = context(db);
    const salesYear = sum(targets.sales);
    let year: number;
    if (input.mode === 'amount') year = input.amountCents ?? 0;
    else {
      if (salesYear <= 0) {
        throw refusal('CONFLICT', 'expenses.error.noSalesTarget', 'the plan has no sales target to take a ratio of', { path: 'ratio' });
      }
      year = Math.round(salesYear * (input.ratio ?? 0));
    }
    const promoYear = [...ctx.promo.values()].reduce((a, b) => a + b, 0);
    if (year < promoYear) {
      throw refusal('INVALID_INPUT', 'expenses.error.belowPromo', 'the year budget is below the promotions budget', { path: 'amountCents' });
    }
    const top = ctx.tree.filter((r) => r.parent_id === null && (ctx.leaves.get(r.id)?.length ?? 0) > 0);
    const yearOf = (id: number, m: Map<number, number>, months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) =>
      (ctx.leaves.get(id) ?? []).reduce((s, l) => s + months.reduce((t, mo) => t + (m.get(cellKey(l, mo)) ?? 0), 0), 0);
    let weights: number[];
    if (input.itemWeights) {
      const given = new Map<number, number>();
      input.itemWeights.forEach((w, i) => {
        if (!top.some((t) => t.id === w.itemId)) {
          throw refusal('INVALID_INPUT', 'expenses.error.noItem', `expense item ${w.itemId} is not a top-level item`, { path: `itemWeights.${i}.itemId` });
        }
        given.set(w.itemId, w.weight);
      });
      weights = top.map((t) => given.get(t.id) ?? 0);
    } else {
      // The items' current shares of the budget, promotions included; with no budget yet, last year's actual shares.
      weights = top.map((t) => yearOf(t.id, ctx.next) + yearOf(t.id, ctx.promo));
      if (sum(weights) === 0) weights = top.map((t) => yearOf(t.id, ctx.lastYear()));
    }
    const shape = phaseShape(input.phase, targets.sales, input.phaseWeights);
    if (shape && sum(shape) <= 0) throw refusal('INVALID_INPUT', 'expenses.error.zeroWeights', 'the phase weights are all zero', { path: 'phaseWeights' });
    // Each item's total (promotions included), then its entered part over the months and leaves.
    const itemTotals = largestRemainder(year, weights);
    // Promotions are fixed; an item whose share is below its promotions gives the difference to the others.
    const promoOf = top.map((t) => yearOf(t.id, ctx.promo));
    const enteredTotals = fitAbove(itemTotals, promoOf);
    const grid = itemMonths(enteredTotals, shape);
    top.forEach((t, i) => {
      const leaves = ctx.leaves.get(t.id) ?? [];
      const monthShape = shape ?? Array.from({ length: 12 }, (_, m) => leaves.reduce((s, l) => s + (ctx.next.get(cellKey(l, m + 1)) ?? 0), 0));
      const months = grid ? grid.subarray(i * 12, i * 12 + 12) : largestRemainder(enteredTotals[i], monthShape);
      // Leaves keep their shares of the item's year.
      let leafWeights = leaves.map((l) => yearOf(l, ctx.next));
      if (sum(leafWeights) === 0) leafWeights = leaves.map((l) => yearOf(l, ctx.lastYear()));
      for (let m = 0; m < 12; m++) {
        const split = largestRemainder(months[m], leafWeights);
        leaves.forEach((l, j) => ctx.next.set(cellKey(l, m + 1), split[j]));
      }
    });
    return { changes: writeCells(db, ctx.versionId, ctx.current, ctx.next), value: year };
  });
}

/**
 * Items × months with both margins exact: each item's total, and the months' totals of
 * the phase shape (controlled rounding of the product). Null without a common shape.
 */
function itemMonths(itemTotals: number[], shape: number[] | null): Float64Array | null {
  if (!shape) return null;
  const total = sum(itemTotals);
  const cols = largestRemainder(total, shape);
  if (total === 0) return new Float64Array(itemTotals.length * 12);
  const real = new Float64Array(itemTotals.length * 12);
  itemTotals.forEach((t, i) => {
    for (let m = 0; m < 12; m++) real[i * 12 + m] = (t * cols[m]) / total;
  });
  const out = roundMatrixPreservingMargins(real, itemTotals.length, 12, itemTotals, cols);
  return out.ok ? out.matrix : null;
}

/**
 * Entered = total − promotions per item, never below zero: what an item cannot take
 * (its promotions exceed its share) is taken from the others in proportion.
 */
function fitAbove(totals: Float64Array, promo: number[]): number[] {
  const entered = Array.from(totals, (t, i) => t - promo[i]);
  const short = entered.reduce((s, e) => s + (e < 0 ? -e : 0), 0);
  if (short === 0) return entered;
  for (let i = 0; i < entered.length; i++) if (entered[i] < 0) entered[i] = 0;
  const take = largestRemainder(short, entered);
  return entered.map((e, i) => e - take[i]);
}

/** Moves `percent` of one item's year budget (entered part) to another, month by month in proportion. */
export function reallocate(db: WriteDb, fromId: number, toId: number, percent: number): number {
  return recordEdit(db, 'expenses.undo.reallocate', () => {
    const ctx = context(db);
    const from = assertItem(ctx, fromId, 'fromItemId');
    const to = assertItem(ctx, toId, 'toItemId');
    if (from.some((l) => to.includes(l))) {
      throw refusal('INVALID_INPUT', 'expenses.error.nested', 'one item is inside the other', { path: 'toItemId' });
    }
    if (to.length === 0) throw refusal('CONFLICT', 'expenses.error.noLeaves', 'the item has no items to hold a budget', { path: 'toItemId' });
    const fromMonths = Array.from({ length: 12 }, (_, m) => from.reduce((s, l) => s + (ctx.next.get(cellKey(l, m + 1)) ?? 0), 0));
    const fromYear = sum(fromMonths);
    const moved = Math.round((fromYear * percent) / 100);
    if (moved === 0) return { changes: [], value: 0 };
    const byMonth = largestRemainder(moved, fromMonths);
    for (let m = 0; m < 12; m++) {
      if (byMonth[m] === 0) continue;
      const fromCells = from.map((l) => cellKey(l, m + 1));
      spreadOver(ctx, fromCells, fromMonths[m] - byMonth[m]);
      const toCells = to.map((l) => cellKey(l, m + 1));
      let weights = toCells.map((k) => ctx.next.get(k) ?? 0);
      // An empty month of `to`: its leaves' year shares (equal when it has none).
      if (sum(weights) === 0) weights = to.map((l) => Array.from({ length: 12 }, (_, i) => ctx.next.get(cellKey(l, i + 1)) ?? 0).reduce((a, b) => a + b, 0));
      const add = largestRemainder(byMonth[m], weights);
      toCells.forEach((k, i) => ctx.next.set(k, (ctx.next.get(k) ?? 0) + add[i]));
    }
    return { changes: writeCells(db, ctx.versionId, ctx.current, ctx.next), value: moved };
  });
}

/** Head office's cap on the expense ratio; one undo step. */
export function setCap(db: WriteDb, cap: number | null): void {
  recordEdit(db, 'expenses.undo.cap', () => {
    const row = findSettingRow(db, CAP_SETTING);
    if (cap === null) deleteSetting(db, CAP_SETTING);
    else putSetting(db, CAP_SETTING, cap);
    const after = cap === null ? null : { key: CAP_SETTING, value: JSON.stringify(cap) };
    return { changes: [{ table: 'setting', key: { key: CAP_SETTING }, before: row ?? null, after }], value: null };
  });
}
