import { useCallback, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Deck } from '../../../../../shared/deck';
import { FilterBar } from './overlays';
import { PresenterView } from './PresenterView';
import { useFullScreen, useIdle, useWindowKeys } from './screen';
import { Stage } from './Stage';
import { usePresentation, useT } from './usePresentation';
import { useKeepAwake } from './host';
import './present.css';

// The deck full screen, as PowerPoint and clickers have taught presenters to expect:
// the keys, the black and white screens, a number then Enter to jump, hidden slides
// skipped. With view="presenter" the laptop shows the presenter view and the slides
// go to the audience window (the external display in the desktop app, a second
// browser window on the web). What PowerPoint cannot do: a click on a bar opens the
// rows behind it, and F filters the slide live ("what about 浙江 only?"); Esc goes back.

export interface PresentationProps {
  deck: Deck;
  /** Index among the shown slides to start from. */
  start: number;
  onExit: () => void;
  /** 'slides' (default): the slides full screen; 'presenter': the presenter view, with an audience window. */
  view?: 'slides' | 'presenter';
}

export function Presentation({ deck, start, onExit, view = 'slides' }: PresentationProps) {
  const t = useT();
  const c = usePresentation(deck, start, onExit);
  const root = useRef<HTMLDivElement>(null);
  useFullScreen(root, onExit);
  useWindowKeys(useCallback((key, modified) => c.onKey(key, modified).type !== 'none', [c]));
  const hostStatus = useKeepAwake(c.channel, deck.language, view === 'presenter');
  const idle = useIdle();
  useEffect(() => {
    // Keys go to the presentation, not to the button that started it.
    root.current?.focus();
  }, []);

  const slide = c.slides[c.state.at];
  const stage = (
    <Stage
      deck={deck}
      slides={c.slides}
      state={c.state}
      onDrill={(_slide, _chart, chart, index) => c.drill(chart, index)}
      onAdvance={() => c.act({ type: 'next' })}
      onCloseDrill={() => c.act({ type: 'back' })}
      testId="present-stage"
    />
  );
  const overlays = (
    <>
      {c.filterOpen && slide?.filters && (
        <FilterBar slide={slide} filter={c.state.filter} live={c.state.live !== null} onChange={c.setFilter} onClose={c.closeFilter} />
      )}
      {c.digits !== '' && (
        <div className="present-digits" data-testid="present-digits">
          {t('deck.present.jumpTyped', { n: c.digits })}
        </div>
      )}
    </>
  );

  // On the page's body, whatever the area that starts it: nothing of the area's layout or type applies.
  return createPortal(
    <div
      ref={root}
      tabIndex={-1}
      className={`present present--${view}${idle && view === 'slides' ? ' is-idle' : ''}`}
      data-testid="presentation"
      data-view={view}
      data-at={c.state.at}
      data-key={slide?.key ?? ''}
      data-screen={c.state.screen}
      data-audience={c.audience ? 'true' : 'false'}
      aria-label={t('deck.present.label')}
    >
      {view === 'presenter' ? (
        <PresenterView deck={deck} control={c} stage={stage} overlays={overlays} hostStatus={hostStatus} onExit={onExit} />
      ) : (
        <>
          {stage}
          {overlays}
        </>
      )}
    </div>,
    document.body,
  );
}
