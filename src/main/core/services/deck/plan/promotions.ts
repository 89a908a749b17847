import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import type { PromotionList } from '../../../../../shared/endpoints/promotions';
import { share } from '../../../../../shared/kpi';
import { PROMOTION_TYPES } from '../../../../../shared/promotions';
import { listPromotions } from '../../promotions/calendar';
import { promotionBudgetByMonth } from '../../promotions/rollup';
import type { ChapterBuilder, DeckContext, SlideDraft } from '../context';
import { MONTH_KEYS, contentSlide, emptyOfWorking, itemName, monthNames, sectionParagraphs, table } from './common';

// 促銷與廣告計劃: the calendar of the deck's version and its budget, as 費用與行動計劃 ›
// 促銷與廣告日曆 lists it (promotions.list) and as its budget rolls into the expense
// budget by month (the days each promotion runs in each month).

const lists = new WeakMap<DeckContext, PromotionList>();
function listOf(ctx: DeckContext): PromotionList {
  let p = lists.get(ctx);
  if (!p) lists.set(ctx, (p = listPromotions(ctx.db, ctx.versionId)));
  return p;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });

/** A promotion's dates, short within the plan year (1/10–2/20), in full when they reach into another. */
function datesText(ctx: DeckContext, start: string, end: string): string {
  const inYear = (d: string) => Number(d.slice(0, 4)) === ctx.planYear;
  const short = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  return inYear(start) && inYear(end) ? `${short(start)}–${short(end)}` : `${start} – ${end}`;
}

function calendar(ctx: DeckContext): SlideDraft {
  const key = 'plan.promotions.calendar';
  const title = ctx.t('deckPlan.promotions.calendar');
  const list = listOf(ctx);
  if (list.promotions.length === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.promotions'), 'expenses');
  const ps = list.promotions;
  const advertising = ps.filter((p) => p.type === 'advertising').reduce((s, p) => s + p.budgetCents, 0);
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.promotions'), value: ps.length, kind: 'count' },
    { label: ctx.t('deckPlan.card.promotionBudget'), value: list.totalCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.advertising'), value: advertising, kind: 'amount' },
    { label: ctx.t('deckPlan.card.extraVolume'), value: ps.reduce((s, p) => s + p.expectedExtraVolume, 0), kind: 'volume' },
  ];
  const months = new Array<number>(12).fill(0);
  for (const c of promotionBudgetByMonth(ctx.db, ctx.versionId, ctx.planYear)) months[c.month - 1] += c.amountCents;
  const chart: SlideChart = {
    kind: 'columnTarget',
    title: ctx.t('deckPlan.promotions.byMonth'),
    categories: monthNames(ctx),
    keys: MONTH_KEYS,
    series: [{ name: ctx.t('deckPlan.series.promotionBudget'), role: 'ours', values: months }],
    valueKind: 'amount',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.promotion'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.type'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.period'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.budget'), kind: 'amount' as const },
  ];
  const rows = [...ps]
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id)
    .map((p) => [p.name, ctx.t(`promotions.type.${p.type}`), datesText(ctx, p.startDate, p.endDate), p.budgetCents]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), '', '', list.totalCents]),
    commentary: sectionParagraphs(ctx, 'programs', true),
  });
}

function byType(ctx: DeckContext): SlideDraft {
  const key = 'plan.promotions.byType';
  const title = ctx.t('deckPlan.promotions.byType');
  const list = listOf(ctx);
  if (list.promotions.length === 0 || list.totalCents === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.promotionBudget'), 'expenses');
  const types = PROMOTION_TYPES.map((type) => ({ type, cents: list.promotions.filter((p) => p.type === type).reduce((s, p) => s + p.budgetCents, 0) })).filter((x) => x.cents > 0);
  types.sort((a, b) => b.cents - a.cents);
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.promotionBudget'), value: list.totalCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.topTypeShare'), value: share(types[0].cents, list.totalCents), kind: 'ratio', note: ctx.t(`promotions.type.${types[0].type}`) },
    { label: ctx.t('deckPlan.card.items'), value: list.byItem.length, kind: 'count' },
  ];
  const chart: SlideChart = {
    kind: 'doughnut',
    title,
    categories: types.map((x) => ctx.t(`promotions.type.${x.type}`)),
    series: [{ name: ctx.t('deckPlan.series.promotionBudget'), role: 'ours', values: types.map((x) => x.cents) }],
    valueKind: 'amount',
  };
  const nameOf = new Map(list.items.map((i) => [i.id, itemName(ctx, i)]));
  const columns = [
    { label: ctx.t('deckPlan.col.item'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.budget'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.share'), kind: 'ratio' as const },
  ];
  const rows = [...list.byItem].sort((a, b) => b.amountCents - a.amountCents).map((l) => [nameOf.get(l.itemId) ?? '', l.amountCents, share(l.amountCents, list.totalCents)]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, rows, [ctx.t('deck.total'), list.totalCents, 1]) });
}

export const promotionsChapter: ChapterBuilder = {
  key: 'plan.promotions',
  doc: 'plan',
  keys: ['plan.promotions.calendar', 'plan.promotions.byType'],
  title: (ctx) => ctx.t('deckPlan.promotions.title'),
  slides: (ctx) => [calendar(ctx), byType(ctx)],
};
