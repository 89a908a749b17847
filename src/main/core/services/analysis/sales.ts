import type { SalesAnalysis, SalesDetail, SalesDimension, SalesFilter, SalesRow } from '../../../../shared/endpoints/analysis';
import { achievement, grossMargin, monthOnMonth, yearOnYear } from '../../../../shared/kpi';
import type { ReadDb } from '../../db/handle';
import { memberNames, orderedBrands, orderedMembers, type OrderedTable } from '../../repos/analysis/members';
import { lastPeriodOfYear } from '../../repos/analysis/periods';
import { salesByGroup, salesLines, targetByGroup } from '../../repos/analysis/sales';
import { workingVersionId } from '../../repos/planVersions';
import { regionPlanYear, salesActualYears } from '../../repos/region';

// Sales analysis: one aggregate of the actuals per request (the year and the year
// before, per group) and, for the plan year, one of the working plan's targets
// (repos/analysis/sales.ts); rows, shares and ordering here. No row-by-row work in JS.

/** The groupings whose members have an order of their own; the others are ranked by sales. */
const ORDERED: readonly SalesDimension[] = ['province', 'city', 'channel', 'brand', 'category'] satisfies OrderedTable[];
const isOrdered = (by: SalesDimension): by is OrderedTable => ORDERED.includes(by);

function makeRow(key: number, label: string, actual: number, lastYear: number, gp: number, noGp: number, target: number | null): SalesRow {
  // The margin is taken over the sales whose gross profit is known (a SKU without a cost
  // would otherwise count at 0 gross profit, or at 100% if its cost were taken as 0).
  const known = actual - noGp;
  return {
    key,
    label,
    actual,
    lastYear,
    target,
    grossProfit: gp,
    salesNoGp: noGp,
    grossMargin: grossMargin(known, known - gp),
    achievement: target === null ? null : achievement(actual, target),
    yoy: yearOnYear(actual, lastYear),
    mom: null,
  };
}

/** The year's last month with sales actuals, or null. */
function lastMonthOf(db: ReadDb, year: number): number | null {
  const p = lastPeriodOfYear(db, 'sales_month_customer', year);
  return p === null ? null : p % 100;
}

export function salesAnalysis(db: ReadDb, input: { year?: number; by: SalesDimension; filter?: SalesFilter; months?: [number, number] }): SalesAnalysis {
  const planYear = regionPlanYear(db);
  const year = input.year ?? planYear - 1;
  const { by } = input;
  const filter = input.filter ?? {};
  // A year still under way is compared with the same months of last year (同期).
  const lastMonth = lastMonthOf(db, year);
  const months: [number, number] = input.months ?? [1, lastMonth !== null && lastMonth < 12 ? lastMonth : 12];

  const aggregate = salesByGroup(db, year, by, filter, months);

  const targets = new Map<number, number>();
  if (year === planYear) {
    for (const r of targetByGroup(db, workingVersionId(db), by, filter, months)) targets.set(r.k, r.target);
  }
  // No target cell at all (a plan not made yet): no target, rather than a target of 0.
  const hasTarget = targets.size > 0;

  const byKey = new Map(aggregate.map((r) => [r.k, r]));
  const keys = new Set<number>([...byKey.keys(), ...targets.keys()]);
  let rows: SalesRow[];
  if (by === 'month') {
    rows = [];
    for (let m = months[0]; m <= months[1]; m++) {
      const r = byKey.get(m);
      rows.push(makeRow(m, String(m), r?.actual ?? 0, r?.last_year ?? 0, r?.gp ?? 0, r?.no_gp ?? 0, hasTarget ? (targets.get(m) ?? 0) : null));
    }
    for (let i = 1; i < rows.length; i++) rows[i].mom = monthOnMonth(rows[i].actual, rows[i - 1].actual);
  } else {
    const members = isOrdered(by) ? orderedMembers(db, by) : memberNames(db, by);
    const names = new Map(members.map((r) => [r.id, r.name]));
    rows = [...keys].map((k) => {
      const r = byKey.get(k);
      return makeRow(k, names.get(k) ?? '', r?.actual ?? 0, r?.last_year ?? 0, r?.gp ?? 0, r?.no_gp ?? 0, hasTarget ? (targets.get(k) ?? 0) : null);
    });
    if (isOrdered(by)) {
      const order = new Map(members.map((r, i) => [r.id, i]));
      rows.sort((x, y) => (order.get(x.key) ?? 1e9) - (order.get(y.key) ?? 1e9));
    } else {
      rows.sort((x, y) => y.actual - x.actual || x.key - y.key);
    }
  }
  const sum = (f: (r: SalesRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = makeRow(0, '', sum((r) => r.actual), sum((r) => r.lastYear), sum((r) => r.grossProfit), sum((r) => r.salesNoGp), hasTarget ? sum((r) => r.target ?? 0) : null);

  return {
    year,
    planYear,
    by,
    months,
    lastMonth,
    years: salesActualYears(db),
    rows,
    total,
    options: {
      cities: orderedMembers(db, 'city'),
      channels: orderedMembers(db, 'channel'),
      brands: orderedBrands(db, true).map((b) => ({ id: b.id, name: b.name, isOwn: b.is_own === 1 })),
    },
  };
}

export function salesRows(
  db: ReadDb,
  input: { year: number; slice: { by: SalesDimension; key: number }; filter?: SalesFilter; months?: [number, number]; limit?: number },
): SalesDetail {
  return salesLines(db, input.year, input.slice, input.filter ?? {}, input.months ?? [1, 12], input.limit ?? 1000);
}
