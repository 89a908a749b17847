import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHqStore, createHqStore, receivePackage, receivePaths, type HqStore } from '../../src/main/core/hq';
import type { Receipt } from '../../src/shared/hq';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';

// A receive of many packages verifies the next one on a worker thread while this one
// loads. Whatever it overlaps, the receipts, their order, every refusal and what the
// workspace holds afterwards are those of receiving the same files one at a time.

const src = plannedTemplate();
const stores = hqStores('hqperf_pipe');
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

const T0 = '2026-12-07T01:00:00.000Z';
const T1 = '2026-12-07T02:00:00.000Z';
const NOW = '2026-12-07T05:00:00.000Z';

/** The whole workspace but its timestamps of creation: regions, packages, facts by region, the receipt log. */
async function everything(store: HqStore) {
  const db = store.db;
  return {
    regions: await db.selectFrom('region').selectAll().orderBy('key').execute(),
    packages: await db.selectFrom('package').selectAll().orderBy('package_id').execute(),
    facts: (await sql<{ region_key: number; n: number; amount: number }>`
      SELECT region_key, count(*) AS n, sum(amount_cents) AS amount FROM plan_fact GROUP BY region_key ORDER BY region_key`.execute(db)).rows
      .map((r) => [Number(r.region_key), Number(r.n), Number(r.amount)]),
    months: await db.selectFrom('plan_month').selectAll().orderBy('region_key').orderBy('month').execute(),
    expenses: await db.selectFrom('expense_fact').selectAll().orderBy('region_key').orderBy('item_code').orderBy('month').execute(),
    dims: await db.selectFrom('dim').selectAll().orderBy('kind').orderBy('code').execute(),
    log: await db.selectFrom('receipt').selectAll().orderBy('id').execute(),
  };
}

describe.each(stores)('a receive of many packages on $name', ({ target, skip }) => {
  async function workspace(): Promise<HqStore> {
    const t = target();
    await createDatabaseOf(t);
    const s = await createHqStore(t, { planYear: 2027, regions: ['華東大區', '華南大區'], tolerance: 0.01, expenseCap: 0.1 });
    open.push(s);
    return s;
  }

  it.skipIf(skip)('gives the receipts, in order, and the workspace of receiving the files one by one, refusals in the middle included', async () => {
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    const dir = join(src.work, `pipelined-${Date.now()}`);
    mkdirSync(dir);
    const east1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'a-east-1.rplanpkg') });
    // A flipped byte: refused by the package's own checks (on the worker).
    const bytes = readFileSync(east1);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(join(dir, 'b-tampered.rplanpkg'), bytes);
    // The first package again: only head office's checks, after it is loaded, can refuse it.
    copyFileSync(east1, join(dir, 'c-east-1-again.rplanpkg'));
    await packageOf(src, east, { revision: 2, replaces: 1, createdAt: T1, out: join(dir, 'd-east-2.rplanpkg') });
    await packageOf(src, south, { revision: 1, replaces: null, createdAt: T0, planYear: 2028, out: join(dir, 'e-south-2028.rplanpkg') });
    await packageOf(src, east, { revision: 2, replaces: 1, createdAt: T1, out: join(dir, 'f-east-2-other.rplanpkg') });
    await packageOf(src, south, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'g-south-1.rplanpkg') });
    const missing = join(dir, 'h-missing.rplanpkg');

    const pipelined = await workspace();
    const together = await receivePaths(pipelined, [dir, missing], { by: 'tester', now: NOW, language: 'en' });

    const oneByOne = await workspace();
    const files = [...['a-east-1', 'b-tampered', 'c-east-1-again', 'd-east-2', 'e-south-2028', 'f-east-2-other', 'g-south-1'].map((n) => join(dir, `${n}.rplanpkg`)), missing];
    const single: Receipt[] = [];
    for (const f of files) single.push(await receivePackage(oneByOne, f, { by: 'tester', now: NOW, language: 'en' }));

    expect(together.map((r) => [r.fileName, r.verdict, r.reason])).toEqual([
      ['a-east-1.rplanpkg', 'accepted', null],
      ['b-tampered.rplanpkg', 'refused', single[1].reason],
      ['c-east-1-again.rplanpkg', 'refused', 'replayed'],
      ['d-east-2.rplanpkg', 'accepted', null],
      ['e-south-2028.rplanpkg', 'refused', 'wrongYear'],
      ['f-east-2-other.rplanpkg', 'refused', 'revisionNotNewer'],
      ['g-south-1.rplanpkg', 'accepted', null],
      ['h-missing.rplanpkg', 'refused', 'notFound'],
    ]);
    expect(together).toEqual(single);
    const a = await everything(pipelined);
    expect(a.facts).toHaveLength(2);
    expect(a).toEqual(await everything(oneByOne));
  });

  it.skipIf(skip)('stops where receiving one by one stops, with what came before received', async () => {
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    const dir = join(src.work, `stops-${Date.now()}`);
    mkdirSync(dir);
    await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'a-east-1.rplanpkg') });
    // A folder named like a package cannot be read: an error, not a verdict, as it is alone.
    mkdirSync(join(dir, 'b-folder.rplanpkg'));
    await packageOf(src, south, { revision: 1, replaces: null, createdAt: T0, out: join(dir, 'c-south-1.rplanpkg') });

    const pipelined = await workspace();
    await expect(receivePaths(pipelined, [dir], { by: 'tester', now: NOW })).rejects.toThrow(/EISDIR/);
    const oneByOne = await workspace();
    expect((await receivePackage(oneByOne, join(dir, 'a-east-1.rplanpkg'), { by: 'tester', now: NOW })).verdict).toBe('accepted');
    await expect(receivePackage(oneByOne, join(dir, 'b-folder.rplanpkg'), { by: 'tester', now: NOW })).rejects.toThrow(/EISDIR/);

    const a = await everything(pipelined);
    expect(a.log.map((r) => [r.file_name, r.verdict])).toEqual([['a-east-1.rplanpkg', 'accepted']]);
    expect(a).toEqual(await everything(oneByOne));
  });
});
