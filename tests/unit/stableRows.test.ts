import { describe, expect, it } from 'vitest';
import { keepUnchanged, sameData } from '../../src/renderer/src/grid/stableRows';

// The grid keeps the objects of rows whose content did not change, so that AG Grid
// repaints only the rows that did.

describe('stable rows', () => {
  it('compares data by content: arrays and plain objects deeply, anything else by identity', () => {
    expect(sameData({ a: 1, b: [1, 2, { c: 'x' }] }, { a: 1, b: [1, 2, { c: 'x' }] })).toBe(true);
    expect(sameData({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData(0, -0)).toBe(false);
    const d = new Date(0);
    expect(sameData(d, new Date(0))).toBe(false);
    expect(sameData({ d }, { d })).toBe(true);
    const f = () => 1;
    expect(sameData({ f }, { f: () => 1 })).toBe(false);
  });

  it('keeps the previous object of an unchanged row, and the previous list when nothing changed', () => {
    const before = [
      { id: 'a', v: 1, months: [1, 2] },
      { id: 'b', v: 2, months: [3, 4] },
      { id: 'c', v: 3, months: [5, 6] },
    ];
    const same = before.map((r) => ({ ...r, months: [...r.months] }));
    expect(keepUnchanged(before, same)).toBe(before);

    const edited = [{ ...before[0], months: [1, 2] }, { id: 'b', v: 9, months: [3, 4] }, { ...before[2] }];
    const kept = keepUnchanged(before, edited);
    expect(kept).not.toBe(before);
    expect(kept[0]).toBe(before[0]);
    expect(kept[1]).toBe(edited[1]);
    expect(kept[2]).toBe(before[2]);

    // New rows, removed rows and a new order come through as given.
    const reordered = [{ ...before[2] }, { id: 'd', v: 4, months: [] }, { ...before[0] }];
    const next = keepUnchanged(before, reordered);
    expect(next.map((r) => r.id)).toEqual(['c', 'd', 'a']);
    expect(next[0]).toBe(before[2]);
    expect(next[1]).toBe(reordered[1]);
    expect(next[2]).toBe(before[0]);
    expect(keepUnchanged([], edited)).toBe(edited);
  });
});
