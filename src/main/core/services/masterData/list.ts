import type Database from 'better-sqlite3';
import {
  referencedEntities, type EntityName, type MasterRow, type RefItem,
} from '../../../../shared/masterData';
import { classifyAbc } from '../../../../shared/pareto';
import type { ReadDb } from '../../db/handle';
import { columnFields, columnOf, ENTITY_TABLES, fromDb, loadLinks, loadRefItems, scopeSql } from './tables';

export interface MasterList {
  rows: MasterRow[];
  refs: Partial<Record<EntityName, RefItem[]>>;
}

export interface SalesWindow {
  /** yyyymm, inclusive; null when there are no actuals before the plan year. */
  from: number | null;
  to: number | null;
}

function addMonths(period: number, months: number): number {
  const index = Math.floor(period / 100) * 12 + (period % 100) - 1 + months;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/**
 * The 12 months the A/B/C class is computed from: the last 12 months with actuals
 * before the plan year (a plan written in October of the year before uses the
 * months up to September).
 */
export function abcWindow(sqlite: Database.Database): SalesWindow {
  const planYear = sqlite.prepare('SELECT plan_year FROM region_meta WHERE id = 1').pluck().get() as number;
  const last = sqlite.prepare('SELECT max(period) FROM sales_actual WHERE period < ?').pluck().get(planYear * 100 + 1) as number | null;
  return last === null ? { from: null, to: null } : { from: addMonths(last, -11), to: last };
}

/** Each customer's sales (cents) over the A/B/C window. */
export function customerSales12m(sqlite: Database.Database): Map<number, number> {
  const w = abcWindow(sqlite);
  const out = new Map<number, number>();
  if (w.from === null) return out;
  const rows = sqlite
    .prepare('SELECT customer_id, sum(amount_cents) FROM sales_actual WHERE period BETWEEN ? AND ? GROUP BY customer_id')
    .raw()
    .all(w.from, w.to) as [number, number][];
  for (const [id, cents] of rows) out.set(id, cents);
  return out;
}

/** The rows of one entity, in the order the editor shows them, with what their ref columns can point at. */
export function listMaster(db: ReadDb, entity: EntityName): MasterList {
  const sqlite = db.sqlite;
  const et = ENTITY_TABLES[entity];
  const fields = columnFields(entity);
  const cols = fields.map((f) => columnOf(f.key));
  const raw = sqlite
    .prepare(`SELECT id, ${cols.join(', ')} FROM ${et.table} WHERE 1 = 1${scopeSql(et)} ORDER BY ${et.hasSortOrder ? 'sort_order, ' : ''}id`)
    .raw()
    .all() as unknown[][];
  const rows: MasterRow[] = raw.map((r) => {
    const row: MasterRow = { id: r[0] as number };
    for (let i = 0; i < fields.length; i++) row[fields[i].key] = fromDb(fields[i], r[i + 1]);
    return row;
  });
  for (const [field, link] of Object.entries(et.links)) {
    const byOwner = loadLinks(sqlite, link);
    for (const row of rows) row[field] = byOwner.get(row.id) ?? [];
  }
  if (entity === 'customer') {
    const sales = customerSales12m(sqlite);
    const computed = classifyAbc(rows.map((r) => [r.id, sales.get(r.id) ?? 0] as const));
    for (const row of rows) {
      const abc = computed.get(row.id) ?? 'C';
      row.abcComputed = abc;
      row.abcClass = row.abcOverride ?? abc;
      row.abcSource = row.abcOverride ? 'manual' : 'computed';
      row.sales12mCents = sales.get(row.id) ?? 0;
    }
  }
  const refs: Partial<Record<EntityName, RefItem[]>> = {};
  for (const target of referencedEntities(entity)) refs[target] = loadRefItems(sqlite, target);
  return { rows, refs };
}
