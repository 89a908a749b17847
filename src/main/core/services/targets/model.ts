import type { TargetDim } from '../../../../shared/endpoints/targets';
import { AppError } from '../../../../shared/errors';
import type { RegionFile } from '../../db/regionFile';
import { quietFor } from '../../activity';
import type { Area } from '../../../../shared/areas';
import type { CommandCtx } from '../../db/command';
import type { ReadDb } from '../../db/handle';
import type { StepEffects } from '../../db/undoLog';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { regionPlanYear } from '../../repos/region';
import { unpackPlace, versionCells } from '../../repos/targets/cells';
import { SKU_SPAN, cubeMembers, newestSalesPeriodBefore, salesLines } from '../../repos/targets/refs';

// The in-memory target cube (docs/architecture.md, "Caches"): the plan's leaf cells in typed
// arrays, so that a tree at any hierarchy, a spread over a million cells and a
// comparison of versions are passes over arrays, not GROUP BYs or per-row objects.
//
// A *combo* is one leaf line: city × channel × customer (0: none yet) × SKU. Its 12
// months sit at [combo * 12 + month - 1] of every per-cell array. The combos are
// shared by every version of the file (the union of the versions' leaves and the
// customer × SKU pairs sold in the reference periods), so versions line up cell by
// cell and last year's actuals sit beside each target.
//
// Amounts in the cube are whole 元 (the file holds cents; targets are whole units);
// actuals stay in cents because they are only weights and comparisons.

export const MONTHS = 12;

/** Growable columns of the combo table. */
class IntColumn {
  data: Int32Array;
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  grow(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Int32Array(Math.max(capacity, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

function growFloat(a: Float64Array<ArrayBufferLike>, cells: number): Float64Array<ArrayBufferLike> {
  if (cells <= a.length) return a;
  const next = new Float64Array(Math.max(cells, a.length * 2));
  next.set(a);
  return next;
}

export interface DimLabel {
  code: string;
  label: string;
  sort: number;
}

/** Reference data shared by every version: combos, lookups, actuals per cell. */
export class TargetRefs {
  n = 0;
  readonly city = new IntColumn(1024);
  readonly channel = new IntColumn(1024);
  readonly customer = new IntColumn(1024);
  readonly sku = new IntColumn(1024);
  /** Actuals per cell (cents / units): the plan year's previous calendar year, and the last 12 months. */
  lyAmount: Float64Array<ArrayBufferLike> = new Float64Array(1024 * MONTHS);
  lyVolume: Float64Array<ArrayBufferLike> = new Float64Array(1024 * MONTHS);
  lyGross: Float64Array<ArrayBufferLike> = new Float64Array(1024 * MONTHS);
  l12Amount: Float64Array<ArrayBufferLike> = new Float64Array(1024 * MONTHS);
  l12Volume: Float64Array<ArrayBufferLike> = new Float64Array(1024 * MONTHS);
  /** Combos that sold in the reference periods (candidates for a new plan's leaves). */
  active = new Uint8Array(1024);
  private readonly byKey = new Map<string, number>();
  /** customer × SKU_SPAN + sku → combo, for mapping actuals (customer's own city and channel). */
  private readonly byCustomerSku = new Map<number, number>();

  // Lookups by id.
  cityProvince = new Int32Array(0);
  skuBrand = new Int32Array(0);
  skuCategory = new Int32Array(0);
  /** (list price − standard cost) / list price; NaN when the cost or the list price is not known. */
  skuMargin = new Float64Array(0);
  skuNew = new Uint8Array(0);
  /** List price (cents per unit) and whether the SKU is still sold: for new plan rows. */
  skuPrice = new Float64Array(0);
  skuActive = new Uint8Array(0);
  /** Whether a customer can be given a target (active or a prospect, not terminated). */
  customerActive = new Uint8Array(0);
  customerOwner = new Int32Array(0);
  customerCity = new Int32Array(0);
  customerChannel = new Int32Array(0);
  readonly labels = new Map<TargetDim, Map<number, DimLabel>>();

  constructor(
    readonly planYear: number,
    /** Periods (yyyymm) of the last 12 months of actuals, in calendar-month slots. */
    readonly l12Periods: number[],
  ) {}

  get lastYear(): number {
    return this.planYear - 1;
  }

  /** The combo for a leaf line, added if new. */
  ensureCombo(city: number, channel: number, customer: number, sku: number): number {
    const key = `${city}|${channel}|${customer}|${sku}`;
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const i = this.n++;
    for (const col of [this.city, this.channel, this.customer, this.sku]) col.grow(this.n);
    const cells = this.n * MONTHS;
    this.lyAmount = growFloat(this.lyAmount, cells);
    this.lyVolume = growFloat(this.lyVolume, cells);
    this.lyGross = growFloat(this.lyGross, cells);
    this.l12Amount = growFloat(this.l12Amount, cells);
    this.l12Volume = growFloat(this.l12Volume, cells);
    if (this.active.length < this.n) {
      const next = new Uint8Array(this.active.length * 2);
      next.set(this.active);
      this.active = next;
    }
    this.city.data[i] = city;
    this.channel.data[i] = channel;
    this.customer.data[i] = customer;
    this.sku.data[i] = sku;
    this.byKey.set(key, i);
    if (customer > 0 && this.customerCity[customer] === city && this.customerChannel[customer] === channel) {
      this.byCustomerSku.set(customer * SKU_SPAN + sku, i);
    }
    return i;
  }

  /**
   * Every combo, ordered as the file's cell key orders its rows: city, channel, customer
   * (0: none), SKU. A copied version's rows are inserted in this order (copyCells), and a
   * new plan's rows are numbered in it (seed, services/targets/edit.ts).
   */
  combosInKeyOrder(): Int32Array {
    const order = new Int32Array(this.n);
    for (let c = 0; c < this.n; c++) order[c] = c;
    const city = this.city.data;
    const channel = this.channel.data;
    const customer = this.customer.data;
    const sku = this.sku.data;
    return order.sort((a, b) => city[a] - city[b] || channel[a] - channel[b] || customer[a] - customer[b] || sku[a] - sku[b]);
  }

  /** The combo actuals of a customer × SKU (customer × SKU_SPAN + SKU) belong to (the customer's own city and channel). */
  comboForActual(customerSku: number): number {
    const hit = this.byCustomerSku.get(customerSku);
    if (hit !== undefined) return hit;
    const sku = customerSku % SKU_SPAN;
    const customer = (customerSku - sku) / SKU_SPAN;
    const city = this.customerCity[customer];
    const channel = this.customerChannel[customer];
    if (!city || !channel) throw new AppError('INTERNAL', `customer ${customer} has no city or channel`);
    return this.ensureCombo(city, channel, customer, sku);
  }

  /** The id of a combo's member on a dimension (0: none). */
  dimValue(dim: TargetDim, c: number): number {
    switch (dim) {
      case 'province':
        return this.cityProvince[this.city.data[c]] ?? 0;
      case 'city':
        return this.city.data[c];
      case 'channel':
        return this.channel.data[c];
      case 'customer':
        return this.customer.data[c];
      case 'brand':
        return this.skuBrand[this.sku.data[c]] ?? 0;
      case 'category':
        return this.skuCategory[this.sku.data[c]] ?? 0;
      case 'sku':
        return this.sku.data[c];
      case 'salesperson': {
        const cu = this.customer.data[c];
        return cu > 0 ? (this.customerOwner[cu] ?? 0) : 0;
      }
    }
  }

  private readonly columns = new Map<TargetDim, Int32Array>();

  /**
   * dimValue for every combo, as one array (a pass per level instead of a switch per
   * cell). Kept until combos are added; the lookups behind it only change with a new
   * generation, which builds new refs.
   */
  dimColumn(dim: TargetDim): Int32Array {
    const cached = this.columns.get(dim);
    if (cached && cached.length === this.n) return cached;
    const out = new Int32Array(this.n);
    for (let c = 0; c < this.n; c++) out[c] = this.dimValue(dim, c);
    this.columns.set(dim, out);
    return out;
  }

  label(dim: TargetDim, id: number): DimLabel {
    return this.labels.get(dim)?.get(id) ?? { code: '', label: '', sort: Number.MAX_SAFE_INTEGER };
  }
}

/** One version's cells over the shared combos. */
/** Values a command moved, in the cube's units: the file went from state `from` to `to`. */
export interface CubeDelta {
  from: string;
  to: string;
  cells: Int32Array;
  amount: Float64Array;
  volume: Float64Array;
}

/** How many value changes a cube keeps for its readers. */
const DELTAS_KEPT = 8;

/**
 * The value changes that lead a cube from the file's state `from` to `to`, oldest first
 * (none when they are the same state); null when the chain has a gap (a change that
 * noted no values) or is no longer kept.
 */
export function deltasBetween(cube: VersionCube, from: string, to: string): CubeDelta[] | null {
  if (from === to) return [];
  let i = cube.deltas.findIndex((d) => d.from === from);
  if (i < 0) return null;
  const chain: CubeDelta[] = [];
  for (let at = from; at !== to; i++) {
    const d = cube.deltas[i];
    if (!d || d.from !== at) return null;
    chain.push(d);
    at = d.to;
  }
  return chain;
}

export class VersionCube {
  /** target_fact.id per cell; 0 where the version has no row. */
  rowId: Float64Array<ArrayBufferLike>;
  /** Whole 元 per cell. */
  amount: Float64Array<ArrayBufferLike>;
  volume: Float64Array<ArrayBufferLike>;
  /** Cells with a row. */
  present = 0;
  /**
   * The value changes of the last commands that only moved values (each from one state of
   * the file to the next), oldest first, so that a reader's sums can follow them instead
   * of adding up every cell again. A change that is not here (rows added, an undo) leaves
   * a gap in the states, and the readers then add up again.
   */
  deltas: CubeDelta[] = [];
  /** The change the running command made, until its commit names the new state. */
  pending: Omit<CubeDelta, 'from' | 'to'> | null = null;

  constructor(
    readonly versionId: number,
    cells: number,
  ) {
    this.rowId = new Float64Array(cells);
    this.amount = new Float64Array(cells);
    this.volume = new Float64Array(cells);
  }

  /** Makes room for combos added to the refs since the cube was built. */
  fit(cells: number): void {
    this.rowId = growFloat(this.rowId, cells);
    this.amount = growFloat(this.amount, cells);
    this.volume = growFloat(this.volume, cells);
  }

  values(measure: 'amount' | 'volume'): Float64Array<ArrayBufferLike> {
    return measure === 'amount' ? this.amount : this.volume;
  }

  private byRow: { ids: Float64Array; cells: Int32Array } | null = null;

  /** The cell of a target_fact row, or -1 (built on first use; rows added drop it). */
  cellOfRow(id: number): number {
    if (!this.byRow) {
      const cells = this.cellsInRowOrder();
      this.byRow = { ids: Float64Array.from(cells, (k) => this.rowId[k]), cells };
    }
    const { ids, cells } = this.byRow;
    let a = 0;
    let b = ids.length - 1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      if (ids[mid] === id) return cells[mid];
      if (ids[mid] < id) a = mid + 1;
      else b = mid - 1;
    }
    return -1;
  }

  private idSpan: { min: number; max: number; rows: number } | null = null;

  /** The lowest and the highest of the version's row ids, and how many rows it has. */
  private span(): { min: number; max: number; rows: number } {
    if (!this.idSpan) {
      let rows = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let k = 0; k < this.rowId.length; k++) {
        const id = this.rowId[k];
        if (id <= 0) continue;
        rows++;
        if (id < min) min = id;
        if (id > max) max = id;
      }
      this.idSpan = { min, max, rows };
    }
    return this.idSpan;
  }

  /**
   * False when no row of this version has an id between `lo` and `hi`: an undo of another
   * version's million rows then skips this cube without building cellOfRow's index.
   */
  mayHoldRows(lo: number, hi: number): boolean {
    const { min, max } = this.span();
    return min <= hi && max >= lo;
  }

  rowsChanged(): void {
    this.byRow = null;
    this.idSpan = null;
  }

  /**
   * The cells that have a row, in the order of their rows' ids. The ids of one version mostly
   * lie close together, so they are placed by id in one pass (a sort of 1.45M cells takes a
   * quarter of a second even when they are in order); spread-out ids are sorted.
   */
  private cellsInRowOrder(): Int32Array {
    const { min, max, rows: n } = this.span();
    const cells = new Int32Array(n);
    if (n === 0) return cells;
    const width = max - min + 1;
    if (width <= 4 * n) {
      const at = new Int32Array(width).fill(-1);
      for (let k = 0; k < this.rowId.length; k++) if (this.rowId[k] > 0) at[this.rowId[k] - min] = k;
      let i = 0;
      for (let j = 0; j < width; j++) if (at[j] >= 0) cells[i++] = at[j];
      return cells;
    }
    let i = 0;
    for (let k = 0; k < this.rowId.length; k++) if (this.rowId[k] > 0) cells[i++] = k;
    return cells.sort((a, b) => this.rowId[a] - this.rowId[b]);
  }

  /**
   * The cube of a version whose rows were just copied from this one's in the order of the
   * cell key (`copied`; `keyOrder`: the refs' combos in that order, combosInKeyOrder): the
   * same values, and each cell's new row id by its row's rank in that order. Null when the
   * copy is not exactly this cube's rows under consecutive ids: then the new version is
   * read from its rows when first asked for.
   */
  copyAs(versionId: number, copied: { first: number; last: number; count: number }, keyOrder: Int32Array): VersionCube | null {
    if (copied.count !== this.present || copied.last - copied.first + 1 !== copied.count) return null;
    const copy = new VersionCube(versionId, 0);
    copy.rowId = new Float64Array(this.rowId.length);
    copy.amount = new Float64Array(this.amount.length);
    copy.volume = new Float64Array(this.volume.length);
    let id = copied.first;
    for (let i = 0; i < keyOrder.length; i++) {
      const base = keyOrder[i] * MONTHS;
      if (base >= this.rowId.length) continue;
      for (let k = base; k < base + MONTHS; k++) {
        if (this.rowId[k] <= 0) continue;
        copy.rowId[k] = id++;
        copy.amount[k] = this.amount[k];
        copy.volume[k] = this.volume[k];
      }
    }
    copy.present = id - copied.first;
    return copy.present === this.present ? copy : null;
  }
}

/** The 12 periods ending at the newest month of actuals up to the plan year's start. */
function lastTwelvePeriods(db: ReadDb, planYear: number): number[] {
  const end = newestSalesPeriodBefore(db, planYear * 100 + 1) ?? (planYear - 1) * 100 + 12;
  const periods: number[] = new Array<number>(12);
  let y = Math.floor(end / 100);
  let m = end % 100;
  for (let k = 0; k < 12; k++) {
    periods[m - 1] = y * 100 + m;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return periods;
}

/** One past the largest id: the length of a lookup indexed by id. */
function idSpan(rows: readonly { id: number }[]): number {
  let max = 0;
  for (const r of rows) if (r.id > max) max = r.id;
  return max + 1;
}

function loadLookups(db: ReadDb, refs: TargetRefs): void {
  const members = cubeMembers(db);
  const labels = (dim: TargetDim) => {
    const m = new Map<number, DimLabel>();
    refs.labels.set(dim, m);
    return m;
  };
  const province = labels('province');
  for (const r of members.provinces) province.set(r.id, { code: r.code, label: r.name, sort: r.sort_order * 1e6 + r.id });
  refs.cityProvince = new Int32Array(idSpan(members.cities));
  const city = labels('city');
  for (const r of members.cities) {
    refs.cityProvince[r.id] = r.province_id;
    city.set(r.id, { code: r.code, label: r.name, sort: r.sort_order * 1e6 + r.id });
  }
  const sorted = (dim: TargetDim, rows: readonly { id: number; code: string; name: string; sort_order?: number }[]) => {
    const m = labels(dim);
    for (const r of rows) m.set(r.id, { code: r.code, label: r.name, sort: (r.sort_order ?? 0) * 1e6 + r.id });
  };
  sorted('channel', members.channels);
  sorted('brand', members.brands);
  sorted('category', members.categories);
  sorted('salesperson', members.salespeople);
  const skuSize = idSpan(members.skus);
  refs.skuBrand = new Int32Array(skuSize);
  refs.skuCategory = new Int32Array(skuSize);
  refs.skuMargin = new Float64Array(skuSize);
  refs.skuNew = new Uint8Array(skuSize);
  refs.skuPrice = new Float64Array(skuSize);
  refs.skuActive = new Uint8Array(skuSize);
  const sku = labels('sku');
  for (const r of members.skus) {
    refs.skuBrand[r.id] = r.brand_id;
    refs.skuCategory[r.id] = r.category_id;
    // NaN: the cost (or the list price) is not known yet; gross profit leaves the SKU out and says so.
    refs.skuMargin[r.id] =
      r.std_cost_cents === null || r.list_price_cents === null ? NaN : r.list_price_cents > 0 ? (r.list_price_cents - r.std_cost_cents) / r.list_price_cents : 0;
    refs.skuNew[r.id] = r.is_new;
    refs.skuPrice[r.id] = r.list_price_cents ?? 0;
    refs.skuActive[r.id] = r.status === 'active' ? 1 : 0;
    sku.set(r.id, { code: r.code, label: r.name, sort: r.id });
  }
  const customerSize = idSpan(members.customers);
  refs.customerOwner = new Int32Array(customerSize);
  refs.customerCity = new Int32Array(customerSize);
  refs.customerChannel = new Int32Array(customerSize);
  refs.customerActive = new Uint8Array(customerSize);
  const customer = labels('customer');
  for (const r of members.customers) {
    refs.customerOwner[r.id] = r.owner_id ?? 0;
    refs.customerCity[r.id] = r.city_id;
    refs.customerChannel[r.id] = r.channel_id;
    refs.customerActive[r.id] = r.status === 'terminated' ? 0 : 1;
    customer.set(r.id, { code: r.code, label: r.name, sort: r.id });
  }
}

/** Adds a period range of actuals into per-cell arrays (by calendar month). */
function* loadActuals(
  db: ReadDb,
  refs: TargetRefs,
  from: number,
  to: number,
  into: (combo: number, month: number, amount: number, volume: number, gross: number) => void,
): Steps<void> {
  for (const month of salesLines(db, from, to)) {
    for (const row of month) {
      const combo = refs.comboForActual(row[0]);
      refs.active[combo] = 1;
      into(combo, (row[1] % 100) - 1, row[2], row[3], row[4]);
    }
    yield;
  }
}

/**
 * A version's plan summed per SKU and month (cents) and per month (volume): whole numbers,
 * so exact in any order of adding. Kept per cube at a state of the file and brought
 * forward through the cube's value moves, so the summary after an edit adds in only the
 * cells it moved. The version list reads its totals from them too.
 */
export interface PlanSums {
  stamp: string;
  bySku: Float64Array;
  volume: Float64Array;
}
const keptPlanSums = new WeakMap<VersionCube, PlanSums>();

export function planSums(cache: TargetCache, cube: VersionCube): PlanSums {
  const skus = cache.refs.sku.data;
  const kept = keptPlanSums.get(cube);
  const chain = kept ? deltasBetween(cube, kept.stamp, cache.stamp) : null;
  // (A cell beyond the kept sums' SKUs would mean the refs grew: add up again.)
  if (kept && chain && chain.every((d) => d.cells.every((k) => skus[Math.floor(k / MONTHS)] * MONTHS < kept.bySku.length))) {
    for (const d of chain) {
      for (let j = 0; j < d.cells.length; j++) {
        const k = d.cells[j];
        const m = k % MONTHS;
        kept.bySku[skus[(k - m) / MONTHS] * MONTHS + m] += d.amount[j] * 100;
        kept.volume[m] += d.volume[j];
      }
    }
    kept.stamp = cache.stamp;
    return kept;
  }
  const n = cache.refs.n;
  let span = cache.refs.skuMargin.length;
  for (let c = 0; c < n; c++) if (skus[c] >= span) span = skus[c] + 1;
  const sums: PlanSums = { stamp: cache.stamp, bySku: new Float64Array(span * MONTHS), volume: new Float64Array(MONTHS) };
  const { amount, volume } = cube;
  for (let c = 0; c < n; c++) {
    const at = skus[c] * MONTHS;
    const base = c * MONTHS;
    for (let m = 0; m < MONTHS; m++) {
      sums.bySku[at + m] += amount[base + m] * 100;
      sums.volume[m] += volume[base + m];
    }
  }
  keptPlanSums.set(cube, sums);
  return sums;
}

/**
 * A build in steps: each `yield` (a month of actuals, a chunk of cells) is a point where
 * other work may run, for the warm-up that builds a file's cube in the background.
 */
type Steps<T> = Generator<void, T, void>;

function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function buildRefs(db: ReadDb, planYear: number): TargetRefs {
  return drain(buildRefsSteps(db, planYear));
}

function* buildRefsSteps(db: ReadDb, planYear: number): Steps<TargetRefs> {
  const refs = new TargetRefs(planYear, lastTwelvePeriods(db, planYear));
  loadLookups(db, refs);
  const ly = planYear - 1;
  yield* loadActuals(db, refs, ly * 100 + 1, ly * 100 + 12, (c, m, a, v, g) => {
    const k = c * MONTHS + m;
    refs.lyAmount[k] += a;
    refs.lyVolume[k] += v;
    refs.lyGross[k] += g;
  });
  const p = refs.l12Periods;
  const sameAsLy = p.every((period, i) => period === ly * 100 + i + 1);
  if (sameAsLy) {
    refs.l12Amount = refs.lyAmount;
    refs.l12Volume = refs.lyVolume;
  } else {
    const from = Math.min(...p);
    const to = Math.max(...p);
    yield* loadActuals(db, refs, from, to, (c, m, a, v) => {
      // The growable arrays may have been replaced by ensureCombo: index them late.
      const k = c * MONTHS + m;
      refs.l12Amount[k] += a;
      refs.l12Volume[k] += v;
    });
  }
  return refs;
}

export function loadVersionCube(db: ReadDb, refs: TargetRefs, versionId: number): VersionCube {
  return drain(loadVersionCubeSteps(db, refs, versionId));
}

function* loadVersionCubeSteps(db: ReadDb, refs: TargetRefs, versionId: number): Steps<VersionCube> {
  // Combos first (a row's combo may be new to the refs), then the cells.
  const cube = new VersionCube(versionId, Math.max(refs.n, 1) * MONTHS);
  // A leaf's 12 months come one after the other: the combo is looked up when the leaf changes.
  let lastPlace = -1;
  let lastCity = -1;
  let lastChannel = -1;
  let lastCustomer = -1;
  let lastSku = -1;
  let combo = -1;
  const cell = (id: number, comboNow: number, month: number, amountCents: number, volume: number) => {
    if (comboNow * MONTHS + MONTHS > cube.rowId.length) cube.fit(refs.n * MONTHS);
    const k = comboNow * MONTHS + month - 1;
    cube.rowId[k] = id;
    cube.amount[k] = Math.round(amountCents / 100);
    cube.volume[k] = volume;
    cube.present++;
  };
  for (const chunk of versionCells(db, versionId)) {
    if (chunk.packed) {
      for (const r of chunk.rows) {
        const month = r[2] % 16;
        const sku = (r[2] - month) / 16;
        if (r[1] !== lastPlace || sku !== lastSku) {
          lastPlace = r[1];
          lastSku = sku;
          const { city, channel, customer } = unpackPlace(lastPlace);
          combo = refs.ensureCombo(city, channel, customer, sku);
        }
        cell(r[0], combo, month, r[3], r[4]);
      }
    } else {
      for (const r of chunk.rows) {
        const month = r[4] % 16;
        const sku = (r[4] - month) / 16;
        if (r[1] !== lastCity || r[2] !== lastChannel || r[3] !== lastCustomer || sku !== lastSku) {
          lastCity = r[1];
          lastChannel = r[2];
          lastCustomer = r[3];
          lastSku = sku;
          combo = refs.ensureCombo(lastCity, lastChannel, lastCustomer, sku);
        }
        cell(r[0], combo, month, r[5], r[6]);
      }
    }
    yield;
  }
  if (cube.rowId.length < refs.n * MONTHS) cube.fit(refs.n * MONTHS);
  return cube;
}

/** A version's cell count and totals (cents and units), as the version list shows them. */
export interface VersionTotals {
  cells: number;
  amount: number;
  volume: number;
}

/** The file's target cube: refs plus the versions loaded so far, valid while its stamp is the file's. */
export class TargetCache {
  private readonly cubes = new Map<number, VersionCube>();
  constructor(
    readonly refs: TargetRefs,
    /** The file's counts of CUBE_READS when the cube was last current. */
    public stamp: string,
    /**
     * Called before versions' rows are read in SQL (a cube loaded, totals of a version not
     * loaded): rows an edit left for after its commit land first.
     */
    readonly readingRows: () => void = () => undefined,
    /**
     * The totals of snapshots not loaded, once read: a snapshot's rows never change, and
     * summing a large region's 1.45M rows takes a third of a second each time the version
     * list is asked (with every edit). Kept per open file, across rebuilds of the cache.
     */
    readonly snapshotTotals: Map<number, VersionTotals> = new Map(),
  ) {}

  cube(db: ReadDb, versionId: number): VersionCube {
    let cube = this.cubes.get(versionId);
    if (!cube) {
      this.readingRows();
      if (!findVersion(db, versionId)) throw new AppError('NOT_FOUND', `plan version ${versionId} does not exist`);
      cube = loadVersionCube(db, this.refs, versionId);
      this.cubes.set(versionId, cube);
    }
    // Another version's load may have added combos.
    if (cube.rowId.length < this.refs.n * MONTHS) cube.fit(this.refs.n * MONTHS);
    return cube;
  }

  /**
   * Follows an undo or redo in place when it only moved target values: each loaded
   * cube takes the rows it holds. Anything else (rows added or removed, other tables)
   * answers false and the cache is rebuilt.
   */
  follow(effects: StepEffects): boolean {
    const harmless = new Set(['plan_version', 'ho_target']);
    if (effects.rowTables.some((t) => !harmless.has(t))) return false;
    for (const b of effects.bulk) {
      if (b.table !== 'target_fact') return false;
      // Rows came back (a new plan redone): rebuild.
      if (b.applied === 'insert') return false;
      if (b.applied === 'delete' || !b.values) {
        // Rows went (a new plan undone): reload the versions that held them.
        for (const cube of [...this.cubes.values()]) {
          if (cube.mayHoldRows(b.ids[0], b.ids[b.ids.length - 1]) && b.ids.some((id) => cube.cellOfRow(id) >= 0)) this.cubes.delete(cube.versionId);
        }
        continue;
      }
      for (let c = 0; c < b.columns.length; c++) {
        const column = b.columns[c];
        if (column !== 'amount_cents' && column !== 'volume') return false;
      }
      for (const cube of this.cubes.values()) {
        if (!cube.mayHoldRows(b.ids[0], b.ids[b.ids.length - 1])) continue;
        for (let i = 0; i < b.ids.length; i++) {
          const k = cube.cellOfRow(b.ids[i]);
          if (k < 0) continue;
          b.columns.forEach((column, c) => {
            const v = b.values![c][i];
            if (column === 'amount_cents') cube.amount[k] = Math.round(v / 100);
            else cube.volume[k] = v;
          });
        }
      }
    }
    return true;
  }

  /** Keeps a cube loaded ahead of its first use (the warm-up). */
  adopt(cube: VersionCube): void {
    this.cubes.set(cube.versionId, cube);
  }

  forget(versionId: number): void {
    this.cubes.delete(versionId);
  }

  loaded(): VersionCube[] {
    return [...this.cubes.values()];
  }
}

const caches = new WeakMap<RegionFile, TargetCache>();

/** Counts the changes a command made to a cube in place (noteCubeEdit), for cubeForEdit's rollback. */
let cubeEdits = 0;
/** Counts the changes that came without the values they moved: readers cannot follow those. */
let unfollowable = 0;

/**
 * Called by a command as it changes a cube's cells in place, after writing them to the
 * file; with what moved when only values moved (one such change per cube and command).
 */
export function noteCubeEdit(moved?: { cube: VersionCube } & Omit<CubeDelta, 'from' | 'to'>): void {
  cubeEdits++;
  if (!moved || moved.cube.pending) {
    unfollowable++;
    return;
  }
  moved.cube.pending = { cells: moved.cells, amount: moved.amount, volume: moved.volume };
}

/** The areas the cube is built from: the plan, the members it is broken down by, and last year's actuals. */
export const CUBE_READS: readonly Area[] = ['targets', 'master', 'actuals'];

/**
 * The file's cube, current with the file: rebuilt when a command changed an area it
 * is built from, unless that command kept it in step (cubeForEdit). `db` is the
 * connection to load from: a command's own, so that it sees its own writes.
 */
export function targetCache(file: RegionFile, db: ReadDb): TargetCache {
  const stamp = file.changes.stamp(CUBE_READS);
  const cached = caches.get(file);
  if (cached && cached.stamp === stamp) return cached;
  const warm = warming.get(file);
  if (warm) {
    warming.delete(file);
    // A warm-up of the same state, on the connection asking (a query, not a command
    // that may have written already): finish it now rather than start again.
    if (warm.stamp === stamp && warm.sqlite === db.sqlite) {
      const built = drain(warm.steps);
      caches.set(file, built);
      return built;
    }
  }
  const cache = newCache(file, buildRefs(db, regionPlanYear(db)), stamp);
  caches.set(file, cache);
  return cache;
}

const snapshotTotals = new WeakMap<RegionFile, Map<number, VersionTotals>>();

/** A cache of `file`'s cube: rows left for after a commit land before it reads rows; snapshots' totals kept per file. */
function newCache(file: RegionFile, refs: TargetRefs, stamp: string): TargetCache {
  let kept = snapshotTotals.get(file);
  if (!kept) {
    kept = new Map();
    snapshotTotals.set(file, kept);
  }
  return new TargetCache(refs, stamp, () => file.settle(), kept);
}

/**
 * The cube for a command that updates it in place as it writes: after the commit it
 * is stamped current again instead of being rebuilt.
 */
export function cubeForEdit(ctx: CommandCtx): TargetCache {
  const cache = targetCache(ctx.file, ctx.db);
  const unfollowableBefore = unfollowable;
  ctx.afterCommit(() => {
    if (caches.get(ctx.file) !== cache) return;
    const from = cache.stamp;
    cache.stamp = ctx.file.changes.stamp(CUBE_READS);
    // Each loaded version moved by what the command noted (nothing, for the others). A
    // command that noted no values (a lock, a new row) or some change without its values
    // leaves a gap: the readers add up again.
    const followable = unfollowable === unfollowableBefore && cache.loaded().some((c) => c.pending !== null);
    for (const cube of cache.loaded()) {
      const moved = cube.pending ?? { cells: new Int32Array(0), amount: new Float64Array(0), volume: new Float64Array(0) };
      cube.pending = null;
      if (!followable) {
        cube.deltas = [];
        continue;
      }
      cube.deltas.push({ from, to: cache.stamp, ...moved });
      if (cube.deltas.length > DELTAS_KEPT) cube.deltas.shift();
    }
  });
  // A command that fails after it changed the cube in place leaves the file as it was:
  // then the cube is dropped and built again from the file. A refusal (the common
  // failure) comes before any change, and keeps the cube.
  const mark = cubeEdits;
  ctx.afterRollback(() => {
    for (const cube of cache.loaded()) cube.pending = null;
    if (cubeEdits !== mark && caches.get(ctx.file) === cache) caches.delete(ctx.file);
  });
  return cache;
}

/** The cube's stamp before an undo or redo, for followStep. */
export function cubeStamp(file: RegionFile): string {
  return file.changes.stamp(CUBE_READS);
}

/**
 * After an undo or redo's commit: keep the cube if it was current before (`before`)
 * and can follow the step in place; otherwise drop it.
 */
export function followStep(file: RegionFile, before: string, effects: StepEffects): void {
  const cached = caches.get(file);
  if (!cached) return;
  if (cached.stamp === before && cached.follow(effects)) cached.stamp = file.changes.stamp(CUBE_READS);
  else caches.delete(file);
}

/** How long the core's calls must have been quiet before a warm-up step runs. */
const QUIET_MS = 40;

interface Warming {
  stamp: string;
  sqlite: unknown;
  steps: Steps<TargetCache>;
}
const warming = new WeakMap<RegionFile, Warming>();

/**
 * Starts building the file's cube (the refs with last year's actuals, and the working
 * plan's cells) in the background on the main thread, a month of actuals or a chunk of
 * cells at a time between other work, so that the first look at the targets finds it
 * built. Reads through the file's query connection; a change to what the cube is built
 * from abandons it (checked before each step), and a query that needs the cube before it
 * is done finishes it at once (targetCache).
 */
export function warmTargetCache(file: RegionFile): void {
  let db: ReadDb;
  try {
    db = file.read;
  } catch {
    return;
  }
  const stamp = file.changes.stamp(CUBE_READS);
  if (caches.get(file)?.stamp === stamp || warming.has(file)) return;
  try {
    // The warm-up reads the working version's rows: any an edit left for after its commit first.
    file.settle();
  } catch {
    return;
  }
  function* steps(): Steps<TargetCache> {
    const refs = yield* buildRefsSteps(db, regionPlanYear(db));
    const cache = newCache(file, refs, stamp);
    cache.adopt(yield* loadVersionCubeSteps(db, refs, workingVersionId(db)));
    return cache;
  }
  const job: Warming = { stamp, sqlite: db.sqlite, steps: steps() };
  warming.set(file, job);
  const step = () => {
    // Finished by a query meanwhile, or abandoned.
    if (warming.get(file) !== job) return;
    // Calls first: a step holds the thread for a month of actuals or a chunk of cells.
    if (!quietFor(QUIET_MS)) {
      setTimeout(step, QUIET_MS);
      return;
    }
    try {
      if (file.changes.stamp(CUBE_READS) !== stamp) throw new Error('changed');
      const r = job.steps.next();
      if (!r.done) {
        setImmediate(step);
        return;
      }
      warming.delete(file);
      if (caches.get(file)?.stamp !== stamp) caches.set(file, r.value);
    } catch {
      // Closed, changed or unreadable: the first query builds the cube, and says why if it cannot.
      warming.delete(file);
    }
  };
  setImmediate(step);
}

/** Whether the file's cube is being built in the background (for tests). */
export function isWarming(file: RegionFile): boolean {
  return warming.has(file);
}

/** The file's cube if one is built and current, without building one (for tests). */
export function currentTargetCache(file: RegionFile): TargetCache | undefined {
  const cached = caches.get(file);
  return cached && cached.stamp === file.changes.stamp(CUBE_READS) ? cached : undefined;
}
