import { workingVersionId } from '../../repos/planVersions';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { ActionItemRow } from '../../db/schema';
import { isOverdue, type ActionListResult, type ActionRow, type ActionRowInput } from '../../../../shared/endpoints/team';
import { refusal } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { actionItems, actionRefExists, actionRefs, deleteActionItem, findActionItem, insertActionItem, updateActionItem } from '../../repos/team';
import { isRealDate } from './common';
import { linkChangesOfActions } from '../plan/variance';

// The action list (PDCA) of the working plan: what is to be done, by whom, by when,
// for which slice (city, channel, brand) and which measure it should move.

function toRow(r: ActionItemRow, today: string): ActionRow {
  const row = {
    id: r.id, title: r.title, ownerId: r.owner_id, dueDate: r.due_date, status: r.status, cityId: r.city_id,
    channelId: r.channel_id, brandId: r.brand_id, measure: r.measure, note: r.note,
  };
  return { ...row, overdue: isOverdue(row, today) };
}

/** The action list of a plan version (default: the working plan, the one the list edits). */
export function listActions(db: ReadDb, today: string, versionId = workingVersionId(db)): ActionListResult {
  if (!isRealDate(today)) throw refusal('INVALID_INPUT', 'team.error.badDate', `not a date: ${today}`, { path: 'today' });
  const rows = actionItems(db, versionId).map((r) => toRow(r, today));
  return { rows, overdueCount: rows.filter((r) => r.overdue).length, refs: actionRefs(db) };
}

const REF_FIELDS = [
  { field: 'ownerId', table: 'salesperson', rule: 'team.error.unknownOwner' },
  { field: 'cityId', table: 'city', rule: 'team.error.unknownCity' },
  { field: 'channelId', table: 'channel', rule: 'team.error.unknownChannel' },
  { field: 'brandId', table: 'brand', rule: 'team.error.unknownBrand' },
] as const;

export function applyActions(db: WriteDb, rows: ActionRowInput[]): { ids: number[] } {
  const versionId = workingVersionId(db);
  const existing = rows.map((r, i) => {
    for (const f of REF_FIELDS) {
      const id = r[f.field];
      if (id !== undefined && id !== null && !actionRefExists(db, f.table, id)) {
        const path = `rows.${i}.${f.field}`;
        throw refusal('INVALID_INPUT', f.rule, `${path}: no ${f.table} ${id}`, { path });
      }
    }
    if (r.dueDate && !isRealDate(r.dueDate)) {
      throw refusal('INVALID_INPUT', 'team.error.badDate', `rows.${i}.dueDate: not a date: ${r.dueDate}`, { path: `rows.${i}.dueDate` });
    }
    if (r.id === undefined) {
      if (r.title === undefined) throw refusal('INVALID_INPUT', 'team.error.titleRequired', `rows.${i}: a new action needs a title`, { path: `rows.${i}.title` });
      return null;
    }
    const found = findActionItem(db, versionId, r.id);
    if (!found) throw refusal('INVALID_INPUT', 'team.error.noSuchRow', `rows.${i}: no action ${r.id}`, { path: `rows.${i}.id` });
    return found;
  });
  return recordEdit(db, 'team.undo.actions', () => {
    const changes: RowChange[] = [];
    const ids: number[] = [];
    rows.forEach((r, i) => {
      const before = existing[i];
      const base: ActionItemRow = before ?? {
        id: 0, version_id: versionId, title: '', owner_id: null, due_date: null, status: 'open', city_id: null, channel_id: null,
        brand_id: null, measure: '', note: '', created_at: new Date().toISOString(),
      };
      const after: ActionItemRow = {
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
      if (before) {
        updateActionItem(db, before.id, after);
        changes.push({ table: 'action_item', key: { id: before.id }, before: { ...before }, after: { ...after } });
        ids.push(before.id);
      } else {
        const id = insertActionItem(db, after);
        changes.push({ table: 'action_item', key: { id }, before: null, after: { ...after, id } });
        ids.push(id);
      }
    });
    return { changes, value: { ids } };
  });
}

export function removeActions(db: WriteDb, ids: number[]): { removed: number } {
  const versionId = workingVersionId(db);
  const rows = [...new Set(ids)].map((id, i) => {
    const r = findActionItem(db, versionId, id);
    if (!r) throw refusal('INVALID_INPUT', 'team.error.noSuchRow', `ids.${i}: no action ${id}`, { path: `ids.${i}` });
    return r;
  });
  // The variance notes' links to these actions go with them (a foreign-key cascade);
  // recorded first, so that undo puts the actions back before their links.
  const links = linkChangesOfActions(db, rows.map((r) => r.id));
  return recordEdit(db, 'team.undo.actionsRemove', () => {
    for (const r of rows) deleteActionItem(db, r.id);
    const changes = rows.map((r) => ({ table: 'action_item' as const, key: { id: r.id }, before: { ...r }, after: null }));
    return { changes: [...links, ...changes], value: { removed: rows.length } };
  });
}
