import { readDb, type WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import provinceShapes from '../../../../../resources/geo/china-provinces.json' with { type: 'json' };
import { AppError } from '../../../../shared/errors';
import { inventoryToSales, isBlankArea } from '../../../../shared/kpi';
import { classifyAbc, type AbcClass } from '../../../../shared/pareto';
import { findSettingRow, getSetting, putSetting } from '../../repos/settings';
import { recordEdit } from '../../db/undoLog';
import { actualYears, planYearOf } from './sales';
import {
  CUSTOMER_TIERS, DEFAULT_COVERAGE_TARGET, type BlankArea, type CityCoverage, type CustomerAnalysis, type CustomerAnalysisRow,
  type CustomerBrief, type CustomerFilter, type CustomerSalesDetail, type CustomerTierName, type RegionMap, type RegionMapProvince,
} from '../../../../shared/endpoints/analysisCustomers';

// 渠道客戶分析: a handful of aggregate queries (sales by customer for the year and the
// year before, from the monthly summary per customer; one statement month; distributors,
// customers and terminals by city); the filters (province/city, channel, tier) pick
// the customers, and ranking, shares and the A/B/C classes are computed in JS over one
// row per customer of the filtered set.
// Terminal coverage of a city = its active terminals whose supplying customer
// (terminal.customer_id) is active ÷ its active terminals (of the channel, when filtered).

interface CustomerRecord {
  id: number;
  code: string;
  name: string;
  city_name: string;
  tier: CustomerTierName;
  status: CustomerAnalysisRow['status'];
  credit_limit_cents: number;
}

function refuse(code: 'NOT_FOUND' | 'INVALID_INPUT', message: string, path: string, key: string): never {
  throw new AppError(code, message, { issues: [{ path, message: `analysisCustomers.${key}` }] });
}

/** The filter, checked against the file: unknown ids are refused, a city must lie in the province. */
function checkFilter(sqlite: Database.Database, f: CustomerFilter): void {
  const exists = (table: 'province' | 'city' | 'channel', id: number) => sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  if (f.provinceId !== undefined && !exists('province', f.provinceId)) refuse('NOT_FOUND', `no province ${f.provinceId}`, 'provinceId', 'unknownProvince');
  if (f.cityId !== undefined) {
    const city = sqlite.prepare('SELECT province_id FROM city WHERE id = ?').get(f.cityId) as { province_id: number } | undefined;
    if (!city) refuse('NOT_FOUND', `no city ${f.cityId}`, 'cityId', 'unknownCity');
    if (f.provinceId !== undefined && city.province_id !== f.provinceId) {
      refuse('INVALID_INPUT', `city ${f.cityId} is not in province ${f.provinceId}`, 'cityId', 'cityNotInProvince');
    }
  }
  if (f.channelId !== undefined && !exists('channel', f.channelId)) refuse('NOT_FOUND', `no channel ${f.channelId}`, 'channelId', 'unknownChannel');
}

/** SQL condition (on customer alias c) for a customer serving the channel: its main channel or one of its further channels. */
const SERVES_CHANNEL = '(c.channel_id = @channelId OR EXISTS (SELECT 1 FROM customer_channel cc WHERE cc.customer_id = c.id AND cc.channel_id = @channelId))';

function geographyWhere(f: CustomerFilter, cityCol: string, provinceCol: string): string {
  const parts: string[] = [];
  if (f.provinceId !== undefined) parts.push(`${provinceCol} = @provinceId`);
  if (f.cityId !== undefined) parts.push(`${cityCol} = @cityId`);
  return parts.join(' AND ');
}

function params(f: CustomerFilter): Record<string, number | string> {
  const p: Record<string, number | string> = {};
  if (f.provinceId !== undefined) p.provinceId = f.provinceId;
  if (f.cityId !== undefined) p.cityId = f.cityId;
  if (f.channelId !== undefined) p.channelId = f.channelId;
  if (f.tier !== undefined) p.tier = f.tier;
  return p;
}

/** Every city of the filter's geography with its distributors and terminal coverage, blank or not. */
function cityCoverage(sqlite: Database.Database, f: CustomerFilter, coverageTarget: number): CityCoverage[] {
  const p = params(f);
  const channel = f.channelId !== undefined;
  const geo = geographyWhere(f, 'ci.id', 'ci.province_id');
  const cities = sqlite
    .prepare(
      `SELECT ci.id, ci.name, p.id AS province_id, p.name AS province_name, p.code AS province_code
         FROM city ci JOIN province p ON p.id = ci.province_id
        ${geo ? `WHERE ${geo}` : ''}
        ORDER BY p.sort_order, p.id, ci.sort_order, ci.id`,
    )
    .all(pick(p, ['provinceId', 'cityId'])) as { id: number; name: string; province_id: number; province_name: string; province_code: string }[];
  const byCity = <R extends { city_id: number }>(sql: string, keys: string[]) => new Map((sqlite.prepare(sql).all(pick(p, keys)) as R[]).map((r) => [r.city_id, r]));
  // Distributors cover a city whatever their main channel (a KA channel is served by KA systems,
  // not distributors): the channel filter narrows the terminals whose coverage is measured.
  const distributors = byCity<{ city_id: number; n: number }>(
    `SELECT c.city_id, COUNT(*) AS n FROM customer c WHERE c.tier = 'distributor' AND c.status = 'active' GROUP BY c.city_id`,
    [],
  );
  const customers = byCity<{ city_id: number; n: number }>(
    `SELECT c.city_id, COUNT(*) AS n FROM customer c ${channel ? `WHERE ${SERVES_CHANNEL}` : ''} GROUP BY c.city_id`,
    ['channelId'],
  );
  const terminals = byCity<{ city_id: number; n: number; covered: number }>(
    `SELECT t.city_id, COUNT(*) AS n, COALESCE(SUM(CASE WHEN c.status = 'active' THEN 1 ELSE 0 END), 0) AS covered
       FROM terminal t LEFT JOIN customer c ON c.id = t.customer_id
      WHERE t.status = 'active' ${channel ? 'AND t.channel_id = @channelId' : ''}
      GROUP BY t.city_id`,
    ['channelId'],
  );
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

function pick(p: Record<string, number | string>, keys: string[]): Record<string, number | string> {
  return Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]]));
}

const COVERAGE_SETTING = 'analysis.coverageTarget';

/** The region's coverage target for blank areas, as the manager set it (else the default). */
export function storedCoverageTarget(sqlite: Database.Database): number {
  const v = getSetting<number>(readDb(sqlite), COVERAGE_SETTING);
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

export function customerAnalysis(
  sqlite: Database.Database,
  input: { year?: number; coverageTarget?: number } & CustomerFilter,
): CustomerAnalysis {
  const filter: CustomerFilter = {};
  if (input.provinceId !== undefined) filter.provinceId = input.provinceId;
  if (input.cityId !== undefined) filter.cityId = input.cityId;
  if (input.channelId !== undefined) filter.channelId = input.channelId;
  if (input.tier !== undefined) filter.tier = input.tier;
  checkFilter(sqlite, filter);
  const coverageTarget = input.coverageTarget ?? storedCoverageTarget(sqlite);
  const py = planYearOf(sqlite);
  const year = input.year ?? py - 1;
  const from = year * 100 + 1;
  const to = year * 100 + 12;

  const sums = sqlite
    .prepare(
      `SELECT customer_id AS id,
              SUM(CASE WHEN period >= ? THEN amount_cents ELSE 0 END) AS sales,
              SUM(CASE WHEN period >= ? THEN line_count ELSE 0 END) AS n,
              SUM(CASE WHEN period < ? THEN amount_cents ELSE 0 END) AS last_sales,
              SUM(CASE WHEN period < ? THEN line_count ELSE 0 END) AS last_n
         FROM sales_month_customer WHERE period BETWEEN ? AND ? GROUP BY customer_id`,
    )
    .all(from, from, from, from, (year - 1) * 100 + 1, to) as { id: number; sales: number; n: number; last_sales: number; last_n: number }[];

  const monthsWithSales = (sqlite.prepare('SELECT COUNT(DISTINCT period) AS n FROM sales_month_customer WHERE period BETWEEN ? AND ?').get(from, to) as { n: number }).n;
  const statementPeriod = (sqlite.prepare('SELECT MAX(period) AS p FROM customer_statement WHERE period BETWEEN ? AND ?').get(from, to) as { p: number | null }).p;
  const statements = new Map<number, { inventory_cents: number; receivable_cents: number }>();
  if (statementPeriod !== null) {
    for (const s of sqlite
      .prepare('SELECT customer_id, inventory_cents, receivable_cents FROM customer_statement WHERE period = ?')
      .all(statementPeriod) as { customer_id: number; inventory_cents: number; receivable_cents: number }[]) {
      statements.set(s.customer_id, s);
    }
  }

  // The filtered customers: only they are ranked, classed and listed.
  const where = [geographyWhere(filter, 'c.city_id', 'ci.province_id'), filter.tier !== undefined ? 'c.tier = @tier' : '', filter.channelId !== undefined ? SERVES_CHANNEL : '']
    .filter(Boolean)
    .join(' AND ');
  const records = new Map<number, CustomerRecord>();
  for (const c of sqlite
    .prepare(
      `SELECT c.id, c.code, c.name, ci.name AS city_name, c.tier, c.status, c.credit_limit_cents
         FROM customer c JOIN city ci ON ci.id = c.city_id ${where ? `WHERE ${where}` : ''}`,
    )
    .all(params(filter)) as CustomerRecord[]) {
    records.set(c.id, c);
  }
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

  const coverage = cityCoverage(sqlite, filter, coverageTarget);
  const blankAreas = coverage.filter((c): c is BlankArea => c.blank);
  const options = {
    provinces: sqlite.prepare('SELECT id, name FROM province ORDER BY sort_order, id').all() as { id: number; name: string }[],
    cities: sqlite.prepare('SELECT ci.id, ci.name, ci.province_id AS provinceId FROM city ci JOIN province p ON p.id = ci.province_id ORDER BY p.sort_order, p.id, ci.sort_order, ci.id').all() as {
      id: number;
      name: string;
      provinceId: number;
    }[],
    channels: sqlite.prepare('SELECT id, name FROM channel ORDER BY sort_order, id').all() as { id: number; name: string }[],
  };

  return {
    year,
    planYear: py,
    years: actualYears(sqlite),
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

export function customerSalesRows(sqlite: Database.Database, input: { year: number; customerId: number; limit?: number }): CustomerSalesDetail {
  const customer = sqlite.prepare('SELECT id, code, name FROM customer WHERE id = ?').get(input.customerId) as
    | { id: number; code: string; name: string }
    | undefined;
  if (!customer) {
    throw new AppError('NOT_FOUND', `no customer ${input.customerId}`, {
      issues: [{ path: 'customerId', message: 'analysisCustomers.unknownCustomer' }],
    });
  }
  const from = input.year * 100 + 1;
  const to = input.year * 100 + 12;
  const agg = sqlite
    .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(amount_cents), 0) AS cents FROM sales_actual WHERE customer_id = ? AND period BETWEEN ? AND ?')
    .get(customer.id, from, to) as { n: number; cents: number };
  const rows = sqlite
    .prepare(
      `SELECT a.period, s.code AS skuCode, s.name AS skuName, a.amount_cents AS amountCents, a.volume,
              a.gross_profit_cents AS grossProfitCents
         FROM sales_actual a JOIN sku s ON s.id = a.sku_id
        WHERE a.customer_id = ? AND a.period BETWEEN ? AND ?
        ORDER BY a.period, s.code, a.sku_id LIMIT ?`,
    )
    .all(customer.id, from, to, input.limit ?? 1000) as CustomerSalesDetail['rows'];
  return { customer, rows, total: agg.n, totalCents: agg.cents };
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

/** A province name without its suffix (省, 市, 自治區 …), for matching a custom code by name. */
function bareName(name: string): string {
  return name.replace(/(省|市|特別行政區|特别行政区|壯族自治區|壮族自治区|回族自治區|回族自治区|維吾爾自治區|维吾尔自治区|自治區|自治区)$/u, '');
}

/** The outlines of the region's provinces (matched by GB/T 2260 code, else by name) and of the provinces around them. */
export function regionMap(sqlite: Database.Database): RegionMap {
  const region = sqlite.prepare('SELECT id, code, name FROM province ORDER BY sort_order, id').all() as { id: number; code: string; name: string }[];
  const byCode = new Map(SHAPES.map((p) => [p.code, p]));
  const byName = new Map<string, Shape>();
  for (const p of SHAPES) for (const n of [p.zhHant, p.zhHans]) byName.set(bareName(n), p);
  const mine: RegionMapProvince[] = [];
  const missing: RegionMap['missing'] = [];
  const used = new Set<string>();
  for (const r of region) {
    const shape = byCode.get(r.code) ?? byName.get(bareName(r.name.trim()));
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
