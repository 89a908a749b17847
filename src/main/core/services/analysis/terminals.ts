import { refusal } from '../../../../shared/errors';
import { numericDistribution, salesShareAtTerminals, shelfShare } from '../../../../shared/kpi';
import { formatPeriod } from '../../../../shared/units';
import type { TerminalBrand, TerminalCell, TerminalGroup, TerminalGrouping, TerminalLines, TerminalsAnalysis } from '../../../../shared/endpoints/analysisTerminals';
import type { ReadDb } from '../../db/handle';
import { allBrands, citiesByProvince, memberExists, orderedMembers } from '../../repos/analysis/members';
import { auditedCategories, auditYears, latestAuditLines, latestAuditLinesOf, type AuditLineTuple, type AuditSlice } from '../../repos/analysis/terminals';
import { regionPlanYear } from '../../repos/region';

// 終端分析: the measures of kpi.ts's terminalMeasures over each store's latest audit in
// the period (by month: its latest audit in each month; repos/analysis/terminals.ts):
// the audit lines of the category are summed per group × brand here. One store has at
// most one line per brand and category (the primary key), so "stores carrying a brand"
// is the count of its lines with SKUs on the shelf; "stores carrying ours" (any of our
// brands) and "stores audited" are distinct counts of audits per group.

interface SliceInput {
  year?: number;
  fromMonth?: number;
  toMonth?: number;
  categoryId?: number;
  cityId?: number;
  channelId?: number;
}

const UNKNOWN = { city: 'analysisTerminals.unknown.city', channel: 'analysisTerminals.unknown.channel', category: 'analysisTerminals.unknown.category', brand: 'analysisTerminals.unknown.brand' } as const;

function requireRow(db: ReadDb, table: 'city' | 'channel' | 'category' | 'brand', idValue: number | undefined, path: string): void {
  if (idValue === undefined || memberExists(db, table, idValue)) return;
  throw refusal('NOT_FOUND', UNKNOWN[table], `no ${table} ${idValue}`, { path });
}

interface BrandSum {
  brand: number;
  own: number;
  lines: number;
  carrying: number;
  facings: number;
  sellout: number;
}
interface GroupSum {
  audited: number;
  lines: number;
  facings: number;
  sellout: number;
  own_carrying: number;
}
interface Bucket {
  group: GroupSum;
  audits: Set<number>;
  ownCarrying: Set<number>;
  brands: Map<number, BrandSum>;
}

const newBucket = (): Bucket => ({
  group: { audited: 0, lines: 0, facings: 0, sellout: 0, own_carrying: 0 },
  audits: new Set(),
  ownCarrying: new Set(),
  brands: new Map(),
});


function addLine(b: Bucket, l: AuditLineTuple): void {
  const [audit, , , , brand, own, skus, facings, sellout] = l;
  if (brand === null) return;
  b.audits.add(audit);
  b.group.lines++;
  b.group.facings += facings;
  b.group.sellout += sellout ?? 0;
  if (own === 1 && skus > 0) b.ownCarrying.add(audit);
  let s = b.brands.get(brand);
  if (!s) b.brands.set(brand, (s = { brand, own: own ?? 0, lines: 0, carrying: 0, facings: 0, sellout: 0 }));
  s.lines++;
  if (skus > 0) s.carrying++;
  s.facings += facings;
  s.sellout += sellout ?? 0;
}

function closeBucket(b: Bucket): { group: GroupSum; brands: BrandSum[] } {
  b.group.audited = b.audits.size;
  b.group.own_carrying = b.ownCarrying.size;
  return { group: b.group, brands: [...b.brands.values()] };
}

/**
 * One pass over the category's lines of each store's latest audit (per month when
 * grouping by month): sums per group × brand, stores audited and carrying ours per
 * group, and the same for the whole slice. By month, the slice's total takes each
 * store's latest audit of the period, which is its latest audit of its last month
 * (so the audits without a line in the category are read too, to know them).
 */
function aggregate(db: ReadDb, s: AuditSlice, categoryId: number, by: TerminalGrouping) {
  const byMonth = by === 'month';
  const lines = latestAuditLines(db, s, categoryId, by);
  const buckets = new Map<number, Bucket>();
  const total = newBucket();
  const latestOfStore = new Map<number, { audit: number; date: string }>();
  for (const l of lines) {
    let b = buckets.get(l[3]);
    if (!b) buckets.set(l[3], (b = newBucket()));
    addLine(b, l);
    if (!byMonth) addLine(total, l);
    else {
      const seen = latestOfStore.get(l[1]);
      if (!seen || l[2] > seen.date || (l[2] === seen.date && l[0] > seen.audit)) latestOfStore.set(l[1], { audit: l[0], date: l[2] });
    }
  }
  if (byMonth) {
    const keep = new Set([...latestOfStore.values()].map((x) => x.audit));
    for (const l of lines) if (keep.has(l[0])) addLine(total, l);
  }
  const groups = new Map<number, { group: GroupSum; brands: BrandSum[] }>();
  for (const [k, b] of buckets) if (b.audits.size > 0) groups.set(k, closeBucket(b));
  return { groups, total: closeBucket(total) };
}

function cell(carrying: number, facings: number, sellout: number, lines: number, group: GroupSum): TerminalCell {
  return {
    carrying,
    facings,
    sellout,
    lines,
    distribution: numericDistribution(carrying, group.audited),
    shelf: shelfShare(facings, group.facings),
    sales: salesShareAtTerminals(sellout, group.sellout),
  };
}

function buildGroup(key: number, label: string, group: GroupSum, brandRows: BrandSum[], competitors: TerminalBrand[]): TerminalGroup {
  const own = brandRows.filter((b) => b.own === 1);
  const byBrand = new Map(brandRows.map((b) => [b.brand, b]));
  const sum = (k: 'facings' | 'sellout' | 'lines') => own.reduce((a, b) => a + b[k], 0);
  return {
    key,
    label,
    audited: group.audited,
    lines: group.lines,
    allFacings: group.facings,
    allSellout: group.sellout,
    ours: cell(group.own_carrying, sum('facings'), sum('sellout'), sum('lines'), group),
    competitors: competitors.map((c) => {
      const b = byBrand.get(c.id);
      return cell(b?.carrying ?? 0, b?.facings ?? 0, b?.sellout ?? 0, b?.lines ?? 0, group);
    }),
  };
}

function resolveSlice(db: ReadDb, input: SliceInput): AuditSlice {
  requireRow(db, 'city', input.cityId, 'cityId');
  requireRow(db, 'channel', input.channelId, 'channelId');
  requireRow(db, 'category', input.categoryId, 'categoryId');
  const s: AuditSlice = { year: input.year ?? regionPlanYear(db) - 1, fromMonth: input.fromMonth ?? 1, toMonth: input.toMonth ?? 12 };
  if (input.cityId !== undefined) s.cityId = input.cityId;
  if (input.channelId !== undefined) s.channelId = input.channelId;
  return s;
}

export function terminalsAnalysis(db: ReadDb, input: SliceInput & { by?: TerminalGrouping }): TerminalsAnalysis {
  const py = regionPlanYear(db);
  const s = resolveSlice(db, input);
  const by = input.by ?? 'city';

  const cities = citiesByProvince(db).map(({ id, name }) => ({ id, name }));
  const channels = orderedMembers(db, 'channel');
  const categories = auditedCategories(db, s);
  const categoryId = input.categoryId ?? categories[0]?.id ?? null;

  const base = {
    year: s.year,
    planYear: py,
    years: auditYears(db),
    fromMonth: s.fromMonth,
    toMonth: s.toMonth,
    by,
    categoryId,
    categories,
    options: { cities, channels },
  };
  const emptyGroup = (): GroupSum => ({ audited: 0, lines: 0, facings: 0, sellout: 0, own_carrying: 0 });
  if (categoryId === null) {
    return { ...base, ownBrands: [], competitors: [], groups: [], total: buildGroup(0, '', emptyGroup(), [], []) };
  }

  const agg = aggregate(db, s, categoryId, by);
  const totalBrands = agg.total.brands;
  const totalGroup = agg.total.group;

  const brandInfo = new Map(allBrands(db).map((b) => [b.id, b]));
  const present = totalBrands.filter((b) => brandInfo.has(b.brand));
  const order = (a: BrandSum, b: BrandSum) => {
    const x = brandInfo.get(a.brand)!;
    const y = brandInfo.get(b.brand)!;
    return x.sort_order - y.sort_order || x.id - y.id;
  };
  const ownBrands = present.filter((b) => b.own === 1).sort(order).map((b) => ({ id: b.brand, name: brandInfo.get(b.brand)!.name }));
  const competitors = present
    .filter((b) => b.own !== 1)
    .sort((a, b) => b.carrying - a.carrying || order(a, b))
    .map((b) => ({ id: b.brand, name: brandInfo.get(b.brand)!.name }));

  const groupSums = agg.groups;
  const keys: { key: number; label: string }[] =
    by === 'city'
      ? cities.map((c) => ({ key: c.id, label: c.name }))
      : by === 'channel'
        ? channels.map((c) => ({ key: c.id, label: c.name }))
        : [...groupSums.keys()].sort((a, b) => a - b).map((m) => ({ key: m, label: formatPeriod(m) }));
  const groups = keys
    .filter((k) => groupSums.has(k.key))
    .map((k) => {
      const x = groupSums.get(k.key)!;
      return buildGroup(k.key, k.label, x.group, x.brands, competitors);
    });

  return { ...base, ownBrands, competitors, groups, total: buildGroup(0, '', totalGroup, totalBrands, competitors) };
}

export function terminalLines(
  db: ReadDb,
  input: SliceInput & { year: number; categoryId: number; brand?: 'ours' | number; limit?: number },
): TerminalLines {
  const s = resolveSlice(db, input);
  if (typeof input.brand === 'number') requireRow(db, 'brand', input.brand, 'brand');
  return latestAuditLinesOf(db, s, input.categoryId, input.brand, input.limit ?? 2000);
}
