import { ACTUAL_KINDS, type ActualKind } from '../../../shared/actuals';
import type { ReadDb, WriteDb } from '../db/handle';
import { refreshSalesSummary, salesMonthsOfBatch } from '../db/salesSummary';
import type { ImportKind, TableName } from '../db/schema';

// Where each kind of actuals keeps its rows, and what an import batch of the kind
// wrote: the one place that knows which batch kind is which actuals kind and which
// table holds a batch's rows. Both the import engine (io/actuals) and the batches'
// service read it here, so neither has to ask the other.
//
// Hand-written SQL: the table is a parameter of every statement, and the month and
// batch lists are a handful of integers written into the text (a parameter per value
// would make a statement per list length just the same).

/** The table whose rows a batch of the kind wrote (what liveRows counts and removal deletes). */
export const ACTUALS_TABLE = {
  sales: 'sales_actual',
  market: 'market_sales',
  audit: 'store_audit',
  visit: 'customer_visit',
  statement: 'customer_statement',
  expense: 'expense_actual',
} as const satisfies Record<ActualKind, TableName & ImportKind>;

/** import_batch.kind of each kind: the name of the table its rows went into (the column's CHECK list, migration 1). */
export const BATCH_KIND: Readonly<Record<ActualKind, ImportKind>> = ACTUALS_TABLE;

/** The kinds whose rows are keyed by a yyyymm period column (the others by an ISO day). */
export type PeriodKind = 'sales' | 'market' | 'statement' | 'expense';

/**
 * The columns an import writes for a kind keyed by period, in the order its lines give
 * their values (batch_id last); the first `key` of them are the table's primary key
 * (the expense ledger has none: two payments are two lines).
 */
export const LINE_COLUMNS: Readonly<Record<PeriodKind, { columns: readonly string[]; key: number }>> = {
  sales: { columns: ['period', 'customer_id', 'sku_id', 'amount_cents', 'volume', 'gross_profit_cents', 'gp_known', 'batch_id'], key: 3 },
  market: { columns: ['period', 'city_id', 'category_id', 'brand_id', 'amount_cents', 'volume', 'batch_id'], key: 4 },
  statement: {
    columns: ['period', 'customer_id', 'inventory_cents', 'inventory_volume', 'receivable_cents', 'prepayment_cents', 'batch_id'],
    key: 2,
  },
  expense: { columns: ['period', 'item_id', 'brand_id', 'category_id', 'channel_id', 'city_id', 'amount_cents', 'note', 'batch_id'], key: 0 },
};

const list = (xs: readonly number[]) => xs.join(',');
/** The month of an ISO day column as yyyymm. */
const MONTH_SQL = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 100 + CAST(substr(${col}, 6, 2) AS INTEGER))`;

function count(db: ReadDb, text: string, ...params: unknown[]): number {
  return db.sqlite.prepare(text).pluck().get(...params) as number;
}

function actualKindOfBatchKind(batchKind: string): ActualKind | null {
  return ACTUAL_KINDS.find((k) => BATCH_KIND[k] === batchKind) ?? null;
}

/**
 * The kind of a batch: from import_batch.kind, or for the demo generator's batches
 * (kind 'demo', one per kind of data it writes) from the table that holds its rows.
 * Null: not a batch of actuals (master data, an empty demo batch).
 */
export function kindOfBatch(db: ReadDb, batch: { id: number; kind: string }): ActualKind | null {
  const direct = actualKindOfBatchKind(batch.kind);
  if (direct || batch.kind !== 'demo') return direct;
  for (const kind of ACTUAL_KINDS) {
    if (db.sqlite.prepare(`SELECT 1 FROM ${ACTUALS_TABLE[kind]} WHERE batch_id = ? LIMIT 1`).get(batch.id) !== undefined) return kind;
  }
  return null;
}

/** Rows of the batch still in the file, counted as the import counted them (audits: a line per brand and category; visits: a visit). */
export function liveRows(db: ReadDb, kind: ActualKind, batchId: number): number {
  if (kind === 'audit') {
    return count(db, 'SELECT count(*) FROM store_audit_brand WHERE audit_id IN (SELECT id FROM store_audit WHERE batch_id = ?)', batchId);
  }
  return count(db, `SELECT count(*) FROM ${ACTUALS_TABLE[kind]} WHERE batch_id = ?`, batchId);
}

const AUDITS_IN = (periods: readonly number[], batches: readonly number[]) =>
  `SELECT id FROM store_audit WHERE batch_id IN (${list(batches)}) AND ${MONTH_SQL('audit_date')} IN (${list(periods)})`;
const VISITS_IN = (periods: readonly number[], batches: readonly number[]) =>
  `SELECT id FROM customer_visit WHERE batch_id IN (${list(batches)}) AND ${MONTH_SQL('visit_date')} IN (${list(periods)})`;

/** Rows of the given batches in those months (what a commit of the same source replaces), counted as liveRows counts. */
export function countReplaced(db: ReadDb, kind: ActualKind, periods: readonly number[], batches: readonly number[]): number {
  if (!periods.length || !batches.length) return 0;
  if (kind === 'audit') return count(db, `SELECT count(*) FROM store_audit_brand WHERE audit_id IN (${AUDITS_IN(periods, batches)})`);
  if (kind === 'visit') return count(db, `SELECT count(*) FROM (${VISITS_IN(periods, batches)})`);
  return count(db, `SELECT count(*) FROM ${ACTUALS_TABLE[kind]} WHERE period IN (${list(periods)}) AND batch_id IN (${list(batches)})`);
}

/** A count of rows per batch and month. */
export interface BatchMonthRows {
  batchId: number;
  period: number;
  rows: number;
}

/** What countReplaced counts, per batch and month. */
export function replacedByBatchMonth(db: ReadDb, kind: ActualKind, periods: readonly number[], batches: readonly number[]): BatchMonthRows[] {
  if (!periods.length || !batches.length) return [];
  let text: string;
  if (kind === 'audit') {
    text = `SELECT a.batch_id AS batchId, ${MONTH_SQL('a.audit_date')} AS period, count(*) AS rows
      FROM store_audit_brand b JOIN store_audit a ON a.id = b.audit_id WHERE a.id IN (${AUDITS_IN(periods, batches)}) GROUP BY 1, 2`;
  } else if (kind === 'visit') {
    text = `SELECT batch_id AS batchId, ${MONTH_SQL('visit_date')} AS period, count(*) AS rows FROM customer_visit WHERE id IN (${VISITS_IN(periods, batches)}) GROUP BY 1, 2`;
  } else {
    text = `SELECT batch_id AS batchId, period, count(*) AS rows FROM ${ACTUALS_TABLE[kind]}
      WHERE period IN (${list(periods)}) AND batch_id IN (${list(batches)}) GROUP BY 1, 2`;
  }
  return db.sqlite.prepare(text).all() as BatchMonthRows[];
}

/** Removes what countReplaced counts; returns that count. */
export function removeReplaced(db: WriteDb, kind: ActualKind, periods: readonly number[], batches: readonly number[]): number {
  if (!periods.length || !batches.length) return 0;
  if (kind === 'audit') {
    const n = countReplaced(db, kind, periods, batches);
    db.sqlite.prepare(`DELETE FROM store_audit WHERE id IN (${AUDITS_IN(periods, batches)})`).run();
    return n;
  }
  if (kind === 'visit') return db.sqlite.prepare(`DELETE FROM customer_visit WHERE id IN (${VISITS_IN(periods, batches)})`).run().changes;
  return db.sqlite.prepare(`DELETE FROM ${ACTUALS_TABLE[kind]} WHERE period IN (${list(periods)}) AND batch_id IN (${list(batches)})`).run().changes;
}

/** Months in which the kind's table has rows of other batches than these (only there can a key collide). */
export function monthsWithOthers(db: ReadDb, kind: PeriodKind, periods: readonly number[], batches: readonly number[]): Set<number> {
  if (periods.length === 0) return new Set();
  const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
  const rows = db.sqlite.prepare(`SELECT DISTINCT period FROM ${ACTUALS_TABLE[kind]} WHERE period IN (${list(periods)}) ${not}`).pluck().all() as number[];
  return new Set(rows);
}

/**
 * A probe of the kind's primary key among rows of other batches than these: the batch
 * of the row with the key, or undefined when there is none. One prepared statement, run
 * once per line of the file.
 */
export function keyProbe(db: ReadDb, kind: 'market' | 'statement', batches: readonly number[]): (...key: number[]) => number | undefined {
  const keyColumns = LINE_COLUMNS[kind].columns.slice(0, LINE_COLUMNS[kind].key);
  const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
  const probe = db.sqlite.prepare(`SELECT batch_id FROM ${ACTUALS_TABLE[kind]} WHERE ${keyColumns.map((c) => `${c} = ?`).join(' AND ')} ${not}`).pluck();
  return (...key) => probe.get(...key) as number | undefined;
}

/** keyProbe of sales lines, without an array per probe: it runs once per line of a million-line file. */
export function salesKeyProbe(db: ReadDb, batches: readonly number[]): (period: number, customerId: number, skuId: number) => number | undefined {
  const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
  const probe = db.sqlite.prepare(`SELECT batch_id FROM sales_actual WHERE period = ? AND customer_id = ? AND sku_id = ? ${not}`).pluck();
  return (period, customerId, skuId) => probe.get(period, customerId, skuId) as number | undefined;
}

/** Tables derived from a kind's rows (sales: the monthly summaries): brought in step after the rows of these months changed. */
export function refreshDerived(db: WriteDb, kind: ActualKind, periods: readonly number[]): void {
  if (kind === 'sales') refreshSalesSummary(db.sqlite, periods);
}

/** The months a batch has rows in that derived tables follow (read before the batch is removed). */
export function derivedMonthsOfBatch(db: ReadDb, kind: ActualKind, batchId: number): number[] {
  return kind === 'sales' ? salesMonthsOfBatch(db.sqlite, batchId) : [];
}
