import type { DemoSize } from '../demo/generate';

export interface DemoJob {
  kind: 'demo';
  size: DemoSize;
  seed: number;
  regionName: string;
  planYear: number;
  /** Final path; the job builds a temporary file beside it and renames it when done. */
  out: string;
}
export type JobSpec = DemoJob;

export interface JobHandle {
  readonly id: string;
  readonly done: Promise<void>;
  cancel(): void;
}

/** Starts a job; progress arrives through onProgress(done, total). */
export type JobRunner = (spec: JobSpec, onProgress: (done: number, total: number) => void) => JobHandle;

/** Messages a worker sends back. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };
