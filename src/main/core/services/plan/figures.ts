import { expenseMeasures } from '../../../../shared/analysisExpenses';
import { achievement, grossMargin, yearOnYear } from '../../../../shared/kpi';
import { FIGURE_KINDS, PROVINCE_FIGURES, figureKey, type FigureRef, type FigureValue } from '../../../../shared/planWritten';
import type { ReadDb } from '../../db/handle';
import { expenseCells, salesSummaryByMonth } from '../../repos/analysis/expenses';
import { citiesByProvince, orderedMembers } from '../../repos/analysis/members';
import { lastPeriodOfYear } from '../../repos/analysis/periods';
import { salesByGroup, targetByGroup, type SalesGroupSums } from '../../repos/analysis/sales';
import { regionPlanYear } from '../../repos/region';
import { listHoTarget } from '../../repos/targets/hoTarget';
import type { TargetCache } from '../targets/model';

// The figure catalog's values: every kind for the region and for each province, from the
// same aggregates and measures as the analysis views (sales: repos/analysis/sales.ts with
// the sales view's months rule; expenses: the expense view's cells over the year's sales).
// One table per read, a handful of grouped queries on the monthly summaries, so a
// document with many figures costs no more than one with a few.
//
// The plan's targets by province come from the targets' cube when the caller has it (the
// handlers do: it is built once per file and shared with the target page and the expense
// views, so a read does not scan the plan's million cells), else from one SQL aggregate;
// both give the sales view's per-province targets (the plan's cells are whole 元).
//
// API for any chapter that embeds figures: `figureTable(db, versionId, cache?)` once per read,
// then `resolveFigure(table, ref)` per figure; `unknownFigure(db, ref)` says whether a
// reference points at nothing (refused on save).

export interface FigureTable {
  planYear: number;
  reviewYear: number;
  values: Record<string, FigureValue>;
  provinces: { id: number; name: string }[];
}

const ok = (value: number | null): FigureValue => (value === null || !Number.isFinite(value) ? { status: 'noData' } : { status: 'ok', value });
const NO_DATA: FigureValue = { status: 'noData' };

/** The months the sales view compares for a year: up to its last month with sales, else the whole year. */
function monthsOf(db: ReadDb, year: number): { months: [number, number]; lastMonth: number | null } {
  const p = lastPeriodOfYear(db, 'sales_month_customer', year);
  const lastMonth = p === null ? null : p % 100;
  return { months: [1, lastMonth !== null && lastMonth < 12 ? lastMonth : 12], lastMonth };
}

interface Sums {
  actual: number;
  lastYear: number;
  gp: number;
  noGp: number;
}
const ZERO: Sums = { actual: 0, lastYear: 0, gp: 0, noGp: 0 };

function byProvince(rows: SalesGroupSums[]): { total: Sums; of: Map<number, Sums> } {
  const of = new Map<number, Sums>();
  const total = { ...ZERO };
  for (const r of rows) {
    of.set(r.k, { actual: r.actual, lastYear: r.last_year, gp: r.gp, noGp: r.no_gp });
    total.actual += r.actual;
    total.lastYear += r.last_year;
    total.gp += r.gp;
    total.noGp += r.no_gp;
  }
  return { total, of };
}

type Months = [number, number];
type ProvinceTargets = (months: Months) => { k: number; target: number }[];

/** The version's target per province over some months, summed from the targets' cube (cents). */
function cubeTargets(db: ReadDb, cache: TargetCache, versionId: number): ProvinceTargets | null {
  const cube = cache.cube(db, versionId);
  if (cube.present === 0) return () => [];
  const refs = cache.refs;
  const provinceOf = new Map(citiesByProvince(db).map((c) => [c.id, c.provinceId]));
  return ([from, to]) => {
    const sums = new Map<number, number>();
    for (let k = 0; k < refs.n; k++) {
      let a = 0;
      for (let m = from - 1; m < to; m++) a += cube.amount[k * 12 + m];
      if (a === 0) continue;
      const p = provinceOf.get(refs.city.data[k]);
      if (p !== undefined) sums.set(p, (sums.get(p) ?? 0) + a);
    }
    return [...sums].map(([k, yuan]) => ({ k, target: Math.round(yuan * 100) }));
  };
}

/** Every figure of the catalog for the region and each province, for one plan version. */
export function figureTable(db: ReadDb, versionId: number, cache?: TargetCache): FigureTable {
  const provinceTargets: ProvinceTargets = (cache && cubeTargets(db, cache, versionId)) || ((months) => targetByGroup(db, versionId, 'province', {}, months));
  const planYear = regionPlanYear(db);
  const reviewYear = planYear - 1;
  const provinces = orderedMembers(db, 'province');
  const values: Record<string, FigureValue> = {};

  const review = monthsOf(db, reviewYear);
  const sales = byProvince(salesByGroup(db, reviewYear, 'province', {}, review.months));
  const targets = provinceTargets([1, 12]);
  const targetOf = new Map(targets.map((r) => [r.k, r.target]));
  const hasTarget = targets.length > 0;
  const targetTotal = targets.reduce((s, r) => s + r.target, 0);
  // The plan year so far: its sales against the version's target for the same months.
  const current = monthsOf(db, planYear);
  const ytdSales = current.lastMonth === null ? null : byProvince(salesByGroup(db, planYear, 'province', {}, current.months));
  const ytdTargets = current.lastMonth === null ? [] : provinceTargets(current.months);
  const ytdTargetOf = new Map(ytdTargets.map((r) => [r.k, r.target]));
  const ytdTargetTotal = ytdTargets.reduce((s, r) => s + r.target, 0);
  const reviewComplete = review.lastMonth === 12;

  const put = (key: string, s: Sums, target: number | null, ytdActual: number | null, ytdTarget: number) => {
    const known = s.actual - s.noGp;
    values[`reviewSales${key}`] = review.lastMonth === null ? NO_DATA : ok(s.actual);
    values[`reviewGrowth${key}`] = ok(yearOnYear(s.actual, s.lastYear));
    values[`reviewMargin${key}`] = ok(grossMargin(known, known - s.gp));
    values[`planTarget${key}`] = target === null ? NO_DATA : ok(target);
    // A full year's target against a year not yet complete would overstate the growth.
    values[`planGrowth${key}`] = target === null || !reviewComplete ? NO_DATA : ok(yearOnYear(target, s.actual));
    values[`achievement${key}`] = ytdActual === null || !hasTarget ? NO_DATA : ok(achievement(ytdActual, ytdTarget));
  };
  put('', sales.total, hasTarget ? targetTotal : null, ytdSales?.total.actual ?? null, ytdTargetTotal);
  for (const p of provinces) {
    put(`@${p.id}`, sales.of.get(p.id) ?? ZERO, hasTarget ? (targetOf.get(p.id) ?? 0) : null, ytdSales ? (ytdSales.of.get(p.id)?.actual ?? 0) : null, ytdTargetOf.get(p.id) ?? 0);
  }

  const ho = listHoTarget(db);
  values.hoTarget = ho.length === 0 ? NO_DATA : ok(ho.reduce((s, r) => s + r.amount_cents, 0));
  const expense = expenseCells(db, reviewYear).reduce((s, c) => s + c.amount, 0);
  const yearSales = salesSummaryByMonth(db, reviewYear).reduce((s, r) => s + r.s, 0);
  values.expenseRatio = expense === 0 ? NO_DATA : ok(expenseMeasures(expense, yearSales, 0).ratio);

  return { planYear, reviewYear, values, provinces };
}

/** A figure's value; a province that is not in the table (deleted) is 'missing'. */
export function resolveFigure(table: FigureTable, ref: FigureRef): FigureValue {
  const value = table.values[figureKey(ref)];
  if (value) return value;
  return ref.provinceId !== undefined ? { status: 'missing' } : NO_DATA;
}

/** Why a reference points at nothing (an unknown province), or null when it is sound. */
export function unknownFigure(provinceIds: ReadonlySet<number>, ref: FigureRef): string | null {
  if (!FIGURE_KINDS.includes(ref.kind)) return `no figure of kind ${String(ref.kind)}`;
  if (ref.provinceId === undefined) return null;
  if (!PROVINCE_FIGURES.includes(ref.kind)) return `the figure ${ref.kind} takes no province`;
  return provinceIds.has(ref.provinceId) ? null : `province ${ref.provinceId} does not exist`;
}
