import type { AmountUnit } from '../../../../shared/actuals';
import {
  parseImportDate,
  parseImportInteger,
  parseImportPeriod,
  readImportMoney,
  type DateOptions,
  type ExactDecimal,
  type MoneyRounding,
  type ValueResult,
} from '../../../../shared/importValues';
import type { ActualField } from './fields';

// One cell of an actuals import, parsed for its field: exact money in cents (amounts
// scaled by the chosen unit, prices always in 元; more decimals than 分 rounded half
// away from zero, the change returned for the import's reconciliation), whole numbers,
// yyyymm periods, ISO days, yes/no, text. A failure is a message key and its
// parameters for the preview.

export type Parsed = string | number | boolean | null | undefined;

export type FieldResult =
  | { ok: true; value: Parsed; /** Money rounded to 分: rounded minus written, in 元. */ change?: ExactDecimal }
  | { ok: false; message: string; params?: Record<string, string | number> };

export interface ValueOptions {
  dates: DateOptions;
  unit: AmountUnit;
  rounding: MoneyRounding;
}

/** Per-unit prices are in 元 whatever unit the amounts are in. */
const PRICE_FIELDS = new Set(['shelfPrice', 'purchasePrice', 'retailPrice']);
/** Counts that cannot be negative (sales volume can: returns). */
const NON_NEGATIVE = new Set(['skusOnShelf', 'facings', 'stockVolume', 'inventoryVolume']);
export const MAX_TEXT = 2000;

const TRUE = new Set(['是', '有', 'y', 'yes', 'true', '1', '✓', '✔', '√', 'v', '對', '对']);
const FALSE = new Set(['否', '無', '无', '沒有', '没有', 'n', 'no', 'false', '0', '×', 'x', '-']);

const failed = (r: Extract<ValueResult<unknown>, { ok: false }>): FieldResult => ({ ok: false, message: `importWizard.value.${r.reason}`, params: r.params });

const MIN_PERIOD = 200001;
const MAX_PERIOD = 210012;

export function parseField(field: ActualField, text: string, { dates, unit, rounding }: ValueOptions): FieldResult {
  if (text === '') {
    return field.required ? { ok: false, message: 'importWizard.value.empty', params: { value: '' } } : { ok: true, value: null };
  }
  switch (field.type) {
    case 'period': {
      const r = parseImportPeriod(text, dates);
      if (!r.ok) return failed(r);
      if (r.value < MIN_PERIOD || r.value > MAX_PERIOD) return { ok: false, message: 'importWizard.value.notPeriod', params: { value: text, order: dates.order } };
      return r;
    }
    case 'date': {
      const r = parseImportDate(text, dates);
      if (!r.ok) return failed(r);
      const year = Number(r.value.slice(0, 4));
      if (year < 2000 || year > 2100) return { ok: false, message: 'importWizard.value.notDate', params: { value: text, order: dates.order } };
      return r;
    }
    case 'money': {
      const price = PRICE_FIELDS.has(field.key);
      const r = readImportMoney(text, { unitShift: unit === 'wan' && !price ? 4 : 0, rounding });
      if (!r.ok) return failed(r);
      if (price && r.value.cents < 0) return { ok: false, message: 'importWizard.issue.negative', params: { value: text } };
      return r.value.change ? { ok: true, value: r.value.cents, change: r.value.change } : { ok: true, value: r.value.cents };
    }
    case 'integer': {
      const r = parseImportInteger(text);
      if (!r.ok) return failed(r);
      if (NON_NEGATIVE.has(field.key) && r.value < 0) return { ok: false, message: 'importWizard.issue.negative', params: { value: text } };
      return r;
    }
    case 'boolean': {
      const v = text.normalize('NFKC').trim().toLowerCase();
      if (TRUE.has(v)) return { ok: true, value: true };
      if (FALSE.has(v)) return { ok: true, value: false };
      return { ok: false, message: 'importWizard.issue.notBoolean', params: { value: text } };
    }
    case 'text':
    case 'name':
      if (text.length > MAX_TEXT) return { ok: false, message: 'importWizard.issue.tooLong', params: { limit: MAX_TEXT } };
      return { ok: true, value: text };
    case 'member':
      // Members are resolved by the engine, not parsed.
      return { ok: true, value: text };
  }
}

/** Most files repeat a handful of months and days: each distinct text is read once. */
const CACHE_LIMIT = 4096;

/** parseField with the period and date results of each distinct text remembered. */
export function cachedFieldParser(options: ValueOptions): (field: ActualField, text: string) => FieldResult {
  const caches = { period: new Map<string, FieldResult>(), date: new Map<string, FieldResult>() };
  return (field, text) => {
    if (field.type !== 'period' && field.type !== 'date') return parseField(field, text, options);
    const cache = caches[field.type];
    let r = cache.get(text);
    if (r === undefined) {
      r = parseField(field, text, options);
      if (cache.size < CACHE_LIMIT) cache.set(text, r);
    }
    return r;
  };
}
