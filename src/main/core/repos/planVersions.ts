import { AppError } from '../../../shared/errors';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { PlanVersionRow } from '../db/schema';

// Plan versions: the working plan, snapshots and scenarios (plan_version). A
// version's cells, locks and seasonality are in repos/targets/.

/** The working plan's id. Every file has one: it is made with the file, and promoting a scenario keeps one. */
export function workingVersionId(db: ReadDb): number {
  const row = first(db, qb.selectFrom('plan_version').select('id').where('kind', '=', 'working'));
  if (!row) throw new AppError('INTERNAL', 'the file has no working plan version');
  return row.id;
}

export function findVersion(db: ReadDb, id: number): PlanVersionRow | undefined {
  return first(db, qb.selectFrom('plan_version').selectAll().where('id', '=', id));
}

/** Every version, in the order they were made. */
export function listVersionRows(db: ReadDb): PlanVersionRow[] {
  return all(db, qb.selectFrom('plan_version').selectAll().orderBy('id'));
}

export function versionNameTaken(db: ReadDb, name: string): boolean {
  return first(db, qb.selectFrom('plan_version').select('id').where('name', '=', name)) !== undefined;
}

/** The name of a snapshot taken from the version, if any. */
export function snapshotTakenFrom(db: ReadDb, id: number): string | undefined {
  return first(db, qb.selectFrom('plan_version').select('name').where('based_on_id', '=', id).where('frozen', '=', 1))?.name;
}

/** Adds a version and answers its id. */
export function insertVersion(db: WriteDb, row: Omit<PlanVersionRow, 'id'>): number {
  return Number(run(db, qb.insertInto('plan_version').values(row)).lastInsertRowid);
}

/** Makes a version a snapshot: from then on the file refuses any change to it or its cells. */
export function freezeVersion(db: WriteDb, id: number): void {
  run(db, qb.updateTable('plan_version').set({ kind: 'snapshot', frozen: 1 }).where('id', '=', id));
}

export function updateVersionRole(db: WriteDb, id: number, role: Pick<PlanVersionRow, 'kind' | 'name' | 'scenario'>): void {
  run(db, qb.updateTable('plan_version').set(role).where('id', '=', id));
}

/** Versions made from `fromId` now count as made from `toId`. */
export function rebaseVersions(db: WriteDb, fromId: number, toId: number | null): void {
  run(db, qb.updateTable('plan_version').set({ based_on_id: toId }).where('based_on_id', '=', fromId));
}

/** Deletes a version; its cells, locks and seasonality go with it (ON DELETE CASCADE). */
export function deleteVersionRow(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('plan_version').where('id', '=', id));
}
