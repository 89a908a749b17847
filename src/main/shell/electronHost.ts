import { join } from 'node:path';
import { app, BrowserWindow, dialog, powerSaveBlocker, screen, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { AppEvent, BrowseEntry, RegionSummary } from '../../shared/contract';
import type { Language } from '../../shared/units';
import type { Host, PresentationHost, PrintToPdfOptions } from '../core/host';
import { printPage, printUrl } from './printPdf';
import { ElectronPresentation, type PresentationDeps } from './presentation';
import type { JobRunner } from '../core/jobs/types';
import { workerJobRunner } from '../core/jobs/workerRunner';
import { shellLabels } from './menuLabels';
import { IPC_EVENT } from './ipcNames';
import { RETURN_EXTENSION } from '../../shared/submit';
import type { FileKind } from '../../shared/endpoints/hq';
import { KIND_EXTENSIONS } from '../core/fileKinds';

/** What the rest of the shell wants to hear about; set once the menu and window exist. */
export interface ElectronHostHooks {
  /** The open file changed (opened, created, closed): title, recent documents, menu. */
  fileChanged?(summary: RegionSummary | null): void;
  languageChanged?(language: Language): void;
  /** The UI language for the host's own dialogs. */
  language?(): Language;
}

export interface ElectronHostOptions {
  /** The built job worker (out/main/job-worker.js), resolved by the entry point. */
  jobWorkerFile: string;
  /** The renderer's page (app://renderer/index.html, or the dev server) and its preload: the print window loads them. */
  pageUrl: string;
  preloadFile: string;
  /** Opens the presentation's audience window (the entry point knows the page and the preload). */
  openAudienceWindow: PresentationDeps['openWindow'];
}

/** How long a print page may take to draw every chart of a large region's report. */
const PRINT_TIMEOUT_MS = 120_000;

/**
 * The core's Host inside Electron. It is created before the Session (which needs
 * it) and before the window (which needs the session's handlers), so the window is
 * attached later and events emitted before it exists are dropped: the renderer asks
 * for the current state (file.current, app.info) when it starts.
 */
export class ElectronHost implements Host {
  readonly transport = 'electron' as const;
  readonly nativeDialogs = true;
  readonly version: string;
  readonly stateDir: string;
  readonly runJob: JobRunner;
  readonly presentation: PresentationHost;
  hooks: ElectronHostHooks = {};
  private window: BrowserWindow | null = null;
  /** Hidden windows printing a page: their page may call the core like the main window's. */
  readonly printWindows = new Set<BrowserWindow>();
  private readonly options: ElectronHostOptions;

  constructor(options: ElectronHostOptions) {
    this.options = options;
    this.version = app.getVersion();
    this.stateDir = app.getPath('userData');
    this.runJob = workerJobRunner({ file: options.jobWorkerFile });
    // screen may only be asked once the app is ready: presenting starts long after.
    this.presentation = new ElectronPresentation({
      screen,
      powerSaveBlocker,
      mainDisplayId: () => {
        const w = this.liveWindow();
        return w ? screen.getDisplayMatching(w.getBounds()).id : null;
      },
      openWindow: options.openAudienceWindow,
    });
  }

  attachWindow(window: BrowserWindow | null): void {
    this.window = window;
  }

  private liveWindow(): BrowserWindow | null {
    const w = this.window;
    return w !== null && !w.isDestroyed() ? w : null;
  }

  private labels() {
    return shellLabels(this.hooks.language?.() ?? 'zh-Hant');
  }

  private filters(kind: FileKind = 'region'): OpenDialogOptions['filters'] {
    const l = this.labels();
    const name = kind === 'hq' ? l.hqFileFilter : kind === 'package' ? l.packageFileFilter : l.regionFileFilter;
    return [{ name, extensions: [KIND_EXTENSIONS[kind].slice(1)] }];
  }

  async chooseSavePath(suggestedFileName: string, kind: FileKind = 'region'): Promise<string | null> {
    const extension = KIND_EXTENSIONS[kind];
    const options: SaveDialogOptions = {
      title: kind === 'hq' ? this.labels().hqSaveDialogTitle : this.labels().saveDialogTitle,
      defaultPath: join(app.getPath('documents'), suggestedFileName),
      filters: this.filters(kind),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    // GTK's save dialog does not add the filter's extension, and a file without it
    // would later be refused as a wrong extension.
    const path = result.filePath;
    return path.toLowerCase().endsWith(extension) ? path : `${path}${extension}`;
  }

  async chooseOpenPath(kind: FileKind = 'region'): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: kind === 'region' ? this.labels().openDialogTitle : kind === 'hq' ? this.labels().hqOpenDialogTitle : this.labels().packageOpenDialogTitle,
      defaultPath: app.getPath('documents'),
      filters: this.filters(kind),
      properties: ['openFile'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  }

  async chooseImportPath(): Promise<string | null> {
    const l = this.labels();
    const options: OpenDialogOptions = {
      title: l.importDialogTitle,
      defaultPath: app.getPath('documents'),
      filters: [{ name: l.dataFileFilter, extensions: ['csv', 'txt', 'xlsx', 'xls'] }],
      properties: ['openFile'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  }

  async chooseReturnPath(): Promise<string | null> {
    const l = this.labels();
    const options: OpenDialogOptions = {
      title: l.answerDialogTitle,
      defaultPath: app.getPath('documents'),
      filters: [{ name: l.answerFileFilter, extensions: [RETURN_EXTENSION.slice(1)] }],
      properties: ['openFile'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  }

  async chooseExportFolder(): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: this.labels().exportFolderDialogTitle,
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory', 'createDirectory'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  }

  async choosePackagePaths(): Promise<string[] | null> {
    const options: OpenDialogOptions = {
      title: this.labels().receiveDialogTitle,
      defaultPath: app.getPath('documents'),
      filters: this.filters('package'),
      properties: ['openFile', 'multiSelections'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    if (result.canceled || result.filePaths.length === 0) return null;
    return result.filePaths;
  }

  async chooseExportPath(suggestedFileName: string): Promise<string | null> {
    const options: SaveDialogOptions = {
      title: this.labels().exportDialogTitle,
      defaultPath: join(app.getPath('documents'), suggestedFileName),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const w = this.liveWindow();
    const result = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  /** Electron shows the OS's own dialogs; there is no workspace folder to list. */
  browse(): BrowseEntry[] {
    return [];
  }

  /** Only what the user chose (dialog, recent list, OS) may be opened; Session keeps those grants. */
  allowsPath(): boolean {
    return false;
  }

  emit(event: AppEvent): void {
    if (event.type === 'file-changed') {
      try {
        this.hooks.fileChanged?.(event.summary);
      } catch (e) {
        // A failure to retitle the window must not fail the open that caused it.
        console.error('[regionplan] file-changed hook failed', e);
      }
    }
    const contents = this.liveWindow()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, event);
  }

  languageChanged(language: Language): void {
    this.hooks.languageChanged?.(language);
  }

  async printToPdf(route: string, options: PrintToPdfOptions): Promise<Uint8Array> {
    // The main window's settings (isolated, sandboxed, no Node), never shown. A hidden
    // window's animation frames are throttled by default; the charts draw in them.
    const w = new BrowserWindow({
      show: false,
      width: 1280,
      height: 900,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: this.options.preloadFile,
        spellcheck: false,
        backgroundThrottling: false,
      },
    });
    this.printWindows.add(w);
    try {
      const contents = w.webContents;
      return await printPage(
        { loadURL: (url) => contents.loadURL(url), executeJavaScript: (code) => contents.executeJavaScript(code), printToPDF: (o) => contents.printToPDF(o) },
        printUrl(this.options.pageUrl, route),
        options.layout,
        options.timeoutMs ?? PRINT_TIMEOUT_MS,
      );
    } finally {
      this.printWindows.delete(w);
      if (!w.isDestroyed()) w.destroy();
    }
  }
}
