import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import { salesAnalysis } from '../../analysis/sales';
import { cardNotes, emptySlide, toneOf, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';

// 銷售數據: the year's sales against target and last year, as the sales analysis
// view shows them (analysis.sales, the same call).

function monthsLine(ctx: DeckContext, year: number, months: [number, number]): string {
  return months[0] === 1 && months[1] === 12 ? ctx.t('deck.fullYear', { year }) : ctx.t('deck.months', { year, from: months[0], to: months[1] });
}

function byMonth(ctx: DeckContext): SlideDraft {
  const key = 'review.sales.byMonth';
  const title = ctx.t('deckReview.sales.byMonth');
  const year = ctx.reviewYear;
  const filter = {
    ...(ctx.filter.cityId !== undefined ? { cityId: ctx.filter.cityId } : {}),
    ...(ctx.filter.channelId !== undefined ? { channelId: ctx.filter.channelId } : {}),
    ...(ctx.filter.brandId !== undefined ? { brandId: ctx.filter.brandId } : {}),
  };
  const a = salesAnalysis(ctx.db, { year, by: 'month', filter });
  if (!a.years.includes(year)) return emptySlide(key, title, String(year), ctx.t('deck.empty.actuals', { year }), 'actuals');
  const { total } = a;
  const cards: SlideCard[] = [
    { label: ctx.t('deck.card.actual'), value: total.actual, kind: 'amount' },
    { label: ctx.t('deck.card.lastYear'), value: total.lastYear, kind: 'amount' },
    { label: ctx.t('deck.card.yoy'), value: total.yoy, kind: 'ratio', tone: toneOf(total.yoy, 0) },
    { label: ctx.t('deck.card.grossMargin'), value: total.grossMargin, kind: 'ratio' },
  ];
  if (total.target !== null) cards.splice(1, 0, { label: ctx.t('deck.card.achievement'), value: total.achievement, kind: 'ratio', tone: toneOf(total.achievement, 1) });
  const monthNames = a.rows.map((r) => ctx.t('analysis.sales.month', { m: r.key }));
  const chart: SlideChart = {
    kind: 'columnTarget',
    title,
    categories: monthNames,
    keys: a.rows.map((r) => r.key),
    series: [
      { name: ctx.t('deck.series.actual'), role: 'ours', values: a.rows.map((r) => r.actual) },
      { name: ctx.t('deck.series.lastYear'), role: 'lastYear', values: a.rows.map((r) => r.lastYear) },
      { name: ctx.t('deck.series.yoy'), role: 'ratio', values: a.rows.map((r) => r.yoy) },
    ],
    valueKind: 'amount',
    drill: { source: 'sales', year, by: 'month', filter, months: a.months },
  };
  return {
    key,
    kind: 'content',
    defaultTitle: title,
    subtitle: monthsLine(ctx, year, a.months),
    cards,
    charts: [chart],
    table: null,
    commentary: [],
    empty: null,
    notes: cardNotes(ctx, title, cards),
    filters: { cities: a.options.cities.map((c) => ({ id: c.id, name: c.name, provinceId: 0 })), channels: a.options.channels, brands: a.options.brands },
  };
}

export const salesChapter: ChapterBuilder = {
  key: 'review.sales',
  doc: 'review',
  keys: ['review.sales.byMonth'],
  title: (ctx) => ctx.t('deckReview.sales.title'),
  slides: (ctx) => [byMonth(ctx)],
};
