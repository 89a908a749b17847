import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { AppError, type RefusalReason } from '../../../shared/errors';
import { APPLICATION_ID, REGION_FILE_EXTENSION } from './constants';
import { SCHEMA_VERSION } from './migrations';

// Reads a file's SQLite header with plain file I/O, so that a foreign, newer or
// broken file is refused before SQLite ever opens it (and so before anything could
// write to it or leave a -wal/-shm beside it).

const SQLITE_MAGIC = 'SQLite format 3\0';

export interface HeaderInfo {
  pageSize: number;
  pageCount: number | null;
  fileSize: number;
  userVersion: number;
  applicationId: number;
  walMode: boolean;
}

function refuse(reason: RefusalReason, path: string, message: string): AppError {
  return new AppError('FILE_REFUSED', message, { reason, path });
}

/** Checks what can be checked without SQLite; throws FILE_NOT_FOUND or FILE_REFUSED. */
export function inspectRegionFile(path: string): HeaderInfo {
  if (!path.toLowerCase().endsWith(REGION_FILE_EXTENSION)) {
    throw refuse('wrong_extension', path, `${path}: not a region file (the name must end in ${REGION_FILE_EXTENSION})`);
  }
  if (!existsSync(path)) throw new AppError('FILE_NOT_FOUND', `${path}: no such file`, { path });
  const st = statSync(path);
  if (st.isDirectory()) throw refuse('is_directory', path, `${path}: is a folder, not a region file`);
  // A pipe, device or socket is refused by its type, never opened: opening a FIFO blocks
  // until something writes to it, and would hang whoever asked (the CLI, the whole host).
  if (!st.isFile()) throw refuse('not_regular', path, `${path}: not a regular file (a pipe, a device or a socket)`);

  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw refuse('unreadable', path, `${path}: cannot be read (${(e as Error).message})`);
  }
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize === 0) throw refuse('empty', path, `${path}: the file is empty`);
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw refuse('not_sqlite', path, `${path}: not a region file (it is not an SQLite database)`);
    }
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const applicationId = header.readUInt32BE(68);
    const userVersion = header.readUInt32BE(60);
    if (applicationId !== APPLICATION_ID) {
      throw refuse('foreign', path, `${path}: an SQLite database, but not a region file of this application`);
    }
    if (userVersion > SCHEMA_VERSION) {
      throw refuse(
        'newer_schema',
        path,
        `${path}: made by a newer version of the application (schema ${userVersion}, this version reads up to ${SCHEMA_VERSION}); update the application to open it`,
      );
    }
    // The in-header page count is valid when the change counter matches "version valid for".
    const changeCounter = header.readUInt32BE(24);
    const validFor = header.readUInt32BE(92);
    const headerPages = header.readUInt32BE(28);
    const pageCount = changeCounter === validFor && headerPages > 0 ? headerPages : null;
    // A crash during a checkpoint can leave page 1 (with the new page count) written
    // and later pages not yet: the frames are still in the -wal file and SQLite
    // finishes the job on the next open, so the file is not truncated then.
    const walPending = walFrames(path);
    if (fileSize % pageSize !== 0 || (pageCount !== null && !walPending && fileSize < pageCount * pageSize)) {
      throw refuse('truncated', path, `${path}: the file is truncated (${fileSize} bytes); restore it from a backup`);
    }
    const walMode = header[18] === 2 && header[19] === 2;
    return { pageSize, pageCount, fileSize, userVersion, applicationId, walMode };
  } finally {
    closeSync(fd);
  }
}

/** True when the file's -wal holds frames (more than its 32-byte header). */
function walFrames(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 32;
  } catch {
    return false;
  }
}
