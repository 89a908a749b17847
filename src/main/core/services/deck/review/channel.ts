import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import type { CustomerAnalysis, CustomerTierName } from '../../../../../shared/endpoints/analysisCustomers';
import { customerAnalysis } from '../../analysis/customers';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { CHART_BARS, commentarySlide, contentSlide, filterOptions, pct, pick, shortTable } from './common';

// 渠道客戶: the 80/20 of the year's customers, customers gained and lost, and the blank
// areas, as the customer analysis view shows them (analysis.customers, the same call,
// with the region's stored coverage target).

function analysis(ctx: DeckContext): CustomerAnalysis {
  return customerAnalysis(ctx.db, { year: ctx.reviewYear, ...pick(ctx.filter, ['provinceId', 'cityId', 'channelId'] as const) });
}

const tierName = (ctx: DeckContext, tier: CustomerTierName) => ctx.t(`analysisCustomers.tiers.${tier}`);
const yearLine = (ctx: DeckContext) => ctx.t('deck.fullYear', { year: ctx.reviewYear });

function noSales(ctx: DeckContext, key: string, title: string): SlideDraft {
  return emptySlide(key, title, String(ctx.reviewYear), ctx.t('deck.empty.actuals', { year: ctx.reviewYear }), 'actuals');
}

function paretoCards(ctx: DeckContext, a: CustomerAnalysis): SlideCard[] {
  const selling = a.classes.A.count + a.classes.B.count + a.classes.C.count;
  const shareA = a.totalSales > 0 ? a.classes.A.sales / a.totalSales : null;
  return [
    { label: ctx.t('deckReview.channel.selling'), value: selling, kind: 'count' },
    { label: ctx.t('deckReview.channel.keyCustomers'), value: a.classes.A.count, kind: 'count', note: ctx.t('deckReview.channel.ofCustomers', { v: pct(ctx, selling > 0 ? a.classes.A.count / selling : null) }) },
    { label: ctx.t('deckReview.channel.keyShare'), value: shareA, kind: 'ratio' },
    { label: ctx.t('deck.card.actual'), value: a.totalSales, kind: 'amount' },
  ];
}

function pareto(ctx: DeckContext, a: CustomerAnalysis): SlideDraft {
  const key = 'review.channel.pareto';
  const title = ctx.t('deckReview.channel.pareto');
  const selling = a.customers.filter((c) => c.sales > 0);
  if (selling.length === 0) return noSales(ctx, key, title);
  const shown = selling.slice(0, Math.max(CHART_BARS, 20));
  const chart: SlideChart = {
    kind: 'columnTarget',
    title,
    categories: shown.map((c) => c.name),
    keys: shown.map((c) => c.id),
    series: [
      { name: ctx.t('deckReview.channel.sales'), role: 'ours', values: shown.map((c) => c.sales) },
      { name: ctx.t('deckReview.channel.cumulative'), role: 'ratio', values: shown.map((c) => c.cumulativeShare) },
    ],
    valueKind: 'amount',
    // A customer's rows are its rows whatever the filter (a customer may serve channels beyond its main one).
    drill: { source: 'sales', year: a.year, by: 'customer', filter: {} },
  };
  const cards = paretoCards(ctx, a);
  const table = shortTable(
    [
      { label: ctx.t('deckReview.channel.customer'), kind: 'text' },
      { label: ctx.t('deckReview.channel.class'), kind: 'text' },
      { label: ctx.t('deckReview.channel.sales'), kind: 'amount' },
      { label: ctx.t('deckReview.channel.cumulative'), kind: 'ratio' },
    ],
    selling.map((c) => [c.name, c.abc, c.sales, c.cumulativeShare]),
    [ctx.t('deck.total'), '', a.totalSales, null],
  );
  return contentSlide(ctx, { key, title, subtitle: yearLine(ctx), cards, charts: [chart], table, filters: filterOptions(ctx, ['provinces', 'cities', 'channels']) });
}

function changes(ctx: DeckContext, a: CustomerAnalysis): SlideDraft {
  const key = 'review.channel.changes';
  const title = ctx.t('deckReview.channel.changes');
  if (a.customers.length === 0) return noSales(ctx, key, title);
  const sum = (list: { sales: number }[]) => list.reduce((s, c) => s + c.sales, 0);
  const tiers = a.tiers.map((t) => t.tier);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckReview.channel.changesByTier'),
    categories: tiers.map((t) => tierName(ctx, t)),
    series: [
      { name: ctx.t('deckReview.channel.gained'), role: 'ours', values: tiers.map((t) => a.gained.filter((c) => c.tier === t).length) },
      { name: ctx.t('deckReview.channel.lost'), role: 'other', values: tiers.map((t) => a.lost.filter((c) => c.tier === t).length) },
    ],
    valueKind: 'count',
  };
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.channel.gained'), value: a.gained.length, kind: 'count', tone: a.gained.length >= a.lost.length ? 'pos' : 'neg' },
    { label: ctx.t('deckReview.channel.gainedSales'), value: sum(a.gained), kind: 'amount' },
    { label: ctx.t('deckReview.channel.lost'), value: a.lost.length, kind: 'count' },
    { label: ctx.t('deckReview.channel.lostSales'), value: sum(a.lost), kind: 'amount' },
  ];
  const rows = [
    ...a.gained.map((c) => [c.name, tierName(ctx, c.tier), ctx.t('deckReview.channel.gained'), c.sales]),
    ...a.lost.map((c) => [c.name, tierName(ctx, c.tier), ctx.t('deckReview.channel.lost'), c.sales]),
  ];
  const table = shortTable(
    [
      { label: ctx.t('deckReview.channel.customer'), kind: 'text' },
      { label: ctx.t('deckReview.channel.tier'), kind: 'text' },
      { label: ctx.t('deckReview.channel.change'), kind: 'text' },
      { label: ctx.t('deckReview.channel.sales'), kind: 'amount' },
    ],
    rows,
  );
  return contentSlide(ctx, { key, title, subtitle: yearLine(ctx), cards, charts: [chart], table, filters: filterOptions(ctx, ['provinces', 'cities', 'channels']) });
}

function blank(ctx: DeckContext, a: CustomerAnalysis): SlideDraft {
  const key = 'review.channel.blank';
  const title = ctx.t('deckReview.channel.blank');
  if (a.coverage.length === 0) return emptySlide(key, title, '', ctx.t('deckReview.channel.noCities'), 'masterData');
  const noDistributor = a.blankAreas.filter((b) => b.reason === 'noDistributor').length;
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.channel.cities'), value: a.cities, kind: 'count' },
    { label: ctx.t('deckReview.channel.blankAreas'), value: a.blankAreas.length, kind: 'count', tone: a.blankAreas.length === 0 ? 'pos' : 'neg' },
    { label: ctx.t('deckReview.channel.noDistributor'), value: noDistributor, kind: 'count' },
    { label: ctx.t('deckReview.channel.coverageTarget'), value: a.coverageTarget, kind: 'ratio' },
  ];
  const cities = a.coverage.filter((c) => c.coverage !== null).slice(0, 20);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckReview.channel.coverageChart'),
    categories: cities.map((c) => c.cityName),
    keys: cities.map((c) => c.cityId),
    series: [
      { name: ctx.t('deckReview.channel.coverage'), role: 'ours', values: cities.map((c) => c.coverage) },
      { name: ctx.t('deckReview.channel.coverageTarget'), role: 'target', values: cities.map(() => a.coverageTarget) },
    ],
    valueKind: 'ratio',
  };
  const reason = (b: (typeof a.blankAreas)[number]) =>
    b.reason === 'noDistributor' ? ctx.t('analysisCustomers.blank.noDistributor') : ctx.t('analysisCustomers.blank.lowCoverage', { coverage: pct(ctx, b.coverage), target: pct(ctx, a.coverageTarget) });
  const table = shortTable(
    [
      { label: ctx.t('deckReview.channel.city'), kind: 'text' },
      { label: ctx.t('deckReview.channel.distributors'), kind: 'count' },
      { label: ctx.t('deckReview.channel.terminals'), kind: 'count' },
      { label: ctx.t('deckReview.channel.reason'), kind: 'text' },
    ],
    a.blankAreas.map((b) => [b.cityName, b.activeDistributors, b.terminals, reason(b)]),
  );
  const charts = cities.length > 0 ? [chart] : [];
  return contentSlide(ctx, { key, title, subtitle: ctx.t('deckReview.channel.blankSubtitle'), cards, charts, table, filters: filterOptions(ctx, ['provinces', 'cities', 'channels']) });
}

export const channelChapter: ChapterBuilder = {
  key: 'review.channel',
  doc: 'review',
  keys: ['review.channel.pareto', 'review.channel.changes', 'review.channel.blank', 'review.channel.commentary'],
  title: (ctx) => ctx.t('deckReview.channel.title'),
  slides: (ctx) => {
    const a = analysis(ctx);
    const first = pareto(ctx, a);
    return [first, changes(ctx, a), blank(ctx, a), commentarySlide(ctx, 'channel', 'review.channel.commentary', first.cards)];
  },
};
