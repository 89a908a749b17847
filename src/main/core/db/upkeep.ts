import { quietFor } from '../activity';
import type { RegionFile } from './regionFile';
import { pruneBulkHistory } from './undoLog';

// Upkeep that a commit would otherwise pay for between the user's Enter and the figures
// it changes: dropping the oldest undo steps (their images are megabytes of pages to
// free) and copying the write-ahead log back into the file (a checkpoint, about ten
// milliseconds after a large spread). After a command that wrote, both wait until the
// core's calls have been quiet for a moment, then run on the write connection. Neither
// touches what a commit guarantees: the commit itself is durable in the log, and the
// history is only ever longer for a while. The write connection still checkpoints on its
// own past WAL_AUTOCHECKPOINT pages (constants.ts), and a command still drops the history itself at
// twice its length, for a user who never pauses.
// The rows a spread leaves for after its commit (deferredRows.ts) are written first, the
// same way, once the screen has had the answer: any call that needs them sooner writes
// them itself (RegionFile.settle).

const QUIET_MS = 60;
const pending = new WeakMap<RegionFile, { prune: boolean }>();

/** A timer that does not keep a process alive (the command line exits when its work is done). */
function later(fn: () => void): void {
  setTimeout(fn, QUIET_MS).unref();
}

/** After a command that wrote; `prune` when it recorded bulk undo images. */
export function upkeepWhenQuiet(file: RegionFile, prune: boolean): void {
  const due = pending.get(file);
  if (due) {
    due.prune ||= prune;
    return;
  }
  const job = { prune };
  pending.set(file, job);
  const attempt = () => {
    if (file.closed) {
      pending.delete(file);
      return;
    }
    if (!quietFor(QUIET_MS) || file.sqlite.inTransaction) {
      later(attempt);
      return;
    }
    try {
      file.assertWritable();
      // A version's copy goes a chunk at a time (versionCopy.ts): after each, the calls
      // that came meanwhile (a message, a timer that fell due) go first, and the next chunk
      // waits for the quiet again. A timer, not setImmediate: an immediate runs before
      // timers already due, and an unref'd one lets the loop sleep until some other event.
      if (file.settleStep()) {
        setTimeout(attempt, 0);
        return;
      }
      pending.delete(file);
      if (job.prune) file.sqlite.transaction(() => pruneBulkHistory(file.sqlite)).immediate();
      // Passive: it copies what no reader still needs, and waits for nobody.
      file.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      pending.delete(file);
      // A file that cannot be written now keeps a longer log and history; the next
      // command's upkeep tries again, and the limits above hold meanwhile.
    }
  };
  later(attempt);
}
