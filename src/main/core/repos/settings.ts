import { first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { SettingRow } from '../db/schema';

// The setting table: one JSON value per key (the display unit, head office's expense
// cap, the analysis views' coverage target).

export function getSetting<T>(db: ReadDb, key: string): T | undefined {
  const row = first(db, qb.selectFrom('setting').select('value').where('key', '=', key));
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** The stored row as it is (for an undo image), or undefined. */
export function findSettingRow(db: ReadDb, key: string): SettingRow | undefined {
  return first(db, qb.selectFrom('setting').selectAll().where('key', '=', key));
}

export function putSetting(db: WriteDb, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  run(db, qb.insertInto('setting').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })));
}

export function deleteSetting(db: WriteDb, key: string): void {
  run(db, qb.deleteFrom('setting').where('key', '=', key));
}
