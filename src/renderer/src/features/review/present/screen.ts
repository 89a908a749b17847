import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

// Full screen, keys and the cursor: what a presentation needs from the window.

interface KeyboardLock {
  lock?(keys: string[]): Promise<void>;
  unlock?(): void;
}

/**
 * Puts `el` full screen while it is mounted (in Electron the window goes full screen
 * with it). Leaving full screen from outside (the browser's own Esc, a window
 * manager) ends the presentation. The keyboard lock, where the browser has it, lets
 * Esc reach the page first, so Esc can close an overlay before it leaves.
 */
export function useFullScreen(el: RefObject<HTMLElement | null>, onLeft: () => void): void {
  const left = useRef(onLeft);
  useLayoutEffect(() => {
    left.current = onLeft;
  }, [onLeft]);
  useEffect(() => {
    const node = el.current;
    if (!node || typeof node.requestFullscreen !== 'function') return;
    let entered = false;
    const keyboard = (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
    const onChange = () => {
      if (document.fullscreenElement === node) entered = true;
      else if (entered) left.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    node
      .requestFullscreen({ navigationUI: 'hide' })
      .then(() => keyboard?.lock?.(['Escape']))
      .catch(() => {
        // Refused (no user gesture, a browser that forbids it): the presentation still
        // fills the window, and Esc still leaves it.
      });
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      keyboard?.unlock?.();
      if (document.fullscreenElement === node) void document.exitFullscreen().catch(() => undefined);
    };
  }, [el]);
}

/** The presentation's keys on the whole window; keys typed into a field (the filter) stay there, Esc excepted. `handle` says whether the key was used. */
export function useWindowKeys(handle: (key: string, modified: boolean) => boolean): void {
  const latest = useRef(handle);
  useLayoutEffect(() => {
    latest.current = handle;
  }, [handle]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Escape' && target?.closest('input, select, textarea')) return;
      // Space and Enter on a focused button press the button.
      if ((e.key === ' ' || e.key === 'Enter') && target?.closest('button')) return;
      if (e.isComposing) return;
      if (latest.current(e.key, e.ctrlKey || e.metaKey || e.altKey)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** True after `ms` without the mouse moving: the cursor is hidden over the slide. */
export function useIdle(ms = 2000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = window.setTimeout(() => setIdle(true), ms);
    const onMove = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = window.setTimeout(() => setIdle(true), ms);
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mousedown', onMove);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mousedown', onMove);
    };
  }, [ms]);
  return idle;
}
