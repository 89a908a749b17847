import { writeAtomically } from './atomicWrite';
import * as XLSX from '@e965/xlsx';
import type { ExportFormat } from '../../../shared/importTypes';

export type ExportCell = string | number | boolean | null;

/**
 * CSV only: text that a spreadsheet would run as a formula (= + - @, or a leading tab
 * or carriage return that some programs strip first) gets an apostrophe in front, so
 * an export never carries a formula (CSV injection). Numbers stay numbers. An XLSX
 * cell has a type, so there text is a string cell holding the text exactly.
 */
export function neutralize(cell: ExportCell): ExportCell {
  if (typeof cell !== 'string' || cell.length === 0) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The bytes of a CSV export: UTF-8 with a BOM (so Excel reads Chinese correctly), CRLF lines. */
export function csvBytes(headers: string[], rows: ExportCell[][]): Buffer {
  const lines = [headers, ...rows].map((r) => r.map((c) => csvCell(neutralize(c))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** The apostrophe `neutralize` put in front of a CSV cell, taken off again when the CSV is imported. */
export function unneutralize(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * The bytes of an XLSX export: one sheet, values only. Text is a string cell (type s)
 * with the text as it is, `=HYPERLINK(…)` included: a spreadsheet shows a string cell
 * as text and never evaluates it, so no apostrophe is needed (it would be kept as part
 * of the value by every reader). No cell ever has a formula.
 */
export function xlsxBytes(headers: string[], rows: ExportCell[][], sheetName: string): Buffer {
  const aoa = [headers, ...rows];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const cell = ws[key] as XLSX.CellObject;
    delete cell.f;
    if (typeof cell.v === 'string') cell.t = 's';
  }
  ws['!cols'] = headers.map((h) => ({ wch: Math.min(40, Math.max(8, h.length * 2 + 2)) }));
  const wb = XLSX.utils.book_new();
  // Sheet names: at most 31 characters, none of []:*?/\
  XLSX.utils.book_append_sheet(wb, ws, sheetName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

/** Writes an export next to its final name and renames it into place. */
export function writeExport(path: string, format: ExportFormat, headers: string[], rows: ExportCell[][], sheetName = 'Sheet1'): void {
  const bytes = format === 'csv' ? csvBytes(headers, rows) : xlsxBytes(headers, rows, sheetName);
  writeAtomically(path, bytes);
}
