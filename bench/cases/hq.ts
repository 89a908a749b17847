import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createHandlers } from '../../src/main/core/handlers';
import { SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import { openRegionFile } from '../../src/main/core/db/regionFile';
import { bareBulkLoad, openTarget, type HqTarget } from '../../src/main/core/hq/dialect';
import { closeHqStore, createHqStore, nationalByRegionMonth, openHqStore, receivePaths, type HqStore } from '../../src/main/core/hq';
import { installationSigner, verifyPlanPackage, writePlanPackage } from '../../src/main/core/io/planPackage';
import { runJobHere } from '../../src/main/core/jobs/run';
import { Session } from '../../src/main/core/session';
import { median, peakRssMb, timeOnce } from '../measure';
import type { BenchCase, BenchContext, BenchResult } from '../types';
import { benchHost } from './foundation';
import { ok, workingVersion } from './targets';

// Head office receiving 50 typical regions' packages, on SQLite and on PostgreSQL, and
// the national plan by region × month over them. The 50 packages are one typical demo
// region, planned and snapshotted, copied 50 times with its identity (region_meta)
// changed, each packaged and signed by a key of its own: cached in .bench/ by schema
// version. Baselines, in the same run: the same rows loaded bare from the packages'
// already-unpacked copies (SQLite: ATTACH + INSERT … SELECT; PostgreSQL: COPY).

const REGIONS = 50;
const fixtureDir = (ctx: BenchContext) => join(ctx.workDir, `hq-${REGIONS}-schema${SCHEMA_VERSION}`);

interface Fixture {
  packages: string[];
  /** Each package's verified SQLite copy, for the baselines. */
  copies: string[];
}

async function fixture(ctx: BenchContext): Promise<Fixture> {
  const dir = fixtureDir(ctx);
  const list = (): Fixture => {
    const names = readdirSync(dir).filter((n) => n.endsWith('.rplanpkg')).sort();
    return { packages: names.map((n) => join(dir, n)), copies: names.map((n) => join(dir, n.replace(/\.rplanpkg$/, '.sqlite'))) };
  };
  if (existsSync(join(dir, 'done'))) return list();
  rmSync(dir, { recursive: true, force: true });
  const temp = `${dir}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  process.stderr.write(`generating ${REGIONS} typical regions' packages into ${dir} (once)...\n`);
  const base = join(temp, 'typical.rplan');
  await runJobHere({ kind: 'demo', size: 'typical', seed: 7, regionName: '華東大區', planYear: 2027, out: base }, () => undefined, () => false);
  const session = new Session(benchHost(join(temp, 'state')));
  const registry = createHandlers(session);
  session.grant(base);
  let snapshotId: number;
  try {
    await ok(registry, 'file.open', { path: base });
    await session.checked();
    const v = await workingVersion(registry);
    const ho = await ok<{ amountCents: number }[]>(registry, 'targets.hoTarget', {});
    await ok(registry, 'targets.setCells', {
      versionId: v, levels: ['province'], measure: 'amount', method: 'lastYear', label: 'spread',
      edits: [{ path: [], period: 'year', value: ho.reduce((s, m) => s + m.amountCents, 0) }],
    });
    await ok(registry, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
    snapshotId = (await ok<{ id: number }>(registry, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 第1版' })).id;
  } finally {
    await session.close();
  }
  // The raw sales lines never travel: left out of the copies, every copy is small to check and package.
  const db = new Database(base);
  try {
    db.exec('DELETE FROM sales_actual');
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  for (let i = 1; i <= REGIONS; i++) {
    const name = `區域${String(i).padStart(2, '0')}`;
    const path = join(temp, `${name}.rplan`);
    copyFileSync(base, path);
    const r = new Database(path);
    try {
      r.prepare('UPDATE region_meta SET region_id = ?, region_name = ? WHERE id = 1').run(randomUUID(), name);
    } finally {
      r.close();
    }
    const file = await openRegionFile(path);
    const out = join(temp, `${name}.rplanpkg`);
    try {
      await writePlanPackage({
        file, versionId: snapshotId, revision: 1, replaces: null, outPath: out, signer: installationSigner(join(temp, `key-${i}`)),
        appVersion: 'bench', createdAt: '2026-12-07T00:00:00.000Z',
      });
    } finally {
      await file.close();
    }
    const verdict = await verifyPlanPackage(out, { keepCopyAt: join(temp, `${name}.sqlite`) });
    if (verdict.verdict !== 'ok') throw new Error(`bench package ${name} does not verify: ${verdict.message}`);
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  }
  for (const s of ['', '-wal', '-shm']) rmSync(base + s, { force: true });
  rmSync(join(temp, 'state'), { recursive: true, force: true });
  copyFileSync(join(temp, `區域01.sqlite`), join(temp, 'done'));
  renameSync(temp, dir);
  return list();
}

const regionNames = Array.from({ length: REGIONS }, (_, i) => `區域${String(i + 1).padStart(2, '0')}`);

/** All 50 in one receive, as `hq receive HQ DIR` and the window's drop do. */
async function receiveAll(store: HqStore, packages: string[]): Promise<number> {
  let rows = 0;
  for (const r of await receivePaths(store, packages, { by: 'bench' })) {
    if (r.verdict !== 'accepted') throw new Error(`${r.fileName}: ${r.message}`);
    rows += r.factRows;
  }
  return rows;
}

async function bareAll(target: HqTarget, copies: string[]): Promise<number> {
  const bare = openTarget(target, false);
  try {
    let rows = 0;
    for (const c of copies) rows += await bareBulkLoad(bare, c);
    return rows;
  } finally {
    await bare.db.destroy();
    await bare.dialect.close();
  }
}

/** A fresh PostgreSQL database on the server RPLAN_PG_URL names, dropped by the returned function. */
async function freshPg(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const url = process.env.RPLAN_PG_URL;
  if (!url) return null;
  const name = `rplan_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Stores filled by the receive cases, for hq-view; removed at the end of hq-view. */
const filled: { sqlite: string | null; pg: { url: string; drop: () => Promise<void> } | null } = { sqlite: null, pg: null };

/** Whatever hq-view did not get to use (a run with --only hq-receive) is removed when the run ends. */
function releaseAtExit(): void {
  if (releaseAtExit.registered) return;
  releaseAtExit.registered = true;
  process.once('beforeExit', () => {
    const sqlite = filled.sqlite;
    const db = filled.pg;
    filled.sqlite = null;
    filled.pg = null;
    if (sqlite) for (const s of ['', '-wal', '-shm']) rmSync(sqlite + s, { force: true });
    if (db) void db.drop();
  });
}
releaseAtExit.registered = false;

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export const hqReceive50: BenchCase = {
  name: 'hq-receive-50',
  async run(ctx): Promise<BenchResult> {
    const f = await fixture(ctx);
    const path = join(ctx.workDir, 'hq-receive-50.rplanhq');
    const barePath = join(ctx.workDir, 'hq-receive-50-bare.rplanhq');
    for (const p of [path, barePath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });
    await closeHqStore(await createHqStore({ kind: 'sqlite', path: barePath }, { planYear: 2027 }));
    const baseline = await timeOnce(() => bareAll({ kind: 'sqlite', path: barePath }, f.copies));
    const store = await createHqStore({ kind: 'sqlite', path }, { planYear: 2027, regions: regionNames });
    let rows = 0;
    const ours = await timeOnce(async () => (rows = await receiveAll(store, f.packages)));
    await closeHqStore(store);
    filled.sqlite = path;
    releaseAtExit();
    for (const s of ['', '-wal', '-shm']) rmSync(barePath + s, { force: true });
    return {
      case: 'hq-receive-50', ours_ms: Math.round(ours), baseline: 'bare ATTACH + INSERT … SELECT of the same rows from the unpacked copies', baseline_ms: Math.round(baseline),
      ratio: ratio(ours, baseline), peak_rss_mb: peakRssMb(),
      note: `${REGIONS} packages, ${rows.toLocaleString('en-US')} plan rows (region × month × city × channel × SKU); ours includes each package's verification (unzip, hashes, integrity_check, control totals); goal ratio ≤ 1.5`,
    };
  },
};

export const hqReceive50Pg: BenchCase = {
  name: 'hq-receive-50-pg',
  async run(ctx): Promise<BenchResult> {
    const db = await freshPg();
    if (!db) return { case: 'hq-receive-50-pg', ours_ms: 0, baseline: null, baseline_ms: null, ratio: null, note: 'skipped: RPLAN_PG_URL is not set' };
    const f = await fixture(ctx);
    const bareDb = await freshPg();
    try {
      await closeHqStore(await createHqStore({ kind: 'postgres', url: bareDb!.url }, { planYear: 2027 }));
      const baseline = await timeOnce(() => bareAll({ kind: 'postgres', url: bareDb!.url }, f.copies));
      const store = await createHqStore({ kind: 'postgres', url: db.url }, { planYear: 2027, regions: regionNames });
      let rows = 0;
      const ours = await timeOnce(async () => (rows = await receiveAll(store, f.packages)));
      await closeHqStore(store);
      filled.pg = db;
      releaseAtExit();
      return {
        case: 'hq-receive-50-pg', ours_ms: Math.round(ours), baseline: 'bare COPY FROM STDIN of the same rows from the unpacked copies', baseline_ms: Math.round(baseline),
        ratio: ratio(ours, baseline), peak_rss_mb: peakRssMb(),
        note: `${REGIONS} packages, ${rows.toLocaleString('en-US')} plan rows, each region's partition swapped in; ours includes each package's verification; goal ratio ≤ 1.5`,
      };
    } finally {
      await bareDb!.drop();
      if (filled.pg !== db) await db.drop();
    }
  },
};

async function viewMs(target: HqTarget): Promise<{ ms: number; cells: number }> {
  const store = await openHqStore(target);
  try {
    let cells = 0;
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await timeOnce(async () => (cells = (await nationalByRegionMonth(store)).length)));
    return { ms: median(runs), cells };
  } finally {
    await closeHqStore(store);
  }
}

export const hqView: BenchCase = {
  name: 'hq-view',
  async run(ctx): Promise<BenchResult> {
    if (!filled.sqlite) await hqReceive50.run(ctx);
    if (!filled.pg && process.env.RPLAN_PG_URL) await hqReceive50Pg.run(ctx);
    try {
      const s = await viewMs({ kind: 'sqlite', path: filled.sqlite! });
      const p = filled.pg ? await viewMs({ kind: 'postgres', url: filled.pg.url }) : null;
      return {
        case: 'hq-view', ours_ms: Math.round(Math.max(s.ms, p?.ms ?? 0)), baseline: null, baseline_ms: null, ratio: null,
        note: `national plan by region × month (${s.cells} cells over ${REGIONS} regions), median of 5: SQLite ${Math.round(s.ms)} ms, PostgreSQL ${p ? `${Math.round(p.ms)} ms` : 'skipped (RPLAN_PG_URL not set)'}; the slower is the figure; goal ≤ 200 ms`,
      };
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(filled.sqlite! + suffix, { force: true });
      filled.sqlite = null;
      await filled.pg?.drop();
      filled.pg = null;
    }
  },
};
