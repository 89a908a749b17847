import { all, qb } from '../db/exec';
import { emptySalesMonths as emptyMonths, summarizeNewSalesMonths as summarize, type SalesLineColumns } from '../db/salesSummary';
import type { ReadDb, WriteDb } from '../db/handle';
import type { CustomerVisitRow, StoreAuditBrandRow, VisitPriceRow } from '../db/schema';
import { ACTUALS_TABLE, LINE_COLUMNS } from './actualsTables';

// The actuals import's writer: the kinds' lines go in as multi-row INSERTs in key
// order, and a large sales import drops and rebuilds the SKU index. This is the path
// the import-1m-gbk benchmark measures (a million lines), so its SQL is written by
// hand: one statement of many rows costs far less than a statement call per row, and
// the statements are prepared once per import and reused for every group of rows.

/** One line's values, pushed in column order. */
export type RowOf = (i: number, out: unknown[]) => void;
export type Progress = (done: number, total: number) => void;

/** From this many lines, and a fifth of the table, the SKU index is rebuilt rather than maintained. */
export const REBUILD_MIN_LINES = 5_000;

/**
 * Inserts `total` lines into the table, `INSERT … VALUES (…),(…)` in groups of as many
 * rows as SQLite's 999 parameters allow; `replace`: a line replaces a row with its key.
 */
function insertLines(
  db: WriteDb,
  into: { table: string; columns: readonly string[]; replace: boolean },
  total: number,
  rowOf: RowOf,
  progress: Progress,
): void {
  const width = into.columns.length;
  const head = `INSERT${into.replace ? ' OR REPLACE' : ''} INTO ${into.table} (${into.columns.join(', ')})`;
  const GROUP = Math.max(1, Math.floor(999 / width));
  const tuple = `(${Array(width).fill('?').join(',')})`;
  const full = db.sqlite.prepare(`${head} VALUES ${Array(GROUP).fill(tuple).join(',')}`);
  const params: unknown[] = [];
  let i = 0;
  for (; i + GROUP <= total; i += GROUP) {
    params.length = 0;
    for (let k = 0; k < GROUP; k++) rowOf(i + k, params);
    full.run(params);
    if ((i / GROUP) % 100 === 0) progress(i, total);
  }
  if (i < total) {
    const rest = total - i;
    const tail = db.sqlite.prepare(`${head} VALUES ${Array(rest).fill(tuple).join(',')}`);
    params.length = 0;
    for (let k = 0; k < rest; k++) rowOf(i + k, params);
    tail.run(params);
  }
  progress(total, total);
}

/**
 * Writes `total` lines of a kind keyed by period, `rowOf` pushing each line's values in
 * the order of LINE_COLUMNS[kind]; a line replaces a row with its key (keyed kinds). Sales
 * lines go through writeSalesLines.
 */
export function writeLines(db: WriteDb, kind: 'market' | 'statement' | 'expense', total: number, rowOf: RowOf, progress: Progress): void {
  const { columns, key } = LINE_COLUMNS[kind];
  insertLines(db, { table: ACTUALS_TABLE[kind], columns, replace: key > 0 }, total, rowOf, progress);
}

/**
 * Writes sales lines given in primary-key order (period, customer, SKU; `rowOf` pushes
 * the values of LINE_COLUMNS.sales), replacing rows with the same key.
 */
export function writeSalesLines(db: WriteDb, total: number, rowOf: RowOf, progress: Progress): void {
  const sqlite = db.sqlite;
  // Lines go in in primary-key order, which the table and its customer index take
  // almost as appends; the SKU index would take each one somewhere else. For a large
  // import it is cheaper to drop that index and build it again from sorted keys (the
  // same definition as migration 4, in the same transaction).
  const skuIndex = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'sales_actual_sku'").pluck().get() as string | undefined;
  const rebuild =
    skuIndex !== undefined &&
    total >= REBUILD_MIN_LINES &&
    total * 5 >= (sqlite.prepare('SELECT count(*) FROM sales_actual').pluck().get() as number);
  if (rebuild) sqlite.exec('DROP INDEX sales_actual_sku');
  insertLines(db, { table: 'sales_actual', columns: LINE_COLUMNS.sales.columns, replace: true }, total, rowOf, progress);
  if (rebuild) {
    // SQLite sorts the index's keys fastest in small runs spilled to temporary files
    // (measured: about twice as fast as with the import's large page cache).
    // (The import keeps no temporary tables, which a change of temp_store would drop.)
    const cache = sqlite.pragma('cache_size', { simple: true }) as number;
    const temp = sqlite.pragma('temp_store', { simple: true }) as number;
    sqlite.pragma('cache_size = -2000');
    sqlite.pragma('temp_store = FILE');
    try {
      const t = performance.now();
      sqlite.exec(skuIndex);
      if (process.env.RPLAN_TRACE) process.stderr.write(`create index ${Math.round(performance.now() - t)} ms (temp_store was ${temp})\n`);
    } finally {
      sqlite.pragma(`cache_size = ${cache}`);
      sqlite.pragma(`temp_store = ${temp}`);
    }
  }
}

/** Of the given months, those without a sales line (read before an import writes its lines). */
export function emptySalesMonths(db: ReadDb, periods: readonly number[]): Set<number> {
  return emptyMonths(db.sqlite, periods);
}

/**
 * The monthly sales summaries of months that were empty before the import's lines went
 * in, summed from those lines; returns the months done (the rest are refreshed from the table).
 */
export function summarizeNewSalesMonths(db: WriteDb, months: ReadonlySet<number>, lines: SalesLineColumns): number[] {
  return summarize(db.sqlite, months, lines);
}

/** Store audits: a head row per audit (its id for the lines), then a line per brand and category. */
export function auditWriter(db: WriteDb): {
  audit(date: string, terminalId: number, auditorId: number | null, batchId: number): number;
  line(l: StoreAuditBrandRow): void;
} {
  const head = db.sqlite.prepare('INSERT INTO store_audit (audit_date, terminal_id, auditor_id, batch_id) VALUES (?, ?, ?, ?)');
  const line = db.sqlite.prepare(
    'INSERT INTO store_audit_brand (audit_id, brand_id, category_id, skus_on_shelf, facings, shelf_price_cents, has_display, sellout_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    audit: (date, terminalId, auditorId, batchId) => Number(head.run(date, terminalId, auditorId, batchId).lastInsertRowid),
    line: (l) => void line.run(l.audit_id, l.brand_id, l.category_id, l.skus_on_shelf, l.facings, l.shelf_price_cents, l.has_display, l.sellout_cents),
  };
}

/** Customer visits: a row per visit (its id for the details), then its stock checks, prices and promises. */
export function visitWriter(db: WriteDb): {
  visit(v: Omit<CustomerVisitRow, 'id'>): number;
  stock(visitId: number, skuId: number, volume: number): void;
  price(p: Omit<VisitPriceRow, 'id'>): void;
  promise(visitId: number, promise: string, dueDate: string | null): void;
} {
  const head = db.sqlite.prepare(
    'INSERT INTO customer_visit (visit_date, customer_id, salesperson_id, sales_goal, business_goal, outcome, complaints, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const stock = db.sqlite.prepare('INSERT INTO visit_stock (visit_id, sku_id, stock_volume) VALUES (?, ?, ?)');
  const price = db.sqlite.prepare(
    'INSERT INTO visit_price (visit_id, brand_id, sku_id, product_label, purchase_price_cents, retail_price_cents) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const promise = db.sqlite.prepare('INSERT INTO visit_promise (visit_id, promise, due_date) VALUES (?, ?, ?)');
  return {
    visit: (v) =>
      Number(head.run(v.visit_date, v.customer_id, v.salesperson_id, v.sales_goal, v.business_goal, v.outcome, v.complaints, v.batch_id).lastInsertRowid),
    stock: (visitId, skuId, volume) => void stock.run(visitId, skuId, volume),
    price: (p) => void price.run(p.visit_id, p.brand_id, p.sku_id, p.product_label, p.purchase_price_cents, p.retail_price_cents),
    promise: (visitId, text, dueDate) => void promise.run(visitId, text, dueDate),
  };
}

/** Every SKU's standard cost per case (gross profit where the file gives none); null: not known yet. */
export function skuStdCosts(db: ReadDb): Map<number, number | null> {
  return new Map(all(db, qb.selectFrom('sku').select(['id', 'std_cost_cents'])).map((r) => [r.id, r.std_cost_cents]));
}

/** Every SKU's brand (a price check names a SKU, the line keeps its brand). */
export function skuBrands(db: ReadDb): Map<number, number> {
  return new Map(all(db, qb.selectFrom('sku').select(['id', 'brand_id'])).map((r) => [r.id, r.brand_id]));
}
