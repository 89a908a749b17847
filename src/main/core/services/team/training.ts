import { workingVersionId } from '../../repos/planVersions';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TrainingSessionRow as TrainingDbRow } from '../../db/schema';
import type { TrainingRowInput, TrainingSessionRow } from '../../../../shared/endpoints/team';
import { refusal } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { deleteTrainingSession, findTrainingSession, insertTrainingSession, trainingSessions, updateTrainingSession } from '../../repos/team';

// Training sessions of the working plan: topic, audience, month, cost.

const toRow = (r: TrainingDbRow): TrainingSessionRow => ({ id: r.id, topic: r.topic, audience: r.audience, month: r.month, costCents: r.cost_cents });

export function listTraining(db: ReadDb, versionId: number): TrainingSessionRow[] {
  return trainingSessions(db, versionId).map(toRow);
}

export function applyTraining(db: WriteDb, rows: TrainingRowInput[]): { ids: number[] } {
  const versionId = workingVersionId(db);
  // Check everything before writing: all or nothing.
  const existing = rows.map((r, i) => {
    if (r.id === undefined) {
      if (r.topic === undefined) throw refusal('INVALID_INPUT', 'team.error.topicRequired', `rows.${i}: a new session needs a topic`, { path: `rows.${i}.topic` });
      if (r.month === undefined) throw refusal('INVALID_INPUT', 'team.error.monthRequired', `rows.${i}: a new session needs a month`, { path: `rows.${i}.month` });
      return null;
    }
    const found = findTrainingSession(db, versionId, r.id);
    if (!found) throw refusal('INVALID_INPUT', 'team.error.noSuchRow', `rows.${i}: no training session ${r.id}`, { path: `rows.${i}.id` });
    return found;
  });
  return recordEdit(db, 'team.undo.training', () => {
    const changes: RowChange[] = [];
    const ids: number[] = [];
    rows.forEach((r, i) => {
      const before = existing[i];
      if (before) {
        const after = { ...before, topic: r.topic?.trim() ?? before.topic, audience: r.audience?.trim() ?? before.audience, month: r.month ?? before.month, cost_cents: r.costCents ?? before.cost_cents };
        updateTrainingSession(db, before.id, after);
        changes.push({ table: 'training_session', key: { id: before.id }, before: { ...before }, after });
        ids.push(before.id);
      } else {
        const after = { version_id: versionId, topic: r.topic!.trim(), audience: r.audience?.trim() ?? '', month: r.month!, cost_cents: r.costCents ?? 0 };
        const id = insertTrainingSession(db, after);
        changes.push({ table: 'training_session', key: { id }, before: null, after: { id, ...after } });
        ids.push(id);
      }
    });
    return { changes, value: { ids } };
  });
}

export function removeTraining(db: WriteDb, ids: number[]): { removed: number } {
  const versionId = workingVersionId(db);
  const rows = [...new Set(ids)].map((id, i) => {
    const r = findTrainingSession(db, versionId, id);
    if (!r) throw refusal('INVALID_INPUT', 'team.error.noSuchRow', `ids.${i}: no training session ${id}`, { path: `ids.${i}` });
    return r;
  });
  return recordEdit(db, 'team.undo.trainingRemove', () => {
    for (const r of rows) deleteTrainingSession(db, r.id);
    return { changes: rows.map((r) => ({ table: 'training_session' as const, key: { id: r.id }, before: { ...r }, after: null })), value: { removed: rows.length } };
  });
}
