import divisions from '../../../../../resources/geo/china-divisions.json' with { type: 'json' };
import { AppError } from '../../../../shared/errors';
import { issue, type MasterIssue } from '../../../../shared/masterData';
import type { WriteDb } from '../../db/handle';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { findGeoEntry, geoCatalogByCode, geoCatalogEntries, geoKey, type GeoCatalogEntry } from '../../../../shared/geoNames';
import { geoMembers, insertCity, insertProvince, maxSortOrder } from '../../repos/masterData';

// China's provinces and prefecture-level cities (GB/T 2260), bundled, for picking
// the region's geography instead of typing it.

/** A province or city of the bundled list (parent: the province's code, for a city). */
export type GeoDivision = GeoCatalogEntry;

export interface GeoCatalog {
  source: string;
  divisions: GeoDivision[];
}

// The list itself is read once, in shared/geoNames.ts, where names are matched against it.
const CATALOG: GeoCatalog = { source: divisions.source, divisions: [...geoCatalogEntries()] };

export function geoCatalog(): GeoCatalog {
  return CATALOG;
}

export type GeoScript = 'zhHant' | 'zhHans';

/**
 * Adds the picked provinces and cities (a city brings its province along when the
 * file does not have it yet) as one undo step. What the file already has, by code or
 * by name (蘇州 for 蘇州市, 苏州市 in the other script), is skipped.
 */
export function addGeography(db: WriteDb, codes: readonly string[], script: GeoScript = 'zhHant'): { provinceIds: number[]; cityIds: number[] } {
  const unknown = codes.map((c, i) => [c, i] as const).filter(([c]) => !geoCatalogByCode(c));
  if (unknown.length) {
    const issues = unknown.map(([c, i]) => issue(`codes.${i}`, 'masterData.invalid.unknownRef', { value: c }));
    throw new AppError('INVALID_INPUT', `not in the catalog: ${unknown.map(([c]) => c).join(', ')}`, { issues });
  }
  return recordEdit(db, 'masterData.undo.addGeography', () => {
    const changes: RowChange[] = [];
    const provinceIds: number[] = [];
    const cityIds: number[] = [];
    // What the file has, by code and by name as users write it: a province or city
    // the file already has under another code or in the other script is not added again.
    const members = geoMembers(db);
    const provinceByCode = new Map(members.provinces.map((p) => [p.code, p.id]));
    const provinceByKey = new Map(members.provinces.map((p) => [geoKey(p.name), p.id]));
    const cityCodes = new Set(members.cities.map((c) => c.code));
    const cityKeys = new Set(members.cities.map((c) => `${c.province_id}\u0000${geoKey(c.name)}`));
    let provinceOrder = maxSortOrder(db, 'province');
    let cityOrder = maxSortOrder(db, 'city');
    const ensureProvince = (code: string): number => {
      const d = geoCatalogByCode(code)!;
      const known = provinceByCode.get(code) ?? provinceByKey.get(geoKey(d.zhHant));
      if (known !== undefined) return known;
      const row = insertProvince(db, { code, name: d[script], sort_order: ++provinceOrder });
      provinceByCode.set(code, row.id);
      provinceByKey.set(geoKey(d.zhHant), row.id);
      provinceIds.push(row.id);
      changes.push({ table: 'province', key: { id: row.id }, before: null, after: row });
      return row.id;
    };
    // Provinces first, then cities in catalog order, so the sort order follows the code.
    const picked = [...new Set(codes)].sort();
    for (const code of picked) if (geoCatalogByCode(code)!.level === 'province') ensureProvince(code);
    for (const code of picked) {
      const d = geoCatalogByCode(code)!;
      if (d.level !== 'city' || cityCodes.has(code)) continue;
      const provinceId = ensureProvince(d.parent!);
      const cityKey = `${provinceId}\u0000${geoKey(d.zhHant)}`;
      if (cityKeys.has(cityKey)) continue;
      cityKeys.add(cityKey);
      const row = insertCity(db, { province_id: provinceId, code, name: d[script], sort_order: ++cityOrder });
      cityCodes.add(code);
      cityIds.push(row.id);
      changes.push({ table: 'city', key: { id: row.id }, before: null, after: row });
    }
    return { changes, value: { provinceIds, cityIds } };
  });
}

export interface CustomCityInput {
  /** The city as the user writes it: 蘇州工業園區, 越南, 出口市場… */
  name: string;
  /** An existing province (or custom region) of the file… */
  provinceId?: number;
  /** …or a new one by name (海外, 出口市場); a name the file has is that province. */
  provinceName?: string;
}

const NAME_MAX = 100;
const CUSTOM_CODE_PREFIX = 'X';

/**
 * Adds a city that is not in the national list (a development zone, a foreign market)
 * under an existing province or a new custom region, as one undo step. Refused with the
 * reason: no name, a name the province already has (蘇州 and 苏州市 are one), a city the
 * national list has under that province (pick it from the list instead).
 * Custom members get codes starting with X, which no GB/T 2260 code does.
 */
export function addCustomCity(db: WriteDb, input: CustomCityInput): { cityId: number; provinceId: number } {
  const name = input.name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const provinceName = input.provinceName?.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const members = geoMembers(db);
  const issues: MasterIssue[] = [];
  if (!name) issues.push(issue('name', 'masterData.invalid.required'));
  else if (name.length > NAME_MAX) issues.push(issue('name', 'masterData.invalid.tooLong', { max: NAME_MAX }));
  const byId = input.provinceId === undefined ? undefined : members.provinces.find((p) => p.id === input.provinceId);
  if (input.provinceId !== undefined && !byId) issues.push(issue('provinceId', 'masterData.invalid.unknownRef', { value: String(input.provinceId) }));
  if (input.provinceId === undefined) {
    if (!provinceName) issues.push(issue('provinceName', 'masterData.invalid.required'));
    else if (provinceName.length > NAME_MAX) issues.push(issue('provinceName', 'masterData.invalid.tooLong', { max: NAME_MAX }));
  }
  const province = byId ?? (provinceName ? members.provinces.find((p) => geoKey(p.name) === geoKey(provinceName)) : undefined);
  if (name && province) {
    const twin = members.cities.find((c) => c.province_id === province.id && geoKey(c.name) === geoKey(name));
    if (twin) issues.push(issue('name', 'masterData.geo.duplicateCity', { value: name, existing: twin.name, province: province.name }));
    else {
      const listed = findGeoEntry('city', name, province.name);
      if (listed) issues.push(issue('name', 'masterData.geo.inCatalog', { value: name, listed: listed.zhHant }));
    }
  }
  if (issues.length) {
    throw new AppError('INVALID_INPUT', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  return recordEdit(db, 'masterData.undo.addCustomCity', () => {
    const changes: RowChange[] = [];
    let provinceId = province?.id;
    if (provinceId === undefined) {
      // A new region: the national list's province when the name is one (浙江), else custom.
      const listed = findGeoEntry('province', provinceName!);
      const taken = new Set(members.provinces.map((p) => p.code));
      const code = listed && !taken.has(listed.code) ? listed.code : freeCode(taken);
      const row = insertProvince(db, { code, name: listed ? listed.zhHant : provinceName!, sort_order: maxSortOrder(db, 'province') + 1 });
      changes.push({ table: 'province', key: { id: row.id }, before: null, after: row });
      provinceId = row.id;
    }
    const code = freeCode(new Set(members.cities.map((c) => c.code)));
    const row = insertCity(db, { province_id: provinceId, code, name, sort_order: maxSortOrder(db, 'city') + 1 });
    changes.push({ table: 'city', key: { id: row.id }, before: null, after: row });
    return { changes, value: { cityId: row.id, provinceId } };
  });
}

/** The first X0001, X0002… the table does not use (codes compare without case). */
function freeCode(taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((c) => c.toLowerCase()));
  for (let n = 1; ; n++) {
    const code = `${CUSTOM_CODE_PREFIX}${String(n).padStart(4, '0')}`;
    if (!lower.has(code.toLowerCase())) return code;
  }
}
