import { sql } from 'kysely';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { ActionItemRow, HeadcountPlanRow, SalespersonRow, TrainingSessionRow } from '../db/schema';

// The team plan of a plan version: headcount by role and month (headcount_plan),
// training sessions (training_session) and the action list (action_item).

export function headcountRows(db: ReadDb, versionId: number): HeadcountPlanRow[] {
  return all(db, qb.selectFrom('headcount_plan').selectAll().where('version_id', '=', versionId).orderBy('role').orderBy('month'));
}

export function hasHeadcount(db: ReadDb, versionId: number, role?: string): boolean {
  let q = qb.selectFrom('headcount_plan').select('month').where('version_id', '=', versionId);
  if (role !== undefined) q = q.where('role', '=', role);
  return first(db, q.limit(1)) !== undefined;
}

export function insertHeadcount(db: WriteDb, row: HeadcountPlanRow): void {
  run(db, qb.insertInto('headcount_plan').values(row));
}

export function putHeadcount(db: WriteDb, row: HeadcountPlanRow): void {
  run(
    db,
    qb
      .insertInto('headcount_plan')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['version_id', 'role', 'month']).doUpdateSet((eb) => ({
          headcount: eb.ref('excluded.headcount'),
          cost_per_head_cents: eb.ref('excluded.cost_per_head_cents'),
        })),
      ),
  );
}

export function deleteRole(db: WriteDb, versionId: number, role: string): void {
  run(db, qb.deleteFrom('headcount_plan').where('version_id', '=', versionId).where('role', '=', role));
}

/** Every salesperson's role and tenure, for counting the current team. */
export function salespersonTenures(db: ReadDb): Pick<SalespersonRow, 'role' | 'start_date' | 'end_date'>[] {
  return all(db, qb.selectFrom('salesperson').select(['role', 'start_date', 'end_date']));
}

export function trainingSessions(db: ReadDb, versionId: number): TrainingSessionRow[] {
  return all(db, qb.selectFrom('training_session').selectAll().where('version_id', '=', versionId).orderBy('month').orderBy('id'));
}

export function findTrainingSession(db: ReadDb, versionId: number, id: number): TrainingSessionRow | undefined {
  return first(db, qb.selectFrom('training_session').selectAll().where('id', '=', id).where('version_id', '=', versionId));
}

export function insertTrainingSession(db: WriteDb, row: Omit<TrainingSessionRow, 'id'>): number {
  return Number(run(db, qb.insertInto('training_session').values(row)).lastInsertRowid);
}

export function updateTrainingSession(db: WriteDb, id: number, values: Pick<TrainingSessionRow, 'topic' | 'audience' | 'month' | 'cost_cents'>): void {
  const { topic, audience, month, cost_cents } = values;
  run(db, qb.updateTable('training_session').set({ topic, audience, month, cost_cents }).where('id', '=', id));
}

export function deleteTrainingSession(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('training_session').where('id', '=', id));
}

/** The version's actions: by due date (undated last), then id. */
export function actionItems(db: ReadDb, versionId: number): ActionItemRow[] {
  return all(
    db,
    qb
      .selectFrom('action_item')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy((eb) => eb('due_date', 'is', null))
      .orderBy('due_date')
      .orderBy('id'),
  );
}

export function findActionItem(db: ReadDb, versionId: number, id: number): ActionItemRow | undefined {
  return first(db, qb.selectFrom('action_item').selectAll().where('id', '=', id).where('version_id', '=', versionId));
}

type ActionValues = Omit<ActionItemRow, 'id' | 'version_id' | 'created_at'>;

/** The columns an edit of an action sets, and nothing else the object carries. */
const actionValues = (r: ActionValues): ActionValues => ({
  title: r.title, owner_id: r.owner_id, due_date: r.due_date, status: r.status, city_id: r.city_id, channel_id: r.channel_id,
  brand_id: r.brand_id, measure: r.measure, note: r.note,
});

export function insertActionItem(db: WriteDb, row: Omit<ActionItemRow, 'id'>): number {
  const values = { version_id: row.version_id, ...actionValues(row), created_at: row.created_at };
  return Number(run(db, qb.insertInto('action_item').values(values)).lastInsertRowid);
}

export function updateActionItem(db: WriteDb, id: number, values: ActionValues): void {
  run(db, qb.updateTable('action_item').set(actionValues(values)).where('id', '=', id));
}

export function deleteActionItem(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('action_item').where('id', '=', id));
}

/** The master tables an action can name. */
export type ActionRefTable = 'salesperson' | 'city' | 'channel' | 'brand';

export function actionRefExists(db: ReadDb, table: ActionRefTable, id: number): boolean {
  return first(db, qb.selectFrom(table).select('id').where('id', '=', id)) !== undefined;
}

/** The names an action's references show: salespeople and cities by id, channels and brands in their sort order. */
export function actionRefs(db: ReadDb): Record<ActionRefTable, { id: number; name: string }[]> {
  return {
    salesperson: all(db, qb.selectFrom('salesperson').select(['id', 'name']).orderBy('id')),
    city: all(db, qb.selectFrom('city').select(['id', 'name']).orderBy('id')),
    channel: all(db, qb.selectFrom('channel').select(['id', 'name']).orderBy('sort_order').orderBy('id')),
    brand: all(db, qb.selectFrom('brand').select(['id', 'name']).orderBy('sort_order').orderBy('id')),
  };
}

/** Copies a version's headcount plan, training sessions and action list into a new version, set-based (actions in the order of their ids). */
export function copyTeamPlan(db: WriteDb, fromId: number, toId: number): void {
  const headcount = ['role', 'month', 'headcount', 'cost_per_head_cents'] as const;
  run(db, qb.insertInto('headcount_plan').columns(['version_id', ...headcount])
    .expression(qb.selectFrom('headcount_plan').select([sql<number>`${toId}`.as('version_id'), ...headcount]).where('version_id', '=', fromId)));
  const training = ['topic', 'audience', 'month', 'cost_cents'] as const;
  run(db, qb.insertInto('training_session').columns(['version_id', ...training])
    .expression(qb.selectFrom('training_session').select([sql<number>`${toId}`.as('version_id'), ...training]).where('version_id', '=', fromId).orderBy('id')));
  const action = ['title', 'owner_id', 'due_date', 'status', 'city_id', 'channel_id', 'brand_id', 'measure', 'note', 'created_at'] as const;
  run(db, qb.insertInto('action_item').columns(['version_id', ...action])
    .expression(qb.selectFrom('action_item').select([sql<number>`${toId}`.as('version_id'), ...action]).where('version_id', '=', fromId).orderBy('id')));
}
