import { basename, resolve } from 'node:path';
import type { HqSummary } from '../../shared/endpoints/hq';
import type { NewCycle } from '../../shared/hq';
import { serverLocation, type HqLocation } from '../../shared/hqServer';
import type { RegionSummary } from '../../shared/contract';
import { AppError, refusal, type AppErrorData } from '../../shared/errors';
import { AppState } from './appState';
import { cleanStamp } from './db/cleanClose';
import { createRegionFile, openRegionFile, type NewRegion, type OpenOptions, type RegionFile } from './db/regionFile';
import { toErrorData } from './registry';
import type { Host } from './host';
import { regionSummary } from './services/region';
import { ServerProblem, checkServerForCreate, checkServerForOpen, closeHqStore, createHqStore, cycleOf, openHqStore, serverProblemOf, type HqStore } from './hq';
import { regionCount } from './hq/log';

/** An open head-office workspace (a .rplanhq file or a database on a PostgreSQL server). */
export interface OpenHq {
  /** The file's path, or the server URL without its password: what names the workspace. */
  readonly path: string;
  readonly location: HqLocation;
  readonly store: HqStore;
}

/** Runs a store's open or create on a server; the driver's errors (in which no password is left) become a ServerProblem. */
async function onServer(url: string, fn: () => Promise<HqStore>): Promise<HqStore> {
  try {
    return await fn();
  } catch (e) {
    throw serverProblemOf(e, url);
  }
}

/**
 * The region file or head-office workspace a window (or the web host) has open (at
 * most one of the two), and the paths the user has handed over. The renderer may only name a path that came from a dialog, the
 * recent list, the OS, or the host's own folder; anything else is refused.
 */
export class Session {
  readonly state: AppState;
  private current: RegionFile | null = null;
  private currentHq: OpenHq | null = null;
  private readonly granted = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly host: Host,
    /** How files are opened; tests lower fullCheckUpToBytes to exercise the background check. */
    private readonly openOptions: OpenOptions = {},
  ) {
    this.state = new AppState(host.stateDir);
  }

  /** Runs file switches one at a time, so an open never races a close. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  grant(path: string): void {
    this.granted.add(resolve(path));
  }

  mayUse(path: string): boolean {
    const p = resolve(path);
    return this.granted.has(p) || this.state.isRecent(p) || this.host.allowsPath(p);
  }

  assertMayUse(path: string): string {
    if (!this.mayUse(path)) {
      throw new AppError('FORBIDDEN', `${path}: choose the file with Open first`, { path });
    }
    return resolve(path);
  }

  get file(): RegionFile | null {
    return this.current;
  }

  requireFile(): RegionFile {
    if (!this.current) throw new AppError('NO_OPEN_FILE', 'no region file is open');
    return this.current;
  }

  get hq(): OpenHq | null {
    return this.currentHq;
  }

  requireHq(): OpenHq {
    if (!this.currentHq) throw new AppError('NO_OPEN_FILE', 'no head-office workspace is open');
    return this.currentHq;
  }

  async hqSummary(): Promise<HqSummary | null> {
    const hq = this.currentHq;
    if (!hq) return null;
    const cycle = await cycleOf(hq.store.db);
    return {
      path: hq.path, fileName: hq.location.kind === 'file' ? basename(hq.path) : hq.location.database, location: hq.location, planYear: cycle.planYear, name: cycle.name, tolerance: cycle.tolerance,
      expenseCap: cycle.expenseCap, dueDate: cycle.dueDate, regionCount: await regionCount(hq.store),
    };
  }

  /** Opens a head-office workspace in place of whatever is open. */
  openHq(path: string): Promise<HqSummary> {
    const full = resolve(path);
    return this.switchToHq({ kind: 'file', path: full }, () => openHqStore({ kind: 'sqlite', path: full }));
  }

  /** Creates a head-office workspace and opens it in place of whatever is open. */
  createHq(path: string, cycle: NewCycle): Promise<HqSummary> {
    const full = resolve(path);
    return this.switchToHq({ kind: 'file', path: full }, () => createHqStore({ kind: 'sqlite', path: full }, cycle));
  }

  /**
   * Opens the workspace in the database a PostgreSQL URL names. The URL (with its
   * password) goes to the connection pool and nowhere else; the session keeps the
   * location without the password.
   */
  openHqServer(url: string): Promise<HqSummary> {
    return this.switchToHq(serverLocation(url), async () => {
      await checkServerForOpen(url);
      return onServer(url, () => openHqStore({ kind: 'postgres', url }));
    });
  }

  /** Creates a workspace in an empty database on a PostgreSQL server and opens it. */
  createHqServer(url: string, cycle: NewCycle): Promise<HqSummary> {
    return this.switchToHq(serverLocation(url), async () => {
      await checkServerForCreate(url);
      return onServer(url, () => createHqStore({ kind: 'postgres', url }, cycle));
    });
  }

  closeHq(): Promise<void> {
    return this.exclusive(() => this.closeCurrent());
  }

  private switchToHq(location: HqLocation, make: () => Promise<HqStore>): Promise<HqSummary> {
    return this.exclusive(async () => {
      const full = location.kind === 'file' ? location.path : location.url;
      if (this.currentHq?.path !== full) {
        // Opened before the old one is closed: a refused workspace leaves the user where they were.
        let store: HqStore;
        try {
          store = await make();
        } catch (e) {
          if (e instanceof AppError) throw e;
          if (e instanceof ServerProblem) throw refusal('FILE_REFUSED', `hqPg.problem.${e.kind}`, e.message, { params: e.params });
          throw new AppError('FILE_REFUSED', `${full}: ${(e as Error).message}`, location.kind === 'file' ? { path: full } : {});
        }
        const hadRegion = this.current !== null;
        await this.closeCurrent();
        this.currentHq = { path: full, location, store };
        if (location.kind === 'file') this.grant(full);
        if (hadRegion) this.host.emit({ type: 'file-changed', summary: null });
      }
      return (await this.hqSummary())!;
    });
  }

  summary(): RegionSummary | null {
    return this.current ? this.summaryOf(this.current) : null;
  }

  private summaryOf(file: RegionFile): RegionSummary {
    return { ...regionSummary(file.read, file.path), checking: !file.verified };
  }

  open(path: string): Promise<RegionSummary> {
    return this.exclusive(async () => {
      const full = resolve(path);
      if (this.current?.path === full) return this.summaryOf(this.current);
      // Open the new file before closing the old one: a refused file leaves the
      // user where they were.
      const next = await openRegionFile(full, { ...this.openOptions, closedCleanAs: this.state.cleanStampOf(full) });
      await this.closeCurrent();
      const summary = this.adopt(next);
      if (!next.verified) this.checkInBackground(next);
      return summary;
    });
  }

  create(path: string, region: NewRegion): Promise<RegionSummary> {
    return this.exclusive(async () => {
      const next = await createRegionFile(resolve(path), region, this.openOptions);
      await this.closeCurrent();
      return this.adopt(next);
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      await this.closeCurrent();
      this.host.emit({ type: 'file-changed', summary: null });
    });
  }

  /** Resolves when the background check of the open file (if any) has ended and been acted on; for tests. */
  checked(): Promise<void> {
    return this.pendingCheck;
  }

  private pendingCheck: Promise<void> = Promise.resolve();

  /**
   * Runs the full integrity check of a file opened unverified on a worker, with a
   * read-only connection of its own. Passed: the file takes writes from now on, without
   * reopening. Failed: the file is closed (nothing was written to it) and the renderer
   * is told why. A result for a file no longer open is dropped.
   */
  private checkInBackground(file: RegionFile): void {
    const settle = (error: AppErrorData | null) =>
      this.exclusive(async () => {
        if (this.current !== file) return;
        if (error === null) {
          file.markVerified();
        } else {
          await this.closeCurrent();
          this.host.emit({ type: 'file-changed', summary: null });
        }
        this.host.emit({ type: 'file-checked', path: file.path, error });
      });
    const refused = (problems: string[]): AppErrorData => ({
      code: 'FILE_REFUSED',
      reason: 'corrupt',
      path: file.path,
      message: `${file.path}: the file is damaged (${problems.slice(0, 3).join('; ')}); restore it from a backup`,
    });
    let done: Promise<unknown>;
    try {
      done = this.host.runJob({ kind: 'integrityCheck', regionPath: file.path }, () => undefined).done;
    } catch (e) {
      done = Promise.reject(e);
    }
    this.pendingCheck = done.then(
      (problems) => settle((problems as string[]).length === 0 ? null : refused(problems as string[])),
      (e: unknown) => settle(toErrorData(e)),
    );
  }

  private adopt(file: RegionFile): RegionSummary {
    this.current = file;
    this.grant(file.path);
    const summary = this.summaryOf(file);
    this.state.addRecent(summary);
    this.host.emit({ type: 'file-changed', summary });
    for (const listener of [...this.openedListeners]) listener(file);
    return summary;
  }

  private readonly openedListeners = new Set<(file: RegionFile) => void>();

  /** Told of every region file the session takes on (opened or created), e.g. to warm a cache; returns the unsubscribe. */
  onOpened(listener: (file: RegionFile) => void): () => void {
    this.openedListeners.add(listener);
    return () => {
      this.openedListeners.delete(listener);
    };
  }

  private async closeCurrent(): Promise<void> {
    const file = this.current;
    this.current = null;
    if (file) {
      const verified = file.verified;
      await file.close();
      // Checked and closed cleanly: opening it again needs no full check while nothing writes to it.
      if (verified) this.state.rememberClean(file.path, cleanStamp(file.path));
    }
    const hq = this.currentHq;
    this.currentHq = null;
    if (hq) await closeHqStore(hq.store);
  }
}
