import type { CycleSettings, NewCycle } from '../../../shared/hq';
import { openTarget, type Db, type HqTarget, type StoreDialect } from './dialect';
import { HQ_SCHEMA_VERSION, createSchema, upgradeSchema } from './schema';

// Opening and creating a head-office workspace on either store. The workspace holds one
// plan cycle: its plan year, the regions expected, the tolerance and the expense cap.

export interface HqStore {
  readonly target: HqTarget;
  readonly db: Db;
  readonly dialect: StoreDialect;
}

export const DEFAULT_TOLERANCE = 0.01;

/** Creates a workspace (a new .rplanhq file, or the tables in an empty PostgreSQL database). */
export async function createHqStore(target: HqTarget, cycle: NewCycle, now = new Date().toISOString()): Promise<HqStore> {
  if (!Number.isInteger(cycle.planYear) || cycle.planYear < 2000 || cycle.planYear > 2100) throw new Error(`plan year ${cycle.planYear} is not a year`);
  const { db, dialect } = openTarget(target, true);
  const store: HqStore = { target, db, dialect };
  try {
    if ((await dialect.schemaVersion(db)) !== 0) throw new Error('the database already holds a head-office workspace');
    await dialect.writing(db, async (trx) => {
      await createSchema(trx, dialect);
      await trx
        .insertInto('cycle')
        .values({
          id: 1, plan_year: cycle.planYear, name: cycle.name ?? `${cycle.planYear}`, tolerance: cycle.tolerance ?? DEFAULT_TOLERANCE,
          expense_cap: cycle.expenseCap ?? null, due_date: cycle.dueDate ?? null, created_at: now,
        })
        .execute();
      const names = [...new Set((cycle.regions ?? []).map((n) => n.trim()).filter((n) => n.length > 0))];
      for (const [i, name] of names.entries()) {
        await trx.insertInto('region').values({ name, expected: 1, state: 'pending', sort_order: i + 1 }).execute();
      }
      await dialect.setSchemaVersion(trx, HQ_SCHEMA_VERSION);
    });
    return store;
  } catch (e) {
    await closeHqStore(store);
    throw e;
  }
}

/** Opens an existing workspace; refuses one this build does not read. */
export async function openHqStore(target: HqTarget): Promise<HqStore> {
  const { db, dialect } = openTarget(target, false);
  const store: HqStore = { target, db, dialect };
  try {
    const version = await dialect.schemaVersion(db);
    if (version === 0) throw new Error('no head-office workspace here: create one with hq init');
    if (version > HQ_SCHEMA_VERSION) throw new Error(`the workspace's schema version ${version} is newer than this build reads (${HQ_SCHEMA_VERSION})`);
    if (version < HQ_SCHEMA_VERSION) await upgradeSchema(db, dialect, version);
    return store;
  } catch (e) {
    await closeHqStore(store);
    throw e;
  }
}

export async function closeHqStore(store: HqStore): Promise<void> {
  await store.db.destroy();
  await store.dialect.close();
}

export async function cycleOf(db: Db): Promise<CycleSettings> {
  const c = await db.selectFrom('cycle').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { planYear: c.plan_year, name: c.name, tolerance: c.tolerance, expenseCap: c.expense_cap, dueDate: c.due_date };
}

/** Changes the cycle's tolerance, cap or due date. */
export async function updateCycle(store: HqStore, patch: Partial<Pick<CycleSettings, 'name' | 'tolerance' | 'expenseCap' | 'dueDate'>>): Promise<CycleSettings> {
  await store.dialect.writing(store.db, async (trx) => {
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.tolerance !== undefined) set.tolerance = patch.tolerance;
    if (patch.expenseCap !== undefined) set.expense_cap = patch.expenseCap;
    if (patch.dueDate !== undefined) set.due_date = patch.dueDate;
    if (Object.keys(set).length > 0) await trx.updateTable('cycle').set(set).where('id', '=', 1).execute();
  });
  return cycleOf(store.db);
}
