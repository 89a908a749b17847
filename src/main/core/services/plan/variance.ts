import {
  canonicalSlice, periodMonths, type VarianceCause, type VarianceGap, type VarianceLinkedAction, type VarianceLogResult, type VarianceNote,
  type VarianceNotesResult, type VariancePeriod, type VarianceSlice,
} from '../../../../shared/endpoints/planVariance';
import { isOverdue } from '../../../../shared/endpoints/team';
import { TARGET_DIMS, type TargetDim } from '../../../../shared/endpoints/targets';
import { AppError, refusal } from '../../../../shared/errors';
import { achievement, yearOnYear } from '../../../../shared/kpi';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { VarianceCauseRow, VarianceNoteRow } from '../../db/schema';
import { recordEdit, type RowChange } from '../../db/undoLog';
import {
  causeByName, causeCodeTaken, causeRows, cityProvince, copyVarianceNotes, customerPlace, deleteCause, deleteLink, deleteNote, findCause, findNote,
  insertCause, insertLink, insertNote, linkExists, linkRows, linksOfActions, linksOfNotes, memberNamesOf, nextCauseOrder, noteRows, renameCause,
  skuProduct, sliceActuals, sliceTarget, updateNote, versionHasTargets,
} from '../../repos/planVariance';
import { orderedMembers } from '../../repos/analysis/members';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { findRegionMeta, regionPlanYear, salesActualYears } from '../../repos/region';
import { actionItems, findActionItem } from '../../repos/team';
import { assertEditable } from '../targets/versions';

// 差異分析: notes on why a slice × period missed or beat the plan, per plan version, with
// a cause from an editable list and the actions they led to; the log adds the gap each
// note explains, by the sales analysis's measures (repos/planVariance.ts).

// ---- periods and slices ---------------------------------------------------------------

function periodOfRow(r: Pick<VarianceNoteRow, 'period_kind' | 'period'>): VariancePeriod {
  const year = Math.floor(r.period / 100);
  const month = r.period % 100;
  if (r.period_kind === 'quarter') return { kind: 'quarter', year, quarter: Math.ceil(month / 3) };
  if (r.period_kind === 'year') return { kind: 'year', year };
  return { kind: 'month', year, month };
}

function periodColumn(p: VariancePeriod): number {
  return p.year * 100 + periodMonths(p)[0];
}

function parseSlice(json: string): VarianceSlice {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return canonicalSlice(
      v.filter((p): p is { dim: TargetDim; id: number } => !!p && TARGET_DIMS.includes((p as { dim: TargetDim }).dim) && Number.isInteger((p as { id: number }).id)),
    );
  } catch {
    return [];
  }
}

/** The years a note may name: from the first year with sales actuals (or the plan year) to the plan year. */
function noteYears(db: ReadDb): [number, number] {
  const planYear = regionPlanYear(db);
  const years = salesActualYears(db);
  return [Math.min(years[0] ?? planYear, planYear), planYear];
}

/** Refuses a slice that names a member that does not exist, or members that contradict each other. */
function checkSlice(db: ReadDb, slice: VarianceSlice): void {
  slice.forEach((p, i) => {
    if (memberNamesOf(db, p.dim, [p.id]).length === 0) {
      throw refusal('INVALID_INPUT', 'planVariance.error.unknownMember', `slice.${i}: no ${p.dim} ${p.id}`, {
        path: `slice.${i}.id`,
        params: { dim: p.dim, id: p.id },
      });
    }
  });
  const idOf = (dim: TargetDim) => slice.find((p) => p.dim === dim)?.id;
  const disagree = (a: TargetDim, b: TargetDim): never => {
    throw refusal('INVALID_INPUT', 'planVariance.error.sliceDisagrees', `slice: the ${a} is not in the ${b}`, { path: 'slice', params: { a, b } });
  };
  const province = idOf('province');
  const city = idOf('city');
  const customer = idOf('customer');
  if (city !== undefined && province !== undefined && cityProvince(db, city) !== province) disagree('city', 'province');
  if (customer !== undefined) {
    const place = customerPlace(db, customer);
    if (place && city !== undefined && place.city_id !== city) disagree('customer', 'city');
    if (place && province !== undefined && place.province_id !== province) disagree('customer', 'province');
  }
  const sku = idOf('sku');
  if (sku !== undefined) {
    const product = skuProduct(db, sku);
    const brand = idOf('brand');
    const category = idOf('category');
    if (product && brand !== undefined && product.brand_id !== brand) disagree('sku', 'brand');
    if (product && category !== undefined && product.category_id !== category) disagree('sku', 'category');
  }
}

// ---- reading --------------------------------------------------------------------------

function versionOf(db: ReadDb, versionId: number | undefined): { id: number; frozen: boolean } {
  const id = versionId ?? workingVersionId(db);
  const row = findVersion(db, id);
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return { id, frozen: row.frozen === 1 };
}

function causesOf(db: ReadDb): VarianceCause[] {
  return causeRows(db).map((c) => ({ id: c.id, code: c.code, name: c.name, notes: c.notes }));
}

function notesOf(db: ReadDb, versionId: number, today: string): { notes: VarianceNote[]; actions: VarianceLinkedAction[] } {
  const rows = noteRows(db, versionId);
  const actions = actionItems(db, versionId).map((a) => ({
    id: a.id, title: a.title, status: a.status, dueDate: a.due_date, overdue: isOverdue({ dueDate: a.due_date, status: a.status }, today),
  }));
  const actionById = new Map(actions.map((a) => [a.id, a]));
  const linked = new Map<number, VarianceLinkedAction[]>();
  for (const l of linkRows(db, versionId)) {
    const a = actionById.get(l.action_id);
    if (!a) continue;
    const list = linked.get(l.note_id) ?? [];
    list.push(a);
    linked.set(l.note_id, list);
  }
  const slices = rows.map((r) => parseSlice(r.scope_json));
  // Names once per dimension for all notes, not per note.
  const names = new Map<string, string>();
  for (const dim of TARGET_DIMS) {
    const ids = [...new Set(slices.flatMap((s) => s.filter((p) => p.dim === dim).map((p) => p.id)))];
    for (const m of memberNamesOf(db, dim, ids)) names.set(`${dim}:${m.id}`, m.name);
  }
  const notes = rows.map((r, i) => ({
    id: r.id,
    period: periodOfRow(r),
    slice: slices[i],
    sliceNames: slices[i].map((p) => names.get(`${p.dim}:${p.id}`) ?? ''),
    causeId: r.cause_id,
    body: r.body,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    actions: linked.get(r.id) ?? [],
  }));
  return { notes, actions };
}

export function varianceNotes(db: ReadDb, input: { versionId?: number; today: string }): VarianceNotesResult {
  const version = versionOf(db, input.versionId);
  return {
    versionId: version.id,
    frozen: version.frozen,
    planYear: regionPlanYear(db),
    years: noteYears(db),
    notes: notesOf(db, version.id, input.today).notes,
    causes: causesOf(db),
  };
}

/** What a slice × period did against the version's plan and the year before, by the sales analysis's measures. */
export function sliceGap(db: ReadDb, versionId: number, slice: VarianceSlice, period: VariancePeriod, planYear = regionPlanYear(db)): VarianceGap {
  const months = periodMonths(period);
  const { actual, lastYear } = sliceActuals(db, slice, period.year, months);
  const target = period.year === planYear && versionHasTargets(db, versionId, months) ? sliceTarget(db, versionId, slice, months) : null;
  return {
    actualCents: actual,
    lastYearCents: lastYear,
    targetCents: target,
    gapCents: target === null ? null : actual - target,
    achievement: target === null ? null : achievement(actual, target),
    yoyCents: actual - lastYear,
    yoy: yearOnYear(actual, lastYear),
  };
}

export function varianceLog(db: ReadDb, input: { versionId?: number; today: string }): VarianceLogResult {
  const version = versionOf(db, input.versionId);
  const planYear = regionPlanYear(db);
  const { notes, actions } = notesOf(db, version.id, input.today);
  const logNotes = notes.map((n) => ({ ...n, gap: sliceGap(db, version.id, n.slice, n.period, planYear) }));
  const byCause = new Map<number | null, VarianceLogResult['byCause'][number]>();
  for (const n of logNotes) {
    const c = byCause.get(n.causeId) ?? { causeId: n.causeId, notes: 0, gapCents: null, yoyCents: 0 };
    c.notes += 1;
    if (n.gap.gapCents !== null) c.gapCents = (c.gapCents ?? 0) + n.gap.gapCents;
    c.yoyCents += n.gap.yoyCents;
    byCause.set(n.causeId, c);
  }
  return {
    versionId: version.id,
    frozen: version.frozen,
    planYear,
    years: noteYears(db),
    notes: logNotes,
    causes: causesOf(db),
    byCause: [...byCause.values()],
    actions,
    options: {
      province: orderedMembers(db, 'province'),
      city: orderedMembers(db, 'city'),
      channel: orderedMembers(db, 'channel'),
      brand: orderedMembers(db, 'brand'),
      category: orderedMembers(db, 'category'),
    },
  };
}

// ---- editing notes --------------------------------------------------------------------

export interface SaveNoteInput {
  id?: number;
  period: VariancePeriod;
  slice: VarianceSlice;
  causeId: number | null;
  body: string;
  author?: string;
}

export function saveNote(db: WriteDb, input: SaveNoteInput): { id: number } {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  const [first, last] = noteYears(db);
  if (input.period.year < first || input.period.year > last) {
    throw refusal('INVALID_INPUT', 'planVariance.error.yearOutside', `period.year: ${input.period.year} is outside ${first}–${last}`, {
      path: 'period.year',
      params: { year: input.period.year, first, last },
    });
  }
  const slice = canonicalSlice(input.slice);
  checkSlice(db, slice);
  if (input.causeId !== null && !findCause(db, input.causeId)) {
    throw refusal('INVALID_INPUT', 'planVariance.error.unknownCause', `causeId: no cause ${input.causeId}`, { path: 'causeId' });
  }
  const body = input.body.trim();
  if (input.causeId === null && body === '') {
    throw refusal('INVALID_INPUT', 'planVariance.error.emptyNote', 'a note needs a cause or a text', { path: 'body' });
  }
  const before = input.id === undefined ? undefined : findNote(db, versionId, input.id);
  if (input.id !== undefined && !before) throw refusal('INVALID_INPUT', 'planVariance.error.noSuchNote', `id: no note ${input.id}`, { path: 'id' });
  const now = new Date().toISOString();
  const after: VarianceNoteRow = {
    id: before?.id ?? 0,
    version_id: versionId,
    period_kind: input.period.kind,
    period: periodColumn(input.period),
    scope_json: JSON.stringify(slice),
    cause_id: input.causeId,
    body,
    // A new note is the manager's unless it says whose; an edit keeps its author unless given.
    author: before ? (input.author ?? before.author) : input.author || findRegionMeta(db).manager_name || '',
    created_at: before?.created_at ?? now,
    updated_at: now,
  };
  return recordEdit(
    db,
    before ? 'planVariance.undo.edit' : 'planVariance.undo.add',
    () => {
      if (before) {
        updateNote(db, before.id, after);
        return { changes: [{ table: 'variance_note', key: { id: before.id }, before: { ...before }, after: { ...after } }], value: { id: before.id } };
      }
      const id = insertNote(db, after);
      return { changes: [{ table: 'variance_note', key: { id }, before: null, after: { ...after, id } }], value: { id } };
    },
    { versionId },
  );
}

export function removeNotes(db: WriteDb, ids: number[]): { removed: number } {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  const rows = [...new Set(ids)].map((id, i) => {
    const r = findNote(db, versionId, id);
    if (!r) throw refusal('INVALID_INPUT', 'planVariance.error.noSuchNote', `ids.${i}: no note ${id}`, { path: `ids.${i}` });
    return r;
  });
  const links = linksOfNotes(db, rows.map((r) => r.id));
  return recordEdit(
    db,
    'planVariance.undo.remove',
    () => {
      // The links go with their notes (and come back with them on undo: links after notes).
      for (const l of links) deleteLink(db, l.note_id, l.action_id);
      for (const r of rows) deleteNote(db, r.id);
      const changes: RowChange[] = [
        ...links.map((l) => ({ table: 'variance_note_action' as const, key: { note_id: l.note_id, action_id: l.action_id }, before: { ...l }, after: null })),
        ...rows.map((r) => ({ table: 'variance_note' as const, key: { id: r.id }, before: { ...r }, after: null })),
      ];
      return { changes, value: { removed: rows.length } };
    },
    { versionId },
  );
}

export function linkAction(db: WriteDb, input: { noteId: number; actionId: number; linked: boolean }): null {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  if (!findNote(db, versionId, input.noteId)) throw refusal('INVALID_INPUT', 'planVariance.error.noSuchNote', `noteId: no note ${input.noteId}`, { path: 'noteId' });
  if (!findActionItem(db, versionId, input.actionId)) {
    throw refusal('INVALID_INPUT', 'planVariance.error.noSuchAction', `actionId: no action ${input.actionId}`, { path: 'actionId' });
  }
  const exists = linkExists(db, input.noteId, input.actionId);
  if (exists === input.linked) return null;
  const row = { note_id: input.noteId, action_id: input.actionId };
  return recordEdit(
    db,
    input.linked ? 'planVariance.undo.link' : 'planVariance.undo.unlink',
    () => {
      if (input.linked) insertLink(db, row.note_id, row.action_id);
      else deleteLink(db, row.note_id, row.action_id);
      return { changes: [{ table: 'variance_note_action', key: { ...row }, before: input.linked ? null : { ...row }, after: input.linked ? { ...row } : null }], value: null };
    },
    { versionId },
  );
}

/** The link rows an action's removal takes with it, as undo images (the team's removal records them in its step). */
export function linkChangesOfActions(db: ReadDb, actionIds: readonly number[]): RowChange[] {
  return linksOfActions(db, actionIds).map((l) => ({ table: 'variance_note_action' as const, key: { note_id: l.note_id, action_id: l.action_id }, before: { ...l }, after: null }));
}

// ---- causes -----------------------------------------------------------------------------

export function applyCauses(db: WriteDb, rows: { id?: number; name: string }[]): { ids: number[] } {
  const seen = new Set<string>();
  const existing = rows.map((r, i) => {
    const name = r.name.trim();
    const holder = causeByName(db, name);
    if ((holder && holder.id !== r.id) || seen.has(name)) {
      throw refusal('INVALID_INPUT', 'planVariance.error.causeTaken', `rows.${i}.name: "${name}" is already a cause`, { path: `rows.${i}.name`, params: { name } });
    }
    seen.add(name);
    if (r.id === undefined) return null;
    const found = findCause(db, r.id);
    if (!found) throw refusal('INVALID_INPUT', 'planVariance.error.noSuchCause', `rows.${i}.id: no cause ${r.id}`, { path: `rows.${i}.id` });
    return found;
  });
  return recordEdit(db, 'planVariance.undo.causes', () => {
    const changes: RowChange[] = [];
    const ids: number[] = [];
    let order = nextCauseOrder(db);
    rows.forEach((r, i) => {
      const name = r.name.trim();
      const before = existing[i];
      if (before) {
        renameCause(db, before.id, name);
        changes.push({ table: 'variance_cause', key: { id: before.id }, before: { ...before }, after: { ...before, name } });
        ids.push(before.id);
        return;
      }
      let n = order;
      while (causeCodeTaken(db, `C${n}`)) n++;
      const row: Omit<VarianceCauseRow, 'id'> = { code: `C${n}`, name, sort_order: order++ };
      const id = insertCause(db, row);
      changes.push({ table: 'variance_cause', key: { id }, before: null, after: { ...row, id } });
      ids.push(id);
    });
    return { changes, value: { ids } };
  });
}

export function removeCauses(db: WriteDb, ids: number[]): { removed: number } {
  const used = new Map(causeRows(db).map((c) => [c.id, c]));
  const rows = [...new Set(ids)].map((id, i) => {
    const c = used.get(id);
    if (!c) throw refusal('INVALID_INPUT', 'planVariance.error.noSuchCause', `ids.${i}: no cause ${id}`, { path: `ids.${i}` });
    if (c.notes > 0) {
      throw refusal('CONFLICT', 'planVariance.error.causeInUse', `ids.${i}: ${c.notes} notes give the cause "${c.name}"`, {
        path: `ids.${i}`,
        params: { name: c.name, count: c.notes },
      });
    }
    const { notes: _notes, ...row } = c;
    void _notes;
    return row;
  });
  return recordEdit(db, 'planVariance.undo.causesRemove', () => {
    for (const r of rows) deleteCause(db, r.id);
    return { changes: rows.map((r) => ({ table: 'variance_cause' as const, key: { id: r.id }, before: { ...r }, after: null })), value: { removed: rows.length } };
  });
}

/** A new version starts with its source's notes (copyChapters). */
export function copyNotes(db: WriteDb, fromId: number, toId: number): void {
  copyVarianceNotes(db, fromId, toId);
}
