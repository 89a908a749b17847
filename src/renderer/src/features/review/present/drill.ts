import type { SlideChart, SlideFilter } from '../../../../../shared/deck';
import { api } from '../../../api/client';
import type { DrillRow, DrillRowsView } from './channel';

// A click on a bar during the meeting: the rows behind it, from the same endpoints
// (and so the same figures) as the analysis views' drill panels.

/** The overlay shows this many rows; the count says how many there are. */
export const DRILL_ROWS = 200;

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The column fields of each source, in the analysis views' order. */
export const DRILL_COLUMNS = {
  sales: ['period', 'customerCode', 'customerName', 'skuName', 'amountCents', 'volume'],
  market: ['period', 'cityName', 'categoryName', 'brandName', 'amountCents', 'volume'],
} as const;

/** The sales drill's filter: the analysis filter has no province (a slide filtered by province passes its cities). */
function salesFilter(f: SlideFilter): { cityId?: number; channelId?: number; brandId?: number } {
  return {
    ...(f.cityId !== undefined ? { cityId: f.cityId } : {}),
    ...(f.channelId !== undefined ? { channelId: f.channelId } : {}),
    ...(f.brandId !== undefined ? { brandId: f.brandId } : {}),
  };
}

/** Whether a category of a chart leads anywhere. */
export function canDrill(chart: SlideChart, index: number): boolean {
  return chart.drill !== undefined && chart.keys?.[index] !== undefined;
}

export function drillTitle(chart: SlideChart, index: number, t: Translate): string {
  const label = chart.categories[index] ?? '';
  return chart.drill?.source === 'market' ? t('analysis.market.drill.title', { label }) : t('analysis.sales.drill.title', { label });
}

/** Reads the rows behind category `index` of `chart`. */
export async function loadDrill(chart: SlideChart, index: number, t: Translate): Promise<DrillRowsView> {
  const drill = chart.drill;
  const key = chart.keys?.[index];
  if (!drill || key === undefined) throw new Error('this chart has no rows behind it');
  const title = drillTitle(chart, index, t);
  if (drill.source === 'sales') {
    const d = await api.call('analysis.salesRows', {
      year: drill.year,
      slice: { by: drill.by, key },
      filter: salesFilter(drill.filter),
      ...(drill.months ? { months: drill.months } : {}),
      limit: DRILL_ROWS,
    });
    return { title, source: 'sales', rows: d.rows as unknown as DrillRow[], total: d.total, error: null };
  }
  const d = await api.call('analysis.marketRows', {
    year: drill.year,
    slice: { by: drill.by, key },
    filter: drill.filter,
    ...(drill.months ? { months: drill.months } : {}),
    limit: DRILL_ROWS,
  });
  return { title, source: 'market', rows: d.rows as unknown as DrillRow[], total: d.total, error: null };
}
