import type { TerminalCell, TerminalGroup, TerminalMeasure } from './endpoints/analysisTerminals';

// Pure helpers of the terminals view (終端分析): the period presets, the measure of a
// cell, the strongest competitor of a group and our gap to it, the months of a range.

export const PERIOD_PRESETS = ['year', 'q1', 'q2', 'q3', 'q4', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The months (inclusive) of a preset; null for "custom". */
export function presetMonths(p: PeriodPreset): [number, number] | null {
  if (p === 'year') return [1, 12];
  if (p === 'custom') return null;
  const q = Number(p.slice(1));
  return [q * 3 - 2, q * 3];
}

/** The preset a month range is, or "custom". */
export function presetOf(fromMonth: number, toMonth: number): PeriodPreset {
  if (fromMonth === 1 && toMonth === 12) return 'year';
  for (const q of [1, 2, 3, 4]) if (fromMonth === q * 3 - 2 && toMonth === q * 3) return `q${q}` as PeriodPreset;
  return 'custom';
}

/** The chosen measure of a cell: 鋪貨率, 貨架佔有率 or 終端銷售佔有率. */
export function measureOf(c: TerminalCell, m: TerminalMeasure): number | null {
  return m === 'distribution' ? c.distribution : m === 'shelf' ? c.shelf : c.sales;
}

/** The competitor with the highest value of the measure in the group (first in list order on ties); null when none has one. */
export function strongestCompetitor(g: TerminalGroup, m: TerminalMeasure): { index: number; value: number } | null {
  let best: { index: number; value: number } | null = null;
  g.competitors.forEach((c, index) => {
    const v = measureOf(c, m);
    if (v !== null && (best === null || v > best.value)) best = { index, value: v };
  });
  return best;
}

/** Ours minus the strongest competitor, as a ratio (0.05 = 5 percentage points); null when either is not defined. */
export function gapToStrongest(g: TerminalGroup, m: TerminalMeasure): number | null {
  const ours = measureOf(g.ours, m);
  const best = strongestCompetitor(g, m);
  if (ours === null || best === null) return null;
  return ours - best.value;
}

/** yyyymm of every month of the range, ascending. */
export function monthsOf(year: number, fromMonth: number, toMonth: number): number[] {
  const out: number[] = [];
  for (let m = fromMonth; m <= toMonth; m++) out.push(year * 100 + m);
  return out;
}
