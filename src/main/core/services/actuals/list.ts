import type Database from 'better-sqlite3';
import {
  ACTUAL_COLUMNS, ACTUALS_LIST_LIMIT, type ActualKind, type ActualRow, type ActualsFilter, type ActualsListResult,
} from '../../../../shared/actuals';
import {
  add, addDateRange, addPeriodRange, customersMatching, likeAny, likePattern, newWhere, searchOf, simpleMatching,
  skusMatching, terminalsMatching, whereSql, type SqlParam, type Where,
} from './filter';
import { summarizeVisits } from './visits';

// The actuals grids' reads. Each kind is two statements: the first `limit` rows in
// the kind's order (period or date, then codes) with the names joined in, and one
// aggregate of the count and sums over the fact table alone. On the large region
// (3M sales rows) the row query walks the clustered period key and sorts only
// within a period; the aggregate never joins.

export const DEFAULT_LIST_LIMIT = 1000;

interface KindQuery {
  /** The fact table with the joins its conditions need (the aggregate's FROM). */
  from: string;
  /** The SELECT list and FROM of the row query (columns aliased to the grid's keys). */
  select: string;
  orderBy: string;
  /** Conditions of a filter, on the aliases of `from`; `span`: the months the filter's batch has rows in. */
  where(filter: ActualsFilter, span: BatchSpan | null): Where;
  /** Summed columns: grid key → SQL expression. */
  totals: readonly (readonly [string, string])[];
}

/** The first and last month of a batch's rows. */
export interface BatchSpan {
  from: number;
  to: number;
}

function batchCondition(w: Where, column: string, filter: ActualsFilter): void {
  if (filter.batchId !== undefined) add(w, `${column} = ?`, filter.batchId);
}

/** One OR-group of "column IN (sub-select)" and free conditions, as one clause. */
function addAnyOf(w: Where, parts: readonly { sql: string; params: readonly SqlParam[] }[]): void {
  w.clauses.push(`(${parts.map((p) => p.sql).join(' OR ')})`);
  for (const p of parts) w.params.push(...p.params);
}

const inSet = (column: string, sub: { sql: string; params: string[] }) => ({ sql: `${column} IN (${sub.sql})`, params: sub.params });

const QUERIES: Record<ActualKind, KindQuery> = {
  sales: {
    from: 'sales_actual a',
    select: `SELECT a.period AS period, c.code AS customerCode, c.name AS customerName, s.code AS skuCode, s.name AS skuName,
        a.amount_cents AS amountCents, a.volume AS volume, a.gross_profit_cents AS grossProfitCents,
        a.batch_id AS batchId, b.source_name AS batchName
      FROM sales_actual a
      JOIN customer c ON c.id = a.customer_id
      JOIN sku s ON s.id = a.sku_id
      LEFT JOIN import_batch b ON b.id = a.batch_id`,
    orderBy: 'a.period, c.code, s.code',
    where(filter, span) {
      const w = newWhere();
      addPeriodRange(w, 'a.period', filter);
      if (span && filter.batchId !== undefined) {
        // The batch's months bound a walk of the clustered key, which beats a lookup
        // per row through the batch index ("+" keeps the planner off that index).
        add(w, 'a.period BETWEEN ? AND ?', span.from, span.to);
        add(w, '+a.batch_id = ?', filter.batchId);
      } else {
        batchCondition(w, 'a.batch_id', filter);
      }
      const search = searchOf(filter);
      if (search) {
        const p = likePattern(search);
        addAnyOf(w, [inSet('a.customer_id', customersMatching(p)), inSet('a.sku_id', skusMatching(p))]);
      }
      return w;
    },
    totals: [
      ['amountCents', 'a.amount_cents'],
      ['volume', 'a.volume'],
      ['grossProfitCents', 'a.gross_profit_cents'],
    ],
  },
  market: {
    from: 'market_sales m',
    select: `SELECT m.period AS period, ci.name AS cityName, ca.name AS categoryName, br.name AS brandName, br.is_own AS isOwn,
        m.amount_cents AS amountCents, m.volume AS volume, m.batch_id AS batchId, b.source_name AS batchName
      FROM market_sales m
      JOIN city ci ON ci.id = m.city_id
      JOIN category ca ON ca.id = m.category_id
      JOIN brand br ON br.id = m.brand_id
      LEFT JOIN import_batch b ON b.id = m.batch_id`,
    orderBy: 'm.period, ci.code, ca.code, br.is_own DESC, br.code',
    where(filter) {
      const w = newWhere();
      addPeriodRange(w, 'm.period', filter);
      batchCondition(w, 'm.batch_id', filter);
      const search = searchOf(filter);
      if (search) {
        const p = likePattern(search);
        addAnyOf(w, [
          inSet('m.city_id', simpleMatching('city', p)),
          inSet('m.brand_id', simpleMatching('brand', p)),
          inSet('m.category_id', simpleMatching('category', p)),
        ]);
      }
      return w;
    },
    totals: [
      ['amountCents', 'm.amount_cents'],
      ['volume', 'm.volume'],
    ],
  },
  audit: {
    from: 'store_audit_brand l JOIN store_audit a ON a.id = l.audit_id',
    select: `SELECT a.audit_date AS auditDate, t.code AS terminalCode, t.name AS terminalName, ci.name AS cityName,
        br.name AS brandName, br.is_own AS isOwn, ca.name AS categoryName, l.skus_on_shelf AS skusOnShelf, l.facings AS facings,
        l.shelf_price_cents AS shelfPriceCents, l.has_display AS hasDisplay, l.sellout_cents AS selloutCents,
        p.name AS auditorName, a.batch_id AS batchId, b.source_name AS batchName
      FROM store_audit_brand l
      JOIN store_audit a ON a.id = l.audit_id
      JOIN terminal t ON t.id = a.terminal_id
      JOIN city ci ON ci.id = t.city_id
      JOIN brand br ON br.id = l.brand_id
      JOIN category ca ON ca.id = l.category_id
      LEFT JOIN salesperson p ON p.id = a.auditor_id
      LEFT JOIN import_batch b ON b.id = a.batch_id`,
    orderBy: 'a.audit_date, t.code, a.id, br.is_own DESC, br.code, ca.code',
    where(filter) {
      const w = newWhere();
      addDateRange(w, 'a.audit_date', filter);
      batchCondition(w, 'a.batch_id', filter);
      const search = searchOf(filter);
      if (search) {
        const p = likePattern(search);
        addAnyOf(w, [
          inSet('a.terminal_id', terminalsMatching(p)),
          inSet('l.brand_id', simpleMatching('brand', p)),
          inSet('l.category_id', simpleMatching('category', p)),
        ]);
      }
      return w;
    },
    totals: [
      ['skusOnShelf', 'l.skus_on_shelf'],
      ['facings', 'l.facings'],
      ['shelfPriceCents', 'l.shelf_price_cents'],
      ['selloutCents', 'l.sellout_cents'],
    ],
  },
  visit: {
    from: 'customer_visit v',
    select: `SELECT v.id AS id, v.visit_date AS visitDate, c.code AS customerCode, c.name AS customerName, p.name AS salespersonName,
        v.sales_goal AS salesGoal, v.business_goal AS businessGoal, v.outcome AS outcome, v.complaints AS complaints,
        v.batch_id AS batchId, b.source_name AS batchName
      FROM customer_visit v
      JOIN customer c ON c.id = v.customer_id
      LEFT JOIN salesperson p ON p.id = v.salesperson_id
      LEFT JOIN import_batch b ON b.id = v.batch_id`,
    orderBy: 'v.visit_date, c.code, v.id',
    where(filter) {
      const w = newWhere();
      addDateRange(w, 'v.visit_date', filter);
      batchCondition(w, 'v.batch_id', filter);
      const search = searchOf(filter);
      if (search) {
        const p = likePattern(search);
        const stock = likeAny(['vk.code', 'vk.name'], p);
        const price = likeAny(['pb.code', 'pb.name', 'vp.product_label', 'pk.code', 'pk.name'], p);
        addAnyOf(w, [
          inSet('v.customer_id', customersMatching(p)),
          inSet('v.salesperson_id', simpleMatching('salesperson', p)),
          {
            sql: `EXISTS (SELECT 1 FROM visit_stock vs JOIN sku vk ON vk.id = vs.sku_id WHERE vs.visit_id = v.id AND ${stock.sql})`,
            params: stock.params,
          },
          {
            sql: `EXISTS (SELECT 1 FROM visit_price vp JOIN brand pb ON pb.id = vp.brand_id LEFT JOIN sku pk ON pk.id = vp.sku_id
              WHERE vp.visit_id = v.id AND ${price.sql})`,
            params: price.params,
          },
        ]);
      }
      return w;
    },
    totals: [],
  },
  statement: {
    from: 'customer_statement s',
    select: `SELECT s.period AS period, c.code AS customerCode, c.name AS customerName, s.inventory_cents AS inventoryCents,
        s.inventory_volume AS inventoryVolume, s.receivable_cents AS receivableCents, s.prepayment_cents AS prepaymentCents,
        s.batch_id AS batchId, b.source_name AS batchName
      FROM customer_statement s
      JOIN customer c ON c.id = s.customer_id
      LEFT JOIN import_batch b ON b.id = s.batch_id`,
    orderBy: 's.period, c.code',
    where(filter) {
      const w = newWhere();
      addPeriodRange(w, 's.period', filter);
      batchCondition(w, 's.batch_id', filter);
      const search = searchOf(filter);
      if (search) addAnyOf(w, [inSet('s.customer_id', customersMatching(likePattern(search)))]);
      return w;
    },
    totals: [
      ['inventoryCents', 's.inventory_cents'],
      ['inventoryVolume', 's.inventory_volume'],
      ['receivableCents', 's.receivable_cents'],
      ['prepaymentCents', 's.prepayment_cents'],
    ],
  },
  expense: {
    from: 'expense_actual e',
    select: `SELECT e.period AS period, i.code AS itemCode, i.name AS itemName, br.name AS brandName, ca.name AS categoryName,
        ch.name AS channelName, ci.name AS cityName, e.amount_cents AS amountCents, e.note AS note,
        e.batch_id AS batchId, b.source_name AS batchName
      FROM expense_actual e
      JOIN expense_item i ON i.id = e.item_id
      LEFT JOIN brand br ON br.id = e.brand_id
      LEFT JOIN category ca ON ca.id = e.category_id
      LEFT JOIN channel ch ON ch.id = e.channel_id
      LEFT JOIN city ci ON ci.id = e.city_id
      LEFT JOIN import_batch b ON b.id = e.batch_id`,
    orderBy: 'e.period, i.sort_order, i.code, e.id',
    where(filter) {
      const w = newWhere();
      addPeriodRange(w, 'e.period', filter);
      batchCondition(w, 'e.batch_id', filter);
      const search = searchOf(filter);
      if (search) {
        const p = likePattern(search);
        addAnyOf(w, [
          inSet('e.item_id', simpleMatching('expense_item', p)),
          inSet('e.brand_id', simpleMatching('brand', p)),
          inSet('e.channel_id', simpleMatching('channel', p)),
          inSet('e.city_id', simpleMatching('city', p)),
        ]);
      }
      return w;
    },
    totals: [['amountCents', 'e.amount_cents']],
  },
};

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let byText = statements.get(sqlite);
  if (!byText) {
    byText = new Map();
    statements.set(sqlite, byText);
  }
  let stmt = byText.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text);
    byText.set(text, stmt);
  }
  return stmt;
}

/** The SQL of a kind's row query and aggregate for a filter (exported for the query-plan test). */
export function listSql(
  kind: ActualKind,
  filter: ActualsFilter,
  span: BatchSpan | null = null,
): { rows: string; aggregate: string; params: SqlParam[] } {
  const q = QUERIES[kind];
  const w = q.where(filter, span);
  const sums = q.totals.map(([key, expr]) => `coalesce(sum(${expr}), 0) AS ${key}`);
  return {
    rows: `${q.select}${whereSql(w)} ORDER BY ${q.orderBy} LIMIT ?`,
    aggregate: `SELECT ${['count(*) AS total', ...sums].join(', ')} FROM ${q.from}${whereSql(w)}`,
    params: w.params,
  };
}

/** The months a sales batch has rows in: two probes of the batch index, whose entries end with the period. */
function salesBatchSpan(sqlite: Database.Database, filter: ActualsFilter): BatchSpan | null {
  if (filter.batchId === undefined) return null;
  const probe = (order: 'ASC' | 'DESC') =>
    prepared(sqlite, `SELECT period FROM sales_actual WHERE batch_id = ? ORDER BY period ${order} LIMIT 1`).pluck().get(filter.batchId) as
      | number
      | undefined;
  const from = probe('ASC');
  const to = probe('DESC');
  return from === undefined || to === undefined ? null : { from, to };
}

const BOOLEAN_KEYS = new Set(
  Object.values(ACTUAL_COLUMNS).flatMap((cols) => cols.filter((c) => c.type === 'boolean').map((c) => c.key)),
);

/** Gives the counts and sums for a key (statement and parameters), computing them only when not already known. */
export type AggregateMemo = (key: string, compute: () => Record<string, number>) => Record<string, number>;

/**
 * A kind's rows matching the filter: the first `limit` in the kind's order, the count
 * and the sums of all. `memo` keeps the aggregates (a full scan on a big region) for
 * the next call with the same filter, e.g. when the user comes back to a kind.
 */
export function listActualRows(
  sqlite: Database.Database,
  kind: ActualKind,
  filter: ActualsFilter,
  limit = DEFAULT_LIST_LIMIT,
  memo?: AggregateMemo,
): ActualsListResult {
  const n = Math.max(1, Math.min(ACTUALS_LIST_LIMIT, Math.floor(limit)));
  const q = listSql(kind, filter, kind === 'sales' ? salesBatchSpan(sqlite, filter) : null);
  const raw = prepared(sqlite, q.rows).all(...q.params, n) as Record<string, string | number | null>[];
  const memoKey = `${q.aggregate}\u0000${JSON.stringify(q.params)}`;
  const compute = () => prepared(sqlite, q.aggregate).get(...q.params) as Record<string, number>;
  const agg = memo ? memo(memoKey, compute) : compute();
  const rows: ActualRow[] = raw.map((r) => {
    const row: ActualRow = {};
    for (const [key, value] of Object.entries(r)) row[key] = BOOLEAN_KEYS.has(key) ? value === 1 : value;
    return row;
  });
  if (kind === 'visit') summarizeVisits(sqlite, rows);
  const { total, ...totals } = agg;
  return { rows, total, totals };
}
