import { refusal } from '../../../../shared/errors';
import { marketShare } from '../../../../shared/kpi';
import type { MarketAnalysis, MarketBrand, MarketDetail, MarketDimension, MarketFilter, MarketRow } from '../../../../shared/endpoints/analysis';
import type { ReadDb } from '../../db/handle';
import { marketByGroupAndBrand, marketLines, marketYears } from '../../repos/analysis/market';
import { memberExists, orderedBrands, orderedMembers } from '../../repos/analysis/members';
import { regionPlanYear } from '../../repos/region';

// 市場佔有率 from market data (market_sales: month × city × category × brand, every
// brand of the category, ours and competitors'): one GROUP BY over two years of the
// table per request (repos/analysis/market.ts); shares per kpi.marketShare.

function checkFilter(db: ReadDb, filter: MarketFilter): void {
  if (filter.provinceId !== undefined && !memberExists(db, 'province', filter.provinceId)) {
    throw refusal('NOT_FOUND', 'analysis.market.unknownMember', `no province ${filter.provinceId}`, { path: 'filter.provinceId' });
  }
  if (filter.cityId !== undefined && !memberExists(db, 'city', filter.cityId)) {
    throw refusal('NOT_FOUND', 'analysis.market.unknownMember', `no city ${filter.cityId}`, { path: 'filter.cityId' });
  }
  if (filter.categoryId !== undefined && !memberExists(db, 'category', filter.categoryId)) {
    throw refusal('NOT_FOUND', 'analysis.market.unknownMember', `no category ${filter.categoryId}`, { path: 'filter.categoryId' });
  }
}

export function marketAnalysis(db: ReadDb, input: { year?: number; by: MarketDimension; filter?: MarketFilter; months?: [number, number] }): MarketAnalysis {
  const year = input.year ?? regionPlanYear(db) - 1;
  const filter = input.filter ?? {};
  checkFilter(db, filter);
  const months: [number, number] = input.months ?? [1, 12];
  const sums = marketByGroupAndBrand(db, year, input.by, filter, months);

  const brandRows = orderedBrands(db, false);
  const brandTotal = new Map<number, number>();
  for (const s of sums) brandTotal.set(s.brand, (brandTotal.get(s.brand) ?? 0) + s.amount);
  const brands: MarketBrand[] = brandRows
    .filter((b) => brandTotal.has(b.id))
    .sort((a, b) => b.is_own - a.is_own || (brandTotal.get(b.id) ?? 0) - (brandTotal.get(a.id) ?? 0) || a.id - b.id)
    .map((b) => ({ id: b.id, name: b.name, isOwn: b.is_own === 1 }));
  const own = new Set(brands.filter((b) => b.isOwn).map((b) => b.id));
  const brandIndex = new Map(brands.map((b, i) => [b.id, i]));

  const groups = new Map<number, { market: number; last: number; ours: number; lastOurs: number; byBrand: number[] }>();
  const group = (k: number) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { market: 0, last: 0, ours: 0, lastOurs: 0, byBrand: brands.map(() => 0) }));
    return g;
  };
  for (const s of sums) {
    const g = group(s.k);
    g.market += s.amount;
    g.last += s.last_amount;
    if (own.has(s.brand)) {
      g.ours += s.amount;
      g.lastOurs += s.last_amount;
    }
    g.byBrand[brandIndex.get(s.brand)!] += s.amount;
  }
  const row = (key: number, label: string, g: { market: number; last: number; ours: number; lastOurs: number; byBrand: number[] }): MarketRow => ({
    key,
    label,
    market: g.market,
    lastYearMarket: g.last,
    ours: g.ours,
    lastYearOurs: g.lastOurs,
    share: marketShare(g.ours, g.market),
    lastYearShare: marketShare(g.lastOurs, g.last),
    byBrand: g.byBrand,
  });

  let rows: MarketRow[];
  if (input.by === 'month') {
    rows = [];
    for (let m = months[0]; m <= months[1]; m++) rows.push(row(m, String(m), groups.get(m) ?? { market: 0, last: 0, ours: 0, lastOurs: 0, byBrand: brands.map(() => 0) }));
  } else {
    const members = orderedMembers(db, input.by);
    rows = members.filter((m) => groups.has(m.id)).map((m) => row(m.id, m.name, groups.get(m.id)!));
  }
  const total = { market: 0, last: 0, ours: 0, lastOurs: 0, byBrand: brands.map(() => 0) };
  for (const g of groups.values()) {
    total.market += g.market;
    total.last += g.last;
    total.ours += g.ours;
    total.lastOurs += g.lastOurs;
    g.byBrand.forEach((v, i) => (total.byBrand[i] += v));
  }
  return {
    year,
    by: input.by,
    months,
    years: marketYears(db),
    brands,
    rows,
    total: row(0, '', total),
    options: {
      cities: orderedMembers(db, 'city'),
      categories: orderedMembers(db, 'category'),
    },
  };
}

export function marketRows(
  db: ReadDb,
  input: { year: number; slice: { by: MarketDimension; key: number }; filter?: MarketFilter; months?: [number, number]; limit?: number },
): MarketDetail {
  const filter = input.filter ?? {};
  checkFilter(db, filter);
  return marketLines(db, input.year, input.slice, filter, input.months ?? [1, 12], input.limit ?? 1000);
}
