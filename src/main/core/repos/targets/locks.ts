import { sql } from 'kysely';
import { all, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TargetLockRow } from '../../db/schema';

// A version's locks (target_lock): slices whose cells keep their values when a total
// above them is spread. `scope_json` is the slice's canonical text (services/targets/locks.ts).

export function listLocks(db: ReadDb, versionId: number): Pick<TargetLockRow, 'id' | 'scope_json' | 'month'>[] {
  return all(db, qb.selectFrom('target_lock').select(['id', 'scope_json', 'month']).where('version_id', '=', versionId).orderBy('id'));
}

/** Adds a lock; a slice already locked stays as it is. */
export function insertLock(db: WriteDb, lock: Omit<TargetLockRow, 'id'>): void {
  run(db, qb.insertInto('target_lock').values(lock).onConflict((oc) => oc.doNothing()));
}

export function deleteLock(db: WriteDb, lock: Pick<TargetLockRow, 'version_id' | 'scope_json' | 'month'>): void {
  run(
    db,
    qb
      .deleteFrom('target_lock')
      .where('version_id', '=', lock.version_id)
      .where('scope_json', '=', lock.scope_json)
      .where('month', '=', lock.month),
  );
}

/** Gives a new version the locks of the one it is copied from. */
export function copyLocks(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('target_lock')
      .columns(['version_id', 'scope_json', 'month', 'created_at'])
      .expression(qb.selectFrom('target_lock').select([sql<number>`${toId}`.as('version_id'), 'scope_json', 'month', 'created_at']).where('version_id', '=', fromId)),
  );
}
