import { readDb } from '../../db/handle';
import { workingVersionId } from '../../repos/planVersions';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import { isOverdue, type ActionListResult, type ActionRow, type ActionRowInput, type ActionStatus } from '../../../../shared/endpoints/team';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { isRealDate, refuse } from './common';

// The action list (PDCA) of the working plan: what is to be done, by whom, by when,
// for which slice (city, channel, brand) and which measure it should move.

interface ActionDbRow {
  id: number;
  version_id: number;
  title: string;
  owner_id: number | null;
  due_date: string | null;
  status: ActionStatus;
  city_id: number | null;
  channel_id: number | null;
  brand_id: number | null;
  measure: string;
  note: string;
  created_at: string;
}

function toRow(r: ActionDbRow, today: string): ActionRow {
  const row = {
    id: r.id, title: r.title, ownerId: r.owner_id, dueDate: r.due_date, status: r.status, cityId: r.city_id,
    channelId: r.channel_id, brandId: r.brand_id, measure: r.measure, note: r.note,
  };
  return { ...row, overdue: isOverdue(row, today) };
}

export function listActions(sqlite: Database.Database, today: string): ActionListResult {
  if (!isRealDate(today)) refuse('INVALID_INPUT', `not a date: ${today}`, 'badDate', 'today');
  const versionId = workingVersionId(readDb(sqlite));
  const rows = (sqlite
    .prepare('SELECT * FROM action_item WHERE version_id = ? ORDER BY due_date IS NULL, due_date, id')
    .all(versionId) as ActionDbRow[]).map((r) => toRow(r, today));
  const refs = (table: string) => sqlite.prepare(`SELECT id, name FROM ${table} ORDER BY ${table === 'city' || table === 'salesperson' ? 'id' : 'sort_order, id'}`).all() as { id: number; name: string }[];
  return {
    rows,
    overdueCount: rows.filter((r) => r.overdue).length,
    refs: { salesperson: refs('salesperson'), city: refs('city'), channel: refs('channel'), brand: refs('brand') },
  };
}

const REF_FIELDS = [
  { field: 'ownerId', table: 'salesperson', key: 'unknownOwner' },
  { field: 'cityId', table: 'city', key: 'unknownCity' },
  { field: 'channelId', table: 'channel', key: 'unknownChannel' },
  { field: 'brandId', table: 'brand', key: 'unknownBrand' },
] as const;

export function applyActions(db: WriteDb, rows: ActionRowInput[]): { ids: number[] } {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  const get = sqlite.prepare('SELECT * FROM action_item WHERE id = ? AND version_id = ?');
  const existing = rows.map((r, i) => {
    for (const f of REF_FIELDS) {
      const id = r[f.field];
      if (id !== undefined && id !== null && !sqlite.prepare(`SELECT 1 FROM ${f.table} WHERE id = ?`).get(id)) {
        refuse('INVALID_INPUT', `rows.${i}.${f.field}: no ${f.table} ${id}`, f.key, `rows.${i}.${f.field}`);
      }
    }
    if (r.dueDate && !isRealDate(r.dueDate)) refuse('INVALID_INPUT', `rows.${i}.dueDate: not a date: ${r.dueDate}`, 'badDate', `rows.${i}.dueDate`);
    if (r.id === undefined) {
      if (r.title === undefined) refuse('INVALID_INPUT', `rows.${i}: a new action needs a title`, 'titleRequired', `rows.${i}.title`);
      return null;
    }
    const found = get.get(r.id, versionId) as ActionDbRow | undefined;
    if (!found) refuse('INVALID_INPUT', `rows.${i}: no action ${r.id}`, 'noSuchRow', `rows.${i}.id`);
    return found;
  });
  return recordEdit(db, 'team.undo.actions', () => {
    const changes: RowChange[] = [];
    const ids: number[] = [];
    const cols = ['title', 'owner_id', 'due_date', 'status', 'city_id', 'channel_id', 'brand_id', 'measure', 'note'] as const;
    const insert = sqlite.prepare(`INSERT INTO action_item (version_id, ${cols.join(', ')}, created_at) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)`);
    const update = sqlite.prepare(`UPDATE action_item SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
    rows.forEach((r, i) => {
      const before = existing[i];
      const base: ActionDbRow = before ?? {
        id: 0, version_id: versionId, title: '', owner_id: null, due_date: null, status: 'open', city_id: null, channel_id: null,
        brand_id: null, measure: '', note: '', created_at: new Date().toISOString(),
      };
      const after: ActionDbRow = {
        ...base,
        title: r.title ?? base.title,
        owner_id: r.ownerId === undefined ? base.owner_id : r.ownerId,
        due_date: r.dueDate === undefined ? base.due_date : r.dueDate,
        status: r.status ?? base.status,
        city_id: r.cityId === undefined ? base.city_id : r.cityId,
        channel_id: r.channelId === undefined ? base.channel_id : r.channelId,
        brand_id: r.brandId === undefined ? base.brand_id : r.brandId,
        measure: r.measure?.trim() ?? base.measure,
        note: r.note ?? base.note,
      };
      const values = cols.map((c) => after[c]);
      if (before) {
        update.run(...values, before.id);
        changes.push({ table: 'action_item', key: { id: before.id }, before: { ...before }, after: { ...after } });
        ids.push(before.id);
      } else {
        const id = Number(insert.run(versionId, ...values, after.created_at).lastInsertRowid);
        changes.push({ table: 'action_item', key: { id }, before: null, after: { ...after, id } });
        ids.push(id);
      }
    });
    return { changes, value: { ids } };
  });
}

export function removeActions(db: WriteDb, ids: number[]): { removed: number } {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  const get = sqlite.prepare('SELECT * FROM action_item WHERE id = ? AND version_id = ?');
  const rows = [...new Set(ids)].map((id, i) => {
    const r = get.get(id, versionId) as ActionDbRow | undefined;
    if (!r) refuse('INVALID_INPUT', `ids.${i}: no action ${id}`, 'noSuchRow', `ids.${i}`);
    return r;
  });
  return recordEdit(db, 'team.undo.actionsRemove', () => {
    const del = sqlite.prepare('DELETE FROM action_item WHERE id = ?');
    for (const r of rows) del.run(r.id);
    return { changes: rows.map((r) => ({ table: 'action_item' as const, key: { id: r.id }, before: { ...r }, after: null })), value: { removed: rows.length } };
  });
}
