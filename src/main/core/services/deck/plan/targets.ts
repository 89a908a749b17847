import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import type { TargetDim, TargetNode, TargetTreeResult } from '../../../../../shared/endpoints/targets';
import { achievement, share, yearOnYear } from '../../../../../shared/kpi';
import { formatAmount } from '../../../../../shared/units';
import { targetTree } from '../../targets/read';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import {
  MONTH_KEYS, cityName, contentSlide, cubeOf, summaryOf, monthNames, provinceName, quarterNames, quartersOf, sectionParagraphs, sumOf, table, targetFilterOptions, topBars,
} from './common';

// 銷售目標: the version's target by month against last year and head office's, and its
// breakdown by place, channel and product, read from the target cube as the target page
// reads it (targets.summary, targets.tree). A live filter ("浙江 only?") puts its
// dimensions first in the hierarchy, as the target page would show that slice.

const sumNodes = (nodes: readonly TargetNode[], f: (n: TargetNode) => readonly number[]) => nodes.reduce((s, n) => s + sumOf(f(n)), 0);

function isFiltered(ctx: DeckContext): boolean {
  return Object.values(ctx.filter).some((v) => v !== undefined);
}

/** The filter as the leading levels of a target hierarchy and the path under them. */
function filterLevels(ctx: DeckContext): { levels: TargetDim[]; path: number[] } {
  const levels: TargetDim[] = [];
  const path: number[] = [];
  const f = ctx.filter;
  if (f.cityId !== undefined) {
    levels.push('city');
    path.push(f.cityId);
  } else if (f.provinceId !== undefined) {
    levels.push('province');
    path.push(f.provinceId);
  }
  if (f.channelId !== undefined) {
    levels.push('channel');
    path.push(f.channelId);
  }
  if (f.brandId !== undefined) {
    levels.push('brand');
    path.push(f.brandId);
  }
  return { levels, path };
}

/** The target tree one level under the filtered slice, by `dim` (targets.tree with the filter's levels first). */
export function treeBy(ctx: DeckContext, dim: TargetDim): TargetTreeResult {
  const { levels, path } = filterLevels(ctx);
  return targetTree(ctx.db, cubeOf(ctx), ctx.versionId, [...levels, dim], 'amount', path.length > 0 ? path : null);
}

function nodeName(ctx: DeckContext, n: TargetNode): string {
  if (n.label === '') return ctx.t('deck.unassigned');
  if (n.dim === 'province') return provinceName(ctx, n.label);
  if (n.dim === 'city') return cityName(ctx, n.label);
  return n.label;
}

function subtitleOf(ctx: DeckContext): string {
  return ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });
}

function noTargets(ctx: DeckContext, key: string, title: string): SlideDraft {
  return emptySlide(key, title, subtitleOf(ctx), ctx.t('deck.empty.targets'), 'targets');
}

function byMonth(ctx: DeckContext): SlideDraft {
  const key = 'plan.targets.byMonth';
  const title = ctx.t('deckPlan.targets.byMonth');
  const filtered = isFiltered(ctx);
  const summary = summaryOf(ctx);
  if (!summary.seeded) return noTargets(ctx, key, title);
  // The region: the target page's gap check; a slice: its row of the tree.
  let plan = summary.plan.amountCents;
  let lastYear = summary.lastYear.amountCents;
  if (filtered) {
    const total = treeBy(ctx, 'sku').total;
    plan = total.months;
    lastYear = total.lastYear;
  }
  const hoMonths = summary.ho.amountCents.length === 12 ? summary.ho.amountCents : null;
  const ho = !filtered && hoMonths && sumOf(hoMonths) > 0 ? hoMonths : null;
  const planTotal = sumOf(plan);
  const lyTotal = sumOf(lastYear);
  const growth = yearOnYear(planTotal, lyTotal);
  const money = (v: number) => formatAmount(v, ctx.unit, ctx.language, { withUnit: true });
  const cards: SlideCard[] = [{ label: ctx.t('deck.card.planAmount'), value: planTotal, kind: 'amount' }];
  if (ho) {
    const hoTotal = sumOf(ho);
    const gap = planTotal - hoTotal;
    cards.push({ label: ctx.t('deckPlan.card.hoTarget'), value: hoTotal, kind: 'amount' });
    const cover = achievement(planTotal, hoTotal);
    cards.push({ label: ctx.t('deckPlan.card.vsHo'), value: cover, kind: 'ratio', tone: cover === null ? undefined : cover >= 1 ? 'pos' : 'neg', note: ctx.t('deckPlan.gapNote', { v: `${gap >= 0 ? '+' : '−'}${money(Math.abs(gap))}` }) });
  }
  cards.push({ label: ctx.t('deck.card.growth'), value: growth, kind: 'ratio', tone: growth === null ? undefined : growth >= 0 ? 'pos' : 'neg', note: ctx.t('deckPlan.lastYearNote', { year: ctx.planYear - 1, v: money(lyTotal) }) });
  if (!filtered) cards.push({ label: ctx.t('deckPlan.card.grossProfit'), value: sumOf(summary.plan.grossProfitCents), kind: 'amount' });

  const chart: SlideChart = {
    kind: 'columnTarget',
    title,
    categories: monthNames(ctx),
    keys: MONTH_KEYS,
    series: [
      { name: ctx.t('deckPlan.series.plan'), role: 'ours', values: [...plan] },
      ...(ho ? [{ name: ctx.t('deckPlan.series.ho'), role: 'target' as const, values: [...ho] }] : []),
      { name: ctx.t('deckPlan.series.lastYear', { year: ctx.planYear - 1 }), role: 'lastYear', values: [...lastYear] },
      { name: ctx.t('deckPlan.series.growth'), role: 'ratio', values: plan.map((v, m) => yearOnYear(v, lastYear[m])) },
    ],
    valueKind: 'amount',
  };
  const pq = quartersOf(plan);
  const lq = quartersOf(lastYear);
  const hq = ho ? quartersOf(ho) : null;
  const columns = [
    { label: ctx.t('deckPlan.col.quarter'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.plan'), kind: 'amount' as const },
    ...(hq ? [{ label: ctx.t('deckPlan.col.ho'), kind: 'amount' as const }] : []),
    { label: ctx.t('deckPlan.col.growth'), kind: 'ratio' as const },
  ];
  // Last year is in the chart; the table gives the growth on it.
  const row = (name: string, p: number, h: number | null, l: number) => [name, p, ...(hq ? [h] : []), yearOnYear(p, l)];
  const rows = quarterNames(ctx).map((q, i) => row(q, pq[i], hq ? hq[i] : null, lq[i]));
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, row(ctx.t('deck.total'), planTotal, ho ? sumOf(ho) : null, lyTotal)),
    commentary: sectionParagraphs(ctx, 'objectives', true),
    filters: targetFilterOptions(ctx),
  });
}

/** The slice's breakdown by one dimension: bars of the plan against last year, and a table of the largest. */
function breakdown(ctx: DeckContext, key: string, title: string, dim: TargetDim): SlideDraft {
  const tree = treeBy(ctx, dim);
  if (!tree.seeded) return noTargets(ctx, key, title);
  const nodes = tree.nodes;
  const planOf = (n: TargetNode) => sumOf(n.months);
  const lyOf = (n: TargetNode) => sumOf(n.lastYear);
  const planTotal = sumNodes(nodes, (n) => n.months);
  const lyTotal = sumNodes(nodes, (n) => n.lastYear);
  const sorted = [...nodes].sort((a, b) => planOf(b) - planOf(a));
  const top = sorted[0];
  const growth = yearOnYear(planTotal, lyTotal);
  const cards: SlideCard[] = [
    { label: ctx.t('deck.card.planAmount'), value: planTotal, kind: 'amount' },
    { label: ctx.t('deck.card.growth'), value: growth, kind: 'ratio', tone: growth === null ? undefined : growth >= 0 ? 'pos' : 'neg' },
    { label: ctx.t(`deckPlan.card.withTarget.${dim}`), value: nodes.filter((n) => planOf(n) > 0).length, kind: 'count' },
  ];
  if (top && planOf(top) > 0) cards.push({ label: ctx.t('deckPlan.card.topShare'), value: share(planOf(top), planTotal), kind: 'ratio', note: nodeName(ctx, top) });
  const bars = topBars(ctx, nodes, (n) => nodeName(ctx, n), [planOf, lyOf], planOf);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title,
    categories: bars.categories,
    series: [
      { name: ctx.t('deckPlan.series.plan'), role: 'ours', values: bars.series[0] },
      { name: ctx.t('deckPlan.series.lastYear', { year: ctx.planYear - 1 }), role: 'lastYear', values: bars.series[1] },
    ],
    valueKind: 'amount',
  };
  const columns = [
    { label: ctx.t(`deckPlan.dim.${dim}`), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.plan'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.share'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.growth'), kind: 'ratio' as const },
  ];
  const rows = sorted.map((n) => [nodeName(ctx, n), planOf(n), share(planOf(n), planTotal), yearOnYear(planOf(n), lyOf(n))]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), planTotal, planTotal > 0 ? 1 : null, growth]),
    filters: targetFilterOptions(ctx),
  });
}

function byGeo(ctx: DeckContext): SlideDraft {
  const f = ctx.filter;
  const dim: TargetDim = f.cityId !== undefined ? 'customer' : f.provinceId !== undefined ? 'city' : 'province';
  return breakdown(ctx, 'plan.targets.byGeo', ctx.t('deckPlan.targets.byGeo'), dim);
}

function byChannel(ctx: DeckContext): SlideDraft {
  return breakdown(ctx, 'plan.targets.byChannel', ctx.t('deckPlan.targets.byChannel'), ctx.filter.channelId !== undefined ? 'customer' : 'channel');
}

/** The mix by brand (a doughnut) and the categories (a table); under a brand, its categories and SKUs. */
function byProduct(ctx: DeckContext): SlideDraft {
  const key = 'plan.targets.byProduct';
  const title = ctx.t('deckPlan.targets.byProduct');
  const underBrand = ctx.filter.brandId !== undefined;
  const outer = treeBy(ctx, underBrand ? 'category' : 'brand');
  if (!outer.seeded) return noTargets(ctx, key, title);
  const innerDim: TargetDim = underBrand ? 'sku' : 'category';
  const inner = treeBy(ctx, innerDim);
  const planOf = (n: TargetNode) => sumOf(n.months);
  const lyOf = (n: TargetNode) => sumOf(n.lastYear);
  const planTotal = sumNodes(outer.nodes, (n) => n.months);
  const lyTotal = sumNodes(outer.nodes, (n) => n.lastYear);
  const slices = [...outer.nodes].filter((n) => planOf(n) > 0).sort((a, b) => planOf(b) - planOf(a));
  const chart: SlideChart = {
    kind: 'doughnut',
    title: ctx.t(underBrand ? 'deckPlan.targets.mixCategory' : 'deckPlan.targets.mixBrand'),
    categories: slices.map((n) => nodeName(ctx, n)),
    series: [{ name: ctx.t('deckPlan.series.plan'), role: 'ours', values: slices.map(planOf) }],
    valueKind: 'amount',
  };
  const growth = yearOnYear(planTotal, lyTotal);
  const cards: SlideCard[] = [
    { label: ctx.t('deck.card.planAmount'), value: planTotal, kind: 'amount' },
    { label: ctx.t('deck.card.growth'), value: growth, kind: 'ratio', tone: growth === null ? undefined : growth >= 0 ? 'pos' : 'neg' },
  ];
  if (slices[0]) cards.push({ label: ctx.t('deckPlan.card.topShare'), value: share(planOf(slices[0]), planTotal), kind: 'ratio', note: nodeName(ctx, slices[0]) });
  if (!isFiltered(ctx)) {
    const summary = summaryOf(ctx);
    const hoNew = sumOf(summary.ho.newProductCents);
    cards.push({
      label: ctx.t('deckPlan.card.newProduct'),
      value: sumOf(summary.plan.newProductCents),
      kind: 'amount',
      ...(hoNew > 0 ? { note: ctx.t('deckPlan.hoNote', { v: formatAmount(hoNew, ctx.unit, ctx.language, { withUnit: true }) }) } : {}),
    });
  }
  const rows = [...inner.nodes]
    .sort((a, b) => planOf(b) - planOf(a))
    .map((n) => [nodeName(ctx, n), planOf(n), share(planOf(n), planTotal), yearOnYear(planOf(n), lyOf(n))]);
  const columns = [
    { label: ctx.t(`deckPlan.dim.${innerDim}`), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.plan'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.share'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.growth'), kind: 'ratio' as const },
  ];
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), planTotal, planTotal > 0 ? 1 : null, growth]),
    filters: targetFilterOptions(ctx),
  });
}

export const targetsChapter: ChapterBuilder = {
  key: 'plan.targets',
  doc: 'plan',
  keys: ['plan.targets.byMonth', 'plan.targets.byGeo', 'plan.targets.byChannel', 'plan.targets.byProduct'],
  title: (ctx) => ctx.t('deckPlan.targets.title'),
  slides: (ctx) => [byMonth(ctx), byGeo(ctx), byChannel(ctx), byProduct(ctx)],
};
