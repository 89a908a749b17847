import type { TFunction } from 'i18next';
import { KNOWN_ROLES } from '../../../../shared/endpoints/team';
import type { AppErrorData } from '../../../../shared/errors';
import { formatAmount, formatInteger, type DisplayUnit, type Language } from '../../../../shared/units';
import { errorText } from '../../i18n';
import { GridApplyError, type ParseResult } from '../../grid';
import { parseFigure } from '../targets/format';
import { tKey } from '../masterData/columns';

// Team and action-list figures on screen: headcount as whole people, cost per head in
// 元 (a monthly wage reads badly in 萬元), totals in the user's unit.

export function roleLabel(t: TFunction, role: string): string {
  return (KNOWN_ROLES as readonly string[]).includes(role) ? tKey(t, `team.role.${role}`) : role;
}

/** What the user typed as a role: a known role's label in any language → its code; else the text itself. */
export function roleFromText(t: TFunction, text: string): string {
  const s = text.trim();
  for (const r of KNOWN_ROLES) {
    if (s === r || s === roleLabel(t, r)) return r;
  }
  return s;
}

const digits = (s: string) =>
  s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/[,，\s\u00a0]/g, '');

export function parseHeadcount(t: TFunction, text: string): ParseResult {
  const s = digits(text);
  if (s === '') return { ok: true, value: 0 };
  if (!/^[-+]?\d+(\.\d*)?$/.test(s)) return { ok: false, reason: t('team.parse.notNumber') };
  const n = Number(s);
  if (n < 0) return { ok: false, reason: t('team.parse.negative') };
  if (!Number.isInteger(n)) return { ok: false, reason: t('team.parse.wholeNumber') };
  if (n > 100_000) return { ok: false, reason: t('team.parse.tooBig') };
  return { ok: true, value: n };
}

/** Money typed in `unit` (or with a unit suffix) → cents. */
export function parseMoney(t: TFunction, text: string, unit: DisplayUnit, language: Language): ParseResult {
  const r = parseFigure(text, { measure: 'amount', unit, language });
  if (r.ok) return r;
  return { ok: false, reason: t(r.reason === 'negative' ? 'team.parse.negative' : r.reason === 'tooBig' ? 'team.parse.tooBig' : 'team.parse.notNumber') };
}

export function money(cents: number, unit: DisplayUnit, language: Language): string {
  return formatAmount(cents, unit, language);
}

export function yuanText(cents: number): string {
  return String(cents / 100);
}

export function intText(n: number, language: Language): string {
  return formatInteger(n, language);
}

/** A refusal from the core as the grid's error (nothing applied). */
export function gridError(error: AppErrorData): GridApplyError {
  return new GridApplyError([{ message: errorText(error) }]);
}
