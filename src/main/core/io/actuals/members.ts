import { CREATE_NEEDS, type BulkPolicy, type MemberDimension, type Resolution, type ResolutionAction, type UnknownMember } from '../../../../shared/actuals';
import { geoKey } from '../../../../shared/geoNames';
import type { ReadDb, WriteDb } from '../../db/handle';
import { insertMember, listMembers, memberExists, type Member, type NeedTable, type NewMember } from '../../repos/actualsMembers';
import { BulkState, normalizeValue } from './bulk';

export { normalizeValue };

// Which customer, SKU, city… a cell names. A value matches a member's code first,
// then its name (a name two members share matches neither). Values the region does
// not know are collected for the preview, where the user maps, creates or skips them.

/** What a create needs, by the table it points at. */
const NEED_TABLE: Record<NeedTable, NeedTable> = { province: 'province', city: 'city', channel: 'channel', brand: 'brand', category: 'category' };

export const MAX_UNKNOWNS = 1_000;
/** Dimensions with at most this many members offer all of them in the preview. */
const SHORT_LIST = 60;

/** The form a name is matched in: a city's as place names are written (蘇州, 苏州市 and 杭州市 / 杭州 alike). */
function nameKey(dimension: MemberDimension, name: string): string {
  return dimension === 'city' ? geoKey(name) : normalizeValue(name);
}

class MemberIndex {
  readonly byCode = new Map<string, number>();
  /** 0: a name more than one member has. */
  readonly byName = new Map<string, number>();
  readonly ids = new Set<number>();
  readonly members: Member[];
  readonly maxId: number;

  constructor(
    db: ReadDb,
    readonly dimension: MemberDimension,
  ) {
    this.members = listMembers(db, dimension);
    let max = 0;
    for (const m of this.members) {
      this.ids.add(m.id);
      max = Math.max(max, m.id);
      this.byCode.set(normalizeValue(m.code), m.id);
      const v = nameKey(dimension, m.name);
      const had = this.byName.get(v);
      this.byName.set(v, had === undefined || had === m.id ? m.id : 0);
    }
    this.maxId = max;
  }

  find(value: string): number | null {
    const n = normalizeValue(value);
    const code = this.byCode.get(n);
    if (code !== undefined) return code;
    return this.byName.get(nameKey(this.dimension, value)) || null;
  }

  /**
   * Members whose code or name share the most character pairs with the value. A short
   * list (expense items, channels) is offered whole after the look-alikes, so the
   * preview can map to any of them without a master-data list of its own.
   */
  suggest(value: string, count = 5): Member[] {
    const grams = bigrams(normalizeValue(value));
    if (this.members.length <= SHORT_LIST) {
      const alike = this.suggestAlike(grams, count);
      return [...alike, ...this.members.filter((m) => !alike.includes(m))];
    }
    return this.suggestAlike(grams, count);
  }

  private suggestAlike(grams: Set<string>, count: number): Member[] {
    if (grams.size === 0) return [];
    const scored: { m: Member; score: number }[] = [];
    for (const m of this.members) {
      const score = Math.max(dice(grams, bigrams(normalizeValue(m.name))), dice(grams, bigrams(normalizeValue(m.code))));
      if (score >= 0.3) scored.push({ m, score });
    }
    scored.sort((a, b) => b.score - a.score || a.m.id - b.m.id);
    return scored.slice(0, count).map((s) => s.m);
  }
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  const chars = Array.from(text);
  if (chars.length === 1) out.add(chars[0]);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/** A resolved cell: a member id (new members get ids above the table's largest), skip, or unknown. */
export const SKIP = -1;
export const UNKNOWN = -2;

export type PendingCreate = NewMember;

interface UnknownEntry {
  dimension: MemberDimension;
  value: string;
  fileName: string | null;
  rows: number;
  firstRow: number;
  /** What the dimension's bulk policy did with it (null: nothing, it is still unknown). */
  policy: ResolutionAction | null;
}

export class Resolver {
  private readonly indexes = new Map<MemberDimension, MemberIndex>();
  private readonly cache = new Map<MemberDimension, Map<string, number>>();
  private readonly decisions = new Map<string, Resolution>();
  private readonly unknown = new Map<string, UnknownEntry>();
  readonly creates = new Map<string, PendingCreate>();
  /** Resolutions that cannot be carried out (a mapped id that does not exist, a create without its city…). */
  readonly badResolutions: Resolution[] = [];
  private nextId = new Map<MemberDimension, number>();
  /** Bulk decisions per dimension and the members they create. */
  readonly bulk: BulkState;
  /** By dimension × normalized value: the bulk action that decided it. */
  private readonly byPolicy = new Map<string, ResolutionAction>();
  /** The same, by the cell's text as the cache has it (so a known member's row costs no normalizing). */
  private readonly byPolicyRaw = new Map<MemberDimension, Set<string>>();

  constructor(
    readonly db: ReadDb,
    resolutions: Resolution[],
    policies: readonly BulkPolicy[] = [],
  ) {
    for (const r of resolutions) this.decisions.set(`${r.dimension}\u0000${normalizeValue(r.value)}`, r);
    this.bulk = new BulkState(
      {
        db,
        find: (dimension, value) => this.index(dimension).find(value),
        exists: (dimension, id) => this.index(dimension).ids.has(id),
        decision: (dimension, value) => this.decisions.get(`${dimension}\u0000${normalizeValue(value)}`),
        allocate: (dimension) => this.allocate(dimension),
      },
      policies,
    );
  }

  private allocate(dimension: MemberDimension): number {
    const next = (this.nextId.get(dimension) ?? this.index(dimension).maxId) + 1;
    this.nextId.set(dimension, next);
    return next;
  }

  index(dimension: MemberDimension): MemberIndex {
    let ix = this.indexes.get(dimension);
    if (!ix) {
      ix = new MemberIndex(this.db, dimension);
      this.indexes.set(dimension, ix);
    }
    return ix;
  }

  /**
   * The member a cell names, SKIP or UNKNOWN; `fileName` is the name column beside a code, if
   * mapped; `cells` the row, for a policy that maps by another column.
   */
  resolve(dimension: MemberDimension, raw: string, row: number, fileName: string | null, cells?: readonly string[]): number {
    let cache = this.cache.get(dimension);
    if (!cache) {
      cache = new Map();
      this.cache.set(dimension, cache);
    }
    let id = cache.get(raw);
    if (id === undefined) {
      id = this.decide(dimension, raw, fileName, cells);
      cache.set(raw, id);
      if (this.byPolicy.has(`${dimension}\u0000${normalizeValue(raw)}`)) {
        let set = this.byPolicyRaw.get(dimension);
        if (!set) this.byPolicyRaw.set(dimension, (set = new Set()));
        set.add(raw);
      }
    }
    if (id === UNKNOWN || this.byPolicyRaw.get(dimension)?.has(raw)) {
      const key = `${dimension}\u0000${normalizeValue(raw)}`;
      const policy = this.byPolicy.get(key) ?? null;
      const u = this.unknown.get(key);
      if (u) {
        u.rows++;
        if (u.fileName === null && fileName) u.fileName = fileName;
      } else {
        this.unknown.set(key, { dimension, value: raw.trim(), fileName: fileName || null, rows: 1, firstRow: row, policy });
      }
    }
    return id;
  }

  private decide(dimension: MemberDimension, raw: string, fileName: string | null, cells: readonly string[] | undefined): number {
    const ix = this.index(dimension);
    const found = ix.find(raw);
    if (found !== null) return found;
    const key = `${dimension}\u0000${normalizeValue(raw)}`;
    const r = this.decisions.get(key);
    if (!r) return this.decideByPolicy(dimension, raw, key, fileName, cells);
    if (r.action === 'skip') return SKIP;
    if (r.action === 'map') {
      if (r.id !== undefined && ix.ids.has(r.id)) return r.id;
      this.badResolutions.push(r);
      return UNKNOWN;
    }
    // create
    const needs = CREATE_NEEDS[dimension];
    const ok = needs.every((need) => {
      const id = r[`${need}Id` as const];
      return id !== undefined && this.exists(NEED_TABLE[need], id);
    });
    if (!ok) {
      this.badResolutions.push(r);
      return UNKNOWN;
    }
    const existing = this.creates.get(key);
    if (existing) return existing.id;
    const next = this.allocate(dimension);
    const value = raw.trim();
    this.creates.set(key, { dimension, id: next, code: value.slice(0, 100), name: (r.name ?? fileName ?? value).slice(0, 200), resolution: r });
    return next;
  }

  /** No per-value decision: the dimension's bulk policy, if any. */
  private decideByPolicy(dimension: MemberDimension, raw: string, key: string, fileName: string | null, cells: readonly string[] | undefined): number {
    const policy = this.bulk.policies.get(dimension);
    if (!policy) return UNKNOWN;
    if (policy.action === 'skip') {
      this.byPolicy.set(key, 'skip');
      return SKIP;
    }
    if (policy.action === 'map') {
      const text = policy.column !== undefined ? (cells?.[policy.column] ?? '').trim() : '';
      const id = text ? this.index(dimension).find(text) : null;
      if (id === null) return UNKNOWN;
      this.byPolicy.set(key, 'map');
      return id;
    }
    const existing = this.creates.get(key);
    if (existing) return existing.id;
    const id = this.allocate(dimension);
    const value = raw.trim();
    const create = {
      dimension,
      id,
      code: value.slice(0, 100),
      name: (fileName || value).slice(0, 200),
      resolution: { dimension, value, action: 'create' as const },
      attrs: {},
      missing: [],
    };
    this.creates.set(key, create);
    this.bulk.add(create);
    this.byPolicy.set(key, 'create');
    return id;
  }

  private readonly existsCache = new Map<string, boolean>();
  private exists(table: NeedTable, id: number): boolean {
    const k = `${table}:${id}`;
    let v = this.existsCache.get(k);
    if (v === undefined) {
      v = memberExists(this.db, table, id);
      this.existsCache.set(k, v);
    }
    return v;
  }

  /** The brand chosen for a SKU this import creates (null for any other id, and for a bulk create, whose brand is known at the end). */
  createdSkuBrand(id: number): number | null {
    for (const c of this.creates.values()) if (c.dimension === 'sku' && c.id === id) return c.resolution.brandId ?? null;
    return null;
  }

  /** Values the master data lacks, by dimension, and what the bulk policy did with them. */
  unknownTally(): Map<MemberDimension, { unknown: number; created: number; skipped: number; mapped: number }> {
    const out = new Map<MemberDimension, { unknown: number; created: number; skipped: number; mapped: number }>();
    for (const u of this.unknown.values()) {
      let t = out.get(u.dimension);
      if (!t) out.set(u.dimension, (t = { unknown: 0, created: 0, skipped: 0, mapped: 0 }));
      t.unknown++;
      if (u.policy === 'create') t.created++;
      else if (u.policy === 'skip') t.skipped++;
      else if (u.policy === 'map') t.mapped++;
    }
    return out;
  }

  unknownCount(): number {
    return this.unknown.size;
  }

  /** Unknown values for the preview, most rows first, with suggestions and the decision sent. */
  unknowns(): UnknownMember[] {
    // Undecided values first: those are what the user still has to look at.
    const list = [...this.unknown.values()]
      .sort((a, b) => Number(a.policy !== null) - Number(b.policy !== null) || b.rows - a.rows || a.firstRow - b.firstRow)
      .slice(0, MAX_UNKNOWNS);
    return list.map((u) => ({
      ...u,
      suggestions: this.index(u.dimension)
        .suggest(u.value)
        .map((m) => ({ id: m.id, code: m.code, name: m.name })),
      resolution: this.decisions.get(`${u.dimension}\u0000${normalizeValue(u.value)}`) ?? null,
    }));
  }
}

/** SKU prices a create derives from the file: amount per case over the rows that name it. */
export interface SkuFigures {
  amountCents: number;
  volume: number;
  grossProfitCents: number;
  /** Every row of the SKU had a gross profit: only then is its cost known. */
  grossProfitGiven: boolean;
}

/** Writes the members the user chose to create, with the ids the rows already use. */
export function insertCreated(db: WriteDb, creates: Iterable<PendingCreate>, skuFigures: Map<number, SkuFigures>, counts: Record<string, number> = {}): number {
  let n = 0;
  for (const c of creates) {
    // A new SKU is priced from the file: the price column when it has one, else amount per
    // case; cost per case by its gross profit (never above the price). Without cases, or
    // without a gross profit on every row, the price or the cost is not known (NULL: the
    // SKU is marked 待補成本), never an invented 0.
    const f = c.dimension === 'sku' ? skuFigures.get(c.id) : undefined;
    const derived = f && f.volume > 0 ? Math.max(0, Math.round(f.amountCents / f.volume)) : null;
    const price = c.extra?.listPriceCents ?? derived;
    const cost = f && f.volume > 0 && f.grossProfitGiven ? Math.max(0, Math.round((f.amountCents - f.grossProfitCents) / f.volume)) : null;
    insertMember(db, c, { listPriceCents: price, stdCostCents: cost === null ? null : price === null ? cost : Math.min(cost, price) });
    counts[c.dimension] = (counts[c.dimension] ?? 0) + 1;
    n++;
  }
  return n;
}
