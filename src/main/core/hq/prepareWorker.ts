import { parentPort } from 'node:worker_threads';
import { errorData } from '../threads';
import { preparePackage } from './prepare';
import type { PrepareReply, PrepareRequest } from './prepareThread';

// Entry point of the package worker: one per receive of many packages. It prepares the
// packages it is sent one at a time, in the order they come, and answers each by its id.

let queue = Promise.resolve();
parentPort?.on('message', (m: PrepareRequest) => {
  queue = queue.then(() =>
    preparePackage(m.path, m.copyPath, m.language).then(
      (result) => parentPort?.postMessage({ id: m.id, ok: true, result } satisfies PrepareReply),
      (e: unknown) => parentPort?.postMessage({ id: m.id, ok: false, error: errorData(e) } satisfies PrepareReply),
    ),
  );
});
