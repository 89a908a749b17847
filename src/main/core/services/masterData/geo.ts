import divisions from '../../../../../resources/geo/china-divisions.json' with { type: 'json' };
import { AppError } from '../../../../shared/errors';
import { issue } from '../../../../shared/masterData';
import type { WriteDb } from '../../db/handle';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { cityCodes as listCityCodes, insertCity, insertProvince, maxSortOrder, provinceIdsByCode } from '../../repos/masterData';

// China's provinces and prefecture-level cities (GB/T 2260), bundled, for picking
// the region's geography instead of typing it.

export interface GeoDivision {
  code: string;
  level: 'province' | 'city';
  /** The province's code, for a city. */
  parent: string | null;
  zhHant: string;
  zhHans: string;
}

export interface GeoCatalog {
  source: string;
  divisions: GeoDivision[];
}

const CATALOG: GeoCatalog = {
  source: divisions.source,
  divisions: divisions.divisions.map((d) => ({
    code: d.code,
    level: d.level === 'city' ? 'city' : 'province',
    parent: d.parent ?? null,
    zhHant: d.zhHant,
    zhHans: d.zhHans,
  })),
};
const BY_CODE = new Map(CATALOG.divisions.map((d) => [d.code, d]));

export function geoCatalog(): GeoCatalog {
  return CATALOG;
}

export type GeoScript = 'zhHant' | 'zhHans';

/**
 * Adds the picked provinces and cities (a city brings its province along when the
 * file does not have it yet) as one undo step. Codes the file already has are skipped.
 */
export function addGeography(db: WriteDb, codes: readonly string[], script: GeoScript = 'zhHant'): { provinceIds: number[]; cityIds: number[] } {
  const unknown = codes.map((c, i) => [c, i] as const).filter(([c]) => !BY_CODE.has(c));
  if (unknown.length) {
    const issues = unknown.map(([c, i]) => issue(`codes.${i}`, 'masterData.invalid.unknownRef', { value: c }));
    throw new AppError('INVALID_INPUT', `not in the catalog: ${unknown.map(([c]) => c).join(', ')}`, { issues });
  }
  return recordEdit(db, 'masterData.undo.addGeography', () => {
    const changes: RowChange[] = [];
    const provinceIds: number[] = [];
    const cityIds: number[] = [];
    const provinceByCode = provinceIdsByCode(db);
    const cityCodes = listCityCodes(db);
    let provinceOrder = maxSortOrder(db, 'province');
    let cityOrder = maxSortOrder(db, 'city');
    const ensureProvince = (code: string): number => {
      const known = provinceByCode.get(code);
      if (known !== undefined) return known;
      const d = BY_CODE.get(code)!;
      const row = insertProvince(db, { code, name: d[script], sort_order: ++provinceOrder });
      provinceByCode.set(code, row.id);
      provinceIds.push(row.id);
      changes.push({ table: 'province', key: { id: row.id }, before: null, after: row });
      return row.id;
    };
    // Provinces first, then cities in catalog order, so the sort order follows the code.
    const picked = [...new Set(codes)].sort();
    for (const code of picked) if (BY_CODE.get(code)!.level === 'province') ensureProvince(code);
    for (const code of picked) {
      const d = BY_CODE.get(code)!;
      if (d.level !== 'city' || cityCodes.has(code)) continue;
      const provinceId = ensureProvince(d.parent!);
      const row = insertCity(db, { province_id: provinceId, code, name: d[script], sort_order: ++cityOrder });
      cityCodes.add(code);
      cityIds.push(row.id);
      changes.push({ table: 'city', key: { id: row.id }, before: null, after: row });
    }
    return { changes, value: { provinceIds, cityIds } };
  });
}
