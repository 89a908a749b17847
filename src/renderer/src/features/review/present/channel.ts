import type { Deck, Slide, SlideFilter } from '../../../../../shared/deck';
import type { ScreenMode } from './keys';

// The presenter window and the audience window talk over a BroadcastChannel (same
// origin, same browser profile: the web host's second tab, or Electron's second
// window). The presenter window owns the presentation and is the only one that calls
// the core; the audience window draws what it is told and sends its keys and clicks
// back, so it needs no access to the core (in Electron only the main window has it).

/** A drill's rows, as the overlay draws them in both windows. */
export interface DrillRowsView {
  title: string;
  source: 'sales' | 'market';
  /** Null while loading. */
  rows: DrillRow[] | null;
  /** Every matching row (the overlay shows the first ones). */
  total: number;
  error: string | null;
}

export type DrillRow = Record<string, string | number | boolean | null>;

/** What both windows show. */
export interface SharedState {
  at: number;
  screen: ScreenMode;
  /** The current slide answered again under a live filter; null: the slide as built. */
  live: Slide | null;
  filter: SlideFilter;
  drill: DrillRowsView | null;
}

export type ToAudience = { type: 'deck'; deck: Deck } | { type: 'state'; state: SharedState } | { type: 'end' };
export type ToPresenter =
  | { type: 'hello' }
  | { type: 'key'; key: string }
  | { type: 'advance' }
  | { type: 'drill'; slideKey: string; chart: number; index: number }
  | { type: 'gone' };

export const CHANNEL_PREFIX = 'regionplan-present-';

export function newChannelId(): string {
  return Math.random().toString(36).slice(2, 12);
}
