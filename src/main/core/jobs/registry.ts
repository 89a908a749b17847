import type { JobHandle } from './types';

// The jobs running in this process, so that job.cancel can find them by id.
const running = new Map<string, JobHandle>();

export function trackJob(job: JobHandle): void {
  running.set(job.id, job);
}

export function untrackJob(id: string): void {
  running.delete(id);
}

export function findJob(id: string): JobHandle | undefined {
  return running.get(id);
}
