// The presentation's keys, as presenters know them from PowerPoint and as clickers
// send them (a clicker is a keyboard that sends PageDown/PageUp, sometimes B or .).
// Pure, so the whole table is tested without a browser.

export type ScreenMode = 'slide' | 'black' | 'white';

export type PresentAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  /** 1-based slide number typed before Enter. */
  | { type: 'jump'; n: number }
  | { type: 'digit'; digit: string }
  | { type: 'screen'; screen: ScreenMode }
  | { type: 'filter' }
  /** Esc: closes what is open over the slide, else leaves the presentation. */
  | { type: 'back' }
  | { type: 'none' };

const NEXT = new Set(['ArrowRight', 'ArrowDown', ' ', 'Spacebar', 'PageDown', 'n', 'N', 'Enter']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'Backspace', 'PageUp', 'p', 'P']);
/** Keys that are part of a chord or change nothing by themselves: never an action. */
const INERT = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Fn', 'Tab', 'Dead', 'Unidentified']);

export interface KeyContext {
  screen: ScreenMode;
  /** Digits typed so far (a number to jump to when Enter comes). */
  digits: string;
}

/** What a key does; `modified` keys (Ctrl, Alt, Meta held) belong to the browser or the OS. */
export function keyAction(key: string, ctx: KeyContext, modified = false): PresentAction {
  if (modified || INERT.has(key)) return { type: 'none' };
  // On a black or white screen any key brings the slide back, and does only that.
  if (ctx.screen !== 'slide') return { type: 'screen', screen: 'slide' };
  if (/^[0-9]$/.test(key)) return { type: 'digit', digit: key };
  if (key === 'Enter' && ctx.digits !== '') return { type: 'jump', n: Number(ctx.digits) };
  if (NEXT.has(key)) return { type: 'next' };
  if (PREV.has(key)) return { type: 'prev' };
  if (key === 'Home') return { type: 'first' };
  if (key === 'End') return { type: 'last' };
  if (key === 'b' || key === 'B' || key === '.') return { type: 'screen', screen: 'black' };
  if (key === 'w' || key === 'W' || key === ',') return { type: 'screen', screen: 'white' };
  if (key === 'f' || key === 'F') return { type: 'filter' };
  if (key === 'Escape' || key === 'Esc') return { type: 'back' };
  return { type: 'none' };
}

/** The slide index (0-based among `count` shown slides) an action moves to, or null when it does not move. */
export function moveTo(action: PresentAction, at: number, count: number): number | null {
  const last = Math.max(0, count - 1);
  switch (action.type) {
    case 'next':
      return Math.min(at + 1, last);
    case 'prev':
      return Math.max(at - 1, 0);
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'jump':
      // A number beyond the deck goes to its last slide, 0 to its first, as PowerPoint does.
      return Math.min(Math.max(action.n, 1), count) - 1;
    default:
      return null;
  }
}
