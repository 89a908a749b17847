import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';

// Shared bits of the team services: refusals that name their sentence as an i18n key
// (team.error.*) and the plan year.

export function refuse(code: 'INVALID_INPUT' | 'CONFLICT', message: string, key: string, path = ''): never {
  throw new AppError(code, message, { issues: [{ path, message: `team.error.${key}` }] });
}

export function planYear(sqlite: Database.Database): number {
  const y = sqlite.prepare('SELECT plan_year FROM region_meta').pluck().get() as number | undefined;
  return y ?? new Date().getFullYear();
}

/** A real calendar date (the schema only checks the shape). */
export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
