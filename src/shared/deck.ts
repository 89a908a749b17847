import { formatAmount, formatInteger, formatPercent, type DisplayUnit, type Language } from './units';

// The review meeting's deck (總結與導出): the year's review (年度總結) and the next
// year's plan (年度計劃) as slides built from the region file. The core builds a deck
// with its words in one language and its figures as raw numbers (amounts in cents,
// ratios as fractions); the screen, the presentation, the PDF and the PowerPoint writer
// all draw from the same deck, so a figure is the same in all of them.

export const DECK_DOCS = ['review', 'plan'] as const;
export type DeckDoc = (typeof DECK_DOCS)[number];

/** PowerPoint's wide size in CSS pixels; every slide is laid out at this size and scaled. */
export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

/** How a number is shown: an amount (cents, in the display unit), a ratio (a fraction), a count, a volume (cases). */
export type FigureKind = 'amount' | 'ratio' | 'count' | 'volume';

export interface SlideCard {
  label: string;
  /** Null: not known (no target, no last year). */
  value: number | null;
  kind: FigureKind;
  /** A second, smaller line (e.g. "同比 +12.3%"), already in words. */
  note?: string;
  /** Colours the value: above (pos) or below (neg) what it is measured against. */
  tone?: 'pos' | 'neg';
}

export const CHART_KINDS = [
  /** Columns of actual (ours) against target or last year, with the achievement line on a secondary axis. */
  'columnTarget',
  /** Clustered bars: ours against competitors or last year. */
  'clusteredBar',
  /** 100% stacked bars: shares (shelf share, sales share) of ours and competitors. */
  'stacked100',
  /** A doughnut: the mix of one total. */
  'doughnut',
  /** Lines: trends by month. */
  'line',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/**
 * What a series is: its colour follows from it (ours always the same blue). A `ratio`
 * series holds fractions and goes on the secondary axis of a `columnTarget` chart.
 */
export type SeriesRole = 'ours' | 'target' | 'lastYear' | 'competitor' | 'ratio' | 'other';

export interface ChartSeries {
  name: string;
  role: SeriesRole;
  /** One value per category; null where there is none. Amounts in cents. */
  values: (number | null)[];
}

/** Where a click on a category of a chart leads: the rows behind it, as in the analysis views. */
export type SlideDrill =
  | { source: 'sales'; year: number; by: 'month' | 'province' | 'city' | 'channel' | 'brand' | 'category' | 'customer' | 'salesperson'; filter: SlideFilter; months?: [number, number] }
  | { source: 'market'; year: number; by: 'city' | 'category' | 'month'; filter: { provinceId?: number; cityId?: number; categoryId?: number }; months?: [number, number] };

export interface SlideChart {
  kind: ChartKind;
  title: string;
  categories: string[];
  /** The member id (or month) behind each category, for drilling; absent: not drillable. */
  keys?: number[];
  series: ChartSeries[];
  /** What the values of the non-ratio series are. */
  valueKind: FigureKind;
  drill?: SlideDrill;
}

export interface SlideTableColumn {
  label: string;
  /** 'text' cells are strings; the others numbers (or null: not known). */
  kind: FigureKind | 'text';
}

export interface SlideTable {
  columns: SlideTableColumn[];
  rows: (string | number | null)[][];
  /** A total row, shown last and set apart. */
  total?: (string | number | null)[];
  /** Rows left out of a long table (the slide shows the first ones; the report all). */
  more?: number;
}

/** A live filter a slide answers to during the meeting ("浙江 only?"). */
export interface SlideFilter {
  provinceId?: number;
  cityId?: number;
  channelId?: number;
  brandId?: number;
}

export interface SlideFilterOptions {
  provinces?: { id: number; name: string }[];
  cities?: { id: number; name: string; provinceId: number }[];
  channels?: { id: number; name: string }[];
  brands?: { id: number; name: string }[];
}

export type SlideKind = 'cover' | 'contents' | 'chapter' | 'content' | 'text';

export interface Slide {
  /** Stable across builds (the arrangement is kept by it), e.g. "review.sales.byMonth". */
  key: string;
  kind: SlideKind;
  /** The chapter the slide belongs to (its contents line). */
  chapter: string;
  chapterTitle: string;
  /** The title the core gives it; `title` is the manager's when retitled. */
  defaultTitle: string;
  title: string;
  /** A line under the title: the period, the version. */
  subtitle: string;
  hidden: boolean;
  /** Speaker notes: the manager's, else the core's (`notesEdited` false). */
  notes: string;
  notesEdited: boolean;
  cards: SlideCard[];
  /** None, one or two charts. */
  charts: SlideChart[];
  table: SlideTable | null;
  /** Commentary from the written plan (plain paragraphs). */
  commentary: string[];
  /** No data behind the slide: what to enter or import, and where (a workspace area). */
  empty: { message: string; area: string } | null;
  /** The live filters the slide answers to; absent: none. */
  filters?: SlideFilterOptions;
  /** The cover's lines, in words ("區域經理：王偉"). */
  cover?: { region: string; year: number; manager: string; date: string; docTitle: string; versionName: string };
  /** The contents slide's lines: each chapter and the number of its first shown slide. */
  contents?: { title: string; slide: number }[];
}

export interface Deck {
  doc: DeckDoc;
  language: Language;
  /** The region's display unit (元/萬元/億), as everywhere in the app. */
  unit: DisplayUnit;
  title: string;
  regionName: string;
  manager: string;
  /** The year the document is about: the review year or the plan year. */
  year: number;
  versionId: number;
  versionName: string;
  /** yyyy-mm-dd, the day the deck is built. */
  date: string;
  /** Every slide in the manager's order, hidden ones included (presented and exported: only the shown). */
  slides: Slide[];
}

/** One slide's place in the manager's arrangement. Null title or notes: the core's. */
export interface SlideArrangement {
  key: string;
  hidden: boolean;
  title: string | null;
  notes: string | null;
}

/** The slides shown (presented, exported), in order. */
export function shownSlides(deck: Deck): Slide[] {
  return deck.slides.filter((s) => !s.hidden);
}

/**
 * A figure in words as every output shows it (the slide, the report, the PowerPoint
 * cards and tables, the notes): amounts in the display unit, ratios as percentages,
 * counts and volumes whole; null is a dash; a text cell is itself.
 */
export function figureText(kind: FigureKind | 'text', value: string | number | null, unit: DisplayUnit, language: Language): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'amount':
      return formatAmount(value, unit, language);
    case 'ratio':
      return formatPercent(value, language);
    default:
      return formatInteger(value, language);
  }
}
