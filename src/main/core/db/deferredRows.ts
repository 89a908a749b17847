import type Database from 'better-sqlite3';
import type { Area } from '../../../shared/areas';
import { AppError } from '../../../shared/errors';
import { areaOfRow } from './areas';
import { bulkUpdate } from './bulk';
import { applyBulk, type DeferredRows } from './undoLog';

// Rows an edit writes just after its commit. A spread over a province's 24k leaf cells
// spends most of its time in SQLite rewriting those rows (a B-tree seek and a frozen-
// snapshot trigger per row), yet the new values are already in the command's undo step,
// whose images hold them before and after. So a command run by the registry commits its
// step first, with a marker naming the bulk records whose rows are still to be written;
// the answer goes back; and the rows follow in a transaction of their own:
// - once the calls have been quiet for a moment (upkeep.ts), so that the screen paints
//   the answer first, or before any call that could read them, whichever comes first
//   (RegionFile.settle; the registry settles before every command and before every
//   query that reads the rows' area, except those answered from the in-memory cube,
//   which the edit already updated; a cube loading a version settles first too);
// - after a crash between the two commits, when the file next opens, from the images.
// What the user was told is saved is in the file at the first commit; the second only
// materialises it, and nothing reads the rows in between. An undo or redo run by the
// registry does the same with the rows of the step it replays: its marker says which of
// the step's images to write (an edit's marker, without a direction, writes the after-images).

/** The setting that names the step and the bulk records whose rows are not written yet. */
export const PENDING_SETTING = 'undo.pendingRows';

/** Records, inside the command's transaction, which of the step's bulk records are still to be written, and which images. */
export function markDeferred(sqlite: Database.Database, d: DeferredRows): void {
  const seqs = d.changes.map((c) => c.seq);
  // An edit's marker keeps the form it has always had; an undo's says which way.
  const marker = d.direction === 'redo' ? { step: d.stepId, seqs } : { step: d.stepId, seqs, direction: d.direction };
  sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(PENDING_SETTING, JSON.stringify(marker));
}

/** The areas whose rows a deferred write will change. */
export function deferredAreas(d: DeferredRows): Area[] {
  const areas = new Set<Area>();
  for (const { change } of d.changes) areas.add(areaOfRow(change.table, null) ?? 'edit');
  return [...areas];
}

/** Writes the rows of a just-committed step from memory, and drops the marker, in one transaction. */
export function writeDeferred(sqlite: Database.Database, d: DeferredRows): void {
  sqlite
    .transaction(() => {
      for (const { change } of d.changes) bulkUpdate(sqlite, change.table, change.ids, change.columns, change.after);
      sqlite.prepare('DELETE FROM setting WHERE key = ?').run(PENDING_SETTING);
    })
    .immediate();
}

interface Marker {
  step: number;
  seqs: number[];
  /** Absent: an edit's rows (its after-images). */
  direction?: 'undo' | 'redo';
}

function readMarker(sqlite: Database.Database): Marker | null {
  const raw = sqlite.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(PENDING_SETTING) as string | undefined;
  if (raw === undefined) return null;
  const m = JSON.parse(raw) as Partial<Marker>;
  const direction = m.direction === undefined || m.direction === 'undo' || m.direction === 'redo';
  if (!Number.isInteger(m.step) || !Array.isArray(m.seqs) || !m.seqs.every((s) => Number.isInteger(s)) || !direction) {
    throw new AppError('FILE_REFUSED', `the file's record of an edit still to be written (${PENDING_SETTING}) is damaged: ${raw.slice(0, 80)}`, { reason: 'corrupt' });
  }
  return m as Marker;
}

/** True when the file holds a committed edit whose rows are still to be written (a crash came between). */
export function hasDeferred(sqlite: Database.Database): boolean {
  return readMarker(sqlite) !== null;
}

/**
 * Writes, from the undo images, the rows of a committed edit that a crash kept from
 * being written, and drops the marker, in one transaction. Run when the file opens,
 * before anything reads it and once it may be written.
 */
export function replayDeferred(sqlite: Database.Database): boolean {
  return sqlite
    .transaction(() => {
      const marker = readMarker(sqlite);
      if (!marker) return false;
      const done = applyBulk(sqlite, marker.step, marker.direction ?? 'redo', { only: marker.seqs });
      if (done.length !== marker.seqs.length || done.some((d) => d.applied !== 'update')) {
        throw new AppError('FILE_REFUSED', `an edit still to be written names undo records ${marker.step}/${marker.seqs.join(',')}, which the file does not hold as updates`, { reason: 'corrupt' });
      }
      sqlite.prepare('DELETE FROM setting WHERE key = ?').run(PENDING_SETTING);
      return true;
    })
    .immediate();
}
