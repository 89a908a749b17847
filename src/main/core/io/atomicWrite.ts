import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// Every file the app writes for the user (exports, decks, PDFs) is written whole or not
// at all: a crash or a full disk never leaves half a file under the name they chose.

/** Writes `bytes` to `path` as a whole or not at all: a temporary name beside it, flushed to disk, then renamed. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = `${path}.writing-${process.pid}`;
  try {
    const fd = openSync(temp, 'w');
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  // The rename itself is durable once the folder is flushed (not every platform lets a folder be opened).
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    /* Windows: folders cannot be flushed this way; the file itself is. */
  }
}
