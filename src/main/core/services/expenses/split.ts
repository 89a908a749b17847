import type { ReadDb, WriteDb } from '../../db/handle';
import { workingVersionId } from '../../repos/planVersions';
import { refusal } from '../../../../shared/errors';
import { measuresOf, sum } from '../../../../shared/expenses';
import {
  SPLIT_DIMENSIONS, splitGroupOf, type ExpenseSplitResult, type ItemSplit, type SliceResult, type SliceRow, type SplitDimension, type SplitMember,
} from '../../../../shared/expenseSplits';
import { largestRemainder, roundMatrixPreservingMargins } from '../../../../shared/spread';
import type { TargetCache } from '../targets/model';
import { recordEdit, type RowChange } from '../../db/undoLog';
import {
  budgetCells, deleteSplitCell, insertSplitCell, splitBudgetRows, splitMemberRows, updateSplitCell, type SplitCell, type SplitColumn,
} from '../../repos/expenses/budget';
import { itemRows } from './items';

// An item's budget split by product (brand or category) and by place (channel or city):
// rows of expense_budget with exactly one of those ids set, per month, whose members add
// up exactly to the item's month (the row with no dimension, which stays the item's
// total). A product split and a place split can coexist. Every edit of an item's months
// re-splits them in proportion to the split rows (resplit), so they never drift.

const COLUMN: Record<SplitDimension, SplitColumn> = {
  brand: 'brand_id', category: 'category_id', channel: 'channel_id', city: 'city_id',
};
const GROUP_DIMS = { product: ['brand', 'category'], place: ['channel', 'city'] } as const;

interface SplitRow {
  item: number;
  month: number;
  dim: SplitDimension;
  member: number;
  amount: number;
}

/** The split rows of a version (optionally one item). */
function splitRows(db: ReadDb, versionId: number, itemId?: number): SplitRow[] {
  const out: SplitRow[] = [];
  for (const r of splitBudgetRows(db, versionId, itemId)) {
    const dim = SPLIT_DIMENSIONS.find((d) => r[COLUMN[d]] !== null);
    if (dim) out.push({ item: r.item_id, month: r.month, dim, member: r[COLUMN[dim]]!, amount: r.amount_cents });
  }
  return out;
}

function itemMonths(db: ReadDb, versionId: number, itemId: number): number[] {
  const out = new Array<number>(12).fill(0);
  for (const r of budgetCells(db, versionId, itemId)) out[r.month - 1] = r.amount_cents;
  return out;
}

const image = (versionId: number, item: number, month: number, dim: SplitDimension, member: number, amount: number) => ({
  version_id: versionId, item_id: item, month, brand_id: null, category_id: null, channel_id: null, city_id: null, [COLUMN[dim]]: member, amount_cents: amount,
});
const keyOf = (versionId: number, item: number, month: number, dim: SplitDimension, member: number) => ({
  version_id: versionId, item_id: item, month, brand_id: null, category_id: null, channel_id: null, city_id: null, [COLUMN[dim]]: member,
});

/** Replaces split rows `before` by `after` (same item), returning the row changes. */
function writeSplitRows(db: WriteDb, versionId: number, before: SplitRow[], after: SplitRow[]): RowChange[] {
  const cell = (r: SplitRow): SplitCell => ({ versionId, item: r.item, month: r.month, column: COLUMN[r.dim], member: r.member });
  const id = (r: SplitRow) => `${r.item}|${r.month}|${r.dim}|${r.member}`;
  const was = new Map(before.map((r) => [id(r), r]));
  const will = new Map(after.filter((r) => r.amount !== 0).map((r) => [id(r), r]));
  const changes: RowChange[] = [];
  for (const [k, r] of was) {
    const n = will.get(k);
    if (n && n.amount === r.amount) continue;
    if (n) updateSplitCell(db, cell(r), n.amount);
    else deleteSplitCell(db, cell(r));
    changes.push({
      table: 'expense_budget', key: keyOf(versionId, r.item, r.month, r.dim, r.member),
      before: image(versionId, r.item, r.month, r.dim, r.member, r.amount), after: n ? image(versionId, r.item, r.month, r.dim, r.member, n.amount) : null,
    });
  }
  for (const [k, n] of will) {
    if (was.has(k)) continue;
    insertSplitCell(db, cell(n), n.amount);
    changes.push({ table: 'expense_budget', key: keyOf(versionId, n.item, n.month, n.dim, n.member), before: null, after: image(versionId, n.item, n.month, n.dim, n.member, n.amount) });
  }
  return changes;
}

/** The members a dimension offers: own brands, categories, active channels (and any already used), cities. */
export function splitMembers(db: ReadDb): Record<SplitDimension, SplitMember[]> {
  return {
    brand: splitMemberRows(db, 'brand'),
    category: splitMemberRows(db, 'category'),
    channel: splitMemberRows(db, 'channel'),
    city: splitMemberRows(db, 'city'),
  };
}

function splitsOf(rows: SplitRow[], year: number): ItemSplit[] {
  const out: ItemSplit[] = [];
  for (const dim of SPLIT_DIMENSIONS) {
    const mine = rows.filter((r) => r.dim === dim);
    if (mine.length === 0) continue;
    const byMember = new Map<number, number>();
    for (const r of mine) byMember.set(r.member, (byMember.get(r.member) ?? 0) + r.amount);
    out.push({ dimension: dim, members: [...byMember].map(([id, amountCents]) => ({ id, amountCents, ratio: year > 0 ? amountCents / year : null })) });
  }
  return out;
}

export function readSplit(db: ReadDb, itemId: number): ExpenseSplitResult {
  const versionId = workingVersionId(db);
  if (!itemRows(db).some((r) => r.id === itemId)) {
    throw refusal('INVALID_INPUT', 'expenses.error.noItem', `expense item ${itemId} does not exist`, { path: 'itemId' });
  }
  const months = itemMonths(db, versionId, itemId);
  const year = sum(months);
  return { itemId, yearCents: year, months, splits: splitsOf(splitRows(db, versionId, itemId), year), members: splitMembers(db) };
}

export interface SplitInput {
  itemId: number;
  dimension: SplitDimension;
  mode: 'ratio' | 'amount';
  /** ratio: percent (0–100); amount: the year's amount in cents. */
  entries: { memberId: number; value: number }[];
}

/** Sets (or, with no entries, removes) an item's split along one dimension; one undo step. */
export function setSplit(db: WriteDb, input: SplitInput): ExpenseSplitResult {
  recordEdit(db, 'expenses.undo.split', () => {
    const versionId = workingVersionId(db);
    const item = itemRows(db).find((r) => r.id === input.itemId);
    if (!item) throw refusal('INVALID_INPUT', 'expenses.error.noItem', `expense item ${input.itemId} does not exist`, { path: 'itemId' });
    if (!item.leaf) throw refusal('INVALID_INPUT', 'expenses.error.splitLeaf', 'only an item without items under it can be split', { path: 'itemId' });
    const group = splitGroupOf(input.dimension);
    const existing = splitRows(db, versionId, input.itemId).filter((r) => splitGroupOf(r.dim) === group);
    let next: SplitRow[] = [];
    if (input.entries.length > 0) {
      const months = itemMonths(db, versionId, input.itemId);
      const year = sum(months);
      if (year <= 0) throw refusal('CONFLICT', 'expenses.error.splitNoBudget', 'the item has no budget to split', { path: 'itemId' });
      const valid = new Set(splitMemberRows(db, input.dimension).map((m) => m.id));
      const seen = new Set<number>();
      input.entries.forEach((e, i) => {
        const path = `entries.${i}.memberId`;
        if (!valid.has(e.memberId)) throw refusal('INVALID_INPUT', 'expenses.error.splitMember', `${input.dimension} ${e.memberId} does not exist`, { path });
        if (seen.has(e.memberId)) throw refusal('INVALID_INPUT', 'expenses.error.splitTwice', `${input.dimension} ${e.memberId} is given twice`, { path });
        seen.add(e.memberId);
      });
      const values = input.entries.map((e) => e.value);
      let memberYears: number[];
      if (input.mode === 'ratio') {
        if (Math.abs(sum(values) - 100) > 1e-6) {
          throw refusal('INVALID_INPUT', 'expenses.error.splitRatios', `the ratios add up to ${sum(values)}%, not 100%`, { path: 'entries' });
        }
        memberYears = Array.from(largestRemainder(year, values));
      } else {
        if (values.some((v) => !Number.isInteger(v))) throw refusal('INVALID_INPUT', 'expenses.error.splitAmounts', 'amounts are whole cents', { path: 'entries' });
        if (sum(values) !== year) {
          throw refusal('INVALID_INPUT', 'expenses.error.splitAmounts', `the amounts add up to ${sum(values)}, not the item's ${year}`, { path: 'entries' });
        }
        memberYears = values;
      }
      const n = memberYears.length;
      const real = new Float64Array(n * 12);
      memberYears.forEach((y, i) => {
        for (let m = 0; m < 12; m++) real[i * 12 + m] = (y * months[m]) / year;
      });
      const out = roundMatrixPreservingMargins(real, n, 12, memberYears, months);
      if (!out.ok) throw refusal('CONFLICT', 'expenses.error.splitRatios', 'the split cannot be rounded', { path: 'entries' });
      input.entries.forEach((e, i) => {
        for (let m = 0; m < 12; m++) next.push({ item: input.itemId, month: m + 1, dim: input.dimension, member: e.memberId, amount: out.matrix[i * 12 + m] });
      });
    } else {
      next = existing.filter((r) => r.dim !== input.dimension);
    }
    return { changes: writeSplitRows(db, versionId, existing, next), value: null };
  });
  return readSplit(db, input.itemId);
}

/**
 * Re-splits items whose months changed: each month's new amount over the item's split
 * rows of that month (largest remainder), or over the members' year shares when the
 * month had none. Called inside the edit that changed the months.
 */
export function resplit(db: WriteDb, versionId: number, monthsByItem: Map<number, number[]>): RowChange[] {
  if (monthsByItem.size === 0) return [];
  const changes: RowChange[] = [];
  // One read for the version: a spread re-splits every item it changed, most of them without a split.
  const byItem = new Map<number, SplitRow[]>();
  for (const r of splitRows(db, versionId)) {
    const list = byItem.get(r.item);
    if (list) list.push(r);
    else byItem.set(r.item, [r]);
  }
  for (const [itemId, months] of monthsByItem) {
    const rows = byItem.get(itemId);
    if (!rows) continue;
    const next: SplitRow[] = [];
    for (const dims of Object.values(GROUP_DIMS)) {
      const mine = rows.filter((r) => (dims as readonly SplitDimension[]).includes(r.dim));
      if (mine.length === 0) continue;
      const dim = mine[0].dim;
      const members = [...new Set(mine.map((r) => r.member))];
      const cell = new Map(mine.map((r) => [`${r.member}|${r.month}`, r.amount]));
      const yearShare = members.map((mb) => mine.filter((r) => r.member === mb).reduce((s, r) => s + r.amount, 0));
      for (let m = 0; m < 12; m++) {
        let w = members.map((mb) => cell.get(`${mb}|${m + 1}`) ?? 0);
        if (sum(w) === 0) w = yearShare;
        const split = largestRemainder(months[m], w);
        members.forEach((mb, i) => next.push({ item: itemId, month: m + 1, dim, member: mb, amount: split[i] }));
      }
    }
    changes.push(...writeSplitRows(db, versionId, rows, next));
  }
  return changes;
}

export interface SliceTargets {
  /** Per member id: the plan's year sales and gross-profit targets (cents). */
  sales: Map<number, number>;
  grossProfit: Map<number, number>;
}

/** The working plan's year sales and gross-profit targets per member of a dimension, from the targets' cube. */
export function planSliceTargets(db: ReadDb, c: TargetCache, dimension: SplitDimension): SliceTargets {
  const refs = c.refs;
  const cube = c.cube(db, workingVersionId(db));
  const sales = new Map<number, number>();
  const gp = new Map<number, number>();
  for (let k = 0; k < refs.n; k++) {
    const sku = refs.sku.data[k];
    const member = dimension === 'brand' ? refs.skuBrand[sku] : dimension === 'category' ? refs.skuCategory[sku]
      : dimension === 'channel' ? refs.channel.data[k] : refs.city.data[k];
    let a = 0;
    for (let m = 0; m < 12; m++) a += cube.amount[k * 12 + m] * 100;
    if (a === 0) continue;
    sales.set(member, (sales.get(member) ?? 0) + a);
    // A SKU whose cost is not known adds no gross profit (the targets' summary counts them).
    const margin = refs.skuMargin[sku] ?? 0;
    gp.set(member, (gp.get(member) ?? 0) + (Number.isNaN(margin) ? 0 : a * margin));
  }
  for (const [id, v] of gp) gp.set(id, Math.round(v / 100) * 100);
  return { sales, grossProfit: gp };
}

/** Expense ratio and returns per member of a dimension; the budget not split along it is 未分攤. */
export function bySlice(
  db: ReadDb,
  dimension: SplitDimension,
  targets: SliceTargets,
  totals: { budget: number; sales: number; grossProfit: number; cap: number | null; topOf: Map<number, number> },
  unsplitLabel: { code: string; name: string },
): SliceResult {
  const versionId = workingVersionId(db);
  const rows = splitRows(db, versionId).filter((r) => r.dim === dimension);
  const members = splitMemberRows(db, dimension);
  const expense = new Map<number, number>();
  const byItem = new Map<number, Record<number, number>>();
  for (const r of rows) {
    expense.set(r.member, (expense.get(r.member) ?? 0) + r.amount);
    const top = totals.topOf.get(r.item) ?? r.item;
    const rec = byItem.get(r.member) ?? {};
    rec[top] = (rec[top] ?? 0) + r.amount;
    byItem.set(r.member, rec);
  }
  const row = (id: number | null, code: string, name: string, e: number, s: number, g: number, items: Record<number, number>): SliceRow => ({
    id, code, name, ...measuresOf(e, s, g, totals.cap), byItem: items,
  });
  const out: SliceRow[] = members
    .filter((m) => expense.has(m.id) || (targets.sales.get(m.id) ?? 0) > 0)
    .map((m) => row(m.id, m.code, m.name, expense.get(m.id) ?? 0, targets.sales.get(m.id) ?? 0, targets.grossProfit.get(m.id) ?? 0, byItem.get(m.id) ?? {}));
  const split = sum([...expense.values()]);
  out.push(row(null, unsplitLabel.code, unsplitLabel.name, totals.budget - split, 0, 0, {}));
  const total = row(null, '', '', totals.budget, totals.sales, totals.grossProfit, {});
  return { dimension, rows: out, total, cap: totals.cap };
}
