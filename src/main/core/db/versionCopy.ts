import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';

// A plan version's leaf cells (target_fact) copied into a new version: a snapshot or a
// scenario holds a copy of its source's cells, 1.45M rows on the large region, and SQLite
// spends seconds on them (a B-tree insert into the table and each of its three indexes,
// five foreign-key lookups and the frozen-snapshot trigger, per row). Yet what the copy
// will hold is decided the moment the version is made: its source's cells, as they are.
// So a command run by the registry makes the version (its row, and the small chapters
// that travel with it) and commits it with a marker naming the copy still to be made;
// the answer goes back (the totals are its source's; a scenario's cube is made from its
// source's in memory); and the rows follow in a transaction of their own, when the calls
// are quiet or before any call that could read them (RegionFile.settle), as the rows of
// a spread do (deferredRows.ts). When the calls are quiet it goes a chunk of rows at a
// time, each chunk a transaction that also records how far the copy has come, so that a
// call arriving meanwhile waits for one chunk at most. After a crash before the copy is
// done, the next open finishes it before anything reads the file. The source cannot
// change in between: every command settles the file first.

/** The setting that names a copy still to be made. */
export const PENDING_COPY_SETTING = 'targets.pendingCopy';

/**
 * A copy still to be made: `from`'s cells into `to`, whose first row was given the id
 * `first`; the first `done` rows in the key's order are copied already (absent: none), the
 * last of them with the cell key `after`.
 */
export interface PendingCopy {
  from: number;
  to: number;
  first: number;
  done?: number;
  after?: CellKey;
}

/** A cell's key in the order the copy goes: city, channel, customer (0: none), SKU, month. */
export type CellKey = [number, number, number, number, number];

/** Rows per chunk when the copy goes a chunk at a time: about a tenth of a second on the build machine. */
export const COPY_CHUNK = 32_768;

const KEY_ORDER = 'city_id, channel_id, ifnull(customer_id, 0), sku_id, month';

/** The rows a copy inserted: `count` of them, with ids from `first` to `last` when they follow one another. */
export interface CopiedCells {
  first: number;
  last: number;
  count: number;
}

/** The id the next new cell gets. */
export function nextCellIdOf(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT ifnull(max(id), 0) + 1 FROM target_fact').pluck().get() as number;
}

/**
 * Copies a version's cells into another, set-based, in the order of the cell key (so the
 * new ids follow that order). The key's unique index hands the rows over in that order
 * without a sort, and each new row then lands at the end of that index and next to the
 * customer's others in the customer index: in the source's id order, the same 1.45M rows
 * went to places all over both, and the copy took about a third longer.
 */
export function copyVersionCells(sqlite: Database.Database, fromId: number, toId: number): CopiedCells {
  return copyRange(sqlite, fromId, toId, null, -1);
}

const INSERT_COPY = `INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
  SELECT ?, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume FROM target_fact WHERE version_id = ?`;

/**
 * Copies `limit` rows (-1: all) of the source's, in the key's order, after the cell key
 * `after` (null: from the first). The key's index seeks to the city and channel of `after`
 * and reads on from there, so a chunk late in the copy costs what an early one does.
 */
function copyRange(sqlite: Database.Database, fromId: number, toId: number, after: CellKey | null, limit: number): CopiedCells {
  const first = nextCellIdOf(sqlite);
  const done = after
    ? sqlite.prepare(`${INSERT_COPY} AND (${KEY_ORDER}) > (?, ?, ?, ?, ?) ORDER BY ${KEY_ORDER} LIMIT ?`).run(toId, fromId, ...after, limit)
    : sqlite.prepare(`${INSERT_COPY} ORDER BY ${KEY_ORDER} LIMIT ?`).run(toId, fromId, limit);
  return { first, last: done.changes > 0 ? Number(done.lastInsertRowid) : first - 1, count: done.changes };
}

/** The cell key of the row `id`. */
function keyOf(sqlite: Database.Database, id: number): CellKey {
  return sqlite.prepare(`SELECT ${KEY_ORDER} FROM target_fact WHERE id = ?`).raw(true).get(id) as CellKey;
}

/** Records, inside the command's transaction that made the version, the copy still to be made. */
export function markCopy(sqlite: Database.Database, copy: PendingCopy): void {
  sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(PENDING_COPY_SETTING, JSON.stringify(copy));
}

const FROZEN_INSERT_TRIGGER = 'target_fact_frozen_insert';

/** What one step of a copy did: the copy as it now stands (null: done), and whether its rows got the ids planned for them. */
export interface CopyStep {
  rest: PendingCopy | null;
  asPlanned: boolean;
}

/**
 * Copies the next `limit` rows (-1: the rest) in a transaction that also records how far
 * the copy has come, or drops the marker once it is done. A snapshot is frozen from the
 * commit that made it, and the file's trigger refuses any row into a frozen version: for
 * the copy into a snapshot, that one trigger is dropped and made again from its own text
 * in the same transaction, so no committed state of the file is without it (and the copy
 * saves the trigger's sub-program per row).
 */
export function writeCopy(sqlite: Database.Database, copy: PendingCopy, limit = -1): CopyStep {
  return sqlite
    .transaction((): CopyStep => {
      const done = copy.done ?? 0;
      const to = sqlite.prepare('SELECT frozen FROM plan_version WHERE id = ?').pluck().get(copy.to) as number | undefined;
      const from = sqlite.prepare('SELECT 1 FROM plan_version WHERE id = ?').pluck().get(copy.from);
      if (to === undefined || from === undefined) {
        throw damaged(copy, `version ${to === undefined ? copy.to : copy.from} does not exist`);
      }
      if (done === 0 && sqlite.prepare('SELECT 1 FROM target_fact WHERE version_id = ? LIMIT 1').pluck().get(copy.to) !== undefined) {
        throw damaged(copy, `version ${copy.to} already holds cells`);
      }
      let copied: CopiedCells;
      if (to === 1) {
        const text = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(FROZEN_INSERT_TRIGGER) as string | undefined;
        if (text === undefined) throw damaged(copy, `the trigger ${FROZEN_INSERT_TRIGGER} is missing`);
        sqlite.prepare(`DROP TRIGGER ${FROZEN_INSERT_TRIGGER}`).run();
        copied = copyRange(sqlite, copy.from, copy.to, copy.after ?? null, limit);
        // One statement (prepare refuses more), the one the file held: made again as it was.
        sqlite.prepare(text).run();
      } else {
        copied = copyRange(sqlite, copy.from, copy.to, copy.after ?? null, limit);
      }
      const asPlanned = copied.count === 0 || copied.first === copy.first + done;
      if (limit < 0 || copied.count < limit) {
        sqlite.prepare('DELETE FROM setting WHERE key = ?').run(PENDING_COPY_SETTING);
        return { rest: null, asPlanned };
      }
      // The last row inserted is the last in the key's order: the next chunk starts after it.
      const rest = { ...copy, done: done + copied.count, after: keyOf(sqlite, copied.last) };
      sqlite.prepare('UPDATE setting SET value = ? WHERE key = ?').run(JSON.stringify(rest), PENDING_COPY_SETTING);
      return { rest, asPlanned };
    })
    .immediate();
}

function damaged(copy: PendingCopy, why: string): AppError {
  return new AppError('FILE_REFUSED', `the file's record of a version's cells still to be copied (${PENDING_COPY_SETTING}: ${JSON.stringify(copy)}) is damaged: ${why}`, {
    reason: 'corrupt',
  });
}

function readMarker(sqlite: Database.Database): PendingCopy | null {
  const raw = sqlite.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(PENDING_COPY_SETTING) as string | undefined;
  if (raw === undefined) return null;
  // The setting's value is JSON (the table's check); whether it is this record is checked here.
  const m = JSON.parse(raw) as Partial<PendingCopy> | null;
  const ids = m !== null && typeof m === 'object' && [m.from, m.to, m.first].every((n) => Number.isSafeInteger(n) && (n as number) >= 1);
  const isKey = (k: unknown) => Array.isArray(k) && k.length === 5 && k.every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
  // Rows copied already come with the key of the last of them; none, without.
  const done = ids && (m.done === undefined ? m.after === undefined : Number.isSafeInteger(m.done) && m.done > 0 && isKey(m.after));
  if (!ids || !done || m.from === m.to) {
    throw new AppError('FILE_REFUSED', `the file's record of a version's cells still to be copied (${PENDING_COPY_SETTING}) is damaged: ${raw.slice(0, 80)}`, { reason: 'corrupt' });
  }
  return { from: m.from!, to: m.to!, first: m.first!, ...(m.done === undefined ? {} : { done: m.done, after: m.after }) };
}

/** True when the file holds a committed version whose cells are still to be copied (a crash came between). */
export function hasPendingCopy(sqlite: Database.Database): boolean {
  return readMarker(sqlite) !== null;
}

/**
 * Finishes the copy a crash kept from being made, and drops the marker. Run when the file
 * opens, before anything reads it and once it may be written. The rows already copied must
 * be as many as the marker says.
 */
export function replayCopy(sqlite: Database.Database): boolean {
  const copy = readMarker(sqlite);
  if (!copy) return false;
  if ((copy.done ?? 0) > 0) {
    const held = sqlite.prepare('SELECT count(*) FROM target_fact WHERE version_id = ?').pluck().get(copy.to) as number;
    if (held !== copy.done) throw damaged(copy, `version ${copy.to} holds ${held} cells, not the ${copy.done} copied`);
  }
  writeCopy(sqlite, copy);
  return true;
}
