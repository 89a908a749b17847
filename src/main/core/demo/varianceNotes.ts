import type { WriteDb } from '../db/handle';
import { orderedMembers, ownBrands } from '../repos/analysis/members';
import { causeRows, insertLink, insertNote, sliceActuals, type SliceParts } from '../repos/planVariance';
import { workingVersionId } from '../repos/planVersions';
import { findRegionMeta } from '../repos/region';
import { insertActionItem } from '../repos/team';

// The demo region's variance notes (差異分析) on last year, the year its review looks
// back on: the places and months that really fell behind or grew most in the generated
// sales, with the causes a manager would give, and two actions that answer them.

interface Pick {
  slice: SliceParts;
  month: number;
  growth: number;
}

function growthOf(db: WriteDb, slice: SliceParts, year: number, months: readonly [number, number]): number {
  const { actual, lastYear } = sliceActuals(db, slice, year, months);
  return lastYear > 0 ? actual / lastYear - 1 : 0;
}

/** The slice's month of the year that grew least (or, with `best`, most) against the year before. */
function extremeMonth(db: WriteDb, slice: SliceParts, year: number, best: boolean): Pick {
  let pick: Pick = { slice, month: 1, growth: best ? -Infinity : Infinity };
  for (let m = 1; m <= 12; m++) {
    const g = growthOf(db, slice, year, [m, m]);
    if (best ? g > pick.growth : g < pick.growth) pick = { slice, month: m, growth: g };
  }
  return pick;
}

export function insertDemoVarianceNotes(db: WriteDb, planYear: number, createdAt: string): void {
  const year = planYear - 1;
  const versionId = workingVersionId(db);
  const author = findRegionMeta(db).manager_name ?? '';
  const cause = new Map(causeRows(db).map((c) => [c.code, c.id]));
  // Places and channels that sold in both years (a city without customers has nothing to explain).
  const sold = (slice: SliceParts) => {
    const s = sliceActuals(db, slice, year, [1, 12]);
    return s.actual > 0 && s.lastYear > 0 ? s : null;
  };
  const cities = orderedMembers(db, 'city')
    .filter((c) => sold([{ dim: 'city', id: c.id }]))
    .map((c) => ({ id: c.id, growth: growthOf(db, [{ dim: 'city', id: c.id }], year, [1, 12]) }))
    .sort((a, b) => a.growth - b.growth || a.id - b.id);
  const channels = orderedMembers(db, 'channel')
    .map((ch) => ({ id: ch.id, actual: sold([{ dim: 'channel', id: ch.id }])?.actual ?? 0 }))
    .filter((ch) => ch.actual > 0)
    .sort((a, b) => b.actual - a.actual || a.id - b.id);
  const brands = ownBrands(db).filter((b) => sold([{ dim: 'brand', id: b.id }]));
  if (cities.length === 0 || brands.length === 0 || channels.length === 0) return;

  const worst = extremeMonth(db, [{ dim: 'city', id: cities[0].id }], year, false);
  const second = cities.length > 1 ? cities[1] : cities[0];
  const secondQuarter = [1, 2, 3, 4]
    .map((q) => ({ q, g: growthOf(db, [{ dim: 'city', id: second.id }], year, [q * 3 - 2, q * 3]) }))
    .sort((a, b) => a.g - b.g)[0].q;
  const brandBest = brands
    .map((b) => ({ id: b.id, q: 2, g: growthOf(db, [{ dim: 'brand', id: b.id }], year, [4, 6]) }))
    .sort((a, b) => b.g - a.g || a.id - b.id)[0];
  const channel = extremeMonth(db, [{ dim: 'channel', id: channels[0].id }], year, false);

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
  const competitor = note(worst.slice, 'month', worst.month, 'COMPETITOR', '競品在 KA 賣場做買二送一並加堆頭，我方未及時跟進，當月出貨明顯下滑。');
  const distribution = note(
    [{ dim: 'city', id: second.id }],
    'quarter',
    secondQuarter * 3 - 2,
    'DISTRIBUTION',
    '新品鋪貨慢：主力經銷商倉容不足，傳統渠道門店覆蓋低於計劃。',
  );
  note([{ dim: 'brand', id: brandBest.id }], 'quarter', 4, 'WEATHER', '持續高溫帶動即飲需求，加上端午檔期促銷，超出計劃。');
  note(channel.slice, 'month', channel.month, 'SUPPLY', '工廠換線停產一週，部分規格斷貨。');
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
  insertLink(db, competitor, action('與 KA 系統談年度堆頭檔期，競品促銷時同步跟進', 3, 'in_progress', cities[0].id));
  insertLink(db, distribution, action('招募第二家經銷商，補齊傳統渠道鋪貨', 6, 'open', second.id));
}
