import { AppError, type InputIssue } from '../../../../shared/errors';
import { safeFileName } from '../../../../shared/fileNames';
import { translator } from '../../../../shared/i18n';
import { unitLabel, type Language } from '../../../../shared/units';
import { writeAtomically } from '../atomicWrite';
import { AMOUNT_FORMATS, workbookBytes, type SheetModel } from '../planWorkbook/xlsx';

// The target file head office sends each region: what the region's own 總部目標 import
// (import destination 'targets:ho', io/hoTargetImport.ts) takes as it is. One sheet, one
// row per month, headed by that import's own field labels so the wizard maps every
// column by itself; amounts in whole 元 (the region's target is kept in whole 元); each
// row names the region (id and name) and the plan year, which the import checks so a
// file sent to the wrong region, or last year's, is refused.
//
// The import takes the region's monthly total only: a brand or channel breakdown has
// nowhere to go in the region's target and is not written (see RegionTargetInput).

export interface RegionTargetInput {
  regionId: string;
  regionName: string;
  planYear: number;
  /** Months not listed keep the region's figures; a null volume leaves the month's volume as it is. */
  months: { month: number; amountCents: number; volume: number | null }[];
  /** Not written: the region's target import has no brand dimension. */
  byBrand?: { brand: string; months: { month: number; amountCents: number }[] }[];
  /** Not written: the region's target import has no channel dimension. */
  byChannel?: { channel: string; months: { month: number; amountCents: number }[] }[];
}

/** What the import takes at most (its own bounds). */
const MAX_VALUE = 1e15;

function checked(input: RegionTargetInput): RegionTargetInput['months'] {
  const issues: InputIssue[] = [];
  if (input.regionId.trim() === '') issues.push({ path: 'regionId', message: 'the region id is empty' });
  if (!Number.isInteger(input.planYear) || input.planYear < 2000 || input.planYear > 2100) issues.push({ path: 'planYear', message: 'not a plan year' });
  const seen = new Set<number>();
  input.months.forEach((m, i) => {
    if (!Number.isInteger(m.month) || m.month < 1 || m.month > 12) issues.push({ path: `months.${i}.month`, message: 'a month is 1 to 12' });
    else if (seen.has(m.month)) issues.push({ path: `months.${i}.month`, message: `month ${m.month} is listed twice` });
    seen.add(m.month);
    if (!Number.isInteger(m.amountCents) || m.amountCents < 0 || m.amountCents > MAX_VALUE) {
      issues.push({ path: `months.${i}.amountCents`, message: 'an amount is a whole number of cents, 0 or more' });
    } else if (m.amountCents % 100 !== 0) {
      // The region keeps its target in whole 元 and would round this: refuse rather than send a figure that changes on import.
      issues.push({ path: `months.${i}.amountCents`, message: `the region's target is in whole 元: ${m.amountCents} cents is not` });
    }
    if (m.volume !== null && (!Number.isInteger(m.volume) || m.volume < 0 || m.volume > MAX_VALUE)) {
      issues.push({ path: `months.${i}.volume`, message: 'a volume is a whole number, 0 or more' });
    }
  });
  if (issues.length > 0) throw new AppError('INVALID_INPUT', `the target of region ${input.regionName} cannot be written: ${issues[0].path} ${issues[0].message}`, { issues });
  return [...input.months].sort((a, b) => a.month - b.month);
}

/** The sheet: the import's field labels as headers, one row per month. */
function targetSheet(input: RegionTargetInput, months: RegionTargetInput['months'], language: Language): SheetModel {
  const t = translator(language);
  const label = (key: string) => t(`targets.import.ho.${key}`);
  const yuan = unitLabel('yuan', language);
  const boxes = t('targets.measure.volumeUnit');
  const bracket = (text: string, unit: string) => (language === 'en' ? `${text} (${unit})` : `${text}（${unit}）`);
  return {
    name: label('name'),
    columns: [
      { header: label('regionId'), kind: 'text' },
      { header: label('regionName'), kind: 'text' },
      // The year is a plain number (no thousands separator), as the import reads it.
      { header: label('planYear'), kind: 'text' },
      { header: label('month'), kind: 'count' },
      { header: bracket(label('amountCents'), yuan), kind: 'amount' },
      { header: bracket(label('volume'), boxes), kind: 'count' },
    ],
    rows: months.map((m) => [input.regionId, input.regionName, input.planYear, m.month, m.amountCents, m.volume]),
  };
}

/** The file's bytes, without writing (tests read them). */
export function regionTargetBytes(input: RegionTargetInput, language: Language): Buffer {
  const months = checked(input);
  return workbookBytes([targetSheet(input, months, language)], AMOUNT_FORMATS.yuan).bytes;
}

/**
 * Writes one region's head-office target file (.xlsx), whole or not at all. Refuses
 * (INVALID_INPUT) a month outside 1–12 or given twice, a negative amount or one not in
 * whole 元, a negative or fractional volume.
 */
export function writeRegionTargetFile(input: RegionTargetInput, outPath: string, options: { language: Language }): { path: string; bytes: number } {
  const bytes = regionTargetBytes(input, options.language);
  writeAtomically(outPath, bytes);
  return { path: outPath, bytes: bytes.length };
}

/**
 * The file's name: the region's name and the plan year, for people, and the start of
 * the region's id, so two regions of the same name never write the same file.
 */
export function regionTargetFileName(input: RegionTargetInput): string {
  const id = input.regionId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8);
  return safeFileName(`${input.regionName}-${input.planYear}-target${id ? `-${id}` : ''}.xlsx`, `target-${input.planYear}.xlsx`);
}
