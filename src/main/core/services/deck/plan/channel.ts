import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import { CHANGE_KINDS, PIPELINE_STAGES, type ChangeRow, type ChannelPlan } from '../../../../../shared/endpoints/planChannel';
import { formatAmount } from '../../../../../shared/units';
import { channelPlan } from '../../plan/channel';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { cityName, contentSlide, periodText, table, topBars } from './common';

// 渠道客戶計劃: blank areas to fill, the recruitment pipeline and the planned customer
// changes, as 計劃書 › 渠道客戶計劃 shows them (plan.channel.get, the same call).

const plans = new WeakMap<DeckContext, ChannelPlan>();
function planOf(ctx: DeckContext): ChannelPlan {
  let p = plans.get(ctx);
  if (!p) plans.set(ctx, (p = channelPlan(ctx.db, { versionId: ctx.versionId })));
  return p;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });

function blankAreas(ctx: DeckContext): SlideDraft {
  const key = 'plan.channel.blankAreas';
  const title = ctx.t('deckPlan.channel.blankAreas');
  const p = planOf(ctx);
  if (p.fills.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.fills'), 'plan');
  const tr = p.tracking;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.blankAreas'), value: tr.blankAreas, kind: 'count' },
    { label: ctx.t('deckPlan.card.blankPlanned'), value: tr.blankPlanned, kind: 'count' },
    { label: ctx.t('deckPlan.card.filled'), value: tr.filled, kind: 'count' },
    { label: ctx.t('deckPlan.card.firstYearSales'), value: tr.firstYearSalesCents, kind: 'amount' },
  ];
  const area = (f: ChannelPlan['fills'][number]) => (f.countyName ? `${cityName(ctx, f.cityName)} · ${f.countyName}` : cityName(ctx, f.cityName));
  const planned = p.fills.filter((f) => f.planId !== null);
  const bars = topBars(ctx, planned, area, [(f) => f.firstYearSalesCents], (f) => f.firstYearSalesCents);
  const charts: SlideChart[] = planned.length === 0 ? [] : [{
    kind: 'clusteredBar',
    title: ctx.t('deckPlan.channel.firstYearByArea'),
    categories: bars.categories,
    series: [{ name: ctx.t('deckPlan.series.firstYearSales'), role: 'ours', values: bars.series[0] }],
    valueKind: 'amount',
  }];
  const columns = [
    { label: ctx.t('deckPlan.col.area'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.fillMonth'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.firstYearSales'), kind: 'amount' as const },
  ];
  // An area already covered says so beside its name.
  const rows = p.fills.map((f) => [
    f.blankNow ? area(f) : ctx.t('deckPlan.areaCovered', { area: area(f) }),
    periodText(f.fillPeriod),
    f.firstYearSalesCents,
  ]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts,
    table: table(columns, rows, [ctx.t('deck.total'), '', tr.firstYearSalesCents]),
  });
}

function pipeline(ctx: DeckContext): SlideDraft {
  const key = 'plan.channel.pipeline';
  const title = ctx.t('deckPlan.channel.pipeline');
  const p = planOf(ctx);
  if (p.prospects.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.prospects'), 'plan');
  const tr = p.tracking;
  const signed = p.pipeline.byStage.find((s) => s.stage === 'signed')?.count ?? 0;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.prospects'), value: tr.prospects, kind: 'count' },
    { label: ctx.t('deckPlan.card.signed'), value: signed, kind: 'count' },
    { label: ctx.t('deckPlan.card.pipelineSales'), value: tr.pipelineSalesCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.firstOrders'), value: tr.firstOrders, kind: 'count' },
  ];
  const stages = p.pipeline.byStage;
  const charts: SlideChart[] = [
    {
      kind: 'clusteredBar',
      title: ctx.t('deckPlan.channel.byStage'),
      categories: stages.map((s) => ctx.t(`planChannel.stage.${s.stage}`)),
      series: [{ name: ctx.t('deckPlan.series.prospects'), role: 'ours', values: stages.map((s) => s.count) }],
      valueKind: 'count',
    },
    {
      kind: 'clusteredBar',
      title: ctx.t('deckPlan.channel.salesByStage'),
      categories: stages.map((s) => ctx.t(`planChannel.stage.${s.stage}`)),
      series: [{ name: ctx.t('deckPlan.series.yearSales'), role: 'ours', values: stages.map((s) => s.yearSalesCents) }],
      valueKind: 'amount',
    },
  ];
  const order = new Map(PIPELINE_STAGES.map((s, i) => [s, i]));
  const columns = [
    { label: ctx.t('deckPlan.col.customer'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.stage'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.firstOrder'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.yearSales'), kind: 'amount' as const },
  ];
  const rows = [...p.prospects]
    .sort((a, b) => (order.get(a.stage) ?? 0) - (order.get(b.stage) ?? 0) || b.yearSalesCents - a.yearSalesCents)
    .map((x) => [x.customer.name, ctx.t(`planChannel.stage.${x.stage}`), periodText(x.firstOrderPeriod), x.yearSalesCents]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts,
    table: table(columns, rows, [ctx.t('deck.total'), '', '', stages.reduce((s, x) => s + x.yearSalesCents, 0)]),
  });
}

/** What a change does, in words: its kind, and what it changes to where it names that. */
function changeText(ctx: DeckContext, c: ChangeRow): string {
  const kind = ctx.t(`planChannel.kind.${c.kind}`);
  const to =
    c.kind === 'tier' && c.toTier ? ctx.t(`planChannel.tier.${c.toTier}`)
    : c.kind === 'abc' && c.toAbc ? c.toAbc
    : c.kind === 'credit' && c.toCreditCents !== null ? formatAmount(c.toCreditCents, ctx.unit, ctx.language, { withUnit: true })
    : null;
  return to === null ? kind : `${kind} → ${to}`;
}

function changes(ctx: DeckContext): SlideDraft {
  const key = 'plan.channel.changes';
  const title = ctx.t('deckPlan.channel.changes');
  const p = planOf(ctx);
  if (p.changes.length === 0) return emptySlide(key, title, subtitleOf(ctx), ctx.t('deckPlan.empty.changes'), 'plan');
  const tr = p.tracking;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.changes'), value: tr.changes, kind: 'count' },
    { label: ctx.t('deckPlan.card.changesDone'), value: tr.changesDone, kind: 'count' },
  ];
  const kinds = CHANGE_KINDS.filter((k) => p.changes.some((c) => c.kind === k));
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckPlan.channel.changesByKind'),
    categories: kinds.map((k) => ctx.t(`planChannel.kind.${k}`)),
    series: [
      { name: ctx.t('deckPlan.series.planned'), role: 'ours', values: kinds.map((k) => p.changes.filter((c) => c.kind === k).length) },
      { name: ctx.t('deckPlan.series.done'), role: 'other', values: kinds.map((k) => p.changes.filter((c) => c.kind === k && c.done).length) },
    ],
    valueKind: 'count',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.customer'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.change'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.month'), kind: 'text' as const },
  ];
  const rows = [...p.changes]
    .sort((a, b) => a.period - b.period)
    .map((c) => [c.customer.name, c.done ? ctx.t('deckPlan.changeDone', { change: changeText(ctx, c) }) : changeText(ctx, c), periodText(c.period)]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, rows) });
}

export const channelChapter: ChapterBuilder = {
  key: 'plan.channel',
  doc: 'plan',
  keys: ['plan.channel.blankAreas', 'plan.channel.pipeline', 'plan.channel.changes'],
  title: (ctx) => ctx.t('deckPlan.channel.title'),
  slides: (ctx) => [blankAreas(ctx), pipeline(ctx), changes(ctx)],
};
