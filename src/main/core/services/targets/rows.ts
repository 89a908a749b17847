import type { AddRowOutcome, RowMethod, RowOptions, TargetDim } from '../../../../shared/endpoints/targets';
import { refusal } from '../../../../shared/errors';
import { equalWeights, largestRemainder } from '../../../../shared/spread';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { BulkChange } from '../../db/undoLog';
import { recordEdit } from '../../db/undoLog';
import { insertCells, nextCellId, updateCells, type CellColumn } from '../../repos/targets/cells';
import { MONTHS, noteCubeEdit, type TargetCache, type TargetRefs, type VersionCube } from './model';
import { combosUnder } from './read';
import { seasonalityOf } from './season';
import { assertEditable } from './versions';

// New plan rows. A new plan gets leaves only where something sold last year, so a
// blank area (a city with no customer or no sales), a customer that started late or a
// new SKU has no row to type a target into. Here a row is added at any level of the
// grid's hierarchy: the leaf line it needs (city × channel × customer × SKU, the 12
// months) is made, and its annual amount spread over the months. A row already in
// the plan can instead have its months that are still zero filled.

export interface AddRowInput {
  versionId: number;
  levels: TargetDim[];
  parent: number[];
  id: number;
  /** Cents, whole 元. */
  amount: number;
  method: RowMethod;
  likeId?: number;
  cityId?: number;
  channelId?: number;
  skuId?: number;
  fillEmpty?: boolean;
}

function checkParent(levels: readonly TargetDim[], parent: readonly number[]): TargetDim {
  if (parent.length >= levels.length) {
    throw refusal('INVALID_INPUT', 'targets.error.noChildren', 'a leaf of the hierarchy has no level under it to add a row to', { path: 'parent' });
  }
  return levels[parent.length];
}

/** The dimensions a path fixes: level → id. */
function fixedBy(levels: readonly TargetDim[], path: readonly number[]): Map<TargetDim, number> {
  return new Map(path.map((id, d) => [levels[d], id]));
}

const known = (refs: TargetRefs, dim: TargetDim, id: number) => refs.labels.get(dim)?.has(id) ?? false;

/**
 * Whether a member of `dim` fits the dimensions fixed above it (a city in the
 * parent's province, a customer in its city and channel, a SKU of its brand), so
 * that the dialog offers only members the add will accept.
 */
function fits(refs: TargetRefs, fixed: Map<TargetDim, number>, dim: TargetDim, id: number): boolean {
  const is = (d: TargetDim, value: number) => !fixed.has(d) || fixed.get(d) === value;
  switch (dim) {
    case 'city':
      return is('province', refs.cityProvince[id] ?? 0);
    case 'customer': {
      if (!refs.customerActive[id]) return false;
      const city = refs.customerCity[id];
      return is('city', city) && is('province', refs.cityProvince[city] ?? 0) && is('channel', refs.customerChannel[id]) && is('salesperson', refs.customerOwner[id] ?? 0);
    }
    case 'sku':
      return !!refs.skuActive[id] && is('brand', refs.skuBrand[id] ?? 0) && is('category', refs.skuCategory[id] ?? 0);
    default:
      return true;
  }
}

/** The members of `dim` the version has cells for under `parent`. */
function plannedUnder(refs: TargetRefs, cube: VersionCube, levels: readonly TargetDim[], parent: readonly number[], dim: TargetDim): Set<number> {
  const col = refs.dimColumn(dim);
  const out = new Set<number>();
  const combos = combosUnder(refs, levels, parent);
  for (let i = 0; i < combos.length; i++) {
    const c = combos[i];
    if (out.has(col[c])) continue;
    for (let m = 0; m < MONTHS; m++) {
      if (cube.rowId[c * MONTHS + m] > 0) {
        out.add(col[c]);
        break;
      }
    }
  }
  return out;
}

function sortedMembers(refs: TargetRefs, dim: TargetDim, keep: (id: number) => boolean) {
  return [...(refs.labels.get(dim)?.entries() ?? [])]
    .filter(([id]) => keep(id))
    .sort((a, b) => a[1].sort - b[1].sort)
    .map(([id, l]) => ({ id, code: l.code, label: l.label }));
}

export function rowOptions(db: ReadDb, cache: TargetCache, input: { versionId: number; levels: TargetDim[]; parent: number[] }): RowOptions {
  const refs = cache.refs;
  const dim = checkParent(input.levels, input.parent);
  const cube = cache.cube(db, input.versionId);
  const fixed = fixedBy(input.levels, input.parent);
  const planned = plannedUnder(refs, cube, input.levels, input.parent, dim);
  const members = sortedMembers(refs, dim, (id) => fits(refs, fixed, dim, id)).map((m) => ({ ...m, planned: planned.has(m.id) }));
  const below = new Set<TargetDim>([...fixed.keys(), dim]);
  const fixesPlace = below.has('customer');
  return {
    dim,
    members,
    cities: fixesPlace || below.has('city') ? null : sortedMembers(refs, 'city', (id) => fits(refs, fixed, 'city', id)).map(({ id, label }) => ({ id, label })),
    channels: fixesPlace || below.has('channel') ? null : sortedMembers(refs, 'channel', () => true).map(({ id, label }) => ({ id, label })),
    skus: below.has('sku') ? null : sortedMembers(refs, 'sku', (id) => fits(refs, fixed, 'sku', id)),
  };
}

function conflict(what: string): never {
  throw refusal('INVALID_INPUT', 'targets.error.rowConflict', `${what} does not belong under this row`, { path: 'id', params: { name: what } });
}

/** The leaf line (combo coordinates) a new row needs, checked against the path. */
function leafOf(refs: TargetRefs, fixed: Map<TargetDim, number>, input: AddRowInput): { city: number; channel: number; customer: number; sku: number } {
  for (const [dim, id] of fixed) {
    if (id !== 0 && !known(refs, dim, id)) {
      throw refusal('NOT_FOUND', 'targets.error.rowUnknown', `${dim} ${id} does not exist`, { path: 'id', params: { dim, id } });
    }
  }
  const customer = fixed.get('customer') ?? 0;
  if (customer > 0 && !refs.customerActive[customer]) {
    throw refusal('INVALID_INPUT', 'targets.error.rowInactive', 'a terminated customer cannot be given a target', { path: 'id' });
  }
  const need = (dim: 'city' | 'channel' | 'sku', given: number | undefined, fromCustomer: number): number => {
    const value = fixed.get(dim) ?? (fromCustomer > 0 ? fromCustomer : given);
    if (!value) {
      throw refusal('INVALID_INPUT', 'targets.error.rowNeeds', `choose the ${dim} of the new row`, { path: `${dim}Id`, params: { dim } });
    }
    if (!known(refs, dim, value)) {
      throw refusal('NOT_FOUND', 'targets.error.rowUnknown', `${dim} ${value} does not exist`, { path: `${dim}Id`, params: { dim, id: value } });
    }
    return value;
  };
  const city = need('city', input.cityId, customer > 0 ? refs.customerCity[customer] : 0);
  const channel = need('channel', input.channelId, customer > 0 ? refs.customerChannel[customer] : 0);
  const sku = need('sku', input.skuId, 0);
  // What the path fixes must agree with the leaf (a customer is in its own city and channel).
  const check = (dim: TargetDim, value: number, what: string) => {
    if (fixed.has(dim) && fixed.get(dim) !== value) conflict(what);
  };
  const name = (dim: TargetDim, id: number) => refs.label(dim, id).label || `${dim} ${id}`;
  check('city', city, name('customer', customer));
  check('channel', channel, name('customer', customer));
  check('province', refs.cityProvince[city] ?? 0, name('city', city));
  check('brand', refs.skuBrand[sku] ?? 0, name('sku', sku));
  check('category', refs.skuCategory[sku] ?? 0, name('sku', sku));
  check('salesperson', customer > 0 ? (refs.customerOwner[customer] ?? 0) : 0, customer > 0 ? name('customer', customer) : name('city', city));
  if (!refs.skuActive[sku]) {
    throw refusal('INVALID_INPUT', 'targets.error.rowInactive', 'a discontinued SKU cannot be given a target', { path: 'skuId' });
  }
  return { city, channel, customer, sku };
}

/** Monthly totals (12) of `source` over combos. */
function monthlyOf(source: ArrayLike<number>, combos: Int32Array): Float64Array {
  const out = new Float64Array(MONTHS);
  for (let i = 0; i < combos.length; i++) {
    for (let m = 0; m < MONTHS; m++) out[m] += Math.max(0, source[combos[i] * MONTHS + m]);
  }
  return out;
}

const anyAbove = (a: ArrayLike<number>) => Array.prototype.some.call(a, (x: number) => x > 0);

/** The 12 monthly weights of a method. */
function monthWeights(db: ReadDb, cache: TargetCache, cube: VersionCube, input: AddRowInput): Float64Array {
  const refs = cache.refs;
  switch (input.method) {
    case 'equal':
      return equalWeights(MONTHS);
    case 'seasonal': {
      const parent = monthlyOf(refs.lyAmount, combosUnder(refs, input.levels, input.parent));
      if (anyAbove(parent)) return parent;
      return Float64Array.from(seasonalityOf(db, cache, input.versionId).profile);
    }
    case 'like': {
      const likeId = input.likeId!;
      const dim = input.levels[input.parent.length];
      if (!known(refs, dim, likeId)) {
        throw refusal('NOT_FOUND', 'targets.error.rowUnknown', `${dim} ${likeId} does not exist`, { path: 'likeId', params: { dim, id: likeId } });
      }
      const combos = combosUnder(refs, input.levels, [...input.parent, likeId]);
      const plan = monthlyOf(cube.amount, combos);
      if (anyAbove(plan)) return plan;
      const ly = monthlyOf(refs.lyAmount, combos);
      if (anyAbove(ly)) return ly;
      throw refusal('INVALID_INPUT', 'targets.error.likeEmpty', 'the comparable row has neither a target nor last year’s sales to copy the shape of', {
        path: 'likeId',
        params: { name: refs.label(dim, likeId).label },
      });
    }
  }
}

/** `total` (whole 元) over the months marked in `open`, by `weights` there (equal where they are all zero). */
function spreadMonths(total: number, weights: Float64Array, open: readonly boolean[]): Float64Array {
  const w = Float64Array.from(weights, (x, m) => (open[m] ? x : 0));
  const useful = anyAbove(w) ? w : Float64Array.from(open, (o) => (o ? 1 : 0));
  return largestRemainder(total, useful);
}

/** Volume of an amount at the SKU's list price (whole units; none without a price). */
function volumeOf(refs: TargetRefs, combo: number, yuan: number): number {
  const price = refs.skuPrice[refs.sku.data[combo]] ?? 0;
  return price > 0 ? Math.round((yuan * 100) / price) : 0;
}

/**
 * Adds a row (or fills a row's empty months) as one undo step, and updates the cube
 * in place: its cells are inserted (or updated) in the file and in the cube alike.
 */
export function addRow(db: WriteDb, cache: TargetCache, input: AddRowInput): AddRowOutcome {
  const refs = cache.refs;
  const dim = checkParent(input.levels, input.parent);
  assertEditable(db, input.versionId);
  const path = [...input.parent, input.id];
  const fixed = fixedBy(input.levels, path);
  const cube = cache.cube(db, input.versionId);
  const what = refs.label(dim, input.id).label || `${dim} ${input.id}`;
  if (!known(refs, dim, input.id)) {
    throw refusal('NOT_FOUND', 'targets.error.rowUnknown', `${dim} ${input.id} does not exist`, { path: 'id', params: { dim, id: input.id } });
  }
  if (!fits(refs, fixed, dim, input.id)) conflict(what);
  const existing = Array.from(combosUnder(refs, input.levels, path)).filter((c) => {
    for (let m = 0; m < MONTHS; m++) if (cube.rowId[c * MONTHS + m] > 0) return true;
    return false;
  });
  if (existing.length > 0 && !input.fillEmpty) {
    throw refusal('CONFLICT', 'targets.error.rowExists', `${what} is in the plan already`, { path: 'id', params: { name: what } });
  }
  const weights = monthWeights(db, cache, cube, input);
  const total = Math.round(input.amount / 100);

  // The cells to write: combo, month (0-based), amount (元).
  const cells: { combo: number; m: number; yuan: number }[] = [];
  if (existing.length === 0) {
    const leaf = leafOf(refs, fixed, input);
    const combo = refs.ensureCombo(leaf.city, leaf.channel, leaf.customer, leaf.sku);
    const months = spreadMonths(total, weights, new Array<boolean>(MONTHS).fill(true));
    for (let m = 0; m < MONTHS; m++) cells.push({ combo, m, yuan: months[m] });
  } else {
    // The row's months that are still zero, shared among its leaves by their year.
    const open = Array.from({ length: MONTHS }, (_, m) => existing.every((c) => cube.amount[c * MONTHS + m] === 0));
    if (!open.some(Boolean)) {
      throw refusal('CONFLICT', 'targets.error.rowFull', `${what} has a target in every month already`, { path: 'fillEmpty', params: { name: what } });
    }
    const months = spreadMonths(total, weights, open);
    const year = (src: ArrayLike<number>, c: number) => {
      let s = 0;
      for (let m = 0; m < MONTHS; m++) s += Math.max(0, src[c * MONTHS + m]);
      return s;
    };
    const byPlan = Float64Array.from(existing, (c) => year(cube.amount, c));
    const byLy = Float64Array.from(existing, (c) => year(refs.lyAmount, c));
    const share = anyAbove(byPlan) ? byPlan : anyAbove(byLy) ? byLy : equalWeights(existing.length);
    for (let m = 0; m < MONTHS; m++) {
      if (!open[m]) continue;
      const split = largestRemainder(months[m], share);
      existing.forEach((combo, i) => cells.push({ combo, m, yuan: split[i] }));
    }
  }
  // Combos may have been added: every loaded cube makes room.
  for (const c of cache.loaded()) c.fit(refs.n * MONTHS);

  const inserts = cells.filter((x) => cube.rowId[x.combo * MONTHS + x.m] === 0);
  const updates = cells
    .filter((x) => cube.rowId[x.combo * MONTHS + x.m] > 0 && cube.amount[x.combo * MONTHS + x.m] !== x.yuan)
    .sort((a, b) => cube.rowId[a.combo * MONTHS + a.m] - cube.rowId[b.combo * MONTHS + b.m]);
  const bulk: BulkChange[] = [];
  const insertIds = new Float64Array(inserts.length);
  if (inserts.length > 0) {
    const from = nextCellId(db);
    const cols: CellColumn[] = ['version_id', 'city_id', 'channel_id', 'customer_id', 'sku_id', 'month', 'amount_cents', 'volume'];
    const data = cols.map(() => new Float64Array(inserts.length));
    inserts.forEach((x, i) => {
      insertIds[i] = from + i;
      data[0][i] = input.versionId;
      data[1][i] = refs.city.data[x.combo];
      data[2][i] = refs.channel.data[x.combo];
      data[3][i] = refs.customer.data[x.combo] || NaN;
      data[4][i] = refs.sku.data[x.combo];
      data[5][i] = x.m + 1;
      data[6][i] = x.yuan * 100;
      data[7][i] = volumeOf(refs, x.combo, x.yuan);
    });
    bulk.push({ table: 'target_fact', kind: 'insert', ids: insertIds, columns: cols, before: null, after: data });
  }
  if (updates.length > 0) {
    const ids = Float64Array.from(updates, (x) => cube.rowId[x.combo * MONTHS + x.m]);
    const before = [Float64Array.from(updates, (x) => cube.amount[x.combo * MONTHS + x.m] * 100), Float64Array.from(updates, (x) => cube.volume[x.combo * MONTHS + x.m])];
    const after = [Float64Array.from(updates, (x) => x.yuan * 100), Float64Array.from(updates, (x) => volumeOf(refs, x.combo, x.yuan))];
    bulk.push({ table: 'target_fact', kind: 'update', ids, columns: ['amount_cents', 'volume'], before, after });
  }
  if (bulk.length === 0) return { path, created: 0, filled: 0 };
  recordEdit(
    db,
    existing.length > 0 ? 'targets.undo.fillRow' : 'targets.undo.addRow',
    () => {
      for (const b of bulk) {
        if (b.kind === 'insert') insertCells(db, b.ids, b.columns as CellColumn[], b.after);
        else updateCells(db, b.ids, b.columns as CellColumn[], b.after);
      }
      return { changes: [], bulk, value: null };
    },
    { versionId: input.versionId },
  );
  // The file has the cells: the cube takes them too (copies, so that no reader holds a half-changed array).
  noteCubeEdit();
  const rowId = cube.rowId.slice();
  const amount = cube.amount.slice();
  const volume = cube.volume.slice();
  inserts.forEach((x, i) => {
    const k = x.combo * MONTHS + x.m;
    rowId[k] = insertIds[i];
    amount[k] = x.yuan;
    volume[k] = volumeOf(refs, x.combo, x.yuan);
  });
  for (const x of updates) {
    const k = x.combo * MONTHS + x.m;
    amount[k] = x.yuan;
    volume[k] = volumeOf(refs, x.combo, x.yuan);
  }
  cube.rowId = rowId;
  cube.amount = amount;
  cube.volume = volume;
  cube.present += inserts.length;
  if (inserts.length > 0) cube.rowsChanged();
  return { path, created: inserts.length, filled: updates.length };
}
