import {
  referencedEntities, type EntityName, type MasterRow, type RefItem,
} from '../../../../shared/masterData';
import { classifyAbc } from '../../../../shared/pareto';
import type { ReadDb } from '../../db/handle';
import { customerSalesBetween, ENTITY_TABLES, lastSalesPeriodBefore, listEntityRows, listLinks, listRefItems } from '../../repos/masterData';
import { regionPlanYear } from '../../repos/region';
import { phaseTracer } from '../../trace';
import { columnFields, columnOf, fromDb } from './tables';

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
export function abcWindow(db: ReadDb): SalesWindow {
  const last = lastSalesPeriodBefore(db, regionPlanYear(db) * 100 + 1);
  return last === null ? { from: null, to: null } : { from: addMonths(last, -11), to: last };
}

/** Each customer's sales (cents) over the A/B/C window. */
export function customerSales12m(db: ReadDb): Map<number, number> {
  const w = abcWindow(db);
  if (w.from === null || w.to === null) return new Map();
  return customerSalesBetween(db, w.from, w.to);
}

/** The rows of one entity, in the order the editor shows them, with what their ref columns can point at. */
export function listMaster(db: ReadDb, entity: EntityName): MasterList {
  const trace = phaseTracer(`master.list ${entity}`);
  const et = ENTITY_TABLES[entity];
  const fields = columnFields(entity);
  const raw = listEntityRows(db, entity, fields.map((f) => columnOf(f.key)));
  const rows: MasterRow[] = raw.map((r) => {
    const row: MasterRow = { id: r[0] as number };
    for (let i = 0; i < fields.length; i++) row[fields[i].key] = fromDb(fields[i], r[i + 1]);
    return row;
  });
  trace('rows');
  for (const [field, link] of Object.entries(et.links)) {
    const byOwner = listLinks(db, link);
    for (const row of rows) row[field] = byOwner.get(row.id) ?? [];
  }
  trace('links');
  if (entity === 'customer') {
    const sales = customerSales12m(db);
    trace('sales');
    const computed = classifyAbc(rows.map((r) => [r.id, sales.get(r.id) ?? 0] as const));
    for (const row of rows) {
      const abc = computed.get(row.id) ?? 'C';
      row.abcComputed = abc;
      row.abcClass = row.abcOverride ?? abc;
      row.abcSource = row.abcOverride ? 'manual' : 'computed';
      row.sales12mCents = sales.get(row.id) ?? 0;
    }
  }
  trace('computed');
  const refs: Partial<Record<EntityName, RefItem[]>> = {};
  for (const ref of referencedEntities(entity)) refs[ref] = listRefItems(db, ref);
  trace('refs');
  return { rows, refs };
}
