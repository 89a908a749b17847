import { formatPercent } from '../../../../../shared/units';
import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import type { ShareTargetRow, TerminalPlan } from '../../../../../shared/endpoints/planTerminal';
import { terminalPlan } from '../../plan/terminal';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { MONTH_KEYS, cityName, contentSlide, monthNames, table } from './common';

// 終端計劃: stores to open, distribution and shelf-share targets against the baseline
// and the strongest competitor, and SKU distribution targets, as 計劃書 › 終端計劃 shows
// them (plan.terminal.get, the same call).

const plans = new WeakMap<DeckContext, TerminalPlan>();
function planOf(ctx: DeckContext): TerminalPlan {
  let p = plans.get(ctx);
  if (!p) plans.set(ctx, (p = terminalPlan(ctx.db, { versionId: ctx.versionId })));
  return p;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });

function openings(ctx: DeckContext): SlideDraft {
  const key = 'plan.terminal.openings';
  const title = ctx.t('deckPlan.terminal.openings');
  const p = planOf(ctx);
  if (p.openings.length === 0 || p.openingTotal.year === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.openings'), 'plan');
  const tot = p.openingTotal;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.storesToOpen'), value: tot.year, kind: 'count' },
    { label: ctx.t('deckPlan.card.namedStores'), value: tot.named, kind: 'count' },
    { label: ctx.t('deckPlan.card.openingCities'), value: new Set(p.openings.filter((o) => o.year > 0).map((o) => o.cityId)).size, kind: 'count' },
    { label: ctx.t('deckPlan.card.firstHalf'), value: tot.quarters[0] + tot.quarters[1], kind: 'count' },
  ];
  const chart: SlideChart = {
    kind: 'columnTarget',
    title: ctx.t('deckPlan.terminal.openingsByMonth'),
    categories: monthNames(ctx),
    keys: MONTH_KEYS,
    series: [{ name: ctx.t('deckPlan.series.storesToOpen'), role: 'ours', values: [...tot.months] }],
    valueKind: 'count',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.cityChannel'), kind: 'text' as const },
    ...[1, 2, 3, 4].map((q) => ({ label: ctx.t('deckPlan.quarter', { q }), kind: 'count' as const })),
    { label: ctx.t('deckPlan.col.year'), kind: 'count' as const },
  ];
  const rows = [...p.openings].sort((a, b) => b.year - a.year).map((o) => [`${cityName(ctx, o.cityName)} · ${o.channelName}`, ...o.quarters, o.year]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), ...tot.quarters, tot.year]),
  });
}

function sliceName(ctx: DeckContext, r: ShareTargetRow): string {
  return [cityName(ctx, r.cityName), r.channelName, r.categoryName].join('·');
}

/** Distribution or shelf-share targets by city × channel × category, against the baseline and the strongest competitor. */
function shares(ctx: DeckContext, measure: 'distribution' | 'shelf'): SlideDraft {
  const key = `plan.terminal.${measure}`;
  const title = ctx.t(`deckPlan.terminal.${measure}`);
  const p = planOf(ctx);
  const targetOf = (r: ShareTargetRow) => (measure === 'distribution' ? r.distributionTarget : r.shelfTarget);
  const competitorOf = (r: ShareTargetRow) => (measure === 'distribution' ? r.competitorDistribution : r.competitorShelf);
  const rows = p.shareTargets.filter((r) => targetOf(r) !== null);
  if (rows.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.shares'), 'plan');
  const above = rows.filter((r) => {
    const c = competitorOf(r);
    return c !== null && targetOf(r)! > c.value;
  }).length;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.shareTargets'), value: rows.length, kind: 'count' },
    { label: ctx.t('deckPlan.card.aboveCompetitor'), value: above, kind: 'count' },
    { label: ctx.t('deckPlan.card.aboveBaseline'), value: rows.filter((r) => r.baseline[measure] !== null && targetOf(r)! > r.baseline[measure]!).length, kind: 'count' },
  ];
  // The slices of the chart: the table's first rows, so that both say the same.
  const shown = rows.slice(0, 8);
  const baselineName = p.baselineYear === null ? ctx.t('deckPlan.series.baseline') : ctx.t('deckPlan.series.baselineOf', { year: p.baselineYear });
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t(`deckPlan.terminal.${measure}Chart`),
    categories: shown.map((r) => sliceName(ctx, r)),
    series: [
      { name: ctx.t('deckPlan.series.target'), role: 'ours', values: shown.map(targetOf) },
      { name: baselineName, role: 'lastYear', values: shown.map((r) => r.baseline[measure]) },
      { name: ctx.t('deckPlan.series.strongestCompetitor'), role: 'competitor', values: shown.map((r) => competitorOf(r)?.value ?? null) },
    ],
    valueKind: 'ratio',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.slice'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.target'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.baseline'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.competitor'), kind: 'text' as const },
  ];
  const competitorText = (r: ShareTargetRow) => {
    const c = competitorOf(r);
    return c === null ? '—' : `${c.name} ${formatPercent(c.value, ctx.language)}`;
  };
  const tableRows = rows.map((r) => [sliceName(ctx, r), targetOf(r), r.baseline[measure], competitorText(r)]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, tableRows) });
}

function skus(ctx: DeckContext): SlideDraft {
  const key = 'plan.terminal.skus';
  const title = ctx.t('deckPlan.terminal.skus');
  const p = planOf(ctx);
  if (p.skuTargets.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.skuTargets'), 'plan');
  const rows = p.skuTargets;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.skuTargets'), value: rows.length, kind: 'count' },
    { label: ctx.t('deckPlan.card.newSkuTargets'), value: rows.filter((r) => r.isNew).length, kind: 'count' },
  ];
  const shown = rows.slice(0, 10);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title,
    categories: shown.map((r) => r.skuName),
    keys: shown.map((r) => r.skuId),
    series: [
      { name: ctx.t('deckPlan.series.target'), role: 'ours', values: shown.map((r) => r.target) },
      { name: p.baselineYear === null ? ctx.t('deckPlan.series.baseline') : ctx.t('deckPlan.series.baselineOf', { year: p.baselineYear }), role: 'lastYear', values: shown.map((r) => r.baseline.distribution) },
    ],
    valueKind: 'ratio',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.sku'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.distributionTarget'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.baseline'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.actualOf', { year: p.trackYear }), kind: 'ratio' as const },
  ];
  const tableRows = rows.map((r) => [r.isNew ? ctx.t('deckPlan.newSku', { name: r.skuName }) : r.skuName, r.target, r.baseline.distribution, r.actual.distribution]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, tableRows) });
}

export const terminalChapter: ChapterBuilder = {
  key: 'plan.terminal',
  doc: 'plan',
  keys: ['plan.terminal.openings', 'plan.terminal.distribution', 'plan.terminal.shelf', 'plan.terminal.skus'],
  title: (ctx) => ctx.t('deckPlan.terminal.title'),
  slides: (ctx) => [openings(ctx), shares(ctx, 'distribution'), shares(ctx, 'shelf'), skus(ctx)],
};
