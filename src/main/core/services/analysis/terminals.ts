import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { numericDistribution, salesShareAtTerminals, shelfShare } from '../../../../shared/kpi';
import { formatPeriod } from '../../../../shared/units';
import type {
  TerminalBrand, TerminalCell, TerminalGroup, TerminalGrouping, TerminalLineRow, TerminalLines, TerminalsAnalysis,
} from '../../../../shared/endpoints/analysisTerminals';

// 終端分析: the measures of kpi.ts's terminalMeasures, aggregated in SQL. Each store
// counts with its latest audit in the period (by month: its latest audit in each
// month), picked with a window over store_audit (7k rows in the large region); the
// audit lines of the category are then summed per group × brand. One store has at most
// one line per brand and category (the primary key), so "stores carrying a brand" is
// the count of its lines with SKUs on the shelf; "stores carrying ours" (any of our
// brands) and "stores audited" are distinct counts of audits per group.

interface Slice {
  year: number;
  fromMonth: number;
  toMonth: number;
  cityId?: number;
  channelId?: number;
}

interface SliceInput {
  year?: number;
  fromMonth?: number;
  toMonth?: number;
  categoryId?: number;
  cityId?: number;
  channelId?: number;
}

function planYear(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
}

function auditYears(sqlite: Database.Database): number[] {
  // audit_date is indexed: one seek per distinct year.
  const next = sqlite.prepare('SELECT audit_date AS d FROM store_audit WHERE audit_date >= ? ORDER BY audit_date LIMIT 1');
  const years: number[] = [];
  let from = '';
  for (;;) {
    const row = next.get(from) as { d: string } | undefined;
    if (!row) return years;
    const y = Number(row.d.slice(0, 4));
    if (!Number.isInteger(y)) return years;
    years.push(y);
    from = `${y + 1}-`;
  }
}

function requireRow(sqlite: Database.Database, table: 'city' | 'channel' | 'category' | 'brand', idValue: number | undefined, path: string): void {
  if (idValue === undefined) return;
  if (sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(idValue)) return;
  throw new AppError('NOT_FOUND', `no ${table} ${idValue}`, { issues: [{ path, message: `analysisTerminals.unknown.${table}` }] });
}

function dateBounds(s: Slice): [string, string] {
  const mm = (m: number) => String(m).padStart(2, '0');
  return [`${s.year}-${mm(s.fromMonth)}-01`, `${s.year}-${mm(s.toMonth)}-31`];
}

/**
 * The CTE `latest(id, terminal_id, audit_date, city_id, channel_id, m)`: each terminal's latest audit in the
 * slice (per month when byMonth), m its yyyymm. Ties on the date: the higher id.
 */
function latestCte(s: Slice, byMonth: boolean): { sql: string; params: unknown[] } {
  const where = ['sa.audit_date BETWEEN ? AND ?'];
  const params: unknown[] = dateBounds(s);
  if (s.cityId !== undefined) {
    where.push('t.city_id = ?');
    params.push(s.cityId);
  }
  if (s.channelId !== undefined) {
    where.push('t.channel_id = ?');
    params.push(s.channelId);
  }
  const partition = byMonth ? 'sa.terminal_id, substr(sa.audit_date, 1, 7)' : 'sa.terminal_id';
  return {
    sql: `WITH latest AS (
      SELECT id, terminal_id, audit_date, city_id, channel_id, m FROM (
        SELECT sa.id, sa.terminal_id, sa.audit_date, t.city_id, t.channel_id,
               CAST(substr(sa.audit_date, 1, 4) || substr(sa.audit_date, 6, 2) AS INTEGER) AS m,
               ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY sa.audit_date DESC, sa.id DESC) AS rn
          FROM store_audit sa JOIN terminal t ON t.id = sa.terminal_id
         WHERE ${where.join(' AND ')}
      ) WHERE rn = 1
    )`,
    params,
  };
}

const GROUP_COLUMN: Record<TerminalGrouping, string> = { city: 'l.city_id', channel: 'l.channel_id', month: 'l.m' };

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

/** [audit id, terminal id, audit date, group key, brand id, is_own, skus on shelf, facings, sell-out] */
type LineTuple = [number, number, string, number, number | null, number | null, number, number, number | null];

function addLine(b: Bucket, l: LineTuple): void {
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
function aggregate(sqlite: Database.Database, s: Slice, categoryId: number, by: TerminalGrouping) {
  const byMonth = by === 'month';
  const cte = latestCte(s, byMonth);
  const lines = sqlite
    .prepare(
      `${cte.sql}
       SELECT l.id, l.terminal_id, l.audit_date, ${GROUP_COLUMN[by]}, b.brand_id, br.is_own, b.skus_on_shelf, b.facings, b.sellout_cents
         FROM latest l ${byMonth ? 'LEFT ' : ''}JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ?
         ${byMonth ? 'LEFT ' : ''}JOIN brand br ON br.id = b.brand_id`,
    )
    .raw(true)
    .all(...cte.params, categoryId) as LineTuple[];
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

function resolveSlice(sqlite: Database.Database, input: SliceInput): Slice {
  requireRow(sqlite, 'city', input.cityId, 'cityId');
  requireRow(sqlite, 'channel', input.channelId, 'channelId');
  requireRow(sqlite, 'category', input.categoryId, 'categoryId');
  const s: Slice = { year: input.year ?? planYear(sqlite) - 1, fromMonth: input.fromMonth ?? 1, toMonth: input.toMonth ?? 12 };
  if (input.cityId !== undefined) s.cityId = input.cityId;
  if (input.channelId !== undefined) s.channelId = input.channelId;
  return s;
}

export function terminalsAnalysis(sqlite: Database.Database, input: SliceInput & { by?: TerminalGrouping }): TerminalsAnalysis {
  const py = planYear(sqlite);
  const s = resolveSlice(sqlite, input);
  const by = input.by ?? 'city';

  const cities = sqlite
    .prepare('SELECT ci.id, ci.name FROM city ci JOIN province p ON p.id = ci.province_id ORDER BY p.sort_order, p.id, ci.sort_order, ci.id')
    .all() as { id: number; name: string }[];
  const channels = sqlite.prepare('SELECT id, name FROM channel ORDER BY sort_order, id').all() as { id: number; name: string }[];

  const cte = latestCte(s, false);
  const categories = sqlite
    .prepare(
      `${cte.sql}
       SELECT c.id, c.name, COUNT(*) AS lines
         FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id JOIN category c ON c.id = b.category_id
        GROUP BY c.id ORDER BY lines DESC, c.sort_order, c.id`,
    )
    .all(...cte.params) as { id: number; name: string; lines: number }[];
  const categoryId = input.categoryId ?? categories[0]?.id ?? null;

  const base = {
    year: s.year,
    planYear: py,
    years: auditYears(sqlite),
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

  const agg = aggregate(sqlite, s, categoryId, by);
  const totalBrands = agg.total.brands;
  const totalGroup = agg.total.group;

  const brandInfo = new Map(
    (sqlite.prepare('SELECT id, name, is_own, sort_order FROM brand').all() as { id: number; name: string; is_own: number; sort_order: number }[]).map((b) => [b.id, b]),
  );
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
  sqlite: Database.Database,
  input: SliceInput & { year: number; categoryId: number; brand?: 'ours' | number; limit?: number },
): TerminalLines {
  const s = resolveSlice(sqlite, input);
  if (typeof input.brand === 'number') requireRow(sqlite, 'brand', input.brand, 'brand');
  const cte = latestCte(s, false);
  const brandWhere = input.brand === 'ours' ? ' AND br.is_own = 1' : typeof input.brand === 'number' ? ' AND b.brand_id = ?' : '';
  const params = [...cte.params, input.categoryId, ...(typeof input.brand === 'number' ? [input.brand] : [])];
  const from = `FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ? JOIN brand br ON br.id = b.brand_id
               WHERE 1 = 1${brandWhere}`;
  const sums = sqlite
    .prepare(
      `${cte.sql}
       SELECT COUNT(*) AS total, COUNT(DISTINCT b.audit_id) AS stores,
              COUNT(DISTINCT CASE WHEN b.skus_on_shelf > 0 THEN b.audit_id END) AS carrying,
              COALESCE(SUM(b.facings), 0) AS facings, COALESCE(SUM(b.sellout_cents), 0) AS sellout
         ${from}`,
    )
    .get(...params) as Omit<TerminalLines, 'rows'>;
  const rows = (
    sqlite
      .prepare(
        `${cte.sql}
         SELECT b.audit_id AS auditId, t.code AS storeCode, t.name AS storeName, ci.name AS cityName, ch.name AS channelName,
                sa.audit_date AS auditDate, br.name AS brandName, br.is_own AS isOwn, b.skus_on_shelf AS skusOnShelf,
                b.facings, b.shelf_price_cents AS shelfPriceCents, b.has_display AS hasDisplay, b.sellout_cents AS selloutCents
           FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ? JOIN brand br ON br.id = b.brand_id
           JOIN store_audit sa ON sa.id = l.id JOIN terminal t ON t.id = sa.terminal_id
           JOIN city ci ON ci.id = t.city_id JOIN channel ch ON ch.id = t.channel_id
          WHERE 1 = 1${brandWhere}
          ORDER BY ci.sort_order, ci.id, t.code, br.is_own DESC, br.sort_order, br.id
          LIMIT ?`,
      )
      .all(...params, input.limit ?? 2000) as (Omit<TerminalLineRow, 'isOwn' | 'hasDisplay'> & { isOwn: number; hasDisplay: number })[]
  ).map((r) => ({ ...r, isOwn: r.isOwn === 1, hasDisplay: r.hasDisplay === 1 }));
  return { ...sums, rows };
}
