// Spreading engine for target planning: split a total into whole units
// exactly, spread an edited parent over its leaves around locked cells, build the
// weights of each spreading method, fit a matrix to two sets of margins (IPF) and
// round it to integers without breaking either set of margins.
//
// Whole-unit results are Float64Array, not Int32Array: amounts are stored in the
// smallest unit, and a region's target in 分 passes 2^31 at about
// 21 million 元. A double holds every integer up to 2^53 exactly.

/** Any array of numbers the engine reads; typed arrays avoid boxing at 3M cells. */
export type NumberArray = ArrayLike<number>;

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

function assertWeights(weights: NumberArray, what: string): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    // `!(w >= 0)` also rejects NaN, which a plain `w < 0` would let through.
    if (!(w >= 0) || w === Infinity) throw new RangeError(`${what}[${i}] must be a finite non-negative number, got ${w}`);
    sum += w;
  }
  if (!Number.isFinite(sum)) throw new RangeError(`${what} sum overflows`);
  return sum;
}

/**
 * The k-th smallest value of `a` (0-based), reordering `a` in place. Hoare
 * partitioning with a median-of-three pivot: linear on average, and linear on
 * all-equal input too, which equal splits produce.
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

const BUCKETS = 1 << 15;
const NOT_ELIGIBLE = 0xffff;

/**
 * Adds `delta` to `out[i]` for the `k` eligible cells with the largest keys, keys
 * in [0, 1]. Equal keys go to the lower index first, so the result depends on
 * nothing but the inputs.
 *
 * The caller has already sorted each cell into one of 32,768 buckets by its key
 * (`bucketOf`, NOT_ELIGIBLE for cells that may not move) and counted them; only
 * the cells of the bucket holding the k-th largest key are looked at again, with
 * `keyOf` recomputing their exact key. No sort and no array of keys: a 3M-cell
 * spread stays a few linear passes over memory it already has.
 */
function bumpTop(
  bucketOf: Uint16Array,
  counts: Uint32Array,
  eligible: number,
  keyOf: (i: number) => number,
  k: number,
  out: Float64Array,
  delta: number,
): void {
  const n = bucketOf.length;
  if (k <= 0 || eligible === 0) return;
  if (k >= eligible) {
    // Only reachable through floating-point error in the quotas; whole rounds keep the sum exact.
    const rounds = Math.floor(k / eligible);
    for (let i = 0; i < n; i++) if (bucketOf[i] !== NOT_ELIGIBLE) out[i] += rounds * delta;
    k -= rounds * eligible;
    if (k === 0) return;
  }
  let bucket = BUCKETS - 1;
  let above = 0;
  while (above + counts[bucket] < k) above += counts[bucket--];
  const inBucket = new Float64Array(counts[bucket]);
  for (let i = 0, c = 0; i < n; i++) if (bucketOf[i] === bucket) inBucket[c++] = keyOf(i);
  // Within the bucket, the (k - above)-th largest key is the threshold.
  const threshold = selectKth(inBucket, inBucket.length - (k - above));
  for (let c = 0; c < inBucket.length; c++) if (inBucket[c] > threshold) above++;
  let ties = k - above;
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (b === NOT_ELIGIBLE || b < bucket) continue;
    if (b > bucket) out[i] += delta;
    else {
      const key = keyOf(i);
      if (key > threshold) out[i] += delta;
      else if (key === threshold && ties > 0) {
        out[i] += delta;
        ties--;
      }
    }
  }
}

const bucketFor = (key: number): number => (key >= 1 ? BUCKETS - 1 : Math.floor(key * BUCKETS));

/**
 * Splits the integer `total` into whole units proportional to `weights`, summing
 * exactly to `total` (largest-remainder / Hamilton method).
 *
 * - A negative total is split by magnitude and negated, so -100 mirrors 100.
 * - Ties in the remainders go to the lower index first.
 * - Cells with weight 0 get 0, unless every weight is 0: then the split is equal.
 * - The sum is always exact. Each cell is the floor or the ceiling of its quota
 *   as doubles compute it, which is the true quota while total × share stays well
 *   inside 2^53: a total of 10^12 分 (100 億元) still has remainders good to about
 *   10^-3. Near 2^53 a cell can land a unit beside its true floor or ceiling.
 * - Throws RangeError for a non-integer total, a negative/NaN/infinite weight, or
 *   a non-zero total over no cells: these are programming errors, not user input.
 */
export function largestRemainder(total: number, weights: NumberArray): Float64Array {
  assertSafeInteger(total, 'total');
  const sum = assertWeights(weights, 'weights');
  const out = new Float64Array(weights.length);
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`cannot split ${total} over no cells`);
    return out;
  }
  split(total, asFloat64(weights), sum, out, null, false);
  return out;
}

/** Truthy = locked. */
export type LockMask = ArrayLike<boolean | number>;

// One concrete array type keeps the hot loops monomorphic.
const asFloat64 = (a: NumberArray): Float64Array => (a instanceof Float64Array ? a : Float64Array.from(a));

/**
 * Recomputes a cell's remainder bit-for-bit as the first pass of `split` did.
 * Built outside `split` so that its hot loop keeps its variables in registers: a
 * closure over them would move them to the heap.
 */
function remainders(w: Float64Array, divisor: number, magnitude: number, absolute: boolean): (i: number) => number {
  return (i) => {
    const quota = ((absolute ? Math.abs(w[i]) : w[i]) / divisor) * magnitude;
    return quota - Math.floor(quota);
  };
}

/**
 * The largest-remainder split, unvalidated, written into `out` in place: cells
 * marked in `skip` are left as they are, and `absolute` reads |w| so a spread can
 * follow current values without copying them. Writing in place and skipping
 * locked cells, instead of gathering the unlocked ones into new arrays and
 * scattering back, halves the memory a 3M-cell spread touches, and on this kind
 * of machine fresh memory is most of the cost.
 */
function split(total: number, w: Float64Array, sum: number, out: Float64Array, skip: LockMask | null, absolute: boolean): void {
  const n = out.length;
  if (total === 0) {
    for (let i = 0; i < n; i++) if (!skip || !skip[i]) out[i] = 0;
    return;
  }
  const magnitude = Math.abs(total);
  const sign = total < 0 ? -1 : 1;
  if (sum === 0) {
    // Equal quotas have equal remainders, so the tie rule alone places the leftover units.
    let free = 0;
    for (let i = 0; i < n; i++) if (!skip || !skip[i]) free++;
    const base = Math.floor(magnitude / free);
    let extra = magnitude - base * free;
    for (let i = 0; i < n; i++) {
      if (skip && skip[i]) continue;
      const v = extra > 0 ? base + 1 : base;
      out[i] = sign === 1 ? v : 0 - v; // 0 - v, not -v: a zero cell must not become -0.
      extra--;
    }
    return;
  }
  const remainderOf = remainders(w, sum, magnitude, absolute);
  const bucketOf = new Uint16Array(n);
  const counts = new Uint32Array(BUCKETS);
  let eligible = 0;
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) {
      bucketOf[i] = NOT_ELIGIBLE;
      continue;
    }
    const wi = absolute ? Math.abs(w[i]) : w[i];
    if (wi > 0) {
      // Share first, then scale: wi / sum is in [0, 1], so huge weights cannot overflow.
      const quota = (wi / sum) * magnitude;
      const floor = Math.floor(quota);
      out[i] = sign === 1 ? floor : 0 - floor;
      assigned += floor;
      const b = bucketFor(quota - floor);
      bucketOf[i] = b;
      counts[b]++;
      eligible++;
    } else {
      out[i] = 0;
      bucketOf[i] = NOT_ELIGIBLE;
    }
  }
  const deficit = magnitude - assigned;
  if (deficit > 0) bumpTop(bucketOf, counts, eligible, remainderOf, deficit, out, sign);
  else if (deficit < 0) {
    // Rounding error pushed a quota just over an integer: take back from the
    // smallest remainders, and only from cells that have a unit to give.
    const takeKey = (i: number): number => 1 - remainderOf(i);
    counts.fill(0);
    eligible = 0;
    for (let i = 0; i < n; i++) {
      if (bucketOf[i] !== NOT_ELIGIBLE && sign * out[i] >= 1) {
        const b = bucketFor(takeKey(i));
        bucketOf[i] = b;
        counts[b]++;
        eligible++;
      } else bucketOf[i] = NOT_ELIGIBLE;
    }
    bumpTop(bucketOf, counts, eligible, takeKey, -deficit, out, -sign);
  }
}

// ---------------------------------------------------------------------------
// Spreading an edited total around locked cells

export type SpreadBasis = 'weights' | 'current' | 'equal';
export type SpreadFailure = 'all-locked' | 'locked-exceed-total' | 'negative-total';

export interface SpreadInput {
  /** The new integer total of the parent. */
  total: number;
  /** The leaves' current integer values; locked leaves keep them. */
  current: NumberArray;
  /** Non-negative weights of the chosen method; missing or all zero on the unlocked leaves falls back. */
  weights?: NumberArray | null;
  locked?: LockMask | null;
  /** Profit targets may be negative; sales and volume targets may not (the default). */
  allowNegative?: boolean;
}

export type SpreadResult =
  | {
      ok: true;
      values: Float64Array;
      /** What the unlocked leaves now share: total minus the locked leaves. */
      absorbed: number;
      /** total minus the previous sum of all leaves. */
      change: number;
      /** Which weights the unlocked leaves were split by; 'none' when every leaf is locked. */
      basis: SpreadBasis | 'none';
    }
  | { ok: false; reason: SpreadFailure; message: string; lockedTotal: number };

/**
 * Sets a parent to `total`: locked leaves keep their current values and the other
 * leaves share `total - sum(locked)` in whole units, exactly. The share follows
 * `weights`; when those are missing or zero on every unlocked leaf it follows the
 * leaves' current values (by magnitude, since a weight cannot be negative), and
 * when those are zero too it is equal.
 *
 * Situations a user can create come back as `{ ok: false, reason }`, not as
 * exceptions: every leaf locked while the total changes, a negative total, or
 * locked leaves already above the total (the rest would have to go negative).
 * Mismatched lengths, bad weights and non-integer values still throw RangeError.
 */
export function spreadTotal(input: SpreadInput): SpreadResult {
  const { total, current, weights, locked, allowNegative = false } = input;
  const n = current.length;
  assertSafeInteger(total, 'total');
  if (weights != null && weights.length !== n) throw new RangeError(`weights has ${weights.length} cells, current has ${n}`);
  if (locked != null && locked.length !== n) throw new RangeError(`locked has ${locked.length} cells, current has ${n}`);

  // One pass validates and sums everything, and places the locked values.
  const values = new Float64Array(n);
  let lockedTotal = 0;
  let previous = 0;
  let unlocked = 0;
  let weightSum = 0;
  let currentSum = 0;
  for (let i = 0; i < n; i++) {
    const v = current[i];
    // Inline checks: building an error message per cell would cost more than the spread.
    if (!Number.isSafeInteger(v)) throw new RangeError(`current[${i}] must be a safe integer, got ${v}`);
    previous += v;
    if (locked != null && locked[i]) {
      lockedTotal += v;
      values[i] = v;
    } else {
      unlocked++;
      currentSum += Math.abs(v);
      if (weights != null) {
        // Weights of locked cells are never read, so only these are checked.
        const w = weights[i];
        if (!(w >= 0) || w === Infinity) throw new RangeError(`weights[${i}] must be a finite non-negative number, got ${w}`);
        weightSum += w;
      }
    }
  }
  const absorbed = total - lockedTotal;
  const change = total - previous;

  if (unlocked === 0) {
    if (absorbed !== 0) {
      return {
        ok: false,
        reason: 'all-locked',
        lockedTotal,
        message: n === 0 ? `there are no cells to take ${total}` : `every cell is locked at ${lockedTotal}; unlock one to reach ${total}`,
      };
    }
    return { ok: true, values, absorbed: 0, change, basis: 'none' };
  }
  if (!allowNegative && total < 0) {
    return { ok: false, reason: 'negative-total', lockedTotal, message: `a target cannot be negative (${total})` };
  }
  if (!allowNegative && absorbed < 0) {
    return {
      ok: false,
      reason: 'locked-exceed-total',
      lockedTotal,
      message: `locked cells already hold ${lockedTotal}, more than ${total}; the unlocked cells would have to go negative`,
    };
  }
  if (!Number.isFinite(weightSum)) throw new RangeError('weights sum overflows');

  const skip = unlocked === n ? null : (locked ?? null);
  let basis: SpreadBasis;
  if (weights != null && weightSum > 0) {
    basis = 'weights';
    split(absorbed, asFloat64(weights), weightSum, values, skip, false);
  } else if (currentSum > 0) {
    basis = 'current';
    split(absorbed, asFloat64(current), currentSum, values, skip, true);
  } else {
    basis = 'equal';
    // A zero sum means an equal split, which never reads the weights.
    split(absorbed, values, 0, values, skip, false);
  }
  return { ok: true, values, absorbed, change, basis };
}

// ---------------------------------------------------------------------------
// Weights of the spreading methods. Each returns plain non-negative weights for
// `largestRemainder` / `spreadTotal`; only their proportions matter.

/**
 * Proportional to a reference series: last year's actuals, the last 12 months or
 * another plan version. Negative references (a month of net returns) and missing
 * ones (NaN) weigh 0: a weight cannot be negative, and a leaf that sold nothing
 * last year gets nothing, as the method says. All zero falls back to equal in the spread.
 */
export function referenceWeights(reference: NumberArray): Float64Array {
  const out = new Float64Array(reference.length);
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i];
    out[i] = v > 0 && v !== Infinity ? v : 0;
  }
  return out;
}

/** Equal split over `n` leaves. */
export function equalWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}

/**
 * Manual weights typed by the user (percentages or any numbers: only proportions
 * matter). Throws RangeError on a negative or non-numeric weight so the editor can
 * refuse the entry before it reaches a spread.
 */
export function manualWeights(weights: NumberArray): Float64Array {
  assertWeights(weights, 'manual weight');
  return Float64Array.from(weights);
}

/**
 * Leaves × 12 months, leaf-major (`leaf * 12 + month`): each leaf's weight times
 * the month's share of the profile, so a year total lands on leaves in proportion
 * to `leafWeights` and within each leaf along the seasonality. `leafWeights` as a
 * number means that many equally weighted leaves.
 */
export function seasonalWeights(profile: NumberArray, leafWeights: NumberArray | number): Float64Array {
  if (profile.length !== 12) throw new RangeError(`a seasonality profile has 12 months, got ${profile.length}`);
  const sum = assertWeights(profile, 'profile');
  const leaves = typeof leafWeights === 'number' ? equalWeights(leafWeights) : leafWeights;
  assertWeights(leaves, 'leaf weights');
  // A flat profile when it is all zero, rather than wiping out every month.
  const month = sum > 0 ? profile : equalWeights(12);
  const out = new Float64Array(leaves.length * 12);
  for (let l = 0; l < leaves.length; l++) {
    for (let m = 0; m < 12; m++) out[l * 12 + m] = leaves[l] * month[m];
  }
  return out;
}

/**
 * The default seasonality profile from history: a monthly series starting in
 * January (any number of years, a trailing partial year is fine) summed by
 * calendar month and normalised to 12 weights summing to 12 (1 = an average
 * month). Negative months count as 0; no history at all gives a flat profile.
 */
export function seasonalityFromHistory(monthly: NumberArray): Float64Array {
  const out = new Float64Array(12);
  let sum = 0;
  for (let i = 0; i < monthly.length; i++) {
    const v = monthly[i];
    if (v > 0 && v !== Infinity) {
      out[i % 12] += v;
      sum += v;
    }
  }
  if (sum === 0) return equalWeights(12);
  for (let m = 0; m < 12; m++) out[m] = (out[m] * 12) / sum;
  return out;
}

// ---------------------------------------------------------------------------
// Balanced breakdown: iterative proportional fitting (RAS)

const STALL_ITERATIONS = 10;

export interface IpfOptions {
  maxIterations?: number;
  /** Largest acceptable |target - sum| on any row or column, in the targets' units. */
  tolerance?: number;
}

export interface IpfResult {
  matrix: Float64Array;
  iterations: number;
  converged: boolean;
  /** target - fitted sum, per row and per column (against `colTargets` below), and the largest magnitude. */
  residual: { rows: Float64Array; cols: Float64Array; max: number };
  /** The column targets actually fitted: the given ones, or scaled when inconsistent. */
  colTargets: Float64Array;
  /** Set when sum(rowTargets) ≠ sum(colTargets); difference = colTotal - rowTotal. */
  inconsistent: { rowTotal: number; colTotal: number; difference: number } | null;
  /** Rows/columns with a non-zero target but an all-zero seed: scaling cannot reach them. */
  unreachable: { rows: number[]; cols: number[] };
}

/**
 * Fits `seed` (rows × cols, row-major, non-negative) to row and column targets by
 * alternately scaling rows and columns (RAS). Cells that are zero in the seed stay
 * zero, so structural zeros (a SKU not sold in a channel) survive the fit.
 *
 * Row and column targets with different totals cannot both hold. The row targets
 * are held (they are the ones the caller lists first, e.g. region × month from
 * head office) and the column targets are scaled to the row total; the result says
 * so in `inconsistent` and `colTargets`. A target on an all-zero seed row or column
 * is listed in `unreachable` and shows in the residual; the fit stops early when
 * the residual has not improved for 10 iterations instead of burning every one.
 */
export function ipf(
  seed: NumberArray,
  rows: number,
  cols: number,
  rowTargets: NumberArray,
  colTargetsIn: NumberArray,
  { maxIterations = 100, tolerance = 0.5 }: IpfOptions = {},
): IpfResult {
  if (seed.length !== rows * cols) throw new RangeError(`seed has ${seed.length} cells, expected ${rows}×${cols}`);
  if (rowTargets.length !== rows || colTargetsIn.length !== cols) throw new RangeError('target lengths do not match the matrix');
  assertWeights(seed, 'seed');
  const rowTotal = assertWeights(rowTargets, 'rowTargets');
  const colTotal = assertWeights(colTargetsIn, 'colTargets');

  const colTargets = Float64Array.from(colTargetsIn);
  let inconsistent: IpfResult['inconsistent'] = null;
  if (Math.abs(colTotal - rowTotal) > 1e-9 * Math.max(1, rowTotal, colTotal)) {
    inconsistent = { rowTotal, colTotal, difference: colTotal - rowTotal };
    // With no column total there is nothing to scale; the residual will show it.
    if (colTotal > 0) for (let j = 0; j < cols; j++) colTargets[j] = (colTargets[j] * rowTotal) / colTotal;
  }

  const m = Float64Array.from(seed);
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++, k++) {
      s += m[k];
      colSum[j] += m[k];
    }
    rowSum[i] = s;
  }
  const unreachable = { rows: [] as number[], cols: [] as number[] };
  for (let i = 0; i < rows; i++) if (rowSum[i] === 0 && rowTargets[i] > 0) unreachable.rows.push(i);
  for (let j = 0; j < cols; j++) if (colSum[j] === 0 && colTargets[j] > 0) unreachable.cols.push(j);

  const resRows = new Float64Array(rows);
  const resCols = new Float64Array(cols);
  const measure = (): number => {
    let max = 0;
    for (let i = 0; i < rows; i++) {
      resRows[i] = rowTargets[i] - rowSum[i];
      max = Math.max(max, Math.abs(resRows[i]));
    }
    for (let j = 0; j < cols; j++) {
      resCols[j] = colTargets[j] - colSum[j];
      max = Math.max(max, Math.abs(resCols[j]));
    }
    return max;
  };

  const factor = new Float64Array(Math.max(rows, cols));
  let max = measure();
  let best = max;
  let sinceBest = 0;
  let iterations = 0;
  while (max > tolerance && iterations < maxIterations) {
    iterations++;
    // Each pass scales and sums the other dimension at once: two sweeps per iteration.
    colSum.fill(0);
    for (let i = 0, k = 0; i < rows; i++) {
      const f = rowSum[i] > 0 ? rowTargets[i] / rowSum[i] : 0;
      for (let j = 0; j < cols; j++, k++) {
        const v = m[k] * f;
        m[k] = v;
        colSum[j] += v;
      }
    }
    for (let j = 0; j < cols; j++) factor[j] = colSum[j] > 0 ? colTargets[j] / colSum[j] : 0;
    colSum.fill(0);
    for (let i = 0, k = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++, k++) {
        const v = m[k] * factor[j];
        m[k] = v;
        s += v;
        colSum[j] += v;
      }
      rowSum[i] = s;
    }
    max = measure();
    // Unreachable targets leave a residual that no iteration removes; stop once
    // it has not improved for a while. Not after one flat step: the largest
    // residual need not fall monotonically.
    if (max < best * (1 - 1e-9)) {
      best = max;
      sinceBest = 0;
    } else if (++sinceBest >= STALL_ITERATIONS) break;
  }
  return {
    matrix: m,
    iterations,
    converged: max <= tolerance,
    residual: { rows: resRows, cols: resCols, max },
    colTargets,
    inconsistent,
    unreachable,
  };
}

// ---------------------------------------------------------------------------
// Controlled rounding: integers that keep both sets of margins

export type RoundMatrixResult =
  | { ok: true; matrix: Float64Array }
  | { ok: false; reason: 'inconsistent-totals' | 'infeasible'; message: string };

/**
 * Rounds every cell to its floor or its ceiling so that the row sums equal
 * `rowTotals` and the column sums equal `colTotals` exactly (controlled rounding).
 * Cells that are already whole never move, so zeros stay zero.
 *
 * Floors first; each row and column then owes a whole number of +1 bumps. A
 * greedy pass gives them to the largest fractions whose row and column both still
 * owe. Whatever the greedy pass leaves is settled by augmenting paths (row owing →
 * fractional cell → column → bumped cell taken back → row → … → column owing):
 * this is Ford–Fulkerson on a unit-capacity network. Each path settles one unit
 * and every phase of searches finds at least one path or stops, so there are at
 * most sum(row debts) phases; when a complete search finds no path, no
 * floor/ceiling rounding with these margins exists (max-flow = min-cut).
 *
 * A real matrix whose margins equal the totals always has such a rounding (the
 * transport polytope has integer vertices), so an exactly converged `ipf` rounds
 * without failure. Margins off by a residual may not: the result then says
 * 'infeasible' rather than bending a cell by more than one unit.
 */
export function roundMatrixPreservingMargins(
  matrix: NumberArray,
  rows: number,
  cols: number,
  rowTotals: NumberArray,
  colTotals: NumberArray,
): RoundMatrixResult {
  const n = rows * cols;
  if (matrix.length !== n) throw new RangeError(`matrix has ${matrix.length} cells, expected ${rows}×${cols}`);
  if (rowTotals.length !== rows || colTotals.length !== cols) throw new RangeError('total lengths do not match the matrix');
  let sumRows = 0;
  let sumCols = 0;
  for (let i = 0; i < rows; i++) {
    assertSafeInteger(rowTotals[i], `rowTotals[${i}]`);
    sumRows += rowTotals[i];
  }
  for (let j = 0; j < cols; j++) {
    assertSafeInteger(colTotals[j], `colTotals[${j}]`);
    sumCols += colTotals[j];
  }
  if (sumRows !== sumCols) {
    return { ok: false, reason: 'inconsistent-totals', message: `row totals sum to ${sumRows}, column totals to ${sumCols}` };
  }

  const out = new Float64Array(n);
  // 0 = whole (fixed), 1 = fractional at its floor, 2 = fractional bumped to its ceiling.
  const state = new Uint8Array(n);
  const frac = new Float64Array(n);
  const rowDebt = Float64Array.from(rowTotals);
  const colDebt = Float64Array.from(colTotals);
  const rowFree = new Float64Array(rows);
  const colFree = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const x = matrix[k];
      if (!Number.isFinite(x)) throw new RangeError(`matrix[${k}] must be finite, got ${x}`);
      const f = Math.floor(x);
      out[k] = f;
      rowDebt[i] -= f;
      colDebt[j] -= f;
      if (x > f) {
        state[k] = 1;
        frac[k] = x - f;
        rowFree[i]++;
        colFree[j]++;
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    if (rowDebt[i] < 0 || rowDebt[i] > rowFree[i]) {
      return { ok: false, reason: 'infeasible', message: `row ${i} cannot reach ${rowTotals[i]} by rounding its cells` };
    }
  }
  for (let j = 0; j < cols; j++) {
    if (colDebt[j] < 0 || colDebt[j] > colFree[j]) {
      return { ok: false, reason: 'infeasible', message: `column ${j} cannot reach ${colTotals[j]} by rounding its cells` };
    }
  }

  // Greedy in descending fraction. A counting sort over 1024 buckets is exact
  // enough for a heuristic order and linear; the fix-up below guarantees the result.
  const ORDER_BUCKETS = 1024;
  const start = new Uint32Array(ORDER_BUCKETS + 1);
  for (let k = 0; k < n; k++) if (state[k] === 1) start[ORDER_BUCKETS - 1 - Math.min(ORDER_BUCKETS - 1, Math.floor(frac[k] * ORDER_BUCKETS)) + 1]++;
  for (let b = 0; b < ORDER_BUCKETS; b++) start[b + 1] += start[b];
  const order = new Uint32Array(start[ORDER_BUCKETS]);
  for (let k = 0; k < n; k++) if (state[k] === 1) order[start[ORDER_BUCKETS - 1 - Math.min(ORDER_BUCKETS - 1, Math.floor(frac[k] * ORDER_BUCKETS))]++] = k;
  let owed = 0;
  for (let i = 0; i < rows; i++) owed += rowDebt[i];
  for (let o = 0; o < order.length && owed > 0; o++) {
    const k = order[o];
    const i = Math.floor(k / cols);
    const j = k - i * cols;
    if (rowDebt[i] > 0 && colDebt[j] > 0) {
      state[k] = 2;
      out[k]++;
      rowDebt[i]--;
      colDebt[j]--;
      owed--;
    }
  }

  const cameFromRow = new Int32Array(cols);
  const cameFromCol = new Int32Array(rows);
  const seenRow = new Uint8Array(rows);
  const seenCol = new Uint8Array(cols);
  // Where each row's and column's scan resumes: a depth-first search that goes
  // one cell at a time finds the usual short path after a handful of cells, where
  // a breadth-first one would first mark most of a dense matrix.
  const nextCol = new Int32Array(rows);
  const nextRow = new Int32Array(cols);
  const stack = new Int32Array(rows + cols); // rows as i, columns as rows + j
  while (owed > 0) {
    // One phase: a search from each owing row, with marks and scan positions kept
    // across the searches so a phase never costs more than one sweep of the
    // matrix. Kept marks can hide a path until the next phase; a phase that finds
    // nothing never augmented, so its searches together were complete.
    seenRow.fill(0);
    seenCol.fill(0);
    nextCol.fill(0);
    nextRow.fill(0);
    let found = 0;
    for (let start = 0; start < rows && owed > 0; start++) {
      if (seenRow[start]) continue;
      // A row may owe several units: search from it again while that still pays.
      while (rowDebt[start] > 0 && search(start)) {
        owed--;
        found++;
      }
    }
    if (found === 0) {
      return { ok: false, reason: 'infeasible', message: 'no floor/ceiling rounding of these cells meets both sets of totals' };
    }
  }
  return { ok: true, matrix: out };

  /** One augmenting-path search from `start`; applies the path and returns true when it finds one. */
  function search(start: number): boolean {
    seenRow[start] = 1;
    cameFromCol[start] = -1;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const node = stack[top - 1];
      if (node < rows) {
        // Row: on to a column through a cell still at its floor.
        const i = node;
        let j = nextCol[i];
        while (j < cols && (state[i * cols + j] !== 1 || seenCol[j])) j++;
        nextCol[i] = j + 1;
        if (j >= cols) {
          top--;
          continue;
        }
        seenCol[j] = 1;
        cameFromRow[j] = i;
        if (colDebt[j] > 0) {
          augment(j);
          // A column owing several units stays open to the next paths of this phase.
          if (colDebt[j] > 0) seenCol[j] = 0;
          return true;
        }
        stack[top++] = rows + j;
      } else {
        // Column: back to a row through a cell already bumped, to take it back.
        const j = node - rows;
        let r = nextRow[j];
        while (r < rows && (state[r * cols + j] !== 2 || seenRow[r])) r++;
        nextRow[j] = r + 1;
        if (r >= rows) {
          top--;
          continue;
        }
        seenRow[r] = 1;
        cameFromCol[r] = j;
        stack[top++] = r;
      }
    }
    return false;
  }

  /** Flips the cells of the path that ends in owing column `end`. */
  function augment(end: number): void {
    colDebt[end]--;
    let j = end;
    for (;;) {
      const i = cameFromRow[j];
      state[i * cols + j] = 2;
      out[i * cols + j]++;
      const back = cameFromCol[i];
      if (back < 0) {
        rowDebt[i]--;
        return;
      }
      state[i * cols + back] = 1;
      out[i * cols + back]--;
      j = back;
    }
  }
}
