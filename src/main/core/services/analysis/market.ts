import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { marketShare } from '../../../../shared/kpi';
import type { MarketAnalysis, MarketBrand, MarketDetail, MarketDimension, MarketFilter, MarketRow } from '../../../../shared/endpoints/analysis';
import { planYearOf } from './sales';

// 市場佔有率 from market data (market_sales: month × city × category × brand, every
// brand of the category, ours and competitors'): one GROUP BY over two years of the
// table per request; shares per kpi.marketShare.

const KEY: Record<MarketDimension, string> = { city: 'm.city_id', category: 'm.category_id', month: 'm.period % 100' };

/** The filter's and the months' conditions (part of the year: the same months of each year). */
function where(filter: MarketFilter, months: readonly [number, number]): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [];
  if (months[0] > 1 || months[1] < 12) {
    parts.push('m.period % 100 BETWEEN ? AND ?');
    params.push(months[0], months[1]);
  }
  if (filter.cityId !== undefined) {
    parts.push('m.city_id = ?');
    params.push(filter.cityId);
  }
  if (filter.categoryId !== undefined) {
    parts.push('m.category_id = ?');
    params.push(filter.categoryId);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

function marketYears(sqlite: Database.Database): number[] {
  const years: number[] = [];
  const next = sqlite.prepare('SELECT period FROM market_sales WHERE period >= ? ORDER BY period LIMIT 1').pluck();
  let from = 0;
  for (;;) {
    const p = next.get(from) as number | undefined;
    if (p === undefined) return years;
    const y = Math.floor(p / 100);
    years.push(y);
    from = (y + 1) * 100;
  }
}

function checkFilter(sqlite: Database.Database, filter: MarketFilter): void {
  const missing = (table: string, id: number | undefined) => id !== undefined && sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) === undefined;
  if (missing('city', filter.cityId)) throw new AppError('NOT_FOUND', `no city ${filter.cityId}`, { issues: [{ path: 'filter.cityId', message: 'analysis.market.unknownMember' }] });
  if (missing('category', filter.categoryId)) {
    throw new AppError('NOT_FOUND', `no category ${filter.categoryId}`, { issues: [{ path: 'filter.categoryId', message: 'analysis.market.unknownMember' }] });
  }
}

export function marketAnalysis(
  sqlite: Database.Database,
  input: { year?: number; by: MarketDimension; filter?: MarketFilter; months?: [number, number] },
): MarketAnalysis {
  const year = input.year ?? planYearOf(sqlite) - 1;
  const filter = input.filter ?? {};
  checkFilter(sqlite, filter);
  const months: [number, number] = input.months ?? [1, 12];
  const w = where(filter, months);
  const from = year * 100 + 1;
  const sums = sqlite
    .prepare(
      `SELECT ${KEY[input.by]} AS k, m.brand_id AS brand,
              SUM(CASE WHEN m.period >= ? THEN m.amount_cents ELSE 0 END) AS amount,
              SUM(CASE WHEN m.period < ? THEN m.amount_cents ELSE 0 END) AS last_amount
         FROM market_sales m
        WHERE m.period BETWEEN ? AND ?${w.sql}
        GROUP BY k, brand`,
    )
    .all(from, from, (year - 1) * 100 + months[0], year * 100 + months[1], ...w.params) as { k: number; brand: number; amount: number; last_amount: number }[];

  const brandRows = sqlite.prepare('SELECT id, name, is_own FROM brand ORDER BY sort_order, id').all() as { id: number; name: string; is_own: number }[];
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
    const table = input.by === 'city' ? 'city' : 'category';
    const members = sqlite.prepare(`SELECT id, name FROM ${table} ORDER BY sort_order, id`).all() as { id: number; name: string }[];
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
    years: marketYears(sqlite),
    brands,
    rows,
    total: row(0, '', total),
    options: {
      cities: sqlite.prepare('SELECT id, name FROM city ORDER BY sort_order, id').all() as { id: number; name: string }[],
      categories: sqlite.prepare('SELECT id, name FROM category ORDER BY sort_order, id').all() as { id: number; name: string }[],
    },
  };
}

export function marketRows(
  sqlite: Database.Database,
  input: { year: number; slice: { by: MarketDimension; key: number }; filter?: MarketFilter; months?: [number, number]; limit?: number },
): MarketDetail {
  const filter = input.filter ?? {};
  checkFilter(sqlite, filter);
  const months: [number, number] = input.months ?? [1, 12];
  const w = where(filter, months);
  const cond = `m.period BETWEEN ? AND ?${w.sql} AND ${KEY[input.slice.by]} = ?`;
  const params = [input.year * 100 + months[0], input.year * 100 + months[1], ...w.params, input.slice.key];
  const total = sqlite.prepare(`SELECT COUNT(*) FROM market_sales m WHERE ${cond}`).pluck().get(...params) as number;
  const rows = (
    sqlite
      .prepare(
        `SELECT m.period, ci.name AS cityName, ca.name AS categoryName, b.name AS brandName, b.is_own AS isOwn,
                m.amount_cents AS amountCents, m.volume
           FROM market_sales m JOIN city ci ON ci.id = m.city_id JOIN category ca ON ca.id = m.category_id JOIN brand b ON b.id = m.brand_id
          WHERE ${cond}
          ORDER BY m.period, ci.sort_order, ci.id, ca.sort_order, ca.id, b.is_own DESC, m.amount_cents DESC
          LIMIT ?`,
      )
      .all(...params, input.limit ?? 1000) as (Omit<MarketDetail['rows'][number], 'isOwn'> & { isOwn: number })[]
  ).map((r) => ({ ...r, isOwn: r.isOwn === 1 }));
  return { rows, total };
}
