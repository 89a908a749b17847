import {
  CREATE_NEEDS,
  type BulkPolicy,
  type BulkRequest,
  type MemberAttribute,
  type MemberDimension,
  type Resolution,
  type ResolutionAction,
  type UnknownMember,
} from '../../../../shared/actuals';

// The preview's decisions about unknown members, as the user edits them: a draft per
// unknown value, turned into the `resolutions` of import.preview / import.commit once
// it is complete (a member chosen to map to; what creating needs chosen).

export type CreateNeed = (typeof CREATE_NEEDS)[MemberDimension][number];

export interface Draft {
  action: ResolutionAction | '';
  /** map: the text typed into the picker (a code, a name, or "code name"). */
  query: string;
  /** map: the member the query names, when it names one. */
  id?: number;
  /** create: the new member's name ('' → the file's name, else the value). */
  name: string;
  needs: Partial<Record<CreateNeed, number>>;
}

export type Drafts = Record<string, Draft>;

/** One key per unknown value. */
export const draftKey = (dimension: MemberDimension, value: string): string => `${dimension}\u0000${value}`;

export const emptyDraft = (): Draft => ({ action: '', query: '', name: '', needs: {} });

const NEED_FIELD: Record<CreateNeed, 'provinceId' | 'cityId' | 'channelId' | 'brandId' | 'categoryId'> = {
  province: 'provinceId',
  city: 'cityId',
  channel: 'channelId',
  brand: 'brandId',
  category: 'categoryId',
};

/** A draft from the decision a preview reports it was given (so re-checking keeps the table as it was). */
export function draftOf(unknown: UnknownMember, previous: Draft | undefined, codeOf: (id: number) => string | undefined): Draft {
  if (previous) return previous;
  const r = unknown.resolution;
  if (!r) return emptyDraft();
  const needs: Draft['needs'] = {};
  for (const need of CREATE_NEEDS[unknown.dimension]) {
    const id = r[NEED_FIELD[need]];
    if (id !== undefined) needs[need] = id;
  }
  return { action: r.action, query: r.id !== undefined ? (codeOf(r.id) ?? '') : '', id: r.id, name: r.name ?? '', needs };
}

/** What a draft still lacks: '' when it is complete, else why. */
export function missingOf(dimension: MemberDimension, draft: Draft): 'action' | 'member' | CreateNeed | '' {
  switch (draft.action) {
    case '':
      return 'action';
    case 'skip':
      return '';
    case 'map':
      return draft.id === undefined ? 'member' : '';
    case 'create':
      return CREATE_NEEDS[dimension].find((need) => draft.needs[need] === undefined) ?? '';
    default: {
      const unreachable: never = draft.action;
      return unreachable;
    }
  }
}

/** The complete drafts as the core's resolutions. */
export function toResolutions(unknowns: readonly UnknownMember[], drafts: Drafts): Resolution[] {
  const out: Resolution[] = [];
  for (const u of unknowns) {
    const draft = drafts[draftKey(u.dimension, u.value)];
    if (!draft || draft.action === '' || missingOf(u.dimension, draft) !== '') continue;
    const r: Resolution = { dimension: u.dimension, value: u.value, action: draft.action };
    if (draft.action === 'map') r.id = draft.id;
    if (draft.action === 'create') {
      const name = draft.name.trim();
      if (name) r.name = name;
      for (const need of CREATE_NEEDS[u.dimension]) r[NEED_FIELD[need]] = draft.needs[need];
    }
    out.push(r);
  }
  return out;
}

/** The same decisions, whatever their order (to tell whether the table changed since the last check). */
export function sameResolutions(a: readonly Resolution[], b: readonly Resolution[]): boolean {
  const key = (list: readonly Resolution[]) =>
    JSON.stringify([...list].map((r) => JSON.stringify(r, Object.keys(r).sort())).sort());
  return key(a) === key(b);
}

export interface MemberOption {
  id: number;
  code: string;
  name: string;
}

/** The member a picker's text names: its code, its name, or "code name" as the list shows it. */
export function memberOfQuery(query: string, options: readonly MemberOption[]): MemberOption | undefined {
  const q = query.trim().normalize('NFKC').toLowerCase();
  if (!q) return undefined;
  const norm = (s: string) => s.normalize('NFKC').toLowerCase();
  return (
    options.find((o) => norm(o.code) === q) ??
    options.find((o) => norm(`${o.code} ${o.name}`) === q) ??
    options.find((o) => norm(o.name) === q)
  );
}

// ---- decisions for all unknown values of a dimension ------------------------------

export interface PolicyDraft {
  action: ResolutionAction | '';
  /** map: the column to map by. */
  column?: number;
  defaults: Partial<Record<MemberAttribute, string>>;
}

export type PolicyDrafts = Partial<Record<MemberDimension, PolicyDraft>>;

export const emptyPolicy = (): PolicyDraft => ({ action: '', defaults: {} });

/** The drafts as the request's bulk part (undefined when nothing is decided in bulk). */
export function toBulkRequest(drafts: PolicyDrafts, confirm: BulkRequest['confirm'] | null): BulkRequest | undefined {
  const policies: BulkPolicy[] = [];
  for (const [dimension, d] of Object.entries(drafts) as [MemberDimension, PolicyDraft][]) {
    if (d.action === '' || (d.action === 'map' && d.column === undefined)) continue;
    const defaults = Object.fromEntries(Object.entries(d.defaults).filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
    policies.push({
      dimension,
      action: d.action,
      ...(d.action === 'create' && Object.keys(defaults).length ? { defaults } : {}),
      ...(d.action === 'map' ? { column: d.column } : {}),
    });
  }
  if (policies.length === 0) return undefined;
  return { policies, ...(confirm ? { confirm } : {}) };
}
