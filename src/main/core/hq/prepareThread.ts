import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import type { Language } from '../../../shared/units';
import { fromErrorData, workerEntryBeside } from '../threads';
import { preparePackage, type PreparedPackage } from './prepare';

// Where a receive prepares its packages (prepare.ts): on the calling thread, or on one
// worker thread started once for a receive of many packages (its start is paid once,
// and the next package is verified on the second core while this one loads).

export interface PrepareRequest {
  id: number;
  path: string;
  copyPath: string;
  language: Language;
}

export type PrepareReply = { id: number; ok: true; result: PreparedPackage } | { id: number; ok: false; error: AppErrorData };

export interface PackagePreparer {
  prepare(path: string, copyPath: string, language: Language): Promise<PreparedPackage>;
  /** Stops the worker (whatever it was doing is dropped); resolves once it has stopped. */
  close(): Promise<void>;
}

/** Prepares on the calling thread. */
export const inlinePreparer = (): PackagePreparer => ({ prepare: preparePackage, close: async () => undefined });

/** Prepares on one worker thread, in the order asked. */
export function workerPreparer(): PackagePreparer {
  const entry = workerEntryBeside(import.meta.url, './prepareWorker.ts', 'package-worker.js');
  const worker = new Worker(entry.file, { execArgv: entry.execArgv });
  const pending = new Map<number, { resolve: (r: PreparedPackage) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let stopped: Error | null = null;
  const failAll = (e: Error) => {
    stopped ??= e;
    for (const p of pending.values()) p.reject(stopped);
    pending.clear();
  };
  worker.on('message', (m: PrepareReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(fromErrorData(m.error));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new AppError('INTERNAL', `the package worker stopped (exit ${code})`)));
  return {
    prepare(path, copyPath, language) {
      if (stopped) return Promise.reject(stopped);
      const id = next++;
      return new Promise<PreparedPackage>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, path, copyPath, language } satisfies PrepareRequest);
      });
    },
    async close() {
      failAll(new AppError('INTERNAL', 'the package worker was closed'));
      await worker.terminate();
    },
  };
}
