import type { AppErrorData } from '../../../shared/errors';
import type { ActualsJobRequest } from '../io/actuals/request';

/** The demo region's sizes (the generator's, and what the CLI, the hosts and the handlers name). */
export type DemoSize = 'tiny' | 'typical' | 'large';

export interface DemoJob {
  kind: 'demo';
  size: DemoSize;
  seed: number;
  regionName: string;
  planYear: number;
  /** Final path; the job builds a temporary file beside it and renames it when done. */
  out: string;
}

/** An actuals import checked (preview) or written (commit) on its own connection to the region file. */
export interface ActualsImportJob {
  kind: 'actualsImport';
  mode: 'preview' | 'commit';
  regionPath: string;
  request: ActualsJobRequest;
}

/** Removes an import batch and its rows. */
export interface RemoveBatchJob {
  kind: 'removeBatch';
  regionPath: string;
  batchId: number;
}

/** The full integrity check of an open region file, on a read-only connection of its own; resolves to its problems (none: healthy). */
export interface IntegrityCheckJob {
  kind: 'integrityCheck';
  regionPath: string;
}

export type JobSpec = DemoJob | ActualsImportJob | RemoveBatchJob | IntegrityCheckJob;

export interface JobHandle {
  readonly id: string;
  /** The job's result (structured-clonable), or its error as an AppError. */
  readonly done: Promise<unknown>;
  cancel(): void;
}

/** Starts a job; progress arrives through onProgress(done, total). */
export type JobRunner = (spec: JobSpec, onProgress: (done: number, total: number) => void) => JobHandle;

/** Messages a worker sends back. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: AppErrorData };
