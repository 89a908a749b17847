import { AppError } from '../../../../shared/errors';
import type { DisplayUnit, Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import type { TargetCache } from '../../services/targets/model';

/** A ready table for a sheet the caller composes (the changes since the last submission). */
export interface SheetTable {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
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
}

/** Writes the plan workbook (.xlsx) of a snapshot for head office's analysts. */
export async function writePlanWorkbook(_db: ReadDb, _cube: () => TargetCache, _input: WriteWorkbookInput): Promise<{ path: string; sheets: string[]; bytes: number }> {
  throw new AppError('NOT_SUPPORTED', 'the plan workbook is being built');
}
