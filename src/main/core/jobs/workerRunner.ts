import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { fromErrorData, type WorkerEntry } from '../threads';
import type { JobRunner, WorkerMessage } from './types';

export type { WorkerEntry } from '../threads';

/** A JobRunner on worker_threads, for every host (Electron main, web host, tests). */
export function workerJobRunner(entry: WorkerEntry): JobRunner {
  return (spec, onProgress) => {
    const cancelFlag = new SharedArrayBuffer(4);
    const worker = new Worker(entry.file, { workerData: { spec, cancelFlag }, execArgv: entry.execArgv });
    const done = new Promise<unknown>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'done') {
          settled = true;
          resolve(m.result);
        } else {
          settled = true;
          reject(fromErrorData(m.error));
        }
      });
      worker.on('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new AppError('INTERNAL', `job worker stopped (exit ${code})`));
      });
    }).finally(() => void worker.terminate());
    return {
      id: randomUUID(),
      done,
      cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    };
  };
}

