import { AppError } from '../../../shared/errors';
import { inspectRegionFile } from '../db/inspect';
import { assertSchemaMatches, checkProblems, withReadOnly } from '../db/regionFile';
import { readDb } from '../db/handle';
import { SCHEMA_VERSION } from '../db/migrations';
import { countTableRows, findRegionMeta, isPlainTableName, tableNames } from '../repos/region';

export interface FileReport {
  path: string;
  regionId: string;
  regionName: string;
  planYear: number;
  schemaVersion: number;
  /** True when opening it in this version would migrate it (after a backup). */
  needsMigration: boolean;
  sizeBytes: number;
  rowCounts: Record<string, number>;
  integrity: 'ok' | string[];
}

/**
 * Describes a region file without changing it: no migration, no write, no sidecar
 * files left. Throws FILE_REFUSED for a file the app would not open.
 */
export async function fileReport(path: string): Promise<FileReport> {
  const header = inspectRegionFile(path);
  // An older file whose tables are a later version's would fail its migration: the app refuses it, so the report does.
  if (header.userVersion >= 1 && header.userVersion < SCHEMA_VERSION) await assertSchemaMatches(path, header.userVersion);
  return withReadOnly(path, (sqlite) => {
    const problems = checkProblems(sqlite, 'full');
    // A connection of its own, outside any command: the CLI's report reads through a handle made here.
    const db = readDb(sqlite);
    const hasMeta = !problems.includes('the file has no region identity') && header.userVersion >= 1;
    const meta = hasMeta ? findRegionMeta(db) : { region_id: '', region_name: '', plan_year: 0 };
    const rowCounts: Record<string, number> = {};
    for (const t of tableNames(db)) {
      if (!isPlainTableName(t)) throw new AppError('FILE_REFUSED', `${path}: unexpected table ${t}`, { reason: 'foreign', path });
      rowCounts[t] = countTableRows(db, t);
    }
    return {
      path,
      regionId: meta.region_id,
      regionName: meta.region_name,
      planYear: meta.plan_year,
      schemaVersion: header.userVersion,
      needsMigration: header.userVersion < SCHEMA_VERSION,
      sizeBytes: header.fileSize,
      rowCounts,
      integrity: problems.length === 0 ? 'ok' : problems,
    };
  });
}
