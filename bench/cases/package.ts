import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from '../../src/main/core/handlers';
import { installationSigner, verifyPlanPackage, writePlanPackage, type WrittenPackage } from '../../src/main/core/io/planPackage';
import { Session } from '../../src/main/core/session';
import { paired, peakRssMb, timeOnce } from '../measure';
import type { BenchCase } from '../types';
import { benchHost } from './foundation';
import { seededLargeRegion } from './targets';

// The plan package of the large region's plan (spread from last year, as the target cases
// plan it): a snapshot of the working plan written as
// a signed .rplanpkg (VACUUM INTO, pruned to the snapshot, compacted, checked, hashed,
// zipped, written atomically). The baseline, in the same run, is VACUUM INTO of the same
// open file: the copy alone, before anything is left out, checked or packed.

const ROUNDS = 3;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export const packageLarge: BenchCase = {
  name: 'package-large',
  async run(ctx) {
    // A copy, so the snapshot this case takes never lands in the shared fixture.
    const path = join(ctx.workDir, 'package-large.rplan');
    copyFileSync(await seededLargeRegion(ctx), path);
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    const out = join(ctx.workDir, 'package-large.rplanpkg');
    const vacuumed = join(ctx.workDir, 'package-large-vacuum.rplan');
    try {
      await session.open(path);
      // Writes wait for the full integrity check of a large file.
      await session.checked();
      const versions = await registry.invoke('targets.versions', {});
      if (!versions.ok) throw new Error(versions.error.message);
      const working = (versions.value as { id: number; kind: string }[]).find((v) => v.kind === 'working')!;
      const snap = await registry.invoke('targets.createVersion', { kind: 'snapshot', fromId: working.id, name: '報總部 第1版 bench' });
      if (!snap.ok) throw new Error(snap.error.message);
      const snapshot = snap.value as { id: number; cellCount: number };
      const file = session.requireFile();
      // The snapshot's cells are copied just after its answer (db/versionCopy.ts): before the package is timed.
      file.settle();
      const signer = installationSigner(join(ctx.workDir, 'state'));
      let written: WrittenPackage | null = null;
      let vacuumBytes = 0;
      const { ours, baseline } = await paired(
        ROUNDS,
        async () => {
          written = await writePlanPackage({
            file, versionId: snapshot.id, revision: 1, replaces: null, outPath: out, signer, appVersion: 'bench', createdAt: new Date().toISOString(),
          });
        },
        () => {
          rmSync(vacuumed, { force: true });
          file.sqlite.prepare('VACUUM INTO ?').run(vacuumed);
          vacuumBytes = statSync(vacuumed).size;
          rmSync(vacuumed, { force: true });
        },
      );
      let verdict = '';
      const verifyMs = await timeOnce(async () => {
        verdict = (await verifyPlanPackage(out)).verdict;
      });
      if (verdict !== 'ok') throw new Error(`the bench's package does not verify (${verdict})`);
      const w = written as WrittenPackage | null;
      if (!w) throw new Error('no package written');
      return {
        case: 'package-large',
        ours_ms: Math.round(ours),
        baseline: 'VACUUM INTO of the same open region file',
        baseline_ms: Math.round(baseline),
        ratio: Math.round((ours / baseline) * 100) / 100,
        peak_rss_mb: peakRssMb(),
        note: `${snapshot.cellCount.toLocaleString('en-US')} target cells; package ${mb(w.bytes)} MB (its SQLite copy ${mb(w.manifest.files['plan.sqlite'].bytes)} MB) against the whole file's VACUUM INTO ${mb(vacuumBytes)} MB; verifying it as head office will ${Math.round(verifyMs)} ms; goal ratio ≤ 1.5`,
      };
    } finally {
      await session.close();
      for (const p of [out, vacuumed, path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
    }
  },
};
