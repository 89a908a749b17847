import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookFile, type WorkbookRequest } from './workbook';
import { replyOfError, type WorkbookReply } from './workbookThread';

// Entry point of the workbook worker: reads one workbook and posts its grid, or the refusal.

readWorkbookFile(workerData as WorkbookRequest).then(
  (grid) => parentPort?.postMessage({ ok: true, grid } satisfies WorkbookReply),
  (e: unknown) => parentPort?.postMessage(replyOfError(e)),
);
