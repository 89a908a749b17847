import { parentPort, workerData } from 'node:worker_threads';
import { errorData } from '../threads';
import { runJobHere } from './run';
import type { JobSpec, WorkerMessage } from './types';

// Entry point of a job worker thread. The cancel flag is a shared Int32 so that the
// job can see it between chunks without returning to the event loop.

const { spec, cancelFlag } = workerData as { spec: JobSpec; cancelFlag: SharedArrayBuffer };
const flag = new Int32Array(cancelFlag);
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

runJobHere(
  spec,
  (done, total) => post({ type: 'progress', done, total }),
  () => Atomics.load(flag, 0) === 1,
).then(
  (result) => post({ type: 'done', result }),
  (e: unknown) => post({ type: 'error', error: errorData(e) }),
);
