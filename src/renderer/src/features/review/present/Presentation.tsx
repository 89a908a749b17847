import { useEffect, useState } from 'react';
import { shownSlides, type Deck } from '../../../../../shared/deck';
import { SlideView } from '../SlideView';

// The deck full screen: one shown slide at a time, letterboxed on black.

export interface PresentationProps {
  deck: Deck;
  /** Index among the shown slides to start from. */
  start: number;
  onExit: () => void;
}

export function Presentation({ deck, start, onExit }: PresentationProps) {
  const slides = shownSlides(deck);
  const [at, setAt] = useState(Math.min(Math.max(0, start), Math.max(0, slides.length - 1)));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit();
      else if (['ArrowRight', 'ArrowDown', ' ', 'PageDown', 'Enter'].includes(e.key)) setAt((i) => Math.min(i + 1, slides.length - 1));
      else if (['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].includes(e.key)) setAt((i) => Math.max(i - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slides.length, onExit]);
  const slide = slides[at];
  if (!slide) return null;
  return (
    <div className="present" data-testid="presentation" data-at={at}>
      <SlideView deck={deck} slide={slide} number={at + 1} total={slides.length} />
    </div>
  );
}
