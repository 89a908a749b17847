import type { FigureKind, SlideCard, SlideChart, SlideFilter, SlideFilterOptions, SlideTable } from '../../../../../shared/deck';
import { FIGURE_FORMAT, REVIEW_PARTS, richDocSchema, type RichDoc, type RichInline, type ReviewChapter } from '../../../../../shared/planWritten';
import { citiesByProvince, orderedBrands, orderedMembers } from '../../../repos/analysis/members';
import { narrativeRows } from '../../../repos/planWritten';
import { figureTable, resolveFigure, type FigureTable } from '../../plan/figures';
import { figureText, type DeckContext, type SlideDraft } from '../context';

// What the review's chapters share: the months line, the live filter as each analysis
// service takes it, short tables (the first rows and a total), and the chapter's
// commentary from the written plan (亮點 / 問題 / 改進) as plain paragraphs.

/** A table keeps this many rows on a slide; the rest are counted in `more`. */
export const TABLE_ROWS = 8;

/** How many bars a chart of members shows (the biggest), so it stays readable on a projector. */
export const CHART_BARS = 12;

export function monthsLine(ctx: DeckContext, year: number, months: [number, number]): string {
  return months[0] === 1 && months[1] === 12 ? ctx.t('deck.fullYear', { year }) : ctx.t('deck.months', { year, from: months[0], to: months[1] });
}

/** Only the keys of `filter` that are set, as the analysis services' filters take them. */
export function pick<K extends keyof SlideFilter>(filter: SlideFilter, keys: readonly K[]): Pick<SlideFilter, K> {
  const out: Pick<SlideFilter, K> = {} as Pick<SlideFilter, K>;
  for (const k of keys) if (filter[k] !== undefined) out[k] = filter[k];
  return out;
}

/** The filter's choices of the region: provinces, cities (with their province), channels, our brands. */
export function filterOptions(ctx: DeckContext, which: readonly (keyof SlideFilterOptions)[]): SlideFilterOptions {
  const out: SlideFilterOptions = {};
  if (which.includes('provinces')) out.provinces = orderedMembers(ctx.db, 'province');
  if (which.includes('cities')) out.cities = citiesByProvince(ctx.db);
  if (which.includes('channels')) out.channels = orderedMembers(ctx.db, 'channel');
  if (which.includes('brands')) out.brands = orderedBrands(ctx.db, true).filter((b) => b.is_own === 1).map((b) => ({ id: b.id, name: b.name }));
  return out;
}

/** A table of the first TABLE_ROWS rows, the total, and how many rows were left out. */
export function shortTable(columns: SlideTable['columns'], rows: SlideTable['rows'], total?: SlideTable['total']): SlideTable {
  const table: SlideTable = { columns, rows: rows.slice(0, TABLE_ROWS) };
  if (total) table.total = total;
  if (rows.length > TABLE_ROWS) table.more = rows.length - TABLE_ROWS;
  return table;
}

/** A content slide with figures (the commentary comes from the chapter's commentary slide). */
export function contentSlide(
  ctx: DeckContext,
  s: { key: string; title: string; subtitle: string; cards: SlideCard[]; charts: SlideChart[]; table: SlideTable | null; notes?: string; filters?: SlideFilterOptions },
): SlideDraft {
  const draft: SlideDraft = {
    key: s.key,
    kind: 'content',
    defaultTitle: s.title,
    subtitle: s.subtitle,
    cards: s.cards,
    charts: s.charts,
    table: s.table,
    commentary: [],
    empty: null,
    notes: s.notes ?? notesOf(ctx, s.title, s.cards),
  };
  if (s.filters) draft.filters = s.filters;
  return draft;
}

/** The core's notes: the cards read out, each with its note. */
export function notesOf(ctx: DeckContext, title: string, cards: readonly SlideCard[], extra?: string): string {
  const sep = ctx.language === 'en' ? ', ' : '，';
  const [open, close] = ctx.language === 'en' ? [' (', ')'] : ['（', '）'];
  const figures = cards.map((c) => `${c.label} ${figureText(ctx, c.kind, c.value)}${c.note ? `${open}${c.note}${close}` : ''}`).join(sep);
  const base = ctx.t('deck.notesDefault', { title, figures });
  return extra ? `${base}${ctx.language === 'en' ? '. ' : '。'}${extra}` : base;
}

/** "+1.2 個百分點": a change of a share in points. */
export function pointsText(ctx: DeckContext, now: number | null, before: number | null): string | undefined {
  if (now === null || before === null) return undefined;
  const pts = (now - before) * 100;
  const v = `${pts >= 0 ? '+' : ''}${pts.toFixed(1)}`;
  return ctx.t('deckReview.common.points', { v });
}

/** A ratio in words ("12.3%"), for notes and card notes. */
export function pct(ctx: DeckContext, v: number | null): string {
  return figureText(ctx, 'ratio', v);
}

export function amount(ctx: DeckContext, v: number | null): string {
  return figureText(ctx, 'amount', v);
}

/** A document as plain paragraphs: a paragraph or heading each, a list item each ("• …"), a table row each. */
function paragraphsOf(doc: RichDoc, figure: (i: Extract<RichInline, { type: 'figure' }>) => string): string[] {
  const line = (list: readonly RichInline[]) => list.map((i) => (i.type === 'text' ? i.text : figure(i))).join('').trim();
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(line(b.content));
    else if (b.type === 'bulletList') for (const item of b.items) out.push(`• ${line(item)}`);
    else for (const row of b.rows) out.push(row.map(line).join(' ｜ '));
  }
  return out.filter((p) => p !== '' && p !== '•');
}

/** The version's review commentary, read once per deck build (the context is new each build). */
const commentaryDocs = new WeakMap<DeckContext, Map<string, RichDoc>>();
const figureTables = new WeakMap<DeckContext, FigureTable>();

function docsOf(ctx: DeckContext): Map<string, RichDoc> {
  let docs = commentaryDocs.get(ctx);
  if (!docs) {
    docs = new Map();
    for (const row of narrativeRows(ctx.db, ctx.versionId)) {
      if (!row.section.startsWith('review.')) continue;
      try {
        const parsed = richDocSchema.safeParse(JSON.parse(row.body));
        // A body that is not a document (written by something else) reads as none, as on the written plan's page.
        if (parsed.success) docs.set(row.section, parsed.data);
      } catch {
        continue;
      }
    }
    commentaryDocs.set(ctx, docs);
  }
  return docs;
}

/**
 * The written plan's live figures, computed only when a commentary embeds one. Without
 * the targets' cube: building it on a large region takes seconds the deck would wait
 * for, while the figures' plain SQL takes a fraction of one.
 */
function figuresOf(ctx: DeckContext): FigureTable {
  let table = figureTables.get(ctx);
  if (!table) {
    table = figureTable(ctx.db, ctx.versionId);
    figureTables.set(ctx, table);
  }
  return table;
}

/**
 * The chapter's commentary in the version's written plan: its highlights, problems and
 * improvements as plain paragraphs, each part's first paragraph led by the part's name.
 * Live figures are given as the written plan computes them.
 */
export function commentaryOf(ctx: DeckContext, chapter: ReviewChapter): string[] {
  const figure = (i: Extract<RichInline, { type: 'figure' }>) => {
    const v = resolveFigure(figuresOf(ctx), i.figure);
    const kind: FigureKind = FIGURE_FORMAT[i.figure.kind] === 'money' ? 'amount' : 'ratio';
    return v.status === 'ok' ? figureText(ctx, kind, v.value) : '—';
  };
  const docs = docsOf(ctx);
  const out: string[] = [];
  for (const part of REVIEW_PARTS) {
    const doc = docs.get(`review.${chapter}.${part}`);
    if (!doc) continue;
    const paras = paragraphsOf(doc, figure);
    if (paras.length === 0) continue;
    const label = ctx.t(`deckReview.common.part.${part}`);
    out.push(`${label}${ctx.language === 'en' ? ': ' : '：'}${paras[0]}`, ...paras.slice(1));
  }
  return out;
}

/**
 * The chapter's last slide: 亮點 / 問題 / 改進 from the written plan with the chapter's
 * key cards; without any written commentary, what to write and where.
 */
export function commentarySlide(ctx: DeckContext, chapter: ReviewChapter, key: string, cards: SlideCard[]): SlideDraft {
  const title = ctx.t('deckReview.common.commentaryTitle', { chapter: ctx.t(`deckReview.${chapter}.title`) });
  const subtitle = ctx.t('deckReview.common.commentarySubtitle', { version: ctx.versionName });
  const commentary = commentaryOf(ctx, chapter);
  if (commentary.length === 0) {
    return { key, kind: 'content', defaultTitle: title, subtitle, cards: [], charts: [], table: null, commentary: [], empty: { message: ctx.t('deckReview.common.noCommentary'), area: 'plan' }, notes: ctx.t('deckReview.common.noCommentary') };
  }
  return {
    key,
    kind: 'content',
    defaultTitle: title,
    subtitle,
    cards,
    charts: [],
    table: null,
    commentary,
    empty: null,
    notes: commentary.join('\n'),
  };
}
