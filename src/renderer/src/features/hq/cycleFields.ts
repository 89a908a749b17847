import type { T } from '../analysis/kit';

// The cycle's settings as a form types them (新建總部匯總 and hq settings): the name, the
// tolerance and the expense-ratio cap in percent, the due date; checked and turned into
// what the endpoints take in one place.

export interface CycleFields {
  name: string;
  tolerance: string;
  cap: string;
  due: string;
}

const percentOk = (text: string) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= 100;

/** A fraction as the percent typed, without float noise (0.035 → "3.5"). */
export const percentText = (f: number) => String(Math.round(f * 100 * 1e6) / 1e6);

/** The fields' problems by field key (name, tolerance, cap); empty when the form may be sent. */
export function cycleProblems(f: CycleFields, t: T): Record<string, string> {
  const problems: Record<string, string> = {};
  if (f.name.trim() === '') problems.name = t('hqUi.create.invalid.name');
  if (!percentOk(f.tolerance)) problems.tolerance = t('hqUi.create.invalid.percent');
  if (f.cap.trim() !== '' && !percentOk(f.cap)) problems.cap = t('hqUi.create.invalid.percent');
  return problems;
}

/** The fields as the endpoints take them: fractions, null for no cap or no due date. */
export function cycleValues(f: CycleFields): { name: string; tolerance: number; expenseCap: number | null; dueDate: string | null } {
  return {
    name: f.name.trim(),
    tolerance: Number(f.tolerance) / 100,
    expenseCap: f.cap.trim() === '' ? null : Number(f.cap) / 100,
    dueDate: f.due === '' ? null : f.due,
  };
}
