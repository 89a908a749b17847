import { useEffect, useState, type MouseEvent } from 'react';
import type { Deck, Slide, SlideChart } from '../../../../../shared/deck';
import { SlideView } from '../SlideView';
import type { SharedState } from './channel';
import { DrillOverlay } from './overlays';
import { useT } from './usePresentation';

// The slide as the audience sees it, with the slides either side of it already drawn
// (charts included) in layers that are not shown: a key only swaps which layer is
// shown, so the slide is there in the next frame. Neighbours are drawn after the
// frame that shows the new slide, never in its way.

export interface StageProps {
  deck: Deck;
  slides: Slide[];
  state: SharedState;
  /** A click on a chart's category. */
  onDrill(slide: Slide, chartIndex: number, chart: SlideChart, index: number): void;
  /** A click elsewhere on the slide: the next slide, as a clicker's button. */
  onAdvance?(): void;
  onCloseDrill?(): void;
  /** Draw the neighbours ahead of time (the main stage); a preview does not. */
  prerender?: boolean;
  testId: string;
}

function neighbours(at: number, count: number): number[] {
  return [at - 1, at, at + 1].filter((i) => i >= 0 && i < count);
}

export function Stage({ deck, slides, state, onDrill, onAdvance, onCloseDrill, prerender = true, testId }: StageProps) {
  const t = useT();
  const { at } = state;
  const [mounted, setMounted] = useState<number[]>(() => (prerender ? neighbours(at, slides.length) : [at]));
  useEffect(() => {
    if (!prerender) return;
    // After the new slide has been painted: a frame, then a task.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setMounted(neighbours(at, slides.length)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [at, slides.length, prerender]);
  const layers = [...new Set([...(prerender ? mounted : []), at])].sort((a, b) => a - b);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    // A click on a chart drills (or does nothing); on an overlay it belongs to the overlay.
    const target = e.target as HTMLElement;
    if (target.closest('.slide__chart-canvas, .present-drill, .present-filter, button, select, a')) return;
    if (e.button === 0) onAdvance?.();
  };

  return (
    <div className="present-stage" data-testid={testId} data-at={at} data-screen={state.screen} onClick={onClick}>
      {layers.map((i) => {
        const built = slides[i];
        if (!built) return null;
        const current = i === at;
        const slide = current && state.live && state.live.key === built.key ? state.live : built;
        return (
          <div
            key={built.key}
            className={`present-layer${current ? ' is-current' : ''}`}
            data-role={current ? 'current' : i < at ? 'behind' : 'ahead'}
            data-testid={current ? `${testId}-current` : undefined}
            data-key={built.key}
            data-live={current && slide !== built ? 'true' : undefined}
            aria-hidden={!current}
          >
            <SlideView
              deck={deck}
              slide={slide}
              number={built.kind === 'cover' ? 0 : i + 1}
              total={slides.length}
              onCategoryClick={current ? (chart, index) => onDrill(slide, slide.charts.indexOf(chart), chart, index) : undefined}
            />
          </div>
        );
      })}
      {state.drill && <DrillOverlay deck={deck} drill={state.drill} onClose={onCloseDrill} />}
      {state.screen !== 'slide' && (
        <div className={`present-screen present-screen--${state.screen}`} data-testid={`${testId}-screen`} data-screen={state.screen} aria-label={t(state.screen === 'black' ? 'deck.present.blackScreen' : 'deck.present.whiteScreen')} />
      )}
    </div>
  );
}
