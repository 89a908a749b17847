import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

// What a region file looked like when this installation last closed it cleanly (the
// full integrity check had passed, the WAL was folded back in): size, times, inode and
// the database header. Opening the same file again with the same stamp skips the full
// check: nothing has written to it since, through SQLite or otherwise (any commit
// changes the header's change counter or leaves a WAL; any write changes the times).

const HEADER_BYTES = 100;

/** The file's stamp, or null when it has no file or a WAL with content (it was not closed cleanly). */
export function cleanStamp(path: string): string | null {
  if (!existsSync(path)) return null;
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return null;
  const st = statSync(path, { bigint: true });
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  return [st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs, createHash('sha256').update(header).digest('hex')].join(':');
}
