import { PLAN_SECTIONS, type PlanSection } from '../../../../../shared/planWritten';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { sectionParagraphs } from './common';

// 計劃文字: one text slide per section of the written plan, its live figures read as the
// written plan shows them (plan.written.get); a section not yet written says where to write it.

function sectionSlide(ctx: DeckContext, section: PlanSection): SlideDraft {
  const key = `plan.written.${section}`;
  const title = ctx.t(`planWritten.section.${section}`);
  const subtitle = ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });
  const paragraphs = sectionParagraphs(ctx, section);
  if (paragraphs.length === 0) return emptySlide(key, title, subtitle, ctx.t('deck.empty.written'), 'plan');
  return {
    key,
    kind: 'text',
    defaultTitle: title,
    subtitle,
    cards: [],
    charts: [],
    table: null,
    commentary: paragraphs,
    empty: null,
    // The text is on the slide; the notes remind the speaker what the section is for.
    notes: ctx.t('deckPlan.written.notes', { section: title }),
  };
}

export const writtenChapter: ChapterBuilder = {
  key: 'plan.written',
  doc: 'plan',
  keys: PLAN_SECTIONS.map((s) => `plan.written.${s}`),
  title: (ctx) => ctx.t('deckPlan.written.title'),
  slides: (ctx) => PLAN_SECTIONS.map((s) => sectionSlide(ctx, s)),
};
