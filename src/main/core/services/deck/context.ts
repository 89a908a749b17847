import { figureText as sharedFigureText, type DeckDoc, type FigureKind, type Slide, type SlideCard, type SlideFilter } from '../../../../shared/deck';
import type { Translate } from '../../../../shared/i18n';
import type { DisplayUnit, Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import type { TargetCache } from '../targets/model';

// What a chapter's slide builder is given and what it gives back. A chapter reads the
// file through the same services as the screen it summarizes (the analysis views, the
// plan's chapters), so a slide's figure is the screen's figure for the same slice.

export interface DeckContext {
  db: ReadDb;
  doc: DeckDoc;
  language: Language;
  t: Translate;
  unit: DisplayUnit;
  planYear: number;
  /** The year the review looks back on: the year before the plan year. */
  reviewYear: number;
  versionId: number;
  versionName: string;
  /** The targets' cube of the file (built once per file change, shared with the target page). */
  cube(): TargetCache;
  /** The live filter of a slide asked for during the meeting; {} otherwise. */
  filter: SlideFilter;
}

/** A slide as a chapter builds it: the manager's title, hidden flag and notes come later. */
export type SlideDraft = Omit<Slide, 'title' | 'hidden' | 'notes' | 'notesEdited' | 'chapter' | 'chapterTitle'> & {
  /** The core's speaker notes: the slide's figures said in a sentence or two. */
  notes: string;
};

export interface ChapterBuilder {
  /** e.g. "review.sales"; every slide key of the chapter starts with it. */
  key: string;
  doc: DeckDoc;
  /** The keys of the slides `slides` builds, in order: fixed, whatever the data (an arrangement names them). */
  keys: readonly string[];
  title(ctx: DeckContext): string;
  slides(ctx: DeckContext): SlideDraft[];
  /** One slide of `keys` alone (a live filter during the meeting); absent: taken from `slides`. */
  slide?(ctx: DeckContext, key: string): SlideDraft;
}

/** A figure in words, as the slide shows it (notes, the contents of a table cell in the report). */
export function figureText(ctx: Pick<DeckContext, 'unit' | 'language'>, kind: FigureKind, value: number | null): string {
  return sharedFigureText(kind, value, ctx.unit, ctx.language);
}

/** Notes that read the cards out: "title: label value, label value." */
export function cardNotes(ctx: DeckContext, title: string, cards: readonly SlideCard[]): string {
  const figures = cards.map((c) => `${c.label} ${figureText(ctx, c.kind, c.value)}${c.note ? `（${c.note}）` : ''}`).join(ctx.language === 'en' ? ', ' : '，');
  return ctx.t('deck.notesDefault', { title, figures });
}

/** A slide with nothing to show yet: it says what to enter or import and where. */
export function emptySlide(key: string, title: string, subtitle: string, message: string, area: string): SlideDraft {
  return { key, kind: 'content', defaultTitle: title, subtitle, cards: [], charts: [], table: null, commentary: [], empty: { message, area }, notes: message };
}

/** A ratio's sign as a card's tone: at or above `par`, pos; below, neg. */
export function toneOf(value: number | null, par: number): 'pos' | 'neg' | undefined {
  if (value === null) return undefined;
  return value >= par ? 'pos' : 'neg';
}
