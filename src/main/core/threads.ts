import { existsSync } from 'node:fs';
import { AppError, type AppErrorData } from '../../shared/errors';

// What every worker thread of the core shares: where its script is, and how an error
// crosses from the worker to the thread that waits for it.

export interface WorkerEntry {
  /** The worker script: a built out/main/*-worker.js, or its .ts source under tsx. */
  file: string | URL;
  execArgv?: string[];
}

/** Any thrown value as error data that crosses a thread (AppErrors keep their code and issues). */
export function errorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Error data back into an AppError on the receiving thread. */
export function fromErrorData(data: AppErrorData): AppError {
  const { code, message, ...details } = data;
  return new AppError(code, message, details);
}

/**
 * The script of a worker that the core starts itself, found from the module that starts
 * it (`here`: its import.meta.url). From source (tsx, vitest) it is the .ts file beside
 * that module, run through tsx; built (electron-vite), it is the entry `built` named in
 * electron.vite.config.ts, in out/main/, beside the bundle the module landed in or one
 * folder up from the shared chunk (out/main/chunks/).
 */
export function workerEntryBeside(here: string, source: string, built: string): WorkerEntry {
  if (here.endsWith('.ts')) return { file: new URL(source, here), execArgv: ['--import', 'tsx'] };
  for (const candidate of [`./${built}`, `../${built}`]) {
    const file = new URL(candidate, here);
    if (existsSync(file)) return { file };
  }
  throw new AppError('INTERNAL', `${built} is missing from this build`);
}
