import type { ReadDb } from '../../db/handle';
import { readDb } from '../../db/handle';
import { workingVersionId } from '../../repos/planVersions';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { measuresOf, sum } from '../../../../shared/expenses';
import {
  SPLIT_DIMENSIONS, splitGroupOf, type ExpenseSplitResult, type ItemSplit, type SliceResult, type SliceRow, type SplitDimension, type SplitMember,
} from '../../../../shared/expenseSplits';
import { largestRemainder, roundMatrixPreservingMargins } from '../../../../shared/spread';
import type { TargetCache } from '../targets/model';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { itemRows } from './items';

// An item's budget split by product (brand or category) and by place (channel or city):
// rows of expense_budget with exactly one of those ids set, per month, whose members add
// up exactly to the item's month (the row with no dimension, which stays the item's
// total). A product split and a place split can coexist. Every edit of an item's months
// re-splits them in proportion to the split rows (resplit), so they never drift.

const COLUMN: Record<SplitDimension, 'brand_id' | 'category_id' | 'channel_id' | 'city_id'> = {
  brand: 'brand_id', category: 'category_id', channel: 'channel_id', city: 'city_id',
};
const GROUP_DIMS = { product: ['brand', 'category'], place: ['channel', 'city'] } as const;
const NO_DIM = 'brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL';

interface SplitRow {
  item: number;
  month: number;
  dim: SplitDimension;
  member: number;
  amount: number;
}

/** The split rows of a version (optionally one item). */
function splitRows(sqlite: Database.Database, versionId: number, itemId?: number): SplitRow[] {
  const rows = sqlite
    .prepare(`SELECT item_id AS item, month, brand_id AS brand, category_id AS category, channel_id AS channel, city_id AS city, amount_cents AS amount
      FROM expense_budget WHERE version_id = ? AND NOT (${NO_DIM}) ${itemId === undefined ? '' : 'AND item_id = ?'}`)
    .all(...(itemId === undefined ? [versionId] : [versionId, itemId])) as ({ item: number; month: number; amount: number } & Record<SplitDimension, number | null>)[];
  const out: SplitRow[] = [];
  for (const r of rows) {
    const dim = SPLIT_DIMENSIONS.find((d) => r[d] !== null);
    if (dim) out.push({ item: r.item, month: r.month, dim, member: r[dim]!, amount: r.amount });
  }
  return out;
}

function itemMonths(sqlite: Database.Database, versionId: number, itemId: number): number[] {
  const rows = sqlite
    .prepare(`SELECT month, amount_cents AS amount FROM expense_budget WHERE version_id = ? AND item_id = ? AND ${NO_DIM}`)
    .all(versionId, itemId) as { month: number; amount: number }[];
  const out = new Array<number>(12).fill(0);
  for (const r of rows) out[r.month - 1] = r.amount;
  return out;
}

const image = (versionId: number, item: number, month: number, dim: SplitDimension, member: number, amount: number) => ({
  version_id: versionId, item_id: item, month, brand_id: null, category_id: null, channel_id: null, city_id: null, [COLUMN[dim]]: member, amount_cents: amount,
});
const keyOf = (versionId: number, item: number, month: number, dim: SplitDimension, member: number) => ({
  version_id: versionId, item_id: item, month, brand_id: null, category_id: null, channel_id: null, city_id: null, [COLUMN[dim]]: member,
});

/** Replaces split rows `before` by `after` (same item), returning the row changes. */
function writeSplitRows(sqlite: Database.Database, versionId: number, before: SplitRow[], after: SplitRow[]): RowChange[] {
  const id = (r: SplitRow) => `${r.item}|${r.month}|${r.dim}|${r.member}`;
  const was = new Map(before.map((r) => [id(r), r]));
  const will = new Map(after.filter((r) => r.amount !== 0).map((r) => [id(r), r]));
  const changes: RowChange[] = [];
  for (const [k, r] of was) {
    const n = will.get(k);
    if (n && n.amount === r.amount) continue;
    const col = COLUMN[r.dim];
    if (n) {
      sqlite.prepare(`UPDATE expense_budget SET amount_cents = ? WHERE version_id = ? AND item_id = ? AND month = ? AND ${col} = ?`).run(n.amount, versionId, r.item, r.month, r.member);
    } else {
      sqlite.prepare(`DELETE FROM expense_budget WHERE version_id = ? AND item_id = ? AND month = ? AND ${col} = ?`).run(versionId, r.item, r.month, r.member);
    }
    changes.push({
      table: 'expense_budget', key: keyOf(versionId, r.item, r.month, r.dim, r.member),
      before: image(versionId, r.item, r.month, r.dim, r.member, r.amount), after: n ? image(versionId, r.item, r.month, r.dim, r.member, n.amount) : null,
    });
  }
  for (const [k, n] of will) {
    if (was.has(k)) continue;
    sqlite.prepare(`INSERT INTO expense_budget (version_id, item_id, month, ${COLUMN[n.dim]}, amount_cents) VALUES (?, ?, ?, ?, ?)`).run(versionId, n.item, n.month, n.member, n.amount);
    changes.push({ table: 'expense_budget', key: keyOf(versionId, n.item, n.month, n.dim, n.member), before: null, after: image(versionId, n.item, n.month, n.dim, n.member, n.amount) });
  }
  return changes;
}

/** The members a dimension offers: own brands, categories, active channels (and any already used), cities. */
export function splitMembers(sqlite: Database.Database): Record<SplitDimension, SplitMember[]> {
  const q = (text: string) => sqlite.prepare(text).all() as SplitMember[];
  return {
    brand: q('SELECT id, code, name FROM brand WHERE is_own = 1 ORDER BY sort_order, id'),
    category: q('SELECT id, code, name FROM category ORDER BY sort_order, id'),
    channel: q('SELECT id, code, name FROM channel WHERE active = 1 OR id IN (SELECT channel_id FROM expense_budget) ORDER BY sort_order, id'),
    city: q('SELECT c.id, c.code, c.name FROM city c JOIN province p ON p.id = c.province_id ORDER BY p.sort_order, p.id, c.sort_order, c.id'),
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

export function readSplit(sqlite: Database.Database, itemId: number): ExpenseSplitResult {
  const versionId = workingVersionId(readDb(sqlite));
  if (!itemRows(readDb(sqlite)).some((r) => r.id === itemId)) {
    throw new AppError('INVALID_INPUT', `expense item ${itemId} does not exist`, { issues: [{ path: 'itemId', message: 'expenses.error.noItem' }] });
  }
  const months = itemMonths(sqlite, versionId, itemId);
  const year = sum(months);
  return { itemId, yearCents: year, months, splits: splitsOf(splitRows(sqlite, versionId, itemId), year), members: splitMembers(sqlite) };
}

export interface SplitInput {
  itemId: number;
  dimension: SplitDimension;
  mode: 'ratio' | 'amount';
  /** ratio: percent (0–100); amount: the year's amount in cents. */
  entries: { memberId: number; value: number }[];
}

function refuse(code: 'INVALID_INPUT' | 'CONFLICT', message: string, path: string, key: string): never {
  throw new AppError(code, message, { issues: [{ path, message: key }] });
}

/** Sets (or, with no entries, removes) an item's split along one dimension; one undo step. */
export function setSplit(db: WriteDb, input: SplitInput): ExpenseSplitResult {
  const sqlite = db.sqlite;
  recordEdit(db, 'expenses.undo.split', () => {
    const versionId = workingVersionId(readDb(sqlite));
    const item = itemRows(readDb(sqlite)).find((r) => r.id === input.itemId);
    if (!item) refuse('INVALID_INPUT', `expense item ${input.itemId} does not exist`, 'itemId', 'expenses.error.noItem');
    if (!item.leaf) refuse('INVALID_INPUT', 'only an item without items under it can be split', 'itemId', 'expenses.error.splitLeaf');
    const group = splitGroupOf(input.dimension);
    const existing = splitRows(sqlite, versionId, input.itemId).filter((r) => splitGroupOf(r.dim) === group);
    let next: SplitRow[] = [];
    if (input.entries.length > 0) {
      const months = itemMonths(sqlite, versionId, input.itemId);
      const year = sum(months);
      if (year <= 0) refuse('CONFLICT', 'the item has no budget to split', 'itemId', 'expenses.error.splitNoBudget');
      const valid = new Set(splitMembers(sqlite)[input.dimension].map((m) => m.id));
      const seen = new Set<number>();
      input.entries.forEach((e, i) => {
        if (!valid.has(e.memberId)) refuse('INVALID_INPUT', `${input.dimension} ${e.memberId} does not exist`, `entries.${i}.memberId`, 'expenses.error.splitMember');
        if (seen.has(e.memberId)) refuse('INVALID_INPUT', `${input.dimension} ${e.memberId} is given twice`, `entries.${i}.memberId`, 'expenses.error.splitTwice');
        seen.add(e.memberId);
      });
      const values = input.entries.map((e) => e.value);
      let memberYears: number[];
      if (input.mode === 'ratio') {
        if (Math.abs(sum(values) - 100) > 1e-6) refuse('INVALID_INPUT', `the ratios add up to ${sum(values)}%, not 100%`, 'entries', 'expenses.error.splitRatios');
        memberYears = Array.from(largestRemainder(year, values));
      } else {
        if (values.some((v) => !Number.isInteger(v))) refuse('INVALID_INPUT', 'amounts are whole cents', 'entries', 'expenses.error.splitAmounts');
        if (sum(values) !== year) refuse('INVALID_INPUT', `the amounts add up to ${sum(values)}, not the item's ${year}`, 'entries', 'expenses.error.splitAmounts');
        memberYears = values;
      }
      const n = memberYears.length;
      const real = new Float64Array(n * 12);
      memberYears.forEach((y, i) => {
        for (let m = 0; m < 12; m++) real[i * 12 + m] = (y * months[m]) / year;
      });
      const out = roundMatrixPreservingMargins(real, n, 12, memberYears, months);
      if (!out.ok) refuse('CONFLICT', 'the split cannot be rounded', 'entries', 'expenses.error.splitRatios');
      input.entries.forEach((e, i) => {
        for (let m = 0; m < 12; m++) next.push({ item: input.itemId, month: m + 1, dim: input.dimension, member: e.memberId, amount: out.matrix[i * 12 + m] });
      });
    } else {
      next = existing.filter((r) => r.dim !== input.dimension);
    }
    return { changes: writeSplitRows(sqlite, versionId, existing, next), value: null };
  });
  return readSplit(sqlite, input.itemId);
}

/**
 * Re-splits items whose months changed: each month's new amount over the item's split
 * rows of that month (largest remainder), or over the members' year shares when the
 * month had none. Called inside the edit that changed the months.
 */
export function resplit(sqlite: Database.Database, versionId: number, monthsByItem: Map<number, number[]>): RowChange[] {
  if (monthsByItem.size === 0) return [];
  const changes: RowChange[] = [];
  for (const [itemId, months] of monthsByItem) {
    const rows = splitRows(sqlite, versionId, itemId);
    if (rows.length === 0) continue;
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
    changes.push(...writeSplitRows(sqlite, versionId, rows, next));
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
  const sqlite = db.sqlite;
  const refs = c.refs;
  const cube = c.cube(db, workingVersionId(readDb(sqlite)));
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
    gp.set(member, (gp.get(member) ?? 0) + a * (refs.skuMargin[sku] ?? 0));
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
  const sqlite = db.sqlite;
  const versionId = workingVersionId(readDb(sqlite));
  const rows = splitRows(sqlite, versionId).filter((r) => r.dim === dimension);
  const members = splitMembers(sqlite)[dimension];
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
