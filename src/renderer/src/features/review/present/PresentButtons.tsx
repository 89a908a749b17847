import { useState } from 'react';
import type { Deck } from '../../../../../shared/deck';
import { Presentation } from './Presentation';
import { useT } from './usePresentation';

// The two ways to present a deck, as buttons: the slides full screen, or the
// presenter view with the audience window. The area that shows the deck places them
// and says which slide to start from (an index among the shown slides).

export function PresentButtons({ deck, start }: { deck: Deck | null; start: number }) {
  const t = useT();
  const [view, setView] = useState<'slides' | 'presenter' | null>(null);
  const disabled = !deck || !deck.slides.some((s) => !s.hidden);
  return (
    <>
      <button type="button" className="btn btn--primary" disabled={disabled} onClick={() => setView('slides')} data-testid="present-start">
        {start > 0 ? t('deck.ui.presentFromHere') : t('deck.ui.present')}
      </button>
      <button type="button" className="btn" disabled={disabled} onClick={() => setView('presenter')} data-testid="presenter-start">
        {t('deck.ui.presenterView')}
      </button>
      {deck && view && <Presentation deck={deck} start={start} view={view} onExit={() => setView(null)} />}
    </>
  );
}
