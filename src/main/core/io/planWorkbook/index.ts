import { translator } from '../../../../shared/i18n';
import { AppError } from '../../../../shared/errors';
import type { DisplayUnit, Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import { findVersion } from '../../repos/planVersions';
import { findRegionMeta } from '../../repos/region';
import type { TargetCache } from '../../services/targets/model';
import { writeAtomically } from '../atomicWrite';
import { planSheets } from './sheets';
import { AMOUNT_FORMATS, workbookBytes, type SheetModel } from './xlsx';

export { AMOUNT_FORMATS } from './xlsx';

/** A ready table for a sheet the caller composes (the changes since the last submission). */
export interface SheetTable {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
  /**
   * How each column is shown: 'amount' cells are integer cents, written in the workbook's
   * unit (name the unit in the header); 'ratio' a fraction shown as %; 'count' whole
   * numbers. Absent: text columns as text, numeric columns with two decimals.
   */
  kinds?: ('text' | 'amount' | 'ratio' | 'count')[];
}

export interface WriteWorkbookInput {
  versionId: number;
  unit: DisplayUnit;
  language: Language;
  revision: number;
  fingerprint: string;
  /** The changes since the last submission, as a sheet; null for a first submission. */
  changes: SheetTable | null;
  outPath: string;
  /** Today (yyyy-mm-dd), what an action is overdue against; default today, local time. */
  today?: string;
}


function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The caller's table as a sheet: amounts in the workbook's unit, other numbers as they are, text as text. */
function changesSheet(t: SheetTable): SheetModel {
  const numeric = (i: number) => t.rows.length > 0 && t.rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number');
  return { name: t.name, columns: t.headers.map((h, i) => ({ header: h, kind: t.kinds?.[i] ?? (numeric(i) ? 'multiple' : 'text') })), rows: t.rows };
}

/** The workbook's bytes and sheet names, without writing (the bench and the tests time and read it). */
export function planWorkbookBytes(db: ReadDb, cube: () => TargetCache, input: Omit<WriteWorkbookInput, 'outPath'>): { bytes: Buffer; sheets: string[] } {
  const version = findVersion(db, input.versionId);
  if (!version) throw new AppError('NOT_FOUND', `plan version ${input.versionId} does not exist`);
  const meta = findRegionMeta(db);
  const t = translator(input.language);
  const models = planSheets({
    db,
    cube: cube(),
    versionId: input.versionId,
    versionName: version.kind === 'working' ? t('targets.version.working') : version.name,
    regionName: meta.region_name,
    planYear: meta.plan_year,
    unit: input.unit,
    language: input.language,
    revision: input.revision,
    fingerprint: input.fingerprint,
    t,
    today: input.today ?? localToday(),
  });
  if (input.changes) models.push(changesSheet(input.changes));
  return workbookBytes(models, AMOUNT_FORMATS[input.unit]);
}

/** Writes the plan workbook (.xlsx) of a snapshot for head office's analysts, whole or not at all. */
export async function writePlanWorkbook(db: ReadDb, cube: () => TargetCache, input: WriteWorkbookInput): Promise<{ path: string; sheets: string[]; bytes: number }> {
  const { bytes, sheets } = planWorkbookBytes(db, cube, input);
  writeAtomically(input.outPath, bytes);
  return { path: input.outPath, sheets, bytes: bytes.length };
}
