import { resolve } from 'node:path';
import type { RegionSummary } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { AppState } from './appState';
import { createRegionFile, openRegionFile, type NewRegion, type RegionFile } from './db/regionFile';
import type { Host } from './host';
import { regionSummary } from './services/region';

/**
 * The region file a window (or the web host) has open, and the paths the user has
 * handed over. The renderer may only name a path that came from a dialog, the
 * recent list, the OS, or the host's own folder; anything else is refused.
 */
export class Session {
  readonly state: AppState;
  private current: RegionFile | null = null;
  private readonly granted = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly host: Host) {
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

  summary(): RegionSummary | null {
    return this.current ? regionSummary(this.current.read, this.current.path) : null;
  }

  open(path: string): Promise<RegionSummary> {
    return this.exclusive(async () => {
      const full = resolve(path);
      if (this.current?.path === full) return regionSummary(this.current.read, full);
      // Open the new file before closing the old one: a refused file leaves the
      // user where they were.
      const next = await openRegionFile(full);
      await this.closeCurrent();
      return this.adopt(next);
    });
  }

  create(path: string, region: NewRegion): Promise<RegionSummary> {
    return this.exclusive(async () => {
      const next = await createRegionFile(resolve(path), region);
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

  private adopt(file: RegionFile): RegionSummary {
    this.current = file;
    this.grant(file.path);
    const summary = regionSummary(file.read, file.path);
    this.state.addRecent(summary);
    this.host.emit({ type: 'file-changed', summary });
    return summary;
  }

  private async closeCurrent(): Promise<void> {
    const file = this.current;
    this.current = null;
    if (file) await file.close();
  }
}
