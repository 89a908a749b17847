import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import type { Grid } from './dataFile';
import { fileRefusal } from './fileRefusal';
import { workerEntryBeside, type WorkerEntry } from '../threads';

// Every workbook is read in a worker thread of its own, with a memory cap: SheetJS
// holds the whole book, so a workbook within the size limits can still need gigabytes,
// and reading it on the thread that answers calls would stop every other call. The
// thread that asks only waits for a message; a worker that runs out of memory is
// stopped by V8 and its read refused, and the process carries on.

/** The worker's heap (old generation), in MB: what reading the largest allowed workbook needs, with room. */
export const WORKBOOK_HEAP_MB = 2048;

const workerEntry = (): WorkerEntry => workerEntryBeside(import.meta.url, './workbookWorker.ts', 'workbook-worker.js');

export type WorkbookReply = { ok: true; grid: Grid } | { ok: false; error: AppErrorData };

/** What the worker posts for anything it throws (a refusal keeps its rule and params). */
export function replyOfError(e: unknown): WorkbookReply {
  return { ok: false, error: e instanceof AppError ? e.toData() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

function errorOf(data: AppErrorData): AppError {
  const { code, message, ...details } = data;
  return new AppError(code, message, details);
}

/** Reads a workbook off this thread; refuses it if the worker runs out of its memory. */
export function readWorkbookInWorker(path: string, format: 'xlsx' | 'xls', sheet: string | undefined, heapMb = WORKBOOK_HEAP_MB): Promise<Grid> {
  const entry = workerEntry();
  return new Promise<Grid>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const worker = new Worker(entry.file, {
      workerData: { path, format, sheet },
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.on('message', (m: WorkbookReply) => settle(() => (m.ok ? resolve(m.grid) : reject(errorOf(m.error)))));
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? fileRefusal(path, 'workbook_memory', `reading the workbook needs more than the ${heapMb} MB of memory allowed`, { limit: heapMb })
            : e,
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new AppError('INTERNAL', `the workbook reader stopped (exit ${code})`))));
  });
}
