import type { Display, Rectangle } from 'electron';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers/index';
import { Session } from '../../src/main/core/session';
import { audienceDisplay, ElectronPresentation, type AudienceWindow, type PresentationDeps } from '../../src/main/shell/presentation';
import { audienceHash, parseAudienceHash } from '../../src/shared/endpoints/present';
import { keyAction, moveTo, type KeyContext } from '../../src/renderer/src/features/review/present/keys';
import { tempDir, testHost } from './helpers';

// Presenting: the keys (as PowerPoint and clickers have them), the audience window's
// address, the endpoints on a host with and without displays, and the desktop
// shell's placing of the audience window, with Electron's modules faked.

const onSlide: KeyContext = { screen: 'slide', digits: '' };

describe('the presentation keys', () => {
  it('moves on, back, to the ends as PowerPoint does', () => {
    for (const key of ['ArrowRight', 'ArrowDown', ' ', 'Enter', 'PageDown', 'n', 'N']) expect(keyAction(key, onSlide), key).toEqual({ type: 'next' });
    for (const key of ['ArrowLeft', 'ArrowUp', 'Backspace', 'PageUp', 'p', 'P']) expect(keyAction(key, onSlide), key).toEqual({ type: 'prev' });
    expect(keyAction('Home', onSlide)).toEqual({ type: 'first' });
    expect(keyAction('End', onSlide)).toEqual({ type: 'last' });
    expect(keyAction('Escape', onSlide)).toEqual({ type: 'back' });
    expect(keyAction('f', onSlide)).toEqual({ type: 'filter' });
  });

  it('blacks and whitens the screen; then any key, Esc too, only brings the slide back', () => {
    for (const key of ['b', 'B', '.']) expect(keyAction(key, onSlide)).toEqual({ type: 'screen', screen: 'black' });
    for (const key of ['w', 'W', ',']) expect(keyAction(key, onSlide)).toEqual({ type: 'screen', screen: 'white' });
    for (const key of ['ArrowRight', 'Escape', 'x', 'b'])
      expect(keyAction(key, { screen: 'black', digits: '' }), key).toEqual({ type: 'screen', screen: 'slide' });
    // Shift alone (a chord being typed) does not count as the key that returns.
    expect(keyAction('Shift', { screen: 'white', digits: '' })).toEqual({ type: 'none' });
  });

  it('jumps to a typed number on Enter, and clamps it to the deck', () => {
    expect(keyAction('1', onSlide)).toEqual({ type: 'digit', digit: '1' });
    expect(keyAction('Enter', { screen: 'slide', digits: '12' })).toEqual({ type: 'jump', n: 12 });
    expect(moveTo({ type: 'jump', n: 12 }, 0, 20)).toBe(11);
    expect(moveTo({ type: 'jump', n: 99 }, 0, 20)).toBe(19);
    expect(moveTo({ type: 'jump', n: 0 }, 5, 20)).toBe(0);
    expect(moveTo({ type: 'next' }, 19, 20)).toBe(19);
    expect(moveTo({ type: 'prev' }, 0, 20)).toBe(0);
    expect(moveTo({ type: 'screen', screen: 'black' }, 3, 20)).toBeNull();
  });

  it('leaves keys with Ctrl, Alt or Meta to the browser', () => {
    expect(keyAction('p', onSlide, true)).toEqual({ type: 'none' });
  });
});

describe('the audience window', () => {
  it('is the app at #audience=<channel>&lang=<language>; nothing else is taken for one', () => {
    expect(parseAudienceHash(audienceHash('abc123', 'zh-Hans'))).toEqual({ channel: 'abc123', language: 'zh-Hans' });
    expect(parseAudienceHash('#audience=ABC')).toBeNull();
    expect(parseAudienceHash('#audience=abc&lang=en&x=1')).toBeNull();
    expect(parseAudienceHash('')).toBeNull();
  });
});

function display(id: number, x: number): Display {
  return { id, bounds: { x, y: 0, width: 1920, height: 1080 } } as Display;
}

class FakeWindow implements AudienceWindow {
  bounds: Partial<Rectangle>;
  fullScreen = true;
  destroyed = false;
  private onClosed: (() => void) | null = null;
  constructor(
    bounds: Rectangle,
    readonly hash: string,
  ) {
    this.bounds = bounds;
  }
  setFullScreen(flag: boolean) {
    this.fullScreen = flag;
  }
  setBounds(b: Partial<Rectangle>) {
    this.bounds = b;
  }
  close() {
    this.destroyed = true;
    this.onClosed?.();
  }
  isDestroyed() {
    return this.destroyed;
  }
  once(_event: 'closed', listener: () => void) {
    this.onClosed = listener;
  }
}

function fakes(displays: Display[]) {
  const listeners = new Map<string, Set<() => void>>();
  const blockers = new Set<number>();
  const windows: FakeWindow[] = [];
  let nextBlocker = 1;
  const deps: PresentationDeps = {
    screen: {
      getAllDisplays: () => displays,
      on: (event, l) => listeners.set(event, (listeners.get(event) ?? new Set()).add(l)),
      removeListener: (event, l) => listeners.get(event)?.delete(l),
    },
    powerSaveBlocker: {
      start: () => {
        blockers.add(nextBlocker);
        return nextBlocker++;
      },
      stop: (id) => blockers.delete(id),
      isStarted: (id) => blockers.has(id),
    },
    mainDisplayId: () => 1,
    openWindow: (bounds, hash) => {
      const w = new FakeWindow(bounds, hash);
      windows.push(w);
      return w;
    },
  };
  const fire = (event: string) => [...(listeners.get(event) ?? [])].forEach((l) => l());
  return { deps, blockers, windows, listeners, fire, displays };
}

describe('the desktop shell presenting', () => {
  it('picks a display the presenter view is not on', () => {
    expect(audienceDisplay([display(1, 0)], 1)).toBeNull();
    expect(audienceDisplay([display(1, 0), display(2, 1920)], 1)?.id).toBe(2);
    expect(audienceDisplay([display(2, 0), display(1, 1920)], 1)?.id).toBe(2);
  });

  it('puts the audience full screen on the projector, keeps the display awake, and undoes both at the end', () => {
    const f = fakes([display(1, 0), display(2, 1920)]);
    const p = new ElectronPresentation(f.deps);
    expect(p.start({ hash: '#audience=abc&lang=en', audience: true })).toEqual({ audience: 'external' });
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0].bounds).toEqual(display(2, 1920).bounds);
    expect(f.windows[0].hash).toBe('#audience=abc&lang=en');
    expect(f.blockers.size).toBe(1);
    p.stop();
    expect(f.windows[0].destroyed).toBe(true);
    expect(f.blockers.size).toBe(0);
    expect([...f.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });

  it('rehearses on one display, opens the audience when a projector comes, closes it when it goes', () => {
    const f = fakes([display(1, 0)]);
    const p = new ElectronPresentation(f.deps);
    expect(p.start({ hash: '#audience=abc', audience: true })).toEqual({ audience: 'none' });
    expect(f.windows).toHaveLength(0);
    f.displays.push(display(3, -1280));
    f.fire('display-added');
    expect(p.hasAudienceWindow).toBe(true);
    expect(f.windows[0].bounds).toEqual(display(3, -1280).bounds);
    // The projector is swapped for another: the same window moves, full screen again.
    f.displays.splice(1, 1, display(4, 1920));
    f.fire('display-removed');
    f.fire('display-added');
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0].bounds).toEqual(display(4, 1920).bounds);
    expect(f.windows[0].fullScreen).toBe(true);
    f.displays.splice(1, 1);
    f.fire('display-removed');
    expect(p.hasAudienceWindow).toBe(false);
    expect(f.blockers.size).toBe(1);
    p.stop();
    expect(f.blockers.size).toBe(0);
  });

  it('keeps only the display awake for the slides alone, and a second start replaces the first', () => {
    const f = fakes([display(1, 0), display(2, 1920)]);
    const p = new ElectronPresentation(f.deps);
    expect(p.start({ hash: '#audience=a', audience: false })).toEqual({ audience: 'none' });
    expect(f.windows).toHaveLength(0);
    p.start({ hash: '#audience=b', audience: true });
    expect(f.blockers.size).toBe(1);
    expect(f.windows).toHaveLength(1);
    p.stop();
    p.stop();
    expect(f.blockers.size).toBe(0);
  });
});

describe('the present endpoints', () => {
  it('start and stop through the host that has displays; the web host has none (NOT_SUPPORTED)', async () => {
    const calls: string[] = [];
    const withDisplays = createHandlers(
      new Session(
        testHost(tempDir(), {
          presentation: {
            start: (o) => (calls.push(`start ${o.hash} ${o.audience}`), { audience: 'external' }),
            stop: () => void calls.push('stop'),
          },
        }),
      ),
    );
    const started = await withDisplays.invoke('present.start', { channel: 'abc12', language: 'en', audience: true });
    expect(started).toEqual({ ok: true, value: { audience: 'external' }, changed: [] });
    expect((await withDisplays.invoke('present.stop', {})).ok).toBe(true);
    expect(calls).toEqual(['start #audience=abc12&lang=en true', 'stop']);
    // The channel becomes part of a URL in the shell: only letters and digits pass.
    const bad = await withDisplays.invoke('present.start', { channel: 'a&b=c', language: 'en', audience: true });
    expect(bad.ok).toBe(false);
    expect(calls).toHaveLength(2);

    const web = createHandlers(new Session(testHost(tempDir())));
    const refused = await web.invoke('present.start', { channel: 'abc12', language: 'en', audience: true });
    expect(refused.ok ? null : refused.error.code).toBe('NOT_SUPPORTED');
  });
});
