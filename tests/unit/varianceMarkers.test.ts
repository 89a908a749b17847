import { describe, expect, it } from 'vitest';
import type { VarianceNote } from '../../src/shared/endpoints/planVariance';
import {
  notesBySlice, salesRowNotes, salesRowPeriod, salesRowSlice, targetCellNotes, targetFieldPeriod, targetRowSlice,
} from '../../src/renderer/src/features/plan/variance/markers';

// Where the sales chart and the target grid put a variance note's marker: the slice a
// group or a row names, the period a view or a column names, and the notes that match.

const note = (id: number, slice: VarianceNote['slice'], period: VarianceNote['period']): VarianceNote => ({
  id, slice, period, sliceNames: [], causeId: null, body: '', author: '', createdAt: '', updatedAt: '', actions: [],
});

describe('variance markers', () => {
  it('a sales group names the view’s filters and its member, in any order', () => {
    expect(salesRowSlice('city', 5, { channelId: 2 })).toEqual([{ dim: 'channel', id: 2 }, { dim: 'city', id: 5 }]);
    expect(salesRowSlice('month', 3, { brandId: 7 })).toEqual([{ dim: 'brand', id: 7 }]);
    // The unassigned group, and a group the filter excludes, cannot carry a note.
    expect(salesRowSlice('salesperson', 0, {})).toBeNull();
    expect(salesRowSlice('city', 5, { cityId: 6 })).toBeNull();
    expect(salesRowSlice('city', 5, { cityId: 5 })).toEqual([{ dim: 'city', id: 5 }]);
  });

  it('the months shown give the period of a new note', () => {
    expect(salesRowPeriod('month', 4, 2026, [1, 12])).toEqual({ kind: 'month', year: 2026, month: 4 });
    expect(salesRowPeriod('city', 1, 2026, [3, 3])).toEqual({ kind: 'month', year: 2026, month: 3 });
    expect(salesRowPeriod('city', 1, 2026, [4, 6])).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(salesRowPeriod('city', 1, 2026, [2, 4])).toEqual({ kind: 'year', year: 2026 });
    expect(targetFieldPeriod('q3', 2027)).toEqual({ kind: 'quarter', year: 2027, quarter: 3 });
    expect(targetFieldPeriod('m12', 2027)).toEqual({ kind: 'month', year: 2027, month: 12 });
    expect(targetFieldPeriod('year', 2027)).toEqual({ kind: 'year', year: 2027 });
    expect(targetFieldPeriod('lastYear', 2027)).toBeNull();
  });

  it('marks a group whose notes overlap the months shown, and a cell whose note is its period exactly', () => {
    const index = notesBySlice([
      note(1, [{ dim: 'city', id: 5 }], { kind: 'month', year: 2026, month: 3 }),
      note(2, [{ dim: 'city', id: 5 }], { kind: 'quarter', year: 2026, quarter: 2 }),
      note(3, [], { kind: 'year', year: 2026 }),
      note(4, [{ dim: 'brand', id: 2 }, { dim: 'province', id: 1 }], { kind: 'month', year: 2027, month: 3 }),
    ]);
    const ids = (ns: VarianceNote[]) => ns.map((n) => n.id);
    expect(ids(salesRowNotes(index, 'city', 5, {}, 2026, [1, 12]))).toEqual([1, 2]);
    expect(ids(salesRowNotes(index, 'city', 5, {}, 2026, [4, 4]))).toEqual([2]);
    expect(ids(salesRowNotes(index, 'city', 5, {}, 2025, [1, 12]))).toEqual([]);
    // By month: the months a note covers, but not the whole year's notes.
    expect(ids(salesRowNotes(index, 'month', 5, {}, 2026, [1, 12]))).toEqual([]);
    expect(ids(salesRowNotes(index, 'month', 5, { cityId: 5 }, 2026, [1, 12]))).toEqual([2]);
    const slice = targetRowSlice(['province', 'brand'], [1, 2]);
    expect(ids(targetCellNotes(index, slice, targetFieldPeriod('m3', 2027)))).toEqual([4]);
    expect(ids(targetCellNotes(index, slice, targetFieldPeriod('q1', 2027)))).toEqual([]);
    expect(targetRowSlice(['salesperson', 'customer'], [0, 3])).toBeNull();
  });
});
