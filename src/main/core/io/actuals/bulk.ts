import { createHash } from 'node:crypto';
import {
  CREATE_NEEDS,
  DIMENSION_ATTRIBUTES,
  type AttributeConflict,
  type BulkPolicy,
  type MemberAttribute,
  type MemberDimension,
  type Resolution,
  type SupportingDimension,
  type SupportingMember,
} from '../../../../shared/actuals';
import { parseImportInteger, parseImportMoney } from '../../../../shared/importValues';
import { findGeoEntry, geoCatalogByCode, geoKey, type GeoCatalogEntry } from '../../../../shared/geoNames';
import type { ReadDb, WriteDb } from '../../db/handle';
import { insertMember, insertProvinceMember, listProvinces, type Member, type NewMember } from '../../repos/actualsMembers';

// Members created in bulk: every unknown customer (SKU, store…) of a file created at
// once, each taking its city, channel, brand… from a column of its own rows (the first
// non-empty value wins; others are counted as conflicts) or from a default chosen once.
// An attribute value the region lacks becomes a supporting member (a city, channel,
// brand…), created beside them only when the request confirms the preview's list; a city
// finds its province in the national catalog, else from the province column or default.

export const MAX_CONFLICTS = 200;
/** A city the file names that is not in the catalog and has no province yet. */
const NO_PROVINCE = -1;
const MAX_FILE_VALUES = 200;

/** Comparable text: width-folded, trimmed, lower case, single spaces. */
export function normalizeValue(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const catalogCity = (name: string) => findGeoEntry('city', name);
const catalogProvince = (name: string) => findGeoEntry('province', name);
const catalogByCode = (code: string) => geoCatalogByCode(code) ?? null;

/** The catalog's name in the script the file wrote it in (苏州 → 苏州市, 蘇州 → 蘇州市). */
function catalogName(d: GeoCatalogEntry, written: string): string {
  return normalizeValue(d.zhHans).startsWith(normalizeValue(written)) ? d.zhHans : d.zhHant;
}

/** What the bulk state needs of the resolver. */
export interface ResolverView {
  db: ReadDb;
  find(dimension: MemberDimension, value: string): number | null;
  exists(dimension: MemberDimension, id: number): boolean;
  decision(dimension: MemberDimension, value: string): Resolution | undefined;
  allocate(dimension: MemberDimension): number;
}

/** A member a policy creates, with the attributes its rows gave. */
export interface BulkCreate extends NewMember {
  attrs: Partial<Record<MemberAttribute, string>>;
  /** Needs that found no value: the member cannot be created. */
  missing: MemberAttribute[];
  /** Its city is one the catalog does not have, and no province was given for it. */
  waitsForProvince?: boolean;
}

interface Supporting extends SupportingMember {
  id: number;
  provinceId: number | null;
  /** brand: one our new SKUs need is ours. */
  ownBrand: boolean;
}

const supportKey = (dimension: SupportingDimension, name: string) =>
  `${dimension}\u0000${dimension === 'city' || dimension === 'province' ? geoKey(name) : normalizeValue(name)}`;

export class BulkState {
  readonly policies = new Map<MemberDimension, BulkPolicy>();
  /** By `${dimension}:${id}`. */
  readonly creates = new Map<string, BulkCreate>();
  readonly conflicts: AttributeConflict[] = [];
  conflictCount = 0;
  readonly fileValues = new Map<MemberAttribute, Set<string>>();
  private readonly supporting = new Map<string, Supporting>();
  private provinceList: Member[] | null = null;
  private provinceNext = 0;
  private finished = false;

  constructor(
    private readonly r: ResolverView,
    policies: readonly BulkPolicy[],
  ) {
    for (const p of policies) this.policies.set(p.dimension, p);
  }

  add(c: BulkCreate): void {
    this.creates.set(`${c.dimension}:${c.id}`, c);
  }

  created(dimension: MemberDimension, id: number): BulkCreate | undefined {
    return this.creates.get(`${dimension}:${id}`);
  }

  /** The attribute cells of one row of a member created in bulk: the first non-empty value wins. */
  note(c: BulkCreate, attribute: MemberAttribute, text: string, row: number): void {
    if (text === '') return;
    const had = c.attrs[attribute];
    if (had === undefined) {
      c.attrs[attribute] = text;
      return;
    }
    if (normalizeValue(had) === normalizeValue(text)) return;
    this.conflictCount++;
    if (this.conflicts.length < MAX_CONFLICTS) this.conflicts.push({ dimension: c.dimension, value: c.code, attribute, kept: had, other: text, row });
  }

  /** A value the file names for an attribute, offered by the default pickers. */
  noteFileValue(attribute: MemberAttribute, text: string): void {
    if (text === '') return;
    let set = this.fileValues.get(attribute);
    if (!set) {
      set = new Set();
      this.fileValues.set(attribute, set);
    }
    if (set.size < MAX_FILE_VALUES) set.add(text);
  }

  /** Gives each bulk create its attributes (columns, then defaults), finding or planning the members they name. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const c of this.creates.values()) {
      const defaults = this.policies.get(c.dimension)?.defaults ?? {};
      const value = (a: MemberAttribute) => c.attrs[a] ?? defaults[a];
      const r = c.resolution;
      const extra: NonNullable<NewMember['extra']> = {};
      for (const attribute of DIMENSION_ATTRIBUTES[c.dimension] ?? []) {
        const v = value(attribute);
        switch (attribute) {
          case 'city': {
            const id = v === undefined ? null : this.city(v, value('province'));
            if (id === NO_PROVINCE) c.waitsForProvince = true;
            else if (id !== null) r.cityId = id;
            break;
          }
          case 'province': {
            // A city created in bulk: its province by its own name in the catalog, else the column or default.
            if (c.dimension !== 'city') break;
            const d = catalogCity(c.name) ?? catalogCity(c.code);
            const id = d ? this.province(catalogByCode(d.parent!)!.zhHant, d.parent!) : v !== undefined ? this.province(v, null) : null;
            if (id !== null) r.provinceId = id;
            if (d) c.code = d.code;
            break;
          }
          case 'channel':
          case 'brand':
          case 'category':
          case 'salesperson': {
            const id = v === undefined ? null : this.simple(attribute, v, c.dimension === 'sku' && attribute === 'brand');
            if (id === null) break;
            if (attribute === 'salesperson') extra.ownerId = id;
            else r[`${attribute}Id`] = id;
            break;
          }
          case 'packSize': {
            const n = v === undefined ? null : packSizeOf(v);
            if (n !== null) extra.packSize = n;
            break;
          }
          case 'price': {
            const p = v === undefined ? null : parseImportMoney(v);
            if (p && p.ok && p.value >= 0) extra.listPriceCents = p.value;
            break;
          }
        }
      }
      c.extra = extra;
      // A city waiting for its province is reported once, as the city's problem.
      c.missing = CREATE_NEEDS[c.dimension].filter((need) => r[`${need}Id`] === undefined && !(need === 'city' && c.waitsForProvince));
    }
  }

  /** Bulk creates lacking a need, by dimension and attribute. */
  missing(): Map<MemberDimension, Map<MemberAttribute, number>> {
    const out = new Map<MemberDimension, Map<MemberAttribute, number>>();
    for (const c of this.creates.values()) {
      for (const a of c.missing) {
        let m = out.get(c.dimension);
        if (!m) out.set(c.dimension, (m = new Map()));
        m.set(a, (m.get(a) ?? 0) + 1);
      }
    }
    return out;
  }

  /** The supporting members to create, provinces and cities first. */
  supportingList(): SupportingMember[] {
    const order: SupportingDimension[] = ['province', 'city', 'channel', 'salesperson', 'brand', 'category'];
    return [...this.supporting.values()]
      .sort((a, b) => order.indexOf(a.dimension) - order.indexOf(b.dimension) || a.name.localeCompare(b.name, 'zh'))
      .map(({ dimension, name, province, catalogCode, uses }) => ({ dimension, name, province, catalogCode, uses }));
  }

  /** Supporting cities that still need a province chosen. */
  citiesWithoutProvince(): string[] {
    return [...this.supporting.values()].filter((s) => s.dimension === 'city' && s.provinceId === null).map((s) => s.name);
  }

  /** The list's fingerprint: a commit must confirm exactly this. */
  supportingHash(): string {
    const h = createHash('sha256');
    for (const s of this.supportingList()) h.update(`${s.dimension}\t${s.name}\t${s.province ?? ''}\t${s.catalogCode ?? ''}\n`);
    return h.digest('hex');
  }

  /** Writes the supporting members (before the members that point at them). */
  insertSupporting(db: WriteDb): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of [...this.supporting.values()].sort((a, b) => Number(b.dimension === 'province') - Number(a.dimension === 'province'))) {
      counts[s.dimension] = (counts[s.dimension] ?? 0) + 1;
      const code = (s.catalogCode ?? s.name).slice(0, 100);
      if (s.dimension === 'province') {
        insertProvinceMember(db, { id: s.id, code, name: s.name });
        continue;
      }
      const resolution: Resolution = { dimension: s.dimension, value: s.name, action: 'create', ...(s.provinceId !== null ? { provinceId: s.provinceId } : {}) };
      insertMember(db, { dimension: s.dimension, id: s.id, code, name: s.name.slice(0, 200), resolution, extra: { isOwn: s.ownBrand } }, { listPriceCents: 0, stdCostCents: 0 });
    }
    return counts;
  }

  // ---- finding or planning the members an attribute names ------------------------

  private use(key: string): number | null {
    const s = this.supporting.get(key);
    if (!s) return null;
    s.uses++;
    return s.id;
  }

  private simple(dimension: 'channel' | 'brand' | 'category' | 'salesperson', name: string, ownBrand: boolean): number | null {
    const found = this.r.find(dimension, name);
    if (found !== null) return found;
    const d = this.r.decision(dimension, name);
    if (d?.action === 'map' && d.id !== undefined && this.r.exists(dimension, d.id)) return d.id;
    if (d?.action === 'skip') return null;
    const key = supportKey(dimension, name);
    const had = this.use(key);
    if (had !== null) {
      if (ownBrand) this.supporting.get(key)!.ownBrand = true;
      return had;
    }
    const id = this.r.allocate(dimension);
    this.supporting.set(key, { dimension, name: name.trim(), province: null, catalogCode: null, uses: 1, id, provinceId: null, ownBrand });
    return id;
  }

  private city(name: string, provinceHint: string | undefined): number | null {
    const found = this.r.find('city', name);
    if (found !== null) return found;
    const d = this.r.decision('city', name);
    if (d?.action === 'map' && d.id !== undefined && this.r.exists('city', d.id)) return d.id;
    if (d?.action === 'skip') return null;
    const key = supportKey('city', name);
    const had = this.use(key);
    if (had !== null) return this.supporting.get(key)!.provinceId === null ? NO_PROVINCE : had;
    const division = catalogCity(name);
    // The catalog's city may be in the region under another name: its code says so.
    if (division) {
      const byCode = this.r.find('city', division.code);
      if (byCode !== null) return byCode;
    }
    let provinceId: number | null = null;
    let province: string | null = null;
    if (d?.action === 'create' && d.provinceId !== undefined && this.provinceById(d.provinceId)) {
      provinceId = d.provinceId;
      province = this.provinceById(d.provinceId)!.name;
    } else if (division) {
      const p = catalogByCode(division.parent!)!;
      provinceId = this.province(catalogName(p, name), p.code);
      province = this.provinceName(provinceId);
    } else if (provinceHint !== undefined) {
      provinceId = this.province(provinceHint, null);
      province = this.provinceName(provinceId);
    }
    const id = this.r.allocate('city');
    const shown = division ? catalogName(division, name) : name.trim();
    this.supporting.set(key, { dimension: 'city', name: shown, province, catalogCode: division?.code ?? null, uses: 1, id, provinceId, ownBrand: false });
    // A city without a province cannot be created: its members count it as missing.
    return provinceId === null ? NO_PROVINCE : id;
  }

  private provinces(): Member[] {
    if (!this.provinceList) {
      this.provinceList = listProvinces(this.r.db);
      this.provinceNext = this.provinceList.reduce((m, p) => Math.max(m, p.id), 0);
    }
    return this.provinceList;
  }

  private provinceById(id: number): Member | undefined {
    return this.provinces().find((p) => p.id === id);
  }

  private provinceName(id: number | null): string | null {
    if (id === null) return null;
    return this.provinceById(id)?.name ?? [...this.supporting.values()].find((s) => s.dimension === 'province' && s.id === id)?.name ?? null;
  }

  /** An existing province by code or name, else one to create (the catalog's when the name is in it). */
  private province(name: string, code: string | null): number {
    const division = code ? catalogByCode(code) : catalogProvince(name);
    const wantCode = division?.code ?? null;
    const key = geoKey(name);
    const existing = this.provinces().find(
      (p) => (wantCode !== null && p.code === wantCode) || normalizeValue(p.code) === normalizeValue(name) || geoKey(p.name) === key,
    );
    if (existing) return existing.id;
    const support = supportKey('province', division ? division.zhHant : name);
    const had = this.supporting.get(support);
    if (had) return had.id;
    const id = ++this.provinceNext;
    const shown = division ? catalogName(division, name) : name.trim();
    this.supporting.set(support, { dimension: 'province', name: shown, province: null, catalogCode: wantCode, uses: 0, id, provinceId: null, ownBrand: false });
    return id;
  }
}

/** A pack size: a whole number, or the count after × in a spec such as "550ml×24". */
export function packSizeOf(text: string): number | null {
  const whole = parseImportInteger(text);
  if (whole.ok && whole.value > 0) return whole.value;
  const m = /[×xX*]\s*(\d{1,5})\s*(瓶|罐|袋|包|盒|支|件|入)?\s*(\/\s*(箱|件))?\s*$/.exec(text.normalize('NFKC'));
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}
