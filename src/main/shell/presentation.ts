import type { Display, Rectangle } from 'electron';
import type { PresentationHost } from '../core/host';

// Presenting in the desktop app: the audience window full screen on the external
// display (the projector) while the main window shows the presenter view, following
// displays plugged in and out, and the display kept awake until the end. Electron's
// modules come in as dependencies, so the rules are tested without Electron.

/** The audience window as this module uses it (a BrowserWindow). */
export interface AudienceWindow {
  setFullScreen(flag: boolean): void;
  setBounds(bounds: Partial<Rectangle>): void;
  close(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): void;
}

export interface PresentationDeps {
  screen: {
    getAllDisplays(): Display[];
    on(event: 'display-added' | 'display-removed', listener: () => void): unknown;
    removeListener(event: 'display-added' | 'display-removed', listener: () => void): unknown;
  };
  powerSaveBlocker: { start(type: 'prevent-display-sleep'): number; stop(id: number): void; isStarted(id: number): boolean };
  /** The display the main window (the presenter view) is on; null: no window. */
  mainDisplayId(): number | null;
  /** A new audience window at `bounds`, full screen, showing the app at `hash` (with the main window's secure webPreferences). */
  openWindow(bounds: Rectangle, hash: string): AudienceWindow;
}

/** The display for the audience: one the presenter view is not on (the first such, as the OS orders them). */
export function audienceDisplay(displays: readonly Display[], mainDisplayId: number | null): Display | null {
  if (displays.length < 2) return null;
  return displays.find((d) => d.id !== mainDisplayId) ?? null;
}

export class ElectronPresentation implements PresentationHost {
  private blocker: number | null = null;
  private window: AudienceWindow | null = null;
  private hash = '';
  private audience = false;
  private readonly follow = () => this.place();

  constructor(private readonly deps: PresentationDeps) {}

  start(options: { hash: string; audience: boolean }): { audience: 'external' | 'none' } {
    this.stop();
    this.blocker = this.deps.powerSaveBlocker.start('prevent-display-sleep');
    this.hash = options.hash;
    this.audience = options.audience;
    if (this.audience) {
      this.deps.screen.on('display-added', this.follow);
      this.deps.screen.on('display-removed', this.follow);
      this.place();
    }
    return { audience: this.liveWindow() ? 'external' : 'none' };
  }

  stop(): void {
    if (this.audience) {
      this.deps.screen.removeListener('display-added', this.follow);
      this.deps.screen.removeListener('display-removed', this.follow);
    }
    this.audience = false;
    this.closeWindow();
    if (this.blocker !== null && this.deps.powerSaveBlocker.isStarted(this.blocker)) this.deps.powerSaveBlocker.stop(this.blocker);
    this.blocker = null;
  }

  /** Whether the audience window is open (for the tests and the shell). */
  get hasAudienceWindow(): boolean {
    return this.liveWindow() !== null;
  }

  private liveWindow(): AudienceWindow | null {
    return this.window !== null && !this.window.isDestroyed() ? this.window : null;
  }

  private closeWindow(): void {
    const w = this.liveWindow();
    this.window = null;
    w?.close();
  }

  /** Puts the audience window on the external display, or closes it when there is none (the presenter view alone: rehearsal). */
  private place(): void {
    if (!this.audience) return;
    const display = audienceDisplay(this.deps.screen.getAllDisplays(), this.deps.mainDisplayId());
    if (!display) {
      this.closeWindow();
      return;
    }
    const w = this.liveWindow();
    if (w) {
      // A full-screen window does not move: leave full screen, move, enter again.
      w.setFullScreen(false);
      w.setBounds(display.bounds);
      w.setFullScreen(true);
      return;
    }
    const opened = this.deps.openWindow(display.bounds, this.hash);
    this.window = opened;
    opened.once('closed', () => {
      if (this.window === opened) this.window = null;
    });
  }
}
