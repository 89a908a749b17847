// What happened: sales actuals, market data, store audits, customer visits
// and customer statements, imported from ERP and Excel exports. Shared by the core
// (the import engine, the grids' queries) and the renderer (the wizard's resolution
// step, the actuals area).

import type { DateOrder, DateSystem, MoneyRounding } from './importValues';

export const ACTUAL_KINDS = ['sales', 'market', 'audit', 'visit', 'statement', 'expense'] as const;
export type ActualKind = (typeof ACTUAL_KINDS)[number];

/** The import destination of each kind ("actuals:sales"). */
export const actualsDestination = (kind: ActualKind): string => `actuals:${kind}`;

export function actualKindOfDestination(destination: string): ActualKind | null {
  const m = /^actuals:([a-z]+)$/.exec(destination);
  return m && (ACTUAL_KINDS as readonly string[]).includes(m[1]) ? (m[1] as ActualKind) : null;
}

// ---- how the values are read ------------------------------------------------------

/** Amount columns in the file are in 元 or in 萬元 (market research often is). */
export const AMOUNT_UNITS = ['yuan', 'wan'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

export interface ActualsReadOptions {
  /** Day/month-first dates are read only when the user chose an order ('ymd': refused as ambiguous). */
  dateOrder: DateOrder;
  /** Excel day numbers in a CSV: 1900 (Windows) or 1904 (old Mac). Workbooks say their own. */
  dateSystem: DateSystem;
  amountUnit: AmountUnit;
  /** Amounts with more decimals than 分: rounded half away from zero (default), or refused. */
  rounding?: MoneyRounding;
}

export const DEFAULT_ACTUALS_READ_OPTIONS: ActualsReadOptions = { dateOrder: 'ymd', dateSystem: 1900, amountUnit: 'yuan' };

// ---- unknown members ---------------------------------------------------------------

/** Master data an imported row can name. */
export const MEMBER_DIMENSIONS = ['customer', 'sku', 'city', 'brand', 'category', 'terminal', 'salesperson', 'channel', 'expenseItem'] as const;
export type MemberDimension = (typeof MEMBER_DIMENSIONS)[number];

/** What creating a member of the dimension needs the user to choose. */
export const CREATE_NEEDS: Record<MemberDimension, readonly ('province' | 'city' | 'channel' | 'brand' | 'category')[]> = {
  customer: ['city', 'channel'],
  sku: ['brand', 'category'],
  city: ['province'],
  brand: [],
  category: [],
  terminal: ['city', 'channel'],
  salesperson: [],
  channel: [],
  expenseItem: [],
};

export const RESOLUTION_ACTIONS = ['map', 'create', 'skip'] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/**
 * The user's decision for one unknown value, made in the preview: map it to an
 * existing member, create it (with what CREATE_NEEDS asks), or skip its rows.
 */
export interface Resolution {
  dimension: MemberDimension;
  /** The value as the file has it (trimmed). */
  value: string;
  action: ResolutionAction;
  /** map: the existing member. */
  id?: number;
  /** create: the new member's name (default: the file's name column, else the value). */
  name?: string;
  provinceId?: number;
  cityId?: number;
  channelId?: number;
  brandId?: number;
  categoryId?: number;
}

/** A value the file names that the region's master data does not have. */
export interface UnknownMember {
  dimension: MemberDimension;
  value: string;
  /** The name the file gives it, when a name column is mapped beside a code column. */
  fileName: string | null;
  /** Rows that name it. */
  rows: number;
  /** 1-based file row number of the first such row. */
  firstRow: number;
  /** Existing members whose code or name resemble it (up to 5), best first. */
  suggestions: { id: number; code: string; name: string }[];
  /** The decision sent with this preview, if any. */
  resolution: Resolution | null;
  /** What the dimension's bulk policy does with it, when one does. */
  policy?: ResolutionAction | null;
}

// ---- unknown members in bulk ---------------------------------------------------------

/**
 * What a member created in bulk takes from the file (or from a default): a customer's
 * city, province, channel and salesperson; a SKU's brand, category, pack size and price;
 * a store's city, province and channel; a city's province.
 */
export const MEMBER_ATTRIBUTES = ['province', 'city', 'channel', 'salesperson', 'brand', 'category', 'packSize', 'price'] as const;
export type MemberAttribute = (typeof MEMBER_ATTRIBUTES)[number];

export const DIMENSION_ATTRIBUTES: Partial<Record<MemberDimension, readonly MemberAttribute[]>> = {
  customer: ['city', 'province', 'channel', 'salesperson'],
  sku: ['brand', 'category', 'packSize', 'price'],
  terminal: ['city', 'province', 'channel'],
  city: ['province'],
};

/** Attributes that name master data of their own; a value the region lacks is created beside the members (after confirmation). */
export const SUPPORTING_DIMENSIONS = ['province', 'city', 'channel', 'salesperson', 'brand', 'category'] as const;
export type SupportingDimension = (typeof SUPPORTING_DIMENSIONS)[number];

/**
 * One decision for every unknown value of a dimension: create them all (each attribute
 * from its mapped column, else from the default), skip their rows, or map each by another
 * column of the same row (e.g. the customer-name column) to an existing member. A
 * per-value Resolution overrides it.
 */
export interface BulkPolicy {
  dimension: MemberDimension;
  action: ResolutionAction;
  /** create: the value of an attribute where the file's column is unmapped or empty (a name or code; packSize a number, price in 元). */
  defaults?: Partial<Record<MemberAttribute, string>>;
  /** map: the 0-based column whose value names the existing member. */
  column?: number;
}

export interface BulkRequest {
  policies: BulkPolicy[];
  /**
   * The supporting members (cities, channels, brands…) the preview listed, confirmed by
   * their count and hash: a commit creates them only when they are exactly this list.
   */
  confirm?: { count: number; hash: string };
}

/** A city, channel, brand… that members created in bulk need and the region does not have. */
export interface SupportingMember {
  dimension: SupportingDimension;
  name: string;
  /** city: the province it goes into (an existing one or one from the national catalog); null when it has to be chosen. */
  province: string | null;
  /** province and city: the national catalog's code when the name is in it. */
  catalogCode: string | null;
  /** Members of the import that name it. */
  uses: number;
}

/** A member whose rows give an attribute two different values (the first one is kept). */
export interface AttributeConflict {
  dimension: MemberDimension;
  value: string;
  attribute: MemberAttribute;
  kept: string;
  other: string;
  /** 1-based file row of the first row with the other value. */
  row: number;
}

export interface BulkDimensionPlan {
  dimension: MemberDimension;
  /** Values the master data lacks (decided or not). */
  unknown: number;
  policy: ResolutionAction | null;
  /** Values the policy creates, skips, maps; the rest are still undecided (a map that found nothing). */
  created: number;
  skipped: number;
  mapped: number;
  /** Members to create that have no value for an attribute they need (neither column nor default). */
  missing: { attribute: MemberAttribute; count: number }[];
}

export interface BulkPreview {
  dimensions: BulkDimensionPlan[];
  supporting: SupportingMember[];
  /** sha256 of the supporting list; a commit confirms it with `bulk.confirm`. */
  supportingHash: string;
  conflicts: AttributeConflict[];
  conflictCount: number;
  /** The distinct values the file names for each attribute (the first 200), for the default pickers. */
  fileValues: Partial<Record<MemberAttribute, string[]>>;
}

/**
 * Earlier rows a commit takes away, per batch and month: 'replace', rows of an earlier
 * import of the same source in the file's months (removed first); 'overwrite', rows of
 * another source with a key the file has (sales, market data, statements), overwritten.
 */
export interface TakenRows {
  action: 'replace' | 'overwrite';
  /** The batch that holds them now, its file and its source ('' for the demo's batches). */
  batchId: number;
  fileName: string;
  source: string;
  /** yyyymm. */
  period: number;
  rows: number;
}

/** What a commit of this file will do to the region's rows of the kind. */
export interface BatchPlan {
  kind: ActualKind;
  /** The source: the saved mapping's name, else the file name's pattern (src/shared/sourceName.ts); same source + same period replaces. */
  source: string;
  /** First and last month the file covers (yyyymm), null when no row is valid. */
  periodFrom: number | null;
  periodTo: number | null;
  /** Rows the region keeps after the commit (lines: sales are month × customer × SKU). */
  lines: number;
  /** File rows added into another row's line (an ERP export by invoice → one line per month × customer × SKU). */
  combined: number;
  /** Rows skipped by a resolution. */
  skipped: number;
  /** Existing rows of earlier imports of the same source in those months, which the commit removes first. */
  replaces: number;
  /** Existing rows of other imports with the same key, which the commit overwrites. */
  overwrites: number;
  /** Members the commit creates (resolutions 'create' and bulk creates, not the supporting ones). */
  creates: number;
  /** What `replaces` and `overwrites` take away, by action, source, batch and month. */
  taken: TakenRows[];
  /**
   * The other sources whose rows the commit overwrites: the commit needs
   * replaceOtherSources to do it (the wizard asks, the command line needs a flag).
   */
  otherSources: string[];
}

// ---- batches and grids -------------------------------------------------------------

export interface BatchInfo {
  id: number;
  kind: ActualKind;
  /** The file's name. */
  fileName: string;
  /** The source (saved mapping name); '' for batches made by the demo generator. */
  source: string;
  /** sha256 of the file's bytes. */
  hash: string;
  importedAt: string;
  /** Rows the import wrote. */
  rowCount: number;
  /** Rows of it still in the file (later imports may have overwritten or replaced some): the batch's count everywhere it is shown. */
  liveRows: number;
  /** What later imports took from it, per taking batch (newest first); a removed taking batch has batchId null. */
  losses: BatchLoss[];
  periodFrom: number | null;
  periodTo: number | null;
  encoding: string | null;
}

/** Rows of a batch that a later import took away. */
export interface BatchLoss {
  action: 'replace' | 'overwrite';
  batchId: number | null;
  fileName: string;
  rows: number;
}

/** A filter of an actuals grid. Periods are yyyymm; dates in the audits and visits are matched by month. */
export interface ActualsFilter {
  periodFrom?: number;
  periodTo?: number;
  batchId?: number;
  /** Matched against codes and names of the row's customer, SKU, store, city, brand (case-insensitive, contains). */
  search?: string;
}

export type ActualCell = string | number | boolean | null;
/** One grid row: the kind's columns (ACTUAL_COLUMNS) plus batchId and batchName. */
export type ActualRow = Record<string, ActualCell>;

export interface ActualsListResult {
  rows: ActualRow[];
  /** Rows matching the filter (rows holds the first `limit`). */
  total: number;
  /** Sums over every matching row of the kind's money and volume columns. */
  totals: Record<string, number>;
}

export type ActualColumnType = 'period' | 'date' | 'text' | 'money' | 'integer' | 'boolean' | 'batch';

export interface ActualColumn {
  key: string;
  type: ActualColumnType;
}

/** The columns of each kind's grid, in order; labels are i18n `actuals.column.<key>`. */
export const ACTUAL_COLUMNS: Record<ActualKind, readonly ActualColumn[]> = {
  sales: [
    { key: 'period', type: 'period' },
    { key: 'customerCode', type: 'text' },
    { key: 'customerName', type: 'text' },
    { key: 'skuCode', type: 'text' },
    { key: 'skuName', type: 'text' },
    { key: 'amountCents', type: 'money' },
    { key: 'volume', type: 'integer' },
    { key: 'grossProfitCents', type: 'money' },
    { key: 'batchName', type: 'batch' },
  ],
  market: [
    { key: 'period', type: 'period' },
    { key: 'cityName', type: 'text' },
    { key: 'categoryName', type: 'text' },
    { key: 'brandName', type: 'text' },
    { key: 'isOwn', type: 'boolean' },
    { key: 'amountCents', type: 'money' },
    { key: 'volume', type: 'integer' },
    { key: 'batchName', type: 'batch' },
  ],
  audit: [
    { key: 'auditDate', type: 'date' },
    { key: 'terminalCode', type: 'text' },
    { key: 'terminalName', type: 'text' },
    { key: 'cityName', type: 'text' },
    { key: 'brandName', type: 'text' },
    { key: 'isOwn', type: 'boolean' },
    { key: 'categoryName', type: 'text' },
    { key: 'skusOnShelf', type: 'integer' },
    { key: 'facings', type: 'integer' },
    { key: 'shelfPriceCents', type: 'money' },
    { key: 'hasDisplay', type: 'boolean' },
    { key: 'selloutCents', type: 'money' },
    { key: 'auditorName', type: 'text' },
    { key: 'batchName', type: 'batch' },
  ],
  visit: [
    { key: 'visitDate', type: 'date' },
    { key: 'customerCode', type: 'text' },
    { key: 'customerName', type: 'text' },
    { key: 'salespersonName', type: 'text' },
    { key: 'salesGoal', type: 'text' },
    { key: 'businessGoal', type: 'text' },
    { key: 'outcome', type: 'text' },
    { key: 'stock', type: 'text' },
    { key: 'prices', type: 'text' },
    { key: 'complaints', type: 'text' },
    { key: 'promises', type: 'text' },
    { key: 'batchName', type: 'batch' },
  ],
  statement: [
    { key: 'period', type: 'period' },
    { key: 'customerCode', type: 'text' },
    { key: 'customerName', type: 'text' },
    { key: 'inventoryCents', type: 'money' },
    { key: 'inventoryVolume', type: 'integer' },
    { key: 'receivableCents', type: 'money' },
    { key: 'prepaymentCents', type: 'money' },
    { key: 'batchName', type: 'batch' },
  ],
  expense: [
    { key: 'period', type: 'period' },
    { key: 'itemCode', type: 'text' },
    { key: 'itemName', type: 'text' },
    { key: 'brandName', type: 'text' },
    { key: 'categoryName', type: 'text' },
    { key: 'channelName', type: 'text' },
    { key: 'cityName', type: 'text' },
    { key: 'amountCents', type: 'money' },
    { key: 'note', type: 'text' },
    { key: 'batchName', type: 'batch' },
  ],
};

/** The most rows one grid request returns; the grid says how many more match. */
export const ACTUALS_LIST_LIMIT = 5_000;
