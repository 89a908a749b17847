import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHqStore, createHqStore, type HqStore } from '../../src/main/core/hq';
import { TSX_ARGS } from './helpers';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';

// Two analysts receiving at the same time, in two processes, on one PostgreSQL
// workspace: every package is accepted once, no region's facts are two packages'
// (lost, doubled or interleaved), and the log holds every verdict of both.

const src = plannedTemplate();
const pgStore = hqStores('rplan_hqconc').find((s) => s.name === 'postgres')!;
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

function run(url: string, who: string, files: string[]): Promise<{ file: string; verdict: string; reason: string | null; packageId: string; rows: number }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, join(__dirname, 'children', 'hqReceiver.ts'), url, who, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').map((l) => JSON.parse(l))) : reject(new Error(`receiver exited ${code}: ${err}`))));
  });
}

describe('two processes receiving at once on PostgreSQL', () => {
  it.skipIf(pgStore.skip)('never lose, duplicate or interleave a package', async () => {
    const target = pgStore.target();
    if (target.kind !== 'postgres') throw new Error('unreachable');
    await createDatabaseOf(target);
    const store = await createHqStore(target, { planYear: 2027, regions: ['華東大區', '華南大區', '華北大區'] });
    open.push(store);
    const regions = ['華東大區', '華南大區', '華北大區'].map((n) => newRegion(src.work, n));
    const lists: string[][] = [];
    for (const r of regions) {
      const list: string[] = [];
      for (let rev = 1; rev <= 3; rev++) {
        list.push(await packageOf(src, r, { revision: rev, replaces: rev === 1 ? null : rev - 1, createdAt: `2026-12-07T0${rev}:00:00.000Z` }));
      }
      lists.push(list);
    }
    const all = lists.flat();
    const [a, b] = await Promise.all([run(target.url, 'analyst-a', all), run(target.url, 'analyst-b', [...lists[2], ...lists[1], ...lists[0]])]);
    const verdicts = [...a, ...b];
    expect(verdicts).toHaveLength(18);
    // Each package accepted by exactly one of the two.
    for (const f of all) expect(verdicts.filter((v) => v.file === f && v.verdict === 'accepted').length, f).toBeLessThanOrEqual(1);
    const accepted = verdicts.filter((v) => v.verdict === 'accepted');
    for (const r of verdicts.filter((v) => v.verdict === 'refused')) expect(['replayed', 'revisionNotNewer']).toContain(r.reason);
    // The last revision of every region is in, whoever got it.
    const regionRows = await store.db.selectFrom('region').select(['key', 'name', 'revision', 'package_id', 'state']).orderBy('key').execute();
    expect(regionRows.map((r) => r.revision)).toEqual([3, 3, 3]);
    const packages = await store.db.selectFrom('package').select(['package_id', 'region_key', 'revision', 'plan_cents']).execute();
    expect(packages).toHaveLength(accepted.length);
    expect(new Set(packages.map((p) => `${p.region_key}/${p.revision}`)).size).toBe(packages.length);
    const log = await store.db.selectFrom('receipt').select(['verdict']).execute();
    expect(log).toHaveLength(18);
    expect(log.filter((l) => l.verdict === 'accepted')).toHaveLength(accepted.length);
    // Each region's facts are exactly its accepted package's: one partition, its rows, its total.
    const facts = await sql<{ region_key: number; n: number; amount: number }>`
      SELECT region_key, count(*) AS n, sum(amount_cents) AS amount FROM plan_fact GROUP BY region_key ORDER BY region_key`.execute(store.db);
    expect(facts.rows).toHaveLength(3);
    for (const r of regionRows) {
      const f = facts.rows.find((x) => Number(x.region_key) === r.key)!;
      const pkg = packages.find((p) => p.package_id === r.package_id)!;
      const v = accepted.find((x) => x.packageId === r.package_id)!;
      expect(Number(f.n)).toBe(v.rows);
      expect(Number(f.amount)).toBe(pkg.plan_cents);
    }
    const parts = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'plan_fact'`.execute(store.db);
    expect(Number(parts.rows[0].n)).toBe(3);
  }, 180_000);
});
