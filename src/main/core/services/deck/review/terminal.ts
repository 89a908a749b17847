import type { SlideCard, SlideChart, SlideTable } from '../../../../../shared/deck';
import type { TerminalCell, TerminalGroup, TerminalMeasure, TerminalsAnalysis } from '../../../../../shared/endpoints/analysisTerminals';
import { terminalsAnalysis } from '../../analysis/terminals';
import { emptySlide, toneOf, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { commentarySlide, contentSlide, filterOptions, pick, pointsText, shortTable } from './common';

// 終端: 鋪貨率, 貨架佔有率 and 銷售佔有率 of our brands against the competitors, by city,
// from the store audits, as the terminal analysis view shows them (analysis.terminals,
// the same call: the review year, the category with the most audit lines).

/** Competitors shown by name; the rest together as "others" on the share bars. */
const CHART_GROUPS = 12;
const COMPETITORS = 3;

function analysis(ctx: DeckContext): TerminalsAnalysis {
  return terminalsAnalysis(ctx.db, { year: ctx.reviewYear, by: 'city', ...pick(ctx.filter, ['cityId', 'channelId'] as const) });
}

function subtitle(ctx: DeckContext, a: TerminalsAnalysis): string {
  const category = a.categories.find((c) => c.id === a.categoryId)?.name ?? '';
  return ctx.t('deckReview.terminal.subtitle', { year: a.year, category });
}

const measureOf = (cell: TerminalCell, m: TerminalMeasure) => cell[m];

function cards(ctx: DeckContext, a: TerminalsAnalysis, m: TerminalMeasure): SlideCard[] {
  const t = a.total;
  const lead = a.competitors.map((c, i) => ({ c, v: measureOf(t.competitors[i], m) })).sort((x, y) => (y.v ?? -1) - (x.v ?? -1))[0];
  const ours = measureOf(t.ours, m);
  const out: SlideCard[] = [
    { label: ctx.t(`deckReview.terminal.ours.${m}`), value: ours, kind: 'ratio', tone: lead ? toneOf(ours === null || lead.v === null ? null : ours - lead.v, 0) : undefined },
  ];
  if (lead) out.push({ label: ctx.t('deckReview.terminal.strongest'), value: lead.v, kind: 'ratio', note: lead.c.name });
  if (lead) {
    const gap = pointsText(ctx, ours, lead.v);
    if (gap) out[0].note = ctx.t('deckReview.terminal.gap', { v: gap });
  }
  out.push({ label: ctx.t('deckReview.terminal.audited'), value: t.audited, kind: 'count' });
  if (m === 'shelf') out.push({ label: ctx.t('deckReview.terminal.facings'), value: t.allFacings, kind: 'count' });
  if (m === 'sales') out.push({ label: ctx.t('deckReview.terminal.sellout'), value: t.allSellout, kind: 'amount' });
  return out;
}

function table(ctx: DeckContext, a: TerminalsAnalysis, m: TerminalMeasure): SlideTable {
  const named = a.competitors.slice(0, COMPETITORS);
  const line = (label: string, g: TerminalGroup) => [label, g.audited, measureOf(g.ours, m), ...named.map((_, i) => measureOf(g.competitors[i], m))];
  return shortTable(
    [
      { label: ctx.t('deckReview.terminal.city'), kind: 'text' },
      { label: ctx.t('deckReview.terminal.audited'), kind: 'count' },
      { label: ctx.t('deck.series.ours'), kind: 'ratio' },
      ...named.map((c) => ({ label: c.name, kind: 'ratio' as const })),
    ],
    [...a.groups].sort((x, y) => y.audited - x.audited || x.key - y.key).map((g) => line(g.label, g)),
    line(ctx.t('deck.total'), a.total),
  );
}

function slide(ctx: DeckContext, a: TerminalsAnalysis, m: TerminalMeasure): SlideDraft {
  const key = `review.terminal.${m}`;
  const title = ctx.t(`deckReview.terminal.${m}`);
  if (a.categoryId === null || a.total.audited === 0) return emptySlide(key, title, String(a.year), ctx.t('deckReview.terminal.empty', { year: a.year }), 'actuals');
  // A bar a city stays legible on a slide: the cities with the most audited stores, at most CHART_GROUPS.
  const audited = a.groups.filter((g) => g.audited > 0);
  const groups = audited.length > CHART_GROUPS ? [...audited].sort((x, y) => y.audited - x.audited).slice(0, CHART_GROUPS) : audited;
  const named = a.competitors.slice(0, COMPETITORS);
  let chart: SlideChart;
  if (m === 'distribution') {
    // Each brand's own share of the stores: bars side by side (they do not add up).
    chart = {
      kind: 'clusteredBar',
      title,
      categories: groups.map((g) => g.label),
      keys: groups.map((g) => g.key),
      series: [
        { name: ctx.t('deck.series.ours'), role: 'ours', values: groups.map((g) => g.ours.distribution) },
        ...named.map((c, i) => ({ name: c.name, role: 'competitor' as const, values: groups.map((g) => g.competitors[i].distribution) })),
      ],
      valueKind: 'ratio',
    };
  } else {
    // Shares of the facings or the sell-out: ours, the named competitors and the rest add up to the whole.
    const rest = (g: TerminalGroup) => {
      const ours = measureOf(g.ours, m);
      if (ours === null) return null;
      const v = 1 - ours - named.reduce((s, _, i) => s + (measureOf(g.competitors[i], m) ?? 0), 0);
      return Math.max(0, v);
    };
    const others = a.competitors.length > COMPETITORS;
    chart = {
      kind: 'stacked100',
      title,
      categories: groups.map((g) => g.label),
      keys: groups.map((g) => g.key),
      series: [
        { name: ctx.t('deck.series.ours'), role: 'ours', values: groups.map((g) => measureOf(g.ours, m)) },
        ...named.map((c, i) => ({ name: c.name, role: 'competitor' as const, values: groups.map((g) => measureOf(g.competitors[i], m)) })),
        ...(others ? [{ name: ctx.t('deck.others'), role: 'other' as const, values: groups.map(rest) }] : []),
      ],
      valueKind: 'ratio',
    };
  }
  return contentSlide(ctx, { key, title, subtitle: subtitle(ctx, a), cards: cards(ctx, a, m), charts: [chart], table: table(ctx, a, m), filters: filterOptions(ctx, ['cities', 'channels']) });
}

export const terminalChapter: ChapterBuilder = {
  key: 'review.terminal',
  doc: 'review',
  keys: ['review.terminal.distribution', 'review.terminal.shelf', 'review.terminal.sales', 'review.terminal.commentary'],
  title: (ctx) => ctx.t('deckReview.terminal.title'),
  slides: (ctx) => {
    const a = analysis(ctx);
    const first = slide(ctx, a, 'distribution');
    return [first, slide(ctx, a, 'shelf'), slide(ctx, a, 'sales'), commentarySlide(ctx, 'terminal', 'review.terminal.commentary', first.cards)];
  },
};
