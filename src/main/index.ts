import { basename, join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session as electronSession, type Rectangle, type WebPreferences } from 'electron';
import { overlaps, type Area } from '../shared/areas';
import type { MenuCommand, RegionSummary } from '../shared/contract';
import { createHandlers } from './core/handlers/index';
import { toErrorData } from './core/registry';
import { Session } from './core/session';
import { ElectronHost } from './shell/electronHost';
import { bindIpc } from './shell/ipc';
import { cliArguments } from './shell/cliSwitch';
import { buildMenuTemplate, type MenuActions } from './shell/menu';
import { shellLabels } from './shell/menuLabels';
import { regionPathsFromArgv } from './shell/osPaths';
import { registerAppSchemePrivileges, serveRenderer } from './shell/protocol';
import { guardWebContents, hardenSession } from './shell/security';
import { APP_ENTRY_URL, isOwnPageUrl } from './shell/urls';

// The Electron main process: lifecycle, the one window, the menu, and the wiring of
// the core (Session + handler registry) to IPC. Everything that is not glue lives
// in ./core and runs without Electron.

const APP_ID = 'com.regionplan.app';
const PRODUCT_NAME = 'RegionPlan';

// electron-vite dev serves the renderer with hot reload and tells us where; a
// packaged app never loads anything but its own files, whatever the environment says.
const DEV_RENDERER_URL = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null);
const DEV_ORIGIN = DEV_RENDERER_URL === null ? null : new URL(DEV_RENDERER_URL).origin;

// out/main/index.js → out/preload, out/renderer, out/main/job-worker.js
const MAIN_DIR = import.meta.dirname;
const PRELOAD_FILE = join(MAIN_DIR, '../preload/preload.cjs');
const RENDERER_DIR = join(MAIN_DIR, '../renderer');
const JOB_WORKER_FILE = join(MAIN_DIR, 'job-worker.js');

/** Quitting waits this long for the open file to close (WAL checkpoint) before giving up. */
const CLOSE_ON_QUIT_TIMEOUT_MS = 10_000;

// `RegionPlan --cli hq status …` runs the command line and exits: no window, no lock.
const cliArgs = cliArguments(process.argv);

// A separate state folder for tests and side-by-side runs. It must be set before
// the single-instance lock, which is scoped to the userData folder.
const userDataOverride = process.env.REGIONPLAN_USER_DATA;
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

// Both must happen before 'ready'.
registerAppSchemePrivileges();
// Every renderer sandboxed, even one created by mistake without webPreferences.
app.enableSandbox();

if (cliArgs !== null) {
  // Loaded only here: the window never needs the command line's modules.
  void import('./cli/run')
    .then(({ runCommandLine }) => runCommandLine(cliArgs))
    .then(
      (code) => app.exit(code),
      (e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        app.exit(1);
      },
    );
} else if (!app.requestSingleInstanceLock()) {
  // The first instance receives our argv through 'second-instance' and opens the file.
  app.quit();
} else {
  main();
}

function main(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  // The host first (the session needs it), then the session and its handlers; the
  // window comes last and is attached to the host when it exists.
  const host = new ElectronHost({
    jobWorkerFile: JOB_WORKER_FILE,
    pageUrl: DEV_RENDERER_URL ?? APP_ENTRY_URL,
    preloadFile: PRELOAD_FILE,
    openAudienceWindow: (bounds, hash) => createAudienceWindow(bounds, hash),
  });
  const session = new Session(host);
  const registry = createHandlers(session, { strictAreas: !app.isPackaged });

  let window: BrowserWindow | null = null;
  /** True once the page has loaded and can hear file-changed events. */
  let pageReady = false;
  /** A file the OS asked us to open before the page could show it; only the last one counts. */
  let pendingOpen: string | null = regionPathsFromArgv(process.argv, process.cwd()).at(-1) ?? null;
  let current: RegionSummary | null = null;
  let pageTitle = PRODUCT_NAME;

  const labels = () => shellLabels(session.state.language);
  const isOwnPage = (url: string) => isOwnPageUrl(url, DEV_ORIGIN);
  const liveWindow = (): BrowserWindow | null => (window !== null && !window.isDestroyed() ? window : null);

  // ---- window title and menu ---------------------------------------------------

  function refreshTitle(): void {
    const w = liveWindow();
    if (!w) return;
    w.setTitle(current ? `${current.regionName} ${current.planYear} — ${pageTitle}` : pageTitle);
  }

  const menuActions: MenuActions = {
    send: (command: MenuCommand) => {
      // On macOS the app outlives its window; a menu command then brings it back
      // (the command itself is dropped: the page is not listening yet).
      if (!liveWindow()) {
        if (app.isReady()) createWindow();
        return;
      }
      host.emit({ type: 'menu', command });
    },
    openRecent: (path) => openFromOs(path),
    // The page has its own About dialog (the same on both transports); the native
    // one is for when there is no page to show it, e.g. macOS with no window open.
    showAbout: () => {
      if (pageReady && liveWindow()) host.emit({ type: 'menu', command: 'about' });
      else void showNativeAbout();
    },
  };

  function refreshMenu(): void {
    if (!app.isReady()) return;
    const template = buildMenuTemplate(
      {
        language: session.state.language,
        recent: session.state.recent(),
        current,
        isPackaged: app.isPackaged,
        platform: process.platform,
      },
      menuActions,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  host.hooks = {
    language: () => session.state.language,
    fileChanged: (summary) => {
      current = summary;
      if (summary) app.addRecentDocument(summary.path);
      refreshTitle();
      refreshMenu();
    },
    languageChanged: () => refreshMenu(),
  };

  // What the title and the menu show: the region's profile (title, unit), the undo
  // state (Undo/Redo labels) and the recent files. A command that changed one of these
  // areas refreshes them; opening or closing a file does so through its own event.
  const SHOWN_IN_MENU: readonly Area[] = ['region', 'edit', 'app'];

  // ---- opening files the OS hands us -------------------------------------------

  async function openGranted(path: string): Promise<void> {
    // The user picked this file in the OS (double-click, drop, recent list), which
    // is the same consent as picking it in our open dialog.
    session.grant(path);
    try {
      await session.open(path);
    } catch (e) {
      await showOpenError(path, e);
    }
  }

  /** Opens a file once the page can hear about it, bringing the window back if needed. */
  function openFromOs(path: string): void {
    if (!pageReady) {
      pendingOpen = path;
      if (app.isReady() && !liveWindow()) createWindow();
      return;
    }
    focusWindow();
    void openGranted(path);
  }

  async function showOpenError(path: string, e: unknown): Promise<void> {
    const l = labels();
    const options = {
      type: 'error' as const,
      title: l.openFailedTitle,
      message: `${l.openFailedMessage}\n${basename(path)}`,
      detail: toErrorData(e).message,
      buttons: [l.ok],
    };
    const w = liveWindow();
    await (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options));
  }

  async function showNativeAbout(): Promise<void> {
    const l = labels();
    const v = process.versions;
    const options = {
      type: 'info' as const,
      title: l.about,
      message: `${PRODUCT_NAME} ${app.getVersion()}`,
      detail: `${l.aboutDetail}\n\nElectron ${v.electron} · Chromium ${v.chrome} · Node.js ${v.node}`,
      buttons: [l.ok],
    };
    const w = liveWindow();
    await (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options));
  }

  // ---- the window -----------------------------------------------------------------

  function focusWindow(): void {
    const w = liveWindow();
    if (!w) {
      if (app.isReady()) createWindow();
      return;
    }
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  }

  function secureWebPreferences(): WebPreferences {
    return {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: PRELOAD_FILE,
      spellcheck: false,
      // A dropped file becomes a navigation that will-navigate turns into
      // "open this region file" (see security.ts); nothing is ever navigated to.
      navigateOnDragDrop: true,
    };
  }

  /**
   * The presentation's audience window, full screen on the projector. It shows the
   * app at its #audience route, which draws what the main window sends it over a
   * BroadcastChannel and never calls the core (IPC answers only the main window).
   */
  function createAudienceWindow(bounds: Rectangle, hash: string): BrowserWindow {
    const w = new BrowserWindow({
      ...bounds,
      fullscreen: true,
      frame: false,
      backgroundColor: '#000000',
      title: PRODUCT_NAME,
      show: false,
      webPreferences: secureWebPreferences(),
    });
    w.once('ready-to-show', () => w.show());
    const url = `${DEV_RENDERER_URL ?? APP_ENTRY_URL}${hash}`;
    w.loadURL(url).catch((e: unknown) => console.error(`[regionplan] could not load ${url}`, e));
    return w;
  }

  function createWindow(): BrowserWindow {
    const { workAreaSize } = screen.getPrimaryDisplay();
    const w = new BrowserWindow({
      // 1440×900 where the screen allows it, never below the minimum the layout needs.
      width: Math.max(1100, Math.min(1440, workAreaSize.width)),
      height: Math.max(700, Math.min(900, workAreaSize.height)),
      minWidth: 1100,
      minHeight: 700,
      title: PRODUCT_NAME,
      show: false,
      webPreferences: secureWebPreferences(),
    });
    window = w;
    host.attachWindow(w);

    w.once('ready-to-show', () => w.show());
    // If the page cannot load, still show the window rather than a silent process.
    w.webContents.once('did-fail-load', () => {
      if (!w.isDestroyed() && !w.isVisible()) w.show();
    });
    w.on('page-title-updated', (event, title) => {
      // The title shows the open region as well as the page's own title.
      event.preventDefault();
      pageTitle = title || PRODUCT_NAME;
      refreshTitle();
    });
    w.webContents.on('did-finish-load', () => {
      pageReady = true;
      refreshTitle();
      const path = pendingOpen;
      pendingOpen = null;
      if (path !== null) void openGranted(path);
    });
    w.webContents.on('render-process-gone', (_event, details) => {
      console.error(`[regionplan] renderer gone: ${details.reason}`);
      pageReady = false;
    });
    w.on('closed', () => {
      // The audience window and the display kept awake go with the presenter's window.
      host.presentation.stop();
      if (window === w) {
        window = null;
        pageReady = false;
        host.attachWindow(null);
      }
    });

    const url = DEV_RENDERER_URL ?? APP_ENTRY_URL;
    w.loadURL(url).catch((e: unknown) => console.error(`[regionplan] could not load ${url}`, e));
    return w;
  }

  // ---- lifecycle ------------------------------------------------------------------

  // macOS delivers files (Finder double-click, drop on the Dock icon) through this
  // event, also before 'ready' when it starts the app for a file, so it is
  // registered now, not in whenReady.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    const path = regionPathsFromArgv(argv, workingDirectory).at(-1);
    if (path !== undefined) openFromOs(path);
  });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      devOrigin: DEV_ORIGIN,
      // Only a drop on our own window opens a file (not one on DevTools, say).
      onRegionFileDropped: (path, dropTarget) => {
        if (dropTarget === liveWindow()?.webContents) openFromOs(path);
      },
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !liveWindow()) createWindow();
  });

  // Closing the file folds the WAL back into it, so the .rplan on disk is complete
  // on its own (copied, mailed, backed up) once the app has quit. 'will-quit' comes
  // after the windows are gone; quitting is held until the close has finished.
  let closedForQuit = false;
  let closingForQuit = false;
  app.on('will-quit', (event) => {
    if (closedForQuit) return;
    event.preventDefault();
    if (closingForQuit) return;
    closingForQuit = true;
    const timeout = new Promise<void>((resolveTimeout) => setTimeout(resolveTimeout, CLOSE_ON_QUIT_TIMEOUT_MS).unref());
    Promise.race([session.close(), timeout])
      .catch((e: unknown) => console.error('[regionplan] closing the region file on quit failed', e))
      .finally(() => {
        closedForQuit = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(electronSession.defaultSession, DEV_ORIGIN);
      serveRenderer(RENDERER_DIR);
      bindIpc({
        registry,
        mainWindow: liveWindow,
        printWindows: () => host.printWindows,
        isOwnPage,
        afterInvoke: (_endpoint, result) => {
          if (!result.ok || !result.changed || !overlaps(SHOWN_IN_MENU, result.changed)) return;
          if (overlaps(['region', 'edit'], result.changed)) current = session.summary();
          refreshTitle();
          refreshMenu();
        },
      });
      refreshMenu();
      createWindow();
    })
    .catch((e: unknown) => {
      console.error('[regionplan] start-up failed', e);
      dialog.showErrorBox(PRODUCT_NAME, `Start-up failed: ${toErrorData(e).message}`);
      app.exit(1);
    });
}
