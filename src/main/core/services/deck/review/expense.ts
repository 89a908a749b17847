import type { SlideCard, SlideChart, SlideTable } from '../../../../../shared/deck';
import type { ExpenseAnalysis, ExpenseAnalysisRow } from '../../../../../shared/endpoints/analysisExpenses';
import { seededItemKey } from '../../../../../shared/expenseItems';
import { intlLocale } from '../../../../../shared/units';
import { workingVersionId } from '../../../repos/planVersions';
import { expensesAnalysis, type ExpensesContext } from '../../analysis/expenses';
import { planSliceTargets } from '../../expenses/split';
import { targetSummary } from '../../targets/read';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { commentarySlide, contentSlide, notesOf, pct, shortTable } from './common';

// 費用: the year's expenses by item against the budget (where the file holds one for
// the year: only the plan year has a budget), the expense ratio and the return on
// expense, and the key items (terminal building, advertising, personnel) by month, as
// the expense analysis view shows them (analysis.expenses, the same call).

function analysis(ctx: DeckContext): ExpenseAnalysis {
  // The plan year's targets, as the expense analysis' handler supplies them (asked for only with a budget).
  const targets: ExpensesContext = {
    targets: () => {
      const s = targetSummary(ctx.db, ctx.cube(), workingVersionId(ctx.db));
      return { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents, costMissingSkus: s.costMissing.skus };
    },
    sliceTargets: (dimension) => planSliceTargets(ctx.db, ctx.cube(), dimension),
  };
  return expensesAnalysis(ctx.db, { year: ctx.reviewYear, by: 'item' }, targets);
}

/** An item's name as the expense views show it: a default item in the deck's language, any other as typed. */
function itemName(ctx: DeckContext, item: { code: string; name: string }): string {
  const key = seededItemKey(item.code, item.name);
  return key === null ? item.name : ctx.t(`expenses.seedItem.${key}`);
}

/** A multiple with two decimals, as the expense view writes the return on expense. */
function multiple(ctx: DeckContext, v: number): string {
  return new Intl.NumberFormat(intlLocale(ctx.language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
}

function noExpenses(ctx: DeckContext, key: string, title: string): SlideDraft {
  return emptySlide(key, title, String(ctx.reviewYear), ctx.t('deckReview.expense.empty', { year: ctx.reviewYear }), 'actuals');
}

function headline(ctx: DeckContext, a: ExpenseAnalysis): SlideCard[] {
  const t = a.total;
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.expense.expense'), value: t.expense, kind: 'amount' },
    { label: ctx.t('deckReview.expense.ratio'), value: t.ratio, kind: 'ratio' },
    // The expense view writes the return as a multiple (1.53); the card gives it as a percentage and says the multiple.
    { label: ctx.t('deckReview.expense.return'), value: t.returnOnExpense, kind: 'ratio', ...(t.returnOnExpense === null ? {} : { note: ctx.t('deckReview.expense.returnNote', { v: multiple(ctx, t.returnOnExpense) }) }) },
    { label: ctx.t('deckReview.expense.sales'), value: t.sales, kind: 'amount' },
  ];
  if (a.hasBudget && t.budget !== null) cards.splice(1, 0, { label: ctx.t('deck.series.budget'), value: t.budget, kind: 'amount', tone: t.expense <= t.budget ? 'pos' : 'neg' });
  return cards;
}

function byItem(ctx: DeckContext, a: ExpenseAnalysis): SlideDraft {
  const key = 'review.expense.byItem';
  const title = ctx.t('deckReview.expense.byItem');
  if (a.actualRows === 0) return noExpenses(ctx, key, title);
  const top = a.rows.filter((r) => r.depth === 0 && (r.expense !== 0 || (r.budget ?? 0) !== 0));
  const chart: SlideChart = {
    kind: 'columnTarget',
    title,
    categories: top.map((r) => itemName(ctx, { code: r.code, name: r.label })),
    keys: top.map((r) => r.key ?? 0),
    series: [
      { name: ctx.t('deck.series.spent'), role: 'ours', values: top.map((r) => r.expense) },
      ...(a.hasBudget ? [{ name: ctx.t('deck.series.budget'), role: 'target' as const, values: top.map((r) => r.budget) }] : []),
      { name: ctx.t('deck.series.ratio'), role: 'ratio', values: top.map((r) => r.ratio) },
    ],
    valueKind: 'amount',
  };
  const line = (label: string, r: ExpenseAnalysisRow) => [label, r.expense, ...(a.hasBudget ? [r.budget] : []), r.ratio, a.total.expense > 0 ? r.expense / a.total.expense : null];
  const table: SlideTable = shortTable(
    [
      { label: ctx.t('deckReview.expense.item'), kind: 'text' },
      { label: ctx.t('deck.series.spent'), kind: 'amount' },
      ...(a.hasBudget ? [{ label: ctx.t('deck.series.budget'), kind: 'amount' as const }] : []),
      { label: ctx.t('deckReview.expense.ratio'), kind: 'ratio' },
      { label: ctx.t('deckReview.expense.shareOfExpense'), kind: 'ratio' },
    ],
    [...top].sort((x, y) => y.expense - x.expense).map((r) => line(itemName(ctx, { code: r.code, name: r.label }), r)),
    line(ctx.t('deck.total'), a.total),
  );
  const cards = headline(ctx, a);
  const extra = a.hasBudget ? undefined : ctx.t('deckReview.expense.noBudget', { year: a.year });
  return contentSlide(ctx, { key, title, subtitle: ctx.t('deck.fullYear', { year: a.year }), cards, charts: [chart], table, notes: notesOf(ctx, title, cards, extra) });
}

function keyItems(ctx: DeckContext, a: ExpenseAnalysis): SlideDraft {
  const key = 'review.expense.keyItems';
  const title = ctx.t('deckReview.expense.keyItems');
  if (a.actualRows === 0) return noExpenses(ctx, key, title);
  const items = a.keyExpenses;
  if (items.length === 0 || items.every((k) => k.expense === 0)) return emptySlide(key, title, String(a.year), ctx.t('deckReview.expense.noKeyItems'), 'expenses');
  const months = Array.from({ length: 12 }, (_, i) => ctx.t('analysis.sales.month', { m: i + 1 }));
  const charts: SlideChart[] = [
    {
      kind: 'line',
      title: ctx.t('deckReview.expense.byMonth'),
      categories: months,
      keys: months.map((_, i) => i + 1),
      series: items.map((k, i) => ({ name: itemName(ctx, k), role: i === 0 ? ('ours' as const) : ('other' as const), values: k.months })),
      valueKind: 'amount',
    },
    {
      kind: 'line',
      title: ctx.t('deckReview.expense.ratioByMonth'),
      categories: months,
      keys: months.map((_, i) => i + 1),
      series: items.map((k, i) => ({ name: itemName(ctx, k), role: i === 0 ? ('ours' as const) : ('other' as const), values: k.ratios })),
      valueKind: 'ratio',
    },
  ];
  const cards: SlideCard[] = items.slice(0, 4).map((k) => ({ label: itemName(ctx, k), value: k.expense, kind: 'amount', note: ctx.t('deckReview.expense.ratioNote', { v: pct(ctx, k.ratio) }) }));
  const table = shortTable(
    [
      { label: ctx.t('deckReview.expense.item'), kind: 'text' },
      { label: ctx.t('deck.series.spent'), kind: 'amount' },
      { label: ctx.t('deckReview.expense.ratio'), kind: 'ratio' },
      { label: ctx.t('deckReview.expense.shareOfExpense'), kind: 'ratio' },
    ],
    items.map((k) => [itemName(ctx, k), k.expense, k.ratio, a.total.expense > 0 ? k.expense / a.total.expense : null]),
  );
  return contentSlide(ctx, { key, title, subtitle: ctx.t('deck.fullYear', { year: a.year }), cards, charts, table });
}

export const expenseChapter: ChapterBuilder = {
  key: 'review.expense',
  doc: 'review',
  keys: ['review.expense.byItem', 'review.expense.keyItems', 'review.expense.commentary'],
  title: (ctx) => ctx.t('deckReview.expense.title'),
  slides: (ctx) => {
    const a = analysis(ctx);
    const first = byItem(ctx, a);
    return [first, keyItems(ctx, a), commentarySlide(ctx, 'expense', 'review.expense.commentary', first.cards)];
  },
};
