import { workerData } from 'node:worker_threads';
import { errorData } from '../../threads';
import { AHEAD, POSTED, STOP, TAKEN, type CsvMessage, type CsvWorkerData } from './csvThread';
import { readCsvRecords } from './reader';

// Entry point of the CSV worker (csvThread.ts): reads, decodes and splits one CSV into
// records, posting each chunk's records, at most AHEAD chunks ahead of the rows taken;
// then the file's encoding and hash, or the refusal.

const { path, options, state, port } = workerData as CsvWorkerData;
const counts = new Int32Array(state);
let posted = 0;
const stopped = () => Atomics.load(counts, STOP) !== 0;

function post(message: CsvMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.store(counts, POSTED, ++posted);
  Atomics.notify(counts, POSTED);
}

try {
  const read = readCsvRecords(
    path,
    options,
    (records, done, total) => {
      post({ kind: 'records', records, done, total }, [records.starts.buffer, records.ends.buffer, records.widths.buffer] as ArrayBuffer[]);
      for (;;) {
        const taken = Atomics.load(counts, TAKEN);
        if (stopped() || posted - taken <= AHEAD) break;
        Atomics.wait(counts, TAKEN, taken, 1000);
      }
      return stopped();
    },
    stopped,
  );
  post({ kind: 'end', read });
} catch (e) {
  post({ kind: 'error', error: errorData(e) });
}
port.close();
