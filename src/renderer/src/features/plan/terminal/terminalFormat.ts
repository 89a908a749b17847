import type { AppErrorData } from '../../../../../shared/errors';
import { formatPercent, type Language } from '../../../../../shared/units';
import { GridApplyError, type ParseResult } from '../../../grid';
import { errorText } from '../../../i18n';

/** The translate function, as the chapter's views pass it. */
type TFunction = (key: string, options?: Record<string, unknown>) => string;

// The terminal plan's figures on screen: targets and measures as percentages (typed as
// 35 or 35%, kept as ratios), store counts as whole numbers, gaps in percentage points.

const ascii = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，\s\u00a0]/g, '');

/**
 * A percentage typed → a ratio (35 or 35% → 0.35); empty clears (null). The range is the
 * core's rule: a figure over 100 goes through and is refused there, naming the cell.
 */
export function parsePercent(t: TFunction, text: string): ParseResult {
  const s = ascii(text).replace(/[%％]$/, '');
  if (s === '') return { ok: true, value: null };
  if (!/^[-+]?\d+(\.\d*)?$|^[-+]?\.\d+$/.test(s)) return { ok: false, reason: t('planTerminal.parse.percent') };
  return { ok: true, value: Math.round(Number(s) * 1000) / 100_000 };
}

/** A store count typed → a whole number ≥ 0 (empty: 0). */
export function parseCount(t: TFunction, text: string): ParseResult {
  const s = ascii(text);
  if (s === '') return { ok: true, value: 0 };
  if (!/^\d+$/.test(s) || Number(s) > 100_000) return { ok: false, reason: t('planTerminal.parse.count') };
  return { ok: true, value: Number(s) };
}

export function pctText(v: unknown, language: Language): string {
  return typeof v === 'number' ? formatPercent(v, language) : v === null ? '—' : '';
}

/** The text an edit starts with: the percentage without its sign (0.355 → "35.5"). */
export function pctEditText(v: unknown): string {
  return typeof v === 'number' ? String(Math.round(v * 100_000) / 1000) : '';
}

/** A difference of two ratios in percentage points, signed (+3.2 pt). */
export function pointsText(t: TFunction, v: unknown, language: Language): string {
  if (typeof v !== 'number') return '—';
  const n = new Intl.NumberFormat(language === 'en' ? 'en' : 'zh', { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v * 100);
  return t('planTerminal.points', { n });
}

/** A quarter's stores over its three months, evenly, the odd ones in its first months (7 → 3, 2, 2). */
export function splitQuarter(stores: number): number[] {
  const base = Math.floor(stores / 3);
  return [0, 1, 2].map((i) => base + (i < stores % 3 ? 1 : 0));
}

export function gridError(error: AppErrorData): GridApplyError {
  return new GridApplyError([{ message: errorText(error) }]);
}
