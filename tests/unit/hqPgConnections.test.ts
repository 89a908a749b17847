import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHqStore, createHqStore, cycleOf, type HqStore } from '../../src/main/core/hq';
import { createDatabaseOf, hqStores } from './hqFixtures';

// A PostgreSQL workspace whose idle connections the server ends (a restart, an
// administrator's pg_terminate_backend): the process carries on and the next query
// reconnects. Unheard, the pool's error event would end the whole process.

const pgStore = hqStores('rplan_hqconn').find((s) => s.name === 'postgres')!;
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

describe('a PostgreSQL workspace', () => {
  it.skipIf(pgStore.skip)('survives the server ending its idle connections', async () => {
    const target = pgStore.target();
    if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    await createDatabaseOf(target);
    const store = await createHqStore(target, { planYear: 2027, regions: ['華東大區'] });
    open.push(store);
    expect((await cycleOf(store.db)).planYear).toBe(2027);
    const database = new URL(target.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      const ended = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // Let the pool hear of it, then ask again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await cycleOf(store.db)).planYear).toBe(2027);
  });
});
