import type { AppEvent, BrowseEntry, Transport } from '../../shared/contract';
import type { FileKind } from '../../shared/endpoints/hq';
import type { PrintLayout } from '../../shared/print';
import type { Language } from '../../shared/units';
import type { DemoSize } from './jobs/types';
import type { JobRunner } from './jobs/types';

/**
 * What the core needs from the program it runs in. The Electron shell and the web
 * host each implement it; the handlers know nothing else about their transport.
 */
export interface Host {
  readonly transport: Transport;
  readonly nativeDialogs: boolean;
  readonly version: string;
  /** Folder for the app's own state (recent files, preferences, the demo region). */
  readonly stateDir: string;
  /** Asks the user where to save a new file (a region file unless `kind` says otherwise); null when cancelled. */
  chooseSavePath(suggestedFileName: string, kind?: FileKind): Promise<string | null>;
  /** Asks the user for a file to open (a region file unless `kind` says otherwise); null when cancelled. */
  chooseOpenPath(kind?: FileKind): Promise<string | null>;
  /**
   * Asks for a data file to import (CSV, XLSX, XLS); null when cancelled. Hosts
   * without native dialogs throw NOT_SUPPORTED: there the renderer uploads the file.
   */
  chooseImportPath(): Promise<string | null>;
  /**
   * Asks for head office's return file (.rplanret); null when cancelled. Hosts without
   * native dialogs throw NOT_SUPPORTED: there the renderer uploads the file.
   */
  chooseReturnPath(): Promise<string | null>;
  /** Asks where to write an export; null when cancelled. */
  chooseExportPath(suggestedFileName: string): Promise<string | null>;
  /** Asks for a folder to write several exports into (one file per region); null when cancelled. */
  chooseExportFolder(): Promise<string | null>;
  /**
   * Asks for plan packages to receive, several at once; null when cancelled. Hosts
   * without native dialogs throw NOT_SUPPORTED: there the renderer picks from the host's folder.
   */
  choosePackagePaths(): Promise<string[] | null>;
  /** Files the host offers without a native dialog (the web host's workspace): region files unless `kind` says otherwise. */
  browse(kind?: FileKind): BrowseEntry[];
  /** Whether the renderer may name this path itself (e.g. inside the web host's workspace). */
  allowsPath(path: string): boolean;
  /** Runs long work off the thread that answers calls. */
  readonly runJob: JobRunner;
  emit(event: AppEvent): void;
  /** Size of the bundled demo region; tests use 'tiny' to keep CI fast. Default 'typical'. */
  readonly demoSize?: DemoSize;
  /** The language changed (the Electron shell rebuilds its menu). */
  languageChanged?(language: Language): void;
  /**
   * Prints a print route of the renderer (a hash such as "#print?doc=review&…", see
   * shared/print.ts) to PDF without asking the user, and resolves the PDF's bytes. Only
   * a host that can print without a dialog has it (the Electron shell); elsewhere the
   * page prints itself in the browser.
   */
  printToPdf?(route: string, options: PrintToPdfOptions): Promise<Uint8Array>;
  /** Presenting on the displays the OS has (the Electron shell); absent: the page opens its own audience window. */
  readonly presentation?: PresentationHost;
}

export interface PrintToPdfOptions {
  layout: PrintLayout;
  /** Give up (TIMEOUT) when the page has not said it is ready by then. */
  timeoutMs?: number;
}

/** What presenting the deck needs from the OS: the displays, the audience window, the display kept awake. */
export interface PresentationHost {
  /**
   * Keeps the display awake until stop(); with `audience`, opens the audience window
   * (the app at `hash`) full screen on an external display if there is one, and
   * follows displays coming and going. Replaces a presentation already running.
   */
  start(options: { hash: string; audience: boolean }): { audience: 'external' | 'none' };
  stop(): void;
}
