import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../../shared/errors';
import { fromErrorData, workerEntryBeside } from '../../threads';
import type { PackedCsvChunk } from '../csv';
import type { ReadOptions } from '../dataFile';
import { cancelled, CsvRows, type CsvRead, type RowVisitor, type StreamControl, type StreamedFile } from './reader';

// A large CSV is read, decoded and split into records on a thread of its own (the CSV
// worker) while the thread that imports resolves and checks the rows it has already
// got: both cores work. The import runs inside a transaction and cannot await, so the
// records are taken synchronously: the worker posts each chunk's records on a message
// port and counts them in shared memory; this side sleeps on the count (Atomics.wait)
// and takes the message (receiveMessageOnPort). The worker keeps at most a few chunks
// ahead, so a large file never sits in memory. Refusals come back as the same errors,
// with the same line and column, as when the file is read on this thread.

/** From this size a CSV is read on the CSV worker (a smaller one is read before a thread would start). */
export const THREAD_MIN_BYTES = 4 * 1024 * 1024;
/** Chunks the worker may read ahead of the rows taken. */
export const AHEAD = 4;
/** Without a message for this long the worker is taken for gone (it failed to start). */
const SILENCE_MS = 60_000;

/** Shared counters: chunks posted, chunks taken, stop asked. */
export const POSTED = 0;
export const TAKEN = 1;
export const STOP = 2;

export interface CsvWorkerData {
  path: string;
  options: ReadOptions;
  state: SharedArrayBuffer;
  port: MessagePort;
}

/** A chunk's records as csv.ts packs them (the cells' text and their ranges), or the end, or a refusal. */
export type CsvMessage =
  | { kind: 'records'; records: PackedCsvChunk; done: number; total: number }
  | { kind: 'end'; read: CsvRead }
  | { kind: 'error'; error: AppErrorData };

/**
 * streamRows of a CSV, the file read on the CSV worker (the whole file: a first look at
 * its rows, maxDataRows, reads on this thread).
 */
export function streamCsvThreaded(path: string, options: ReadOptions, visit: RowVisitor, control: StreamControl = {}): StreamedFile {
  const entry = workerEntryBeside(import.meta.url, './csvWorker.ts', 'csv-worker.js');
  const state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const data: CsvWorkerData = { path, options, state: state.buffer as SharedArrayBuffer, port: port2 };
  const worker = new Worker(entry.file, { workerData: data, transferList: [port2], execArgv: entry.execArgv });
  // Its end is not awaited: a worker stopped mid-file (a refusal, a cancel) is simply let go.
  worker.unref();
  const rows = new CsvRows(path, options, visit, { ...control, maxDataRows: undefined });
  try {
    let taken = 0;
    for (;;) {
      if (control.shouldCancel?.()) throw cancelled();
      const message = next(port1, state, taken);
      if (message.kind === 'error') throw fromErrorData(message.error);
      if (message.kind === 'end') return rows.end(message.read);
      rows.take(message.records, message.done, message.total);
      Atomics.store(state, TAKEN, ++taken);
      Atomics.notify(state, TAKEN);
    }
  } finally {
    Atomics.store(state, STOP, 1);
    Atomics.notify(state, TAKEN);
    port1.close();
    void worker.terminate();
  }
}

/** The worker's next message, once `received` were taken: sleeps until the worker posts. */
function next(port: MessagePort, state: Int32Array, received: number): CsvMessage {
  let silent = 0;
  for (;;) {
    const got = receiveMessageOnPort(port);
    if (got) return got.message as CsvMessage;
    const posted = Atomics.load(state, POSTED);
    if (posted > received) continue; // posted and on its way
    if (Atomics.wait(state, POSTED, posted, 1000) === 'timed-out' && (silent += 1000) >= SILENCE_MS) {
      throw new AppError('INTERNAL', `the CSV reader thread did not answer for ${SILENCE_MS / 1000} s`);
    }
  }
}
