import { z } from 'zod';
import { command, query } from '../endpoint';

// 終端建設規劃, the terminal plan of a plan version: stores to open by city × channel ×
// month, numeric distribution (鋪貨率) and shelf-share (貨架佔有率) targets of our brands by
// city × channel × category, and per-SKU distribution targets. Targets are ratios
// (0.35 = 35%). The figures beside them are the terminals analysis's own (each store's
// latest audit in the year; kpi.ts's measures): the baseline from the latest year of
// audits before the plan year, and the actual of the year tracked (the plan year unless
// another is chosen). Queries read the working version unless `versionId` names another
// (a snapshot shows read-only); commands edit the working version.

const idSchema = z.number().int().positive();
const monthSchema = z.number().int().min(1).max(12);
const yearSchema = z.number().int().min(2000).max(2100);
/** A target as a ratio; its range (0–1) is a rule of the plan, checked in the core so the refusal can name the cell. */
const ratioSchema = z.number().finite();
export const MAX_STORES_TO_OPEN = 100_000;

export interface PlanTerminalOption {
  id: number;
  name: string;
}

export interface PlanTerminalSkuOption {
  id: number;
  code: string;
  name: string;
  categoryId: number;
  isNew: boolean;
}

/** Stores to open in one city × channel. */
export interface OpeningRow {
  cityId: number;
  cityName: string;
  channelId: number;
  channelName: string;
  /** Twelve months, January first. */
  months: number[];
  quarters: number[];
  year: number;
  /** Stores of the city × channel in the terminal master with the status "to open" (prospect). */
  named: number;
}

/** Our brands' measures in a slice and year (null: no store audited there). */
export interface ShareFigures {
  /** Stores whose latest audit of the year has a line in the category. */
  audited: number;
  distribution: number | null;
  shelf: number | null;
}

export interface StrongestCompetitor {
  name: string;
  value: number;
}

export interface ShareTargetRow {
  id: number;
  cityId: number;
  cityName: string;
  channelId: number;
  channelName: string;
  categoryId: number;
  categoryName: string;
  distributionTarget: number | null;
  shelfTarget: number | null;
  baseline: ShareFigures;
  /** The competitor with the highest measure in the baseline, one per measure. */
  competitorDistribution: StrongestCompetitor | null;
  competitorShelf: StrongestCompetitor | null;
  actual: ShareFigures;
  /** actual − target (ratio); null when either is missing. */
  distributionGap: number | null;
  shelfGap: number | null;
  /** actual − baseline (ratio): the direction the measure moved. */
  distributionTrend: number | null;
  shelfTrend: number | null;
}

export interface SkuFigures {
  audited: number;
  carrying: number;
  distribution: number | null;
}

export interface SkuTargetRow {
  skuId: number;
  skuCode: string;
  skuName: string;
  categoryName: string;
  isNew: boolean;
  target: number;
  baseline: SkuFigures;
  actual: SkuFigures;
  gap: number | null;
}

export interface PlanTerminalVersion {
  id: number;
  name: string;
  kind: 'working' | 'snapshot' | 'scenario';
  frozen: boolean;
}

export interface TerminalPlan {
  versionId: number;
  /** A snapshot: shown read-only. */
  frozen: boolean;
  /** Only the working version is edited here. */
  editable: boolean;
  planYear: number;
  /** The latest year of audits before the plan year; null when there is none. */
  baselineYear: number | null;
  trackYear: number;
  /** Years that can be tracked: every year with audits, and the plan year. */
  trackYears: number[];
  openings: OpeningRow[];
  openingTotal: { months: number[]; quarters: number[]; year: number; named: number };
  shareTargets: ShareTargetRow[];
  skuTargets: SkuTargetRow[];
  options: {
    versions: PlanTerminalVersion[];
    cities: PlanTerminalOption[];
    channels: PlanTerminalOption[];
    categories: PlanTerminalOption[];
    /** Our SKUs, new ones first. */
    skus: PlanTerminalSkuOption[];
  };
}

export interface TerminalTrendPoint {
  /** yyyymm */
  month: number;
  audited: number;
  distribution: number | null;
  shelf: number | null;
}

export interface TerminalTrend {
  year: number;
  points: TerminalTrendPoint[];
}

const versionInput = { versionId: idSchema.optional(), trackYear: yearSchema.optional() };

const openingCell = z.object({ cityId: idSchema, channelId: idSchema, month: monthSchema, stores: z.number().int().min(0).max(MAX_STORES_TO_OPEN) }).strict();
const pairSchema = z.object({ cityId: idSchema, channelId: idSchema }).strict();
const shareRow = z
  .object({
    id: idSchema.optional(),
    cityId: idSchema.optional(),
    channelId: idSchema.optional(),
    categoryId: idSchema.optional(),
    distribution: ratioSchema.nullable().optional(),
    shelf: ratioSchema.nullable().optional(),
  })
  .strict();
const skuRow = z.object({ skuId: idSchema, distribution: ratioSchema.nullable() }).strict();

export type OpeningCellInput = z.infer<typeof openingCell>;
export type ShareTargetInput = z.infer<typeof shareRow>;
export type SkuTargetInput = z.infer<typeof skuRow>;

const READS = ['chapters', 'targets', 'actuals', 'master'] as const;

export const planTerminalEndpoints = {
  /** The chapter: stores to open, share targets and SKU targets with their baseline, competitor, actual and gap. */
  'plan.terminal.get': query<TerminalPlan>(READS)(z.object(versionInput).strict()),
  /** Our brands' 鋪貨率 and 貨架佔有率 of a share target's slice by month of a year (default: the year tracked). */
  'plan.terminal.trend': query<TerminalTrend>(READS)(z.object({ id: idSchema, versionId: idSchema.optional(), year: yearSchema.optional() }).strict()),
  /** Sets stores to open per city × channel × month (a new city × channel is added); one undo step. */
  'plan.terminal.setOpenings': command<null>(['chapters'])(z.object({ cells: z.array(openingCell).min(1).max(10_000) }).strict()),
  /** Removes city × channel rows of stores to open; one undo step. */
  'plan.terminal.removeOpenings': command<null>(['chapters'])(z.object({ pairs: z.array(pairSchema).min(1).max(10_000) }).strict()),
  /**
   * Adds share targets (city, channel and category required) or changes them (by id; omitted
   * fields kept, null clears). A target outside 0–100% is refused naming the cell; one undo step.
   */
  'plan.terminal.applyShareTargets': command<{ ids: number[] }>(['chapters'])(z.object({ rows: z.array(shareRow).min(1).max(10_000) }).strict()),
  'plan.terminal.removeShareTargets': command<null>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict()),
  /** Sets SKUs' distribution targets (null removes one); our SKUs only; one undo step. */
  'plan.terminal.setSkuTargets': command<null>(['chapters'])(z.object({ rows: z.array(skuRow).min(1).max(10_000) }).strict()),
} as const;
