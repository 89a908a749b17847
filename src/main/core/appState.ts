import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RecentFile, RegionSummary } from '../../shared/contract';
import { LANGUAGES, type Language } from '../../shared/units';

// The app's own small state (not region data): recent files and preferences, kept as
// JSON in the host's state folder. Written to a temporary file and renamed, so a
// crash leaves the old or the new list, never half of one.

const MAX_RECENT = 10;

interface StateFile {
  recent: Omit<RecentFile, 'exists'>[];
  language: Language;
  /** Region files this installation closed cleanly after their full check, by path: their stamp then (db/cleanClose). */
  clean: Record<string, string>;
}

const DEFAULT_STATE: StateFile = { recent: [], language: 'zh-Hant', clean: {} };
/** Clean-close stamps kept: the files a manager reopens are among the last few. */
const MAX_CLEAN = 20;

export class AppState {
  private readonly file: string;
  private state: StateFile;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'app-state.json');
    this.state = AppState.read(this.file);
  }

  private static read(file: string): StateFile {
    if (!existsSync(file)) return { ...DEFAULT_STATE, clean: {} };
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>;
      const recent = Array.isArray(raw.recent)
        ? raw.recent.filter(
            (r): r is StateFile['recent'][number] =>
              !!r && typeof r.path === 'string' && typeof r.regionName === 'string' && typeof r.planYear === 'number',
          )
        : [];
      const language = (LANGUAGES as readonly string[]).includes(raw.language ?? '') ? (raw.language as Language) : 'zh-Hant';
      const clean = Object.fromEntries(
        Object.entries(raw.clean && typeof raw.clean === 'object' ? raw.clean : {}).filter(([k, v]) => typeof k === 'string' && typeof v === 'string'),
      );
      return { recent, language, clean };
    } catch {
      // A damaged state file only costs the recent list; it never blocks start-up.
      return { ...DEFAULT_STATE, clean: {} };
    }
  }

  private write(): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state, null, 2));
    renameSync(temp, this.file);
  }

  recent(): RecentFile[] {
    return this.state.recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  isRecent(path: string): boolean {
    return this.state.recent.some((r) => r.path === path);
  }

  addRecent(summary: RegionSummary): void {
    const entry = {
      path: summary.path,
      fileName: basename(summary.path),
      regionName: summary.regionName,
      planYear: summary.planYear,
      openedAt: new Date().toISOString(),
    };
    this.state.recent = [entry, ...this.state.recent.filter((r) => r.path !== summary.path)].slice(0, MAX_RECENT);
    this.write();
  }

  /** The stamp of `path` when this installation last closed it cleanly, if any. */
  cleanStampOf(path: string): string | null {
    return this.state.clean[path] ?? null;
  }

  /** Records (or, with null, forgets) the stamp of a file just closed cleanly, newest last. */
  rememberClean(path: string, stamp: string | null): void {
    // Reopened and closed without a write: the record stands as it is (no state write on the way out).
    const entries = Object.keys(this.state.clean);
    if (stamp !== null && this.state.clean[path] === stamp && entries[entries.length - 1] === path) return;
    const { [path]: _old, ...others } = this.state.clean;
    const kept = Object.entries(others).slice(-(MAX_CLEAN - 1));
    this.state.clean = Object.fromEntries(stamp === null ? kept : [...kept, [path, stamp]]);
    this.write();
  }

  forgetRecent(path: string): void {
    this.state.recent = this.state.recent.filter((r) => r.path !== path);
    this.write();
  }

  get language(): Language {
    return this.state.language;
  }

  set language(language: Language) {
    this.state.language = language;
    this.write();
  }
}
