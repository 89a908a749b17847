import type Database from 'better-sqlite3';
import type { UndoStep } from './undoLog';

// Typed handles on a region file's connections, so that a read cannot write by
// accident: repositories that only read take a ReadDb, those that write a WriteDb,
// and a query's handler only ever holds a ReadDb (on a read-only connection).

export interface ReadDb {
  /** The connection, for hand-written SQL in db/ and repos/ (lint keeps it there). */
  readonly sqlite: Database.Database;
  readonly writable: boolean;
}

export interface WriteDb extends ReadDb {
  readonly writable: true;
  /** The command's undo step, or null for data loads that are not undo steps (imports, the demo). */
  readonly step: UndoStep | null;
}

export function readDb(sqlite: Database.Database): ReadDb {
  return { sqlite, writable: false };
}

export function writeDb(sqlite: Database.Database, step: UndoStep | null = null): WriteDb {
  return { sqlite, writable: true, step };
}
