import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import type { ProductMixRow, ProductPlan } from '../../../../../shared/endpoints/planProduct';
import { readProductPlan } from '../../plan/product';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { contentSlide, cubeOf, periodText, sectionParagraphs, table, topBars } from './common';

// 產品計劃: the product mix against last year, the channel positioning and the new
// products, as 計劃書 › 產品計劃 shows them (plan.product.get, the same call).

const plans = new WeakMap<DeckContext, ProductPlan>();
function planOf(ctx: DeckContext): ProductPlan {
  let p = plans.get(ctx);
  if (!p) plans.set(ctx, (p = readProductPlan(ctx.db, cubeOf(ctx), ctx.versionId)));
  return p;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });
const tone = (v: number | null, par: number) => (v === null ? undefined : v >= par ? ('pos' as const) : ('neg' as const));

function mix(ctx: DeckContext): SlideDraft {
  const key = 'plan.product.mix';
  const title = ctx.t('deckPlan.product.mix');
  const p = planOf(ctx);
  if (!p.seeded) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deck.empty.targets'), 'targets');
  const t = p.total;
  const cards: SlideCard[] = [
    { label: ctx.t('deck.card.planAmount'), value: t.targetCents, kind: 'amount' },
    { label: ctx.t('deck.card.growth'), value: t.growth, kind: 'ratio', tone: tone(t.growth, 0) },
    { label: ctx.t('deckPlan.card.targetMargin'), value: t.targetMargin, kind: 'ratio', tone: t.targetMargin !== null && t.lastYearMargin !== null ? tone(t.targetMargin - t.lastYearMargin, 0) : undefined },
    { label: ctx.t('deckPlan.card.lastYearMargin', { year: p.lastYear }), value: t.lastYearMargin, kind: 'ratio' },
  ];
  const brands = p.brands.filter((b) => b.targetCents !== 0 || b.lastYearCents !== 0);
  const bars = topBars(ctx, brands, (b) => b.name, [(b) => b.targetShare, (b) => b.lastYearShare], (b) => b.targetCents);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckPlan.product.brandShare'),
    categories: bars.categories,
    series: [
      { name: ctx.t('deckPlan.series.planShare'), role: 'ours', values: bars.series[0] },
      { name: ctx.t('deckPlan.series.lastYearShare', { year: p.lastYear }), role: 'lastYear', values: bars.series[1] },
    ],
    valueKind: 'ratio',
  };
  const row = (r: ProductMixRow, name: string) => [name, r.targetCents, r.targetShare, r.targetMargin, r.growth];
  const rows = [...p.categories].filter((c) => c.targetCents !== 0 || c.lastYearCents !== 0).sort((a, b) => b.targetCents - a.targetCents).map((c) => row(c, c.name));
  const columns = [
    { label: ctx.t('deckPlan.dim.category'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.plan'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.share'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.margin'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.growth'), kind: 'ratio' as const },
  ];
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, row(t, ctx.t('deck.total'))),
    commentary: sectionParagraphs(ctx, 'strategies', true),
  });
}

function positions(ctx: DeckContext): SlideDraft {
  const key = 'plan.product.positions';
  const title = ctx.t('deckPlan.product.positions');
  const p = planOf(ctx);
  if (p.positions.length === 0 || p.channels.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.positions'), 'plan');
  const level = (l: string) => ctx.t(`planProduct.position.level.${l}`);
  const cell = new Map(p.positions.map((x) => [`${x.dim}|${x.id}|${x.channelId}`, x.focus]));
  const members = [
    ...p.brands.map((b) => ({ dim: 'brand' as const, id: b.id, name: b.name })),
    ...p.categories.map((c) => ({ dim: 'category' as const, id: c.id, name: c.name })),
  ].filter((m) => p.channels.some((ch) => cell.has(`${m.dim}|${m.id}|${ch.id}`)));
  const focusIn = p.channels.map((ch) => p.positions.filter((x) => x.channelId === ch.id && x.focus === 'focus').length);
  const notSoldIn = p.channels.map((ch) => p.positions.filter((x) => x.channelId === ch.id && x.focus === 'not_sold').length);
  const focusCount = sumCounts(focusIn);
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.focusCells'), value: focusCount, kind: 'count' },
    { label: ctx.t('deckPlan.card.notSoldCells'), value: sumCounts(notSoldIn), kind: 'count' },
    { label: ctx.t('deckPlan.card.positioned'), value: members.length, kind: 'count' },
  ];
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckPlan.product.positionsByChannel'),
    categories: p.channels.map((c) => c.name),
    keys: p.channels.map((c) => c.id),
    series: [
      { name: level('focus'), role: 'ours', values: focusIn },
      { name: level('not_sold'), role: 'other', values: notSoldIn },
    ],
    valueKind: 'count',
  };
  // Each brand or category with the channels it focuses on and those it is not sold in (the rest: as usual).
  const list = ctx.language === 'en' ? ', ' : '、';
  const channelsOf = (m: (typeof members)[number], level: 'focus' | 'not_sold') =>
    p.channels.filter((ch) => cell.get(`${m.dim}|${m.id}|${ch.id}`) === level).map((ch) => ch.name).join(list) || '—';
  const columns = [
    { label: ctx.t('deckPlan.col.brandCategory'), kind: 'text' as const },
    { label: level('focus'), kind: 'text' as const },
    { label: level('not_sold'), kind: 'text' as const },
  ];
  const rows = members.map((m) => [m.name, channelsOf(m, 'focus'), channelsOf(m, 'not_sold')]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, rows) });
}

function sumCounts(list: readonly number[]): number {
  return list.reduce((s, v) => s + v, 0);
}

function newProducts(ctx: DeckContext): SlideDraft {
  const key = 'plan.product.newProducts';
  const title = ctx.t('deckPlan.product.newProducts');
  const p = planOf(ctx);
  if (p.newProducts.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.newProducts'), 'plan');
  const n = p.newTotals;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.newPlanned'), value: n.plannedCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.newHo'), value: n.hoCents, kind: 'amount', tone: n.hoCents > 0 ? tone(n.hoGapCents, 0) : undefined },
    { label: ctx.t('deckPlan.card.newInTargets'), value: n.derivedCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.support'), value: n.supportCents, kind: 'amount' },
  ];
  const bars = topBars(ctx, p.newProducts, (x) => x.name, [(x) => x.targetCents, (x) => x.planCents], (x) => x.targetCents);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title,
    categories: bars.categories,
    series: [
      { name: ctx.t('deckPlan.series.newTarget'), role: 'ours', values: bars.series[0] },
      { name: ctx.t('deckPlan.series.inTargets'), role: 'other', values: bars.series[1] },
    ],
    valueKind: 'amount',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.sku'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.launch'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.distributionTarget'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.newTarget'), kind: 'amount' as const },
  ];
  const rows = [...p.newProducts]
    .sort((a, b) => a.launchPeriod - b.launchPeriod || b.targetCents - a.targetCents)
    .map((x) => [x.name, periodText(x.launchPeriod), x.targetDistribution, x.targetCents]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), '', null, n.plannedCents]),
  });
}

export const productChapter: ChapterBuilder = {
  key: 'plan.product',
  doc: 'plan',
  keys: ['plan.product.mix', 'plan.product.positions', 'plan.product.newProducts'],
  title: (ctx) => ctx.t('deckPlan.product.title'),
  slides: (ctx) => [mix(ctx), positions(ctx), newProducts(ctx)],
};
