import { existsSync, renameSync, rmSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { writeDb } from '../db/handle';
import { createRegionFile, fullCheckProblems } from '../db/regionFile';
import { fillDemoRegion } from '../demo/generate';
import { importActuals, removeActualsBatch } from '../io/actuals/engine';
import type { JobSpec } from './types';

/**
 * Does a job's work on the current thread. Workers call this; so does the CLI,
 * which has no UI thread to keep free.
 */
export async function runJobHere(
  spec: JobSpec,
  onProgress: (done: number, total: number) => void,
  shouldCancel: () => boolean,
): Promise<unknown> {
  switch (spec.kind) {
    case 'demo': {
      const temp = spec.out.replace(/\.rplan$/i, `.generating-${process.pid}-${Date.now()}.rplan`);
      try {
        const file = await createRegionFile(temp, {
          regionName: spec.regionName,
          planYear: spec.planYear,
          displayUnit: 'wan',
        });
        try {
          fillDemoRegion(writeDb(file.sqlite), { size: spec.size, seed: spec.seed, onProgress, shouldCancel });
        } finally {
          await file.close();
        }
        if (existsSync(spec.out)) throw new AppError('FILE_EXISTS', `${spec.out}: a file of that name already exists`, { path: spec.out });
        renameSync(temp, spec.out);
      } catch (e) {
        for (const p of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(p, { force: true });
        if (e instanceof Error && e.message === 'cancelled') throw new AppError('CANCELLED', 'cancelled');
        throw e;
      }
      return;
    }
    case 'actualsImport':
      return importActuals(spec.regionPath, spec.mode, spec.request, onProgress, shouldCancel);
    case 'removeBatch':
      return removeActualsBatch(spec.regionPath, spec.batchId, shouldCancel);
    case 'integrityCheck':
      return fullCheckProblems(spec.regionPath);
    default: {
      const unknownJob: never = spec;
      throw new Error(`unknown job ${JSON.stringify(unknownJob)}`);
    }
  }
}
