import { AppError } from '../../../shared/errors';
import { parseImportPeriod } from '../../../shared/importValues';
import { parseIntegerText, parseMoneyText } from '../../../shared/masterData';
import type { ReadDb } from '../db/handle';
import { findRegionMeta } from '../repos/region';
import { setHoTarget } from '../services/targets/versions';
import { registerDestinations, type ImportDestination, type RowIssue, type TextRow } from './destinations';

// 'targets:ho', the import destination of head office's target for the region, from the spreadsheet head office
// sends: one row per month with amount (元), volume, gross profit and new-product
// amount. Months are 1–12, "3月", or a period of the plan year (2027-03, 2027/3,
// 202703). Every row or none, one undo step; months not in the file keep their figures.
// The files head office writes (io/hqTargets) also name the region (its id, and its
// name for people) and the plan year on every row: a file meant for another region or
// another year is refused rather than taken as this region's target. A hand-made file
// without those columns is taken as it is.

const DESTINATION = 'targets:ho';
const MONEY = ['amountCents', 'grossProfitCents', 'newProductCents'] as const;
const FIGURES = ['amountCents', 'volume', 'grossProfitCents', 'newProductCents'] as const;
/** Who and when the file is for: checked, never stored. */
const ADDRESS = ['regionId', 'regionName', 'planYear'] as const;
const FIELDS = ['month', ...FIGURES, ...ADDRESS] as const;

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

/** The region and year a row says it is for, against this file's; the issues when they differ. */
function addressIssues(row: TextRow, index: number, region: { id: string; name: string; planYear: number }): RowIssue[] {
  const issues: RowIssue[] = [];
  const id = (row.regionId ?? '').normalize('NFKC').trim();
  if (id !== '' && id.toLowerCase() !== region.id.toLowerCase()) {
    const named = (row.regionName ?? '').trim();
    issues.push({ index, field: 'regionId', message: 'targets.import.otherRegion', params: { file: named === '' ? id : named, region: region.name } });
  }
  const year = (row.planYear ?? '').normalize('NFKC').trim();
  if (year !== '') {
    const r = parseIntegerText(year);
    if (!r.ok || r.value !== region.planYear) issues.push({ index, field: 'planYear', message: 'targets.import.otherYear', params: { value: year, year: region.planYear } });
  }
  return issues;
}

function readRows(db: ReadDb, rows: TextRow[]): { parsed: HoRow[]; issues: RowIssue[] } {
  const meta = findRegionMeta(db);
  const planYear = meta.plan_year;
  const region = { id: meta.region_id, name: meta.region_name, planYear };
  const issues: RowIssue[] = [];
  const seen = new Map<number, number>();
  const parsed = rows.map((row, index) => {
    const out: HoRow = { month: 0 };
    issues.push(...addressIssues(row, index, region));
    const month = parseTargetMonth(row.month ?? '', planYear);
    if (month === null) {
      issues.push({ index, field: 'month', message: 'targets.import.badMonth', params: { value: (row.month ?? '').trim(), year: planYear } });
    } else {
      const first = seen.get(month);
      if (first !== undefined) issues.push({ index, field: 'month', message: 'targets.import.monthTwice', params: { row: first }, indexParams: ['row'] });
      else seen.set(month, index);
      out.month = month;
    }
    for (const field of FIGURES) {
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
      type: key === 'month' || key === 'regionId' || key === 'regionName' ? 'text' : key === 'volume' || key === 'planYear' ? 'integer' : 'money',
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
