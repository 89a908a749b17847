import divisions from '../../resources/geo/china-divisions.json' with { type: 'json' };
import type { Language } from './units';

// Place names as users write them: 蘇州, 蘇州市, 苏州 and 苏州市 are one city. A name is
// compared by its key: width-folded, Traditional characters folded to Simplified, and
// the administrative suffix (市, 省, 自治區, 地區, 盟 …) with an autonomous area's
// peoples taken off. The character table is built from the bundled national list's own
// Traditional/Simplified pairs, so it covers every character of every place name in the
// list (no general-purpose converter is bundled), plus the few words development zones
// and markets are named with; other characters stay as written.

export type GeoLevel = 'province' | 'city';

export interface GeoCatalogEntry {
  code: string;
  level: GeoLevel;
  parent: string | null;
  zhHant: string;
  zhHans: string;
}

const ENTRIES: readonly GeoCatalogEntry[] = divisions.divisions.map((d) => ({
  code: d.code,
  level: d.level === 'city' ? 'city' : 'province',
  parent: d.parent ?? null,
  zhHant: d.zhHant,
  zhHans: d.zhHans,
}));

/** Traditional → Simplified, one character at a time, from the list's pairs. */
const TO_HANS = new Map<string, string>();
for (const e of ENTRIES) {
  const hant = Array.from(e.zhHant);
  const hans = Array.from(e.zhHans);
  if (hant.length !== hans.length) continue;
  hant.forEach((c, i) => {
    if (c !== hans[i] && !TO_HANS.has(c)) TO_HANS.set(c, hans[i]);
  });
}

// Custom members are named like development zones and markets (蘇州工業園區, 經濟技術開發區,
// 保稅區, 泰國市場): the few characters of those words the list does not have.
const ZONE_WORDS: readonly [string, string][] = [
  ['業', '业'], ['園', '园'], ['經', '经'], ['濟', '济'], ['術', '术'], ['開', '开'], ['發', '发'],
  ['場', '场'], ['稅', '税'], ['貿', '贸'], ['國', '国'], ['際', '际'], ['產', '产'], ['農', '农'],
];
for (const [hant, hans] of ZONE_WORDS) if (!TO_HANS.has(hant)) TO_HANS.set(hant, hans);

/** Folded (Simplified) suffixes, longest first. */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '地区', '省', '市', '盟'];
/** The peoples an autonomous area is named after, folded; 族 may follow each. */
const PEOPLES = ['维吾尔', '柯尔克孜', '哈萨克', '蒙古', '朝鲜', '土家', '布依', '哈尼', '景颇', '傈僳', '壮', '回', '藏', '羌', '苗', '侗', '彝', '傣', '白'];
/** A name is never cut below two characters (西藏 stays 西藏, not 西). */
const MIN_CORE = 2;

/** Traditional characters of place names folded to Simplified; the rest as written. */
export function foldGeoChars(text: string): string {
  let out = '';
  for (const c of text) out += TO_HANS.get(c) ?? c;
  return out;
}

const charCount = (s: string) => Array.from(s).length;

/**
 * The form place names are compared in: 蘇州市, 苏州, ＂ 苏州市 ＂ → 苏州; 廣西壯族自治區 → 广西;
 * 延邊朝鮮族自治州 → 延边. Latin letters are lower-cased.
 */
export function geoKey(name: string): string {
  let s = foldGeoChars(name.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
  for (const suffix of SUFFIXES) {
    if (!s.endsWith(suffix) || charCount(s) - charCount(suffix) < MIN_CORE) continue;
    s = s.slice(0, s.length - suffix.length);
    if (suffix === '自治区' || suffix === '自治州') s = stripPeoples(s);
    break;
  }
  return s;
}

function stripPeoples(name: string): string {
  let s = name;
  for (;;) {
    const bare = s.endsWith('族') ? s.slice(0, -1) : s;
    const people = PEOPLES.find((p) => bare.endsWith(p) && charCount(bare) - charCount(p) >= MIN_CORE);
    if (!people) return s;
    s = bare.slice(0, bare.length - people.length);
  }
}

/** Whether two place names name the same place (蘇州 and 苏州市 do). */
export function sameGeoName(a: string, b: string): boolean {
  return geoKey(a) === geoKey(b);
}

const BY_KEY: Record<GeoLevel, Map<string, GeoCatalogEntry[]>> = { province: new Map(), city: new Map() };
for (const e of ENTRIES) {
  const k = geoKey(e.zhHant);
  const list = BY_KEY[e.level].get(k);
  if (list) list.push(e);
  else BY_KEY[e.level].set(k, [e]);
}
const BY_CODE = new Map(ENTRIES.map((e) => [e.code, e]));

export function geoCatalogEntries(): readonly GeoCatalogEntry[] {
  return ENTRIES;
}

export function geoCatalogByCode(code: string): GeoCatalogEntry | undefined {
  return BY_CODE.get(code);
}

/**
 * The national list's province or city a name stands for, or null for a name the
 * list does not have (a custom member: a development zone, 海外…). With `parentName`
 * (a city's province as the region writes it), a city must also be under that province.
 */
export function findGeoEntry(level: GeoLevel, name: string, parentName?: string | null): GeoCatalogEntry | null {
  const found = BY_KEY[level].get(geoKey(name));
  if (!found) return null;
  if (level === 'city' && parentName != null) {
    const parentKey = geoKey(parentName);
    return found.find((e) => e.parent !== null && geoKey(BY_CODE.get(e.parent)?.zhHant ?? '') === parentKey) ?? null;
  }
  return found[0];
}

/**
 * A province's or city's name in the UI language when it is in the national list,
 * as written otherwise. A name written without its suffix (蘇州) keeps it off (苏州).
 * English shows the Simplified name: no romanisation of the list is bundled.
 */
export function geoDisplayName(name: string, level: GeoLevel, language: Language): string {
  // Grids format a city column on every repaint: each name is worked out once per language.
  const key = `${level}\u0000${language}\u0000${name}`;
  let shown = DISPLAY_CACHE.get(key);
  if (shown === undefined) {
    shown = displayNameOf(name, level, language);
    if (DISPLAY_CACHE.size >= 20_000) DISPLAY_CACHE.clear();
    DISPLAY_CACHE.set(key, shown);
  }
  return shown;
}

const DISPLAY_CACHE = new Map<string, string>();

function displayNameOf(name: string, level: GeoLevel, language: Language): string {
  const entry = findGeoEntry(level, name);
  if (!entry) return name;
  const target = language === 'zh-Hant' ? entry.zhHant : entry.zhHans;
  const trimmed = name.normalize('NFKC').trim();
  if (trimmed === entry.zhHant || trimmed === entry.zhHans) return target;
  // Written short (蘇州 for 蘇州市): the target's short form.
  if (charCount(trimmed) < charCount(entry.zhHant)) {
    const short = foldGeoChars(trimmed);
    const hans = Array.from(entry.zhHans);
    const t = Array.from(target);
    if (hans.slice(0, charCount(short)).join('') === short) return t.slice(0, charCount(short)).join('');
  }
  return target;
}

/** Ids whose names are the given place name, by key. */
export function matchGeoNames<T extends { name: string }>(items: readonly T[], name: string): T[] {
  const k = geoKey(name);
  return items.filter((i) => geoKey(i.name) === k);
}
