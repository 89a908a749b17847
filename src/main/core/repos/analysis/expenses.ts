import { sql } from 'kysely';
import type { ExpenseActualDetailRow } from '../../../../shared/endpoints/analysisExpenses';
import { all, first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import { yearPeriods } from './periods';

// 費用分析's reads: the year's actual expenses (expense_actual, a ledger of a few
// thousand rows a year), the year's sales and gross profit from the monthly sales
// summaries (a few thousand rows a year, instead of the lines), and whether the
// working plan has a budget.

export type ExpenseDim = 'brand' | 'category' | 'channel';
const DIM_COLUMN = { brand: 'brand_id', category: 'category_id', channel: 'channel_id' } as const;

/** The year's sales, gross profit and sales without a known gross profit (cents) per month 1..12 that has any. */
export function salesSummaryByMonth(db: ReadDb, year: number): { m: number; s: number; g: number; n: number }[] {
  const [from, to] = yearPeriods(year);
  return all(
    db,
    qb
      .selectFrom('sales_month_customer')
      .select([
        sql<number>`period % 100`.as('m'),
        sql<number>`SUM(amount_cents)`.as('s'),
        sql<number>`SUM(gross_profit_cents)`.as('g'),
        sql<number>`SUM(amount_no_gp_cents)`.as('n'),
      ])
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy('period'),
  );
}

/** The year's sales and gross profit per brand, category (through the SKU) or channel (the customer's). */
export function salesSummaryByDim(db: ReadDb, year: number, dim: ExpenseDim): { k: number; s: number; g: number }[] {
  const [from, to] = yearPeriods(year);
  const sums = [sql<number>`SUM(m.amount_cents)`.as('s'), sql<number>`SUM(m.gross_profit_cents)`.as('g')] as const;
  if (dim === 'channel') {
    return all(
      db,
      qb
        .selectFrom('sales_month_customer as m')
        .innerJoin('customer as c', 'c.id', 'm.customer_id')
        .select(['c.channel_id as k', ...sums])
        .where('m.period', '>=', from)
        .where('m.period', '<=', to)
        .groupBy('k'),
    );
  }
  return all(
    db,
    qb
      .selectFrom('sales_month_sku as m')
      .innerJoin('sku as s', 's.id', 'm.sku_id')
      .select([`s.${DIM_COLUMN[dim]} as k`, ...sums])
      .where('m.period', '>=', from)
      .where('m.period', '<=', to)
      .groupBy('k'),
  );
}

/** The year's actual expenses summed per item, month and the brand, category and channel they name (null: none). */
export function expenseCells(
  db: ReadDb,
  year: number,
): { item: number; month: number; brand: number | null; category: number | null; channel: number | null; amount: number }[] {
  const [from, to] = yearPeriods(year);
  return all(
    db,
    qb
      .selectFrom('expense_actual')
      .select([
        'item_id as item',
        sql<number>`period % 100`.as('month'),
        'brand_id as brand',
        'category_id as category',
        'channel_id as channel',
        sql<number>`SUM(amount_cents)`.as('amount'),
      ])
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy(['item_id', 'period', 'brand_id', 'category_id', 'channel_id']),
  );
}

/** Which actual expense rows a drill reads: a year, and optionally items, months (yyyymm) and one member of a dimension (null: none named). */
export interface ExpenseLineFilter {
  year: number;
  itemIds?: Iterable<number>;
  /** A second item condition (the drilled item's subtree within the view's item filter). */
  subtreeIds?: Iterable<number>;
  periods?: number[];
  member?: { dim: ExpenseDim; id: number | null };
}

function expenseLines(f: ExpenseLineFilter) {
  const [from, to] = yearPeriods(f.year);
  let q = qb.selectFrom('expense_actual as a').where('a.period', '>=', from).where('a.period', '<=', to);
  if (f.itemIds) q = q.where('a.item_id', 'in', [...f.itemIds]);
  if (f.subtreeIds) q = q.where('a.item_id', 'in', [...f.subtreeIds]);
  if (f.periods) q = q.where('a.period', 'in', f.periods);
  if (f.member) {
    const col = `a.${DIM_COLUMN[f.member.dim]}` as const;
    q = f.member.id === null ? q.where(col, 'is', null) : q.where(col, '=', f.member.id);
  }
  return q;
}

/** How many actual expense rows match and their sum (cents). */
export function countExpenseLines(db: ReadDb, f: ExpenseLineFilter): { n: number; cents: number } {
  const row = first(db, expenseLines(f).select([sql<number>`count(*)`.as('n'), sql<number>`ifnull(SUM(a.amount_cents), 0)`.as('cents')]));
  return row ?? { n: 0, cents: 0 };
}

/** The matching actual expense rows with the names of what they name, in no particular order. */
export function listExpenseLines(db: ReadDb, f: ExpenseLineFilter): (ExpenseActualDetailRow & { itemId: number })[] {
  return all(
    db,
    expenseLines(f)
      .innerJoin('expense_item as i', 'i.id', 'a.item_id')
      .leftJoin('brand as b', 'b.id', 'a.brand_id')
      .leftJoin('category as c', 'c.id', 'a.category_id')
      .leftJoin('channel as ch', 'ch.id', 'a.channel_id')
      .leftJoin('city as ci', 'ci.id', 'a.city_id')
      .leftJoin('import_batch as ib', 'ib.id', 'a.batch_id')
      .select([
        'a.id',
        'a.period',
        'a.item_id as itemId',
        'i.code as itemCode',
        'i.name as itemName',
        sql<string>`ifnull(b.name, '')`.as('brandName'),
        sql<string>`ifnull(c.name, '')`.as('categoryName'),
        sql<string>`ifnull(ch.name, '')`.as('channelName'),
        sql<string>`ifnull(ci.name, '')`.as('cityName'),
        'a.amount_cents as amountCents',
        'a.note',
        sql<string>`ifnull(ib.source_name, '')`.as('batchName'),
      ]),
  );
}

/** The years with actual expenses, ascending. */
export function expenseYears(db: ReadDb): number[] {
  return all(db, qb.selectFrom('expense_actual').select(sql<number>`period / 100`.as('y')).distinct()).map((r) => r.y);
}

/** Whether a plan version has any expense budget: its own rows or its promotions' budgets. */
export function hasExpenseBudget(db: ReadDb, versionId: number): boolean {
  const row = first(
    db,
    qb.selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('expense_budget').select('item_id').where('version_id', '=', versionId).where('amount_cents', '<>', 0)),
          eb.exists(
            eb
              .selectFrom('promotion_budget as pb')
              .innerJoin('promotion as p', 'p.id', 'pb.promotion_id')
              .select('pb.item_id')
              .where('p.version_id', '=', versionId)
              .where('pb.amount_cents', '<>', 0),
          ),
        ])
        .as('found'),
    ),
  );
  return Boolean(row?.found);
}
