import { refusal } from '../../../../shared/errors';
import { expenseMeasures, monthsOfQuarter, rollUp, subtreeOf } from '../../../../shared/analysisExpenses';
import { MONTH_COUNT, quarters, sum, zeros, type ExpenseBudgetResult } from '../../../../shared/expenses';
import type {
  ExpenseActualDetail, ExpenseAnalysis, ExpenseAnalysisRow, ExpenseViewBy, KeyExpense,
} from '../../../../shared/endpoints/analysisExpenses';
import type { ReadDb } from '../../db/handle';
import {
  countExpenseLines, expenseCells as expenseCellsOf, expenseYears, hasExpenseBudget, listExpenseLines, salesSummaryByDim, salesSummaryByMonth,
  type ExpenseDim, type ExpenseLineFilter,
} from '../../repos/analysis/expenses';
import { memberExists, orderedMembersWithCode } from '../../repos/analysis/members';
import { workingVersionId } from '../../repos/planVersions';
import { regionPlanYear } from '../../repos/region';
import { readBudget } from '../expenses/budget';
import type { PlanTargets } from '../targets/read';
import { itemRows } from '../expenses/items';
import { bySlice, type SliceTargets } from '../expenses/split';

// 費用分析: a year's actual expenses (one small GROUP BY of expense_actual) against the
// year's actual sales and gross profit, by item (rolled up through the tree), by brand,
// category or channel (未分攤: no id of that dimension), by month or quarter. The sales
// side comes from the monthly sales summaries (per customer for months and channels,
// per SKU for brands and categories), a few thousand rows a year. For the plan year
// the working plan's budget comes from the expense budget's own functions (readBudget,
// bySlice) and its targets from the targets' cube (the handler supplies them).

/** The review's charts: terminal building, advertising, personnel (銷售總結, part 4). */
const KEY_KINDS = ['terminal', 'advertising', 'personnel'] as const;

/** What the handler supplies: the plan's targets. */
export interface ExpensesContext {
  /** The working plan's sales and gross-profit targets by month. */
  targets: () => PlanTargets;
  /** The working plan's year targets per member of a dimension. */
  sliceTargets: (dim: ExpenseDim) => SliceTargets;
}

// ---------------------------------------------------------------- sales

type Pair = [sales: number, grossProfit: number];

function salesByMonth(db: ReadDb, year: number): { sales: number[]; gp: number[]; noGp: number } {
  const sales = zeros();
  const gp = zeros();
  let noGp = 0;
  for (const r of salesSummaryByMonth(db, year)) {
    sales[r.m - 1] = r.s;
    gp[r.m - 1] = r.g;
    noGp += r.n;
  }
  return { sales, gp, noGp };
}

/** The year's sales and gross profit per brand, category (through the SKU) or channel (the customer's). */
function salesByDim(db: ReadDb, year: number, dim: ExpenseDim): Map<number, Pair> {
  return new Map(salesSummaryByDim(db, year, dim).map((r) => [r.k, [r.s, r.g]]));
}

// ---------------------------------------------------------------- helpers

type Tree = ReturnType<typeof itemRows>;

/** Validates the item filter (a top-level item); the set of item ids in scope, or null for all. */
function itemScope(tree: Tree, itemId: number | undefined): Set<number> | null {
  if (itemId === undefined) return null;
  const item = tree.find((r) => r.id === itemId);
  if (!item) throw refusal('NOT_FOUND', 'analysisExpenses.error.noItem', `expense item ${itemId} does not exist`, { path: 'itemId' });
  if (item.parent_id !== null) {
    throw refusal('INVALID_INPUT', 'analysisExpenses.error.notTopItem', `expense item ${itemId} is not a top-level item`, { path: 'itemId' });
  }
  return subtreeOf(tree.map((r) => ({ id: r.id, parentId: r.parent_id })), itemId);
}

type ExpenseCell = ReturnType<typeof expenseCellsOf>[number];

function expenseCells(db: ReadDb, year: number, scope: Set<number> | null): ExpenseCell[] {
  const rows = expenseCellsOf(db, year);
  return scope ? rows.filter((r) => scope.has(r.item)) : rows;
}

function yearsOf(db: ReadDb, planYear: number, year: number): number[] {
  const ys = new Set(expenseYears(db));
  // The plan year always: its budget is compared there (or it says what is missing).
  ys.add(planYear);
  ys.add(year);
  return [...ys].sort((a, b) => a - b);
}

interface RowInput {
  key: number | null;
  code: string;
  label: string;
  depth?: number;
  parentKey?: number | null;
  expense: number;
  sales: number;
  grossProfit: number;
  budget: number | null;
  salesTarget: number | null;
  grossProfitTarget: number | null;
}

function row(r: RowInput, unallocated = false): ExpenseAnalysisRow {
  // 未分攤 has no sales or gross profit of its own: neither measure applies to it.
  const none = { ratio: null, returnOnExpense: null };
  const actual = unallocated ? none : expenseMeasures(r.expense, r.sales, r.grossProfit);
  const planned = r.budget === null || unallocated ? null : expenseMeasures(r.budget, r.salesTarget ?? 0, r.grossProfitTarget ?? 0);
  return {
    key: r.key, code: r.code, label: r.label, depth: r.depth ?? 0, parentKey: r.parentKey ?? null,
    expense: r.expense, sales: r.sales, grossProfit: r.grossProfit, ratio: actual.ratio, returnOnExpense: actual.returnOnExpense,
    budget: r.budget, salesTarget: r.salesTarget, grossProfitTarget: r.grossProfitTarget,
    budgetRatio: planned?.ratio ?? null, budgetReturn: planned?.returnOnExpense ?? null,
  };
}

// ---------------------------------------------------------------- the view

export function expensesAnalysis(db: ReadDb, input: { year?: number; by?: ExpenseViewBy; itemId?: number }, ctx: ExpensesContext): ExpenseAnalysis {
  const planYear = regionPlanYear(db);
  const year = input.year ?? planYear - 1;
  const by = input.by ?? 'item';
  const tree = itemRows(db);
  const scope = itemScope(tree, input.itemId);
  const hasBudget = year === planYear && tree.length > 0 && hasExpenseBudget(db, workingVersionId(db));

  const cells = expenseCells(db, year, scope);
  const actualRows = countExpenseLines(db, { year, ...(scope ? { itemIds: scope } : {}) }).n;
  const months = salesByMonth(db, year);
  const totalSales = sum(months.sales);
  const totalGp = sum(months.gp);

  // The plan year's budget and targets.
  let budget: ExpenseBudgetResult | null = null;
  if (hasBudget) budget = readBudget(db, ctx.targets());
  const budgetRow = (id: number) => budget?.rows.find((r) => r.itemId === id);
  const scopeBudgetMonths = budget ? (input.itemId !== undefined ? budgetRow(input.itemId)?.budget ?? zeros() : budget.total.budget) : null;
  const scopeBudget = scopeBudgetMonths ? sum(scopeBudgetMonths) : null;
  const salesTarget = budget ? budget.salesTarget : null;
  const gpTarget = budget ? budget.grossProfitTarget : null;
  const targetSales = salesTarget ? sum(salesTarget) : null;
  const targetGp = gpTarget ? sum(gpTarget) : null;

  const scopeExpense = sum(cells.map((c) => c.amount));
  const total = row({
    key: input.itemId ?? null, code: '', label: '', expense: scopeExpense, sales: totalSales, grossProfit: totalGp,
    budget: scopeBudget, salesTarget: targetSales, grossProfitTarget: targetGp,
  });

  let rows: ExpenseAnalysisRow[] = [];
  if (by === 'item') {
    const own = new Map<number, number>();
    for (const c of cells) own.set(c.item, (own.get(c.item) ?? 0) + c.amount);
    const rolled = rollUp(tree.map((r) => ({ id: r.id, parentId: r.parent_id })), own);
    const shift = input.itemId !== undefined ? 1 : 0;
    for (const r of tree) {
      if (scope ? !scope.has(r.id) || r.id === input.itemId : false) continue;
      const depth = r.depth - shift;
      const expense = rolled.get(r.id) ?? 0;
      const b = budget ? sum(budgetRow(r.id)?.budget ?? []) : null;
      if (depth > 0 && expense === 0 && !b) continue;
      rows.push(row({
        key: r.id, code: r.code, label: r.name, depth, parentKey: depth === 0 ? null : r.parent_id,
        expense, sales: totalSales, grossProfit: totalGp, budget: b, salesTarget: targetSales, grossProfitTarget: targetGp,
      }));
    }
  } else if (by === 'month' || by === 'quarter') {
    const em = zeros();
    for (const c of cells) em[c.month - 1] += c.amount;
    const fold = (m: readonly number[]) => (by === 'month' ? [...m] : quarters(m));
    const e = fold(em);
    const s = fold(months.sales);
    const g = fold(months.gp);
    const b = scopeBudgetMonths ? fold(scopeBudgetMonths) : null;
    const st = salesTarget ? fold(salesTarget) : null;
    const gt = gpTarget ? fold(gpTarget) : null;
    rows = e.map((x, i) =>
      row({ key: i + 1, code: '', label: '', expense: x, sales: s[i], grossProfit: g[i], budget: b?.[i] ?? null, salesTarget: st?.[i] ?? null, grossProfitTarget: gt?.[i] ?? null }),
    );
  } else {
    const dim = by;
    const sales = salesByDim(db, year, dim);
    const expense = new Map<number | null, number>();
    for (const c of cells) {
      const k = c[dim];
      expense.set(k, (expense.get(k) ?? 0) + c.amount);
    }
    // The plan's budget by member (the items' splits) and its targets.
    let budgetBy: Map<number, number> | null = null;
    let targets: SliceTargets | null = null;
    if (budget && scopeBudget !== null) {
      const parent = new Map(tree.map((r) => [r.id, r.parent_id]));
      const topOf = new Map<number, number>();
      for (const r of tree) {
        let at = r.id;
        while (parent.get(at) != null) at = parent.get(at)!;
        topOf.set(r.id, at);
      }
      const slice = bySlice(db, dim, { sales: new Map(), grossProfit: new Map() }, { budget: scopeBudget, sales: 0, grossProfit: 0, cap: null, topOf }, { code: '', name: '' });
      budgetBy = new Map();
      for (const r of slice.rows) {
        if (r.id === null) continue;
        const v = input.itemId !== undefined ? (r.byItem[input.itemId] ?? 0) : r.expense;
        if (v !== 0) budgetBy.set(r.id, v);
      }
      targets = ctx.sliceTargets(dim);
    }
    const members = orderedMembersWithCode(db, dim);
    for (const m of members) {
      const e = expense.get(m.id) ?? 0;
      const [s, g] = sales.get(m.id) ?? [0, 0];
      const b = budgetBy ? (budgetBy.get(m.id) ?? 0) : null;
      const st = targets ? (targets.sales.get(m.id) ?? 0) : null;
      if (e === 0 && s === 0 && g === 0 && !b && !st) continue;
      rows.push(row({
        key: m.id, code: m.code, label: m.name, expense: e, sales: s, grossProfit: g,
        budget: b, salesTarget: st, grossProfitTarget: targets ? (targets.grossProfit.get(m.id) ?? 0) : null,
      }));
    }
    const unE = expense.get(null) ?? 0;
    const unB = budgetBy && scopeBudget !== null ? scopeBudget - sum([...budgetBy.values()]) : null;
    if (unE !== 0 || (unB !== null && unB !== 0)) {
      rows.push(row({ key: null, code: '', label: '', expense: unE, sales: 0, grossProfit: 0, budget: unB, salesTarget: unB === null ? null : 0, grossProfitTarget: unB === null ? null : 0 }, true));
    }
  }

  // The review's key expenses by month (no item filter: the cells are the year's all).
  const keyExpenses: KeyExpense[] = [];
  if (!scope) {
    const ids = tree.map((r) => ({ id: r.id, parentId: r.parent_id }));
    for (const kind of KEY_KINDS) {
      for (const top of tree.filter((r) => r.parent_id === null && r.kind === kind)) {
        const under = subtreeOf(ids, top.id);
        const m = zeros();
        for (const c of cells) if (under.has(c.item)) m[c.month - 1] += c.amount;
        const e = sum(m);
        keyExpenses.push({
          itemId: top.id, code: top.code, name: top.name, kind, months: m,
          ratios: m.map((x, i) => expenseMeasures(x, months.sales[i], months.gp[i]).ratio),
          expense: e, ratio: expenseMeasures(e, totalSales, totalGp).ratio,
        });
      }
    }
  }

  return {
    keyExpenses,
    year, planYear, by, itemId: input.itemId ?? null,
    years: yearsOf(db, planYear, year),
    items: tree.filter((r) => r.parent_id === null).map((r) => ({ id: r.id, code: r.code, name: r.name })),
    hasBudget, actualRows, rows, total,
    // Gross profit (and its return on expense) leaves out the sales of SKUs whose cost is missing.
    salesNoGp: months.noGp,
  };
}

// ---------------------------------------------------------------- the drill

export function expenseActualRows(
  db: ReadDb,
  input: { year: number; by: ExpenseViewBy; key: number | null; itemId?: number; limit?: number },
): ExpenseActualDetail {
  const tree = itemRows(db);
  const scope = itemScope(tree, input.itemId);
  const filter: ExpenseLineFilter = { year: input.year };
  if (scope) filter.itemIds = scope;
  const badKey = (what: string) => refusal('INVALID_INPUT', 'analysisExpenses.error.badKey', what, { path: 'key' });
  const { by, key } = input;
  if (by === 'item') {
    if (key === null) throw badKey('an item is needed');
    if (!tree.some((r) => r.id === key)) throw refusal('NOT_FOUND', 'analysisExpenses.error.noItem', `expense item ${key} does not exist`, { path: 'key' });
    filter.subtreeIds = subtreeOf(tree.map((r) => ({ id: r.id, parentId: r.parent_id })), key);
  } else if (by === 'month') {
    if (key === null || key > MONTH_COUNT) throw badKey(`month ${key} is not 1–12`);
    filter.periods = [input.year * 100 + key];
  } else if (by === 'quarter') {
    if (key === null || key > 4) throw badKey(`quarter ${key} is not 1–4`);
    filter.periods = monthsOfQuarter(key).map((m) => input.year * 100 + m);
  } else {
    if (key !== null && !memberExists(db, by, key)) throw refusal('NOT_FOUND', 'analysisExpenses.error.noMember', `${by} ${key} does not exist`, { path: 'key' });
    filter.member = { dim: by, id: key };
  }
  const agg = countExpenseLines(db, filter);
  const order = new Map(tree.map((r, i) => [r.id, i]));
  const rows = listExpenseLines(db, filter);
  rows.sort((x, y) => x.period - y.period || (order.get(x.itemId) ?? 0) - (order.get(y.itemId) ?? 0) || x.id - y.id);
  const limit = input.limit ?? 2000;
  return {
    rows: rows.slice(0, limit).map(({ itemId: _drop, ...r }) => r),
    total: agg.n,
    totalCents: agg.cents,
  };
}
