import type { WriteDb } from '../db/handle';
import { ownBrands } from '../repos/analysis/members';
import { salesByGroup, type SalesGroupSums } from '../repos/analysis/sales';
import { causeRows, insertLink, insertNote, type SliceParts } from '../repos/planVariance';
import { workingVersionId } from '../repos/planVersions';
import { findRegionMeta } from '../repos/region';
import { insertActionItem } from '../repos/team';

// The demo region's variance notes (差異分析) on last year, the year its review looks
// back on: the places and months that really fell behind or grew most in the generated
// sales, with the causes a manager would give, and two actions that answer them. The
// figures come from the sales analysis's own aggregates (a handful of grouped reads).

const growth = (r: SalesGroupSums) => r.actual / r.last_year - 1;
/** Groups that sold in both years, by growth (least first), then id. */
const byGrowth = (rows: SalesGroupSums[]) =>
  rows.filter((r) => r.actual > 0 && r.last_year > 0 && r.k > 0).sort((a, b) => growth(a) - growth(b) || a.k - b.k);

export function insertDemoVarianceNotes(db: WriteDb, planYear: number, createdAt: string): void {
  const year = planYear - 1;
  const versionId = workingVersionId(db);
  const author = findRegionMeta(db).manager_name ?? '';
  const cause = new Map(causeRows(db).map((c) => [c.code, c.id]));
  const cities = byGrowth(salesByGroup(db, year, 'city', {}, [1, 12]));
  const channels = salesByGroup(db, year, 'channel', {}, [1, 12]).filter((r) => r.actual > 0 && r.k > 0).sort((a, b) => b.actual - a.actual || a.k - b.k);
  const own = new Set(ownBrands(db).map((b) => b.id));
  const brands = byGrowth(salesByGroup(db, year, 'brand', {}, [4, 6]).filter((r) => own.has(r.k)));
  if (cities.length === 0 || channels.length === 0 || brands.length === 0) return;
  const worstMonth = (filter: { cityId?: number; channelId?: number }) => byGrowth(salesByGroup(db, year, 'month', filter, [1, 12]))[0]?.k ?? 1;

  const worst = cities[0];
  const worstCityMonth = worstMonth({ cityId: worst.k });
  const second = cities[Math.min(1, cities.length - 1)];
  const months = salesByGroup(db, year, 'month', { cityId: second.k }, [1, 12]);
  const quarterGrowth = [1, 2, 3, 4].map((q) => {
    const inQ = months.filter((m) => Math.ceil(m.k / 3) === q);
    const actual = inQ.reduce((s, m) => s + m.actual, 0);
    const lastYear = inQ.reduce((s, m) => s + m.last_year, 0);
    return { q, g: lastYear > 0 ? actual / lastYear - 1 : 0 };
  });
  const secondQuarter = quarterGrowth.sort((a, b) => a.g - b.g || a.q - b.q)[0].q;
  const bestBrand = brands[brands.length - 1];
  const channel = channels[0];
  const channelMonth = worstMonth({ channelId: channel.k });

  const note = (slice: SliceParts, kind: 'month' | 'quarter' | 'year', firstMonth: number, code: string, body: string): number =>
    insertNote(db, {
      version_id: versionId,
      period_kind: kind,
      period: year * 100 + firstMonth,
      scope_json: JSON.stringify(slice),
      cause_id: cause.get(code) ?? null,
      body,
      author,
      created_at: createdAt,
      updated_at: createdAt,
    });
  const competitor = note([{ dim: 'city', id: worst.k }], 'month', worstCityMonth, 'COMPETITOR', '競品在 KA 賣場做買二送一並加堆頭，我方未及時跟進，當月出貨明顯下滑。');
  const distribution = note(
    [{ dim: 'city', id: second.k }],
    'quarter',
    secondQuarter * 3 - 2,
    'DISTRIBUTION',
    '新品鋪貨慢：主力經銷商倉容不足，傳統渠道門店覆蓋低於計劃。',
  );
  note([{ dim: 'brand', id: bestBrand.k }], 'quarter', 4, 'WEATHER', '持續高溫帶動即飲需求，加上端午檔期促銷，超出計劃。');
  note([{ dim: 'channel', id: channel.k }], 'month', channelMonth, 'SUPPLY', '工廠換線停產一週，部分規格斷貨。');
  note([], 'year', 1, 'CREDIT', '兩家經銷商超出信用額度被暫停發貨，回款後才恢復。');

  const action = (title: string, month: number, status: 'open' | 'in_progress', cityId: number): number =>
    insertActionItem(db, {
      version_id: versionId,
      title,
      owner_id: null,
      due_date: `${planYear}-${String(month).padStart(2, '0')}-28`,
      status,
      city_id: cityId,
      channel_id: null,
      brand_id: null,
      measure: '',
      note: '',
      created_at: createdAt,
    });
  insertLink(db, competitor, action('與 KA 系統談年度堆頭檔期，競品促銷時同步跟進', 3, 'in_progress', worst.k));
  insertLink(db, distribution, action('招募第二家經銷商，補齊傳統渠道鋪貨', 6, 'open', second.k));
}
