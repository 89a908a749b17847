import type { ActualsReadOptions, BatchPlan, BulkPreview, TakenRows, UnknownMember } from './actuals';
import type { MessageKey } from './errors';

// Types of the import wizard and the data-file layer, shared by the core and the
// renderer. A "destination" names what the rows become: 'master:<entity>',
// 'targets:ho' (head office's target), 'actuals:<kind>'.

export const DATA_FORMATS = ['csv', 'xlsx', 'xls'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** Encodings a CSV can be read in (TextDecoder labels). */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the format step shows: how the file was read and its first rows. */
export interface DataFileInfo {
  path: string;
  fileName: string;
  format: DataFormat;
  /** CSV only: the encoding used (detected unless the user chose one). */
  encoding: TextEncoding | null;
  /** CSV only: what the encoding was detected as, and how ('bom' | 'valid-utf8' | 'fallback'). */
  detectedEncoding: TextEncoding | null;
  /** The encodings the user may switch to ([] for workbooks). */
  encodings: TextEncoding[];
  /** Workbooks: every sheet's name; CSV: []. */
  sheets: string[];
  sheet: string | null;
  /** 1-based row number of the header row in the file. */
  headerRow: number;
  headers: string[];
  /** The first data rows (up to 20), as displayed text. */
  sample: string[][];
  /** 1-based file row numbers of the sample rows. */
  sampleRowNumbers: number[];
  /** Data rows (non-empty rows after the header). */
  rowCount: number;
  /** True when rowCount is estimated from the file's size (a large CSV is not read to the end here). */
  rowCountApprox?: boolean;
  /** Workbooks: the workbook uses the 1904 date system (old Mac Excel). */
  date1904?: boolean;
}

/** One field of a destination, as the mapping step shows it. */
export interface ImportFieldInfo {
  key: string;
  /** The i18n key of its label (e.g. "masterData.field.customer.code"). */
  labelKey: string;
  type: string;
  required: boolean;
  /** Further header texts that mean this field (ERP and Excel export headers, any language). */
  aliases?: string[];
  /** Actuals: the dimension a member field names (customer, sku…). */
  dimension?: string;
  /** Actuals: an attribute (city, brand…) of the member field `attributeOf` names, used when that member is created. */
  attributeOf?: string;
  attribute?: string;
}

export interface ImportDestinationInfo {
  destination: string;
  /** The i18n key of the destination's name (e.g. "masterData.entity.customer"). */
  labelKey: string;
  fields: ImportFieldInfo[];
}

/** fieldKey → 0-based column index in the file, or null (not imported). */
export type ColumnMapping = Record<string, number | null>;

export interface ImportIssue {
  /** 1-based row number in the file (0: the mapping itself, not a row). */
  row: number;
  /** The header text of the column ('' when the issue is about a missing column). */
  column: string;
  field: string;
  /** A message key (importWizard.issue.* or the master-data layer's) or plain text. */
  message: string;
  params?: Record<string, string | number>;
}

/** One money field's totals over the imported rows, in 元 as exact decimal text ("1234.5678"). */
export interface RoundingField {
  field: string;
  /** The sum of the values as the file writes them. */
  fileTotal: string;
  /** The sum of the values as imported (each rounded to 分). */
  importedTotal: string;
  /** importedTotal − fileTotal: the sum of the per-line rounding. */
  difference: string;
  /** How many of this field's values were rounded. */
  values: number;
}

/**
 * Amounts with more decimals than 分 are rounded half away from zero to 分; this says how
 * many, the largest change (元, exact, signed: rounded − written), and per money field
 * the file's total beside the imported one. Absent when nothing was rounded.
 */
export interface RoundingSummary {
  values: number;
  largestChange: string;
  fields: RoundingField[];
}

/** Master-data destinations: which row of a code that appears on many rows (a transaction file) is taken. */
export const DUPLICATE_CHOICES = ['first', 'last'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

/** The members a master-data import may create when the file names ones the region lacks (with the user's confirmation). */
export const CREATABLE_MEMBERS = ['channel', 'brand', 'category', 'salesperson'] as const;
export type CreatableMember = (typeof CREATABLE_MEMBERS)[number];

/** One field on which the rows of one code disagree. */
export interface DuplicateConflict {
  code: string;
  field: string;
  /** The distinct values seen, in file order ('' for an empty cell). */
  values: string[];
  /** The value the import takes (the chosen occurrence's). */
  winner: string;
}

/** What taking each code once does to a master-data file. */
export interface DuplicateSummary {
  /** Distinct codes in the file. */
  codes: number;
  /** Rows that repeat a code seen on another row (left out). */
  repeatedRows: number;
  /** Fields (code × field) whose values differ between a code's rows. */
  conflictCount: number;
  /** The first 500 of them. */
  conflicts: DuplicateConflict[];
}

/** A channel, brand, category or salesperson the file names and the region does not have: created on confirmation. */
export interface MemberToCreate {
  entity: CreatableMember;
  /** The text the file has (a code or a name). */
  value: string;
  /** The code and name it is created with. */
  code: string;
  name: string;
  /** File rows that name it. */
  rowCount: number;
}

export interface ImportPreview {
  rowCount: number;
  validCount: number;
  /** The first 500 issues. */
  issues: ImportIssue[];
  /** How many issues there are in all. */
  issueCount: number;
  /** Rows that will update an existing item (same code), and rows that will add one. */
  updates: number;
  inserts: number;
  /** Actuals destinations: values the master data does not have, to map, create or skip (first 1,000). */
  unknowns?: UnknownMember[];
  /** How many unknown values there are in all. */
  unknownCount?: number;
  /** Actuals destinations: what the commit will do (lines, replaced and overwritten rows, created members). */
  batch?: BatchPlan;
  /** Amounts rounded to 分, over the rows that will be imported. */
  rounding?: RoundingSummary;
  /** Actuals destinations: the bulk decisions' effect, the supporting members to create, attribute conflicts. */
  bulk?: BulkPreview;
  /** Master-data destinations: codes on many rows, taken once. */
  duplicates?: DuplicateSummary;
  /** Master-data destinations: members the file names that the commit creates once the request confirms them. */
  toCreate?: MemberToCreate[];
}

export interface ImportCommitResult {
  imported: number;
  updated: number;
  inserted: number;
  /** Actuals destinations: the new batch. */
  batchId?: number;
  /** Rows skipped by a resolution. */
  skipped?: number;
  /** Rows of earlier imports of the same source removed first. */
  replaced?: number;
  /** Rows of other sources overwritten (same key). */
  overwritten?: number;
  /** File rows summed into another row's line. */
  combined?: number;
  /** Members created. */
  created?: number;
  /** Amounts rounded to 分, over the rows imported. */
  rounding?: RoundingSummary;
  /** What `replaced` and `overwritten` took, by action, source, batch and month (as the preview listed it). */
  taken?: TakenRows[];
  /** Actuals destinations: members created, by dimension (customer, sku… and the supporting province, city, channel…). */
  createdBy?: Record<string, number>;
}

/** A saved mapping: fieldKey → the header text of its column (null: not imported). */
export interface SavedMapping {
  name: string;
  columns: Record<string, string | null>;
  /** Actuals destinations: how the source's dates and amounts are read. */
  options?: ActualsReadOptions;
  updatedAt: string;
}

/**
 * Why a data file was refused as a whole. The error (INVALID_INPUT) is a refusal by the
 * rule importWizard.refuse.<reason> with the file's name and the reason's values as its
 * params, so the wizard can say it in the user's language; the English message is for logs.
 */
export const DATA_FILE_REFUSALS = [
  'empty',
  'only_headers',
  'too_large',
  'not_csv',
  'not_xlsx',
  'not_xls',
  'unsupported_extension',
  'unbalanced_quotes',
  'zip_bomb',
  'too_many_rows',
  'too_many_cells',
  'workbook_memory',
  'cell_too_large',
  'no_sheet',
  'bad_header_row',
  'unreadable',
] as const;
export type DataFileRefusal = (typeof DATA_FILE_REFUSALS)[number];

const DATA_FILE_RULE_PREFIX = 'importWizard.refuse.';

/** The rule of a data file's refusal. */
export function dataFileRule(reason: DataFileRefusal): MessageKey {
  return `importWizard.refuse.${reason}`;
}

/** Why a data file was refused, when the error is such a refusal. */
export function dataFileRefusalOf(error: { rule?: string }): DataFileRefusal | null {
  const reason = error.rule?.startsWith(DATA_FILE_RULE_PREFIX) ? error.rule.slice(DATA_FILE_RULE_PREFIX.length) : null;
  return reason !== null && (DATA_FILE_REFUSALS as readonly string[]).includes(reason) ? (reason as DataFileRefusal) : null;
}
