import { z } from 'zod';
import { command, query } from '../endpoint';
import type { AbcClass } from '../pareto';
import { CUSTOMER_TIERS, type BlankReason, type CustomerTierName } from './analysisCustomers';

// 渠道客戶建設規劃, the channel customer plan of a plan version: how each blank area (the
// customers analysis's list) is to be filled, the recruitment pipeline of prospective
// customers (招商), and planned changes to existing customers; each tracked against what
// happened (the area still blank or not, the prospect's first order from the monthly
// sales summary, the customer's master data now). Months are yyyymm periods of the plan
// year. Money is integer cents (分).

export const FILL_METHODS = ['recruit', 'extend', 'sub_distributor'] as const;
export type FillMethod = (typeof FILL_METHODS)[number];
export const PIPELINE_STAGES = ['identified', 'contacted', 'negotiating', 'signed', 'lost'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export const CHANGE_KINDS = ['upgrade', 'tier', 'abc', 'credit', 'terminate'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const ABC_CLASSES = ['A', 'B', 'C'] as const;

/** The contract's ceiling for one money figure (cents). */
export const MAX_PLAN_CENTS = 1e13;

const idSchema = z.number().int().positive();
/** A yyyymm period; whether it lies in the plan year is the service's rule (it names the year). */
export const periodSchema = z
  .number()
  .int()
  .min(200001)
  .max(210012)
  .refine((p) => p % 100 >= 1 && p % 100 <= 12, { message: 'not a month (yyyymm)' });
const centsSchema = z.number().int().min(0).max(MAX_PLAN_CENTS);
const noteSchema = z.string().max(2000);

/** The customer a row names, as the master data has it now. */
export interface PlanCustomerRef {
  id: number;
  code: string;
  name: string;
  cityId: number;
  countyId: number | null;
  tier: CustomerTierName;
  status: 'active' | 'prospect' | 'terminated';
  creditLimitCents: number;
  ownerId: number | null;
}

/** A blank area of the customers analysis, or an area the plan names, with its fill plan (planId null: none yet). */
export interface FillRow {
  /** `c<cityId>` or `c<cityId>-<countyId>`: stable whether planned or not. */
  key: string;
  planId: number | null;
  cityId: number;
  cityName: string;
  provinceName: string;
  countyId: number | null;
  countyName: string | null;
  /** Whether the analysis lists the city as a blank area now (a county: no active distributor or sub-distributor names it). */
  blankNow: boolean;
  reason: BlankReason;
  activeDistributors: number;
  coverage: number | null;
  fillPeriod: number | null;
  method: FillMethod | null;
  viaCustomerId: number | null;
  ownerId: number | null;
  firstYearSalesCents: number;
  note: string;
}

export interface ProspectRow {
  id: number;
  customerId: number;
  stage: PipelineStage;
  firstOrderPeriod: number | null;
  yearSalesCents: number;
  ownerId: number | null;
  note: string;
  customer: PlanCustomerRef;
  cityName: string;
  /** The first month with sales of the customer (monthly summary), any year; null: no order yet. */
  firstOrderActual: number | null;
  /** The plan year's sales so far (cents), as the customers analysis counts them. */
  actualSalesCents: number;
}

export interface ChangeRow {
  id: number;
  customerId: number;
  kind: ChangeKind;
  period: number;
  toTier: CustomerTierName | null;
  toAbc: AbcClass | null;
  toCreditCents: number | null;
  reason: string;
  customer: PlanCustomerRef;
  /** The customer's class in the plan year's sales (as the customers analysis classes them); null without sales. */
  abcNow: AbcClass | null;
  /** The master data (or the class) already shows what the change aims at. */
  done: boolean;
}

export interface PipelineStageSummary {
  stage: PipelineStage;
  count: number;
  yearSalesCents: number;
}

export interface PipelineCitySummary {
  cityId: number;
  cityName: string;
  counts: Record<PipelineStage, number>;
  yearSalesCents: number;
}

export interface ChannelPlanTracking {
  /** Blank areas of the analysis now, and how many of them have a fill plan. */
  blankAreas: number;
  blankPlanned: number;
  /** Fill plans whose area is still blank / no longer blank. */
  stillBlank: number;
  filled: number;
  firstYearSalesCents: number;
  /** Prospects (not lost) in the pipeline, those that placed a first order, and their plan-year sales. */
  prospects: number;
  firstOrders: number;
  pipelineSalesCents: number;
  prospectActualCents: number;
  /** Planned customer changes and those the master data already shows. */
  changes: number;
  changesDone: number;
}

export interface ChannelPlan {
  versionId: number;
  versionName: string;
  frozen: boolean;
  planYear: number;
  coverageTarget: number;
  fills: FillRow[];
  prospects: ProspectRow[];
  changes: ChangeRow[];
  pipeline: { byStage: PipelineStageSummary[]; byCity: PipelineCitySummary[] };
  tracking: ChannelPlanTracking;
  refs: {
    salespeople: { id: number; name: string }[];
    cities: { id: number; name: string; provinceName: string }[];
    counties: { id: number; name: string; cityId: number }[];
    customers: PlanCustomerRef[];
  };
}

const fillRow = z
  .object({
    cityId: idSchema,
    countyId: idSchema.nullable().optional(),
    fillPeriod: periodSchema.nullable().optional(),
    method: z.enum(FILL_METHODS).optional(),
    viaCustomerId: idSchema.nullable().optional(),
    ownerId: idSchema.nullable().optional(),
    firstYearSalesCents: centsSchema.optional(),
    note: noteSchema.optional(),
  })
  .strict();

const prospectRow = z
  .object({
    id: idSchema.optional(),
    customerId: idSchema.optional(),
    stage: z.enum(PIPELINE_STAGES).optional(),
    firstOrderPeriod: periodSchema.nullable().optional(),
    yearSalesCents: centsSchema.optional(),
    ownerId: idSchema.nullable().optional(),
    note: noteSchema.optional(),
  })
  .strict();

const changeRow = z
  .object({
    id: idSchema.optional(),
    customerId: idSchema.optional(),
    kind: z.enum(CHANGE_KINDS).optional(),
    period: periodSchema.optional(),
    toTier: z.enum(CUSTOMER_TIERS).nullable().optional(),
    toAbc: z.enum(ABC_CLASSES).nullable().optional(),
    toCreditCents: centsSchema.nullable().optional(),
    reason: noteSchema.optional(),
  })
  .strict();

export type FillRowInput = z.infer<typeof fillRow>;
export type ProspectRowInput = z.infer<typeof prospectRow>;
export type ChangeRowInput = z.infer<typeof changeRow>;

const READS = ['chapters', 'targets', 'master', 'actuals', 'analysis'] as const;

export const planChannelEndpoints = {
  /** The channel customer plan of a version (default: the working plan), with what happened so far. */
  'plan.channel.get': query<ChannelPlan>(READS)(z.object({ versionId: idSchema.optional() }).strict()),
  /** Sets the fill plans of areas (a city, or a county of it), made when missing; one undo step. A fill month outside the plan year is refused. */
  'plan.channel.fills.apply': command<{ ids: number[] }>(['chapters'])(z.object({ rows: z.array(fillRow).min(1).max(5000) }).strict()),
  'plan.channel.fills.remove': command<{ removed: number }>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(5000) }).strict()),
  /**
   * Adds (no id: needs the customer, a prospect of the master data) and updates (id)
   * pipeline rows; one undo step. A row that becomes signed makes its prospect an active customer in the same step.
   */
  'plan.channel.prospects.apply': command<{ ids: number[] }>(['chapters', 'master'])(z.object({ rows: z.array(prospectRow).min(1).max(5000) }).strict()),
  'plan.channel.prospects.remove': command<{ removed: number }>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(5000) }).strict()),
  /** Signs a prospect: the row's stage becomes signed and the customer active, one undo step. */
  'plan.channel.prospects.sign': command<null>(['chapters', 'master'])(z.object({ id: idSchema }).strict()),
  /** Adds (no id: needs customer, kind and month) and updates (id) planned customer changes; one undo step. */
  'plan.channel.changes.apply': command<{ ids: number[] }>(['chapters'])(z.object({ rows: z.array(changeRow).min(1).max(5000) }).strict()),
  'plan.channel.changes.remove': command<{ removed: number }>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(5000) }).strict()),
} as const;
