import type { TFunction } from 'i18next';
import {
  ENTITIES,
  parseCell,
  type EntityName,
  type FieldSpec,
  type MasterRow,
  type ParseContext,
  type RefItem,
} from '../../../../shared/masterData';
import { geoDisplayName } from '../../../../shared/geoNames';
import { formatAmount, formatInteger, intlLocale, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import type { ColumnKind, GridColumn, ParseResult } from '../../grid';

// Grid columns from an entity's field specs: how each value shows (names for refs,
// localized enum values, money in the chosen unit, dates in the locale), the text an
// edit starts from and a copy carries (money in 元, unformatted), and the shared
// parseCell for what is typed or pasted. Plain functions: they run on every paint.

/** A message key built at run time (field labels, enum values, the core's issue keys). */
export function tKey(t: TFunction, key: string, params?: Record<string, unknown>): string {
  return (t as unknown as (k: string, p?: Record<string, unknown>) => string)(key, params);
}

export interface ColumnEnv {
  t: TFunction;
  language: Language;
  unit: DisplayUnit;
  refs: Partial<Record<EntityName, readonly RefItem[]>>;
  ctx: ParseContext;
}

/** Fields not shown as their own column (shown inside another, or internal). */
const HIDDEN: Partial<Record<EntityName, readonly string[]>> = {
  customer: ['abcComputed', 'abcClass', 'abcSource'],
};

/** Shown only when the user asks for them with the column chooser. */
const HIDDEN_BY_DEFAULT: Partial<Record<EntityName, readonly string[]>> = {
  customer: ['contractStart', 'contractEnd', 'contact', 'phone', 'countyId', 'channelIds'],
  terminal: ['address', 'countyId'],
  sku: ['spec', 'unit'],
  salesperson: ['phone'],
  province: ['sortOrder'],
  city: ['sortOrder'],
  channel: ['sortOrder'],
  brand: ['sortOrder'],
  competitor: ['sortOrder'],
  category: ['sortOrder'],
};

/** Unit prices stay in 元 with cents, whatever the unit for totals. */
const UNIT_PRICE: Partial<Record<EntityName, readonly string[]>> = { sku: ['listPriceCents', 'stdCostCents'] };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDate(iso: string, language: Language): string {
  let f = dateFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(language), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    dateFormats.set(language, f);
  }
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

function centsToYuanText(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${negative ? '-' : ''}${whole}${frac ? `.${String(frac).padStart(2, '0')}` : ''}`;
}

export function fieldLabel(t: TFunction, entity: EntityName, field: string): string {
  return tKey(t, `masterData.field.${entity}.${field}`);
}

export function enumText(t: TFunction, entity: EntityName, field: string, value: string): string {
  const key = `masterData.value.${entity}.${field}.${value}`;
  const text = tKey(t, key);
  return text === key ? value : text;
}

/** A referenced item's name; provinces and cities of the national list in the UI language. */
function refLabel(env: ColumnEnv, ref: EntityName | undefined, language: Language): (id: number) => string {
  const names = refNames(env, ref);
  const level = ref === 'province' || ref === 'city' ? ref : null;
  return (id) => {
    const name = names.get(id)?.name;
    if (name === undefined) return `#${id}`;
    return level ? geoDisplayName(name, level, language) : name;
  };
}

function refNames(env: ColumnEnv, ref: EntityName | undefined): Map<number, RefItem> {
  const map = new Map<number, RefItem>();
  for (const item of (ref && env.refs[ref]) || []) map.set(item.id, item);
  return map;
}

function kindOf(spec: FieldSpec, asUnitPrice: boolean): ColumnKind {
  switch (spec.type) {
    case 'int':
      return 'number';
    case 'money':
      return asUnitPrice ? 'number' : 'money';
    case 'date':
      return 'date';
    case 'bool':
      return 'bool';
    case 'computed':
      return spec.shows === 'money' ? 'money' : 'text';
    default:
      return 'text';
  }
}

export function parserFor(env: ColumnEnv, entity: EntityName, field: string): (text: string) => ParseResult {
  return (text: string) => {
    const r = parseCell(entity, field, text, env.ctx);
    return r.ok ? { ok: true, value: r.value } : { ok: false, reason: tKey(env.t, r.reason, r.params ?? {}) };
  };
}

export function buildColumns(entity: EntityName, env: ColumnEnv): GridColumn<MasterRow>[] {
  const { t, language, unit } = env;
  const spec = ENTITIES[entity];
  const hidden = new Set(HIDDEN[entity] ?? []);
  const hiddenByDefault = new Set(HIDDEN_BY_DEFAULT[entity] ?? []);
  const unitPrices = new Set(UNIT_PRICE[entity] ?? []);
  const unitText = unitLabel(unit, language);
  const cols: GridColumn<MasterRow>[] = [];

  for (const f of spec.fields) {
    if (hidden.has(f.key)) continue;
    const asUnitPrice = unitPrices.has(f.key);
    const kind = kindOf(f, asUnitPrice);
    const label = fieldLabel(t, entity, f.key);
    const showsMoney = f.type === 'money' || (f.type === 'computed' && f.shows === 'money');
    const col: GridColumn<MasterRow> = {
      field: f.key,
      header: showsMoney && !asUnitPrice ? `${label}（${unitText}）` : label,
      kind,
      editable: f.type !== 'computed',
      required: f.required,
      hiddenByDefault: hiddenByDefault.has(f.key),
      pinned: f.key === spec.codeField || f.key === spec.labelField,
      width: f.key === spec.labelField ? 200 : f.key === spec.codeField ? 110 : undefined,
      total: showsMoney && !asUnitPrice,
      parse: f.type === 'computed' ? undefined : parserFor(env, entity, f.key),
    };
    if (showsMoney) {
      col.format = asUnitPrice
        ? (v) => (typeof v === 'number' ? formatAmount(v, 'yuan', language, { decimals: 2 }) : '')
        : (v) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
      col.text = (v) => (typeof v === 'number' ? centsToYuanText(v) : '');
      if (entity === 'sku' && f.key === 'stdCostCents') {
        // A SKU whose cost is not known yet says so where the cost would be.
        const missing = t('grid.md.costMissing');
        col.format = (v) => (typeof v === 'number' ? formatAmount(v, 'yuan', language, { decimals: 2 }) : missing);
        col.cellClass = (v) => (typeof v === 'number' ? '' : 'md-cost-missing');
      }
    } else if (f.type === 'int') {
      col.format = (v) => (typeof v === 'number' ? formatInteger(v, language) : '');
      col.text = (v) => (typeof v === 'number' ? String(v) : '');
    } else if (f.type === 'date') {
      col.format = (v) => (typeof v === 'string' && v ? formatDate(v, language) : '');
      col.text = (v) => (typeof v === 'string' ? v : '');
    } else if (f.type === 'bool') {
      const yes = tKey(t, 'masterData.value.bool.true');
      const no = tKey(t, 'masterData.value.bool.false');
      col.format = (v) => (v === true || v === 1 ? yes : no);
    } else if (f.type === 'enum' || (f.type === 'computed' && f.shows === 'enum')) {
      const labels = new Map((f.values ?? []).map((v) => [v, enumText(t, entity, f.key, v)]));
      col.format = (v) => (typeof v === 'string' ? (labels.get(v) ?? v) : '');
    } else if (f.type === 'ref') {
      const label = refLabel(env, f.ref, language);
      col.format = (v) => (typeof v === 'number' ? label(v) : '');
    } else if (f.type === 'refList') {
      const label = refLabel(env, f.ref, language);
      col.format = (v) => (Array.isArray(v) ? v.map(label).join('、') : '');
    }
    cols.push(col);
  }

  if (entity === 'customer') {
    // One A/B/C column: the class in force and whether the manager set it; editing it
    // sets (or, when emptied, removes) the manual override.
    const idx = cols.findIndex((c) => c.field === 'abcOverride');
    if (idx >= 0) {
      const manual = t('grid.md.abc.manual');
      const computed = t('grid.md.abc.computed');
      cols[idx] = {
        ...cols[idx],
        header: 'ABC',
        width: 100,
        format: (_v, row) => {
          const cls = row.abcClass;
          if (typeof cls !== 'string' || !cls) return '';
          return `${cls} · ${row.abcSource === 'manual' ? manual : computed}`;
        },
        text: (v) => (typeof v === 'string' ? v : ''),
        cellClass: (_v, row) => (row.abcSource === 'manual' ? 'md-abc md-abc--manual' : 'md-abc'),
      };
    }
  }
  return cols;
}

/**
 * Values for a new row: the spec's defaults, and for required fields without one a
 * placeholder that is valid at once (a fresh code, a name, the first referenced item),
 * which the user then edits. Null when a required reference has nothing to point at.
 */
export function newRowValues(entity: EntityName, rows: readonly MasterRow[], env: ColumnEnv): { values: Record<string, unknown> } | { missing: EntityName } {
  const spec = ENTITIES[entity];
  const values: Record<string, unknown> = {};
  const codes = new Set(rows.map((r) => String(r[spec.codeField ?? 'code'] ?? '').toLowerCase()));
  for (const f of spec.fields) {
    if (f.type === 'computed') continue;
    if (f.default !== undefined) {
      values[f.key] = f.default;
      continue;
    }
    if (!f.required) continue;
    switch (f.type) {
      case 'code': {
        const prefix = entity.slice(0, 3).toUpperCase();
        let n = rows.length + 1;
        while (codes.has(`${prefix}${String(n).padStart(4, '0')}`.toLowerCase())) n += 1;
        values[f.key] = `${prefix}${String(n).padStart(4, '0')}`;
        break;
      }
      case 'text':
        values[f.key] = `${tKey(env.t, `masterData.entity.${entity}`)} ${rows.length + 1}`;
        break;
      case 'ref': {
        const first = f.ref ? env.refs[f.ref]?.[0] : undefined;
        if (!first || !f.ref) return { missing: f.ref ?? entity };
        values[f.key] = first.id;
        break;
      }
      case 'int':
      case 'money':
        values[f.key] = Math.max(0, f.min ?? 0);
        break;
      case 'date':
        values[f.key] = new Date().toISOString().slice(0, 10);
        break;
      case 'enum':
        values[f.key] = f.values?.[0] ?? null;
        break;
      default:
        break;
    }
  }
  return { values };
}
