import type {
  BalanceResult, SpreadMethod, SpreadOutcome, TargetDim, TargetMeasure, TargetPeriod,
} from '../../../../shared/endpoints/targets';
import { refusal, type AppError } from '../../../../shared/errors';
import {
  equalWeights, ipf, largestRemainder, roundMatrixPreservingMargins, spreadTotal, type SpreadResult,
} from '../../../../shared/spread';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit } from '../../db/undoLog';
import { insertCells, nextCellId, type CellColumn } from '../../repos/targets/cells';
import { lockMask, readLocks } from './locks';
import { MONTHS, noteCubeEdit, type TargetCache, type TargetRefs, type VersionCube } from './model';
import { combosUnder } from './read';
import { seasonalityOf } from './season';
import { assertEditable } from './versions';

// Writing the cube: a set of cell edits (each a total that spreads down or a leaf
// that rolls up), manual weights, and the balanced breakdown. Every call works on
// copies of the affected arrays, records the changed cells as one bulk undo record
// whose rows are written set-based (db/bulk.ts), and only then updates the cube in
// place.
//
// A spread's way through the code: the target grid (renderer, TargetsPage) calls the
// endpoint targets.setCells; its handler (handlers/targets.ts) calls setCells here
// with the command's write handle and the cube (cubeForEdit); setCells reads the
// locks (locks.ts → repos/targets/locks.ts), spreads in the arrays, and commit()
// inserts new leaves through insertCells (repos/targets/cells.ts) or records changed
// ones for the undo step to write: when the registry runs the command, just after its
// commit (db/deferredRows.ts), since the cube that every view of the targets reads
// already holds the new values.

export function monthsOf(period: TargetPeriod): number[] {
  if (period === 'year') return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (period.startsWith('q')) {
    const q = Number(period.slice(1));
    return [3 * q - 2, 3 * q - 1, 3 * q];
  }
  return [Number(period.slice(1))];
}

/** Cube values are whole 元 for amount; the contract and the file use cents. */
const COLUMN: Record<TargetMeasure, CellColumn> = { amount: 'amount_cents', volume: 'volume' };
const fileScale = (measure: TargetMeasure) => (measure === 'amount' ? 100 : 1);

function toCubeUnits(measure: TargetMeasure, value: number): number {
  return measure === 'amount' ? Math.round(value / 100) : Math.round(value);
}

interface Work {
  refs: TargetRefs;
  cube: VersionCube;
  rowId: Float64Array;
  amount: Float64Array;
  volume: Float64Array;
  /** First new row id and count when this call creates the version's leaves. */
  seeded: { from: number; cells: Int32Array } | null;
  /** Whether amount/volume are this call's own copies yet (copied on first write; only when rewritesAll). */
  own: { amount: boolean; volume: boolean };
  /** True when the call rewrites every cell: it works on copies, and the commit compares every cell. */
  rewritesAll: boolean;
  /**
   * The spreads written into the cube's own arrays, each with the values it replaced, in
   * order: the commit finds what changed from it, and a refusal puts the values back.
   */
  journal: { measure: TargetMeasure; cells: Int32Array; old: Float64Array }[];
}

/** Work on a version: reads see the cube; a spread writes into it in place, journalled. */
function readWork(refs: TargetRefs, cube: VersionCube): Work {
  return { refs, cube, rowId: cube.rowId, amount: cube.amount, volume: cube.volume, seeded: null, own: { amount: false, volume: false }, rewritesAll: false, journal: [] };
}

/** Work that will be committed: refused on a snapshot, before anything is written. */
function startWork(db: ReadDb, refs: TargetRefs, cube: VersionCube): Work {
  assertEditable(db, cube.versionId);
  return readWork(refs, cube);
}

const values = (w: Work, measure: TargetMeasure) => (measure === 'amount' ? w.amount : w.volume);

/**
 * The measure's array for rewriting every cell (rewritesAll): the cube's own is copied
 * first, so that a preview or a refused call changes nothing.
 */
function writable(w: Work, measure: TargetMeasure): Float64Array<ArrayBufferLike> {
  if (!w.own[measure]) {
    if (measure === 'amount') w.amount = w.amount.slice();
    else w.volume = w.volume.slice();
    w.own[measure] = true;
  }
  return values(w, measure);
}

/** Puts back what the journalled spreads replaced, newest first: the cube is as before the call. */
function undoJournal(w: Work): void {
  for (let j = w.journal.length - 1; j >= 0; j--) {
    const { measure, cells, old } = w.journal[j];
    const arr = values(w, measure);
    for (let i = 0; i < cells.length; i++) arr[cells[i]] = old[i];
  }
  w.journal = [];
}

/** Runs a command's work; on any failure the cube's cells are put back as they were. */
function guarded<T>(w: Work, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    undoJournal(w);
    throw e;
  }
}

/**
 * Gives an empty version its leaves: every combo that sold in the reference periods,
 * all 12 months, at zero (the spread that follows fills them). Their rows are numbered in
 * the order of the cell key, as a copied version's are: each lands at the end of the key's
 * index, and next to the same customer's others in the customer index.
 */
function seed(db: ReadDb, refs: TargetRefs, w: Work): void {
  const cells: number[] = [];
  for (const c of refs.combosInKeyOrder()) {
    if (!refs.active[c]) continue;
    for (let m = 0; m < MONTHS; m++) cells.push(c * MONTHS + m);
  }
  if (cells.length === 0) {
    throw refusal('INVALID_INPUT', 'targets.error.noActuals', "there are no actuals to build the plan from: import last year's sales first", { path: 'edits' });
  }
  const from = nextCellId(db);
  const rowId = w.rowId.slice();
  cells.forEach((k, i) => {
    rowId[k] = from + i;
  });
  w.rowId = rowId;
  w.seeded = { from, cells: Int32Array.from(cells) };
}

/** The version's cells under a node, in the given months. */
function cellsOf(refs: TargetRefs, w: Work, levels: readonly TargetDim[], path: readonly number[], months: readonly number[]): Int32Array {
  const combos = combosUnder(refs, levels, path);
  const out: number[] = [];
  for (let i = 0; i < combos.length; i++) {
    const base = combos[i] * MONTHS;
    for (const m of months) if (w.rowId[base + m - 1] > 0) out.push(base + m - 1);
  }
  return Int32Array.from(out);
}

interface MethodContext {
  db: ReadDb;
  cache: TargetCache;
  versionId: number;
  method: SpreadMethod;
  referenceVersionId?: number;
}

function weightsFor(ctx: MethodContext, w: Work, measure: TargetMeasure, cells: Int32Array): Float64Array | null {
  const refs = ctx.cache.refs;
  const n = cells.length;
  const pick = (source: ArrayLike<number>) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.max(0, source[cells[i]]);
    return out;
  };
  switch (ctx.method) {
    case 'lastYear':
      return pick(measure === 'amount' ? refs.lyAmount : refs.lyVolume);
    case 'last12':
      return pick(measure === 'amount' ? refs.l12Amount : refs.l12Volume);
    case 'version': {
      if (ctx.referenceVersionId === undefined) {
        throw refusal('INVALID_INPUT', 'targets.error.referenceNeeded', 'choose the version to spread by', { path: 'referenceVersionId' });
      }
      return pick(ctx.cache.cube(ctx.db, ctx.referenceVersionId).values(measure));
    }
    case 'current':
      return null;
    case 'equal':
      return equalWeights(n);
    case 'seasonal': {
      // Months by the profile; within a month, leaves by their share of the year
      // (current plan, else last year, else equal).
      const profile = seasonalityOf(ctx.db, ctx.cache, ctx.versionId).profile;
      const current = values(w, measure);
      const ly = measure === 'amount' ? refs.lyAmount : refs.lyVolume;
      const annual = (src: ArrayLike<number>, combo: number) => {
        let s = 0;
        for (let m = 0; m < MONTHS; m++) s += Math.max(0, src[combo * MONTHS + m]);
        return s;
      };
      const share = new Float64Array(n);
      let sumCurrent = 0;
      let sumLy = 0;
      for (let i = 0; i < n; i++) {
        const combo = Math.floor(cells[i] / MONTHS);
        sumCurrent += annual(current, combo);
        sumLy += annual(ly, combo);
      }
      for (let i = 0; i < n; i++) {
        const combo = Math.floor(cells[i] / MONTHS);
        share[i] = sumCurrent > 0 ? annual(current, combo) : sumLy > 0 ? annual(ly, combo) : 1;
      }
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = profile[cells[i] % MONTHS] * share[i];
      return out;
    }
  }
}

function failure(result: Extract<SpreadResult, { ok: false }>, what: string): AppError {
  return refusal('INVALID_INPUT', `targets.error.${result.reason}`, `${what}: ${result.message}`, { path: 'edits', params: { what } });
}

/** Spreads `total` (cube units) over `cells`, writing into the work arrays. */
function spreadInto(
  w: Work,
  measure: TargetMeasure,
  cells: Int32Array,
  total: number,
  weights: Float64Array | null,
  mask: Uint8Array,
  what: string,
): SpreadOutcome['basis'] {
  const vals = values(w, measure);
  const n = cells.length;
  if (n === 0) {
    if (total === 0) return 'none';
    throw refusal('INVALID_INPUT', 'targets.error.noLeaves', `${what}: there is no leaf cell under it to hold a target`, { path: 'edits', params: { what } });
  }
  const current = new Float64Array(n);
  const locked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    current[i] = vals[cells[i]];
    locked[i] = mask[cells[i]];
  }
  const result = spreadTotal({ total, current, weights, locked });
  if (!result.ok) throw failure(result, what);
  if (w.rewritesAll) {
    const out = writable(w, measure);
    for (let i = 0; i < n; i++) out[cells[i]] = result.values[i];
  } else {
    // In place (copying 1.45M cells per edit cost more than the spread), journalled.
    w.journal.push({ measure, cells, old: current });
    for (let i = 0; i < n; i++) vals[cells[i]] = result.values[i];
  }
  return result.basis;
}

/**
 * Changed cells in the order of their row ids (the bulk write's order), with each one's
 * place in the given lists. Where the pair fits a float exactly, (row id, place) is packed
 * into one and sorted natively; else by comparison.
 */
function byRowId(rowIds: Float64Array, cells: Int32Array): { ids: Float64Array; ks: Int32Array; from: Int32Array } {
  const n = rowIds.length;
  const ids = new Float64Array(n);
  const ks = new Int32Array(n);
  const from = new Int32Array(n);
  let maxId = 0;
  let ascending = true;
  for (let i = 0; i < n; i++) {
    if (i > 0 && rowIds[i] <= rowIds[i - 1]) ascending = false;
    if (rowIds[i] > maxId) maxId = rowIds[i];
  }
  if (ascending) {
    // Cells in the order their rows were made (the usual case): nothing to sort.
    for (let i = 0; i < n; i++) from[i] = i;
    ids.set(rowIds);
    ks.set(cells);
  } else if ((maxId + 1) * n <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = rowIds[i] * n + i;
    packed.sort();
    for (let i = 0; i < n; i++) {
      const at = packed[i] % n;
      from[i] = at;
      ids[i] = rowIds[at];
      ks[i] = cells[at];
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => rowIds[x] - rowIds[y]);
    order.forEach((at, i) => {
      from[i] = at;
      ids[i] = rowIds[at];
      ks[i] = cells[at];
    });
  }
  return { ids, ks, from };
}

/**
 * The cells the journal's spreads wrote, each once, in the order first written, with the
 * amount and volume each had before the call.
 */
function journalled(w: Work, cells: number): { order: Int32Array; amount0: Float64Array; volume0: Float64Array } {
  let total = 0;
  for (const e of w.journal) total += e.cells.length;
  const order = new Int32Array(total);
  const amount0 = new Float64Array(total);
  const volume0 = new Float64Array(total);
  const seenAmount = new Uint8Array(total);
  const seenVolume = new Uint8Array(total);
  // A cell's place in `order`, plus one (0: not yet seen).
  const place = scratchPlaces(cells);
  let count = 0;
  for (const { measure, cells: list, old } of w.journal) {
    const seen = measure === 'amount' ? seenAmount : seenVolume;
    const first = measure === 'amount' ? amount0 : volume0;
    for (let i = 0; i < list.length; i++) {
      const k = list[i];
      let at = place[k] - 1;
      if (at < 0) {
        at = count++;
        place[k] = at + 1;
        order[at] = k;
      }
      if (!seen[at]) {
        seen[at] = 1;
        first[at] = old[i];
      }
    }
  }
  for (let at = 0; at < count; at++) {
    const k = order[at];
    place[k] = 0;
    if (!seenAmount[at]) amount0[at] = w.amount[k];
    if (!seenVolume[at]) volume0[at] = w.volume[k];
  }
  return { order: order.subarray(0, count), amount0: amount0.subarray(0, count), volume0: volume0.subarray(0, count) };
}

/** A zeroed index over a version's cells, reused between edits (its users zero what they set). */
let places = new Int32Array(0);
function scratchPlaces(cells: number): Int32Array {
  if (places.length < cells) places = new Int32Array(cells);
  return places;
}

/** Writes what changed (or the new leaves) as one undo step and updates the cube. */
function commit(db: WriteDb, w: Work, label: string): number {
  const cube = w.cube;
  let changed: number;
  if (w.seeded) {
    const { from, cells } = w.seeded;
    const n = cells.length;
    const ids = new Float64Array(n);
    const cols: CellColumn[] = ['version_id', 'city_id', 'channel_id', 'customer_id', 'sku_id', 'month', 'amount_cents', 'volume'];
    const data = cols.map(() => new Float64Array(n));
    const refs = w.refs;
    for (let i = 0; i < n; i++) {
      const k = cells[i];
      const c = Math.floor(k / MONTHS);
      ids[i] = from + i;
      data[0][i] = cube.versionId;
      data[1][i] = refs.city.data[c];
      data[2][i] = refs.channel.data[c];
      data[3][i] = refs.customer.data[c] || NaN;
      data[4][i] = refs.sku.data[c];
      data[5][i] = (k % MONTHS) + 1;
      data[6][i] = w.amount[k] * 100;
      data[7][i] = w.volume[k];
    }
    recordEdit(db, label, () => {
      insertCells(db, ids, cols, data);
      return { changes: [], bulk: [{ table: 'target_fact', kind: 'insert', ids, columns: cols, before: null, after: data }], value: null };
    }, { versionId: cube.versionId });
    changed = n;
    noteCubeEdit();
    cube.rowId = w.rowId;
    cube.present += n;
    cube.rowsChanged();
  } else {
    const cells = cube.rowId.length;
    // The cells to compare (each once) with the values they had before the call: every
    // cell, or the cells the spreads wrote against the value each one's first write
    // replaced (a measure no spread wrote is as it was).
    const seen = w.rewritesAll ? null : journalled(w, cells);
    const total = seen ? seen.order.length : cells;
    const changedIds = new Float64Array(total);
    const changedCells = new Int32Array(total);
    const oldAmount = new Float64Array(total);
    const oldVolume = new Float64Array(total);
    let count = 0;
    let amountChanged = false;
    let volumeChanged = false;
    const rowIds = cube.rowId;
    const amountNow = w.amount;
    const volumeNow = w.volume;
    for (let i = 0; i < total; i++) {
      const k = seen ? seen.order[i] : i;
      const id = rowIds[k];
      if (id === 0) continue;
      const a0 = seen ? seen.amount0[i] : cube.amount[k];
      const v0 = seen ? seen.volume0[i] : cube.volume[k];
      const a = amountNow[k] !== a0;
      const v = volumeNow[k] !== v0;
      if (!a && !v) continue;
      changedIds[count] = id;
      changedCells[count] = k;
      oldAmount[count] = a0;
      oldVolume[count] = v0;
      count++;
      amountChanged ||= a;
      volumeChanged ||= v;
    }
    if (count === 0) return 0;
    const { ids, ks, from } = byRowId(changedIds.subarray(0, count), changedCells.subarray(0, count));
    const n = ids.length;
    const columns: CellColumn[] = [];
    const before: Float64Array[] = [];
    const after: Float64Array[] = [];
    const add = (measure: TargetMeasure) => {
      const b = new Float64Array(n);
      const a = new Float64Array(n);
      const old = measure === 'amount' ? oldAmount : oldVolume;
      const now = values(w, measure);
      const scale = fileScale(measure);
      for (let i = 0; i < n; i++) {
        b[i] = old[from[i]] * scale;
        a[i] = now[ks[i]] * scale;
      }
      columns.push(COLUMN[measure]);
      before.push(b);
      after.push(a);
    };
    if (amountChanged) add('amount');
    if (volumeChanged) add('volume');
    // The rows are written from `after` by the undo step: just after the commit when the
    // registry runs the command (the cube already holds the values), else at once.
    recordEdit(db, label, () => ({ changes: [], bulk: [{ table: 'target_fact', kind: 'update', ids, columns, before, after, later: true }], value: null }), {
      versionId: cube.versionId,
    });
    changed = n;
    // What moved, for readers that follow changes (the tree's sums) once the commit lands.
    const dAmount = new Float64Array(n);
    const dVolume = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      dAmount[i] = w.amount[ks[i]] - oldAmount[from[i]];
      dVolume[i] = w.volume[ks[i]] - oldVolume[from[i]];
    }
    noteCubeEdit({ cube, cells: ks, amount: dAmount, volume: dVolume });
  }
  cube.amount = w.amount;
  cube.volume = w.volume;
  return changed;
}

export interface SetCellsInput {
  versionId: number;
  levels: TargetDim[];
  measure: TargetMeasure;
  method: SpreadMethod;
  referenceVersionId?: number;
  edits: { path: number[]; period: TargetPeriod; value: number }[];
  label: string;
}

function checkPath(levels: readonly TargetDim[], path: readonly number[], where: string): void {
  if (path.length > levels.length) {
    throw refusal('INVALID_INPUT', 'targets.error.pathTooDeep', `path has ${path.length} ids but the hierarchy has ${levels.length} levels`, {
      path: where,
      params: { ids: path.length, levels: levels.length },
    });
  }
}

/**
 * The edits of a grid (typed, pasted, filled, cleared) on one version, as one undo
 * step: a total spreads down over its leaves by `method`, locks honoured; a leaf
 * rolls up. The first edit of an empty version gives it its leaves (seed).
 */
export function setCells(db: WriteDb, cache: TargetCache, input: SetCellsInput): SpreadOutcome {
  const refs = cache.refs;
  const cube = cache.cube(db, input.versionId);
  const w = startWork(db, refs, cube);
  return guarded(w, () => {
    const ctx: MethodContext = { db, cache, versionId: input.versionId, method: input.method, referenceVersionId: input.referenceVersionId };
    const mask = lockMask(refs, readLocks(db, refs, input.versionId));
    let basis: SpreadOutcome['basis'] = 'none';
    const seeding = cube.present === 0;
    if (seeding) seed(db, refs, w);
    for (const e of input.edits) {
      checkPath(input.levels, e.path, 'edits');
      const cells = cellsOf(refs, w, input.levels, e.path, monthsOf(e.period));
      const what = describe(refs, input.levels, e.path, e.period);
      basis = spreadInto(w, input.measure, cells, toCubeUnits(input.measure, e.value), weightsFor(ctx, w, input.measure, cells), mask, what);
    }
    if (seeding) {
      // The other measure of a new plan grows like the edited one, shaped by last year.
      const other: TargetMeasure = input.measure === 'amount' ? 'volume' : 'amount';
      const cells = w.seeded!.cells;
      const lyThis = sumOf(input.measure === 'amount' ? refs.lyAmount : refs.lyVolume, cells) / fileScale(input.measure);
      const lyOther = sumOf(other === 'amount' ? refs.lyAmount : refs.lyVolume, cells) / fileScale(other);
      const planThis = sumOf(values(w, input.measure), cells);
      const total = lyThis > 0 ? Math.round((lyOther * planThis) / lyThis) : 0;
      const otherCtx = { ...ctx, method: input.method === 'current' || input.method === 'equal' ? ('lastYear' as const) : input.method };
      spreadInto(w, other, cells, total, weightsFor(otherCtx, w, other, cells), new Uint8Array(mask.length), 'plan');
    }
    const changed = commit(db, w, `targets.undo.${input.label}`);
    return { changed, basis, seeded: seeding };
  });
}

function sumOf(source: ArrayLike<number>, cells: Int32Array): number {
  let s = 0;
  for (let i = 0; i < cells.length; i++) s += source[cells[i]];
  return s;
}

function describe(refs: TargetRefs, levels: readonly TargetDim[], path: readonly number[], period: TargetPeriod): string {
  const names = path.map((id, d) => refs.label(levels[d], id).label || '—');
  return `${names.length ? names.join(' / ') : 'region'} (${period})`;
}

function emptyPlan() {
  return refusal('INVALID_INPUT', 'targets.error.empty', 'the plan is empty: set the region total first', { path: 'versionId' });
}

export interface ManualInput {
  versionId: number;
  levels: TargetDim[];
  measure: TargetMeasure;
  path: number[];
  period: TargetPeriod;
  total?: number;
  weights: { id: number; weight: number }[];
}

/** Splits a node's period total among its children by manual weights. */
export function spreadManual(db: WriteDb, cache: TargetCache, input: ManualInput): SpreadOutcome {
  const refs = cache.refs;
  checkPath(input.levels, input.path, 'path');
  if (input.path.length >= input.levels.length) {
    throw refusal('INVALID_INPUT', 'targets.error.noChildren', 'a leaf of the hierarchy has no children to split among', { path: 'path' });
  }
  const cube = cache.cube(db, input.versionId);
  if (cube.present === 0) throw emptyPlan();
  const w = startWork(db, refs, cube);
  return guarded(w, () => {
    const mask = lockMask(refs, readLocks(db, refs, input.versionId));
    const months = monthsOf(input.period);
    const vals = values(w, input.measure);
    const childDim = input.levels[input.path.length];
    const nodeCells = cellsOf(refs, w, input.levels, input.path, months);
    const total = input.total !== undefined ? toCubeUnits(input.measure, input.total) : sumOf(vals, nodeCells);
    const weightOf = new Map(input.weights.map((x) => [x.id, x.weight]));
    const col = refs.dimColumn(childDim);
    // Children present under the node, in a stable order.
    const childIds = [...new Set(Array.from(nodeCells, (k) => col[Math.floor(k / MONTHS)]))].sort((a, b) => a - b);
    for (const id of weightOf.keys()) {
      if (!childIds.includes(id)) {
        throw refusal('INVALID_INPUT', 'targets.error.notChild', `child ${id} is not under this node`, { path: 'weights', params: { id } });
      }
    }
    const weights = Float64Array.from(childIds, (id) => weightOf.get(id) ?? 0);
    if (!weights.some((x) => x > 0)) {
      throw refusal('INVALID_INPUT', 'targets.error.noWeights', 'give at least one child a weight above zero', { path: 'weights' });
    }
    const shares = largestRemainder(total, weights);
    let basis: SpreadOutcome['basis'] = 'weights';
    childIds.forEach((id, i) => {
      const cells = Int32Array.from(Array.from(nodeCells).filter((k) => col[Math.floor(k / MONTHS)] === id));
      const what = describe(refs, [...input.levels.slice(0, input.path.length), childDim], [...input.path, id], input.period);
      const b = spreadInto(w, input.measure, cells, shares[i], null, mask, what);
      if (b !== 'current') basis = b;
    });
    const changed = commit(db, w, 'targets.undo.manual');
    return { changed, basis, seeded: false };
  });
}

// ---------------------------------------------------------------------------------
// Balanced breakdown: month totals × brand-channel totals by iterative proportional fitting.

interface PairIndex {
  pairs: { brandId: number; channelId: number }[];
  /** Per combo: its pair's index. */
  ofCombo: Int32Array;
}

function pairIndex(refs: TargetRefs, w: Work): PairIndex {
  const key = new Map<number, number>();
  const pairs: PairIndex['pairs'] = [];
  const ofCombo = new Int32Array(refs.n).fill(-1);
  const brands = refs.dimColumn('brand');
  for (let c = 0; c < refs.n; c++) {
    let present = false;
    for (let m = 0; m < MONTHS; m++) if (w.rowId[c * MONTHS + m] > 0) present = true;
    if (!present) continue;
    const b = brands[c];
    const ch = refs.channel.data[c];
    const k = b * 65536 + ch;
    let p = key.get(k);
    if (p === undefined) {
      p = pairs.length;
      key.set(k, p);
      pairs.push({ brandId: b, channelId: ch });
    }
    ofCombo[c] = p;
  }
  return { pairs, ofCombo };
}

/** Every cell with a row, with its month (0-based) and brand × channel pair. */
function forEachPlannedCell(refs: TargetRefs, w: Work, ofCombo: Int32Array, fn: (k: number, m: number, pair: number) => void): void {
  for (let c = 0; c < refs.n; c++) {
    const p = ofCombo[c];
    if (p < 0) continue;
    for (let m = 0; m < MONTHS; m++) {
      const k = c * MONTHS + m;
      if (w.rowId[k] !== 0) fn(k, m, p);
    }
  }
}

export function currentPairs(db: ReadDb, cache: TargetCache, versionId: number, measure: TargetMeasure): BalanceResult['pairs'] {
  const refs = cache.refs;
  const cube = cache.cube(db, versionId);
  const w = readWork(refs, cube);
  const { pairs, ofCombo } = pairIndex(refs, w);
  const sums = new Float64Array(pairs.length);
  const vals = cube.values(measure);
  for (let c = 0; c < refs.n; c++) {
    const p = ofCombo[c];
    if (p < 0) continue;
    for (let m = 0; m < MONTHS; m++) sums[p] += vals[c * MONTHS + m];
  }
  const scale = fileScale(measure);
  return pairs
    .map((p, i) => ({
      ...p,
      brand: refs.label('brand', p.brandId).label,
      channel: refs.label('channel', p.channelId).label,
      target: sums[i] * scale,
      result: sums[i] * scale,
      current: sums[i] * scale,
    }))
    .sort((a, b) => refs.label('brand', a.brandId).sort - refs.label('brand', b.brandId).sort || refs.label('channel', a.channelId).sort - refs.label('channel', b.channelId).sort);
}

export interface BalanceInput {
  versionId: number;
  measure: TargetMeasure;
  monthTargets: number[];
  pairTargets: { brandId: number; channelId: number; value: number }[];
  apply: boolean;
}

export function balanceTargets(db: WriteDb, cache: TargetCache, input: BalanceInput): BalanceResult {
  const refs = cache.refs;
  const cube = cache.cube(db, input.versionId);
  if (cube.present === 0) throw emptyPlan();
  const w = input.apply ? startWork(db, refs, cube) : readWork(refs, cube);
  const { measure } = input;
  // The fit rewrites cells all over the version: compare every cell at commit.
  w.rewritesAll = true;
  const vals = writable(w, measure);
  const scale = fileScale(measure);
  const mask = lockMask(refs, readLocks(db, refs, input.versionId));
  const { pairs, ofCombo } = pairIndex(refs, w);
  const P = pairs.length;
  const pairAt = new Map(pairs.map((p, i) => [p.brandId * 65536 + p.channelId, i]));
  const pairTarget = new Float64Array(P);
  const given = new Uint8Array(P);
  for (const t of input.pairTargets) {
    const i = pairAt.get(t.brandId * 65536 + t.channelId);
    if (i === undefined) continue;
    pairTarget[i] = toCubeUnits(measure, t.value);
    given[i] = 1;
  }
  const unreachableInput = input.pairTargets.filter((t) => !pairAt.has(t.brandId * 65536 + t.channelId) && t.value > 0);
  // Seed: the unlocked values per month × pair; the locked part is taken off the targets.
  const seedM = new Float64Array(MONTHS * P);
  const lockedMonth = new Float64Array(MONTHS);
  const lockedPair = new Float64Array(P);
  const currentPair = new Float64Array(P);
  const lyPair = new Float64Array(MONTHS * P);
  const ly = measure === 'amount' ? refs.lyAmount : refs.lyVolume;
  forEachPlannedCell(refs, w, ofCombo, (k, m, p) => {
    currentPair[p] += vals[k];
    if (mask[k]) {
      lockedMonth[m] += vals[k];
      lockedPair[p] += vals[k];
    } else {
      seedM[m * P + p] += vals[k];
      lyPair[m * P + p] += Math.max(0, ly[k]);
    }
  });
  // Where the plan has nothing unlocked in a pair, last year's shape seeds it.
  for (let i = 0; i < seedM.length; i++) if (seedM[i] === 0 && lyPair[i] > 0) seedM[i] = lyPair[i] / (measure === 'amount' ? 100 : 1);
  for (let p = 0; p < P; p++) if (!given[p]) pairTarget[p] = currentPair[p];
  const rowT = Float64Array.from({ length: MONTHS }, (_, m) => Math.max(0, toCubeUnits(measure, input.monthTargets[m]) - lockedMonth[m]));
  const colT = Float64Array.from({ length: P }, (_, p) => Math.max(0, pairTarget[p] - lockedPair[p]));
  const fit = ipf(seedM, MONTHS, P, rowT, colT, { maxIterations: 200, tolerance: 0.5 });
  // Whole units that keep both margins; when the fit left a residual that cannot be
  // met, the month totals are held (row by row) and the residual shows per pair.
  const rowSum = rowT.reduce((a, b) => a + b, 0);
  const colInt = largestRemainder(rowSum, fit.colTargets.some((x) => x > 0) ? fit.colTargets : equalWeights(P));
  const rounded = fit.converged ? roundMatrixPreservingMargins(fit.matrix, MONTHS, P, rowT, colInt) : null;
  let cellsTotals: Float64Array;
  if (rounded?.ok) {
    cellsTotals = rounded.matrix;
  } else {
    cellsTotals = new Float64Array(MONTHS * P);
    for (let m = 0; m < MONTHS; m++) {
      const row = fit.matrix.subarray(m * P, (m + 1) * P);
      if (!row.some((x) => x > 0)) continue;
      cellsTotals.set(largestRemainder(rowT[m], row), m * P);
    }
  }
  // Each month × pair total goes to its unlocked leaves by their current values.
  const groups = new Map<number, number[]>();
  forEachPlannedCell(refs, w, ofCombo, (k, m, p) => {
    if (mask[k]) return;
    const g = m * P + p;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(k);
  });
  for (const [g, list] of groups) {
    const cells = Int32Array.from(list);
    const weights = new Float64Array(cells.length);
    let any = false;
    for (let i = 0; i < cells.length; i++) {
      weights[i] = vals[cells[i]] > 0 ? vals[cells[i]] : Math.max(0, ly[cells[i]]);
      if (weights[i] > 0) any = true;
    }
    const share = largestRemainder(cellsTotals[g], any ? weights : equalWeights(cells.length));
    for (let i = 0; i < cells.length; i++) vals[cells[i]] = share[i];
  }
  // What the leaves add up to now.
  const monthResult = new Float64Array(MONTHS);
  const pairResult = new Float64Array(P);
  forEachPlannedCell(refs, w, ofCombo, (k, m, p) => {
    monthResult[m] += vals[k];
    pairResult[p] += vals[k];
  });
  let maxResidual = 0;
  const months = Array.from({ length: MONTHS }, (_, m) => {
    const target = toCubeUnits(measure, input.monthTargets[m]);
    maxResidual = Math.max(maxResidual, Math.abs(target - monthResult[m]));
    return { target: target * scale, result: monthResult[m] * scale };
  });
  // The pair targets actually fitted: scaled to the month total when the two disagree.
  const pairOut = pairs.map((p, i) => {
    const fitted = colInt[i] + lockedPair[i];
    maxResidual = Math.max(maxResidual, Math.abs(fitted - pairResult[i]));
    return {
      ...p,
      brand: refs.label('brand', p.brandId).label,
      channel: refs.label('channel', p.channelId).label,
      target: fitted * scale,
      result: pairResult[i] * scale,
      current: currentPair[i] * scale,
    };
  });
  const monthTotal = input.monthTargets.reduce((a, b) => a + b, 0);
  const pairTotal = pairTarget.reduce((a, b) => a + b, 0) * scale;
  let changed = 0;
  if (input.apply) changed = commit(db, w, 'targets.undo.balance');
  return {
    iterations: fit.iterations,
    converged: fit.converged,
    maxResidual: maxResidual * scale,
    months,
    pairs: pairOut,
    inconsistent: Math.abs(monthTotal - pairTotal) >= scale ? { monthTotal, pairTotal } : null,
    unreachable: [
      ...fit.unreachable.cols.map((p) => ({ brandId: pairs[p].brandId, channelId: pairs[p].channelId })),
      ...unreachableInput.map((t) => ({ brandId: t.brandId, channelId: t.channelId })),
    ],
    applied: input.apply,
    changed,
  };
}
