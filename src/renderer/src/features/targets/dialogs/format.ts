import type { TFunction } from 'i18next';
import type { TargetMeasure } from '../../../../../shared/endpoints/targets';
import { formatAmount, formatInteger, unitLabel, type DisplayUnit, type Language } from '../../../../../shared/units';

// Figures in the dialogs: amounts (integer cents, whole 元) in the user's display
// unit, volumes in whole cases; what an input starts with and how typed text is read.

const CENTS_PER_UNIT: Record<DisplayUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };
/** Up to 10^15 cents, as the contract allows. */
const MAX_VALUE = 1e15;

export interface Fmt {
  unit: DisplayUnit;
  language: Language;
  measure: TargetMeasure;
}

/** The figure as shown in tables (no unit: the header or a note carries it). */
export function showValue(value: number, f: Fmt): string {
  return f.measure === 'amount' ? formatAmount(value, f.unit, f.language) : formatInteger(value, f.language);
}

/** The figure with its unit, for sentences and tooltips. */
export function showWithUnit(value: number, f: Fmt, t: TFunction): string {
  if (f.measure === 'amount') return formatAmount(value, f.unit, f.language, { withUnit: true });
  const n = formatInteger(value, f.language);
  return f.language === 'en' ? `${n} ${t('targetDialogs.volumeUnit')}` : `${n} ${t('targetDialogs.volumeUnit')}`;
}

/** The exact figure: amounts in 元 with their cents, volumes as they are. */
export function showExact(value: number, f: Fmt, t: TFunction): string {
  if (f.measure === 'amount') return formatAmount(value, 'yuan', f.language, { withUnit: true, decimals: 2 });
  return showWithUnit(value, f, t);
}

/** The measure's unit label: 萬元 / 箱. */
export function measureUnit(f: Fmt, t: TFunction): string {
  return f.measure === 'amount' ? unitLabel(f.unit, f.language) : t('targetDialogs.volumeUnit');
}

/** The text an input starts with: the value in the display unit, exact, no grouping. */
export function editText(value: number, measure: TargetMeasure, unit: DisplayUnit): string {
  if (measure === 'volume') return String(value);
  const per = CENTS_PER_UNIT[unit];
  const negative = value < 0;
  const abs = Math.abs(value);
  const whole = Math.floor(abs / per);
  const rest = abs % per;
  const digits = Math.round(Math.log10(per));
  const frac = rest ? `.${String(rest).padStart(digits, '0').replace(/0+$/, '')}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

/** Typed or pasted text → the wire value (cents rounded to whole 元, or whole cases). Empty → 0. */
export function parseValue(
  text: string,
  measure: TargetMeasure,
  unit: DisplayUnit,
  t: TFunction,
  options: { allowNegative?: boolean } = {},
): Parsed {
  const cleaned = text
    .replace(/[\s,，\u00a0]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/(萬元|万元|億元|亿元|元|萬|万|億|亿|箱|CNY)$/i, '');
  if (cleaned === '' || cleaned === '-') return { ok: true, value: 0 };
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, reason: t('targetDialogs.parse.notNumber', { text: text.trim() }) };
  const n = Number(cleaned);
  if (n < 0 && !options.allowNegative) return { ok: false, reason: t('targetDialogs.parse.negative') };
  let value: number;
  if (measure === 'volume') {
    if (!Number.isInteger(n)) return { ok: false, reason: t('targetDialogs.parse.notWhole') };
    value = n;
  } else {
    // Whole 元: the display unit's figure times 元 per unit, rounded once.
    value = Math.round((n * CENTS_PER_UNIT[unit]) / 100) * 100;
  }
  if (Math.abs(value) > MAX_VALUE) return { ok: false, reason: t('targetDialogs.parse.tooLarge') };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Whole-unit shares of `total` by `weights`, summing exactly to it (largest remainder). `step` 100 for whole 元. */
export function shareOut(total: number, weights: number[], step: number): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const units = Math.round(total / step);
  const raw = weights.map((w) => (Math.max(0, w) / sum) * units);
  const floors = raw.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    floors[o.i] += 1;
    left -= 1;
  }
  return floors.map((u) => u * step);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
