import type { Deck, Slide, SlideArrangement } from '../../../../shared/deck';

// The manager's arrangement as the editor changes it: every change sends the whole
// order (deck.arrange stores it as one undo step). A title or notes equal to the
// core's are sent as null, so that they follow the core again (a renamed chapter, new
// figures in the default notes).

/** The deck's current arrangement, as deck.arrange takes it. */
export function arrangementOf(slides: readonly Slide[]): SlideArrangement[] {
  return slides.map((s) => ({
    key: s.key,
    hidden: s.hidden,
    title: s.title === s.defaultTitle ? null : s.title,
    notes: s.notesEdited ? s.notes : null,
  }));
}

/** Moves the slide at `from` to `to` (indices in the full list, hidden slides included). */
export function moveSlide<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  const out = [...list];
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved);
  return out;
}

/** One slide's arrangement changed (hidden, title, notes); the others as they are. */
export function withSlide(list: readonly SlideArrangement[], key: string, change: Partial<Omit<SlideArrangement, 'key'>>): SlideArrangement[] {
  return list.map((s) => (s.key === key ? { ...s, ...change } : s));
}

/**
 * The title to store for what the manager typed: null (the core's) when empty or equal
 * to the default, else the text trimmed. Undefined: nothing to store (unchanged).
 */
export function titleToStore(slide: Slide, typed: string): string | null | undefined {
  const text = typed.trim();
  const next = text === '' || text === slide.defaultTitle ? null : text.slice(0, 120);
  const current = slide.title === slide.defaultTitle ? null : slide.title;
  return next === current ? undefined : next;
}

/** The notes to store: undefined when unchanged. */
export function notesToStore(slide: Slide, typed: string): string | null | undefined {
  if (typed === slide.notes) return undefined;
  return typed.slice(0, 20_000);
}

/** 1-based number of each shown slide by key (hidden slides have none), as the presentation counts. */
export function shownNumbers(deck: Pick<Deck, 'slides'>): Map<string, number> {
  const numbers = new Map<string, number>();
  let n = 0;
  for (const s of deck.slides) if (!s.hidden) numbers.set(s.key, ++n);
  return numbers;
}
