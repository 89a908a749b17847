import type { Slide } from '../../../../../shared/deck';

// The A4 report's plan: which slides make which section, and its page numbers as CSS.

/** The CSS `content` of "第 X / Y 頁" in the page's language: the words quoted, the numbers counters. */
export function pageCounterContent(template: string): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return template
    .split(/(@@PAGES@@|@@PAGE@@)/)
    .filter((part) => part !== '')
    .map((part) => (part === '@@PAGE@@' ? 'counter(page)' : part === '@@PAGES@@' ? 'counter(pages)' : quote(part)))
    .join(' ');
}

export interface Section {
  title: string;
  slides: Slide[];
}

/** The shown slides grouped by chapter, in order; the cover and the contents are the report's own. */
export function reportSections(slides: readonly Slide[]): Section[] {
  const sections: Section[] = [];
  for (const s of slides) {
    if (s.kind === 'cover' || s.kind === 'contents') continue;
    if (s.kind === 'chapter') {
      sections.push({ title: s.title, slides: [] });
      continue;
    }
    const last = sections.at(-1);
    // A slide moved out of its chapter's run still prints, under its own chapter's name.
    if (last && (last.slides.length === 0 || last.slides[0].chapter === s.chapter || last.title === s.chapterTitle)) last.slides.push(s);
    else sections.push({ title: s.chapterTitle, slides: [s] });
  }
  return sections;
}

