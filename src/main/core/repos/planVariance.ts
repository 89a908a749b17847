import { sql } from 'kysely';
import type { TargetDim } from '../../../shared/endpoints/targets';
import { all, first, prepared, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { VarianceCauseRow, VarianceNoteActionRow, VarianceNoteRow } from '../db/schema';
import { Where } from './analysis/where';

// Variance notes (variance_note), their causes (variance_cause) and the actions they
// led to (variance_note_action); and the sums of one slice × period that a note's gap
// is made of, by the sales analysis's rules.

// ---- causes -------------------------------------------------------------------------

/** The causes in their order, with how many notes (of any version) give each. */
export function causeRows(db: ReadDb): (VarianceCauseRow & { notes: number })[] {
  return all(
    db,
    qb
      .selectFrom('variance_cause as c')
      .selectAll('c')
      .select((eb) => eb.selectFrom('variance_note as n').select(sql<number>`count(*)`.as('n')).whereRef('n.cause_id', '=', 'c.id').as('notes'))
      .orderBy('c.sort_order')
      .orderBy('c.id'),
  ) as (VarianceCauseRow & { notes: number })[];
}

export function findCause(db: ReadDb, id: number): VarianceCauseRow | undefined {
  return first(db, qb.selectFrom('variance_cause').selectAll().where('id', '=', id));
}

export function causeByName(db: ReadDb, name: string): VarianceCauseRow | undefined {
  return first(db, qb.selectFrom('variance_cause').selectAll().where('name', '=', name));
}

export function causeCodeTaken(db: ReadDb, code: string): boolean {
  return first(db, qb.selectFrom('variance_cause').select('id').where('code', '=', code)) !== undefined;
}

export function nextCauseOrder(db: ReadDb): number {
  return (first(db, qb.selectFrom('variance_cause').select(sql<number>`coalesce(max(sort_order), 0) + 1`.as('n')))?.n ?? 1) as number;
}

export function insertCause(db: WriteDb, row: Omit<VarianceCauseRow, 'id'>): number {
  return Number(run(db, qb.insertInto('variance_cause').values(row)).lastInsertRowid);
}

export function renameCause(db: WriteDb, id: number, name: string): void {
  run(db, qb.updateTable('variance_cause').set({ name }).where('id', '=', id));
}

export function deleteCause(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('variance_cause').where('id', '=', id));
}

// ---- notes and links ----------------------------------------------------------------

/** A version's notes by period, then id. */
export function noteRows(db: ReadDb, versionId: number): VarianceNoteRow[] {
  return all(db, qb.selectFrom('variance_note').selectAll().where('version_id', '=', versionId).orderBy('period').orderBy('id'));
}

export function findNote(db: ReadDb, versionId: number, id: number): VarianceNoteRow | undefined {
  return first(db, qb.selectFrom('variance_note').selectAll().where('id', '=', id).where('version_id', '=', versionId));
}

type NoteValues = Omit<VarianceNoteRow, 'id' | 'version_id' | 'created_at'>;
const noteValues = (r: NoteValues): NoteValues => ({
  period_kind: r.period_kind, period: r.period, scope_json: r.scope_json, cause_id: r.cause_id, body: r.body, author: r.author, updated_at: r.updated_at,
});

export function insertNote(db: WriteDb, row: Omit<VarianceNoteRow, 'id'>): number {
  const values = { version_id: row.version_id, ...noteValues(row), created_at: row.created_at };
  return Number(run(db, qb.insertInto('variance_note').values(values)).lastInsertRowid);
}

export function updateNote(db: WriteDb, id: number, values: NoteValues): void {
  run(db, qb.updateTable('variance_note').set(noteValues(values)).where('id', '=', id));
}

export function deleteNote(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('variance_note').where('id', '=', id));
}

/** The links of a version's notes. */
export function linkRows(db: ReadDb, versionId: number): VarianceNoteActionRow[] {
  return all(
    db,
    qb
      .selectFrom('variance_note_action as l')
      .innerJoin('variance_note as n', 'n.id', 'l.note_id')
      .select(['l.note_id', 'l.action_id'])
      .where('n.version_id', '=', versionId)
      .orderBy('l.note_id')
      .orderBy('l.action_id'),
  );
}

export function linksOfNotes(db: ReadDb, noteIds: readonly number[]): VarianceNoteActionRow[] {
  if (noteIds.length === 0) return [];
  return all(db, qb.selectFrom('variance_note_action').selectAll().where('note_id', 'in', [...noteIds]));
}

export function linksOfActions(db: ReadDb, actionIds: readonly number[]): VarianceNoteActionRow[] {
  if (actionIds.length === 0) return [];
  return all(db, qb.selectFrom('variance_note_action').selectAll().where('action_id', 'in', [...actionIds]));
}

export function linkExists(db: ReadDb, noteId: number, actionId: number): boolean {
  return first(db, qb.selectFrom('variance_note_action').select('note_id').where('note_id', '=', noteId).where('action_id', '=', actionId)) !== undefined;
}

export function insertLink(db: WriteDb, noteId: number, actionId: number): void {
  run(db, qb.insertInto('variance_note_action').values({ note_id: noteId, action_id: actionId }));
}

export function deleteLink(db: WriteDb, noteId: number, actionId: number): void {
  run(db, qb.deleteFrom('variance_note_action').where('note_id', '=', noteId).where('action_id', '=', actionId));
}

/**
 * Copies a version's notes into a new version, set-based. Their links are not copied:
 * the action list belongs to the working plan and is not copied with a version.
 */
export function copyVarianceNotes(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('variance_note')
      .columns(['version_id', 'period_kind', 'period', 'scope_json', 'cause_id', 'body', 'author', 'created_at', 'updated_at'])
      .expression(
        qb
          .selectFrom('variance_note')
          .select([sql<number>`${toId}`.as('version_id'), 'period_kind', 'period', 'scope_json', 'cause_id', 'body', 'author', 'created_at', 'updated_at'])
          .where('version_id', '=', fromId)
          .orderBy('id'),
      ),
  );
}

// ---- members ------------------------------------------------------------------------

const MEMBER_TABLE: Record<TargetDim, 'province' | 'city' | 'channel' | 'customer' | 'brand' | 'category' | 'sku' | 'salesperson'> = {
  province: 'province', city: 'city', channel: 'channel', customer: 'customer', brand: 'brand', category: 'category', sku: 'sku', salesperson: 'salesperson',
};

/** The names of a dimension's members among `ids` (absent ids are left out). */
export function memberNamesOf(db: ReadDb, dim: TargetDim, ids: readonly number[]): { id: number; name: string }[] {
  if (ids.length === 0) return [];
  return all(db, qb.selectFrom(MEMBER_TABLE[dim]).select(['id', 'name']).where('id', 'in', [...ids]));
}

/** A customer's or a city's place, for checking that a slice's members agree. */
export function customerPlace(db: ReadDb, id: number): { city_id: number; channel_id: number; owner_id: number | null; province_id: number } | undefined {
  return first(
    db,
    qb
      .selectFrom('customer as c')
      .innerJoin('city as ci', 'ci.id', 'c.city_id')
      .select(['c.city_id', 'c.channel_id', 'c.owner_id', 'ci.province_id'])
      .where('c.id', '=', id),
  );
}

export function cityProvince(db: ReadDb, id: number): number | undefined {
  return first(db, qb.selectFrom('city').select('province_id').where('id', '=', id))?.province_id;
}

export function skuProduct(db: ReadDb, id: number): { brand_id: number; category_id: number } | undefined {
  return first(db, qb.selectFrom('sku').select(['brand_id', 'category_id']).where('id', '=', id));
}

// ---- the sums of a slice ------------------------------------------------------------
//
// Hand-written, like the sales analysis's reads (repos/analysis/sales.ts), whose figures
// these must equal: the condition per dimension is the same column the analysis groups
// or filters by (a sale's place is its customer's; a target cell's place is its own).
// A slice of customer-side dimensions reads the monthly summary per customer, one of
// product dimensions the summary per SKU, a mix the lines.

export type SliceParts = readonly { dim: TargetDim; id: number }[];

const CUSTOMER_SIDE = new Set<TargetDim>(['province', 'city', 'channel', 'customer', 'salesperson']);

const ACTUAL_COLUMN: Record<TargetDim, string> = {
  province: 'ci.province_id',
  city: 'c.city_id',
  channel: 'c.channel_id',
  customer: 'c.id',
  salesperson: 'c.owner_id',
  brand: 's.brand_id',
  category: 's.category_id',
  sku: 's.id',
};

const TARGET_COLUMN: Record<TargetDim, string> = {
  province: 'ci.province_id',
  city: 't.city_id',
  channel: 't.channel_id',
  customer: 't.customer_id',
  salesperson: 'c.owner_id',
  brand: 's.brand_id',
  category: 's.category_id',
  sku: 't.sku_id',
};

/** The slice's actual sales over the months of a year and of the year before (cents). */
export function sliceActuals(db: ReadDb, slice: SliceParts, year: number, months: readonly [number, number]): { actual: number; lastYear: number } {
  const customerSide = slice.some((p) => CUSTOMER_SIDE.has(p.dim));
  const skuSide = slice.some((p) => !CUSTOMER_SIDE.has(p.dim));
  const province = slice.some((p) => p.dim === 'province');
  let from: string;
  if (!skuSide) from = 'sales_month_customer x JOIN customer c ON c.id = x.customer_id';
  else if (!customerSide) from = 'sales_month_sku x JOIN sku s ON s.id = x.sku_id';
  else from = 'sales_actual x JOIN customer c ON c.id = x.customer_id JOIN sku s ON s.id = x.sku_id';
  if (province) from += ' JOIN city ci ON ci.id = c.city_id';
  const where = new Where('x.period BETWEEN ? AND ?', (year - 1) * 100 + months[0], year * 100 + months[1]);
  if (months[0] > 1 || months[1] < 12) where.add('x.period % 100 BETWEEN ? AND ?', months[0], months[1]);
  for (const p of slice) where.add(`${ACTUAL_COLUMN[p.dim]} = ?`, p.id);
  const start = year * 100 + 1;
  const row = prepared(
    db,
    `SELECT COALESCE(SUM(CASE WHEN x.period >= ? THEN x.amount_cents ELSE 0 END), 0) AS actual,
            COALESCE(SUM(CASE WHEN x.period < ? THEN x.amount_cents ELSE 0 END), 0) AS lastYear
       FROM ${from} WHERE ${where.sql}`,
  ).get(start, start, ...where.params) as { actual: number; lastYear: number };
  return row;
}

/** Whether the version has any target cell in the months. */
export function versionHasTargets(db: ReadDb, versionId: number, months: readonly [number, number]): boolean {
  return first(db, qb.selectFrom('target_fact').select('id').where('version_id', '=', versionId).where('month', '>=', months[0]).where('month', '<=', months[1]).limit(1)) !== undefined;
}

/** The version's target amount of the slice over the months (cents). */
export function sliceTarget(db: ReadDb, versionId: number, slice: SliceParts, months: readonly [number, number]): number {
  let from = 'target_fact t';
  if (slice.some((p) => p.dim === 'salesperson')) from += ' LEFT JOIN customer c ON c.id = t.customer_id';
  if (slice.some((p) => p.dim === 'province')) from += ' JOIN city ci ON ci.id = t.city_id';
  if (slice.some((p) => p.dim === 'brand' || p.dim === 'category')) from += ' JOIN sku s ON s.id = t.sku_id';
  const where = new Where('t.version_id = ? AND t.month BETWEEN ? AND ?', versionId, months[0], months[1]);
  for (const p of slice) where.add(`${TARGET_COLUMN[p.dim]} = ?`, p.id);
  return prepared(db, `SELECT COALESCE(SUM(t.amount_cents), 0) FROM ${from} WHERE ${where.sql}`).pluck().get(...where.params) as number;
}

/**
 * Links the copied notes to the copied actions, as the originals were linked: notes and
 * actions are both copied in the order of their ids, so each copy is found by its rank.
 * Runs after both copies.
 */
export function copyNoteActions(db: WriteDb, fromId: number, toId: number): void {
  const ranked = (table: 'variance_note' | 'action_item') => `(SELECT o.id AS old_id, n.id AS new_id
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM ${table} WHERE version_id = ?) o
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM ${table} WHERE version_id = ?) n ON n.rank = o.rank)`;
  prepared(
    db,
    `INSERT INTO variance_note_action (note_id, action_id)
     SELECT n.new_id, a.new_id FROM variance_note_action l
       JOIN ${ranked('variance_note')} n ON n.old_id = l.note_id
       JOIN ${ranked('action_item')} a ON a.old_id = l.action_id`,
  ).run(fromId, toId, fromId, toId);
}
