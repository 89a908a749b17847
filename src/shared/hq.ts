import type { PlanAnswer } from './submit';

// Head office's side: what the consolidated workbook (io/hqWorkbook) is written from.
// The head-office store builds the model from the accepted packages and head office's
// targets; the writer only lays it out. Amounts are integer cents, months index 0 =
// January, every monthly array has 12 entries.

export interface ConsolidatedModel {
  planYear: number;
  cycleName: string;
  /** When the model was built (ISO 8601), written as it is. */
  generatedAt: string;
  /** Every expected region, in the order the workbook lists them. */
  regions: { id: string; name: string; state: RegionState; revision: number | null; receivedAt: string | null; fingerprint: string | null; late: boolean }[];
  /** Per region: 12 months of plan amount (cents), volume, gross profit (cents), and head office's target amount (cents) and volume. */
  byRegionMonth: { regionId: string; planCents: number[]; volume: number[]; grossProfitCents: number[]; targetCents: number[]; targetVolume: number[] }[];
  byBrand: { brand: string; category: string | null; planCents: number[]; volume: number[] }[];
  byChannel: { channel: string; planCents: number[]; volume: number[] }[];
  expenseByRegion: { regionId: string; budgetCents: number[]; salesCents: number[] }[];
}

// Head office's side: one plan cycle's workspace (a .rplanhq file or a PostgreSQL
// database) that receives every region's plan package, checks it, keeps the accepted
// revision of each region, and consolidates them into the national plan.

export const HQ_EXTENSION = '.rplanhq';

/** A region's state on the status board: 未報送, 已報送, 退回, 已確認. */
export type RegionState = 'pending' | 'submitted' | 'returned' | 'confirmed';
export const REGION_STATES: readonly RegionState[] = ['pending', 'submitted', 'returned', 'confirmed'];

export interface CycleSettings {
  planYear: number;
  name: string;
  /** Tolerance on a region's gap to head office's target, a fraction (0.01 = 1%). */
  tolerance: number;
  /** Expense-ratio cap (budget ÷ plan amount), a fraction, or null. */
  expenseCap: number | null;
  /** YYYY-MM-DD, or null. */
  dueDate: string | null;
}

export interface NewCycle extends Partial<Omit<CycleSettings, 'planYear'>> {
  planYear: number;
  /** The regions expected, by name (their ids are bound on their first package). */
  regions?: string[];
}

export interface ReceiveOptions {
  /** Who receives (the receipt log's "who"). */
  by: string;
  /** Accept a known region's package signed by another key, and pin that key. */
  acceptNewKey?: boolean;
  /** Accept a known region's new key only when the package is signed by the key of this fingerprint (the one head office checked), and pin it. */
  acceptKey?: string;
  /** Add a region that is not expected (head office's say-so). */
  registerRegion?: boolean;
  /** The words' language (default zh-Hant). */
  language?: 'zh-Hant' | 'zh-Hans' | 'en';
  /** The receipt's time (default now), ISO. */
  now?: string;
}

/** What receiving one package file says. */
export interface Receipt {
  receiptId: number;
  fileName: string;
  /** The package file received (so that the window can receive it again with head office's say-so). */
  path: string;
  verdict: 'accepted' | 'refused';
  /** The reason key: a plan-package reason (e.g. "badSignature") or head office's own (e.g. "replayed"); null when accepted. */
  reason: string | null;
  params: Record<string, string | number>;
  message: string;
  regionName: string | null;
  revision: number | null;
  packageId: string | null;
  fingerprint: string | null;
  /** Plan rows loaded (region × month × city × channel × SKU), 0 when refused. */
  factRows: number;
}

export interface MonthFigures {
  month: number;
  planCents: number;
  volume: number;
  targetCents: number;
  targetVolume: number;
}

/** One row of the status board. */
export interface BoardRow {
  regionKey: number;
  regionId: string | null;
  regionName: string;
  expected: boolean;
  state: RegionState;
  revision: number | null;
  packageId: string | null;
  receivedAt: string | null;
  fingerprint: string | null;
  planCents: number;
  volume: number;
  grossProfitCents: number;
  targetCents: number;
  targetVolume: number;
  months: MonthFigures[];
  /** Gross profit planned per month, January first. */
  monthsGrossProfitCents: number[];
  budgetCents: number;
  /** Budget ÷ plan amount, or null with no plan. */
  expenseRatio: number | null;
  /** Warning keys (hq.warning.<key>) with their values. */
  warnings: { key: string; params: Record<string, string | number> }[];
  /** Not submitted (or returned and not resubmitted) past the due date. */
  late: boolean;
}

export interface Board {
  cycle: CycleSettings;
  regions: BoardRow[];
}

/** What a return (退回) or a confirmation writes: what the region's return file says. */
export type Decision = PlanAnswer;

export interface TargetInput {
  /** The region by name or id. */
  region: string;
  month: number;
  amountCents: number;
  volume: number;
  brandCode?: string;
  channelCode?: string;
}

/** One cell of a consolidated view. */
export interface NationalCell {
  regionKey: number;
  regionName: string;
  month: number;
  planCents: number;
  volume: number;
  grossProfitCents: number;
  targetCents: number;
  targetVolume: number;
}

export interface DimensionRow {
  code: string;
  name: string;
  /** Category under a brand, or null. */
  parentCode: string | null;
  parentName: string | null;
  planCents: number;
  volume: number;
  grossProfitCents: number;
}

export interface ExpenseRow {
  regionKey: number;
  regionName: string;
  budgetCents: number;
  planCents: number;
  ratio: number | null;
  overCap: boolean;
  items: { code: string; name: string; amountCents: number }[];
}

export interface DrillFilter {
  month?: number;
  brandCode?: string;
  categoryCode?: string;
  channelCode?: string;
}

export interface ConsolidationChange {
  regionKey: number;
  regionName: string;
  fromRevision: number | null;
  toRevision: number | null;
  fromPlanCents: number;
  toPlanCents: number;
  months: { month: number; fromCents: number; toCents: number }[];
}
