import type { ActualKind } from '../../../../shared/actuals';
import type { ReadDb, WriteDb } from '../../db/handle';
import { auditWriter, emptySalesMonths, skuBrands, skuStdCosts, summarizeNewSalesMonths, visitWriter, writeLines, writeSalesLines } from '../../repos/actualsImport';
import { keyProbe, monthsWithOthers, salesKeyProbe, type BatchMonthRows } from '../../repos/actualsTables';
import type { Resolver, SkuFigures } from './members';
import type { Parsed } from './values';

// Each kind of actuals: how valid rows become the kind's lines (sales: one line per
// month × customer × SKU, summing the invoice rows of an ERP export; audits: one
// audit per store, day and auditor with a line per brand and category; visits: one
// visit per customer, day and salesperson with its stock checks, prices and
// promises), how many rows of other sources they overwrite, and how they are written
// (the SQL of both is in repos/actualsImport.ts and repos/actualsTables.ts).

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
  accumulator(db: ReadDb, resolver: Resolver): KindAccumulator;
  /** Existing rows outside those batches with a key the file has (what a commit overwrites), per batch and month. */
  overwrites(db: ReadDb, acc: KindAccumulator, periods: number[], batches: number[]): BatchMonthRows[];
  /**
   * Writes the lines under the batch: how many, and the months whose derived tables
   * (refreshDerived) the write already brought up to date.
   */
  write(db: WriteDb, acc: KindAccumulator, batchId: number, progress: (done: number, total: number) => void): { lines: number; derived: readonly number[] };
}

const num = (v: Parsed): number => (typeof v === 'number' ? v : 0);
const optNum = (v: Parsed): number | null => (typeof v === 'number' ? v : null);
const str = (v: Parsed): string => (typeof v === 'string' ? v : '');
/** The month of an ISO day as yyyymm. */
const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));

/** Counts rows per batch and month (a month is below 1,000,000). */
class BatchMonthTally {
  private readonly counts = new Map<number, number>();
  add(batchId: number | undefined, period: number): void {
    if (batchId === undefined) return;
    const k = batchId * 1_000_000 + period;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  rows(): BatchMonthRows[] {
    return [...this.counts].map(([k, rows]) => ({ batchId: Math.floor(k / 1_000_000), period: k % 1_000_000, rows }));
  }
}

function sortedPeriods(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

class SkuTally {
  readonly figures = new Map<number, SkuFigures>();
  add(sku: number, amount: number, volume: number, gp: number, gpGiven: boolean): void {
    const f = this.figures.get(sku);
    if (f) {
      f.amountCents += amount;
      f.volume += volume;
      f.grossProfitCents += gp;
      f.grossProfitGiven &&= gpGiven;
    } else this.figures.set(sku, { amountCents: amount, volume, grossProfitCents: gp, grossProfitGiven: gpGiven });
  }
}

// ---- sales actuals ---------------------------------------------------------------

const P21 = 2 ** 21;

/** A growable column of numbers: the lines of a million-row import without a million small arrays to collect. */
class Column {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  grow(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.data);
    this.data = next;
  }
}

/**
 * Line numbers by key (month, customer, SKU), open addressing in typed arrays: a Map of
 * a million float keys spent as long collecting its garbage as the import spent reading.
 */
class LineIndex {
  /** Per slot: the month index and SKU (monthIndex * 2^21 + sku, below 2^32), the customer, the line + 1 (0: empty). */
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private at = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  private static hash(hi: number, lo: number): number {
    let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(lo, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x27d4eb2f);
    return (h ^ (h >>> 13)) >>> 0;
  }

  /** The line of the key, or -1 with the slot where it goes remembered for put(). */
  private slot = 0;
  find(hi: number, lo: number): number {
    let i = LineIndex.hash(hi, lo) & this.mask;
    for (;;) {
      const v = this.at[i];
      if (v === 0) {
        this.slot = i;
        return -1;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return v - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Puts a key find() did not find, at the slot it left. */
  put(hi: number, lo: number, line: number): void {
    this.hi[this.slot] = hi;
    this.lo[this.slot] = lo;
    this.at[this.slot] = line + 1;
    if (++this.size * 2 > this.mask) this.rehash();
  }

  private rehash(): void {
    const { hi, lo, at } = this;
    const n = at.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.at = new Int32Array(n);
    this.mask = n - 1;
    for (let i = 0; i < at.length; i++) {
      if (at[i] === 0) continue;
      this.find(hi[i], lo[i]);
      this.hi[this.slot] = hi[i];
      this.lo[this.slot] = lo[i];
      this.at[this.slot] = at[i];
    }
  }
}

/** The month as an index from 2000-01 (below 1,212 for the periods an import accepts). */
const monthIndex = (period: number) => (Math.floor(period / 100) - 2000) * 12 + (period % 100) - 1;

class SalesAccumulator implements KindAccumulator {
  private readonly index = new LineIndex();
  private count = 0;
  private capacity = 1 << 14;
  private readonly cols = {
    period: new Column(this.capacity),
    customer: new Column(this.capacity),
    sku: new Column(this.capacity),
    amount: new Column(this.capacity),
    volume: new Column(this.capacity),
    gp: new Column(this.capacity),
    /** 1: the line's gross profit is known; 0: some row of it had none and no SKU cost to derive it from. */
    known: new Column(this.capacity),
  };
  private readonly months = new Set<number>();
  private merged = 0;
  private readonly cost: Map<number, number | null>;
  private readonly tally = new SkuTally();

  constructor(db: ReadDb) {
    this.cost = skuStdCosts(db);
  }

  get period(): Float64Array {
    return this.cols.period.data;
  }
  get customer(): Float64Array {
    return this.cols.customer.data;
  }
  get sku(): Float64Array {
    return this.cols.sku.data;
  }
  get amount(): Float64Array {
    return this.cols.amount.data;
  }
  get volume(): Float64Array {
    return this.cols.volume.data;
  }
  get gp(): Float64Array {
    return this.cols.gp.data;
  }
  get known(): Float64Array {
    return this.cols.known.data;
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
    const gpGiven = typeof v.grossProfit === 'number';
    // Without a gross profit in the file it comes from the SKU's standard cost; when that
    // is not known either the line's gross profit is unknown (stored as 0 with gp_known 0,
    // and filled in when the cost is entered), never the whole amount as if it cost nothing.
    const cost = this.cost.get(sku) ?? null;
    const rowKnown = gpGiven || cost !== null;
    const gp = gpGiven ? (v.grossProfit as number) : cost !== null ? amount - volume * cost : 0;
    const hi = monthIndex(period) * P21 + sku;
    const at = this.index.find(hi, customer);
    const c = this.cols;
    if (at >= 0) {
      c.amount.data[at] += amount;
      c.volume.data[at] += volume;
      // A line with any row of unknown gross profit is unknown as a whole: no partial figure.
      if (c.known.data[at] === 1 && rowKnown) c.gp.data[at] += gp;
      else {
        c.known.data[at] = 0;
        c.gp.data[at] = 0;
      }
      if (!Number.isSafeInteger(c.amount.data[at]) || !Number.isSafeInteger(c.gp.data[at])) ctx.issue('amount', 'importWizard.issue.amountOverflow');
      this.merged++;
    } else {
      const i = this.count++;
      this.index.put(hi, customer, i);
      if (i === this.capacity) {
        this.capacity *= 2;
        for (const col of Object.values(c)) col.grow(this.capacity);
      }
      c.period.data[i] = period;
      c.customer.data[i] = customer;
      c.sku.data[i] = sku;
      c.amount.data[i] = amount;
      c.volume.data[i] = volume;
      c.gp.data[i] = rowKnown ? gp : 0;
      c.known.data[i] = rowKnown ? 1 : 0;
      this.months.add(period);
    }
    // Only SKUs the import creates are priced from the file.
    if (!this.cost.has(sku)) this.tally.add(sku, amount, volume, gp, gpGiven);
  }
  finish(): void {}
  periods(): number[] {
    return sortedPeriods(this.months);
  }
  lines(): number {
    return this.count;
  }
  combined(): number {
    return this.merged;
  }
  skuFigures(): Map<number, SkuFigures> {
    return this.tally.figures;
  }
  /** Line indexes in primary-key order (period, customer, SKU). */
  order(): Int32Array {
    // Stable counting sorts by SKU, then by customer, then by month put the lines in key
    // order: three linear passes over the line numbers instead of sorting a million keys
    // and finding each one's line again.
    const n = this.count;
    let out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    let spare = new Int32Array(n);
    for (const column of [this.sku, this.customer, this.period]) {
      const key = column === this.period ? (i: number) => monthIndex(this.period[i]) : (i: number) => column[i];
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const k = key(i);
        if (k < lo) lo = k;
        if (k > hi) hi = k;
      }
      if (n === 0 || lo === hi) continue;
      const counts = new Int32Array(hi - lo + 2);
      for (let i = 0; i < n; i++) counts[key(i) - lo + 1]++;
      for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
      for (let i = 0; i < n; i++) {
        const line = out[i];
        spare[counts[key(line) - lo]++] = line;
      }
      [out, spare] = [spare, out];
    }
    return out;
  }
}

const sales: KindWriter = {
  accumulator: (db) => new SalesAccumulator(db),
  overwrites(db, accumulator, periods, batches) {
    const acc = accumulator as SalesAccumulator;
    const months = monthsWithOthers(db, 'sales', periods, batches);
    if (months.size === 0) return [];
    const owner = salesKeyProbe(db, batches);
    const tally = new BatchMonthTally();
    const { period, customer, sku } = acc;
    for (let i = 0; i < acc.lines(); i++) if (months.has(period[i])) tally.add(owner(period[i], customer[i], sku[i]), period[i]);
    return tally.rows();
  },
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as SalesAccumulator;
    const order = acc.order();
    const { period, customer, sku, amount, volume, gp, known } = acc;
    // Months the import fills from empty (a new month of an ERP export) are summarized from its lines.
    const fresh = emptySalesMonths(db, acc.periods());
    writeSalesLines(
      db,
      order.length,
      (i, out) => {
        const k = order[i];
        out.push(period[k], customer[k], sku[k], amount[k], volume[k], gp[k], known[k], batchId);
      },
      progress,
    );
    const derived = summarizeNewSalesMonths(db, fresh, { count: acc.lines(), period, customer, sku, amount, volume, gp, known });
    return { lines: order.length, derived };
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
 * `keys` and `values` give a line's values in the order of the kind's columns
 * (LINE_COLUMNS in repos/actualsTables.ts).
 */
function keyedWriter<L extends { period: number }>(
  kind: 'market' | 'statement',
  accumulator: () => KindAccumulator & { lines_: KeyedLines<L> },
  keys: ((l: L) => number)[],
  values: ((l: L) => number)[],
): KindWriter {
  const columns = [...keys, ...values];
  const byKey = (a: L, b: L) => {
    for (const get of keys) {
      const d = get(a) - get(b);
      if (d !== 0) return d;
    }
    return 0;
  };
  const linesOf = (acc: KindAccumulator) => (acc as ReturnType<typeof accumulator>).lines_.byKey;
  return {
    accumulator,
    overwrites(db, acc, periods, batches) {
      const months = monthsWithOthers(db, kind, periods, batches);
      if (months.size === 0) return [];
      const owner = keyProbe(db, kind, batches);
      const tally = new BatchMonthTally();
      for (const l of linesOf(acc).values()) if (months.has(l.period)) tally.add(owner(...keys.map((get) => get(l))), l.period);
      return tally.rows();
    },
    write(db, acc, batchId, progress) {
      const lines = [...linesOf(acc).values()].sort(byKey);
      writeLines(
        db,
        kind,
        lines.length,
        (i, out) => {
          for (const get of columns) out.push(get(lines[i]));
          out.push(batchId);
        },
        progress,
      );
      return { lines: lines.length, derived: [] };
    },
  };
}

const market = keyedWriter<MarketLine>(
  'market',
  () => new MarketAccumulator(),
  [(l) => l.period, (l) => l.city, (l) => l.category, (l) => l.brand],
  [(l) => l.amount, (l) => l.volume],
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
  'statement',
  () => new StatementAccumulator(),
  [(l) => l.period, (l) => l.customer],
  [(l) => l.inventory, (l) => l.inventoryVolume, (l) => l.receivable, (l) => l.prepayment],
);

// ---- store audits ------------------------------------------------------------------

interface AuditLine {
  brand: number;
  category: number;
  skus: number;
  facings: number;
  shelfPrice: number | null;
  display: 0 | 1;
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

const audit: KindWriter = {
  accumulator: () => new AuditAccumulator(),
  // Audits are observations, not keyed figures: another source's audit of the same store and day is kept.
  overwrites: () => [],
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as AuditAccumulator;
    const out = auditWriter(db);
    const audits = [...acc.audits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.terminal - b.terminal);
    let n = 0;
    for (const a of audits) {
      const id = out.audit(a.date, a.terminal, a.auditor, batchId);
      for (const l of a.lines.values()) {
        out.line({
          audit_id: id,
          brand_id: l.brand,
          category_id: l.category,
          skus_on_shelf: l.skus,
          facings: l.facings,
          shelf_price_cents: l.shelfPrice,
          has_display: l.display,
          sellout_cents: l.sellout,
        });
        if (++n % 5000 === 0) progress(n, acc.lines());
      }
    }
    progress(n, n);
    return { lines: n, derived: [] };
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
  private readonly skuBrand: Map<number, number>;

  constructor(
    db: ReadDb,
    private readonly resolver: Resolver,
  ) {
    this.skuBrand = skuBrands(db);
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

const visit: KindWriter = {
  accumulator: (db, resolver) => new VisitAccumulator(db, resolver),
  overwrites: () => [],
  write(db, accumulator, batchId, progress) {
    const acc = accumulator as VisitAccumulator;
    const out = visitWriter(db);
    const visits = [...acc.visits.values()].sort((a, b) => a.date.localeCompare(b.date) || a.customer - b.customer);
    let n = 0;
    for (const v of visits) {
      const t = (f: (typeof TEXT_FIELDS)[number]) => v.texts[f].join('；');
      const id = out.visit({
        visit_date: v.date,
        customer_id: v.customer,
        salesperson_id: v.salesperson,
        sales_goal: t('salesGoal'),
        business_goal: t('businessGoal'),
        outcome: t('outcome'),
        complaints: t('complaints'),
        batch_id: batchId,
      });
      for (const [sku, s] of v.stock) out.stock(id, sku, s.volume);
      for (const p of v.prices) {
        out.price({ visit_id: id, brand_id: p.brand, sku_id: p.sku, product_label: p.label, purchase_price_cents: p.purchase, retail_price_cents: p.retail });
      }
      for (const p of v.promises) out.promise(id, p.text, p.due);
      if (++n % 2000 === 0) progress(n, visits.length);
    }
    progress(n, n);
    return { lines: n, derived: [] };
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
  overwrites: () => [],
  write(db, accumulator, batchId, progress) {
    const lines = (accumulator as ExpenseAccumulator).lines_;
    writeLines(
      db,
      'expense',
      lines.length,
      (i, out) => {
        const l = lines[i];
        out.push(l.period, l.item, l.brand, l.category, l.channel, l.city, l.amount, l.note, batchId);
      },
      progress,
    );
    return { lines: lines.length, derived: [] };
  },
};

export const KIND_WRITERS: Record<ActualKind, KindWriter> = { sales, market, audit, visit, statement, expense };
