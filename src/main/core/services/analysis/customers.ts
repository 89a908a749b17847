import provinceShapes from '../../../../../resources/geo/china-provinces.json' with { type: 'json' };
import { geoKey } from '../../../../shared/geoNames';
import { refusal } from '../../../../shared/errors';
import { inventoryToSales, isBlankArea } from '../../../../shared/kpi';
import { classifyAbc, type AbcClass } from '../../../../shared/pareto';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit } from '../../db/undoLog';
import {
  activeDistributorsByCity, citiesOfGeography, customerSalesLines, customersByCity, customerYearSums, filteredCustomers,
  monthsWithSales as monthsWithSalesOf, provincesWithCode, statementsOf, terminalsByCity, type FilteredCustomer,
} from '../../repos/analysis/customers';
import { lastPeriodOfYear } from '../../repos/analysis/periods';
import { citiesByProvince, findCity, findCustomer, memberExists, orderedMembers } from '../../repos/analysis/members';
import { regionPlanYear, salesActualYears } from '../../repos/region';
import { findSettingRow, getSetting, putSetting } from '../../repos/settings';
import {
  CUSTOMER_TIERS, DEFAULT_COVERAGE_TARGET, type BlankArea, type CityCoverage, type CustomerAnalysis, type CustomerAnalysisRow,
  type CustomerBrief, type CustomerFilter, type CustomerSalesDetail, type RegionMap, type RegionMapProvince,
} from '../../../../shared/endpoints/analysisCustomers';

// 渠道客戶分析: a handful of aggregate reads (sales by customer for the year and the
// year before, from the monthly summary per customer; one statement month; distributors,
// customers and terminals by city: repos/analysis/customers.ts); the filters
// (province/city, channel, tier) pick the customers, and ranking, shares and the A/B/C
// classes are computed in JS over one row per customer of the filtered set.
// Terminal coverage of a city = its active terminals whose supplying customer
// (terminal.customer_id) is active ÷ its active terminals (of the channel, when filtered).

/** The filter, checked against the file: unknown ids are refused, a city must lie in the province. */
function checkFilter(db: ReadDb, f: CustomerFilter): void {
  if (f.provinceId !== undefined && !memberExists(db, 'province', f.provinceId)) {
    throw refusal('NOT_FOUND', 'analysisCustomers.unknownProvince', `no province ${f.provinceId}`, { path: 'provinceId' });
  }
  if (f.cityId !== undefined) {
    const city = findCity(db, f.cityId);
    if (!city) throw refusal('NOT_FOUND', 'analysisCustomers.unknownCity', `no city ${f.cityId}`, { path: 'cityId' });
    if (f.provinceId !== undefined && city.province_id !== f.provinceId) {
      throw refusal('INVALID_INPUT', 'analysisCustomers.cityNotInProvince', `city ${f.cityId} is not in province ${f.provinceId}`, { path: 'cityId' });
    }
  }
  if (f.channelId !== undefined && !memberExists(db, 'channel', f.channelId)) {
    throw refusal('NOT_FOUND', 'analysisCustomers.unknownChannel', `no channel ${f.channelId}`, { path: 'channelId' });
  }
}

/** Every city of the filter's geography with its distributors and terminal coverage, blank or not. */
export function cityCoverage(db: ReadDb, f: CustomerFilter, coverageTarget: number): CityCoverage[] {
  const cities = citiesOfGeography(db, f);
  const byCity = <R extends { city_id: number }>(rows: R[]) => new Map(rows.map((r) => [r.city_id, r]));
  // Distributors cover a city whatever their main channel (a KA channel is served by KA systems,
  // not distributors): the channel filter narrows the terminals whose coverage is measured.
  const distributors = byCity(activeDistributorsByCity(db));
  const customers = byCity(customersByCity(db, f.channelId));
  const terminals = byCity(terminalsByCity(db, f.channelId));
  return cities.map((ci) => {
    const activeDistributors = distributors.get(ci.id)?.n ?? 0;
    const term = terminals.get(ci.id);
    const n = term?.n ?? 0;
    const covered = term?.covered ?? 0;
    const coverage = n > 0 ? covered / n : null;
    const blank = isBlankArea(activeDistributors, coverage, coverageTarget);
    return {
      cityId: ci.id,
      cityName: ci.name,
      provinceId: ci.province_id,
      provinceName: ci.province_name,
      provinceCode: ci.province_code,
      customers: customers.get(ci.id)?.n ?? 0,
      activeDistributors,
      terminals: n,
      coveredTerminals: covered,
      coverage,
      blank,
      reason: !blank ? null : activeDistributors <= 0 ? 'noDistributor' : 'lowCoverage',
    };
  });
}

const COVERAGE_SETTING = 'analysis.coverageTarget';

/** The region's coverage target for blank areas, as the manager set it (else the default). */
export function storedCoverageTarget(db: ReadDb): number {
  const v = getSetting<number>(db, COVERAGE_SETTING);
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : DEFAULT_COVERAGE_TARGET;
}

/** Sets the region's coverage target; one undo step. */
export function setCoverageTarget(db: WriteDb, target: number): void {
  recordEdit(db, 'analysisCustomers.undo.coverageTarget', () => {
    const before = findSettingRow(db, COVERAGE_SETTING);
    putSetting(db, COVERAGE_SETTING, target);
    return { changes: [{ table: 'setting', key: { key: COVERAGE_SETTING }, before: before ?? null, after: { key: COVERAGE_SETTING, value: JSON.stringify(target) } }], value: null };
  });
}

export function customerAnalysis(db: ReadDb, input: { year?: number; coverageTarget?: number } & CustomerFilter): CustomerAnalysis {
  const filter: CustomerFilter = {};
  if (input.provinceId !== undefined) filter.provinceId = input.provinceId;
  if (input.cityId !== undefined) filter.cityId = input.cityId;
  if (input.channelId !== undefined) filter.channelId = input.channelId;
  if (input.tier !== undefined) filter.tier = input.tier;
  checkFilter(db, filter);
  const coverageTarget = input.coverageTarget ?? storedCoverageTarget(db);
  const py = regionPlanYear(db);
  const year = input.year ?? py - 1;

  const sums = customerYearSums(db, year);
  const monthsWithSales = monthsWithSalesOf(db, year);
  const statementPeriod = lastPeriodOfYear(db, 'customer_statement', year);
  const statements = new Map(statementPeriod === null ? [] : statementsOf(db, statementPeriod).map((s) => [s.customer_id, s]));

  // The filtered customers: only they are ranked, classed and listed.
  const records = new Map<number, FilteredCustomer>(filteredCustomers(db, filter).map((c) => [c.id, c]));
  const scoped = sums.filter((s) => records.has(s.id));

  // The year's selling customers: every customer with rows in the year (A/B/C per classifyAbc over the filtered set).
  const thisYear = scoped.filter((s) => s.n > 0);
  const abc = classifyAbc(thisYear.map((s) => [s.id, s.sales] as const));
  const totalSales = thisYear.reduce((a, s) => a + s.sales, 0);

  const ranked = [...scoped].sort((a, b) => b.sales - a.sales || a.id - b.id);
  let cumulative = 0;
  const customers: CustomerAnalysisRow[] = [];
  for (const s of ranked) {
    const c = records.get(s.id);
    if (!c) continue;
    const st = statements.get(s.id);
    cumulative += s.sales;
    const avgMonthly = monthsWithSales > 0 ? s.sales / monthsWithSales : 0;
    const receivable = st?.receivable_cents ?? null;
    customers.push({
      id: c.id,
      code: c.code,
      name: c.name,
      cityName: c.city_name,
      tier: c.tier,
      status: c.status,
      sales: s.sales,
      lastYearSales: s.last_sales,
      share: totalSales > 0 ? s.sales / totalSales : null,
      cumulativeShare: totalSales > 0 ? cumulative / totalSales : null,
      abc: abc.get(s.id) ?? 'C',
      inventoryCents: st?.inventory_cents ?? null,
      receivableCents: receivable,
      inventoryToSales: st ? inventoryToSales(st.inventory_cents, avgMonthly) : null,
      creditLimitCents: c.credit_limit_cents,
      overLimit: receivable !== null && c.credit_limit_cents > 0 && receivable > c.credit_limit_cents,
    });
  }

  const classes: Record<AbcClass, { count: number; sales: number }> = { A: { count: 0, sales: 0 }, B: { count: 0, sales: 0 }, C: { count: 0, sales: 0 } };
  for (const s of thisYear) {
    const k = abc.get(s.id) ?? 'C';
    classes[k].count++;
    classes[k].sales += s.sales;
  }
  const tiers = CUSTOMER_TIERS.map((tier) => ({ tier, count: 0, sales: 0 }));
  for (const s of thisYear) {
    const c = records.get(s.id);
    const t = c && tiers.find((x) => x.tier === c.tier);
    if (!t) continue;
    t.count++;
    t.sales += s.sales;
  }

  const brief = (id: number, sales: number): CustomerBrief => {
    const c = records.get(id)!;
    return { id, code: c.code, name: c.name, tier: c.tier, sales };
  };
  // Gained: sales this year, none last year; lost: sales last year, none this year.
  const gained = ranked.filter((s) => s.sales > 0 && s.last_sales <= 0 && records.has(s.id)).map((s) => brief(s.id, s.sales));
  const lost = [...scoped]
    .filter((s) => s.last_sales > 0 && s.sales <= 0 && records.has(s.id))
    .sort((a, b) => b.last_sales - a.last_sales || a.id - b.id)
    .map((s) => brief(s.id, s.last_sales));

  const coverage = cityCoverage(db, filter, coverageTarget);
  const blankAreas = coverage.filter((c): c is BlankArea => c.blank);
  const options = { provinces: orderedMembers(db, 'province'), cities: citiesByProvince(db), channels: orderedMembers(db, 'channel') };

  return {
    year,
    planYear: py,
    years: salesActualYears(db),
    monthsWithSales,
    statementPeriod,
    totalSales,
    customers,
    classes,
    tiers,
    gained,
    lost,
    filter,
    coverageTarget,
    coverage,
    blankAreas,
    cities: coverage.length,
    options,
  };
}

export function customerSalesRows(db: ReadDb, input: { year: number; customerId: number; limit?: number }): CustomerSalesDetail {
  const customer = findCustomer(db, input.customerId);
  if (!customer) throw refusal('NOT_FOUND', 'analysisCustomers.unknownCustomer', `no customer ${input.customerId}`, { path: 'customerId' });
  return { customer, ...customerSalesLines(db, customer.id, input.year, input.limit ?? 1000) };
}

// --- the blank-area map: the region's provinces (and their neighbours, grey, for context) ---

type Shape = Omit<RegionMapProvince, 'provinceId'>;
const SHAPES: Shape[] = (provinceShapes.provinces as unknown as Shape[]).map((p) => ({ ...p, center: p.center ?? null }));
const SHAPE_BOX = new Map(SHAPES.map((p) => [p.code, bbox(p.polygons)]));
/** How far (degrees) around the region's extent neighbouring provinces are drawn (clipped to that box). */
const NEIGHBOUR_MARGIN = 1.2;

function bbox(polygons: [number, number][][][]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
  return [x0, y0, x1, y1];
}

type Ring = [number, number][];

/** Sutherland–Hodgman: the part of a ring inside the box (one pass per edge of the box). */
function clipRing(ring: Ring, [x0, y0, x1, y1]: [number, number, number, number]): Ring {
  const edges: [(p: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  let out = ring;
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    if (!out.length) return out;
  }
  const r = (v: number) => Math.round(v * 100) / 100;
  return out.map(([x, y]) => [r(x), r(y)]);
}

function clipPolygons(polygons: Ring[][], box: [number, number, number, number]): Ring[][] {
  const out: Ring[][] = [];
  for (const poly of polygons) {
    const rings = poly.map((ring) => clipRing(ring, box));
    if (rings[0].length >= 3) out.push(rings.filter((ring) => ring.length >= 3));
  }
  return out;
}

/** The outlines of the region's provinces (matched by GB/T 2260 code, else by name) and of the provinces around them. */
export function regionMap(db: ReadDb): RegionMap {
  const region = provincesWithCode(db);
  const byCode = new Map(SHAPES.map((p) => [p.code, p]));
  const byName = new Map<string, Shape>();
  for (const p of SHAPES) byName.set(geoKey(p.zhHant), p);
  const mine: RegionMapProvince[] = [];
  const missing: RegionMap['missing'] = [];
  const used = new Set<string>();
  for (const r of region) {
    const shape = byCode.get(r.code) ?? byName.get(geoKey(r.name));
    if (!shape || used.has(shape.code)) {
      missing.push({ provinceId: r.id, name: r.name });
      continue;
    }
    used.add(shape.code);
    mine.push({ ...shape, provinceId: r.id });
  }
  const neighbours: RegionMapProvince[] = [];
  if (mine.length) {
    const boxes = mine.map((p) => SHAPE_BOX.get(p.code)!);
    const x0 = Math.min(...boxes.map((b) => b[0])) - NEIGHBOUR_MARGIN;
    const y0 = Math.min(...boxes.map((b) => b[1])) - NEIGHBOUR_MARGIN;
    const x1 = Math.max(...boxes.map((b) => b[2])) + NEIGHBOUR_MARGIN;
    const y1 = Math.max(...boxes.map((b) => b[3])) + NEIGHBOUR_MARGIN;
    for (const p of SHAPES) {
      if (used.has(p.code)) continue;
      const b = SHAPE_BOX.get(p.code)!;
      if (b[0] > x1 || b[2] < x0 || b[1] > y1 || b[3] < y0) continue;
      const polygons = clipPolygons(p.polygons, [x0, y0, x1, y1]);
      if (polygons.length) neighbours.push({ ...p, provinceId: null, center: null, polygons });
    }
  }
  return { source: provinceShapes.source, licence: provinceShapes.licence, provinces: [...mine, ...neighbours], missing };
}
