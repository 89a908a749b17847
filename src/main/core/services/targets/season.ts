import type { SeasonalityInfo } from '../../../../shared/endpoints/targets';
import { refusal } from '../../../../shared/errors';
import { seasonalityFromHistory } from '../../../../shared/spread';
import type { ReadDb, WriteDb } from '../../db/handle';
import { salesByPeriod } from '../../repos/region';
import { deleteSeason, insertSeason, seasonWeights } from '../../repos/targets/season';
import { MONTHS, type TargetCache } from './model';
import { assertEditable } from './versions';

// A version's seasonality profile: 12 monthly weights averaging 1. By default from
// the last three calendar years of actuals; the manager can set the version's own.

const historyCache = new WeakMap<TargetCache, number[]>();

function fromHistory(db: ReadDb, cache: TargetCache): number[] {
  const hit = historyCache.get(cache);
  if (hit) return hit;
  const last = cache.refs.lastYear;
  const monthly = new Float64Array(36);
  for (const r of salesByPeriod(db, (last - 2) * 100 + 1, last * 100 + 12)) {
    monthly[(Math.floor(r.period / 100) - (last - 2)) * 12 + (r.period % 100) - 1] = r.amountCents;
  }
  const profile = Array.from(seasonalityFromHistory(monthly));
  historyCache.set(cache, profile);
  return profile;
}

export function seasonalityOf(db: ReadDb, cache: TargetCache, versionId: number): SeasonalityInfo {
  const history = fromHistory(db, cache);
  const rows = seasonWeights(db, versionId);
  if (rows.length !== MONTHS) return { profile: history, fromHistory: history, custom: false };
  return { profile: rows.map((r) => r.weight), fromHistory: history, custom: true };
}

/** Sets (normalised to average 1) or clears a version's own profile. */
export function setSeasonality(db: WriteDb, cache: TargetCache, versionId: number, profile: number[] | null): SeasonalityInfo {
  assertEditable(db, versionId);
  const sum = profile?.reduce((a, b) => a + b, 0) ?? 0;
  if (profile !== null && !(sum > 0)) {
    throw refusal('INVALID_INPUT', 'targets.error.noWeights', 'a seasonality profile needs at least one month above zero', { path: 'profile' });
  }
  deleteSeason(db, versionId);
  if (profile !== null) insertSeason(db, versionId, profile.map((w) => (w * MONTHS) / sum));
  return seasonalityOf(db, cache, versionId);
}
