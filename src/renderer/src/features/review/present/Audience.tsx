import { StrictMode, useEffect, useRef, useState } from 'react';
import type { Root } from 'react-dom/client';
import type { Deck } from '../../../../../shared/deck';
import { DEFAULT_LANGUAGE } from '../../../../../shared/i18n';
import { initI18n, isLanguage } from '../../../i18n';
import { parseAudienceHash } from '../../../../../shared/endpoints/present';
import { CHANNEL_PREFIX, type SharedState, type ToAudience, type ToPresenter } from './channel';
import { useIdle, useWindowKeys } from './screen';
import { Stage } from './Stage';
import { useT } from './usePresentation';
import './present.css';

// The audience window (the projector): the app opened at #audience=<channel>. It
// calls nothing in the core; the presenter window sends it the deck and what to show,
// and it sends back its keys and clicks, so a clicker works whichever window has focus.

function AudienceView({ channel }: { channel: string }) {
  const t = useT();
  const [deck, setDeck] = useState<Deck | null>(null);
  const [state, setState] = useState<SharedState | null>(null);
  const ch = useRef<BroadcastChannel | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const idle = useIdle();
  const send = (m: ToPresenter) => ch.current?.postMessage(m);

  useEffect(() => {
    const c = new BroadcastChannel(CHANNEL_PREFIX + channel);
    ch.current = c;
    c.onmessage = (e: MessageEvent<ToAudience>) => {
      const m = e.data;
      if (m.type === 'deck') setDeck(m.deck);
      else if (m.type === 'state') setState(m.state);
      else if (m.type === 'end') window.close();
    };
    c.postMessage({ type: 'hello' } satisfies ToPresenter);
    const gone = () => c.postMessage({ type: 'gone' } satisfies ToPresenter);
    window.addEventListener('pagehide', gone);
    return () => {
      window.removeEventListener('pagehide', gone);
      c.close();
      ch.current = null;
    };
  }, [channel]);

  // The first key or click asks for full screen too (a browser grants it only to a gesture).
  const fullScreen = () => {
    const el = root.current;
    if (el && !document.fullscreenElement && typeof el.requestFullscreen === 'function') void el.requestFullscreen().catch(() => undefined);
  };
  useWindowKeys((key, modified) => {
    if (modified) return false;
    if (key !== 'Escape') fullScreen();
    send({ type: 'key', key });
    return true;
  });

  const slides = deck ? deck.slides.filter((s) => !s.hidden) : [];
  const current = state ? slides[state.at] : undefined;
  return (
    <div ref={root} className={`present present--audience${idle ? ' is-idle' : ''}`} data-testid="audience" data-at={state?.at ?? ''} data-key={current?.key ?? ''} data-screen={state?.screen ?? ''}>
      {deck && state ? (
        <Stage
          deck={deck}
          slides={slides}
          state={state}
          onDrill={(slide, chart, _c, index) => send({ type: 'drill', slideKey: slide.key, chart, index })}
          onAdvance={() => {
            fullScreen();
            send({ type: 'advance' });
          }}
          testId="audience-stage"
        />
      ) : (
        <div className="present-waiting">{t('deck.present.waiting')}</div>
      )}
    </div>
  );
}

/** Renders the audience window when the page was opened as one; false otherwise. */
export function bootAudience(root: Root): boolean {
  const route = parseAudienceHash(location.hash);
  if (!route) return false;
  const language = isLanguage(route.language) ? route.language : DEFAULT_LANGUAGE;
  void initI18n(language).then(() => {
    root.render(
      <StrictMode>
        <AudienceView channel={route.channel} />
      </StrictMode>,
    );
  });
  return true;
}
