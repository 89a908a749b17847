import type { ChangeDim, ChapterChange, ExpenseChange, SubmissionChanges, TargetChange } from '../../../../shared/endpoints/submit';
import { AppError, refusal } from '../../../../shared/errors';
import { translator } from '../../../../shared/i18n';
import type { Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import type { SubmissionRow } from '../../db/schema';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { regionPlanYear } from '../../repos/region';
import { CHAPTER_PARTS, chapterFigures, findSubmission, listSubmissions } from '../../repos/submissions';
import { readBudget } from '../expenses/budget';
import { MONTHS, type TargetCache } from '../targets/model';
import { targetSummary } from '../targets/read';

// What changed between two submitted snapshots: the targets by a dimension of the
// target grid (or by month), the expense budget by item, and each plan chapter's rows.
// Both versions are read through the same cube and services as the screens, so a
// figure here is the figure the target grid or the budget shows for that version.

/** A sheet of the plan workbook as its writer takes it (io/planWorkbook's SheetTable). */
export interface ChangesSheet {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

export interface VersionRef {
  revision: number | null;
  versionId: number;
}

function versionName(db: ReadDb, id: number): string {
  const row = findVersion(db, id);
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return row.name;
}

function targetsBy(db: ReadDb, cache: TargetCache, from: number, to: number, by: ChangeDim): TargetChange[] {
  const refs = cache.refs;
  const a = cache.cube(db, from);
  const b = cache.cube(db, to);
  const rows = new Map<number, TargetChange & { sort: number }>();
  const column = by === 'month' ? null : refs.dimColumn(by);
  for (let c = 0; c < refs.n; c++) {
    for (let m = 0; m < MONTHS; m++) {
      const k = c * MONTHS + m;
      if (a.amount[k] === 0 && b.amount[k] === 0 && a.volume[k] === 0 && b.volume[k] === 0) continue;
      const id = column === null ? m + 1 : column[c];
      let row = rows.get(id);
      if (!row) {
        const label = column === null || by === 'month' ? null : refs.label(by, id);
        row = {
          key: String(id),
          label: label === null ? String(id) : label.label,
          sort: label === null ? id : label.sort,
          amountBefore: 0,
          amountAfter: 0,
          volumeBefore: 0,
          volumeAfter: 0,
        };
        rows.set(id, row);
      }
      // The cube holds whole 元; the answer is in cents like every amount.
      row.amountBefore += a.amount[k] * 100;
      row.amountAfter += b.amount[k] * 100;
      row.volumeBefore += a.volume[k];
      row.volumeAfter += b.volume[k];
    }
  }
  return [...rows.values()].sort((x, y) => x.sort - y.sort || x.label.localeCompare(y.label)).map(({ sort: _sort, ...row }) => row);
}

function budgetOf(db: ReadDb, cache: TargetCache, versionId: number) {
  const s = targetSummary(db, cache, versionId);
  return readBudget(db, { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents, costMissingSkus: s.costMissing.skus }, versionId);
}

function expensesBetween(db: ReadDb, cache: TargetCache, from: number, to: number): ExpenseChange[] {
  const a = budgetOf(db, cache, from);
  const b = budgetOf(db, cache, to);
  const total = (v: readonly number[]) => v.reduce((x, y) => x + y, 0);
  const before = new Map(a.rows.map((r) => [r.itemId, total(r.budget)]));
  return b.rows.map((r) => ({ itemId: r.itemId, code: r.code, name: r.name, depth: r.depth, before: before.get(r.itemId) ?? 0, after: total(r.budget) }));
}

function chaptersBetween(db: ReadDb, from: number, to: number): ChapterChange[] {
  const a = chapterFigures(db, from);
  const b = chapterFigures(db, to);
  return CHAPTER_PARTS.map((p, i) => ({
    chapter: p.chapter,
    part: p.part,
    countBefore: a[i].count,
    countAfter: b[i].count,
    sumBefore: a[i].sum,
    sumAfter: b[i].sum,
  }));
}

/** The changes between two versions (a submission's snapshot and the next one's, or the working plan). */
export function changesBetween(db: ReadDb, cube: () => TargetCache, from: SubmissionRow, to: VersionRef, by: ChangeDim): SubmissionChanges {
  const cache = cube();
  const targets = targetsBy(db, cache, from.version_id, to.versionId, by);
  const targetTotal = { amountBefore: 0, amountAfter: 0, volumeBefore: 0, volumeAfter: 0 };
  for (const r of targets) {
    targetTotal.amountBefore += r.amountBefore;
    targetTotal.amountAfter += r.amountAfter;
    targetTotal.volumeBefore += r.volumeBefore;
    targetTotal.volumeAfter += r.volumeAfter;
  }
  return {
    from: { revision: from.revision, versionId: from.version_id, name: versionName(db, from.version_id) },
    to: { revision: to.revision, versionId: to.versionId, name: versionName(db, to.versionId) },
    by,
    targets,
    targetTotal,
    expenses: expensesBetween(db, cache, from.version_id, to.versionId),
    chapters: chaptersBetween(db, from.version_id, to.versionId),
  };
}

/**
 * What changed since the last submission, as the app shows it: from `fromRevision`
 * (default: the one before `toRevision`) to `toRevision` (default: the last); with one
 * submission only, from it to the working plan. Null before the first submission.
 */
export function submissionChanges(
  db: ReadDb,
  cube: () => TargetCache,
  input: { fromRevision?: number; toRevision?: number; by: ChangeDim },
): SubmissionChanges | null {
  const year = regionPlanYear(db);
  const log = listSubmissions(db, year);
  if (log.length === 0) return null;
  const find = (revision: number, path: string) => {
    const row = findSubmission(db, year, revision);
    if (!row) throw refusal('NOT_FOUND', 'submit.error.noRevision', `there is no submission ${revision} of ${year}`, { path, params: { revision } });
    return row;
  };
  const to = input.toRevision !== undefined ? find(input.toRevision, 'toRevision') : log.length > 1 || input.fromRevision !== undefined ? log[log.length - 1] : null;
  const toRef: VersionRef = to ? { revision: to.revision, versionId: to.version_id } : { revision: null, versionId: workingVersionId(db) };
  let from: SubmissionRow;
  if (input.fromRevision !== undefined) from = find(input.fromRevision, 'fromRevision');
  else if (to === null) from = log[log.length - 1];
  else {
    const earlier = log.filter((r) => r.revision < to.revision);
    if (earlier.length === 0) return null;
    from = earlier[earlier.length - 1];
  }
  return changesBetween(db, cube, from, toRef, input.by);
}

/** The changes as a sheet of the plan workbook: targets by `by`, the budget by item, the chapters; amounts in 元. */
export function changesSheet(changes: SubmissionChanges, language: Language): ChangesSheet {
  const t = translator(language);
  const yuan = (cents: number | null) => (cents === null ? null : Math.round(cents) / 100);
  const rows: (string | number | null)[][] = [];
  const dim = t(`submit.dim.${changes.by}`);
  for (const r of changes.targets) {
    const label = changes.by === 'month' ? t('submit.monthLabel', { month: Number(r.key) }) : r.label;
    rows.push([t('submit.changes.targets'), `${dim}: ${label}`, yuan(r.amountBefore), yuan(r.amountAfter), yuan(r.amountAfter - r.amountBefore), r.volumeBefore, r.volumeAfter]);
  }
  const tt = changes.targetTotal;
  rows.push([t('submit.changes.targets'), t('submit.changes.total'), yuan(tt.amountBefore), yuan(tt.amountAfter), yuan(tt.amountAfter - tt.amountBefore), tt.volumeBefore, tt.volumeAfter]);
  for (const e of changes.expenses) {
    rows.push([t('submit.changes.expenses'), `${'  '.repeat(e.depth)}${e.code} ${e.name}`.trimEnd(), yuan(e.before), yuan(e.after), yuan(e.after - e.before), null, null]);
  }
  for (const c of changes.chapters) {
    const money = c.part !== 'openings' && c.part !== 'headcount';
    const label = `${t(`submit.chapter.${c.chapter}`)} · ${t(`submit.part.${c.part}`)}`;
    rows.push([t('submit.changes.chapters'), `${label} (${t('submit.changes.rows')})`, c.countBefore, c.countAfter, c.countAfter - c.countBefore, null, null]);
    if (c.sumBefore !== null && c.sumAfter !== null) {
      const before = money ? yuan(c.sumBefore) : c.sumBefore;
      const after = money ? yuan(c.sumAfter) : c.sumAfter;
      rows.push([t('submit.changes.chapters'), label, before, after, (after ?? 0) - (before ?? 0), null, null]);
    }
  }
  return {
    name: t('submit.changes.sheet'),
    headers: [
      t('submit.changes.section'),
      t('submit.changes.item'),
      t('submit.changes.before', { name: changes.from.name }),
      t('submit.changes.after', { name: changes.to.name }),
      t('submit.changes.delta'),
      t('submit.changes.volumeBefore'),
      t('submit.changes.volumeAfter'),
    ],
    rows,
  };
}
