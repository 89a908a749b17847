import type { Area } from '../../../shared/areas';

// The open file's change counter, one count per area. The registry bumps it after
// every command that committed a change; anything kept in memory about the file (the
// target cube, an analysis answer) records the counts of the areas it was computed
// from and is good while they stand. Nothing else decides when a cache is stale.

export class FileChanges {
  private readonly counts = new Map<Area, number>();
  private total = 0;
  private lastSavedAt: string | null = null;

  /** Records a committed change of `areas`. */
  bump(areas: Iterable<Area>): void {
    for (const a of areas) this.counts.set(a, (this.counts.get(a) ?? 0) + 1);
    this.total++;
    this.lastSavedAt = new Date().toISOString();
  }

  /** The counts of `areas`, as one comparable value: equal stamps, unchanged data. */
  stamp(areas: readonly Area[]): string {
    return areas.map((a) => this.counts.get(a) ?? 0).join('.');
  }

  /** Committed changes since the file was opened. */
  get generation(): number {
    return this.total;
  }

  /** ISO time of the last committed change, null when nothing changed since opening. */
  get savedAt(): string | null {
    return this.lastSavedAt;
  }
}

/**
 * Answers computed from the file, kept per open file while the areas they read are
 * unchanged, at most `limit` per file (the oldest goes first).
 */
export class Memo<T> {
  private readonly byFile = new WeakMap<FileChanges, { stamp: string; values: Map<string, T> }>();

  constructor(
    private readonly reads: readonly Area[],
    private readonly limit = 16,
  ) {}

  get(changes: FileChanges, key: string, compute: () => T): T {
    const stamp = changes.stamp(this.reads);
    let entry = this.byFile.get(changes);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, values: new Map() };
      this.byFile.set(changes, entry);
    }
    if (entry.values.has(key)) return entry.values.get(key)!;
    const value = compute();
    if (entry.values.size >= this.limit) entry.values.delete(entry.values.keys().next().value!);
    entry.values.set(key, value);
    return value;
  }
}
