import type { ActualsReadOptions } from '../../../shared/actuals';
import { actualsReadOptionsSchema } from '../../../shared/endpoints/io';
import { AppError } from '../../../shared/errors';
import type { ColumnMapping, CreatableMember, DuplicateChoice, ImportCommitResult, ImportIssue, ImportPreview, SavedMapping, TextEncoding } from '../../../shared/importTypes';
import { centsExact, exactText, readImportMoney, type ExactDecimal } from '../../../shared/importValues';
import type { ReadDb, WriteDb } from '../db/handle';
import { listMappingRows, upsertMapping } from '../repos/imports';
import type { DataRows } from './dataFile';
import { requireDestination, type DestinationOptions, type ImportDestination, type RowIssue, type TextRow } from './destinations';
import { unneutralize } from './exportFile';
import { RoundingTally } from './rounding';

export const MAX_PREVIEW_ISSUES = 500;

export interface ImportRequest {
  path: string;
  encoding?: TextEncoding;
  sheet?: string;
  headerRow?: number;
  destination: string;
  mapping: ColumnMapping;
  /** Master data: a code on many rows is taken from its first (default) or last row. */
  duplicates?: DuplicateChoice;
  /** Master data: the members to create that the user confirmed. */
  createMembers?: { entity: CreatableMember; value: string }[];
}

const optionsOf = (r: ImportRequest): DestinationOptions => ({ duplicates: r.duplicates, createMembers: r.createMembers });

interface Prepared {
  destination: ImportDestination;
  data: DataRows;
  rows: TextRow[];
  /** Problems with the mapping itself (row 0). */
  mappingIssues: ImportIssue[];
  /** Per row, its money values (cents and the rounding change, if rounded). */
  money: { field: string; cents: number; change?: ExactDecimal }[][];
}

/**
 * Money with more decimals than 分 is rounded half away from zero here, as in the actuals
 * imports, and the cell's text becomes the rounded amount; the destination then checks
 * it as it checks any amount. Other texts are left for the destination to read.
 */
function roundMoney(row: TextRow, moneyFields: string[]): Prepared['money'][number] {
  const out: Prepared['money'][number] = [];
  for (const field of moneyFields) {
    const text = row[field];
    if (!text) continue;
    const r = readImportMoney(text);
    if (!r.ok) continue;
    if (r.value.change) row[field] = exactText(centsExact(r.value.cents));
    out.push({ field, cents: r.value.cents, ...(r.value.change ? { change: r.value.change } : {}) });
  }
  return out;
}

function roundingOf(p: Prepared, badRows: Set<number>): ImportPreview['rounding'] {
  const tally = new RoundingTally();
  p.money.forEach((values, index) => {
    if (!badRows.has(index)) for (const v of values) tally.add(v.field, v.cents, v.change);
  });
  return tally.summary();
}

/** The read options of a request, for readDataRows (the rows are read before prepare, off any transaction). */
export const readOptionsOf = (r: ImportRequest) => ({ encoding: r.encoding, sheet: r.sheet, headerRow: r.headerRow });

function prepare(data: DataRows, request: ImportRequest): Prepared {
  const destination = requireDestination(request.destination);
  const width = data.info.headers.length;
  const known = new Set(destination.info.fields.map((f) => f.key));
  const used: [string, number][] = [];
  for (const [field, column] of Object.entries(request.mapping)) {
    if (!known.has(field)) {
      throw new AppError('INVALID_INPUT', `${request.destination} has no field ${field}`, { issues: [{ path: `mapping.${field}`, message: 'unknown field' }] });
    }
    if (column === null) continue;
    if (column >= width) {
      throw new AppError('INVALID_INPUT', `mapping.${field}: column ${column + 1} is past the file's ${width} columns`, {
        issues: [{ path: `mapping.${field}`, message: `column ${column + 1} does not exist` }],
      });
    }
    used.push([field, column]);
  }
  const mappingIssues: ImportIssue[] = destination.info.fields
    .filter((f) => f.required && (request.mapping[f.key] === undefined || request.mapping[f.key] === null))
    .map((f) => ({ row: 0, column: '', field: f.key, message: 'importWizard.issue.requiredUnmapped' }));
  const moneyFields = destination.info.fields.filter((f) => f.type === 'money').map((f) => f.key);
  const money: Prepared['money'] = [];
  // A CSV we exported put an apostrophe before text a spreadsheet would run as a
  // formula; it is not part of the value, so importing the file back takes it off.
  const csv = data.info.format === 'csv';
  const rows = data.rows.map((cells) => {
    const row: TextRow = {};
    for (const [field, column] of used) row[field] = csv ? unneutralize(cells[column].trim()) : cells[column].trim();
    money.push(roundMoney(row, moneyFields));
    return row;
  });
  return { destination, data, rows, mappingIssues, money };
}

function toImportIssues(p: Prepared, issues: RowIssue[], mapping: ColumnMapping): ImportIssue[] {
  return issues.map((i) => {
    const column = mapping[i.field];
    const params = i.params ? { ...i.params } : undefined;
    for (const name of i.indexParams ?? []) {
      if (params && typeof params[name] === 'number') params[name] = p.data.rowNumbers[params[name]] ?? params[name];
    }
    return {
      row: p.data.rowNumbers[i.index] ?? 0,
      column: column === null || column === undefined ? '' : (p.data.info.headers[column] || `#${column + 1}`),
      field: i.field,
      message: i.message,
      ...(params ? { params } : {}),
    };
  });
}

/** Checks every row as the commit would; writes nothing. */
export function previewImport(db: ReadDb, data: DataRows, request: ImportRequest): ImportPreview {
  const p = prepare(data, request);
  if (p.mappingIssues.length > 0) {
    return { rowCount: p.rows.length, validCount: 0, issues: p.mappingIssues, issueCount: p.mappingIssues.length, updates: 0, inserts: 0 };
  }
  const options = optionsOf(request);
  const rowIssues = p.destination.validate(db, p.rows, options);
  const issues = toImportIssues(p, rowIssues, request.mapping).sort((a, b) => a.row - b.row);
  const badRows = new Set(rowIssues.map((i) => i.index));
  const plan = p.destination.plan(db, p.rows, options);
  const review = p.destination.review?.(db, p.rows, options) ?? {};
  const rounding = roundingOf(p, badRows);
  return {
    rowCount: p.rows.length,
    validCount: p.rows.length - badRows.size,
    issues: issues.slice(0, MAX_PREVIEW_ISSUES),
    issueCount: issues.length,
    updates: plan.updates,
    inserts: plan.inserts,
    ...review,
    ...(rounding ? { rounding } : {}),
  };
}

/** Writes every row or none, as one undo step. */
export function commitImport(db: WriteDb, data: DataRows, request: ImportRequest): ImportCommitResult {
  const p = prepare(data, request);
  if (p.mappingIssues.length > 0) {
    throw new AppError('INVALID_INPUT', `required fields are not mapped: ${p.mappingIssues.map((i) => i.field).join(', ')}`, {
      issues: p.mappingIssues.map((i) => ({ path: `mapping.${i.field}`, message: i.message })),
    });
  }
  const plan = p.destination.commit(db, p.rows, optionsOf(request));
  const rounding = roundingOf(p, new Set());
  return { imported: p.rows.length, updated: plan.updates, inserted: plan.inserts, ...(plan.created ? { created: plan.created } : {}), ...(rounding ? { rounding } : {}) };
}

// ---- saved mappings (table import_mapping: kind = the destination, name = the source) ----

/** The key under which a mapping's read options are kept beside its columns (no field key starts with "$"). */
const OPTIONS_KEY = '$options';

export function listMappings(db: ReadDb, destination: string): SavedMapping[] {
  return listMappingRows(db, destination).map((r) => {
    const { [OPTIONS_KEY]: options, ...columns } = JSON.parse(r.mapping_json) as Record<string, unknown>;
    const parsed = actualsReadOptionsSchema.safeParse(options);
    return {
      name: r.name,
      columns: columns as Record<string, string | null>,
      ...(parsed.success ? { options: parsed.data } : {}),
      updatedAt: r.updated_at,
    };
  });
}

/**
 * Saves (or replaces) a mapping. A preference of the file, like a column width: not
 * region data, so not an undo step.
 */
export function saveMapping(
  db: WriteDb,
  destination: string,
  name: string,
  columns: Record<string, string | null>,
  fieldKeys: string[],
  options?: ActualsReadOptions,
): SavedMapping[] {
  const known = new Set(fieldKeys);
  const clean: Record<string, unknown> = Object.fromEntries(Object.entries(columns).filter(([k]) => known.has(k)));
  if (options) clean[OPTIONS_KEY] = options;
  upsertMapping(db, destination, name, JSON.stringify(clean), new Date().toISOString());
  return listMappings(db, destination);
}
