import type { SlideCard, SlideChart, SlideFilter, SlideTable } from '../../../../../shared/deck';
import type { MarketAnalysis, SalesAnalysis, SalesDimension, SalesRow } from '../../../../../shared/endpoints/analysis';
import { achievement, yearOnYear } from '../../../../../shared/kpi';
import { marketAnalysis } from '../../analysis/market';
import { salesAnalysis } from '../../analysis/sales';
import { emptySlide, toneOf, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { CHART_BARS, commentarySlide, contentSlide, filterOptions, monthsLine, notesOf, pct, pick, pointsText, shortTable } from './common';

// 銷售數據: the year's sales against target (where the file holds one for the year),
// last year and competitors, by month, province, city, brand and category, as the sales
// analysis view shows them (analysis.sales, the same call), and our market share by city
// as the market view shows it (analysis.market). The file holds targets only for the
// plan year (head office's ho_target, the versions' target_fact); the review year is
// the year before, so its slides compare with last year unless analysis.sales gives a target.

const SALES_FILTER_KEYS = ['provinceId', 'cityId', 'channelId', 'brandId'] as const;

function salesFilter(ctx: DeckContext): SlideFilter {
  return pick(ctx.filter, SALES_FILTER_KEYS);
}

function analysis(ctx: DeckContext, by: SalesDimension): SalesAnalysis {
  return salesAnalysis(ctx.db, { year: ctx.reviewYear, by, filter: salesFilter(ctx) });
}

function noActuals(ctx: DeckContext, key: string, title: string): SlideDraft {
  return emptySlide(key, title, String(ctx.reviewYear), ctx.t('deck.empty.actuals', { year: ctx.reviewYear }), 'actuals');
}

const hasTarget = (a: SalesAnalysis) => a.total.target !== null;

/** The year's headline cards: actual, achievement (with a target), last year, YoY, gross margin. */
function headlineCards(ctx: DeckContext, a: SalesAnalysis): SlideCard[] {
  const { total } = a;
  const cards: SlideCard[] = [
    { label: ctx.t('deck.card.actual'), value: total.actual, kind: 'amount' },
    { label: ctx.t('deck.card.lastYear'), value: total.lastYear, kind: 'amount' },
    { label: ctx.t('deck.card.yoy'), value: total.yoy, kind: 'ratio', tone: toneOf(total.yoy, 0) },
    { label: ctx.t('deck.card.grossMargin'), value: total.grossMargin, kind: 'ratio' },
  ];
  if (hasTarget(a)) cards.splice(1, 0, { label: ctx.t('deck.card.achievement'), value: total.achievement, kind: 'ratio', tone: toneOf(total.achievement, 1), note: ctx.t('deck.vsTarget', { v: pct(ctx, total.achievement) }) });
  return cards;
}

/** Columns of actual against target (or last year) with achievement (or YoY) on the secondary axis. */
function columnChart(ctx: DeckContext, a: SalesAnalysis, rows: SalesRow[], title: string, labels: string[]): SlideChart {
  const target = hasTarget(a);
  return {
    kind: 'columnTarget',
    title,
    categories: labels,
    keys: rows.map((r) => r.key),
    series: [
      { name: ctx.t('deck.series.actual'), role: 'ours', values: rows.map((r) => r.actual) },
      target
        ? { name: ctx.t('deck.series.target'), role: 'target', values: rows.map((r) => r.target) }
        : { name: ctx.t('deck.series.lastYear'), role: 'lastYear', values: rows.map((r) => r.lastYear) },
      target
        ? { name: ctx.t('deck.series.achievement'), role: 'ratio', values: rows.map((r) => r.achievement) }
        : { name: ctx.t('deck.series.yoy'), role: 'ratio', values: rows.map((r) => r.yoy) },
    ],
    valueKind: 'amount',
    drill: { source: 'sales', year: a.year, by: a.by, filter: salesFilter(ctx), months: a.months },
  };
}

/**
 * A member table, short enough for the slide's table column: name, sales, (achievement,)
 * YoY, share of the total; the quarters' table has last year in place of the share.
 */
function memberTable(ctx: DeckContext, a: SalesAnalysis, rows: SalesRow[], nameLabel: string, third: 'share' | 'lastYear'): SlideTable {
  const target = hasTarget(a);
  const share = (v: number) => (a.total.actual > 0 ? v / a.total.actual : null);
  const columns: SlideTable['columns'] = [
    { label: nameLabel, kind: 'text' },
    { label: ctx.t('deckReview.sales.colSales'), kind: 'amount' },
    ...(target ? [{ label: ctx.t('deck.series.achievement'), kind: 'ratio' as const }] : []),
    ...(third === 'lastYear' ? [{ label: ctx.t('deck.series.lastYear'), kind: 'amount' as const }] : []),
    { label: ctx.t('deck.series.yoy'), kind: 'ratio' },
    ...(third === 'share' ? [{ label: ctx.t('deckReview.sales.share'), kind: 'ratio' as const }] : []),
  ];
  const line = (label: string, r: SalesRow) => [
    label,
    r.actual,
    ...(target ? [r.achievement] : []),
    ...(third === 'lastYear' ? [r.lastYear] : []),
    r.yoy,
    ...(third === 'share' ? [share(r.actual)] : []),
  ];
  return shortTable(
    columns,
    rows.map((r) => line(r.label || ctx.t('deck.unassigned'), r)),
    line(ctx.t('deck.total'), a.total),
  );
}

function byMonth(ctx: DeckContext): SlideDraft {
  const key = 'review.sales.byMonth';
  const title = ctx.t('deckReview.sales.byMonth');
  const a = analysis(ctx, 'month');
  if (!a.years.includes(a.year)) return noActuals(ctx, key, title);
  const cards = headlineCards(ctx, a);
  const chart = columnChart(ctx, a, a.rows, title, a.rows.map((r) => ctx.t('analysis.sales.month', { m: r.key })));
  // The quarters, as the months add up.
  const quarters: SalesRow[] = [];
  for (let q = 0; q < 4; q++) {
    const rows = a.rows.filter((r) => Math.ceil(r.key / 3) === q + 1);
    if (rows.length === 0) continue;
    const sum = (f: (r: SalesRow) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
    const actual = sum((r) => r.actual);
    const lastYear = sum((r) => r.lastYear);
    const target = hasTarget(a) ? sum((r) => r.target) : null;
    quarters.push({
      ...a.total,
      key: q + 1,
      label: ctx.t('deckReview.sales.quarter', { q: q + 1 }),
      actual,
      lastYear,
      target,
      achievement: target === null ? null : achievement(actual, target),
      yoy: yearOnYear(actual, lastYear),
    });
  }
  return contentSlide(ctx, {
    key,
    title,
    subtitle: monthsLine(ctx, a.year, a.months),
    cards,
    charts: [chart],
    table: memberTable(ctx, a, quarters, ctx.t('deckReview.sales.quarterColumn'), 'lastYear'),
    filters: filterOptions(ctx, ['provinces', 'cities', 'channels', 'brands']),
  });
}

/** The biggest members by actual sales, at most CHART_BARS, in the analysis' order. */
function biggest(rows: SalesRow[]): SalesRow[] {
  if (rows.length <= CHART_BARS) return rows;
  const keep = new Set([...rows].sort((x, y) => y.actual - x.actual || x.key - y.key).slice(0, CHART_BARS).map((r) => r.key));
  return rows.filter((r) => keep.has(r.key));
}

/** The slide of one dimension: the columns of its members (and their mix) and a table of the biggest. */
function byMember(ctx: DeckContext, key: string, by: 'province' | 'city' | 'brand' | 'category', titleKey: string, withDoughnut: boolean): SlideDraft {
  const title = ctx.t(titleKey);
  const nameLabel = ctx.t(`deckReview.sales.${by}`);
  const a = analysis(ctx, by);
  if (!a.years.includes(a.year)) return noActuals(ctx, key, title);
  const rows = a.rows.filter((r) => r.actual !== 0 || r.lastYear !== 0 || (r.target ?? 0) !== 0);
  const shown = biggest(rows);
  const labels = shown.map((r) => r.label || ctx.t('deck.unassigned'));
  const charts: SlideChart[] = [columnChart(ctx, a, shown, title, labels)];
  if (withDoughnut) {
    const mix = rows.filter((r) => r.actual > 0);
    charts.unshift({
      kind: 'doughnut',
      title: ctx.t('deckReview.sales.mix', { of: nameLabel }),
      categories: mix.map((r) => r.label || ctx.t('deck.unassigned')),
      keys: mix.map((r) => r.key),
      series: [{ name: ctx.t('deck.series.actual'), role: 'ours', values: mix.map((r) => r.actual) }],
      valueKind: 'amount',
      drill: { source: 'sales', year: a.year, by: a.by, filter: salesFilter(ctx), months: a.months },
    });
  }
  const ranked = [...rows].sort((x, y) => y.actual - x.actual || x.key - y.key);
  const top = ranked[0];
  const cards = headlineCards(ctx, a).slice(0, 3);
  if (top) cards.push({ label: ctx.t('deckReview.sales.top', { of: nameLabel }), value: a.total.actual > 0 ? top.actual / a.total.actual : null, kind: 'ratio', note: top.label });
  const grew = rows.filter((r) => r.yoy !== null && r.yoy > 0).length;
  const extra = ctx.t('deckReview.sales.notesGrowth', { grew, of: rows.length });
  return contentSlide(ctx, {
    key,
    title,
    subtitle: monthsLine(ctx, a.year, a.months),
    cards,
    charts,
    table: memberTable(ctx, a, ranked, ctx.t(`deckReview.sales.column.${by}`), 'share'),
    notes: notesOf(ctx, title, cards, extra),
    filters: filterOptions(ctx, ['provinces', 'cities', 'channels', 'brands']),
  });
}

/** Competitors shown by name beside ours. */
const MARKET_COMPETITORS = 3;

function market(ctx: DeckContext): SlideDraft {
  const key = 'review.sales.market';
  const title = ctx.t('deckReview.sales.market');
  const filter = pick(ctx.filter, ['provinceId', 'cityId'] as const);
  const m: MarketAnalysis = marketAnalysis(ctx.db, { year: ctx.reviewYear, by: 'city', filter });
  if (!m.years.includes(m.year) || m.total.market <= 0) return emptySlide(key, title, String(ctx.reviewYear), ctx.t('deck.empty.market'), 'actuals');
  const competitors = m.brands.map((b, i) => ({ b, i })).filter((x) => !x.b.isOwn).slice(0, MARKET_COMPETITORS);
  const share = (v: number, of: number) => (of > 0 ? v / of : null);
  const rows = m.rows.filter((r) => r.market > 0);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckReview.sales.marketChart'),
    categories: rows.map((r) => r.label),
    keys: rows.map((r) => r.key),
    series: [
      { name: ctx.t('deck.series.ours'), role: 'ours', values: rows.map((r) => r.share) },
      ...competitors.map((c) => ({ name: c.b.name, role: 'competitor' as const, values: rows.map((r) => share(r.byBrand[c.i], r.market)) })),
    ],
    valueKind: 'ratio',
    drill: { source: 'market', year: m.year, by: 'city', filter, months: m.months },
  };
  const t = m.total;
  const lead = competitors[0];
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.sales.ourShare'), value: t.share, kind: 'ratio', tone: toneOf(t.share !== null && t.lastYearShare !== null ? t.share - t.lastYearShare : null, 0), note: pointsText(ctx, t.share, t.lastYearShare) },
    { label: ctx.t('deckReview.sales.lastYearShare'), value: t.lastYearShare, kind: 'ratio' },
    { label: ctx.t('deckReview.sales.marketSize'), value: t.market, kind: 'amount' },
  ];
  if (lead) cards.push({ label: ctx.t('deckReview.sales.leadCompetitor'), value: share(t.byBrand[lead.i], t.market), kind: 'ratio', note: lead.b.name });
  const table = shortTable(
    [
      { label: ctx.t('deckReview.sales.column.city'), kind: 'text' },
      { label: ctx.t('deckReview.sales.marketSize'), kind: 'amount' },
      { label: ctx.t('deckReview.sales.ourShare'), kind: 'ratio' },
      { label: ctx.t('deckReview.sales.lastYearShare'), kind: 'ratio' },
    ],
    [...rows].sort((x, y) => y.market - x.market || x.key - y.key).map((r) => [r.label, r.market, r.share, r.lastYearShare]),
    [ctx.t('deck.total'), t.market, t.share, t.lastYearShare],
  );
  return contentSlide(ctx, {
    key,
    title,
    subtitle: monthsLine(ctx, m.year, m.months),
    cards,
    charts: [chart],
    table,
    filters: filterOptions(ctx, ['provinces', 'cities']),
  });
}

const KEYS = ['review.sales.byMonth', 'review.sales.byProvince', 'review.sales.byCity', 'review.sales.byBrand', 'review.sales.byCategory', 'review.sales.market', 'review.sales.commentary'] as const;

const BUILDERS: Record<(typeof KEYS)[number], (ctx: DeckContext) => SlideDraft> = {
  'review.sales.byMonth': byMonth,
  'review.sales.byProvince': (ctx) => byMember(ctx, 'review.sales.byProvince', 'province', 'deckReview.sales.byProvince', false),
  'review.sales.byCity': (ctx) => byMember(ctx, 'review.sales.byCity', 'city', 'deckReview.sales.byCity', false),
  'review.sales.byBrand': (ctx) => byMember(ctx, 'review.sales.byBrand', 'brand', 'deckReview.sales.byBrand', true),
  'review.sales.byCategory': (ctx) => byMember(ctx, 'review.sales.byCategory', 'category', 'deckReview.sales.byCategory', true),
  'review.sales.market': market,
  'review.sales.commentary': (ctx) => commentarySlide(ctx, 'sales', 'review.sales.commentary', byMonth(ctx).cards),
};

export const salesChapter: ChapterBuilder = {
  key: 'review.sales',
  doc: 'review',
  keys: KEYS,
  title: (ctx) => ctx.t('deckReview.sales.title'),
  slides: (ctx) => {
    const month = byMonth(ctx);
    return KEYS.map((key) => (key === 'review.sales.byMonth' ? month : key === 'review.sales.commentary' ? commentarySlide(ctx, 'sales', key, month.cards) : BUILDERS[key](ctx)));
  },
  // A live filter rebuilds only the slide asked for: each is one call of the analysis.
  slide: (ctx, key) => BUILDERS[key as (typeof KEYS)[number]](ctx),
};
