import type { Deck, DeckDoc, Slide, SlideArrangement, SlideFilter } from '../../../../shared/deck';
import { AppError } from '../../../../shared/errors';
import { translator } from '../../../../shared/i18n';
import type { Language } from '../../../../shared/units';
import type { ReadDb, WriteDb } from '../../db/handle';
import { arrangement, arrangementRows, clearArrangement, putArrangement } from '../../repos/deck';
import { recordEdit, type RowChange } from '../../db/undoLog';
import type { DeckSlideTable } from '../../db/schema';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { findRegionMeta } from '../../repos/region';
import { readDisplayUnit } from '../region';
import type { TargetCache } from '../targets/model';
import type { ChapterBuilder, DeckContext, SlideDraft } from './context';
import { PLAN_CHAPTERS } from './plan';
import { REVIEW_CHAPTERS } from './review';

// The deck of a document: a cover, the contents, and each chapter's title slide and
// slides, in the order the article gives them (DOMAIN.md), then rearranged as the
// manager stored it. Built from the file on every call: nothing of a figure is kept.

const CHAPTERS: Record<DeckDoc, readonly ChapterBuilder[]> = { review: REVIEW_CHAPTERS, plan: PLAN_CHAPTERS };

export interface DeckRequest {
  doc: DeckDoc;
  versionId?: number;
  language: Language;
  /** The day the deck is built (yyyy-mm-dd) for the cover; default today, local time. */
  today?: string;
}

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function contextOf(db: ReadDb, cube: () => TargetCache, req: DeckRequest, filter: SlideFilter = {}): DeckContext {
  const versionId = req.versionId ?? workingVersionId(db);
  const version = findVersion(db, versionId);
  if (!version) throw new AppError('NOT_FOUND', `plan version ${versionId} does not exist`);
  const planYear = findRegionMeta(db).plan_year;
  const t = translator(req.language);
  return {
    db,
    doc: req.doc,
    language: req.language,
    t,
    unit: readDisplayUnit(db),
    planYear,
    reviewYear: planYear - 1,
    versionId,
    versionName: version.kind === 'working' ? t('targets.version.working') : version.name,
    cube,
    filter,
  };
}

const coverKey = (doc: DeckDoc) => `${doc}.cover`;
const contentsKey = (doc: DeckDoc) => `${doc}.contents`;
const chapterTitleKey = (chapter: ChapterBuilder) => `${chapter.key}.title`;

/** Every slide key of a document, in the default order: what an arrangement may name. */
export function deckKeys(doc: DeckDoc): string[] {
  return [coverKey(doc), contentsKey(doc), ...CHAPTERS[doc].flatMap((c) => [chapterTitleKey(c), ...c.keys])];
}

interface Placed {
  draft: SlideDraft;
  chapter: string;
  chapterTitle: string;
}

function defaultSlides(ctx: DeckContext, docTitle: string, manager: string, region: string, today: string): Placed[] {
  const { t, doc } = ctx;
  const year = doc === 'review' ? ctx.reviewYear : ctx.planYear;
  const cover: Placed = {
    chapter: 'cover',
    chapterTitle: docTitle,
    draft: {
      key: coverKey(doc),
      kind: 'cover',
      defaultTitle: docTitle,
      subtitle: t(`deck.doc.${doc}`),
      cards: [],
      charts: [],
      table: null,
      commentary: [],
      empty: null,
      notes: '',
      cover: {
        region,
        year,
        manager: t('deck.cover.manager', { name: manager }),
        date: t('deck.cover.date', { date: today }),
        docTitle: t(`deck.doc.${doc}`),
        versionName: t('deck.cover.version', { name: ctx.versionName }),
      },
    },
  };
  const contents: Placed = {
    chapter: 'contents',
    chapterTitle: t('deck.contents.title'),
    draft: { key: contentsKey(doc), kind: 'contents', defaultTitle: t('deck.contents.title'), subtitle: '', cards: [], charts: [], table: null, commentary: [], empty: null, notes: '', contents: [] },
  };
  const placed: Placed[] = [cover, contents];
  CHAPTERS[doc].forEach((chapter, i) => {
    const chapterTitle = chapter.title(ctx);
    const numbered = t('deck.chapterSlide', { n: i + 1, title: chapterTitle });
    placed.push({
      chapter: chapter.key,
      chapterTitle,
      draft: { key: chapterTitleKey(chapter), kind: 'chapter', defaultTitle: numbered, subtitle: '', cards: [], charts: [], table: null, commentary: [], empty: null, notes: '' },
    });
    const drafts = chapter.slides(ctx);
    const got = drafts.map((d) => d.key).join(',');
    if (got !== chapter.keys.join(',')) throw new Error(`chapter ${chapter.key} built slides ${got}, declared ${chapter.keys.join(',')}`);
    for (const draft of drafts) placed.push({ chapter: chapter.key, chapterTitle, draft });
  });
  return placed;
}

/**
 * The default order with the stored arrangement over it: stored slides in their stored
 * order; a slide the arrangement does not name (a slide a later version of the app
 * added) right after the slide it follows by default.
 */
export function arrangeKeys(defaults: readonly string[], stored: readonly SlideArrangement[]): string[] {
  const known = new Set(defaults);
  const order = stored.map((s) => s.key).filter((k) => known.has(k));
  const placed = new Set(order);
  defaults.forEach((key, i) => {
    if (placed.has(key)) return;
    const before = i === 0 ? -1 : order.indexOf(defaults[i - 1]);
    order.splice(before + 1, 0, key);
    placed.add(key);
  });
  return order;
}

function finish(p: Placed, stored: SlideArrangement | undefined): Slide {
  const { notes, ...draft } = p.draft;
  return {
    ...draft,
    chapter: p.chapter,
    chapterTitle: p.chapterTitle,
    title: stored?.title ?? draft.defaultTitle,
    hidden: stored?.hidden ?? false,
    notes: stored?.notes ?? notes,
    notesEdited: stored?.notes !== null && stored?.notes !== undefined,
  };
}

export function buildDeck(db: ReadDb, cube: () => TargetCache, req: DeckRequest): Deck {
  const ctx = contextOf(db, cube, req);
  const meta = findRegionMeta(db);
  const year = req.doc === 'review' ? ctx.reviewYear : ctx.planYear;
  const docTitle = ctx.t('deck.docTitle', { region: meta.region_name, year, doc: ctx.t(`deck.doc.${req.doc}`) });
  const manager = meta.manager_name.trim() || ctx.t('deck.cover.noManager');
  const today = req.today ?? localToday();
  const placed = defaultSlides(ctx, docTitle, manager, meta.region_name, today);
  const stored = arrangement(db, ctx.versionId, req.doc);
  const byKey = new Map(placed.map((p) => [p.draft.key, p]));
  const storedByKey = new Map(stored.map((s) => [s.key, s]));
  const slides = arrangeKeys(
    placed.map((p) => p.draft.key),
    stored,
  ).map((key) => finish(byKey.get(key)!, storedByKey.get(key)));

  // The contents: each chapter with the number of its first shown slide.
  const shown = slides.filter((s) => !s.hidden);
  const contents: { title: string; slide: number }[] = [];
  const seen = new Set<string>();
  shown.forEach((s, i) => {
    if (s.kind === 'cover' || s.kind === 'contents' || seen.has(s.chapter)) return;
    seen.add(s.chapter);
    contents.push({ title: s.chapterTitle, slide: i + 1 });
  });
  for (const s of slides) if (s.kind === 'contents') s.contents = contents;

  return {
    doc: req.doc,
    language: req.language,
    unit: ctx.unit,
    title: docTitle,
    regionName: meta.region_name,
    manager,
    year,
    versionId: ctx.versionId,
    versionName: ctx.versionName,
    date: today,
    slides,
  };
}

/** One content slide, built again under a live filter. */
export function buildSlide(db: ReadDb, cube: () => TargetCache, req: DeckRequest & { key: string; filter: SlideFilter }): Slide {
  const chapter = CHAPTERS[req.doc].find((c) => c.keys.includes(req.key));
  if (!chapter) throw new AppError('NOT_FOUND', `the ${req.doc} deck has no slide ${req.key} with figures`);
  const ctx = contextOf(db, cube, req, req.filter);
  const draft = chapter.slide ? chapter.slide(ctx, req.key) : chapter.slides(ctx).find((d) => d.key === req.key)!;
  const stored = arrangement(db, ctx.versionId, req.doc).find((s) => s.key === req.key);
  return finish({ draft, chapter: chapter.key, chapterTitle: chapter.title(ctx) }, stored);
}

/** Stores the manager's arrangement (see deck.arrange). */
export function arrangeDeck(db: WriteDb, input: { doc: DeckDoc; versionId?: number; slides: SlideArrangement[] }): void {
  const versionId = input.versionId ?? workingVersionId(db);
  if (!findVersion(db, versionId)) throw new AppError('NOT_FOUND', `plan version ${versionId} does not exist`);
  const keys = new Set(deckKeys(input.doc));
  const seen = new Set<string>();
  input.slides.forEach((s, i) => {
    const path = `slides.${i}.key`;
    if (!keys.has(s.key)) throw new AppError('INVALID_INPUT', `the ${input.doc} deck has no slide ${s.key}`, { issues: [{ path, message: 'unknown slide' }] });
    if (seen.has(s.key)) throw new AppError('INVALID_INPUT', `slide ${s.key} is listed twice`, { issues: [{ path, message: 'listed twice' }] });
    seen.add(s.key);
  });
  replaceArrangement(db, versionId, input.doc, 'deck.undo.arrange', () => putArrangement(db, versionId, input.doc, input.slides));
}

/** Runs `write` as one undo step whose images are the document's rows before and after. */
function replaceArrangement(db: WriteDb, versionId: number, doc: DeckDoc, label: string, write: () => void): void {
  recordEdit(
    db,
    label,
    () => {
      const before = arrangementRows(db, versionId, doc);
      write();
      const after = arrangementRows(db, versionId, doc);
      const keyOf = (r: DeckSlideTable) => ({ version_id: r.version_id, doc: r.doc, slide_key: r.slide_key });
      const afterByKey = new Map(after.map((r) => [r.slide_key, r]));
      const beforeKeys = new Set(before.map((r) => r.slide_key));
      const changes: RowChange[] = [
        ...before.map((r): RowChange => ({ table: 'deck_slide', key: keyOf(r), before: { ...r }, after: afterByKey.has(r.slide_key) ? { ...afterByKey.get(r.slide_key)! } : null })),
        ...after.filter((r) => !beforeKeys.has(r.slide_key)).map((r): RowChange => ({ table: 'deck_slide', key: keyOf(r), before: null, after: { ...r } })),
      ];
      return { changes, value: null };
    },
    { versionId },
  );
}

export function resetDeck(db: WriteDb, input: { doc: DeckDoc; versionId?: number }): void {
  const versionId = input.versionId ?? workingVersionId(db);
  if (!findVersion(db, versionId)) throw new AppError('NOT_FOUND', `plan version ${versionId} does not exist`);
  replaceArrangement(db, versionId, input.doc, 'deck.undo.reset', () => clearArrangement(db, versionId, input.doc));
}
