import { useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import type { Deck } from '../../../../../shared/deck';
import { formatInteger } from '../../../../../shared/units';
import { SlideView } from '../SlideView';
import { openAudienceWindow, type AudienceStatus } from './host';
import type { PresentationControl } from './usePresentation';
import { useT } from './usePresentation';

// The laptop's screen while the projector shows the slides: the current slide (live:
// drill and filter work here), the next one, the notes large enough to read at a
// glance, the time, and a strip to jump. Alone on one screen it is the rehearsal.

/** Buttons that do not take the focus: keys keep going to the presentation. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function durationText(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

/** The elapsed time (running from the start, pausable) and the clock; its own component, so its ticking redraws nothing else. */
function Clocks() {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  const [runningSince, setRunningSince] = useState<number | null>(() => Date.now());
  const [banked, setBanked] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const elapsed = banked + (runningSince === null ? 0 : Math.max(0, now - runningSince));
  const toggle = () => {
    if (runningSince === null) setRunningSince(Date.now());
    else {
      setBanked(banked + (Date.now() - runningSince));
      setRunningSince(null);
    }
  };
  const reset = () => {
    setBanked(0);
    setRunningSince(runningSince === null ? null : Date.now());
    setNow(Date.now());
  };
  const clock = new Date(now);
  return (
    <div className="presenter__clocks">
      <div className="presenter__time" data-testid="presenter-elapsed" data-running={runningSince !== null ? 'true' : 'false'}>
        <span className="presenter__label">{t('deck.present.elapsed')}</span>
        <span className="presenter__big">{durationText(elapsed)}</span>
        <button type="button" className="present-btn" onMouseDown={keepFocus} onClick={toggle} data-testid="presenter-timer-toggle">
          {runningSince === null ? t('deck.present.start') : t('deck.present.pause')}
        </button>
        <button type="button" className="present-btn" onMouseDown={keepFocus} onClick={reset} data-testid="presenter-timer-reset">
          {t('deck.present.reset')}
        </button>
      </div>
      <div className="presenter__time">
        <span className="presenter__label">{t('deck.present.clock')}</span>
        <span className="presenter__big" data-testid="presenter-clock">
          {two(clock.getHours())}:{two(clock.getMinutes())}
        </span>
      </div>
    </div>
  );
}

export function PresenterView({
  deck,
  control: c,
  stage,
  overlays,
  hostStatus,
  onExit,
}: {
  deck: Deck;
  control: PresentationControl;
  stage: ReactNode;
  overlays: ReactNode;
  hostStatus: AudienceStatus;
  onExit: () => void;
}) {
  const t = useT();
  const { slides } = c;
  const at = c.state.at;
  // The next slide's preview follows a moment later: the current slide comes first.
  const previewAt = useDeferredValue(at + 1);
  const next = slides[previewAt];
  const slide = slides[at];
  // Filtered live, the notes are the filtered slide's (the manager's own notes stay the same).
  const notes = (c.state.live && c.state.live.key === slide?.key ? c.state.live : slide)?.notes ?? '';
  const [blocked, setBlocked] = useState(false);
  const audienceText =
    hostStatus === 'external'
      ? t('deck.present.audienceExternal')
      : c.audience
        ? t('deck.present.audienceOpen')
        : hostStatus === 'rehearsal'
          ? t('deck.present.rehearsal')
          : null;
  return (
    <div className="presenter" data-testid="presenter-view">
      <header className="presenter__bar">
        <span className="presenter__count" data-testid="presenter-count">
          {t('deck.present.slideOf', { n: formatInteger(at + 1, deck.language), total: formatInteger(slides.length, deck.language) })}
        </span>
        <Clocks />
        <span className="present-spacer" />
        {audienceText && (
          <span className="presenter__status" data-testid="presenter-audience-status">
            {audienceText}
          </span>
        )}
        {hostStatus === 'web' && !c.audience && (
          <button type="button" className="present-btn" onMouseDown={keepFocus} onClick={() => setBlocked(!openAudienceWindow(c.channel, deck.language))} data-testid="presenter-open-audience">
            {t('deck.present.openAudience')}
          </button>
        )}
        {slide?.filters && (
          <button type="button" className="present-btn" onMouseDown={keepFocus} onClick={() => c.act({ type: 'filter' })} data-testid="presenter-filter">
            {t('deck.present.filter')}
          </button>
        )}
        <button type="button" className="present-btn present-btn--exit" onMouseDown={keepFocus} onClick={onExit} data-testid="presenter-exit">
          {t('deck.present.exit')}
        </button>
      </header>
      {blocked && <p className="presenter__warning">{t('deck.present.popupBlocked')}</p>}
      <div className="presenter__main">
        <div className="presenter__current">
          <div className="presenter__label">{t('deck.present.current')}</div>
          <div className="presenter__stage">
            {stage}
            {overlays}
          </div>
          <div className="presenter__hint">{t('deck.present.drillHint')}</div>
        </div>
        <aside className="presenter__side">
          <div className="presenter__label">{t('deck.present.next')}</div>
          <div className="presenter__next" data-testid="presenter-next" data-key={next?.key ?? ''}>
            {next ? (
              <SlideView deck={deck} slide={next} number={next.kind === 'cover' ? 0 : previewAt + 1} total={slides.length} still testId="presenter-next-slide" />
            ) : (
              <div className="presenter__end">{t('deck.present.end')}</div>
            )}
          </div>
          <div className="presenter__label">{t('deck.present.notes')}</div>
          <div className="presenter__notes" data-testid="presenter-notes" tabIndex={0}>
            {notes ? notes.split('\n').map((line, i) => <p key={i}>{line}</p>) : <p className="presenter__muted">{t('deck.present.noNotes')}</p>}
          </div>
        </aside>
      </div>
      <nav className="presenter__strip" data-testid="presenter-strip">
        {slides.map((s, i) => (
          <button
            key={s.key}
            type="button"
            className={`presenter__thumb${i === at ? ' is-current' : ''}`}
            onMouseDown={keepFocus}
            onClick={() => c.goTo(i)}
            title={t('deck.present.goTo', { n: i + 1 })}
            data-testid={`presenter-thumb-${i}`}
            aria-current={i === at ? 'true' : undefined}
          >
            <span className="presenter__thumb-n">{i + 1}</span>
            <span className="presenter__thumb-title">{s.title}</span>
          </button>
        ))}
      </nav>
    </div>
  );
}
