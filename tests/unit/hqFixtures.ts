import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { openRegionFile } from '../../src/main/core/db/regionFile';
import { installationSigner, writePlanPackage, type Signer } from '../../src/main/core/io/planPackage';
import type { HqTarget } from '../../src/main/core/hq';
import { invokeOk, openWithHandlers, tinyDemoTemplate } from './helpers';

// Demo regions' plan packages for head office's tests: one tiny demo per test file,
// planned (last year's pattern up to head office's target) and snapshotted once; each
// region is a copy of it with its own identity in region_meta, packaged as needed.

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

export interface RegionSource {
  /** The planned, snapshotted region file every region is copied from. */
  readonly path: string;
  readonly snapshotId: number;
  readonly work: string;
  /** The planned amount of the snapshot, cents. */
  readonly planCents: number;
}

export function plannedTemplate(): RegionSource {
  const template = tinyDemoTemplate();
  const state = { path: '', snapshotId: 0, work: '', planCents: 0 };
  beforeAll(async () => {
    state.work = mkdtempSync(join(tmpdir(), 'rplan-hqsrc-'));
    state.path = join(state.work, 'planned.rplan');
    copyFileSync(template.path, state.path);
    const c = await openWithHandlers(state.path);
    try {
      const workingId = (await invokeOk(c, 'targets.versions', {}))[0].id;
      const ho = await invokeOk(c, 'targets.hoTarget', {});
      await invokeOk(c, 'targets.setCells', {
        versionId: workingId, levels: ['province'], measure: 'amount', method: 'lastYear',
        edits: [{ path: [], period: 'year', value: sum(ho.map((m) => m.amountCents)) }], label: 'edit',
      });
      await invokeOk(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
      const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: workingId, name: '報總部 第1版' });
      state.snapshotId = snap.id;
      state.planCents = snap.amountCents;
    } finally {
      await c.session.close();
    }
  }, 120_000);
  afterAll(() => rmSync(state.work, { recursive: true, force: true }));
  return state;
}

export interface RegionIdentity {
  id: string;
  name: string;
  signer: Signer;
}

export function newRegion(work: string, name: string): RegionIdentity {
  return { id: randomUUID(), name, signer: installationSigner(join(work, `key-${randomUUID()}`)) };
}

let counter = 0;

/** Writes a package of `region` from the source; `planYear` overrides the copy's year; `edit` changes the region file first. */
export async function packageOf(
  src: RegionSource,
  region: RegionIdentity,
  p: { revision: number; replaces: number | null; createdAt: string; planYear?: number; out?: string; edit?: (db: Database.Database) => void },
): Promise<string> {
  const n = ++counter;
  const path = join(src.work, `r${n}.rplan`);
  copyFileSync(src.path, path);
  const db = new Database(path);
  try {
    db.prepare('UPDATE region_meta SET region_id = ?, region_name = ?, plan_year = coalesce(?, plan_year) WHERE id = 1').run(region.id, region.name, p.planYear ?? null);
    p.edit?.(db);
  } finally {
    db.close();
  }
  const file = await openRegionFile(path);
  try {
    const out = p.out ?? join(src.work, `p${n}-${region.name}-r${p.revision}.rplanpkg`);
    await writePlanPackage({ file, versionId: src.snapshotId, revision: p.revision, replaces: p.replaces, outPath: out, signer: region.signer, appVersion: 'test', createdAt: p.createdAt });
    return out;
  } finally {
    await file.close();
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  }
}

/**
 * The stores a head-office suite runs on: SQLite always; PostgreSQL when RPLAN_PG_URL
 * names a server (a fresh database per test file). Without one the PostgreSQL half is
 * skipped on a developer's machine and fails under CI, where it must run.
 */
export function hqStores(prefix: string): { name: 'sqlite' | 'postgres'; target: () => HqTarget; skip: boolean }[] {
  const url = process.env.RPLAN_PG_URL;
  if (!url && process.env.CI) throw new Error('RPLAN_PG_URL is not set: the head-office tests must run on PostgreSQL under CI');
  const pgDbs: string[] = [];
  let sqliteDir = '';
  afterAll(async () => {
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    if (url && pgDbs.length > 0) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        for (const db of pgDbs) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    }
  });
  return [
    {
      name: 'sqlite',
      skip: false,
      target: () => {
        if (!sqliteDir) sqliteDir = mkdtempSync(join(tmpdir(), 'rplan-hq-'));
        return { kind: 'sqlite', path: join(sqliteDir, `${randomUUID()}.rplanhq`) };
      },
    },
    {
      name: 'postgres',
      skip: !url,
      target: () => {
        const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        pgDbs.push(name);
        const u = new URL(url!);
        u.pathname = `/${name}`;
        return { kind: 'postgres', url: u.toString() };
      },
    },
  ];
}

/** Creates the database a PostgreSQL target names (the server's default database administers). */
export async function createDatabaseOf(target: HqTarget): Promise<void> {
  if (target.kind !== 'postgres') return;
  const u = new URL(target.url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
