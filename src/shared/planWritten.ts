import { z } from 'zod';

// The written plan (計劃文字): the plan's seven sections and the review's commentary
// (亮點, 問題, 改進 per review chapter), each a small structured rich-text document.
// The document is data, never HTML: the renderer builds React elements from it, so
// nothing in a file can inject markup. The same schema checks it at the contract and
// again in the core before it is written.
//
// Live figures (the figure catalog) are inline nodes naming a kind of figure and its
// parameters; the core computes their values with the shared measures (kpi.ts) when
// the document is read, so they follow the plan. Other chapters may embed them too:
// `figureRefSchema`, `figureKey` and `FIGURE_KINDS` here, the values from the core's
// services/plan/figures.ts (`figureTable`, `resolveFigure`).

/** The plan's sections, in the order of the document (計劃概要 … 營銷監控). */
export const PLAN_SECTIONS = ['summary', 'market', 'objectives', 'strategies', 'programs', 'budget', 'monitoring'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/** The review's chapters (銷售總結 1–5) that get a commentary. */
export const REVIEW_CHAPTERS = ['sales', 'channel', 'terminal', 'expense', 'management'] as const;
export type ReviewChapter = (typeof REVIEW_CHAPTERS)[number];

/** A commentary's parts: 亮點, 問題, 改進. */
export const REVIEW_PARTS = ['highlights', 'problems', 'improvements'] as const;
export type ReviewPart = (typeof REVIEW_PARTS)[number];

export type ReviewSection = `review.${ReviewChapter}.${ReviewPart}`;
export type SectionKey = PlanSection | ReviewSection;

export const REVIEW_SECTIONS: readonly ReviewSection[] = REVIEW_CHAPTERS.flatMap((c) => REVIEW_PARTS.map((p): ReviewSection => `review.${c}.${p}`));

/** Every section a version can hold, in display order. */
export const SECTION_KEYS: readonly SectionKey[] = [...PLAN_SECTIONS, ...REVIEW_SECTIONS];

/** The sections the core can draft from the file's figures (the others have none of their own in the file yet). */
export const DRAFT_SECTIONS: readonly SectionKey[] = [...PLAN_SECTIONS, 'review.sales.highlights', 'review.sales.problems', 'review.expense.highlights'];

export const sectionKeySchema = z.enum(SECTION_KEYS as [SectionKey, ...SectionKey[]]);

// ------------------------------------------------------------------ figure catalog

/**
 * The kinds of live figure. `money` kinds are integer cents shown in the display unit;
 * `percent` kinds are ratios. The review year is the plan year − 1.
 */
export const FIGURE_KINDS = [
  /** Head office's target for the plan year (總部目標). */
  'hoTarget',
  /** The version's sales target for the plan year (region or a province). */
  'planTarget',
  /** The version's target against the review year's sales (同比). */
  'planGrowth',
  /** The review year's sales. */
  'reviewSales',
  /** The review year's sales against the year before (同比). */
  'reviewGrowth',
  /** The review year's gross margin (毛利率), over the sales whose gross profit is known. */
  'reviewMargin',
  /** The plan year's sales so far against the version's target for the same months (達成率). */
  'achievement',
  /** The review year's expenses over its sales (費用率). */
  'expenseRatio',
] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const FIGURE_FORMAT: Readonly<Record<FigureKind, 'money' | 'percent'>> = {
  hoTarget: 'money',
  planTarget: 'money',
  planGrowth: 'percent',
  reviewSales: 'money',
  reviewGrowth: 'percent',
  reviewMargin: 'percent',
  achievement: 'percent',
  expenseRatio: 'percent',
};

/** The kinds that can be asked for one province rather than the whole region. */
export const PROVINCE_FIGURES: readonly FigureKind[] = ['planTarget', 'planGrowth', 'reviewSales', 'reviewGrowth', 'reviewMargin', 'achievement'];

export const figureRefSchema = z
  .object({
    kind: z.enum(FIGURE_KINDS),
    provinceId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((f) => f.provinceId === undefined || PROVINCE_FIGURES.includes(f.kind), {
    message: 'this figure is for the whole region and takes no province',
    path: ['provinceId'],
  });
export type FigureRef = z.infer<typeof figureRefSchema>;

/** A stable key for a figure reference ("planTarget", "achievement@3"). */
export function figureKey(ref: FigureRef): string {
  return ref.provinceId === undefined ? ref.kind : `${ref.kind}@${ref.provinceId}`;
}

/** A figure's value as the core computed it. */
export type FigureValue =
  | { status: 'ok'; value: number }
  /** The figure's source no longer exists (a deleted province). */
  | { status: 'missing' }
  /** Nothing to compute from yet (no target planned, no sales in the plan year, a zero base). */
  | { status: 'noData' };

// ------------------------------------------------------------------ the document

export const MARKS = ['bold', 'italic'] as const;
export type Mark = (typeof MARKS)[number];

export const DOC_LIMITS = { blocks: 400, inlines: 400, text: 20_000, listItems: 200, tableRows: 60, tableColumns: 12, json: 400_000 } as const;

const textSchema = z
  .object({
    type: z.literal('text'),
    text: z.string().min(1).max(DOC_LIMITS.text),
    marks: z.array(z.enum(MARKS)).max(2).optional(),
  })
  .strict();
const figureSchema = z.object({ type: z.literal('figure'), figure: figureRefSchema }).strict();
const inlineSchema = z.discriminatedUnion('type', [textSchema, figureSchema]);
const inlinesSchema = z.array(inlineSchema).max(DOC_LIMITS.inlines);

const paragraphSchema = z.object({ type: z.literal('paragraph'), content: inlinesSchema }).strict();
const headingSchema = z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), content: inlinesSchema }).strict();
const bulletListSchema = z.object({ type: z.literal('bulletList'), items: z.array(inlinesSchema).min(1).max(DOC_LIMITS.listItems) }).strict();
/** The first row is the table's header. */
const tableSchema = z
  .object({
    type: z.literal('table'),
    rows: z.array(z.array(inlinesSchema).min(1).max(DOC_LIMITS.tableColumns)).min(1).max(DOC_LIMITS.tableRows),
  })
  .strict()
  .refine((t) => t.rows.every((r) => r.length === t.rows[0].length), { message: 'every row of a table has the same number of cells', path: ['rows'] });
const blockSchema = z.discriminatedUnion('type', [paragraphSchema, headingSchema, bulletListSchema, tableSchema]);

export const richDocSchema = z
  .object({
    type: z.literal('doc'),
    blocks: z.array(blockSchema).max(DOC_LIMITS.blocks),
  })
  .strict();

export type RichDoc = z.infer<typeof richDocSchema>;
export type RichBlock = RichDoc['blocks'][number];
export type RichInline = z.infer<typeof inlineSchema>;
export type RichText = z.infer<typeof textSchema>;

export const EMPTY_DOC: RichDoc = { type: 'doc', blocks: [] };

/** Every inline run of a document, in order (paragraphs, headings, list items, table cells). */
export function inlinesOf(doc: RichDoc): { path: string; inline: RichInline }[] {
  const out: { path: string; inline: RichInline }[] = [];
  const add = (base: string, list: readonly RichInline[]) => list.forEach((inline, i) => out.push({ path: `${base}.${i}`, inline }));
  doc.blocks.forEach((b, bi) => {
    const at = `blocks.${bi}`;
    if (b.type === 'paragraph' || b.type === 'heading') add(`${at}.content`, b.content);
    else if (b.type === 'bulletList') b.items.forEach((item, ii) => add(`${at}.items.${ii}`, item));
    else b.rows.forEach((row, ri) => row.forEach((cell, ci) => add(`${at}.rows.${ri}.${ci}`, cell)));
  });
  return out;
}

/** The figures a document embeds. */
export function figuresOf(doc: RichDoc): FigureRef[] {
  return inlinesOf(doc).flatMap(({ inline }) => (inline.type === 'figure' ? [inline.figure] : []));
}

/** Whether a document has nothing a reader would see (no text, no figure). */
export function isEmptyDoc(doc: RichDoc): boolean {
  return inlinesOf(doc).every(({ inline }) => inline.type === 'text' && inline.text.trim() === '');
}

const sameMarks = (a: readonly Mark[] = [], b: readonly Mark[] = []) => a.length === b.length && a.every((m) => b.includes(m));

/** Merges neighbouring runs with the same marks, drops empty runs, orders marks: one spelling per document. */
export function normalizeInlines(list: readonly RichInline[]): RichInline[] {
  const out: RichInline[] = [];
  for (const inline of list) {
    if (inline.type === 'figure') {
      out.push(inline);
      continue;
    }
    if (inline.text === '') continue;
    const marks = MARKS.filter((m) => inline.marks?.includes(m));
    const last = out[out.length - 1];
    if (last && last.type === 'text' && sameMarks(last.marks, marks)) {
      out[out.length - 1] = { ...last, text: last.text + inline.text };
    } else {
      out.push(marks.length > 0 ? { type: 'text', text: inline.text, marks } : { type: 'text', text: inline.text });
    }
  }
  return out;
}

/** The document with every run normalized and blocks with nothing in them dropped (a table keeps its empty cells). */
export function normalizeDoc(doc: RichDoc): RichDoc {
  const blocks: RichBlock[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') {
      const content = normalizeInlines(b.content);
      if (content.length > 0) blocks.push({ ...b, content });
    } else if (b.type === 'bulletList') {
      const items = b.items.map(normalizeInlines).filter((i) => i.length > 0);
      if (items.length > 0) blocks.push({ type: 'bulletList', items });
    } else {
      blocks.push({ type: 'table', rows: b.rows.map((r) => r.map(normalizeInlines)) });
    }
  }
  return { type: 'doc', blocks };
}
