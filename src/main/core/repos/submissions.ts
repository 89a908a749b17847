import { all, first, prepared, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { SubmissionRow } from '../db/schema';

// The submission log (submission): every plan package sent to head office. Rows are
// added, never removed; only head office's answer is filled in later (the file's
// triggers refuse anything else).

export function listSubmissions(db: ReadDb, planYear: number): SubmissionRow[] {
  return all(db, qb.selectFrom('submission').selectAll().where('plan_year', '=', planYear).orderBy('revision'));
}

export function lastSubmission(db: ReadDb, planYear: number): SubmissionRow | undefined {
  return first(db, qb.selectFrom('submission').selectAll().where('plan_year', '=', planYear).orderBy('revision', 'desc').limit(1));
}

export function findSubmission(db: ReadDb, planYear: number, revision: number): SubmissionRow | undefined {
  return first(db, qb.selectFrom('submission').selectAll().where('plan_year', '=', planYear).where('revision', '=', revision));
}

export function insertSubmission(db: WriteDb, row: Omit<SubmissionRow, 'id' | 'answer_state' | 'answer_comment' | 'answered_at' | 'answered_by'>): void {
  run(db, qb.insertInto('submission').values(row));
}

export function setSubmissionAnswer(
  db: WriteDb,
  planYear: number,
  revision: number,
  answer: Pick<SubmissionRow, 'answer_state' | 'answer_comment' | 'answered_at' | 'answered_by'>,
): void {
  run(db, qb.updateTable('submission').set(answer).where('plan_year', '=', planYear).where('revision', '=', revision));
}

/** A plan chapter's part: the table holding it per version, and the column summed (none: only rows are counted). */
export const CHAPTER_PARTS = [
  { chapter: 'channel', part: 'fill', table: 'channel_fill_plan', sum: 'first_year_sales_cents' },
  { chapter: 'channel', part: 'prospects', table: 'channel_prospect', sum: 'year_sales_cents' },
  { chapter: 'channel', part: 'customerChanges', table: 'channel_customer_change', sum: null },
  { chapter: 'terminal', part: 'openings', table: 'terminal_open_plan', sum: 'stores' },
  { chapter: 'terminal', part: 'shareTargets', table: 'terminal_share_target', sum: null },
  { chapter: 'terminal', part: 'skuTargets', table: 'terminal_sku_target', sum: null },
  { chapter: 'product', part: 'positions', table: 'product_position', sum: null },
  { chapter: 'product', part: 'newProducts', table: 'new_product', sum: 'target_cents' },
  { chapter: 'written', part: 'sections', table: 'plan_narrative', sum: null },
  { chapter: 'variance', part: 'notes', table: 'variance_note', sum: null },
  { chapter: 'promotions', part: 'promotions', table: 'promotion', sum: null },
  { chapter: 'team', part: 'headcount', table: 'headcount_plan', sum: 'headcount' },
  { chapter: 'team', part: 'training', table: 'training_session', sum: 'cost_cents' },
  { chapter: 'team', part: 'actions', table: 'action_item', sum: null },
] as const;
export type ChapterPart = (typeof CHAPTER_PARTS)[number];

/** Each part's rows and sum for one version, in CHAPTER_PARTS' order. */
export function chapterFigures(db: ReadDb, versionId: number): { count: number; sum: number | null }[] {
  return CHAPTER_PARTS.map((p) => {
    // The parts' tables and columns are the constants above; the version is a bound value.
    const row = prepared(db, `SELECT count(*) AS n, ${p.sum === null ? 'NULL' : `coalesce(sum(${p.sum}), 0)`} AS s FROM ${p.table} WHERE version_id = ?`).get(versionId) as {
      n: number;
      s: number | null;
    };
    return { count: row.n, sum: row.s };
  });
}
