import { masterDataEn, masterDataZhHans, masterDataZhHant } from './i18n/masterData';
import { geoKey } from './geoNames';

// The region's master data as the grids and the importer
// see it: one spec per entity, and one parser for what the user types or pastes.
// The grid runs `parseCell` for instant feedback on edit and paste; the core runs
// the same function again before it writes (it is the authority), so both sides
// refuse exactly the same values with the same message keys.
//
// Field keys are the camelCase names of the DB columns (credit_limit_cents →
// creditLimitCents). Money is typed in 元 ("12,345.67") and kept in integer cents.
// A ref cell holds the referenced item's id; it accepts the item's code or name.
// A refList cell holds an array of ids (customer's other channels, a salesperson's
// cities, a brand's categories), typed as codes or names separated by 、 , ; or |.
// 'brand' is our own brands (brand.is_own = 1); 'competitor' is competitor brands
// (is_own = 0), whose categoryIds say which categories each competes in
// (brand_category).
// Labels: masterData.entity.<entity>, masterData.field.<entity>.<field>,
// masterData.value.<entity>.<field>.<value> for enum values.

export const ENTITY_NAMES = [
  'province', 'city', 'county', 'channel', 'brand', 'category', 'competitor', 'sku', 'salesperson', 'customer', 'terminal',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export const FIELD_TYPES = ['code', 'text', 'int', 'money', 'date', 'bool', 'enum', 'ref', 'refList', 'computed'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type CellValue = string | number | boolean | null | number[];

export interface MasterRow {
  id: number;
  [field: string]: CellValue;
}

export interface FieldSpec {
  key: string;
  type: FieldType;
  /** Must not be empty (a new row must give it; an edit cannot clear it). */
  required?: boolean;
  /** enum: the stored values. */
  values?: readonly string[];
  /** ref, refList: the entity referred to. */
  ref?: EntityName;
  /** text and code: maximum length; int and money: maximum (money in cents). */
  max?: number;
  /** int and money: minimum (money in cents). */
  min?: number;
  /** Unique in the file (codes). */
  unique?: boolean;
  /** The value a new row gets when the field is not given. */
  default?: CellValue;
  /** computed: how the value is shown ('money' in cents, 'enum' with `values`, 'text'). */
  shows?: 'money' | 'enum' | 'text';
}

export interface EntitySpec {
  /** The table the rows live in ('brand' and 'competitor' share the brand table). */
  table: string;
  fields: readonly FieldSpec[];
  codeField?: string;
  labelField: string;
}

const CODE_MAX = 32;
const NAME_MAX = 100;
const TEXT_MAX = 200;
const PHONE_MAX = 40;
const MONEY_MAX = 1e15; // cents: 10 万億元, far beyond any customer
const SORT_MAX = 1_000_000;

const code: FieldSpec = { key: 'code', type: 'code', required: true, unique: true, max: CODE_MAX };
const name: FieldSpec = { key: 'name', type: 'text', required: true, max: NAME_MAX };
const sortOrder: FieldSpec = { key: 'sortOrder', type: 'int', min: 0, max: SORT_MAX, default: 0 };
const text = (key: string, max = TEXT_MAX): FieldSpec => ({ key, type: 'text', max, default: '' });

export const ENTITIES: Readonly<Record<EntityName, EntitySpec>> = {
  province: { table: 'province', codeField: 'code', labelField: 'name', fields: [code, name, sortOrder] },
  city: {
    table: 'city',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, { key: 'provinceId', type: 'ref', ref: 'province', required: true }, sortOrder],
  },
  county: {
    table: 'county',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, { key: 'cityId', type: 'ref', ref: 'city', required: true }],
  },
  channel: {
    table: 'channel',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, sortOrder, { key: 'active', type: 'bool', default: true }],
  },
  brand: {
    table: 'brand',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, text('manufacturer', NAME_MAX), { key: 'categoryIds', type: 'refList', ref: 'category', default: [] }, sortOrder],
  },
  category: {
    table: 'category',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, { key: 'seasonality', type: 'enum', values: ['flat', 'summer', 'festival'], required: true, default: 'flat' }, sortOrder],
  },
  competitor: {
    table: 'brand',
    codeField: 'code',
    labelField: 'name',
    fields: [code, name, text('manufacturer', NAME_MAX), { key: 'categoryIds', type: 'refList', ref: 'category', default: [] }, sortOrder],
  },
  sku: {
    table: 'sku',
    codeField: 'code',
    labelField: 'name',
    fields: [
      code,
      name,
      { key: 'brandId', type: 'ref', ref: 'brand', required: true },
      { key: 'categoryId', type: 'ref', ref: 'category', required: true },
      text('spec', NAME_MAX),
      // Pack size, list price and cost may be left empty (unknown): a transaction file
      // names SKUs without them. An empty cost marks the SKU 待補成本 and keeps it out of margins.
      { key: 'packSize', type: 'int', min: 1, max: 100_000 },
      { key: 'unit', type: 'text', max: 20, default: 'case' },
      { key: 'listPriceCents', type: 'money', min: 0, max: MONEY_MAX },
      { key: 'stdCostCents', type: 'money', min: 0, max: MONEY_MAX },
      { key: 'launchDate', type: 'date' },
      { key: 'isNew', type: 'bool', default: false },
      { key: 'status', type: 'enum', values: ['active', 'discontinued'], required: true, default: 'active' },
    ],
  },
  salesperson: {
    table: 'salesperson',
    codeField: 'code',
    labelField: 'name',
    fields: [
      code,
      name,
      { key: 'role', type: 'enum', values: ['manager', 'account_manager', 'sales_rep'], required: true, default: 'sales_rep' },
      { key: 'managerId', type: 'ref', ref: 'salesperson' },
      { key: 'startDate', type: 'date', required: true },
      { key: 'endDate', type: 'date' },
      text('phone', PHONE_MAX),
      { key: 'cityIds', type: 'refList', ref: 'city', default: [] },
    ],
  },
  customer: {
    table: 'customer',
    codeField: 'code',
    labelField: 'name',
    fields: [
      code,
      name,
      { key: 'cityId', type: 'ref', ref: 'city', required: true },
      { key: 'countyId', type: 'ref', ref: 'county' },
      { key: 'channelId', type: 'ref', ref: 'channel', required: true },
      { key: 'channelIds', type: 'refList', ref: 'channel', default: [] },
      { key: 'tier', type: 'enum', values: ['distributor', 'sub_distributor', 'key_account'], required: true, default: 'distributor' },
      { key: 'parentId', type: 'ref', ref: 'customer' },
      { key: 'abcOverride', type: 'enum', values: ['A', 'B', 'C'] },
      { key: 'ownerId', type: 'ref', ref: 'salesperson' },
      { key: 'status', type: 'enum', values: ['active', 'prospect', 'terminated'], required: true, default: 'active' },
      { key: 'creditLimitCents', type: 'money', min: 0, max: MONEY_MAX, default: 0 },
      { key: 'receivableCents', type: 'money', min: -MONEY_MAX, max: MONEY_MAX, default: 0 },
      { key: 'contractStart', type: 'date' },
      { key: 'contractEnd', type: 'date' },
      text('contact', NAME_MAX),
      text('phone', PHONE_MAX),
      { key: 'abcComputed', type: 'computed', shows: 'enum', values: ['A', 'B', 'C'] },
      { key: 'abcClass', type: 'computed', shows: 'enum', values: ['A', 'B', 'C'] },
      { key: 'abcSource', type: 'computed', shows: 'enum', values: ['manual', 'computed'] },
      { key: 'sales12mCents', type: 'computed', shows: 'money' },
    ],
  },
  terminal: {
    table: 'terminal',
    codeField: 'code',
    labelField: 'name',
    fields: [
      code,
      name,
      { key: 'cityId', type: 'ref', ref: 'city', required: true },
      { key: 'countyId', type: 'ref', ref: 'county' },
      { key: 'channelId', type: 'ref', ref: 'channel', required: true },
      text('storeType', NAME_MAX),
      { key: 'customerId', type: 'ref', ref: 'customer' },
      { key: 'ownerId', type: 'ref', ref: 'salesperson' },
      text('address'),
      { key: 'status', type: 'enum', values: ['active', 'prospect', 'closed'], required: true, default: 'active' },
    ],
  },
};

export function isEntityName(value: unknown): value is EntityName {
  return typeof value === 'string' && (ENTITY_NAMES as readonly string[]).includes(value);
}

const fieldIndex = new Map<EntityName, Map<string, FieldSpec>>(
  ENTITY_NAMES.map((e) => [e, new Map(ENTITIES[e].fields.map((f) => [f.key, f]))]),
);

/** The field's spec, or undefined when the entity has no such field. */
export function fieldSpec(entity: EntityName, field: string): FieldSpec | undefined {
  return fieldIndex.get(entity)?.get(field);
}

/** Fields the user can write (everything but computed ones). */
export function editableFields(entity: EntityName): readonly FieldSpec[] {
  return ENTITIES[entity].fields.filter((f) => f.type !== 'computed');
}

/** The entities a ref or refList field of `entity` points at. */
export function referencedEntities(entity: EntityName): EntityName[] {
  const out = new Set<EntityName>();
  for (const f of ENTITIES[entity].fields) if (f.ref) out.add(f.ref);
  return [...out];
}

/** The value of an empty cell: '' for text, false for bool, [] for lists, else null. */
export function emptyValue(spec: FieldSpec): CellValue {
  switch (spec.type) {
    case 'text':
      return '';
    case 'bool':
      return false;
    case 'refList':
      return [];
    default:
      return null;
  }
}

// ---- references ---------------------------------------------------------------

export interface RefItem {
  id: number;
  code: string;
  name: string;
  /** city: its province; county: its city; customer: its parent distributor. */
  parentId?: number | null;
}

export interface RefLookup {
  byId: Map<number, RefItem>;
  /** Normalized code → id (codes are unique regardless of case). */
  byCode: Map<string, number>;
  /** Normalized name → ids (names may repeat). */
  byName: Map<string, number[]>;
  /** Provinces and cities: place-name key (geoKey) → ids, built when first needed. */
  byGeoKey?: Map<string, number[]>;
}

export interface ParseContext {
  refs: Partial<Record<EntityName, RefLookup>>;
}

/** Full-width letters, digits and punctuation to ASCII; trimmed. */
export function normalizeToken(text: string): string {
  return text.normalize('NFKC').trim();
}

/** The form codes are compared in: NFKC, trimmed, lower case. */
export function codeKey(text: string): string {
  return normalizeToken(text).toLowerCase();
}

export function buildRefLookup(items: readonly RefItem[]): RefLookup {
  const lookup: RefLookup = { byId: new Map(), byCode: new Map(), byName: new Map() };
  for (const item of items) addRefItem(lookup, item);
  return lookup;
}

export function addRefItem(lookup: RefLookup, item: RefItem): void {
  lookup.byId.set(item.id, item);
  lookup.byGeoKey = undefined;
  lookup.byCode.set(codeKey(item.code), item.id);
  const n = codeKey(item.name);
  const ids = lookup.byName.get(n);
  if (ids) {
    if (!ids.includes(item.id)) ids.push(item.id);
  } else lookup.byName.set(n, [item.id]);
}

export function buildParseContext(refs: Partial<Record<EntityName, readonly RefItem[]>>): ParseContext {
  const ctx: ParseContext = { refs: {} };
  for (const e of ENTITY_NAMES) {
    const items = refs[e];
    if (items) ctx.refs[e] = buildRefLookup(items);
  }
  return ctx;
}

// ---- parsing ------------------------------------------------------------------

export type ParseParams = Record<string, string | number>;
export type ParseResult = { ok: true; value: CellValue } | { ok: false; reason: string; params?: ParseParams };

const fail = (reason: string, params?: ParseParams): ParseResult =>
  params ? { ok: false, reason: `masterData.invalid.${reason}`, params } : { ok: false, reason: `masterData.invalid.${reason}` };
const ok = (value: CellValue): ParseResult => ({ ok: true, value });

/** A decimal number as typed: full-width digits, thousands separators, ¥ and 元, (1,234) for negatives. */
function decimalParts(text: string, stripYuan: boolean): { negative: boolean; int: string; frac: string } | null {
  let s = normalizeToken(text).replace(/[\s,_']/g, '');
  if (stripYuan) s = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (stripYuan) s = s.replace(/^[¥￥]/, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  return { negative, int: m[1] || '0', frac: m[2] ?? '' };
}

function checkRange(spec: FieldSpec, n: number, asMoney: boolean): ParseResult {
  const show = (v: number) => (asMoney ? v / 100 : v);
  if (!Number.isSafeInteger(n)) return fail('notNumber', { value: String(show(n)) });
  if (spec.min !== undefined && n < spec.min) return fail('belowMin', { min: show(spec.min) });
  if (spec.max !== undefined && n > spec.max) return fail('aboveMax', { max: show(spec.max) });
  return ok(n);
}

function parseInteger(spec: FieldSpec, text: string): ParseResult {
  const p = decimalParts(text, false);
  if (!p) return fail('notNumber', { value: text.trim() });
  if (/[^0]/.test(p.frac)) return fail('notInteger', { value: text.trim() });
  const n = Number(p.int) * (p.negative ? -1 : 1);
  return checkRange(spec, n === 0 ? 0 : n, false);
}

function parseMoney(spec: FieldSpec, text: string): ParseResult {
  const p = decimalParts(text, true);
  if (!p) return fail('notNumber', { value: text.trim() });
  const frac = p.frac.replace(/0+$/, '');
  if (frac.length > 2) return fail('moneyPrecision');
  const cents = Number(p.int) * 100 + Number(frac.padEnd(2, '0'));
  const n = p.negative ? -cents : cents;
  return checkRange(spec, n === 0 ? 0 : n, true);
}

/** Money typed as text (元, as in the grids) → cents, outside the entity specs (e.g. an imported target). */
export function parseMoneyText(text: string, min = 0): ParseResult {
  return parseMoney({ min } as FieldSpec, text);
}

/** A whole number typed as text, outside the entity specs. */
export function parseIntegerText(text: string, min = 0): ParseResult {
  return parseInteger({ min } as FieldSpec, text);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO dates and the forms spreadsheets show: 2027-3-1, 2027/03/01, 2027.3.1, 2027年3月1日, 20270301, Excel day numbers. */
export function parseDate(text: string): string | null {
  const s = normalizeToken(text);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (m) {
    const t = new Date(EXCEL_EPOCH_MS + Number(m[1]) * DAY_MS);
    return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  return null;
}

const catalogs = [masterDataZhHant, masterDataZhHans, masterDataEn];
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'on', '是', '√', '✓', '✔', 'x', ...catalogs.map((c) => c.value.bool.true.toLowerCase())]);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'off', '否', '×', '✗', '-', ...catalogs.map((c) => c.value.bool.false.toLowerCase())]);

/** Enum labels in every language, for values typed as the screen shows them. */
function enumLabels(entity: EntityName, field: string, value: string): string[] {
  const out: string[] = [];
  for (const c of catalogs) {
    const byEntity = (c.value as unknown as Record<string, Record<string, Record<string, string>> | undefined>)[entity];
    const label = byEntity?.[field]?.[value];
    if (label) out.push(label.toLowerCase());
  }
  return out;
}

const enumIndex = new Map<string, Map<string, string>>();
function enumLookup(entity: EntityName, spec: FieldSpec): Map<string, string> {
  const key = `${entity}.${spec.key}`;
  let map = enumIndex.get(key);
  if (!map) {
    map = new Map();
    for (const v of spec.values ?? []) {
      map.set(v.toLowerCase(), v);
      for (const label of enumLabels(entity, spec.key, v)) if (!map.has(label)) map.set(label, v);
    }
    enumIndex.set(key, map);
  }
  return map;
}

function resolveRef(spec: FieldSpec, token: string, ctx: ParseContext): ParseResult {
  const lookup = spec.ref ? ctx.refs[spec.ref] : undefined;
  const value = token.trim();
  if (!lookup) return fail('unknownRef', { value });
  const key = codeKey(value);
  const byCode = lookup.byCode.get(key);
  if (byCode !== undefined) return ok(byCode);
  const byName = lookup.byName.get(key);
  if (byName && byName.length === 1) return ok(byName[0]);
  if (byName && byName.length > 1) return fail('ambiguousRef', { value });
  if (spec.ref === 'province' || spec.ref === 'city') {
    // Place names as users write them: 苏州 names a city the file calls 蘇州市.
    const byGeo = geoKeyIndex(lookup).get(geoKey(value));
    if (byGeo && byGeo.length === 1) return ok(byGeo[0]);
    if (byGeo && byGeo.length > 1) return fail('ambiguousRef', { value });
  }
  return fail('unknownRef', { value });
}

function geoKeyIndex(lookup: RefLookup): Map<string, number[]> {
  if (lookup.byGeoKey) return lookup.byGeoKey;
  const index = new Map<string, number[]>();
  for (const item of lookup.byId.values()) {
    const k = geoKey(item.name);
    const ids = index.get(k);
    if (ids) ids.push(item.id);
    else index.set(k, [item.id]);
  }
  lookup.byGeoKey = index;
  return index;
}

const LIST_SEPARATORS = /[,，;；、|\n]+/;

/** The references a ref cell (one) or a refList cell (several) names. */
export function refTokens(spec: FieldSpec, text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return spec.type === 'refList' ? trimmed.split(LIST_SEPARATORS).map((t) => t.trim()).filter((t) => t !== '') : [trimmed];
}

/** Whether a typed reference names an item of the lookup (by code, or by a name only one item has). */
export function refState(lookup: RefLookup, token: string): 'found' | 'ambiguous' | 'missing' {
  const key = codeKey(token);
  if (lookup.byCode.has(key)) return 'found';
  const byName = lookup.byName.get(key);
  if (!byName || byName.length === 0) return 'missing';
  return byName.length === 1 ? 'found' : 'ambiguous';
}

/**
 * Parses what the user typed or pasted into one cell. Empty text means "no value":
 * refused for required fields, else '' (text), false (bool), [] (lists) or null.
 */
export function parseCell(entity: EntityName, field: string, text: string, ctx: ParseContext): ParseResult {
  const spec = fieldSpec(entity, field);
  if (!spec) return fail('unknownField', { field });
  if (spec.type === 'computed') return fail('readOnly');
  const trimmed = text.trim();
  if (trimmed === '' && spec.type !== 'bool') return spec.required ? fail('required') : ok(emptyValue(spec));
  switch (spec.type) {
    case 'code': {
      const c = normalizeToken(text);
      if (/\s/.test(c)) return fail('codeSpaces');
      if (c.length > (spec.max ?? CODE_MAX)) return fail('tooLong', { max: spec.max ?? CODE_MAX });
      return ok(c);
    }
    case 'text':
      if (trimmed.length > (spec.max ?? TEXT_MAX)) return fail('tooLong', { max: spec.max ?? TEXT_MAX });
      return ok(trimmed);
    case 'int':
      return parseInteger(spec, text);
    case 'money':
      return parseMoney(spec, text);
    case 'date': {
      const d = parseDate(text);
      return d === null ? fail('badDate', { value: trimmed }) : ok(d);
    }
    case 'bool': {
      const b = normalizeToken(text).toLowerCase();
      if (b === '') return ok(false);
      if (TRUE_WORDS.has(b)) return ok(true);
      if (FALSE_WORDS.has(b)) return ok(false);
      return fail('badBool', { value: trimmed });
    }
    case 'enum': {
      const v = enumLookup(entity, spec).get(normalizeToken(text).toLowerCase());
      return v === undefined ? fail('badEnum', { value: trimmed }) : ok(v);
    }
    case 'ref':
      return resolveRef(spec, text, ctx);
    case 'refList': {
      const ids: number[] = [];
      for (const token of trimmed.split(LIST_SEPARATORS)) {
        if (token.trim() === '') continue;
        const r = resolveRef(spec, token, ctx);
        if (!r.ok) return r;
        const id = r.value as number;
        if (!ids.includes(id)) ids.push(id);
      }
      return ok(ids);
    }
    default: {
      const unreachable: never = spec.type;
      return unreachable;
    }
  }
}

/**
 * Checks a value that is already typed (what the grid sends after parseCell): a
 * string for a non-text field is parsed as typed text, numbers and ids are checked
 * against the field's range and the references in `ctx`.
 */
export function checkValue(entity: EntityName, field: string, value: CellValue, ctx: ParseContext): ParseResult {
  const spec = fieldSpec(entity, field);
  if (!spec) return fail('unknownField', { field });
  if (spec.type === 'computed') return fail('readOnly');
  if (typeof value === 'string') return parseCell(entity, field, value, ctx);
  if (value === null || (Array.isArray(value) && value.length === 0 && spec.type !== 'refList')) {
    return spec.required ? fail('required') : ok(emptyValue(spec));
  }
  switch (spec.type) {
    case 'int':
    case 'money':
      if (typeof value !== 'number') return fail('notNumber', { value: String(value) });
      if (!Number.isInteger(value)) return fail(spec.type === 'money' ? 'moneyPrecision' : 'notInteger', { value });
      return checkRange(spec, value, spec.type === 'money');
    case 'bool':
      if (typeof value === 'boolean') return ok(value);
      if (value === 0 || value === 1) return ok(value === 1);
      return fail('badBool', { value: String(value) });
    case 'ref': {
      if (typeof value !== 'number') return fail('unknownRef', { value: String(value) });
      const lookup = spec.ref ? ctx.refs[spec.ref] : undefined;
      return lookup?.byId.has(value) ? ok(value) : fail('unknownRef', { value: `#${value}` });
    }
    case 'refList': {
      if (!Array.isArray(value)) return fail('unknownRef', { value: String(value) });
      const lookup = spec.ref ? ctx.refs[spec.ref] : undefined;
      const ids: number[] = [];
      for (const id of value) {
        if (!lookup?.byId.has(id)) return fail('unknownRef', { value: `#${id}` });
        if (!ids.includes(id)) ids.push(id);
      }
      return ok(ids);
    }
    default:
      // code, text, date, enum come as strings (handled above); anything else is the wrong type.
      return parseCell(entity, field, String(value), ctx);
  }
}

// ---- messages -----------------------------------------------------------------

/**
 * The English text of a masterData message key (for logs, the CLI and the
 * `message` of an InputIssue); the renderer translates the key itself.
 */
export function englishMessage(key: string, params: ParseParams = {}): string {
  const path = key.replace(/^masterData\./, '').split('.');
  let node: unknown = masterDataEn;
  for (const p of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  const template = typeof node === 'string' ? node : key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

/** A problem with one cell of a batch: path "rows.<index>.<field>", a message key and its params. */
export interface MasterIssue {
  path: string;
  /** English text (logs, CLI). */
  message: string;
  /** The message key for the renderer, e.g. "masterData.invalid.required". */
  key: string;
  params?: ParseParams;
}

export function issue(path: string, key: string, params?: ParseParams): MasterIssue {
  return params ? { path, message: englishMessage(key, params), key, params } : { path, message: englishMessage(key), key };
}
