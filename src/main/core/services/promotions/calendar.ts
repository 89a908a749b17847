import type { ReadDb, WriteDb } from '../../db/handle';
import type { PromotionRow, PromotionScopeRow } from '../../db/schema';
import { workingVersionId } from '../../repos/planVersions';
import type { PromotionBudgetLine, PromotionExpenseItem, PromotionInfo, PromotionList } from '../../../../shared/endpoints/promotions';
import { refusal } from '../../../../shared/errors';
import {
  SCOPE_DIMS, emptyScope, findOverlaps, isIsoDate, type PromotionScope, type PromotionType,
} from '../../../../shared/promotions';
import { recordEdit, type RowChange, type RowValues } from '../../db/undoLog';
import { expenseItemRows } from '../../repos/expenses/items';
import {
  budgetRowsOf, budgetRowsOfVersion, deleteBudgetRow, deletePromotionRows, deleteScopeRow, existingScopeRefs, findPromotion, insertPromotion,
  insertScopeRow, promotionsOfVersion, putBudgetRow, scopeRowsOf, scopeRowsOfVersion, skuPlaces, updatePromotionRow,
} from '../../repos/promotions';
import { regionPlanYear } from '../../repos/region';

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

export function expenseItems(db: ReadDb): PromotionExpenseItem[] {
  const all = expenseItemRows(db);
  const parents = new Set(all.map((r) => r.parent_id));
  const rows = all.map((r) => ({ id: r.id, parentId: r.parent_id, code: r.code, name: r.name, leaf: !parents.has(r.id) }));
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
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  // Items whose parent is missing (should not happen) still show.
  for (const r of rows) if (r.parentId !== null && !ids.has(r.parentId)) out.push(r);
  return out;
}

/** The calendar of a plan version (default: the working plan, the one the calendar edits). */
export function listPromotions(db: ReadDb, versionId = workingVersionId(db)): PromotionList {
  const year = regionPlanYear(db);
  const rows = promotionsOfVersion(db, versionId);
  const scopes = new Map<number, PromotionScope>(rows.map((r) => [r.id, emptyScope()]));
  for (const s of scopeRowsOfVersion(db, versionId)) scopes.get(s.promotion_id)?.[s.dim].push(s.ref_id);
  const budgets = new Map<number, PromotionBudgetLine[]>(rows.map((r) => [r.id, []]));
  for (const b of budgetRowsOfVersion(db, versionId)) budgets.get(b.promotion_id)?.push({ itemId: b.item_id, amountCents: b.amount_cents });
  const overlaps = findOverlaps(
    rows.map((r) => ({ id: r.id, startDate: r.start_date, endDate: r.end_date, scope: scopes.get(r.id)! })),
    skuPlaces(db),
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
  const items = expenseItems(db);
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
function validate(db: ReadDb, input: PromotionInput): { scope: PromotionScope | null; budget: PromotionBudgetLine[] | null } {
  if (!isIsoDate(input.startDate)) throw refusal('INVALID_INPUT', 'promotions.error.badDate', `${input.startDate} is not a date`, { path: 'startDate' });
  if (!isIsoDate(input.endDate)) throw refusal('INVALID_INPUT', 'promotions.error.badDate', `${input.endDate} is not a date`, { path: 'endDate' });
  if (input.endDate < input.startDate) {
    throw refusal('INVALID_INPUT', 'promotions.error.endBeforeStart', 'the end date is before the start date', { path: 'endDate' });
  }
  const year = regionPlanYear(db);
  if (input.endDate < `${year}-01-01` || input.startDate > `${year}-12-31`) {
    throw refusal('INVALID_INPUT', 'promotions.error.outsideYear', `the promotion does not run in the plan year ${year}`, { path: 'startDate' });
  }
  if (input.startDate < `${year - 1}-01-01` || input.endDate > `${year + 1}-12-31`) {
    const message = 'a promotion may reach at most into the year before and the year after the plan year';
    throw refusal('INVALID_INPUT', 'promotions.error.tooLong', message, { path: 'startDate' });
  }
  let scope: PromotionScope | null = null;
  if (input.scope) {
    scope = emptyScope();
    for (const dim of SCOPE_DIMS) {
      const ids = [...new Set(input.scope[dim] ?? [])].sort((a, b) => a - b);
      if (ids.length === 0) continue;
      const found = existingScopeRefs(db, dim, ids);
      const missing = ids.find((id) => !found.has(id));
      if (missing !== undefined) {
        throw refusal('INVALID_INPUT', 'promotions.error.unknownRef', `${dim} ${missing} does not exist`, { path: `scope.${dim}` });
      }
      scope[dim] = ids;
    }
  }
  let budget: PromotionBudgetLine[] | null = null;
  if (input.budget) {
    const items = new Map(expenseItems(db).map((i) => [i.id, i]));
    const seen = new Set<number>();
    budget = [];
    input.budget.forEach((line, index) => {
      const item = items.get(line.itemId);
      const path = `budget.${index}.itemId`;
      if (!item) throw refusal('INVALID_INPUT', 'promotions.error.unknownItem', `expense item ${line.itemId} does not exist`, { path });
      if (!item.leaf) throw refusal('INVALID_INPUT', 'promotions.error.notLeaf', `expense item ${item.code} has sub-items: budget them instead`, { path });
      if (seen.has(line.itemId)) throw refusal('INVALID_INPUT', 'promotions.error.duplicateItem', `expense item ${item.code} is listed twice`, { path });
      if (line.amountCents < 0) {
        throw refusal('INVALID_INPUT', 'promotions.error.negative', 'a budget is never negative', { path: `budget.${index}.amountCents` });
      }
      seen.add(line.itemId);
      if (line.amountCents > 0) budget!.push({ itemId: line.itemId, amountCents: line.amountCents });
    });
  }
  return { scope, budget };
}

const promotionImage = (r: PromotionRow): RowValues => ({ ...r });

const scopeKey = (r: PromotionScopeRow) => ({ promotion_id: r.promotion_id, dim: r.dim, ref_id: r.ref_id });

/** Replaces a promotion's scope rows; returns the row changes. */
function writeScope(db: WriteDb, id: number, scope: PromotionScope): RowChange[] {
  const before = new Map(scopeRowsOf(db, id).map((r) => [`${r.dim}|${r.ref_id}`, r]));
  const after = new Map<string, PromotionScopeRow>();
  for (const dim of SCOPE_DIMS) for (const ref of scope[dim]) after.set(`${dim}|${ref}`, { promotion_id: id, dim, ref_id: ref });
  const changes: RowChange[] = [];
  for (const [k, r] of before) {
    if (after.has(k)) continue;
    deleteScopeRow(db, r);
    changes.push({ table: 'promotion_scope', key: scopeKey(r), before: { ...r }, after: null });
  }
  for (const [k, r] of after) {
    if (before.has(k)) continue;
    insertScopeRow(db, r);
    changes.push({ table: 'promotion_scope', key: scopeKey(r), before: null, after: { ...r } });
  }
  return changes;
}

/** Replaces a promotion's budget lines; returns the row changes. */
function writeBudget(db: WriteDb, id: number, budget: PromotionBudgetLine[]): RowChange[] {
  const before = new Map(budgetRowsOf(db, id).map((r) => [r.item_id, r]));
  const after = new Map(budget.map((b) => [b.itemId, { promotion_id: id, item_id: b.itemId, amount_cents: b.amountCents }]));
  const changes: RowChange[] = [];
  for (const [itemId, r] of before) {
    if (after.has(itemId)) continue;
    deleteBudgetRow(db, id, itemId);
    changes.push({ table: 'promotion_budget', key: { promotion_id: id, item_id: itemId }, before: { ...r }, after: null });
  }
  for (const [itemId, r] of after) {
    const old = before.get(itemId) ?? null;
    if (old && old.amount_cents === r.amount_cents) continue;
    putBudgetRow(db, r);
    changes.push({ table: 'promotion_budget', key: { promotion_id: id, item_id: itemId }, before: old && { ...old }, after: { ...r } });
  }
  return changes;
}

function rowOf(db: ReadDb, versionId: number, id: number): PromotionRow {
  const row = findPromotion(db, versionId, id);
  if (!row) throw refusal('NOT_FOUND', 'promotions.error.notFound', `promotion ${id} does not exist`, { path: 'id' });
  return row;
}

export function createPromotion(db: WriteDb, input: PromotionInput): number {
  const versionId = workingVersionId(db);
  const { scope, budget } = validate(db, input);
  return recordEdit(db, 'promotions.undo.create', () => {
    const id = insertPromotion(db, {
      version_id: versionId, name: input.name.trim(), type: input.type, start_date: input.startDate, end_date: input.endDate,
      mechanics: input.mechanics ?? '', expected_extra_volume: input.expectedExtraVolume ?? 0,
    });
    const changes: RowChange[] = [
      { table: 'promotion', key: { id }, before: null, after: promotionImage(rowOf(db, versionId, id)) },
    ];
    if (scope) changes.push(...writeScope(db, id, scope));
    if (budget) changes.push(...writeBudget(db, id, budget));
    return { changes, value: id };
  });
}

export function updatePromotion(db: WriteDb, id: number, input: PromotionInput): number {
  const versionId = workingVersionId(db);
  rowOf(db, versionId, id);
  const { scope, budget } = validate(db, input);
  return recordEdit(db, 'promotions.undo.update', () => {
    const before = rowOf(db, versionId, id);
    updatePromotionRow(db, id, {
      name: input.name.trim(), type: input.type, start_date: input.startDate, end_date: input.endDate,
      mechanics: input.mechanics ?? before.mechanics, expected_extra_volume: input.expectedExtraVolume ?? before.expected_extra_volume,
    });
    const changes: RowChange[] = [
      { table: 'promotion', key: { id }, before: promotionImage(before), after: promotionImage(rowOf(db, versionId, id)) },
    ];
    if (scope) changes.push(...writeScope(db, id, scope));
    if (budget) changes.push(...writeBudget(db, id, budget));
    return { changes, value: id };
  });
}

export function deletePromotion(db: WriteDb, id: number): void {
  const versionId = workingVersionId(db);
  rowOf(db, versionId, id);
  recordEdit(db, 'promotions.undo.delete', () => {
    const before = rowOf(db, versionId, id);
    // Children first: undo replays in reverse, so the promotion comes back before them.
    const changes: RowChange[] = [
      ...scopeRowsOf(db, id).map((r): RowChange => ({ table: 'promotion_scope', key: scopeKey(r), before: { ...r }, after: null })),
      ...budgetRowsOf(db, id).map((r): RowChange => ({
        table: 'promotion_budget', key: { promotion_id: id, item_id: r.item_id }, before: { ...r }, after: null,
      })),
      { table: 'promotion', key: { id }, before: promotionImage(before), after: null },
    ];
    deletePromotionRows(db, id);
    return { changes, value: null };
  });
}
