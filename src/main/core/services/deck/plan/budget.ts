import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import { budgetMeasures, itemMeasures, sum, type ExpenseBudgetResult } from '../../../../../shared/expenses';
import { readBudget } from '../../expenses/budget';
import type { ChapterBuilder, DeckContext, SlideDraft } from '../context';
import { MONTH_KEYS, contentSlide, emptyOfWorking, summaryOf, itemName, monthNames, quarterNames, sectionParagraphs, table } from './common';

// 費用預算: the deck's version's expense budget by item with its allocation ratios, and
// by month with the expense ratio against head office's cap, as 費用與行動計劃 › 費用預算
// shows them (expenses.budget, with the version's own sales and gross-profit targets).

const budgets = new WeakMap<DeckContext, ExpenseBudgetResult>();
function budgetOf(ctx: DeckContext): ExpenseBudgetResult {
  let b = budgets.get(ctx);
  if (!b) {
    const s = summaryOf(ctx);
    b = readBudget(ctx.db, { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents, costMissingSkus: s.costMissing.skus }, ctx.versionId);
    budgets.set(ctx, b);
  }
  return b;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });

/** Below the cap is good; without a cap a ratio has no tone. */
const capTone = (ratio: number | null, cap: number | null) => (ratio === null || cap === null ? undefined : ratio <= cap ? ('pos' as const) : ('neg' as const));

function yearCards(ctx: DeckContext, b: ExpenseBudgetResult, withSales: boolean): SlideCard[] {
  const year = budgetMeasures(b.total.budget, b.salesTarget, b.grossProfitTarget, b.cap).year;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.budget'), value: year.expense, kind: 'amount' },
    { label: ctx.t('deckPlan.card.expenseRatio'), value: year.ratio, kind: 'ratio', tone: capTone(year.ratio, b.cap) },
  ];
  if (b.cap !== null) cards.push({ label: ctx.t('deckPlan.card.cap'), value: b.cap, kind: 'ratio' });
  if (withSales) cards.push({ label: ctx.t('deckPlan.card.salesTarget'), value: year.sales, kind: 'amount' });
  return cards;
}

function byItem(ctx: DeckContext): SlideDraft {
  const key = 'plan.budget.byItem';
  const title = ctx.t('deckPlan.budget.byItem');
  const b = budgetOf(ctx);
  if (sum(b.total.budget) === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.budget'), 'expenses');
  const measures = new Map(itemMeasures(b).map((m) => [m.itemId, m]));
  const top = b.rows.filter((r) => r.parentId === null).map((r) => ({ r, m: measures.get(r.itemId)! })).sort((x, y) => y.m.expense - x.m.expense);
  const slices = top.filter((x) => x.m.expense > 0);
  const chart: SlideChart = {
    kind: 'doughnut',
    title: ctx.t('deckPlan.budget.allocation'),
    categories: slices.map((x) => itemName(ctx, x.r)),
    keys: slices.map((x) => x.r.itemId),
    series: [{ name: ctx.t('deckPlan.series.budget'), role: 'ours', values: slices.map((x) => x.m.expense) }],
    valueKind: 'amount',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.item'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.budget'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.allocation'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.expenseRatio'), kind: 'ratio' as const },
  ];
  const rows = top.map((x) => [itemName(ctx, x.r), x.m.expense, x.m.share, x.m.ratio]);
  const year = budgetMeasures(b.total.budget, b.salesTarget, b.grossProfitTarget, b.cap).year;
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards: yearCards(ctx, b, true),
    charts: [chart],
    table: table(columns, rows, [ctx.t('deck.total'), year.expense, 1, year.ratio]),
    commentary: sectionParagraphs(ctx, 'budget', true),
  });
}

function byMonth(ctx: DeckContext): SlideDraft {
  const key = 'plan.budget.byMonth';
  const title = ctx.t('deckPlan.budget.byMonth');
  const b = budgetOf(ctx);
  if (sum(b.total.budget) === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.budget'), 'expenses');
  const m = budgetMeasures(b.total.budget, b.salesTarget, b.grossProfitTarget, b.cap);
  const over = m.months.filter((x) => x.overCap).length;
  const cards = yearCards(ctx, b, false);
  if (b.cap !== null) cards.push({ label: ctx.t('deckPlan.card.monthsOverCap'), value: over, kind: 'count', tone: over > 0 ? 'neg' : 'pos' });
  const charts: SlideChart[] = [
    {
      kind: 'columnTarget',
      title: ctx.t('deckPlan.budget.budgetByMonth'),
      categories: monthNames(ctx),
      keys: MONTH_KEYS,
      series: [{ name: ctx.t('deckPlan.series.budget'), role: 'ours', values: [...b.total.budget] }],
      valueKind: 'amount',
    },
    {
      kind: 'line',
      title: ctx.t('deckPlan.budget.ratioByMonth'),
      categories: monthNames(ctx),
      keys: MONTH_KEYS,
      series: [
        { name: ctx.t('deckPlan.series.expenseRatio'), role: 'ours', values: m.months.map((x) => x.ratio) },
        ...(b.cap !== null ? [{ name: ctx.t('deckPlan.series.cap'), role: 'target' as const, values: m.months.map(() => b.cap) }] : []),
      ],
      valueKind: 'ratio',
    },
  ];
  const columns = [
    { label: ctx.t('deckPlan.col.quarter'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.budget'), kind: 'amount' as const },
    { label: ctx.t('deckPlan.col.allocation'), kind: 'ratio' as const },
    { label: ctx.t('deckPlan.col.expenseRatio'), kind: 'ratio' as const },
  ];
  // Each month against the cap is the line chart's; the table gives the phases' allocation and ratio.
  const row = (name: string, x: (typeof m.quarters)[number]) => [
    name,
    x.expense,
    m.year.expense > 0 ? x.expense / m.year.expense : null,
    x.ratio,
  ];
  const rows = quarterNames(ctx).map((q, i) => row(q, m.quarters[i]));
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts, table: table(columns, rows, row(ctx.t('deck.total'), m.year)) });
}

export const budgetChapter: ChapterBuilder = {
  key: 'plan.budget',
  doc: 'plan',
  keys: ['plan.budget.byItem', 'plan.budget.byMonth'],
  title: (ctx) => ctx.t('deckPlan.budget.title'),
  slides: (ctx) => [byItem(ctx), byMonth(ctx)],
};
