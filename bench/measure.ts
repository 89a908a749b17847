import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { BenchResult } from './types';
import { performance } from 'node:perf_hooks';

/** Runs fn once and returns its duration in milliseconds. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Runs ours and the baseline alternately, so that both see the same warm caches,
 * and returns the median of each.
 */
export async function paired(
  rounds: number,
  ours: () => unknown,
  baseline: () => unknown,
  /** Untimed, after each of ours: waits for work ours left running (a background check), so that it does not slow the next round. */
  settle: () => unknown = () => undefined,
): Promise<{ ours: number; baseline: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await timeOnce(baseline));
    a.push(await timeOnce(ours));
    await settle();
  }
  return { ours: median(a), baseline: median(b) };
}

class RolledBack extends Error {}

/** Runs `fn` in an immediate transaction of `sqlite` and rolls it back: bare SQL measured as a baseline, not kept. */
export function rolledBack(sqlite: Database.Database, fn: () => void): void {
  try {
    sqlite
      .transaction(() => {
        fn();
        throw new RolledBack();
      })
      .immediate();
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
}

/** Milliseconds to a tenth. */
export const round1 = (ms: number): number => Math.round(ms * 10) / 10;

/** A case's line from the times of its rounds and of its baseline's: the medians and their ratio. */
export function medianResult(name: string, ours: number[], base: number[], baseline: string, note: string): BenchResult {
  const o = median(ours);
  const b = median(base);
  return { case: name, ours_ms: round1(o), baseline, baseline_ms: round1(b), ratio: Math.round((o / b) * 100) / 100, note };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * This process's peak resident memory (MB). On Linux from /proc (VmHWM, the high-water
 * mark of this program's own memory): getrusage's maxRSS survives exec, so a child
 * spawned by a large parent would report the parent's size at the spawn as its own.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // Not Linux: below.
  }
  // resourceUsage().maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
