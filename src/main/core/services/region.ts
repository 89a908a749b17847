import { basename } from 'node:path';
import { sql } from 'kysely';
import type Database from 'better-sqlite3';
import { COUNT_KEYS, type CountKey, type MonthlyTotal, type RegionOverview, type RegionSummary } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { DISPLAY_UNITS, type DisplayUnit } from '../../../shared/units';
import { all, first } from '../db/exec';
import type { RegionFile } from '../db/regionFile';
import type { RegionMetaRow } from '../db/schema';
import { getSetting, putSetting, qb } from '../repos/settings';
import { recordEdit, type RowValues } from './undo';

function readMeta(sqlite: Database.Database): RegionMetaRow {
  const meta = first(sqlite, qb.selectFrom('region_meta').selectAll().where('id', '=', 1));
  if (!meta) throw new AppError('INTERNAL', 'region_meta is missing');
  return meta;
}

export function readDisplayUnit(sqlite: Database.Database): DisplayUnit {
  const unit = getSetting<string>(sqlite, 'displayUnit');
  return (DISPLAY_UNITS as readonly string[]).includes(unit ?? '') ? (unit as DisplayUnit) : 'wan';
}

export function regionSummary(file: RegionFile): RegionSummary {
  const meta = readMeta(file.sqlite);
  return {
    path: file.path,
    fileName: basename(file.path),
    regionId: meta.region_id,
    regionName: meta.region_name,
    planYear: meta.plan_year,
    displayUnit: readDisplayUnit(file.sqlite),
    managerName: meta.manager_name,
    notes: meta.notes,
    schemaVersion: file.sqlite.pragma('user_version', { simple: true }) as number,
    createdAt: meta.created_at,
  };
}

export interface ProfilePatch {
  regionName?: string;
  managerName?: string;
  notes?: string;
}

/** Edits the region's profile as one undoable step. */
export function updateProfile(file: RegionFile, patch: ProfilePatch): RegionSummary {
  recordEdit(file.sqlite, 'edit.profile', () => {
    const meta = readMeta(file.sqlite);
    const before: RowValues = { region_name: meta.region_name, manager_name: meta.manager_name, notes: meta.notes };
    const after: RowValues = {
      region_name: patch.regionName ?? meta.region_name,
      manager_name: patch.managerName ?? meta.manager_name,
      notes: patch.notes ?? meta.notes,
    };
    file.sqlite
      .prepare('UPDATE region_meta SET region_name = ?, manager_name = ?, notes = ? WHERE id = 1')
      .run(after.region_name, after.manager_name, after.notes);
    return { changes: [{ table: 'region_meta', key: { id: 1 }, before, after }], value: null };
  });
  return regionSummary(file);
}

/** The display unit is a view preference kept in the file; it is not an undoable edit. */
export function setDisplayUnit(file: RegionFile, unit: DisplayUnit): RegionSummary {
  putSetting(file.sqlite, 'displayUnit', unit);
  return regionSummary(file);
}

const COUNT_SQL: Record<CountKey, string> = {
  provinces: 'SELECT count(*) FROM province',
  cities: 'SELECT count(*) FROM city',
  counties: 'SELECT count(*) FROM county',
  channels: 'SELECT count(*) FROM channel',
  ownBrands: 'SELECT count(*) FROM brand WHERE is_own = 1',
  competitorBrands: 'SELECT count(*) FROM brand WHERE is_own = 0',
  categories: 'SELECT count(*) FROM category',
  skus: 'SELECT count(*) FROM sku',
  salespeople: 'SELECT count(*) FROM salesperson',
  customers: 'SELECT count(*) FROM customer',
  terminals: 'SELECT count(*) FROM terminal',
  salesActualRows: 'SELECT count(*) FROM sales_actual',
  marketRows: 'SELECT count(*) FROM market_sales',
  storeAudits: 'SELECT count(*) FROM store_audit',
  customerVisits: 'SELECT count(*) FROM customer_visit',
  customerStatements: 'SELECT count(*) FROM customer_statement',
  planVersions: 'SELECT count(*) FROM plan_version',
  targetCells: 'SELECT count(*) FROM target_fact',
  importBatches: 'SELECT count(*) FROM import_batch',
};

export function regionOverview(file: RegionFile): RegionOverview {
  const counts = {} as Record<CountKey, number>;
  for (const key of COUNT_KEYS) {
    counts[key] = file.sqlite.prepare(COUNT_SQL[key]).pluck().get() as number;
  }
  // Years with actuals: one probe of the clustered period key per year, not a scan.
  const actualYears: number[] = [];
  let cursor = file.sqlite.prepare('SELECT min(period) FROM sales_actual').pluck().get() as number | null;
  const next = file.sqlite.prepare('SELECT min(period) FROM sales_actual WHERE period >= ?').pluck();
  while (cursor !== null) {
    const year = Math.floor(cursor / 100);
    actualYears.push(year);
    cursor = next.get((year + 1) * 100 + 1) as number | null;
  }
  const ho = all(file.sqlite, qb.selectFrom('ho_target').select(['month', 'amount_cents']).orderBy('month'));
  const hoTargetByMonth = Array.from({ length: 12 }, (_, i) => ho.find((r) => r.month === i + 1)?.amount_cents ?? 0);
  return { summary: regionSummary(file), counts, actualYears, hoTargetByMonth };
}

/** The region's sales actuals by month of one calendar year (the overview chart). */
export function monthlyTotals(file: RegionFile, year: number): MonthlyTotal[] {
  return all(
    file.sqlite,
    qb
      .selectFrom('sales_actual')
      .select([
        'period',
        sql<number>`sum(amount_cents)`.as('amountCents'),
        sql<number>`sum(volume)`.as('volume'),
        sql<number>`sum(gross_profit_cents)`.as('grossProfitCents'),
      ])
      .where('period', '>=', year * 100 + 1)
      .where('period', '<=', year * 100 + 12)
      .groupBy('period')
      .orderBy('period'),
  );
}
