import type Database from 'better-sqlite3';
import type { SeasonalityInfo } from '../../../../shared/endpoints/targets';
import { AppError } from '../../../../shared/errors';
import { seasonalityFromHistory } from '../../../../shared/spread';
import { MONTHS, type TargetCache } from './model';
import { assertEditable } from './versions';

// A version's seasonality profile: 12 monthly weights averaging 1. By default from
// the last three calendar years of actuals; the manager can set the version's own.

const historyCache = new WeakMap<TargetCache, number[]>();

function fromHistory(sqlite: Database.Database, cache: TargetCache): number[] {
  const hit = historyCache.get(cache);
  if (hit) return hit;
  const last = cache.refs.lastYear;
  const rows = sqlite
    .prepare('SELECT period, sum(amount_cents) AS amount FROM sales_actual WHERE period BETWEEN ? AND ? GROUP BY period')
    .all((last - 2) * 100 + 1, last * 100 + 12) as { period: number; amount: number }[];
  const monthly = new Float64Array(36);
  for (const r of rows) monthly[(Math.floor(r.period / 100) - (last - 2)) * 12 + (r.period % 100) - 1] = r.amount;
  const profile = Array.from(seasonalityFromHistory(monthly));
  historyCache.set(cache, profile);
  return profile;
}

export function seasonalityOf(sqlite: Database.Database, cache: TargetCache, versionId: number): SeasonalityInfo {
  const history = fromHistory(sqlite, cache);
  const rows = sqlite
    .prepare('SELECT month, weight FROM target_season WHERE version_id = ? ORDER BY month')
    .all(versionId) as { month: number; weight: number }[];
  if (rows.length !== MONTHS) return { profile: history, fromHistory: history, custom: false };
  return { profile: rows.map((r) => r.weight), fromHistory: history, custom: true };
}

/** Sets (normalised to average 1) or clears a version's own profile. */
export function setSeasonality(sqlite: Database.Database, cache: TargetCache, versionId: number, profile: number[] | null): SeasonalityInfo {
  assertEditable(sqlite, versionId);
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM target_season WHERE version_id = ?').run(versionId);
    if (profile === null) return;
    const sum = profile.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) {
      throw new AppError('INVALID_INPUT', 'a seasonality profile needs at least one month above zero', {
        issues: [{ path: 'profile', message: 'targets.error.noWeights' }],
      });
    }
    const insert = sqlite.prepare('INSERT INTO target_season (version_id, month, weight) VALUES (?, ?, ?)');
    profile.forEach((w, i) => insert.run(versionId, i + 1, (w * MONTHS) / sum));
  }).immediate();
  return seasonalityOf(sqlite, cache, versionId);
}
