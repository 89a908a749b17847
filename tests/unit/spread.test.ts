import { describe, expect, it } from 'vitest';
import {
  equalWeights,
  ipf,
  largestRemainder,
  manualWeights,
  referenceWeights,
  roundMatrixPreservingMargins,
  seasonalityFromHistory,
  seasonalWeights,
  spreadTotal,
} from '../../src/shared/spread';

const list = (a: ArrayLike<number>) => Array.from(a);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

/** mulberry32: a seeded PRNG so the random cases replay identically. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('largestRemainder', () => {
  it('gives the leftover unit to the lower index on a tie', () => {
    // 33.33 each; one unit left over, all remainders equal → index 0.
    expect(list(largestRemainder(100, [1, 1, 1]))).toEqual([34, 33, 33]);
    // 5, 2.5, 2.5: one unit left, tie between 1 and 2 → index 1.
    expect(list(largestRemainder(10, [0.5, 0.25, 0.25]))).toEqual([5, 3, 2]);
  });

  it('gives leftovers to the largest remainders first', () => {
    // Quotas 1.4, 2.8, 5.8 → floors 1, 2, 5 (8); two units go to .8 and .8.
    expect(list(largestRemainder(10, [14, 28, 58]))).toEqual([1, 3, 6]);
    // Quotas 0.7, 0.2, 0.1 → the single unit goes to index 0.
    expect(list(largestRemainder(1, [7, 2, 1]))).toEqual([1, 0, 0]);
  });

  it('mirrors negative totals', () => {
    expect(list(largestRemainder(-100, [1, 1, 1]))).toEqual([-34, -33, -33]);
    expect(list(largestRemainder(-10, [14, 28, 58]))).toEqual([-1, -3, -6]);
    // Zero cells stay +0, never -0, so they compare and serialise as 0.
    expect(Object.is(largestRemainder(-7, [0, 1])[0], 0)).toBe(true);
    expect(Object.is(largestRemainder(-1, [1, 1, 1])[2], 0)).toBe(true);
  });

  it('splits zero into zeros and handles no cells', () => {
    expect(list(largestRemainder(0, [3, 1]))).toEqual([0, 0]);
    expect(list(largestRemainder(0, []))).toEqual([]);
    expect(() => largestRemainder(5, [])).toThrow(RangeError);
  });

  it('keeps zero-weight cells at zero and splits all-zero weights equally', () => {
    expect(list(largestRemainder(7, [0, 1, 0, 1]))).toEqual([0, 4, 0, 3]);
    expect(list(largestRemainder(7, [0, 0, 0]))).toEqual([3, 2, 2]);
  });

  it('rejects bad weights and non-integer totals', () => {
    expect(() => largestRemainder(10, [1, -1])).toThrow(RangeError);
    expect(() => largestRemainder(10, [1, Number.NaN])).toThrow(RangeError);
    expect(() => largestRemainder(10, [1, Infinity])).toThrow(RangeError);
    expect(() => largestRemainder(10.5, [1, 1])).toThrow(RangeError);
  });

  it('stays exact when doubles run out of precision near 2^53', () => {
    // Here the floating quotas round up past an integer, so the floors alone
    // overshoot the total and a unit must be taken back. True quotas are
    // 3726172829941255.71 and 4561993501082104.29; doubles cannot tell the
    // remainders apart at this size, so only exactness and ±1 are promised.
    const out = largestRemainder(8288166331023360, [6727078, 8236034]);
    expect(out[0] + out[1]).toBe(8288166331023360);
    expect([3726172829941255, 3726172829941256]).toContain(out[0]);
    expect([4561993501082104, 4561993501082105]).toContain(out[1]);
  });

  it('sums exactly on random weights, each cell within one unit of its quota', () => {
    const rand = prng(7);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rand() * 50);
      const w = Array.from({ length: n }, () => (rand() < 0.2 ? 0 : rand() * 1000));
      const total = Math.floor((rand() - 0.3) * 1e9);
      const out = largestRemainder(total, w);
      expect(sum(out)).toBe(total);
      const wsum = sum(w);
      out.forEach((v, i) => {
        expect(Number.isInteger(v)).toBe(true);
        const quota = wsum === 0 ? total / n : (total * w[i]) / wsum;
        expect(Math.abs(v - quota)).toBeLessThan(1);
      });
    }
  });
});

describe('spreadTotal', () => {
  it('spreads by the weights when nothing is locked', () => {
    const r = spreadTotal({ total: 100, current: [10, 20, 30], weights: [1, 1, 1] });
    expect(r).toMatchObject({ ok: true, absorbed: 100, change: 40, basis: 'weights' });
    if (r.ok) expect(list(r.values)).toEqual([34, 33, 33]);
  });

  it('keeps locked cells and lets the rest absorb the change', () => {
    // Locked 50; the other two share 150 − 50 = 100 by weights 3 : 1.
    const r = spreadTotal({ total: 150, current: [50, 30, 20], weights: [5, 3, 1], locked: [true, false, false] });
    expect(r).toMatchObject({ ok: true, absorbed: 100, change: 50, basis: 'weights' });
    if (r.ok) expect(list(r.values)).toEqual([50, 75, 25]);
  });

  it('accepts a Uint8Array of locks', () => {
    const r = spreadTotal({ total: 10, current: [4, 4, 4], locked: Uint8Array.of(0, 1, 0) });
    // 6 left for cells 0 and 2, by their current values 4 : 4.
    if (r.ok) expect(list(r.values)).toEqual([3, 4, 3]);
    expect(r.ok).toBe(true);
  });

  it('falls back to current values, then to equal', () => {
    const byCurrent = spreadTotal({ total: 20, current: [1, 3], weights: [0, 0] });
    expect(byCurrent).toMatchObject({ ok: true, basis: 'current' });
    if (byCurrent.ok) expect(list(byCurrent.values)).toEqual([5, 15]);
    // Weights exist only on the locked cell: the unlocked ones fall back.
    const lockedWeights = spreadTotal({ total: 12, current: [2, 0, 0], weights: [1, 0, 0], locked: [1, 0, 0] });
    expect(lockedWeights).toMatchObject({ ok: true, basis: 'equal' });
    if (lockedWeights.ok) expect(list(lockedWeights.values)).toEqual([2, 5, 5]);
    const equal = spreadTotal({ total: 7, current: [0, 0, 0] });
    expect(equal).toMatchObject({ ok: true, basis: 'equal' });
    if (equal.ok) expect(list(equal.values)).toEqual([3, 2, 2]);
  });

  it('spreads a zero total to zeros around locks that hold zero', () => {
    const r = spreadTotal({ total: 0, current: [0, 5, 7], locked: [1, 0, 0] });
    expect(r).toMatchObject({ ok: true, absorbed: 0, change: -12 });
    if (r.ok) expect(list(r.values)).toEqual([0, 0, 0]);
  });

  it('reports every cell locked instead of throwing', () => {
    const r = spreadTotal({ total: 90, current: [40, 40], locked: [true, true] });
    expect(r).toMatchObject({ ok: false, reason: 'all-locked', lockedTotal: 80 });
    // Unchanged total with every cell locked is fine.
    const same = spreadTotal({ total: 80, current: [40, 40], locked: [true, true] });
    expect(same).toMatchObject({ ok: true, basis: 'none', absorbed: 0 });
    expect(spreadTotal({ total: 1, current: [] })).toMatchObject({ ok: false, reason: 'all-locked' });
  });

  it('reports locks above the total and negative totals unless negatives are allowed', () => {
    expect(spreadTotal({ total: 50, current: [60, 10], locked: [1, 0] })).toMatchObject({
      ok: false,
      reason: 'locked-exceed-total',
      lockedTotal: 60,
    });
    expect(spreadTotal({ total: -5, current: [1, 1] })).toMatchObject({ ok: false, reason: 'negative-total' });
    // A profit target may be negative: the unlocked cells take −10 by weights 1 : 1.
    const r = spreadTotal({ total: 50, current: [60, 10, 10], locked: [1, 0, 0], allowNegative: true });
    expect(r).toMatchObject({ ok: true, absorbed: -10 });
    if (r.ok) expect(list(r.values)).toEqual([60, -5, -5]);
  });

  it('throws on programming errors only', () => {
    expect(() => spreadTotal({ total: 1, current: [1, 2], weights: [1] })).toThrow(RangeError);
    expect(() => spreadTotal({ total: 1, current: [1.5, 2] })).toThrow(RangeError);
    expect(() => spreadTotal({ total: 1.5, current: [1, 2] })).toThrow(RangeError);
  });
});

describe('weight builders', () => {
  it('reference weights drop negatives and gaps', () => {
    expect(list(referenceWeights([100, -20, Number.NaN, 50]))).toEqual([100, 0, 0, 50]);
  });

  it('equal and manual weights', () => {
    expect(list(equalWeights(3))).toEqual([1, 1, 1]);
    expect(list(manualWeights([50, 30, 20]))).toEqual([50, 30, 20]);
    expect(() => manualWeights([50, -1])).toThrow(RangeError);
  });

  it('seasonal weights cross leaves with months, leaf-major', () => {
    const profile = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
    const w = seasonalWeights(profile, [1, 3]);
    expect(w.length).toBe(24);
    expect(w[0]).toBe(2);
    expect(w[11]).toBe(0);
    expect(w[12]).toBe(6);
    expect(w[13]).toBe(3);
    // A year's 1,200 over two leaves 1 : 3, profile sum 12 → leaf 0 January 1200·2/48 = 50.
    const r = spreadTotal({ total: 1200, current: new Float64Array(24), weights: w });
    if (r.ok) {
      expect(r.values[0]).toBe(50);
      expect(r.values[12]).toBe(150);
      expect(r.values[23]).toBe(0);
      expect(sum(r.values.subarray(0, 12))).toBe(300);
    }
    expect(list(seasonalWeights(new Array(12).fill(0), 1))).toEqual(new Array(12).fill(1));
    expect(() => seasonalWeights([1, 2], 1)).toThrow(RangeError);
  });

  it('seasonality from history sums calendar months over the years', () => {
    const twoYears = [...[2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], ...[4, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]];
    // 12 + 12 = 24 in total; January 6 → 6·12/24 = 3, February 2 → 1, December 0.
    const p = seasonalityFromHistory(twoYears);
    expect(p[0]).toBe(3);
    expect(p[1]).toBe(1);
    expect(p[11]).toBe(0);
    expect(list(seasonalityFromHistory([]))).toEqual(new Array(12).fill(1));
  });
});

describe('ipf', () => {
  it('fits a 2×2 to its margins', () => {
    // Seed [[1,1],[1,1]] to rows [30,70], cols [40,60]: the fixed point is the
    // product of the margins over the total: [[12,18],[28,42]].
    const r = ipf(Float64Array.of(1, 1, 1, 1), 2, 2, [30, 70], [40, 60], { tolerance: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.inconsistent).toBeNull();
    list(r.matrix).forEach((v, i) => expect(v).toBeCloseTo([12, 18, 28, 42][i], 8));
  });

  it('fits a 2×2 with an uneven seed to the odds-ratio solution', () => {
    // Seed [[1,2],[3,4]] to margins [10,10] × [10,10]: the fit is [[t,10−t],[10−t,t]]
    // keeping the seed's odds ratio (1·4)/(2·3), so t/(10−t) = √(2/3), t = 10(√6 − 2).
    const r = ipf(Float64Array.of(1, 2, 3, 4), 2, 2, [10, 10], [10, 10], { tolerance: 1e-10, maxIterations: 1000 });
    const t = 10 * (Math.sqrt(6) - 2);
    expect(r.converged).toBe(true);
    list(r.matrix).forEach((v, i) => expect(v).toBeCloseTo([t, 10 - t, 10 - t, t][i], 8));
  });

  it('fits a 3×3 of ones to the product of its margins, in one iteration', () => {
    // Rows [10,20,30], cols [30,20,10], total 60: x_ij = r_i·c_j / 60.
    const r = ipf(new Float64Array(9).fill(1), 3, 3, [10, 20, 30], [30, 20, 10], { tolerance: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(1);
    const expected = [5, 10 / 3, 5 / 3, 10, 20 / 3, 10 / 3, 15, 10, 5];
    list(r.matrix).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    expect(r.residual.max).toBeLessThan(1e-9);
  });

  it('stops at once when the seed already fits', () => {
    const seed = Float64Array.of(1, 1, 0, 1, 1, 1, 0, 1, 1);
    const same = ipf(seed, 3, 3, [2, 3, 2], [2, 3, 2]);
    expect(same.iterations).toBe(0);
    expect(same.converged).toBe(true);
    expect(list(same.matrix)).toEqual(list(seed));
  });

  it('matches a hand-solved 3×3 with a zero corner', () => {
    // Seed ones except x02 = 0, rows [2,2,2], cols [2,2,2]. The fit keeps the
    // form x_ij = a_i·b_j·seed_ij: a = [1, ½, ½], b = [1, 1, 2] meets every margin,
    // and that form has one solution: x = [[1,1,0],[½,½,1],[½,½,1]].
    const seed = Float64Array.of(1, 1, 0, 1, 1, 1, 1, 1, 1);
    const r = ipf(seed, 3, 3, [2, 2, 2], [2, 2, 2], { tolerance: 1e-10, maxIterations: 10_000 });
    expect(r.converged).toBe(true);
    list(r.matrix).forEach((v, i) => expect(v).toBeCloseTo([1, 1, 0, 0.5, 0.5, 1, 0.5, 0.5, 1][i], 8));
  });

  it('reports inconsistent margins with the difference and holds the rows', () => {
    const r = ipf(Float64Array.of(1, 1, 1, 1), 2, 2, [30, 70], [50, 60]);
    expect(r.inconsistent).toEqual({ rowTotal: 100, colTotal: 110, difference: 10 });
    // Columns scaled to the row total: 50·100/110 and 60·100/110.
    expect(r.colTargets[0]).toBeCloseTo(45.4545, 3);
    expect(r.converged).toBe(true);
    expect(r.matrix[0] + r.matrix[1]).toBeCloseTo(30, 0);
    expect(r.matrix[2] + r.matrix[3]).toBeCloseTo(70, 0);
  });

  it('keeps zero rows zero and reports the residual of an unreachable target', () => {
    const seed = Float64Array.of(0, 0, 1, 1, 1, 1);
    const r = ipf(seed, 3, 2, [10, 20, 30], [30, 30]);
    expect(r.unreachable).toEqual({ rows: [0], cols: [] });
    expect(r.converged).toBe(false);
    expect(r.matrix[0]).toBe(0);
    expect(r.matrix[1]).toBe(0);
    expect(r.residual.rows[0]).toBe(10);
    expect(r.residual.max).toBeGreaterThanOrEqual(5);
    // A zero target on a zero row is no problem.
    const ok = ipf(seed, 3, 2, [0, 20, 30], [25, 25]);
    expect(ok.converged).toBe(true);
    expect(ok.unreachable.rows).toEqual([]);
  });
});

describe('roundMatrixPreservingMargins', () => {
  function checkRounding(x: ArrayLike<number>, rows: number, cols: number, rt: number[], ct: number[]) {
    const r = roundMatrixPreservingMargins(x, rows, cols, rt, ct);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (let i = 0; i < rows; i++) expect(sum(r.matrix.subarray(i * cols, (i + 1) * cols))).toBe(rt[i]);
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += r.matrix[i * cols + j];
      expect(s).toBe(ct[j]);
    }
    for (let k = 0; k < rows * cols; k++) {
      expect(Number.isInteger(r.matrix[k])).toBe(true);
      expect(Math.abs(r.matrix[k] - x[k])).toBeLessThan(1);
    }
  }

  it('rounds a hand example', () => {
    // [[1.5,2.5],[2.5,1.5]], rows [4,4], cols [4,4]: floors [[1,2],[2,1]]
    // owe one per row and column; 0.5 ties → one diagonal.
    checkRounding([1.5, 2.5, 2.5, 1.5], 2, 2, [4, 4], [4, 4]);
    const r = roundMatrixPreservingMargins([0.4, 0.6, 0.6, 0.4], 2, 2, [1, 1], [1, 1]);
    if (r.ok) expect(list(r.matrix)).toEqual([0, 1, 1, 0]);
  });

  it('repairs a greedy dead end with an augmenting path', () => {
    // Row 1 can only take column 0, but greedy gives column 0 to the larger 0.9 in
    // row 0 first. The fix-up moves row 0 to column 1 and gives column 0 to row 1.
    const x = [0.9, 0.1, 0, 0.6, 0, 0, 0, 0, 0.8];
    const r = roundMatrixPreservingMargins(x, 3, 3, [1, 1, 1], [1, 1, 1]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(list(r.matrix)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('keeps whole cells, zeros included', () => {
    const x = [3, 0.5, 0.5, 0, 2.5, 1.5];
    checkRounding(x, 2, 3, [4, 4], [3, 3, 2]);
    const r = roundMatrixPreservingMargins(x, 2, 3, [4, 4], [3, 3, 2]);
    if (r.ok) {
      expect(r.matrix[0]).toBe(3);
      expect(r.matrix[3]).toBe(0);
    }
  });

  it('reports inconsistent totals and infeasible margins', () => {
    expect(roundMatrixPreservingMargins([0.5, 0.5], 1, 2, [1], [1, 1])).toMatchObject({ ok: false, reason: 'inconsistent-totals' });
    // Margins [1,0] × [0,1] need the structural zero at (0,1) to become 1.
    expect(roundMatrixPreservingMargins([0.5, 0, 0, 0.5], 2, 2, [1, 0], [0, 1])).toMatchObject({ ok: false, reason: 'infeasible' });
    // Every cell fractional, but no floor/ceiling choice meets both: only the flow search can tell.
    expect(roundMatrixPreservingMargins([0.5, 0.5, 0.5, 0.5], 2, 2, [2, 0], [0, 2])).toMatchObject({ ok: false, reason: 'infeasible' });
  });

  it('is exact on random matrices fitted by ipf', () => {
    const rand = prng(2027);
    for (let round = 0; round < 60; round++) {
      const rows = 1 + Math.floor(rand() * 30);
      const cols = 1 + Math.floor(rand() * 20);
      const seed = Float64Array.from({ length: rows * cols }, () => (rand() < 0.1 ? 0 : rand() * 100));
      // Avoid all-zero rows/cols so the targets are reachable.
      for (let i = 0; i < rows; i++) seed[i * cols + (i % cols)] += 1;
      for (let j = 0; j < cols; j++) seed[(j % rows) * cols + j] += 1;
      const total = 1000 + Math.floor(rand() * 100_000);
      const rt = list(largestRemainder(total, Array.from({ length: rows }, () => rand())));
      const ct = list(largestRemainder(total, Array.from({ length: cols }, () => rand())));
      const fit = ipf(seed, rows, cols, rt, ct, { tolerance: 1e-7, maxIterations: 10_000 });
      expect(fit.converged).toBe(true);
      checkRounding(fit.matrix, rows, cols, rt, ct);
    }
  });

  it('is exact on random matrices with integer margins built directly', () => {
    // Integer matrix plus margin-preserving rectangle moves (+e at (i,j),(k,l),
    // −e at (i,l),(k,j)): fractional cells, integer margins, and a greedy pass
    // that must often be repaired.
    const rand = prng(42);
    for (let round = 0; round < 300; round++) {
      // Mostly small tables, every third one up to 60 × 60 so paths get long.
      const size = round % 3 === 2 ? 60 : 12;
      const rows = 2 + Math.floor(rand() * size);
      const cols = 2 + Math.floor(rand() * size);
      const x = Array.from({ length: rows * cols }, () => 2 + Math.floor(rand() * 20));
      for (let move = 0; move < rows * cols; move++) {
        const i = Math.floor(rand() * rows);
        const k = Math.floor(rand() * rows);
        const j = Math.floor(rand() * cols);
        const l = Math.floor(rand() * cols);
        if (i === k || j === l) continue;
        const e = rand() * 0.9;
        if (x[i * cols + l] - e < 0 || x[k * cols + j] - e < 0) continue;
        x[i * cols + j] += e;
        x[k * cols + l] += e;
        x[i * cols + l] -= e;
        x[k * cols + j] -= e;
      }
      const rt = Array.from({ length: rows }, (_, i) => Math.round(sum(x.slice(i * cols, (i + 1) * cols))));
      const ct = Array.from({ length: cols }, (_, j) => Math.round(sum(x.filter((_, k) => k % cols === j))));
      checkRounding(x, rows, cols, rt, ct);
    }
  });
});

describe('at planning size', () => {
  it('spreads 3,000,000 cells exactly and fits and rounds 2,000 × 1,000', () => {
    const rand = prng(3);
    const n = 3_000_000;
    const current = new Float64Array(n);
    const locked = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      current[i] = Math.floor(rand() * 10_000);
      locked[i] = i % 97 === 0 ? 1 : 0;
    }
    const total = 20_000_000_000; // 2 億元 in 分
    const r = spreadTotal({ total, current, weights: referenceWeights(current), locked });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(sum(r.values)).toBe(total);
      for (let i = 0; i < n; i += 97) expect(r.values[i]).toBe(current[i]);
    }

    const rows = 2000;
    const cols = 1000;
    const seed = Float64Array.from({ length: rows * cols }, () => rand() * 100 + 1);
    const rt = list(largestRemainder(50_000_000, Array.from({ length: rows }, () => rand() + 0.5)));
    const ct = list(largestRemainder(50_000_000, Array.from({ length: cols }, () => rand() + 0.5)));
    const fit = ipf(seed, rows, cols, rt, ct);
    expect(fit.converged).toBe(true);
    expect(fit.residual.max).toBeLessThanOrEqual(0.5);
    const rounded = roundMatrixPreservingMargins(fit.matrix, rows, cols, rt, ct);
    expect(rounded.ok).toBe(true);
    if (rounded.ok) {
      for (let i = 0; i < rows; i++) expect(sum(rounded.matrix.subarray(i * cols, (i + 1) * cols))).toBe(rt[i]);
    }
  });
});
