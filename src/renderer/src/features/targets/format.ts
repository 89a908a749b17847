import type { TargetMeasure } from '../../../../shared/endpoints/targets';
import { centsToUnit, formatAmount, formatInteger, type DisplayUnit, type Language } from '../../../../shared/units';

// Target figures on screen: amounts (integer cents) in the user's display unit, volume
// in whole cases. What the user types is read in the same unit and rounded to whole 元.

/** Cents in one display unit (the inverse of units.ts' centsToUnit). */
const CENTS_PER: Record<DisplayUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };
/** The contract's ceiling for a value: 10^15 (cents or cases). */
export const MAX_VALUE = 1e15;

export interface FigureEnv {
  measure: TargetMeasure;
  unit: DisplayUnit;
  language: Language;
}

/** A figure as the grid and the gap strip show it (no unit: headers carry it). */
export function formatFigure(value: number, env: FigureEnv): string {
  return env.measure === 'amount' ? formatAmount(value, env.unit, env.language) : formatInteger(value, env.language);
}

/** The exact figure for tooltips: amounts in 元 to the cent, volume in cases. */
export function exactFigure(value: number, env: FigureEnv, unitText: string): string {
  if (env.measure === 'amount') return formatAmount(value, 'yuan', env.language, { withUnit: true, decimals: 0 });
  return `${formatInteger(value, env.language)} ${unitText}`;
}

export type GapTone = 'short' | 'over' | 'even' | 'none';

/**
 * How a gap cell is shaded: short (warm red), over (green), even, or none. Without a
 * head-office target there is nothing to be over or short of: the plan is not
 * "ahead" of a target nobody set, so the cell stays neutral.
 */
export function gapTone(gap: number, ho: number, hasHo: boolean): GapTone {
  if (!hasHo || (ho === 0 && gap === 0)) return 'none';
  return gap < 0 ? 'short' : gap > 0 ? 'over' : 'even';
}

/** The text an edit starts with and a copy carries: the exact value in the display unit, no separators. */
export function editText(value: number, env: FigureEnv): string {
  if (env.measure === 'volume') return String(value);
  return String(centsToUnit(value, env.unit));
}

export type ParsedFigure = { ok: true; value: number } | { ok: false; reason: 'notNumber' | 'negative' | 'tooBig' | 'wholeUnits' };

const UNIT_SUFFIX: { re: RegExp; unit: DisplayUnit }[] = [
  { re: /(萬元|万元|萬|万)$/, unit: 'wan' },
  { re: /(億元|亿元|億|亿)$/, unit: 'yi' },
  { re: /元$/, unit: 'yuan' },
];

/**
 * What the user typed or pasted → cents (whole 元) or cases. Accepts thousands
 * separators, full-width digits and an explicit unit suffix ("12萬", "3億").
 * Empty text is 0 (a cleared cell).
 */
export function parseFigure(text: string, env: FigureEnv): ParsedFigure {
  let s = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/[,，\s\u00a0]/g, '');
  if (s === '') return { ok: true, value: 0 };
  let unit = env.unit;
  if (env.measure === 'amount') {
    for (const u of UNIT_SUFFIX) {
      if (u.re.test(s)) {
        unit = u.unit;
        s = s.replace(u.re, '');
        break;
      }
    }
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, reason: 'notNumber' };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: 'notNumber' };
  if (n < 0) return { ok: false, reason: 'negative' };
  if (env.measure === 'volume') {
    if (!Number.isInteger(n)) return { ok: false, reason: 'wholeUnits' };
    if (n > MAX_VALUE) return { ok: false, reason: 'tooBig' };
    return { ok: true, value: n };
  }
  const cents = Math.round((n * CENTS_PER[unit]) / 100) * 100;
  if (!Number.isSafeInteger(cents) || cents > MAX_VALUE) return { ok: false, reason: 'tooBig' };
  return { ok: true, value: cents };
}
