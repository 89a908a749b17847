import { basename } from 'node:path';
import { COUNT_KEYS, type CountKey, type MonthlyTotal, type RegionOverview, type RegionSummary } from '../../../shared/contract';
import { DISPLAY_UNITS, type DisplayUnit } from '../../../shared/units';
import type { ReadDb, WriteDb } from '../db/handle';
import { recordEdit, type RowValues } from '../db/undoLog';
import { countRows, findRegionMeta, salesActualYears, salesByMonth, schemaVersion, updateRegionProfile } from '../repos/region';
import { listHoTarget } from '../repos/targets/hoTarget';
import { getSetting, putSetting } from '../repos/settings';

// The region's profile, display unit and overview.

export function readDisplayUnit(db: ReadDb): DisplayUnit {
  const unit = getSetting<string>(db, 'displayUnit');
  return (DISPLAY_UNITS as readonly string[]).includes(unit ?? '') ? (unit as DisplayUnit) : 'wan';
}

/** The summary of the file at `path` (which the connection does not know). */
export function regionSummary(db: ReadDb, path: string): RegionSummary {
  const meta = findRegionMeta(db);
  return {
    path,
    fileName: basename(path),
    regionId: meta.region_id,
    regionName: meta.region_name,
    planYear: meta.plan_year,
    displayUnit: readDisplayUnit(db),
    managerName: meta.manager_name,
    notes: meta.notes,
    schemaVersion: schemaVersion(db),
    createdAt: meta.created_at,
  };
}

export interface ProfilePatch {
  regionName?: string;
  managerName?: string;
  notes?: string;
}

/** Edits the region's profile as one undoable step. */
export function updateProfile(db: WriteDb, path: string, patch: ProfilePatch): RegionSummary {
  recordEdit(db, 'edit.profile', () => {
    const meta = findRegionMeta(db);
    const before: RowValues = { region_name: meta.region_name, manager_name: meta.manager_name, notes: meta.notes };
    const after = {
      region_name: patch.regionName ?? meta.region_name,
      manager_name: patch.managerName ?? meta.manager_name,
      notes: patch.notes ?? meta.notes,
    };
    updateRegionProfile(db, after);
    return { changes: [{ table: 'region_meta', key: { id: 1 }, before, after }], value: null };
  });
  return regionSummary(db, path);
}

/** The display unit is a view preference kept in the file; it is not an undoable edit. */
export function setDisplayUnit(db: WriteDb, path: string, unit: DisplayUnit): RegionSummary {
  putSetting(db, 'displayUnit', unit);
  return regionSummary(db, path);
}

export function regionOverview(db: ReadDb, path: string): RegionOverview {
  const counts = {} as Record<CountKey, number>;
  for (const key of COUNT_KEYS) counts[key] = countRows(db, key);
  return { summary: regionSummary(db, path), counts, actualYears: salesActualYears(db), hoTargetByMonth: hoTargetAmounts(db) };
}

/** Head office's target amount by month 1..12 (cents; 0 where none is set). */
function hoTargetAmounts(db: ReadDb): number[] {
  const ho = listHoTarget(db);
  return Array.from({ length: 12 }, (_, i) => ho.find((r) => r.month === i + 1)?.amount_cents ?? 0);
}

/** The region's sales actuals by month of one calendar year (the overview chart). */
export function monthlyTotals(db: ReadDb, year: number): MonthlyTotal[] {
  return salesByMonth(db, year);
}
