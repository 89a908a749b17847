import { readDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { expenseMeasures, monthsOfQuarter, rollUp, subtreeOf } from '../../../../shared/analysisExpenses';
import { MONTH_COUNT, quarters, sum, zeros, type ExpenseBudgetResult } from '../../../../shared/expenses';
import type {
  ExpenseActualDetail, ExpenseActualDetailRow, ExpenseAnalysis, ExpenseAnalysisRow, ExpenseViewBy, KeyExpense,
} from '../../../../shared/endpoints/analysisExpenses';
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

type Dim = 'brand' | 'category' | 'channel';
/** The review's charts: terminal building, advertising, personnel (DOMAIN.md, 銷售總結 4). */
const KEY_KINDS = ['terminal', 'advertising', 'personnel'] as const;
const DIM_COLUMN: Record<Dim, 'brand_id' | 'category_id' | 'channel_id'> = { brand: 'brand_id', category: 'category_id', channel: 'channel_id' };
const DIM_TABLE: Record<Dim, 'brand' | 'category' | 'channel'> = { brand: 'brand', category: 'category', channel: 'channel' };

/** What the handler supplies: the plan's targets. */
export interface ExpensesContext {
  /** The working plan's sales and gross-profit targets by month. */
  targets: () => PlanTargets;
  /** The working plan's year targets per member of a dimension. */
  sliceTargets: (dim: Dim) => SliceTargets;
}

// ---------------------------------------------------------------- sales

type Pair = [sales: number, grossProfit: number];

function salesByMonth(sqlite: Database.Database, year: number): { sales: number[]; gp: number[] } {
  const rows = sqlite
    .prepare(`SELECT period % 100 AS m, SUM(amount_cents) AS s, SUM(gross_profit_cents) AS g
                FROM sales_month_customer WHERE period BETWEEN ? AND ? GROUP BY period`)
    .all(year * 100 + 1, year * 100 + 12) as { m: number; s: number; g: number }[];
  const sales = zeros();
  const gp = zeros();
  for (const r of rows) {
    sales[r.m - 1] = r.s;
    gp[r.m - 1] = r.g;
  }
  return { sales, gp };
}

/** The year's sales and gross profit per brand, category (through the SKU) or channel (the customer's). */
function salesByDim(sqlite: Database.Database, year: number, dim: Dim): Map<number, Pair> {
  const sql =
    dim === 'channel'
      ? `SELECT c.channel_id AS k, SUM(m.amount_cents) AS s, SUM(m.gross_profit_cents) AS g
           FROM sales_month_customer m JOIN customer c ON c.id = m.customer_id WHERE m.period BETWEEN ? AND ? GROUP BY k`
      : `SELECT s.${DIM_COLUMN[dim]} AS k, SUM(m.amount_cents) AS s, SUM(m.gross_profit_cents) AS g
           FROM sales_month_sku m JOIN sku s ON s.id = m.sku_id WHERE m.period BETWEEN ? AND ? GROUP BY k`;
  const out = new Map<number, Pair>();
  for (const r of sqlite.prepare(sql).all(year * 100 + 1, year * 100 + 12) as { k: number; s: number; g: number }[]) out.set(r.k, [r.s, r.g]);
  return out;
}

// ---------------------------------------------------------------- helpers

function planYearOf(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT plan_year FROM region_meta').pluck().get() as number;
}

function workingVersion(sqlite: Database.Database): number | undefined {
  return sqlite.prepare("SELECT id FROM plan_version WHERE kind = 'working'").pluck().get() as number | undefined;
}

type Tree = ReturnType<typeof itemRows>;

/** The item tree (tree order); none when the file has no items (no actual expense can exist then). */
function treeOf(sqlite: Database.Database): Tree {
  const n = sqlite.prepare('SELECT count(*) FROM expense_item').pluck().get() as number;
  return n === 0 ? [] : itemRows(readDb(sqlite));
}

/** Validates the item filter (a top-level item); the set of item ids in scope, or null for all. */
function itemScope(tree: Tree, itemId: number | undefined): Set<number> | null {
  if (itemId === undefined) return null;
  const item = tree.find((r) => r.id === itemId);
  if (!item) {
    throw new AppError('NOT_FOUND', `expense item ${itemId} does not exist`, { issues: [{ path: 'itemId', message: 'analysisExpenses.error.noItem' }] });
  }
  if (item.parent_id !== null) {
    throw new AppError('INVALID_INPUT', `expense item ${itemId} is not a top-level item`, {
      issues: [{ path: 'itemId', message: 'analysisExpenses.error.notTopItem' }],
    });
  }
  return subtreeOf(tree.map((r) => ({ id: r.id, parentId: r.parent_id })), itemId);
}

interface ExpenseCell {
  item: number;
  month: number;
  brand: number | null;
  category: number | null;
  channel: number | null;
  amount: number;
}

function expenseCells(sqlite: Database.Database, year: number, scope: Set<number> | null): ExpenseCell[] {
  const rows = sqlite
    .prepare(
      `SELECT item_id AS item, period % 100 AS month, brand_id AS brand, category_id AS category, channel_id AS channel, SUM(amount_cents) AS amount
         FROM expense_actual WHERE period BETWEEN ? AND ?
        GROUP BY item_id, period, brand_id, category_id, channel_id`,
    )
    .all(year * 100 + 1, year * 100 + 12) as ExpenseCell[];
  return scope ? rows.filter((r) => scope.has(r.item)) : rows;
}

function yearsOf(sqlite: Database.Database, planYear: number, year: number): number[] {
  const ys = new Set(
    (sqlite.prepare('SELECT DISTINCT period / 100 AS y FROM expense_actual').all() as { y: number }[]).map((r) => r.y),
  );
  // The plan year always: its budget is compared there (or it says what is missing).
  ys.add(planYear);
  ys.add(year);
  return [...ys].sort((a, b) => a - b);
}

/** Whether the working plan has any expense budget (its own rows or its promotions' budgets). */
function hasPlanBudget(sqlite: Database.Database, versionId: number | undefined): boolean {
  if (versionId === undefined) return false;
  return (
    sqlite
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM expense_budget WHERE version_id = ? AND amount_cents <> 0)
             OR EXISTS (SELECT 1 FROM promotion_budget pb JOIN promotion p ON p.id = pb.promotion_id WHERE p.version_id = ? AND pb.amount_cents <> 0)`,
      )
      .pluck()
      .get(versionId, versionId) as number
  ) === 1;
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

export function expensesAnalysis(sqlite: Database.Database, input: { year?: number; by?: ExpenseViewBy; itemId?: number }, ctx: ExpensesContext): ExpenseAnalysis {
  const planYear = planYearOf(sqlite);
  const year = input.year ?? planYear - 1;
  const by = input.by ?? 'item';
  const tree = treeOf(sqlite);
  const scope = itemScope(tree, input.itemId);
  const versionId = workingVersion(sqlite);
  const hasBudget = year === planYear && tree.length > 0 && hasPlanBudget(sqlite, versionId);

  const cells = expenseCells(sqlite, year, scope);
  const actualRows = (
    sqlite.prepare('SELECT count(*) FROM expense_actual WHERE period BETWEEN ? AND ?' + (scope ? ` AND item_id IN (${[...scope].join(',')})` : '')).pluck().get(year * 100 + 1, year * 100 + 12) as number
  );
  const months = salesByMonth(sqlite, year);
  const totalSales = sum(months.sales);
  const totalGp = sum(months.gp);

  // The plan year's budget and targets.
  let budget: ExpenseBudgetResult | null = null;
  if (hasBudget) budget = readBudget(readDb(sqlite), ctx.targets());
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
    const sales = salesByDim(sqlite, year, dim);
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
      const slice = bySlice(readDb(sqlite), dim, { sales: new Map(), grossProfit: new Map() }, { budget: scopeBudget, sales: 0, grossProfit: 0, cap: null, topOf }, { code: '', name: '' });
      budgetBy = new Map();
      for (const r of slice.rows) {
        if (r.id === null) continue;
        const v = input.itemId !== undefined ? (r.byItem[input.itemId] ?? 0) : r.expense;
        if (v !== 0) budgetBy.set(r.id, v);
      }
      targets = ctx.sliceTargets(dim);
    }
    const members = sqlite.prepare(`SELECT id, code, name FROM ${DIM_TABLE[dim]} ORDER BY sort_order, id`).all() as { id: number; code: string; name: string }[];
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
    years: yearsOf(sqlite, planYear, year),
    items: tree.filter((r) => r.parent_id === null).map((r) => ({ id: r.id, code: r.code, name: r.name })),
    hasBudget, actualRows, rows, total,
  };
}

// ---------------------------------------------------------------- the drill

export function expenseActualRows(
  sqlite: Database.Database,
  input: { year: number; by: ExpenseViewBy; key: number | null; itemId?: number; limit?: number },
): ExpenseActualDetail {
  const tree = treeOf(sqlite);
  const scope = itemScope(tree, input.itemId);
  const where = ['a.period BETWEEN ? AND ?'];
  const params: (number | string)[] = [input.year * 100 + 1, input.year * 100 + 12];
  if (scope) where.push(`a.item_id IN (${[...scope].join(',')})`);
  const badKey = (what: string) =>
    new AppError('INVALID_INPUT', `${what}`, { issues: [{ path: 'key', message: 'analysisExpenses.error.badKey' }] });
  const { by, key } = input;
  if (by === 'item') {
    if (key === null) throw badKey('an item is needed');
    if (!tree.some((r) => r.id === key)) {
      throw new AppError('NOT_FOUND', `expense item ${key} does not exist`, { issues: [{ path: 'key', message: 'analysisExpenses.error.noItem' }] });
    }
    where.push(`a.item_id IN (${[...subtreeOf(tree.map((r) => ({ id: r.id, parentId: r.parent_id })), key)].join(',')})`);
  } else if (by === 'month') {
    if (key === null || key > MONTH_COUNT) throw badKey(`month ${key} is not 1–12`);
    where.push('a.period = ?');
    params.push(input.year * 100 + key);
  } else if (by === 'quarter') {
    if (key === null || key > 4) throw badKey(`quarter ${key} is not 1–4`);
    where.push('a.period IN (?, ?, ?)');
    params.push(...monthsOfQuarter(key).map((m) => input.year * 100 + m));
  } else {
    const col = DIM_COLUMN[by];
    if (key === null) where.push(`a.${col} IS NULL`);
    else {
      if (!sqlite.prepare(`SELECT 1 FROM ${DIM_TABLE[by]} WHERE id = ?`).get(key)) {
        throw new AppError('NOT_FOUND', `${by} ${key} does not exist`, { issues: [{ path: 'key', message: 'analysisExpenses.error.noMember' }] });
      }
      where.push(`a.${col} = ?`);
      params.push(key);
    }
  }
  const w = where.join(' AND ');
  const agg = sqlite.prepare(`SELECT count(*) AS n, ifnull(SUM(a.amount_cents), 0) AS cents FROM expense_actual a WHERE ${w}`).get(...params) as { n: number; cents: number };
  const order = new Map(tree.map((r, i) => [r.id, i]));
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.period, a.item_id AS itemId, i.code AS itemCode, i.name AS itemName, ifnull(b.name, '') AS brandName, ifnull(c.name, '') AS categoryName,
              ifnull(ch.name, '') AS channelName, ifnull(ci.name, '') AS cityName, a.amount_cents AS amountCents, a.note, ifnull(ib.source_name, '') AS batchName
         FROM expense_actual a JOIN expense_item i ON i.id = a.item_id
         LEFT JOIN brand b ON b.id = a.brand_id LEFT JOIN category c ON c.id = a.category_id
         LEFT JOIN channel ch ON ch.id = a.channel_id LEFT JOIN city ci ON ci.id = a.city_id
         LEFT JOIN import_batch ib ON ib.id = a.batch_id
        WHERE ${w}`,
    )
    .all(...params) as (ExpenseActualDetailRow & { itemId: number })[];
  rows.sort((x, y) => x.period - y.period || (order.get(x.itemId) ?? 0) - (order.get(y.itemId) ?? 0) || x.id - y.id);
  const limit = input.limit ?? 2000;
  return {
    rows: rows.slice(0, limit).map(({ itemId: _drop, ...r }) => r),
    total: agg.n,
    totalCents: agg.cents,
  };
}
