import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shownSlides, type Deck, type Slide, type SlideChart, type SlideFilter } from '../../../../../shared/deck';
import { api, toErrorData } from '../../../api/client';
import { errorText } from '../../../i18n';
import { CHANNEL_PREFIX, newChannelId, type SharedState, type ToAudience, type ToPresenter } from './channel';
import { canDrill, loadDrill } from './drill';
import { keyAction, moveTo, type PresentAction, type ScreenMode } from './keys';

// The presentation's one owner: the window the manager started it from. It keeps
// the slide index, the black/white screen, the live filter and the drill, answers
// the keys of both windows, asks the core for filtered slides and drill rows, and
// tells the audience window (if any) what to draw.

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function useT(): Translate {
  const { t } = useTranslation();
  return t as unknown as Translate;
}

export interface PresentationControl {
  slides: Slide[];
  state: SharedState;
  digits: string;
  filterOpen: boolean;
  channel: string;
  /** Whether an audience window has said hello. */
  audience: boolean;
  act(action: PresentAction): void;
  /** Applies a key; returns what it did ('none': the key is not the presentation's). */
  onKey(key: string, modified: boolean): PresentAction;
  goTo(index: number): void;
  drill(chart: SlideChart, index: number): void;
  setFilter(filter: SlideFilter): void;
  closeFilter(): void;
}

const EMPTY_FILTER: SlideFilter = {};

export function usePresentation(deck: Deck, start: number, onExit: () => void): PresentationControl {
  const t = useT();
  const slides = useMemo(() => shownSlides(deck), [deck]);
  const [wanted, setAt] = useState(() => Math.max(0, start));
  // The deck may be read again while presenting (an edit elsewhere) and have fewer slides.
  const at = Math.min(wanted, Math.max(0, slides.length - 1));
  const [screen, setScreen] = useState<ScreenMode>('slide');
  const [digits, setDigits] = useState('');
  const [filterOpen, setFilterOpen] = useState(false);
  const [filter, setFilterState] = useState<SlideFilter>(EMPTY_FILTER);
  const [live, setLive] = useState<Slide | null>(null);
  const [drill, setDrill] = useState<SharedState['drill']>(null);
  const [audience, setAudience] = useState(false);
  const [channelId] = useState(newChannelId);
  const channel = useRef<BroadcastChannel | null>(null);
  /** Bumped on every slide change, so a late answer for the slide before is dropped. */
  const generation = useRef(0);

  const state = useMemo<SharedState>(() => ({ at, screen, live, filter, drill }), [at, screen, live, filter, drill]);

  // Everything over the slide belongs to that slide: moving on forgets it.
  const goTo = useCallback(
    (index: number) => {
      const next = Math.min(Math.max(0, index), Math.max(0, slides.length - 1));
      generation.current++;
      setAt(next);
      setDigits('');
      setDrill(null);
      setLive(null);
      setFilterState(EMPTY_FILTER);
      setFilterOpen(false);
    },
    [slides.length],
  );

  const closeFilter = useCallback(() => {
    generation.current++;
    setFilterOpen(false);
    setFilterState(EMPTY_FILTER);
    setLive(null);
  }, []);

  // The latest values for the key handler, which is bound once.
  const latest = useRef({ at, screen, digits, drill, filterOpen, live, count: slides.length });
  useLayoutEffect(() => {
    latest.current = { at, screen, digits, drill, filterOpen, live, count: slides.length };
  }, [at, screen, digits, drill, filterOpen, live, slides.length]);

  const act = useCallback(
    (action: PresentAction) => {
      const s = latest.current;
      // A click (or the audience window's) on a black or white screen brings the slide back, as a key does.
      if (s.screen !== 'slide' && action.type !== 'screen') {
        setScreen('slide');
        return;
      }
      const to = moveTo(action, s.at, s.count);
      if (to !== null) {
        if (to !== s.at) goTo(to);
        else setDigits('');
        return;
      }
      switch (action.type) {
        case 'digit':
          setDigits((d) => (d + action.digit).slice(-4));
          return;
        case 'screen':
          setScreen(action.screen);
          setDigits('');
          return;
        case 'filter':
          if (s.filterOpen) closeFilter();
          else if (slides[s.at]?.filters) setFilterOpen(true);
          return;
        case 'back':
          // Esc closes what is over the slide first; on the bare slide it leaves.
          if (s.drill) setDrill(null);
          else if (s.filterOpen || s.live) closeFilter();
          else onExit();
          setDigits('');
          return;
        default:
          setDigits('');
      }
    },
    [goTo, closeFilter, onExit, slides],
  );

  const onKey = useCallback(
    (key: string, modified: boolean) => {
      const s = latest.current;
      const action = keyAction(key, { screen: s.screen, digits: s.digits }, modified);
      if (action.type !== 'none') act(action);
      return action;
    },
    [act],
  );

  const drillInto = useCallback(
    (chart: SlideChart, index: number) => {
      if (!canDrill(chart, index)) return;
      const gen = generation.current;
      setDrill({ title: chart.categories[index] ?? '', source: chart.drill?.source ?? 'sales', rows: null, total: 0, error: null });
      loadDrill(chart, index, t)
        .then((view) => {
          if (generation.current === gen) setDrill(view);
        })
        .catch((e: unknown) => {
          if (generation.current === gen) setDrill((d) => (d ? { ...d, rows: [], error: errorText(toErrorData(e)) } : d));
        });
    },
    [t],
  );

  const setFilter = useCallback(
    (next: SlideFilter) => {
      const slide = slides[latest.current.at];
      if (!slide) return;
      const gen = ++generation.current;
      setFilterState(next);
      setDrill(null);
      if (Object.keys(next).length === 0) {
        setLive(null);
        return;
      }
      api
        .call('deck.slide', { doc: deck.doc, versionId: deck.versionId, key: slide.key, filter: next, language: deck.language })
        .then((answer) => {
          if (generation.current === gen) setLive(answer);
        })
        .catch((e: unknown) => {
          console.warn('[regionplan] the filtered slide could not be built', toErrorData(e).message);
          if (generation.current === gen) setLive(null);
        });
    },
    [slides, deck.doc, deck.versionId, deck.language],
  );

  const stateRef = useRef(state);
  const deckRef = useRef(deck);
  useLayoutEffect(() => {
    stateRef.current = state;
    deckRef.current = deck;
  }, [state, deck]);

  // The audience window: hello → the deck and the state; its keys and clicks come here.
  const handlers = useRef({ onKey, act, drillInto, slides });
  useLayoutEffect(() => {
    handlers.current = { onKey, act, drillInto, slides };
  }, [onKey, act, drillInto, slides]);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CHANNEL_PREFIX + channelId);
    channel.current = ch;
    ch.onmessage = (e: MessageEvent<ToPresenter>) => {
      const m = e.data;
      const h = handlers.current;
      if (m.type === 'hello') {
        setAudience(true);
        ch.postMessage({ type: 'deck', deck: deckRef.current } satisfies ToAudience);
        ch.postMessage({ type: 'state', state: stateRef.current } satisfies ToAudience);
      } else if (m.type === 'key') h.onKey(m.key, false);
      else if (m.type === 'advance') h.act({ type: 'next' });
      else if (m.type === 'drill') {
        const slide = stateRef.current.live ?? h.slides[stateRef.current.at];
        const chart = slide?.key === m.slideKey ? slide.charts[m.chart] : undefined;
        if (chart) h.drillInto(chart, m.index);
      } else if (m.type === 'gone') setAudience(false);
    };
    return () => {
      // The presentation ended: the audience window closes with it.
      ch.postMessage({ type: 'end' } satisfies ToAudience);
      ch.close();
      channel.current = null;
    };
  }, [channelId]);

  useEffect(() => {
    channel.current?.postMessage({ type: 'deck', deck } satisfies ToAudience);
  }, [deck]);
  useEffect(() => {
    channel.current?.postMessage({ type: 'state', state } satisfies ToAudience);
  }, [state]);

  return { slides, state, digits, filterOpen, channel: channelId, audience, act, onKey, goTo, drill: drillInto, setFilter, closeFilter };
}
