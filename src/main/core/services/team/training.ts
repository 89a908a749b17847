import { workingVersionId } from '../../repos/planVersions';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import type { TrainingRowInput, TrainingSessionRow } from '../../../../shared/endpoints/team';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { refuse } from './common';

// Training sessions of the working plan: topic, audience, month, cost.

interface TrainingDbRow {
  id: number;
  version_id: number;
  topic: string;
  audience: string;
  month: number;
  cost_cents: number;
}

const toRow = (r: TrainingDbRow): TrainingSessionRow => ({ id: r.id, topic: r.topic, audience: r.audience, month: r.month, costCents: r.cost_cents });

export function listTraining(sqlite: Database.Database, versionId: number): TrainingSessionRow[] {
  return (sqlite.prepare('SELECT * FROM training_session WHERE version_id = ? ORDER BY month, id').all(versionId) as TrainingDbRow[]).map(toRow);
}

export function applyTraining(db: WriteDb, rows: TrainingRowInput[]): { ids: number[] } {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  const get = sqlite.prepare('SELECT * FROM training_session WHERE id = ? AND version_id = ?');
  // Check everything before writing: all or nothing.
  const existing = rows.map((r, i) => {
    if (r.id === undefined) {
      if (r.topic === undefined) refuse('INVALID_INPUT', `rows.${i}: a new session needs a topic`, 'topicRequired', `rows.${i}.topic`);
      if (r.month === undefined) refuse('INVALID_INPUT', `rows.${i}: a new session needs a month`, 'monthRequired', `rows.${i}.month`);
      return null;
    }
    const found = get.get(r.id, versionId) as TrainingDbRow | undefined;
    if (!found) refuse('INVALID_INPUT', `rows.${i}: no training session ${r.id}`, 'noSuchRow', `rows.${i}.id`);
    return found;
  });
  return recordEdit(db, 'team.undo.training', () => {
    const changes: RowChange[] = [];
    const ids: number[] = [];
    const insert = sqlite.prepare('INSERT INTO training_session (version_id, topic, audience, month, cost_cents) VALUES (?, ?, ?, ?, ?)');
    const update = sqlite.prepare('UPDATE training_session SET topic = ?, audience = ?, month = ?, cost_cents = ? WHERE id = ?');
    rows.forEach((r, i) => {
      const before = existing[i];
      if (before) {
        const after = { ...before, topic: r.topic?.trim() ?? before.topic, audience: r.audience?.trim() ?? before.audience, month: r.month ?? before.month, cost_cents: r.costCents ?? before.cost_cents };
        update.run(after.topic, after.audience, after.month, after.cost_cents, before.id);
        changes.push({ table: 'training_session', key: { id: before.id }, before: { ...before }, after });
        ids.push(before.id);
      } else {
        const after = { version_id: versionId, topic: r.topic!.trim(), audience: r.audience?.trim() ?? '', month: r.month!, cost_cents: r.costCents ?? 0 };
        const id = Number(insert.run(after.version_id, after.topic, after.audience, after.month, after.cost_cents).lastInsertRowid);
        changes.push({ table: 'training_session', key: { id }, before: null, after: { id, ...after } });
        ids.push(id);
      }
    });
    return { changes, value: { ids } };
  });
}

export function removeTraining(db: WriteDb, ids: number[]): { removed: number } {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  const get = sqlite.prepare('SELECT * FROM training_session WHERE id = ? AND version_id = ?');
  const rows = [...new Set(ids)].map((id, i) => {
    const r = get.get(id, versionId) as TrainingDbRow | undefined;
    if (!r) refuse('INVALID_INPUT', `ids.${i}: no training session ${id}`, 'noSuchRow', `ids.${i}`);
    return r;
  });
  return recordEdit(db, 'team.undo.trainingRemove', () => {
    const del = sqlite.prepare('DELETE FROM training_session WHERE id = ?');
    for (const r of rows) del.run(r.id);
    return { changes: rows.map((r) => ({ table: 'training_session' as const, key: { id: r.id }, before: { ...r }, after: null })), value: { removed: rows.length } };
  });
}
