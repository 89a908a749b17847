import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHqStore, createHqStore, receivePackage, receivePaths, type HqStore } from '../../src/main/core/hq';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';

// Receiving plan packages on both stores: an accepted package lands whole, the next
// revision replaces it, and every refusal (the package's own checks and head office's)
// changes nothing but the receipt log.

const src = plannedTemplate();
const stores = hqStores('rplan_hqrecv');
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

const T0 = '2026-12-07T01:00:00.000Z';
const T1 = '2026-12-07T02:00:00.000Z';
const T2 = '2026-12-07T03:00:00.000Z';

/** Everything but the receipt log, to compare before and after a refusal. */
async function contents(store: HqStore) {
  const db = store.db;
  return {
    regions: await db.selectFrom('region').selectAll().orderBy('key').execute(),
    packages: await db.selectFrom('package').select(['package_id', 'region_key', 'revision']).orderBy('package_id').execute(),
    facts: await db.selectFrom('plan_fact').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount_cents').as('amount')]).executeTakeFirst(),
    expenses: await db.selectFrom('expense_fact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  };
}
/** The regions' months (from the packages' control totals) are their facts summed. */
async function expectMonthsEqualFacts(store: HqStore) {
  const fromFacts = await sql<{ region_key: number; month: number; amount: number; volume: number; gp: number }>`
    SELECT region_key, month, sum(amount_cents) AS amount, sum(volume) AS volume, sum(gross_profit_cents) AS gp
      FROM plan_fact GROUP BY region_key, month HAVING sum(amount_cents) <> 0 OR sum(volume) <> 0 ORDER BY region_key, month`.execute(store.db);
  const months = await store.db.selectFrom('plan_month').select(['region_key', 'month', 'amount_cents', 'volume', 'gross_profit_cents'])
    .where((eb) => eb.or([eb('amount_cents', '<>', 0), eb('volume', '<>', 0)])).orderBy('region_key').orderBy('month').execute();
  expect(months.map((m) => [m.region_key, m.month, m.amount_cents, m.volume, m.gross_profit_cents]))
    .toEqual(fromFacts.rows.map((r) => [Number(r.region_key), Number(r.month), Number(r.amount), Number(r.volume), Number(r.gp)]));
}
const receipts = async (store: HqStore) => Number((await store.db.selectFrom('receipt').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(stores)('receiving packages on $name', ({ target, skip }) => {
  async function workspace(regions = ['華東大區', '華南大區']): Promise<HqStore> {
    const t = target();
    await createDatabaseOf(t);
    const s = await createHqStore(t, { planYear: 2027, regions, tolerance: 0.01, expenseCap: 0.1 });
    open.push(s);
    return s;
  }

  async function expectRefused(store: HqStore, path: string, reason: string, options: { acceptNewKey?: boolean; registerRegion?: boolean } = {}) {
    const before = await contents(store);
    const n = await receipts(store);
    const r = await receivePackage(store, path, { by: 'tester', ...options });
    expect(r.verdict, r.message).toBe('refused');
    expect(r.reason).toBe(reason);
    expect(r.message).not.toMatch(/^hq\.|^planPackage\./);
    expect(await contents(store)).toEqual(before);
    expect(await receipts(store)).toBe(n + 1);
    const logged = await store.db.selectFrom('receipt').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ verdict: 'refused', reason, words: r.message, received_by: 'tester' });
    return r;
  }

  it.skipIf(skip)('accepts a package, then the next revision in its place, and refuses what would go back', async () => {
    const store = await workspace();
    const east = newRegion(src.work, '華東大區');
    const r1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0 });
    const a = await receivePackage(store, r1, { by: 'analyst' });
    expect(a, a.message).toMatchObject({ verdict: 'accepted', revision: 1, regionName: '華東大區' });
    expect(a.factRows).toBeGreaterThan(0);
    const region = await store.db.selectFrom('region').selectAll().where('name', '=', '華東大區').executeTakeFirstOrThrow();
    expect(region).toMatchObject({ id: east.id, state: 'submitted', revision: 1, fingerprint: east.signer.fingerprint, expected: 1 });
    const after1 = await contents(store);
    expect(Number(after1.facts!.n)).toBe(a.factRows);
    expect(Number(after1.facts!.amount)).toBe(src.planCents);
    expect(Number(after1.expenses!.n)).toBeGreaterThan(0);
    await expectMonthsEqualFacts(store);

    // The same package again, another revision 1, and a revision skipping the accepted one.
    await expectRefused(store, r1, 'replayed');
    await expectRefused(store, await packageOf(src, east, { revision: 1, replaces: null, createdAt: T1 }), 'revisionNotNewer');
    await expectRefused(store, await packageOf(src, east, { revision: 3, replaces: 2, createdAt: T1 }), 'skipsRevision');
    // Newer revision, issued before the accepted one.
    await expectRefused(store, await packageOf(src, east, { revision: 2, replaces: 1, createdAt: '2026-12-06T00:00:00.000Z' }), 'stale');

    // Revision 2, with less planned in one month: it replaces revision 1's rows.
    const r2 = await packageOf(src, east, {
      revision: 2, replaces: 1, createdAt: T1,
      edit: (db) => {
        // The snapshot is frozen by a trigger: this test plays a region whose next snapshot plans nothing in December.
        const trigger = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'target_fact_frozen_delete'`).pluck().get() as string;
        db.exec('DROP TRIGGER target_fact_frozen_delete');
        db.prepare(`DELETE FROM target_fact WHERE version_id = ? AND month = 12`).run(src.snapshotId);
        db.exec(trigger);
      },
    });
    const b = await receivePackage(store, r2, { by: 'analyst' });
    expect(b, b.message).toMatchObject({ verdict: 'accepted', revision: 2 });
    const after2 = await contents(store);
    expect(Number(after2.facts!.n)).toBe(b.factRows);
    expect(Number(after2.facts!.amount)).toBeLessThan(src.planCents);
    expect(after2.packages.map((p) => p.revision).sort()).toEqual([1, 2]);
    expect(after2.regions.find((r) => r.name === '華東大區')).toMatchObject({ revision: 2, state: 'submitted' });
    await expectMonthsEqualFacts(store);
    const months = await store.db.selectFrom('plan_fact').select('month').distinct().execute();
    expect(months.map((m) => m.month)).not.toContain(12);
    // The old revision's package comes back: refused.
    await expectRefused(store, r1, 'replayed');
  });

  it.skipIf(skip)('refuses a tampered byte, a foreign year, an unknown region and a changed key; registers and re-keys on head office’s say-so', async () => {
    const store = await workspace();
    const east = newRegion(src.work, '華東大區');
    const good = await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0 });
    const bytes = readFileSync(good);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    const tampered = join(src.work, 'tampered.rplanpkg');
    writeFileSync(tampered, bytes);
    const t = await receivePackage(store, tampered, { by: 'tester' });
    expect(t.verdict).toBe('refused');
    expect(await contents(store)).toMatchObject({ packages: [], facts: { n: 0 } });

    await expectRefused(store, await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0, planYear: 2028 }), 'wrongYear');
    const west = newRegion(src.work, '西北大區');
    const westPkg = await packageOf(src, west, { revision: 1, replaces: null, createdAt: T0 });
    await expectRefused(store, westPkg, 'unknownRegion');
    const reg = await receivePackage(store, westPkg, { by: 'tester', registerRegion: true });
    expect(reg, reg.message).toMatchObject({ verdict: 'accepted' });
    expect(await store.db.selectFrom('region').select(['expected', 'id']).where('name', '=', '西北大區').executeTakeFirst()).toEqual({ expected: 0, id: west.id });
    // Another region file that calls itself 西北大區.
    await expectRefused(store, await packageOf(src, newRegion(src.work, '西北大區'), { revision: 1, replaces: null, createdAt: T0 }), 'regionNameTaken', { registerRegion: true });

    expect((await receivePackage(store, good, { by: 'tester' })).verdict).toBe('accepted');
    const moved = { ...east, signer: newRegion(src.work, 'x').signer };
    const rekeyed = await packageOf(src, moved, { revision: 2, replaces: 1, createdAt: T1 });
    const k = await expectRefused(store, rekeyed, 'keyChanged');
    expect(k.message).toContain(east.signer.fingerprint);
    const ok = await receivePackage(store, rekeyed, { by: 'tester', acceptNewKey: true });
    expect(ok, ok.message).toMatchObject({ verdict: 'accepted', revision: 2 });
    expect((await store.db.selectFrom('region').select('fingerprint').where('id', '=', east.id).executeTakeFirstOrThrow()).fingerprint).toBe(moved.signer.fingerprint);
    // Now the old key is the stranger.
    await expectRefused(store, await packageOf(src, east, { revision: 3, replaces: 2, createdAt: T2 }), 'keyChanged');
  });

  it.skipIf(skip)('receives a folder in name order and logs every verdict', async () => {
    const store = await workspace();
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    const dir = join(src.work, `folder-${Date.now()}`);
    (await import('node:fs')).mkdirSync(dir);
    await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'a-east-1.rplanpkg') });
    await packageOf(src, east, { revision: 2, replaces: 1, createdAt: T1, out: join(dir, 'b-east-2.rplanpkg') });
    await packageOf(src, south, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'c-south-1.rplanpkg') });
    writeFileSync(join(dir, 'notes.txt'), 'not a package');
    const rs = await receivePaths(store, [dir], { by: 'tester' });
    expect(rs.map((r) => [r.fileName, r.verdict])).toEqual([
      ['a-east-1.rplanpkg', 'accepted'], ['b-east-2.rplanpkg', 'accepted'], ['c-south-1.rplanpkg', 'accepted'],
    ]);
    const log = await store.db.selectFrom('receipt').select(['file_name', 'verdict']).orderBy('id').execute();
    expect(log).toHaveLength(3);
    const perRegion = await sql<{ region_key: number; n: number }>`SELECT region_key, count(*) AS n FROM plan_fact GROUP BY region_key ORDER BY region_key`.execute(store.db);
    expect(perRegion.rows.map((r) => Number(r.n))).toEqual([rs[1].factRows, rs[2].factRows]);
  });
});
