import type { SalesDimension, SalesFilter } from '../../../../../shared/endpoints/analysis';
import { periodMonths, sliceKey, type VarianceNote, type VariancePeriod, type VarianceSlice } from '../../../../../shared/endpoints/planVariance';
import type { TargetDim } from '../../../../../shared/endpoints/targets';

// Where the sales chart and the target grid show a note: the notes are read once per
// view and indexed by slice here, so that a row or a cell looks its notes up in a map.

/** The notes by slice key. */
export function notesBySlice(notes: readonly VarianceNote[]): Map<string, VarianceNote[]> {
  const map = new Map<string, VarianceNote[]>();
  for (const n of notes) {
    const k = sliceKey(n.slice);
    const list = map.get(k);
    if (list) list.push(n);
    else map.set(k, [n]);
  }
  return map;
}

const FILTER_DIMS = [['cityId', 'city'], ['channelId', 'channel'], ['brandId', 'brand'], ['categoryId', 'category']] as const;

/** The slice of a sales-analysis group: the view's filters and the group's member (none by month; null for the unassigned group). */
export function salesRowSlice(by: SalesDimension, key: number, filter: SalesFilter): VarianceSlice | null {
  const slice: VarianceSlice = [];
  for (const [field, dim] of FILTER_DIMS) {
    const id = filter[field];
    if (id !== undefined) slice.push({ dim, id });
  }
  if (by !== 'month') {
    if (key <= 0) return null;
    if (slice.some((p) => p.dim === by)) return slice.some((p) => p.dim === by && p.id === key) ? slice : null;
    slice.push({ dim: by, id: key });
  }
  return slice;
}

/** The period a note made from the view names: its month by month, else the months shown as a month, quarter or year. */
export function salesRowPeriod(by: SalesDimension, key: number, year: number, months: readonly [number, number]): VariancePeriod {
  if (by === 'month') return { kind: 'month', year, month: key };
  const [from, to] = months;
  if (from === to) return { kind: 'month', year, month: from };
  if (to - from === 2 && from % 3 === 1) return { kind: 'quarter', year, quarter: (from + 2) / 3 };
  return { kind: 'year', year };
}

/** The notes on a sales-analysis group whose period overlaps the months shown (by month: covers the group's month). */
export function salesRowNotes(
  index: Map<string, VarianceNote[]>,
  by: SalesDimension,
  key: number,
  filter: SalesFilter,
  year: number,
  months: readonly [number, number],
): VarianceNote[] {
  const slice = salesRowSlice(by, key, filter);
  if (!slice) return [];
  const [from, to] = by === 'month' ? [key, key] : months;
  return (index.get(sliceKey(slice)) ?? []).filter((n) => {
    const [a, b] = periodMonths(n.period);
    // By month, a note on the whole year would mark every point: it shows on the other groupings.
    if (by === 'month' && n.period.kind === 'year') return false;
    return n.period.year === year && a <= to && b >= from;
  });
}

/** The slice of a target-grid row: its path under the hierarchy's levels (null when it names "none"). */
export function targetRowSlice(levels: readonly TargetDim[], path: readonly number[]): VarianceSlice | null {
  if (path.some((id) => id <= 0)) return null;
  return path.map((id, i) => ({ dim: levels[i], id }));
}

/** The period of a target-grid column in the plan year ('year', 'q1'…'q4', 'm1'…'m12'), or null for another column. */
export function targetFieldPeriod(field: string, planYear: number): VariancePeriod | null {
  if (field === 'year') return { kind: 'year', year: planYear };
  const q = /^q([1-4])$/.exec(field);
  if (q) return { kind: 'quarter', year: planYear, quarter: Number(q[1]) };
  const m = /^m(\d{1,2})$/.exec(field);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { kind: 'month', year: planYear, month: Number(m[1]) };
  return null;
}

/** The notes on exactly a target cell's slice and period. */
export function targetCellNotes(index: Map<string, VarianceNote[]>, slice: VarianceSlice | null, period: VariancePeriod | null): VarianceNote[] {
  if (!slice || !period) return [];
  const [from, to] = periodMonths(period);
  return (index.get(sliceKey(slice)) ?? []).filter((n) => {
    const [a, b] = periodMonths(n.period);
    return n.period.kind === period.kind && n.period.year === period.year && a === from && b === to;
  });
}
