import type { Deck, Slide } from '../../../../../shared/deck';
import { SlideView } from '../SlideView';

// The deck as a 16:9 PDF: a shown slide a page, each drawn at its logical size
// (1280×720 CSS pixels = 13.333 × 7.5 in), exactly as on screen.

export function PrintSlides({ deck, slides }: { deck: Deck; slides: Slide[] }) {
  return (
    <div className="print-slides" data-testid="print-slides">
      <style>{'@page { size: 13.333in 7.5in; margin: 0; }'}</style>
      {slides.map((s, i) => (
        <div key={s.key} className="print-slides__page">
          <SlideView deck={deck} slide={s} number={i + 1} total={slides.length} fit={false} still renderer="svg" testId="print-slide" />
        </div>
      ))}
    </div>
  );
}
