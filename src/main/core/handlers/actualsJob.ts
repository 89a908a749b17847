import type { Session } from '../session';
import { trackJob, untrackJob } from '../jobs/registry';
import type { JobSpec } from '../jobs/types';

/** Progress is shown only for work that lasts: a small file finishes before a dialog would flash. */
const SHOW_AFTER_MS = 250;

type Spec = JobSpec extends infer S ? (S extends { regionPath: string } ? Omit<S, 'regionPath'> : never) : never;

/**
 * Runs an actuals job (import check, import commit, batch removal) off the thread
 * that answers calls, on its own connection to the session's region file. Progress
 * goes out as events under `label` (a message key); job.cancel stops it, and the
 * call then fails with CANCELLED with nothing written. A job that writes is run by
 * an async command, which reports the change when the job has committed.
 */
export async function runActualsJob<T>(session: Session, spec: Spec, label: string): Promise<T> {
  const file = session.requireFile();
  // A job that writes does so on a connection of its own: the file must have passed its full check, as for an edit.
  if (spec.kind === 'removeBatch' || (spec.kind === 'actualsImport' && spec.mode === 'commit')) file.assertWritable();
  const host = session.host;
  const started = Date.now();
  let shown = false;
  const job = host.runJob({ ...spec, regionPath: file.path } as JobSpec, (done, total) => {
    if (!shown && Date.now() - started < SHOW_AFTER_MS) return;
    shown = true;
    host.emit({ type: 'progress', jobId: job.id, label, done, total });
  });
  trackJob(job);
  try {
    return (await job.done) as T;
  } finally {
    untrackJob(job.id);
    if (shown) host.emit({ type: 'progress', jobId: job.id, label, done: 1, total: 1 });
  }
}
