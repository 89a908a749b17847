import { parentPort, workerData } from 'node:worker_threads';
import { errorData } from '../jobs/errorData';
import { readWorkbookFile, type WorkbookRequest } from './workbook';

// Entry point of the workbook worker: reads one workbook and posts its grid, or the refusal.

readWorkbookFile(workerData as WorkbookRequest).then(
  (grid) => parentPort?.postMessage({ ok: true, grid }),
  (e: unknown) => parentPort?.postMessage({ ok: false, error: errorData(e) }),
);
