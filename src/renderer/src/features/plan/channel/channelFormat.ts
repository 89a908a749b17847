import type { TFunction } from 'i18next';
import { type ChannelPlan } from '../../../../../shared/endpoints/planChannel';
import { formatPeriod, parsePlanMonth } from '../../../../../shared/units';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { unitLabel, type DisplayUnit, type Language } from '../../../../../shared/units';
import type { GridColumn, GridRow, ParseResult } from '../../../grid';
import { tKey } from '../../masterData/columns';
import { money, parseMoney, yuanText } from '../../team/teamFormat';

// The channel plan's grid columns that its three tables share: months of the plan year,
// money typed in 元 and shown in the user's unit, references typed by name or code, and
// the choices of a closed list shown in the UI's language.

export interface ColumnEnv {
  t: TFunction;
  unit: DisplayUnit;
  language: Language;
  plan: ChannelPlan | undefined;
  editable: boolean;
}

export function monthColumn<R extends GridRow>(env: ColumnEnv, field: string, header: string, width = 100, required = false): GridColumn<R> {
  const year = env.plan?.planYear ?? new Date().getFullYear() + 1;
  return {
    field,
    header,
    kind: 'text',
    editable: env.editable,
    required,
    width,
    format: (v) => (typeof v === 'number' ? formatPeriod(v) : ''),
    parse: (text): ParseResult => {
      if (text.trim() === '') return required ? { ok: false, reason: env.t('planChannel.parse.required') } : { ok: true, value: null };
      const p = parsePlanMonth(text, year);
      return p === null ? { ok: false, reason: env.t('planChannel.parse.month', { year }) } : { ok: true, value: p };
    },
  };
}

/** A header that names the unit its amounts are shown in. */
export function withUnit(env: ColumnEnv, header: string): string {
  const unitText = unitLabel(env.unit, env.language);
  return env.language === 'en' ? `${header} (${unitText})` : `${header}（${unitText}）`;
}

export function moneyColumn<R extends GridRow>(env: ColumnEnv, field: string, header: string, editable: boolean | ((row: R) => boolean), width = 136): GridColumn<R> {
  // Shown in the user's unit (named in the header), typed and copied in 元 as in every grid.
  return {
    field,
    header: withUnit(env, header),
    kind: 'money',
    editable,
    width,
    total: true,
    format: (v) => (typeof v === 'number' ? money(v, env.unit, env.language) : ''),
    text: (v) => (typeof v === 'number' ? yuanText(v) : ''),
    parse: (text) => (text.trim() === '' ? { ok: true, value: 0 } : parseMoney(env.t, text, 'yuan', env.language)),
  };
}

/** A column over a closed list of codes, shown and typed by their labels under `prefix`. */
export function choiceColumn<R extends GridRow>(
  env: ColumnEnv,
  field: string,
  header: string,
  codes: readonly string[],
  prefix: string,
  options: { width?: number; editable?: boolean | ((row: R) => boolean); nullable?: boolean; cellClass?: (v: unknown) => string | undefined } = {},
): GridColumn<R> {
  const label = (v: unknown) => (typeof v === 'string' ? tKey(env.t, `${prefix}.${v}`) : '');
  return {
    field,
    header,
    kind: 'text',
    editable: options.editable ?? env.editable,
    required: !options.nullable,
    width: options.width ?? 110,
    format: label,
    text: label,
    parse: (text) => {
      const s = text.trim();
      if (s === '' && options.nullable) return { ok: true, value: null };
      const hit = codes.find((c) => c === s || label(c) === s || label(c).toLowerCase() === s.toLowerCase());
      return hit ? { ok: true, value: hit } : { ok: false, reason: env.t('planChannel.parse.unknown', { text: s }) };
    },
    cellClass: options.cellClass,
  };
}

/** A reference to a salesperson or a customer, typed by name (or a customer's code). */
export function refColumn<R extends GridRow>(env: ColumnEnv, field: string, header: string, table: 'salespeople' | 'customers', width = 110): GridColumn<R> {
  const list = table === 'salespeople' ? (env.plan?.refs.salespeople ?? []) : (env.plan?.refs.customers ?? []);
  const names = new Map(list.map((r) => [r.id, r.name]));
  return {
    field,
    header,
    kind: 'text',
    editable: env.editable,
    width,
    format: (v) => (typeof v === 'number' ? (names.get(v) ?? `#${v}`) : ''),
    parse: (text) => {
      const s = text.trim();
      if (s === '') return { ok: true, value: null };
      const hit = list.find((r) => r.name === s || ('code' in r && r.code === s)) ?? list.find((r) => r.name.toLowerCase() === s.toLowerCase());
      return hit ? { ok: true, value: hit.id } : { ok: false, reason: env.t('planChannel.parse.unknown', { text: s }) };
    },
  };
}

export function textColumn<R extends GridRow>(field: string, header: string, width: number, editable = false): GridColumn<R> {
  return { field, header, kind: 'text', editable, width };
}

/** A place name of the national list in the UI's language. */
export const placeName = (name: string, level: 'province' | 'city', language: Language) => (name ? geoDisplayName(name, level, language) : '');
