import { AppError } from '../../../shared/errors';
import { parseImportPeriod } from '../../../shared/importValues';
import { parseIntegerText, parseMoneyText } from '../../../shared/masterData';
import type { ReadDb } from '../db/handle';
import { regionPlanYear } from '../repos/region';
import { setHoTarget } from '../services/targets/versions';
import { registerDestinations, type ImportDestination, type RowIssue, type TextRow } from './destinations';

// 'targets:ho', the import destination of head office's target for the region, from the spreadsheet head office
// sends: one row per month with amount (元), volume, gross profit and new-product
// amount. Months are 1–12, "3月", or a period of the plan year (2027-03, 2027/3,
// 202703). Every row or none, one undo step; months not in the file keep their figures.

const DESTINATION = 'targets:ho';
const MONEY = ['amountCents', 'grossProfitCents', 'newProductCents'] as const;
const FIELDS = ['month', 'amountCents', 'volume', 'grossProfitCents', 'newProductCents'] as const;

interface HoRow {
  month: number;
  amountCents?: number;
  volume?: number;
  grossProfitCents?: number;
  newProductCents?: number;
}

/** The month (1–12) a cell names, or null: a bare month, or a period of the plan year. */
export function parseTargetMonth(text: string, planYear: number): number | null {
  const bare = /^(\d{1,2})\s*月?$/.exec(text.normalize('NFKC').trim());
  if (bare) {
    const month = Number(bare[1]);
    return month >= 1 && month <= 12 ? month : null;
  }
  const period = parseImportPeriod(text);
  return period.ok && Math.floor(period.value / 100) === planYear ? period.value % 100 : null;
}

function readRows(db: ReadDb, rows: TextRow[]): { parsed: HoRow[]; issues: RowIssue[] } {
  const planYear = regionPlanYear(db);
  const issues: RowIssue[] = [];
  const seen = new Map<number, number>();
  const parsed = rows.map((row, index) => {
    const out: HoRow = { month: 0 };
    const month = parseTargetMonth(row.month ?? '', planYear);
    if (month === null) {
      issues.push({ index, field: 'month', message: 'targets.import.badMonth', params: { value: (row.month ?? '').trim(), year: planYear } });
    } else {
      const first = seen.get(month);
      if (first !== undefined) issues.push({ index, field: 'month', message: 'targets.import.monthTwice', params: { row: first }, indexParams: ['row'] });
      else seen.set(month, index);
      out.month = month;
    }
    for (const field of FIELDS.slice(1)) {
      const text = (row[field] ?? '').trim();
      if (text === '') continue;
      const r = (MONEY as readonly string[]).includes(field)
        ? parseMoneyText(text, field === 'grossProfitCents' ? -1e15 : 0)
        : parseIntegerText(text);
      if (!r.ok) {
        issues.push({ index, field, message: r.reason, ...(r.params ? { params: r.params as Record<string, string | number> } : {}) });
      } else if (typeof r.value === 'number') {
        // Targets are whole 元.
        out[field] = (MONEY as readonly string[]).includes(field) ? Math.round(r.value / 100) * 100 : r.value;
      }
    }
    return out;
  });
  return { parsed, issues };
}

const hoTargetDestination: ImportDestination = {
  info: {
    destination: DESTINATION,
    labelKey: 'targets.import.ho.name',
    fields: FIELDS.map((key) => ({
      key,
      labelKey: `targets.import.ho.${key}`,
      type: key === 'month' ? 'text' : key === 'volume' ? 'integer' : 'money',
      required: key === 'month',
    })),
  },
  validate(db, rows) {
    return readRows(db, rows).issues;
  },
  plan(db, rows) {
    return { updates: readRows(db, rows).parsed.length, inserts: 0 };
  },
  commit(db, rows) {
    const { parsed, issues } = readRows(db, rows);
    if (issues.length > 0) {
      throw new AppError('INVALID_INPUT', `${issues.length} problems in the head-office target`, {
        issues: issues.map((i) => ({ path: `rows.${i.index}.${i.field}`, message: i.message })),
      });
    }
    setHoTarget(db, parsed);
    return { updates: parsed.length, inserts: 0 };
  },
};

registerDestinations((name) => (name === DESTINATION ? hoTargetDestination : null));
