import { sql } from 'kysely';
import { all, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TargetSeasonRow } from '../../db/schema';

// A version's own seasonality profile (target_season): 12 monthly weights, or none
// (the profile then comes from history).

export function seasonWeights(db: ReadDb, versionId: number): Pick<TargetSeasonRow, 'month' | 'weight'>[] {
  return all(db, qb.selectFrom('target_season').select(['month', 'weight']).where('version_id', '=', versionId).orderBy('month'));
}

export function deleteSeason(db: WriteDb, versionId: number): void {
  run(db, qb.deleteFrom('target_season').where('version_id', '=', versionId));
}

/** Writes a version's weights, month 1 first. */
export function insertSeason(db: WriteDb, versionId: number, weights: readonly number[]): void {
  if (weights.length === 0) return;
  run(db, qb.insertInto('target_season').values(weights.map((weight, i) => ({ version_id: versionId, month: i + 1, weight }))));
}

/** Gives a new version the profile of the one it is copied from. */
export function copySeason(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('target_season')
      .columns(['version_id', 'month', 'weight'])
      .expression(qb.selectFrom('target_season').select([sql<number>`${toId}`.as('version_id'), 'month', 'weight']).where('version_id', '=', fromId)),
  );
}
