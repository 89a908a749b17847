import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeDb } from '../../src/main/core/db/handle';
import { createRegionFile, openRegionFile } from '../../src/main/core/db/regionFile';
import { fillDemoRegion } from '../../src/main/core/demo/generate';
import { createHandlers } from '../../src/main/core/handlers';
import { installationSigner, writePlanPackage, type Signer } from '../../src/main/core/io/planPackage';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';

// Demo regions' plan packages for head office's end-to-end test, made in the test
// process the way the unit tests' hqFixtures make them: one tiny demo planned up to
// head office's target and snapshotted once, then per region a copy with its own
// identity (region_meta) and its own signing key, packaged as revision N.

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

export interface PackageSource {
  readonly work: string;
  readonly path: string;
  readonly snapshotId: number;
  dispose(): void;
}

export interface DemoRegion {
  id: string;
  name: string;
  signer: Signer;
}

/** The planned, snapshotted tiny demo every region is copied from. */
export async function plannedSource(): Promise<PackageSource> {
  const work = mkdtempSync(join(tmpdir(), 'rplan-e2e-hqsrc-'));
  const path = join(work, 'planned.rplan');
  const f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
  fillDemoRegion(writeDb(f.sqlite), { size: 'tiny', seed: 11 });
  await f.close();

  const session = new Session({
    transport: 'electron', nativeDialogs: true, version: 'test', stateDir: join(work, 'state'),
    chooseSavePath: async () => null, chooseOpenPath: async () => null, chooseImportPath: async () => null, chooseExportPath: async () => null, chooseReturnPath: async () => null,
    chooseExportFolder: async () => null, choosePackagePaths: async () => null,
    browse: () => [], allowsPath: () => false,
    runJob: () => {
      throw new Error('no jobs here');
    },
    emit: () => undefined,
  });
  const r = createHandlers(session);
  const call = async <K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> => {
    const res = await r.invoke(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
    return res.value as EndpointResult<K>;
  };
  session.grant(path);
  await session.open(path);
  let snapshotId: number;
  try {
    const workingId = (await call('targets.versions', {}))[0].id;
    const ho = await call('targets.hoTarget', {});
    await call('targets.setCells', {
      versionId: workingId, levels: ['province'], measure: 'amount', method: 'lastYear',
      edits: [{ path: [], period: 'year', value: sum(ho.map((m) => m.amountCents)) }], label: 'edit',
    });
    await call('expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
    snapshotId = (await call('targets.createVersion', { kind: 'snapshot', fromId: workingId, name: '報總部 第1版' })).id;
  } finally {
    await session.close();
  }
  return { work, path, snapshotId, dispose: () => rmSync(work, { recursive: true, force: true }) };
}

export function demoRegion(src: PackageSource, name: string): DemoRegion {
  return { id: randomUUID(), name, signer: installationSigner(join(src.work, `key-${randomUUID()}`)) };
}

/**
 * Writes `region`'s package of revision `revision` to `out`. Its snapshot may plan
 * differently from the source's: `scale` multiplies every amount, `dropMonth` plans
 * nothing in that month (the snapshot's freeze triggers are lifted for the edit, as a
 * region's next snapshot would differ).
 */
export async function packageOf(
  src: PackageSource,
  region: DemoRegion,
  p: { revision: number; out: string; scale?: number; dropMonth?: number },
): Promise<string> {
  const path = join(src.work, `${randomUUID()}.rplan`);
  copyFileSync(src.path, path);
  const db = new Database(path);
  try {
    db.prepare('UPDATE region_meta SET region_id = ?, region_name = ? WHERE id = 1').run(region.id, region.name);
    if (p.scale !== undefined || p.dropMonth !== undefined) {
      const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'target_fact_frozen_%'`).all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
      if (p.scale !== undefined) db.prepare('UPDATE target_fact SET amount_cents = CAST(amount_cents * ? AS INTEGER) WHERE version_id = ?').run(p.scale, src.snapshotId);
      if (p.dropMonth !== undefined) db.prepare('DELETE FROM target_fact WHERE version_id = ? AND month = ?').run(src.snapshotId, p.dropMonth);
      for (const t of triggers) db.exec(t.sql);
    }
  } finally {
    db.close();
  }
  const file = await openRegionFile(path);
  try {
    await writePlanPackage({
      file, versionId: src.snapshotId, revision: p.revision, replaces: p.revision > 1 ? p.revision - 1 : null, outPath: p.out,
      signer: region.signer, appVersion: 'test', createdAt: new Date(Date.now() - 60_000 + p.revision * 1000).toISOString(),
    });
    return p.out;
  } finally {
    await file.close();
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  }
}
