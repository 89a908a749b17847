import { describe, expect, it } from 'vitest';
import { classifyAbc } from '../../src/shared/pareto';

const classes = (sales: [number, number][]) => Object.fromEntries(classifyAbc(new Map(sales)));

describe('classifyAbc (80/20)', () => {
  it('A is the smallest set reaching 80%, B up to 95%, C the rest', () => {
    // Total 1000: 500 (50%), 300 (80% → A ends), 100 (90%), 60 (96% → B ends), 30, 10.
    expect(classes([[1, 500], [2, 300], [3, 100], [4, 60], [5, 30], [6, 10]])).toEqual({
      1: 'A', 2: 'A', 3: 'B', 4: 'B', 5: 'C', 6: 'C',
    });
  });

  it('counts exactly 80% and exactly 95% as reached', () => {
    // Total 100: 80 reaches 80% exactly; 80 + 15 reaches 95% exactly.
    expect(classes([[1, 80], [2, 15], [3, 5]])).toEqual({ 1: 'A', 2: 'B', 3: 'C' });
    // Just below 80%: the next customer is still A.
    expect(classes([[1, 79], [2, 16], [3, 5]])).toEqual({ 1: 'A', 2: 'A', 3: 'C' });
  });

  it('does not depend on the input order', () => {
    expect(classes([[6, 10], [3, 100], [1, 500], [5, 30], [2, 300], [4, 60]])).toEqual(
      classes([[1, 500], [2, 300], [3, 100], [4, 60], [5, 30], [6, 10]]),
    );
  });

  it('never splits a tie at a cut-off', () => {
    // 60 (60%), then two of 20: the first reaches 80%, its twin is A too.
    expect(classes([[1, 60], [2, 20], [3, 20]])).toEqual({ 1: 'A', 2: 'A', 3: 'A' });
    // Four equal customers: 25%, 50%, 75%, 100%: all A.
    expect(classes([[1, 5], [2, 5], [3, 5], [4, 5]])).toEqual({ 1: 'A', 2: 'A', 3: 'A', 4: 'A' });
    // Total 200: 150 is 75%, the 20s take it to 85% and 95%: both A (tied), then C.
    expect(classes([[1, 150], [2, 20], [3, 20], [4, 10]])).toEqual({ 1: 'A', 2: 'A', 3: 'A', 4: 'C' });
  });

  it('puts customers without sales in C', () => {
    expect(classes([[1, 100], [2, 0], [3, -50]])).toEqual({ 1: 'A', 2: 'C', 3: 'C' });
    expect(classes([[1, 0], [2, 0]])).toEqual({ 1: 'C', 2: 'C' });
    expect(classes([])).toEqual({});
  });

  it('makes a lone customer A', () => {
    expect(classes([[7, 1]])).toEqual({ 7: 'A' });
  });

  it('works on cent amounts the size of a large region', () => {
    const big = 160_000_000_000; // 16 億元 in cents
    expect(classes([[1, big * 0.8], [2, big * 0.15], [3, big * 0.05]])).toEqual({ 1: 'A', 2: 'B', 3: 'C' });
  });
});
