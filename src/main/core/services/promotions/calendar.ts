import { readDb } from '../../db/handle';
import { workingVersionId } from '../../repos/planVersions';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import type { PromotionBudgetLine, PromotionExpenseItem, PromotionInfo, PromotionList } from '../../../../shared/endpoints/promotions';
import { AppError } from '../../../../shared/errors';
import {
  SCOPE_DIMS, emptyScope, findOverlaps, isIsoDate, type PromotionScope, type PromotionType, type ScopeDim, type SkuPlace,
} from '../../../../shared/promotions';
import { recordEdit, type RowChange, type RowValues } from '../../db/undoLog';

// The promotion and advertising calendar of the working plan version: activities, their
// scope (promotion_scope: dim + ref_id; no rows in a dimension = all) and their budget
// by expense item (promotion_budget). Every change is one undo step.

export interface PromotionInput {
  name: string;
  type: PromotionType;
  startDate: string;
  endDate: string;
  mechanics?: string;
  expectedExtraVolume?: number;
  scope?: Partial<PromotionScope>;
  budget?: PromotionBudgetLine[];
}

interface PromotionRow {
  id: number;
  version_id: number;
  name: string;
  type: PromotionType;
  start_date: string;
  end_date: string;
  mechanics: string;
  expected_extra_volume: number;
}

const DIM_TABLE: Record<ScopeDim, string> = {
  sku: 'sku', brand: 'brand', category: 'category', channel: 'channel', city: 'city', customer: 'customer',
};

function refuse(path: string, reason: string, message: string): never {
  throw new AppError('INVALID_INPUT', message, { issues: [{ path, message: `promotions.error.${reason}` }] });
}

export function planYear(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT plan_year FROM region_meta').pluck().get() as number;
}

export function expenseItems(sqlite: Database.Database): PromotionExpenseItem[] {
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.parent_id AS parentId, i.code, i.name,
         NOT EXISTS (SELECT 1 FROM expense_item c WHERE c.parent_id = i.id) AS leaf
       FROM expense_item i ORDER BY i.sort_order, i.id`,
    )
    .all() as (Omit<PromotionExpenseItem, 'leaf'> & { leaf: number })[];
  // Parents first, each followed by its children, in sort order.
  const byParent = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const list = byParent.get(r.parentId) ?? [];
    list.push(r);
    byParent.set(r.parentId, list);
  }
  const out: PromotionExpenseItem[] = [];
  const ids = new Set(rows.map((r) => r.id));
  const walk = (parent: number | null) => {
    for (const r of byParent.get(parent) ?? []) {
      out.push({ ...r, leaf: r.leaf === 1 });
      walk(r.id);
    }
  };
  walk(null);
  // Items whose parent is missing (should not happen) still show.
  for (const r of rows) if (r.parentId !== null && !ids.has(r.parentId)) out.push({ ...r, leaf: r.leaf === 1 });
  return out;
}

function skuPlaces(sqlite: Database.Database): SkuPlace[] {
  return sqlite.prepare('SELECT id, brand_id AS brandId, category_id AS categoryId FROM sku').all() as SkuPlace[];
}

export function listPromotions(sqlite: Database.Database): PromotionList {
  const versionId = workingVersionId(readDb(sqlite));
  const year = planYear(sqlite);
  const rows = sqlite.prepare('SELECT * FROM promotion WHERE version_id = ? ORDER BY start_date, id').all(versionId) as PromotionRow[];
  const scopes = new Map<number, PromotionScope>(rows.map((r) => [r.id, emptyScope()]));
  for (const s of sqlite
    .prepare(
      `SELECT s.promotion_id AS id, s.dim, s.ref_id AS ref FROM promotion_scope s JOIN promotion p ON p.id = s.promotion_id
       WHERE p.version_id = ? ORDER BY s.promotion_id, s.dim, s.ref_id`,
    )
    .all(versionId) as { id: number; dim: ScopeDim; ref: number }[]) {
    scopes.get(s.id)?.[s.dim].push(s.ref);
  }
  const budgets = new Map<number, PromotionBudgetLine[]>(rows.map((r) => [r.id, []]));
  for (const b of sqlite
    .prepare(
      `SELECT b.promotion_id AS id, b.item_id AS itemId, b.amount_cents AS amountCents FROM promotion_budget b
       JOIN promotion p ON p.id = b.promotion_id JOIN expense_item i ON i.id = b.item_id
       WHERE p.version_id = ? ORDER BY b.promotion_id, i.sort_order, i.id`,
    )
    .all(versionId) as { id: number; itemId: number; amountCents: number }[]) {
    budgets.get(b.id)?.push({ itemId: b.itemId, amountCents: b.amountCents });
  }
  const overlaps = findOverlaps(
    rows.map((r) => ({ id: r.id, startDate: r.start_date, endDate: r.end_date, scope: scopes.get(r.id)! })),
    skuPlaces(sqlite),
  );
  const byItem = new Map<number, number>();
  const promotions: PromotionInfo[] = rows.map((r) => {
    const budget = budgets.get(r.id)!;
    for (const b of budget) byItem.set(b.itemId, (byItem.get(b.itemId) ?? 0) + b.amountCents);
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      startDate: r.start_date,
      endDate: r.end_date,
      mechanics: r.mechanics,
      expectedExtraVolume: r.expected_extra_volume,
      scope: scopes.get(r.id)!,
      budget,
      budgetCents: budget.reduce((s, b) => s + b.amountCents, 0),
      overlaps: overlaps.get(r.id) ?? [],
    };
  });
  const items = expenseItems(sqlite);
  const order = new Map(items.map((it, i) => [it.id, i]));
  const lines = [...byItem.entries()]
    .filter(([, v]) => v !== 0)
    .map(([itemId, amountCents]) => ({ itemId, amountCents }))
    .sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
  return {
    versionId,
    planYear: year,
    promotions,
    items,
    byItem: lines,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
  };
}

/** Checks an input against the file; returns the normalized scope and budget. */
function validate(sqlite: Database.Database, input: PromotionInput): { scope: PromotionScope | null; budget: PromotionBudgetLine[] | null } {
  if (!isIsoDate(input.startDate)) refuse('startDate', 'badDate', `${input.startDate} is not a date`);
  if (!isIsoDate(input.endDate)) refuse('endDate', 'badDate', `${input.endDate} is not a date`);
  if (input.endDate < input.startDate) refuse('endDate', 'endBeforeStart', 'the end date is before the start date');
  const year = planYear(sqlite);
  if (input.endDate < `${year}-01-01` || input.startDate > `${year}-12-31`) {
    refuse('startDate', 'outsideYear', `the promotion does not run in the plan year ${year}`);
  }
  if (input.startDate < `${year - 1}-01-01` || input.endDate > `${year + 1}-12-31`) {
    refuse('startDate', 'tooLong', 'a promotion may reach at most into the year before and the year after the plan year');
  }
  let scope: PromotionScope | null = null;
  if (input.scope) {
    scope = emptyScope();
    for (const dim of SCOPE_DIMS) {
      const ids = [...new Set(input.scope[dim] ?? [])].sort((a, b) => a - b);
      if (ids.length === 0) continue;
      const found = new Set(
        sqlite
          .prepare(`SELECT id FROM ${DIM_TABLE[dim]} WHERE id IN (SELECT value FROM json_each(?))`)
          .pluck()
          .all(JSON.stringify(ids)) as number[],
      );
      const missing = ids.find((id) => !found.has(id));
      if (missing !== undefined) refuse(`scope.${dim}`, 'unknownRef', `${dim} ${missing} does not exist`);
      scope[dim] = ids;
    }
  }
  let budget: PromotionBudgetLine[] | null = null;
  if (input.budget) {
    const items = new Map(expenseItems(sqlite).map((i) => [i.id, i]));
    const seen = new Set<number>();
    budget = [];
    input.budget.forEach((line, index) => {
      const item = items.get(line.itemId);
      if (!item) refuse(`budget.${index}.itemId`, 'unknownItem', `expense item ${line.itemId} does not exist`);
      if (!item.leaf) refuse(`budget.${index}.itemId`, 'notLeaf', `expense item ${item.code} has sub-items: budget them instead`);
      if (seen.has(line.itemId)) refuse(`budget.${index}.itemId`, 'duplicateItem', `expense item ${item.code} is listed twice`);
      if (line.amountCents < 0) refuse(`budget.${index}.amountCents`, 'negative', 'a budget is never negative');
      seen.add(line.itemId);
      if (line.amountCents > 0) budget!.push({ itemId: line.itemId, amountCents: line.amountCents });
    });
  }
  return { scope, budget };
}

const promotionImage = (r: PromotionRow): RowValues => ({ ...r });

function scopeRows(sqlite: Database.Database, id: number): RowValues[] {
  return sqlite.prepare('SELECT promotion_id, dim, ref_id FROM promotion_scope WHERE promotion_id = ? ORDER BY dim, ref_id').all(id) as RowValues[];
}
function budgetRows(sqlite: Database.Database, id: number): RowValues[] {
  return sqlite.prepare('SELECT promotion_id, item_id, amount_cents FROM promotion_budget WHERE promotion_id = ? ORDER BY item_id').all(id) as RowValues[];
}

/** Replaces a promotion's scope rows; returns the row changes. */
function writeScope(sqlite: Database.Database, id: number, scope: PromotionScope): RowChange[] {
  const before = new Map(scopeRows(sqlite, id).map((r) => [`${r.dim}|${r.ref_id}`, r]));
  const after = new Map<string, RowValues>();
  for (const dim of SCOPE_DIMS) for (const ref of scope[dim]) after.set(`${dim}|${ref}`, { promotion_id: id, dim, ref_id: ref });
  const changes: RowChange[] = [];
  const del = sqlite.prepare('DELETE FROM promotion_scope WHERE promotion_id = ? AND dim = ? AND ref_id = ?');
  const ins = sqlite.prepare('INSERT INTO promotion_scope (promotion_id, dim, ref_id) VALUES (?, ?, ?)');
  for (const [k, r] of before) {
    if (after.has(k)) continue;
    del.run(id, r.dim, r.ref_id);
    changes.push({ table: 'promotion_scope', key: { promotion_id: id, dim: r.dim, ref_id: r.ref_id }, before: r, after: null });
  }
  for (const [k, r] of after) {
    if (before.has(k)) continue;
    ins.run(id, r.dim, r.ref_id);
    changes.push({ table: 'promotion_scope', key: { promotion_id: id, dim: r.dim, ref_id: r.ref_id }, before: null, after: r });
  }
  return changes;
}

/** Replaces a promotion's budget lines; returns the row changes. */
function writeBudget(sqlite: Database.Database, id: number, budget: PromotionBudgetLine[]): RowChange[] {
  const before = new Map(budgetRows(sqlite, id).map((r) => [r.item_id as number, r]));
  const after = new Map(budget.map((b) => [b.itemId, { promotion_id: id, item_id: b.itemId, amount_cents: b.amountCents } as RowValues]));
  const changes: RowChange[] = [];
  for (const [itemId, r] of before) {
    if (after.has(itemId)) continue;
    sqlite.prepare('DELETE FROM promotion_budget WHERE promotion_id = ? AND item_id = ?').run(id, itemId);
    changes.push({ table: 'promotion_budget', key: { promotion_id: id, item_id: itemId }, before: r, after: null });
  }
  for (const [itemId, r] of after) {
    const old = before.get(itemId) ?? null;
    if (old && old.amount_cents === r.amount_cents) continue;
    sqlite
      .prepare(`INSERT INTO promotion_budget (promotion_id, item_id, amount_cents) VALUES (?, ?, ?)
        ON CONFLICT (promotion_id, item_id) DO UPDATE SET amount_cents = excluded.amount_cents`)
      .run(id, itemId, r.amount_cents);
    changes.push({ table: 'promotion_budget', key: { promotion_id: id, item_id: itemId }, before: old, after: r });
  }
  return changes;
}

function rowOf(sqlite: Database.Database, versionId: number, id: number): PromotionRow {
  const row = sqlite.prepare('SELECT * FROM promotion WHERE id = ? AND version_id = ?').get(id, versionId) as PromotionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `promotion ${id} does not exist`, { issues: [{ path: 'id', message: 'promotions.error.notFound' }] });
  return row;
}

export function createPromotion(db: WriteDb, input: PromotionInput): number {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  const { scope, budget } = validate(sqlite, input);
  return recordEdit(db, 'promotions.undo.create', () => {
    const info = sqlite
      .prepare(`INSERT INTO promotion (version_id, name, type, start_date, end_date, mechanics, expected_extra_volume)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(versionId, input.name.trim(), input.type, input.startDate, input.endDate, input.mechanics ?? '', input.expectedExtraVolume ?? 0);
    const id = Number(info.lastInsertRowid);
    const changes: RowChange[] = [
      { table: 'promotion', key: { id }, before: null, after: promotionImage(rowOf(sqlite, versionId, id)) },
    ];
    if (scope) changes.push(...writeScope(sqlite, id, scope));
    if (budget) changes.push(...writeBudget(sqlite, id, budget));
    return { changes, value: id };
  });
}

export function updatePromotion(db: WriteDb, id: number, input: PromotionInput): number {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  rowOf(sqlite, versionId, id);
  const { scope, budget } = validate(sqlite, input);
  return recordEdit(db, 'promotions.undo.update', () => {
    const before = rowOf(sqlite, versionId, id);
    sqlite
      .prepare(`UPDATE promotion SET name = ?, type = ?, start_date = ?, end_date = ?, mechanics = ?, expected_extra_volume = ?
        WHERE id = ?`)
      .run(
        input.name.trim(), input.type, input.startDate, input.endDate,
        input.mechanics ?? before.mechanics, input.expectedExtraVolume ?? before.expected_extra_volume, id,
      );
    const changes: RowChange[] = [
      { table: 'promotion', key: { id }, before: promotionImage(before), after: promotionImage(rowOf(sqlite, versionId, id)) },
    ];
    if (scope) changes.push(...writeScope(sqlite, id, scope));
    if (budget) changes.push(...writeBudget(sqlite, id, budget));
    return { changes, value: id };
  });
}

export function deletePromotion(db: WriteDb, id: number): void {
  const sqlite = db.sqlite;
  const versionId = workingVersionId(db);
  rowOf(sqlite, versionId, id);
  recordEdit(db, 'promotions.undo.delete', () => {
    const before = rowOf(sqlite, versionId, id);
    // Children first: undo replays in reverse, so the promotion comes back before them.
    const changes: RowChange[] = [
      ...scopeRows(sqlite, id).map((r): RowChange => ({
        table: 'promotion_scope', key: { promotion_id: id, dim: r.dim, ref_id: r.ref_id }, before: r, after: null,
      })),
      ...budgetRows(sqlite, id).map((r): RowChange => ({
        table: 'promotion_budget', key: { promotion_id: id, item_id: r.item_id }, before: r, after: null,
      })),
      { table: 'promotion', key: { id }, before: promotionImage(before), after: null },
    ];
    sqlite.prepare('DELETE FROM promotion_scope WHERE promotion_id = ?').run(id);
    sqlite.prepare('DELETE FROM promotion_budget WHERE promotion_id = ?').run(id);
    sqlite.prepare('DELETE FROM promotion WHERE id = ?').run(id);
    return { changes, value: null };
  });
}
