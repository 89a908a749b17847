import type Database from 'better-sqlite3';
import { refreshSalesSummary, salesMonthsOfBatch } from '../../db/salesSummary';
import type { ActualKind } from '../../../../shared/actuals';
import type { Resolver, SkuFigures } from './members';
import type { Parsed } from './values';

// Each kind of actuals: how valid rows become the kind's lines (sales: one line per
// month × customer × SKU, summing the invoice rows of an ERP export; audits: one
// audit per store, day and auditor with a line per brand and category; visits: one
// visit per customer, day and salesperson with its stock checks, prices and
// promises), and how those lines replace, overwrite and are written.

export interface RowContext {
  /** 1-based file row number. */
  row: number;
  /** Parsed values by field key (member ids for member fields; null when empty). */
  values: Record<string, Parsed>;
  /** Records a problem with this row (it is then not counted as valid). */
  issue(field: string, message: string, params?: Record<string, string | number>): void;
}

export interface KindAccumulator {
  add(ctx: RowContext): void;
  /** After the last row. */
  finish(ctx: RowContext): void;
  /** Distinct months of the lines, ascending. */
  periods(): number[];
  lines(): number;
  /** Rows summed into another row's line. */
  combined(): number;
  /** Per SKU the import creates: amount, volume and gross profit in the file (its prices). */
  skuFigures(): Map<number, SkuFigures>;
}

export interface KindWriter {
  accumulator(db: Database.Database, resolver: Resolver): KindAccumulator;
  /** Rows of the given batches in those months (what a commit replaces). */
  countReplaced(db: Database.Database, periods: number[], batches: number[]): number;
  /** Existing rows outside those batches with a key the file has (what a commit overwrites). */
  countOverwrites(db: Database.Database, acc: KindAccumulator, periods: number[], batches: number[]): number;
  removeReplaced(db: Database.Database, periods: number[], batches: number[]): number;
  liveRows(db: Database.Database, batchId: number): number;
  /** Writes the lines under the batch; returns how many. */
  write(db: Database.Database, acc: KindAccumulator, batchId: number, progress: (done: number, total: number) => void): number;
  /** Tables derived from this kind's rows: bring them in step after the rows of these months changed (same transaction). */
  derived?: {
    refresh(db: Database.Database, periods: number[]): void;
    /** The months a batch has rows in (read before the batch is removed). */
    periodsOf(db: Database.Database, batchId: number): number[];
  };
}

const num = (v: Parsed): number => (typeof v === 'number' ? v : 0);
const optNum = (v: Parsed): number | null => (typeof v === 'number' ? v : null);
const str = (v: Parsed): string => (typeof v === 'string' ? v : '');
const list = (xs: number[]) => xs.join(',');
/** The month of an ISO day as yyyymm. */
const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));
const MONTH_SQL = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 100 + CAST(substr(${col}, 6, 2) AS INTEGER))`;

function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

function sortedPeriods(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

/** Runs `INSERT … VALUES (…),(…)` in groups, for speed; `rowOf(i)` gives line i's values. */
function insertMany(
  db: Database.Database,
  head: string,
  width: number,
  total: number,
  rowOf: (i: number, out: unknown[]) => void,
  progress: (done: number, total: number) => void,
): void {
  const GROUP = Math.max(1, Math.floor(999 / width));
  const tuple = `(${Array(width).fill('?').join(',')})`;
  const full = db.prepare(`${head} VALUES ${Array(GROUP).fill(tuple).join(',')}`);
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
    const tail = db.prepare(`${head} VALUES ${Array(rest).fill(tuple).join(',')}`);
    params.length = 0;
    for (let k = 0; k < rest; k++) rowOf(i + k, params);
    tail.run(params);
  }
  progress(total, total);
}

class SkuTally {
  readonly figures = new Map<number, SkuFigures>();
  add(sku: number, amount: number, volume: number, gp: number): void {
    const f = this.figures.get(sku);
    if (f) {
      f.amountCents += amount;
      f.volume += volume;
      f.grossProfitCents += gp;
    } else this.figures.set(sku, { amountCents: amount, volume, grossProfitCents: gp });
  }
}

// ---- sales actuals ---------------------------------------------------------------

const P21 = 2 ** 21;
/** From this many lines, and a fifth of the table, the SKU index is rebuilt rather than maintained. */
export const REBUILD_MIN_LINES = 5_000;
const P42 = 2 ** 42;

class SalesAccumulator implements KindAccumulator {
  readonly index = new Map<number, number>();
  readonly period: number[] = [];
  readonly customer: number[] = [];
  readonly sku: number[] = [];
  readonly amount: number[] = [];
  readonly volume: number[] = [];
  readonly gp: number[] = [];
  readonly keys: number[] = [];
  private readonly months = new Set<number>();
  private merged = 0;
  private readonly cost = new Map<number, number>();
  private readonly tally = new SkuTally();

  constructor(db: Database.Database) {
    for (const r of db.prepare('SELECT id, std_cost_cents AS c FROM sku').iterate() as Iterable<{ id: number; c: number }>) this.cost.set(r.id, r.c);
  }

  static key(period: number, customer: number, sku: number): number {
    const pi = (Math.floor(period / 100) - 2000) * 12 + (period % 100) - 1;
    return pi * P42 + customer * P21 + sku;
  }

  add(ctx: RowContext): void {
    const v = ctx.values;
    const period = v.period as number;
    const customer = v.customer as number;
    const sku = v.sku as number;
    if (customer >= P21 || sku >= P21) {
      ctx.issue('customer', 'importWizard.issue.amountOverflow');
      return;
    }
    const amount = num(v.amount);
    const volume = num(v.volume);
    const gp = typeof v.grossProfit === 'number' ? v.grossProfit : amount - volume * (this.cost.get(sku) ?? 0);
    const key = SalesAccumulator.key(period, customer, sku);
    const at = this.index.get(key);
    if (at !== undefined) {
      this.amount[at] += amount;
      this.volume[at] += volume;
      this.gp[at] += gp;
      if (!Number.isSafeInteger(this.amount[at]) || !Number.isSafeInteger(this.gp[at])) ctx.issue('amount', 'importWizard.issue.amountOverflow');
      this.merged++;
    } else {
      this.index.set(key, this.keys.length);
      this.keys.push(key);
      this.period.push(period);
      this.customer.push(customer);
      this.sku.push(sku);
      this.amount.push(amount);
      this.volume.push(volume);
      this.gp.push(gp);
      this.months.add(period);
    }
    // Only SKUs the import creates are priced from the file.
    if (!this.cost.has(sku)) this.tally.add(sku, amount, volume, gp);
  }
  finish(): void {}
  periods(): number[] {
    return sortedPeriods(this.months);
  }
  lines(): number {
    return this.keys.length;
  }
  combined(): number {
    return this.merged;
  }
  skuFigures(): Map<number, SkuFigures> {
    return this.tally.figures;
  }
  /** Line indexes in primary-key order (period, customer, SKU). */
  order(): Int32Array {
    const sorted = Float64Array.from(this.keys).sort();
    const out = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) out[i] = this.index.get(sorted[i])!;
    return out;
  }
}

/**
 * Shared by the kinds keyed by period (sales, market, statements): the same source's
 * rows in the file's months are replaced; rows of other sources with the same key are
 * overwritten (the table's primary key allows one).
 */
function periodKeyed(table: string): Pick<KindWriter, 'countReplaced' | 'removeReplaced' | 'liveRows'> {
  return {
    countReplaced: (db, periods, batches) =>
      periods.length && batches.length ? count(db, `SELECT count(*) AS n FROM ${table} WHERE period IN (${list(periods)}) AND batch_id IN (${list(batches)})`) : 0,
    removeReplaced: (db, periods, batches) =>
      periods.length && batches.length ? db.prepare(`DELETE FROM ${table} WHERE period IN (${list(periods)}) AND batch_id IN (${list(batches)})`).run().changes : 0,
    liveRows: (db, batchId) => count(db, `SELECT count(*) AS n FROM ${table} WHERE batch_id = ?`, batchId),
  };
}

/** Months in which the table has rows of other batches than these (only there can a key collide). */
function monthsWithOthers(db: Database.Database, table: string, periods: number[], batches: number[]): Set<number> {
  if (periods.length === 0) return new Set();
  const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
  const rows = db.prepare(`SELECT DISTINCT period FROM ${table} WHERE period IN (${list(periods)}) ${not}`).all() as { period: number }[];
  return new Set(rows.map((r) => r.period));
}

const sales: KindWriter = {
  accumulator: (db) => new SalesAccumulator(db),
  ...periodKeyed('sales_actual'),
  derived: { refresh: refreshSalesSummary, periodsOf: salesMonthsOfBatch },
  countOverwrites(db, accumulator, periods, batches) {
    const acc = accumulator as SalesAccumulator;
    const months = monthsWithOthers(db, 'sales_actual', periods, batches);
    if (months.size === 0) return 0;
    const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
    const probe = db.prepare(`SELECT 1 FROM sales_actual WHERE period = ? AND customer_id = ? AND sku_id = ? ${not}`).pluck();
    let n = 0;
    for (let i = 0; i < acc.keys.length; i++) {
      if (months.has(acc.period[i]) && probe.get(acc.period[i], acc.customer[i], acc.sku[i]) !== undefined) n++;
    }
    return n;
  },
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as SalesAccumulator;
    const order = acc.order();
    // Lines go in in primary-key order, which the table and its customer index take
    // almost as appends; the SKU index would take each one somewhere else. For a large
    // import it is cheaper to drop that index and build it again from sorted keys (the
    // same definition as migration 4, in the same transaction).
    const skuIndex = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'sales_actual_sku'").pluck().get() as string | undefined;
    const rebuild = skuIndex !== undefined && order.length >= REBUILD_MIN_LINES && order.length * 5 >= count(db, 'SELECT count(*) AS n FROM sales_actual');
    if (rebuild) db.exec('DROP INDEX sales_actual_sku');
    insertMany(
      db,
      'INSERT OR REPLACE INTO sales_actual (period, customer_id, sku_id, amount_cents, volume, gross_profit_cents, batch_id)',
      7,
      order.length,
      (i, out) => {
        const k = order[i];
        out.push(acc.period[k], acc.customer[k], acc.sku[k], acc.amount[k], acc.volume[k], acc.gp[k], batchId);
      },
      progress,
    );
    if (rebuild) {
      // SQLite sorts the index's keys fastest in small runs spilled to temporary files
      // (measured: about twice as fast as with the import's large page cache).
      // (The import keeps no temporary tables, which a change of temp_store would drop.)
      const cache = db.pragma('cache_size', { simple: true }) as number;
      const temp = db.pragma('temp_store', { simple: true }) as number;
      db.pragma('cache_size = -2000');
      db.pragma('temp_store = FILE');
      try {
        const t = performance.now();
        db.exec(skuIndex);
        if (process.env.RPLAN_TRACE) process.stderr.write(`create index ${Math.round(performance.now() - t)} ms (temp_store was ${temp})\n`);
      } finally {
        db.pragma(`cache_size = ${cache}`);
        db.pragma(`temp_store = ${temp}`);
      }
    }
    return order.length;
  },
};

// ---- market data -------------------------------------------------------------------

interface MarketLine {
  period: number;
  city: number;
  category: number;
  brand: number;
  amount: number;
  volume: number;
}

class KeyedLines<L extends { period: number }> {
  readonly byKey = new Map<string, L>();
  readonly firstRow = new Map<string, number>();
  readonly months = new Set<number>();
  merged = 0;
  put(key: string, line: L, row: number): L | undefined {
    const had = this.byKey.get(key);
    if (had) return had;
    this.byKey.set(key, line);
    this.firstRow.set(key, row);
    this.months.add(line.period);
    return undefined;
  }
}

/** Lines under a key, as market data and statements keep them. */
abstract class KeyedAccumulator<L extends { period: number }> implements KindAccumulator {
  readonly lines_ = new KeyedLines<L>();
  abstract add(ctx: RowContext): void;
  finish(): void {}
  periods(): number[] {
    return sortedPeriods(this.lines_.months);
  }
  lines(): number {
    return this.lines_.byKey.size;
  }
  combined(): number {
    return this.lines_.merged;
  }
  skuFigures(): Map<number, SkuFigures> {
    return new Map();
  }
}

class MarketAccumulator extends KeyedAccumulator<MarketLine> {
  add(ctx: RowContext): void {
    const v = ctx.values;
    const line: MarketLine = {
      period: v.period as number,
      city: v.city as number,
      category: v.category as number,
      brand: v.brand as number,
      amount: num(v.amount),
      volume: num(v.volume),
    };
    const had = this.lines_.put(`${line.period}|${line.city}|${line.category}|${line.brand}`, line, ctx.row);
    if (had) {
      had.amount += line.amount;
      had.volume += line.volume;
      this.lines_.merged++;
    }
  }
}

/**
 * A writer for lines kept in KeyedLines under the table's primary key: other sources'
 * rows with the same key are counted by probing the key, and lines go in in key order.
 */
function keyedWriter<L extends { period: number }>(
  table: string,
  accumulator: () => KindAccumulator & { lines_: KeyedLines<L> },
  keys: [column: string, get: (l: L) => number][],
  values: [column: string, get: (l: L) => number][],
): KindWriter {
  const columns = [...keys, ...values];
  const byKey = (a: L, b: L) => {
    for (const [, get] of keys) {
      const d = get(a) - get(b);
      if (d !== 0) return d;
    }
    return 0;
  };
  const linesOf = (acc: KindAccumulator) => (acc as ReturnType<typeof accumulator>).lines_.byKey;
  return {
    accumulator,
    ...periodKeyed(table),
    countOverwrites(db, acc, periods, batches) {
      const months = monthsWithOthers(db, table, periods, batches);
      if (months.size === 0) return 0;
      const not = batches.length ? `AND batch_id NOT IN (${list(batches)})` : '';
      const probe = db.prepare(`SELECT 1 FROM ${table} WHERE ${keys.map(([c]) => `${c} = ?`).join(' AND ')} ${not}`).pluck();
      let n = 0;
      for (const l of linesOf(acc).values()) if (months.has(l.period) && probe.get(...keys.map(([, get]) => get(l))) !== undefined) n++;
      return n;
    },
    write(db, acc, batchId, progress) {
      const lines = [...linesOf(acc).values()].sort(byKey);
      insertMany(
        db,
        `INSERT OR REPLACE INTO ${table} (${columns.map(([c]) => c).join(', ')}, batch_id)`,
        columns.length + 1,
        lines.length,
        (i, out) => {
          for (const [, get] of columns) out.push(get(lines[i]));
          out.push(batchId);
        },
        progress,
      );
      return lines.length;
    },
  };
}

const market = keyedWriter<MarketLine>(
  'market_sales',
  () => new MarketAccumulator(),
  [
    ['period', (l) => l.period],
    ['city_id', (l) => l.city],
    ['category_id', (l) => l.category],
    ['brand_id', (l) => l.brand],
  ],
  [
    ['amount_cents', (l) => l.amount],
    ['volume', (l) => l.volume],
  ],
);

// ---- customer statements -----------------------------------------------------------

interface StatementLine {
  period: number;
  customer: number;
  inventory: number;
  inventoryVolume: number;
  receivable: number;
  prepayment: number;
}

class StatementAccumulator extends KeyedAccumulator<StatementLine> {
  add(ctx: RowContext): void {
    const v = ctx.values;
    if ([v.inventory, v.inventoryVolume, v.receivable, v.prepayment].every((x) => x === null || x === undefined)) {
      ctx.issue('receivable', 'importWizard.issue.noValues');
      return;
    }
    const line: StatementLine = {
      period: v.period as number,
      customer: v.customer as number,
      inventory: num(v.inventory),
      inventoryVolume: num(v.inventoryVolume),
      receivable: num(v.receivable),
      prepayment: num(v.prepayment),
    };
    const key = `${line.period}|${line.customer}`;
    // Balances are not added up: the same customer twice in a month is a mistake in the file.
    if (this.lines_.put(key, line, ctx.row)) ctx.issue('customer', 'importWizard.issue.duplicateLine', { row: this.lines_.firstRow.get(key)! });
  }
}

const statement = keyedWriter<StatementLine>(
  'customer_statement',
  () => new StatementAccumulator(),
  [
    ['period', (l) => l.period],
    ['customer_id', (l) => l.customer],
  ],
  [
    ['inventory_cents', (l) => l.inventory],
    ['inventory_volume', (l) => l.inventoryVolume],
    ['receivable_cents', (l) => l.receivable],
    ['prepayment_cents', (l) => l.prepayment],
  ],
);

// ---- store audits ------------------------------------------------------------------

interface AuditLine {
  brand: number;
  category: number;
  skus: number;
  facings: number;
  shelfPrice: number | null;
  display: number;
  sellout: number | null;
}
interface Audit {
  date: string;
  terminal: number;
  auditor: number | null;
  lines: Map<string, AuditLine>;
  lineRows: Map<string, number>;
}

class AuditAccumulator implements KindAccumulator {
  readonly audits = new Map<string, Audit>();
  private readonly months = new Set<number>();
  private lineCount = 0;
  add(ctx: RowContext): void {
    const v = ctx.values;
    const date = v.date as string;
    const terminal = v.terminal as number;
    const auditor = optNum(v.auditor);
    const key = `${date}|${terminal}|${auditor ?? 0}`;
    let audit = this.audits.get(key);
    if (!audit) {
      audit = { date, terminal, auditor, lines: new Map(), lineRows: new Map() };
      this.audits.set(key, audit);
    }
    const lineKey = `${v.brand as number}|${v.category as number}`;
    const first = audit.lineRows.get(lineKey);
    if (first !== undefined) {
      ctx.issue('brand', 'importWizard.issue.duplicateLine', { row: first });
      return;
    }
    audit.lineRows.set(lineKey, ctx.row);
    audit.lines.set(lineKey, {
      brand: v.brand as number,
      category: v.category as number,
      skus: num(v.skusOnShelf),
      facings: num(v.facings),
      shelfPrice: optNum(v.shelfPrice),
      display: v.display === true ? 1 : 0,
      sellout: optNum(v.sellout),
    });
    this.lineCount++;
    this.months.add(monthOf(date));
  }
  finish(): void {
    // An audit whose every line was a duplicate has none.
    for (const [k, a] of this.audits) if (a.lines.size === 0) this.audits.delete(k);
  }
  periods(): number[] {
    return sortedPeriods(this.months);
  }
  lines(): number {
    return this.lineCount;
  }
  combined(): number {
    return 0;
  }
  skuFigures(): Map<number, SkuFigures> {
    return new Map();
  }
}

const AUDITS_IN = (periods: number[], batches: number[]) =>
  `SELECT id FROM store_audit WHERE batch_id IN (${list(batches)}) AND ${MONTH_SQL('audit_date')} IN (${list(periods)})`;

const audit: KindWriter = {
  accumulator: () => new AuditAccumulator(),
  countReplaced: (db, periods, batches) =>
    periods.length && batches.length ? count(db, `SELECT count(*) AS n FROM store_audit_brand WHERE audit_id IN (${AUDITS_IN(periods, batches)})`) : 0,
  removeReplaced(db, periods, batches) {
    if (!periods.length || !batches.length) return 0;
    const n = count(db, `SELECT count(*) AS n FROM store_audit_brand WHERE audit_id IN (${AUDITS_IN(periods, batches)})`);
    db.prepare(`DELETE FROM store_audit WHERE id IN (${AUDITS_IN(periods, batches)})`).run();
    return n;
  },
  liveRows: (db, batchId) =>
    count(db, 'SELECT count(*) AS n FROM store_audit_brand WHERE audit_id IN (SELECT id FROM store_audit WHERE batch_id = ?)', batchId),
  // Audits are observations, not keyed figures: another source's audit of the same store and day is kept.
  countOverwrites: () => 0,
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as AuditAccumulator;
    const head = db.prepare('INSERT INTO store_audit (audit_date, terminal_id, auditor_id, batch_id) VALUES (?, ?, ?, ?)');
    const line = db.prepare(
      'INSERT INTO store_audit_brand (audit_id, brand_id, category_id, skus_on_shelf, facings, shelf_price_cents, has_display, sellout_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const audits = [...acc.audits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.terminal - b.terminal);
    let n = 0;
    for (const a of audits) {
      const id = Number(head.run(a.date, a.terminal, a.auditor, batchId).lastInsertRowid);
      for (const l of a.lines.values()) {
        line.run(id, l.brand, l.category, l.skus, l.facings, l.shelfPrice, l.display, l.sellout);
        if (++n % 5000 === 0) progress(n, acc.lines());
      }
    }
    progress(n, n);
    return n;
  },
};

// ---- customer visits ---------------------------------------------------------------

interface Visit {
  date: string;
  customer: number;
  salesperson: number | null;
  texts: Record<'salesGoal' | 'businessGoal' | 'outcome' | 'complaints', string[]>;
  stock: Map<number, { volume: number; row: number }>;
  prices: { brand: number; sku: number | null; label: string; purchase: number | null; retail: number | null }[];
  promises: { text: string; due: string | null }[];
}

const TEXT_FIELDS = ['salesGoal', 'businessGoal', 'outcome', 'complaints'] as const;

class VisitAccumulator implements KindAccumulator {
  readonly visits = new Map<string, Visit>();
  private readonly months = new Set<number>();
  private rows = 0;
  private readonly skuBrand = new Map<number, number>();

  constructor(
    db: Database.Database,
    private readonly resolver: Resolver,
  ) {
    for (const r of db.prepare('SELECT id, brand_id AS b FROM sku').iterate() as Iterable<{ id: number; b: number }>) this.skuBrand.set(r.id, r.b);
  }

  add(ctx: RowContext): void {
    const v = ctx.values;
    const date = v.date as string;
    const customer = v.customer as number;
    const salesperson = optNum(v.salesperson);
    // Check the row's details before it joins its visit.
    const stockSku = optNum(v.stockSku);
    const stockVolume = optNum(v.stockVolume);
    if (stockSku !== null && stockVolume === null) ctx.issue('stockVolume', 'importWizard.value.empty', { value: '' });
    if (stockSku === null && stockVolume !== null) ctx.issue('stockVolume', 'importWizard.issue.stockWithoutSku');
    const purchase = optNum(v.purchasePrice);
    const retail = optNum(v.retailPrice);
    const priceSku = optNum(v.priceSku);
    const priceBrand = optNum(v.priceBrand) ?? (priceSku !== null ? (this.skuBrand.get(priceSku) ?? this.resolver.createdSkuBrand(priceSku)) : null);
    const hasPrice = purchase !== null || retail !== null;
    if (hasPrice && priceBrand === null) ctx.issue(v.priceProduct ? 'priceProduct' : 'purchasePrice', 'importWizard.issue.priceWithoutProduct');
    const promise = str(v.promise);
    const due = typeof v.promiseDue === 'string' ? v.promiseDue : null;
    if (due !== null && promise === '') ctx.issue('promiseDue', 'importWizard.issue.promiseDueWithoutPromise');
    const key = `${date}|${customer}|${salesperson ?? 0}`;
    let visit = this.visits.get(key);
    if (stockSku !== null && visit?.stock.has(stockSku)) {
      ctx.issue('stockSku', 'importWizard.issue.duplicateLine', { row: visit.stock.get(stockSku)!.row });
    }
    if ((stockSku !== null) !== (stockVolume !== null) || (hasPrice && priceBrand === null) || (due !== null && promise === '')) return;
    if (stockSku !== null && visit?.stock.has(stockSku)) return;
    if (!visit) {
      visit = { date, customer, salesperson, texts: { salesGoal: [], businessGoal: [], outcome: [], complaints: [] }, stock: new Map(), prices: [], promises: [] };
      this.visits.set(key, visit);
      this.months.add(monthOf(date));
    }
    this.rows++;
    for (const f of TEXT_FIELDS) {
      const t = str(v[f]);
      if (t && !visit.texts[f].includes(t)) visit.texts[f].push(t);
    }
    if (stockSku !== null && stockVolume !== null) visit.stock.set(stockSku, { volume: stockVolume, row: ctx.row });
    if (hasPrice && priceBrand !== null) visit.prices.push({ brand: priceBrand, sku: priceSku, label: str(v.priceProduct), purchase, retail });
    if (promise) visit.promises.push({ text: promise, due });
  }
  finish(): void {}
  periods(): number[] {
    return sortedPeriods(this.months);
  }
  lines(): number {
    return this.visits.size;
  }
  combined(): number {
    return this.rows - this.visits.size;
  }
  skuFigures(): Map<number, SkuFigures> {
    return new Map();
  }
}

const VISITS_IN = (periods: number[], batches: number[]) =>
  `SELECT id FROM customer_visit WHERE batch_id IN (${list(batches)}) AND ${MONTH_SQL('visit_date')} IN (${list(periods)})`;

const visit: KindWriter = {
  accumulator: (db, resolver) => new VisitAccumulator(db, resolver),
  countReplaced: (db, periods, batches) => (periods.length && batches.length ? count(db, `SELECT count(*) AS n FROM (${VISITS_IN(periods, batches)})`) : 0),
  removeReplaced: (db, periods, batches) =>
    periods.length && batches.length ? db.prepare(`DELETE FROM customer_visit WHERE id IN (${VISITS_IN(periods, batches)})`).run().changes : 0,
  liveRows: (db, batchId) => count(db, 'SELECT count(*) AS n FROM customer_visit WHERE batch_id = ?', batchId),
  countOverwrites: () => 0,
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as VisitAccumulator;
    const head = db.prepare(
      'INSERT INTO customer_visit (visit_date, customer_id, salesperson_id, sales_goal, business_goal, outcome, complaints, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const stock = db.prepare('INSERT INTO visit_stock (visit_id, sku_id, stock_volume) VALUES (?, ?, ?)');
    const price = db.prepare(
      'INSERT INTO visit_price (visit_id, brand_id, sku_id, product_label, purchase_price_cents, retail_price_cents) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const promise = db.prepare('INSERT INTO visit_promise (visit_id, promise, due_date) VALUES (?, ?, ?)');
    const visits = [...acc.visits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.customer - b.customer);
    let n = 0;
    for (const v of visits) {
      const t = (f: (typeof TEXT_FIELDS)[number]) => v.texts[f].join('；');
      const id = Number(head.run(v.date, v.customer, v.salesperson, t('salesGoal'), t('businessGoal'), t('outcome'), t('complaints'), batchId).lastInsertRowid);
      for (const [sku, s] of v.stock) stock.run(id, sku, s.volume);
      for (const p of v.prices) price.run(id, p.brand, p.sku, p.label, p.purchase, p.retail);
      for (const p of v.promises) promise.run(id, p.text, p.due);
      if (++n % 2000 === 0) progress(n, visits.length);
    }
    progress(n, n);
    return n;
  },
};

// ---- actual expenses ---------------------------------------------------------------

interface ExpenseLine {
  period: number;
  item: number;
  brand: number | null;
  category: number | null;
  channel: number | null;
  city: number | null;
  amount: number;
  note: string;
}

/** Each row is a line (an expense ledger has no key: two payments of one item in a month are two lines). */
class ExpenseAccumulator implements KindAccumulator {
  readonly lines_: ExpenseLine[] = [];
  private readonly months = new Set<number>();
  add(ctx: RowContext): void {
    const v = ctx.values;
    const line: ExpenseLine = {
      period: v.period as number,
      item: v.item as number,
      brand: optNum(v.brand),
      category: optNum(v.category),
      channel: optNum(v.channel),
      city: optNum(v.city),
      amount: num(v.amount),
      note: str(v.note),
    };
    this.lines_.push(line);
    this.months.add(line.period);
  }
  finish(): void {}
  periods(): number[] {
    return sortedPeriods(this.months);
  }
  lines(): number {
    return this.lines_.length;
  }
  combined(): number {
    return 0;
  }
  skuFigures(): Map<number, SkuFigures> {
    return new Map();
  }
}

const expense: KindWriter = {
  accumulator: () => new ExpenseAccumulator(),
  ...periodKeyed('expense_actual'),
  countOverwrites: () => 0,
  write(db, accumulator, batchId, progress) {
    const lines = (accumulator as ExpenseAccumulator).lines_;
    insertMany(
      db,
      'INSERT INTO expense_actual (period, item_id, brand_id, category_id, channel_id, city_id, amount_cents, note, batch_id)',
      9,
      lines.length,
      (i, out) => {
        const l = lines[i];
        out.push(l.period, l.item, l.brand, l.category, l.channel, l.city, l.amount, l.note, batchId);
      },
      progress,
    );
    return lines.length;
  },
};

export const KIND_WRITERS: Record<ActualKind, KindWriter> = { sales, market, audit, visit, statement, expense };
