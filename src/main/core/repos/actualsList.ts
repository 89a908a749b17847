import { sql } from 'kysely';
import type { ActualKind, ActualsFilter } from '../../../shared/actuals';
import { all, prepared, qb } from '../db/exec';
import type { ReadDb } from '../db/handle';
import {
  add, addDateRange, addPeriodRange, customersMatching, likeAny, likePattern, newWhere, searchOf, simpleMatching,
  skusMatching, terminalsMatching, whereSql, type SqlParam, type Where,
} from './actualsFilter';

// The actuals grids' reads. Each kind is two statements: the first `limit` rows in
// the kind's order (period or date, then codes) with the names joined in, and one
// aggregate of the count and sums over the fact table alone. On the large region
// (3M sales rows) the row query walks the clustered period key and sorts only
// within a period; the aggregate never joins.
//
// Hand-written SQL: the statements are composed per kind and filter (joins, an OR of
// id sets of the small master tables, a walk of the clustered key bounded by a batch's
// months) and their query plans are what the grid's speed on millions of rows rests
// on (tests/unit/actualsRead.test.ts checks them).

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
        a.amount_cents AS amountCents, a.volume AS volume,
        CASE WHEN a.gp_known = 0 THEN NULL ELSE a.gross_profit_cents END AS grossProfitCents,
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
      // Lines whose gross profit is not known (null in the grid, 0 in the sum): how many, and their sales.
      ['noGpLines', 'CASE WHEN a.gp_known = 0 THEN 1 ELSE 0 END'],
      ['noGpAmountCents', 'CASE WHEN a.gp_known = 0 THEN a.amount_cents ELSE 0 END'],
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

/** The SQL of a kind's row query and aggregate for a filter (exported for the query-plan test). */
export interface ListSql {
  rows: string;
  aggregate: string;
  params: SqlParam[];
}

export function listSql(kind: ActualKind, filter: ActualsFilter, span: BatchSpan | null = null): ListSql {
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
export function salesBatchSpan(db: ReadDb, batchId: number): BatchSpan | null {
  const probe = (order: 'ASC' | 'DESC') =>
    prepared(db, `SELECT period FROM sales_actual WHERE batch_id = ? ORDER BY period ${order} LIMIT 1`).pluck().get(batchId) as number | undefined;
  const from = probe('ASC');
  const to = probe('DESC');
  return from === undefined || to === undefined ? null : { from, to };
}

/** The first `limit` rows of a kind's row query, keyed by the grid's column keys. */
export function actualRowsPage(db: ReadDb, q: ListSql, limit: number): Record<string, string | number | null>[] {
  return prepared(db, q.rows).all(...q.params, limit) as Record<string, string | number | null>[];
}

/** The count (`total`) and the sums of a kind's aggregate. */
export function actualTotals(db: ReadDb, q: ListSql): Record<string, number> {
  return prepared(db, q.aggregate).get(...q.params) as Record<string, number>;
}

// ---- a visit's details, for the visits on the page --------------------------------------

/** `column IN` the ids, given as one JSON parameter (one statement whatever the page's size). */
const inIds = (column: string, ids: readonly number[]) => sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The stock checks of the visits: SKU name and cases, by visit and SKU code. */
export function visitStockLines(db: ReadDb, visitIds: readonly number[]): { visitId: number; name: string; volume: number }[] {
  return all(
    db,
    qb
      .selectFrom('visit_stock as vs')
      .innerJoin('sku as k', 'k.id', 'vs.sku_id')
      .select(['vs.visit_id as visitId', 'k.name as name', 'vs.stock_volume as volume'])
      .where(inIds('vs.visit_id', visitIds))
      .orderBy('vs.visit_id')
      .orderBy('k.code'),
  );
}

/** The price checks of the visits: brand, product (the SKU's name, else the label typed), prices; our brands first. */
export function visitPriceLines(
  db: ReadDb,
  visitIds: readonly number[],
): { visitId: number; brand: string; product: string; purchase: number | null; retail: number | null }[] {
  return all(
    db,
    qb
      .selectFrom('visit_price as vp')
      .innerJoin('brand as b', 'b.id', 'vp.brand_id')
      .leftJoin('sku as k', 'k.id', 'vp.sku_id')
      .select((eb) => [
        'vp.visit_id as visitId',
        'b.name as brand',
        eb.fn.coalesce('k.name', 'vp.product_label').as('product'),
        'vp.purchase_price_cents as purchase',
        'vp.retail_price_cents as retail',
      ])
      .where(inIds('vp.visit_id', visitIds))
      .orderBy('vp.visit_id')
      .orderBy('b.is_own', 'desc')
      .orderBy('b.code')
      .orderBy('vp.id'),
  );
}

/** The promises of the visits, in the order they were written. */
export function visitPromiseLines(db: ReadDb, visitIds: readonly number[]): { visitId: number; promise: string; due: string | null }[] {
  return all(
    db,
    qb
      .selectFrom('visit_promise')
      .select(['visit_id as visitId', 'promise', 'due_date as due'])
      .where(inIds('visit_id', visitIds))
      .orderBy('visit_id')
      .orderBy('id'),
  );
}
