import type { SlideCard, SlideChart, SlideFilterOptions, SlideTable, SlideTableColumn } from '../../../../../shared/deck';
import { seededItemKey } from '../../../../../shared/expenseItems';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { FIGURE_FORMAT, figureKey, type FigureRef, type FigureValue, type PlanSection, type RichBlock, type RichInline } from '../../../../../shared/planWritten';
import { formatAmount, formatPercent } from '../../../../../shared/units';
import type { WrittenPlan } from '../../../../../shared/endpoints/planWritten';
import type { TargetSummary } from '../../../../../shared/endpoints/targets';
import { citiesByProvince, orderedMembers, ownBrands } from '../../../repos/analysis/members';
import { findVersion } from '../../../repos/planVersions';
import { writtenPlan } from '../../plan/written';
import type { TargetCache } from '../../targets/model';
import { targetSummary } from '../../targets/read';
import { emptySlide, figureText, type DeckContext, type SlideDraft } from '../context';

// What the plan's chapters share: the cube and the written plan read once per deck, the
// written sections as slide paragraphs, tables cut to what a slide holds, and the
// months' names.

/** Rows a slide's table shows; the rest are counted in `more`. */
export const TABLE_ROWS = 8;
/** Categories a bar chart shows before the rest are summed as 其他. */
export const CHART_BARS = 10;

interface Shared {
  cube?: TargetCache;
  summary?: TargetSummary;
  written?: WrittenPlan;
}
const shared = new WeakMap<DeckContext, Shared>();

function sharedOf(ctx: DeckContext): Shared {
  let s = shared.get(ctx);
  if (!s) shared.set(ctx, (s = {}));
  return s;
}

/** The targets' cube, asked of the context once per deck and only by a slide that needs it (it is slow to build the first time on a large region). */
export function cubeOf(ctx: DeckContext): TargetCache {
  const s = sharedOf(ctx);
  return (s.cube ??= ctx.cube());
}

/** The version's gap check (targets.summary): plan, head office and last year by month. */
export function summaryOf(ctx: DeckContext): TargetSummary {
  const s = sharedOf(ctx);
  return (s.summary ??= targetSummary(ctx.db, cubeOf(ctx), ctx.versionId));
}

/** The written plan of the deck's version, as 計劃書 › 計劃文字 reads it. */
export function writtenOf(ctx: DeckContext): WrittenPlan {
  const s = sharedOf(ctx);
  return (s.written ??= writtenPlan(ctx.db, { versionId: ctx.versionId }, cubeOf(ctx)));
}

export function isWorkingVersion(ctx: DeckContext): boolean {
  return findVersion(ctx.db, ctx.versionId)?.kind === 'working';
}

/** Month names of the plan year's twelve months. */
export function monthNames(ctx: DeckContext): string[] {
  return Array.from({ length: 12 }, (_, i) => ctx.t('analysis.sales.month', { m: i + 1 }));
}

export const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => i + 1);

export function quarterNames(ctx: DeckContext): string[] {
  return [1, 2, 3, 4].map((q) => ctx.t('deckPlan.quarter', { q }));
}

export function sumOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function quartersOf(months: readonly number[]): number[] {
  return [0, 1, 2, 3].map((q) => months[q * 3] + months[q * 3 + 1] + months[q * 3 + 2]);
}

/** "2027-03" of a yyyymm period; '—' for none. */
export function periodText(period: number | null): string {
  return period === null ? '—' : `${Math.floor(period / 100)}-${String(period % 100).padStart(2, '0')}`;
}

export function provinceName(ctx: DeckContext, name: string): string {
  return geoDisplayName(name, 'province', ctx.language);
}

export function cityName(ctx: DeckContext, name: string): string {
  return geoDisplayName(name, 'city', ctx.language);
}

/** An expense item's name as the expense screens show it: a default item in the deck's language, any other as typed. */
export function itemName(ctx: DeckContext, item: { code: string; name: string }): string {
  const key = seededItemKey(item.code, item.name);
  return key === null ? item.name : ctx.t(`expenses.seedItem.${key}`);
}

/** A table cut to the rows a slide holds: the first `TABLE_ROWS`, the rest counted. */
export function table(columns: SlideTableColumn[], rows: (string | number | null)[][], total?: (string | number | null)[]): SlideTable {
  const shown = rows.slice(0, TABLE_ROWS);
  return { columns, rows: shown, ...(total ? { total } : {}), ...(rows.length > shown.length ? { more: rows.length - shown.length } : {}) };
}

/**
 * A bar chart's categories and one value per series, the largest first; beyond
 * `CHART_BARS` the rest are summed into 其他 (the series are amounts or shares of one total, which add up).
 */
export function topBars<T>(ctx: DeckContext, items: readonly T[], name: (x: T) => string, values: ((x: T) => number | null)[], sortBy: (x: T) => number) {
  const sorted = [...items].sort((a, b) => sortBy(b) - sortBy(a));
  const head = sorted.slice(0, CHART_BARS);
  const rest = sorted.slice(CHART_BARS);
  const categories = head.map(name);
  const series = values.map((v) => head.map(v));
  if (rest.length > 0) {
    categories.push(ctx.t('deck.others'));
    values.forEach((v, i) => series[i].push(rest.reduce((s, x) => s + (v(x) ?? 0), 0)));
  }
  return { categories, series };
}

/** The cards read out as the speaker says them: amounts with their unit (萬元), a card's note in brackets. */
export function cardsSaid(ctx: DeckContext, title: string, cards: readonly SlideCard[]): string {
  const said = (c: SlideCard) => (c.kind === 'amount' && c.value !== null ? formatAmount(c.value, ctx.unit, ctx.language, { withUnit: true }) : figureText(ctx, c.kind, c.value));
  const open = ctx.language === 'en' ? ' (' : '（';
  const close = ctx.language === 'en' ? ')' : '）';
  const figures = cards.map((c) => `${c.label} ${said(c)}${c.note ? `${open}${c.note}${close}` : ''}`).join(ctx.language === 'en' ? ', ' : '，');
  return ctx.t('deck.notesDefault', { title, figures });
}

/** A content slide with the core's notes read from its cards. */
export function contentSlide(
  ctx: DeckContext,
  key: string,
  title: string,
  subtitle: string,
  parts: { cards: SlideCard[]; charts: SlideChart[]; table: SlideTable | null; commentary?: string[]; filters?: SlideFilterOptions; notes?: string },
): SlideDraft {
  const notes = [cardsSaid(ctx, title, parts.cards), parts.notes].filter((s) => s).join(ctx.language === 'en' ? ' ' : '');
  const commentary = parts.commentary ?? [];
  let shown = parts.table;
  if (shown && commentary.length > 0 && shown.rows.length > TABLE_ROWS_WITH_COMMENTARY) {
    const left = shown.rows.length - TABLE_ROWS_WITH_COMMENTARY;
    shown = { ...shown, rows: shown.rows.slice(0, TABLE_ROWS_WITH_COMMENTARY), more: (shown.more ?? 0) + left };
  }
  return {
    key,
    kind: 'content',
    defaultTitle: title,
    subtitle,
    cards: parts.cards,
    charts: parts.charts,
    table: shown,
    commentary,
    empty: null,
    notes,
    ...(parts.filters ? { filters: parts.filters } : {}),
  };
}

/**
 * A slide of a chapter kept with the working plan only (expenses, promotions, team):
 * empty in the deck's version, it says what to enter and where, and for a snapshot or
 * a scenario that they are not part of it.
 */
export function emptyOfWorking(ctx: DeckContext, key: string, title: string, message: string, area: string): SlideDraft {
  const text = isWorkingVersion(ctx) ? message : `${message}${ctx.t('deckPlan.empty.workingOnly')}`;
  return emptySlide(key, title, ctx.versionName, text, area);
}

// ------------------------------------------------------------------ the written plan

/** A live figure's value as the written plan shows it (the display unit with its name, or why there is none). */
export function figureShown(ctx: DeckContext, values: Record<string, FigureValue>, ref: FigureRef): string {
  const value = values[figureKey(ref)] ?? (ref.provinceId !== undefined ? { status: 'missing' as const } : { status: 'noData' as const });
  if (value.status === 'missing') return ctx.t('planWritten.missing');
  if (value.status === 'noData') return ctx.t('planWritten.noData');
  return FIGURE_FORMAT[ref.kind] === 'money' ? formatAmount(value.value, ctx.unit, ctx.language, { withUnit: true }) : formatPercent(value.value, ctx.language);
}

function inlineText(ctx: DeckContext, values: Record<string, FigureValue>, list: readonly RichInline[]): string {
  return list.map((i) => (i.type === 'text' ? i.text : figureShown(ctx, values, i.figure))).join('');
}

/**
 * A written document as slide paragraphs: a paragraph or heading each, a list's items
 * each with a bullet, a table's rows each as "first cell：header value，…".
 */
export function paragraphsOf(ctx: DeckContext, blocks: readonly RichBlock[], values: Record<string, FigureValue>): string[] {
  const out: string[] = [];
  const sep = ctx.language === 'en' ? ', ' : '，';
  const colon = ctx.language === 'en' ? ': ' : '：';
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(inlineText(ctx, values, b.content));
    else if (b.type === 'bulletList') for (const item of b.items) out.push(`• ${inlineText(ctx, values, item)}`);
    else {
      const [head, ...rows] = b.rows.map((r) => r.map((cell) => inlineText(ctx, values, cell)));
      for (const r of rows) out.push(`${r[0]}${colon}${r.slice(1).map((c, i) => `${head[i + 1] ?? ''} ${c}`.trim()).join(sep)}`);
    }
  }
  return out.filter((p) => p.trim() !== '');
}

/** Paragraphs of a section a content slide takes as its commentary: beside a chart and a table there is room for a few sentences. */
export const COMMENTARY_PARAGRAPHS = 2;
/** Rows a table keeps when the written plan's commentary shares its column. */
export const TABLE_ROWS_WITH_COMMENTARY = 5;

/**
 * A plan section's text as paragraphs; none when it has not been written. `brief`: only
 * its first few paragraphs of prose (the commentary of a content slide; its text slide has it all).
 */
export function sectionParagraphs(ctx: DeckContext, section: PlanSection, brief = false): string[] {
  const w = writtenOf(ctx);
  const doc = w.sections.find((s) => s.key === section)?.doc;
  if (!doc) return [];
  if (!brief) return paragraphsOf(ctx, doc.blocks, w.figures.values);
  return paragraphsOf(ctx, doc.blocks.filter((b) => b.type === 'paragraph'), w.figures.values).slice(0, COMMENTARY_PARAGRAPHS);
}

// ------------------------------------------------------------------ live filters

/** The filters the target slides answer to: the region's provinces, cities, channels and our brands. */
export function targetFilterOptions(ctx: DeckContext): SlideFilterOptions {
  return {
    provinces: orderedMembers(ctx.db, 'province').map((p) => ({ id: p.id, name: provinceName(ctx, p.name) })),
    cities: citiesByProvince(ctx.db).map((c) => ({ id: c.id, name: cityName(ctx, c.name), provinceId: c.provinceId })),
    channels: orderedMembers(ctx.db, 'channel'),
    brands: ownBrands(ctx.db),
  };
}
