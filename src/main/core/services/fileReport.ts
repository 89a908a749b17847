import { AppError } from '../../../shared/errors';
import { inspectRegionFile } from '../db/inspect';
import { checkProblems, withReadOnly } from '../db/regionFile';
import { SCHEMA_VERSION } from '../db/migrations';

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
export function fileReport(path: string): FileReport {
  const header = inspectRegionFile(path);
  return withReadOnly(path, (sqlite) => {
    const problems = checkProblems(sqlite, 'full');
    const hasMeta = !problems.includes('the file has no region identity') && header.userVersion >= 1;
    const meta = hasMeta
      ? (sqlite.prepare('SELECT region_id, region_name, plan_year FROM region_meta WHERE id = 1').get() as {
          region_id: string;
          region_name: string;
          plan_year: number;
        })
      : { region_id: '', region_name: '', plan_year: 0 };
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    const rowCounts: Record<string, number> = {};
    for (const t of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new AppError('FILE_REFUSED', `${path}: unexpected table ${t}`, { reason: 'foreign', path });
      rowCounts[t] = sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
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
