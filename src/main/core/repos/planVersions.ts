import { AppError } from '../../../shared/errors';
import { first, qb } from '../db/exec';
import type { ReadDb } from '../db/handle';
import type { PlanVersionRow } from '../db/schema';

// Plan versions: the working plan, snapshots and scenarios (plan_version).

/** The working plan's id. Every file has one: it is made with the file, and promoting a scenario keeps one. */
export function workingVersionId(db: ReadDb): number {
  const row = first(db, qb.selectFrom('plan_version').select('id').where('kind', '=', 'working'));
  if (!row) throw new AppError('INTERNAL', 'the file has no working plan version');
  return row.id;
}

export function findVersion(db: ReadDb, id: number): PlanVersionRow | undefined {
  return first(db, qb.selectFrom('plan_version').selectAll().where('id', '=', id));
}
