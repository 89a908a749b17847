import { z } from 'zod';
import { command, query } from '../endpoint';

// Target planning: plan versions, head office's target, the target tree
// at any hierarchy, edits that spread down or roll up, locks, seasonality, the
// balanced breakdown (IPF), scenario comparison and the gap check.
//
// Units on the wire: `amount` values are integer cents and always whole 元
// (multiples of 100); `volume` values are whole units (cases). Months are 1..12 of
// the plan year. A node is named by its path: one id per level of the chosen
// hierarchy, 0 meaning "none" (a leaf with no customer yet, a customer with no owner).

export const TARGET_DIMS = ['province', 'city', 'channel', 'customer', 'brand', 'category', 'sku', 'salesperson'] as const;
export type TargetDim = (typeof TARGET_DIMS)[number];

export const TARGET_MEASURES = ['amount', 'volume'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

/**
 * How an edited total is shared among the leaves under it:
 * lastYear/last12: in proportion to the plan year's previous calendar year / the last
 * 12 months of actuals; version: to another version's values; current: keep the
 * current shape; equal; seasonal: months by the version's seasonality profile, leaves
 * within a month by their current share (manual weights have their own channel).
 */
export const SPREAD_METHODS = ['lastYear', 'last12', 'version', 'current', 'equal', 'seasonal'] as const;
export type SpreadMethod = (typeof SPREAD_METHODS)[number];

/** The period a cell covers: 'year', 'q1'..'q4', or 'm1'..'m12'. */
export const TARGET_PERIODS = [
  'year', 'q1', 'q2', 'q3', 'q4',
  'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12',
] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

export const SCENARIO_NAMES = ['base', 'stretch', 'conservative'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface PlanVersionInfo {
  id: number;
  name: string;
  kind: 'working' | 'snapshot' | 'scenario';
  /** For scenarios: base / stretch / conservative, or null for a free one. */
  scenario: ScenarioName | null;
  frozen: boolean;
  basedOnId: number | null;
  createdAt: string;
  note: string;
  /** Leaf cells (customer × SKU × month) in the version. */
  cellCount: number;
  amountCents: number;
  volume: number;
}

export interface TargetNode {
  /** One id per level down to this node's depth (0 = none). */
  path: number[];
  /** 0-based level in the hierarchy. */
  depth: number;
  dim: TargetDim;
  code: string;
  label: string;
  /** The measure's 12 monthly values. */
  months: number[];
  /** Last year's actuals (calendar year before the plan year), 12 months. */
  lastYear: number[];
  /** True when the node is above the last level (it can expand). */
  hasChildren: boolean;
  /** True when its children are in this answer; false: ask targets.tree with this path. */
  childrenLoaded: boolean;
  /** Whole year locked, some cells locked, or none (from the version's locks). */
  lock: 'none' | 'some' | 'all';
  /** Months (1..12) locked for the whole node. */
  lockedMonths: number[];
}

export interface TargetTreeResult {
  nodes: TargetNode[];
  /** The root (the region): 12 months and last year, for the totals row. */
  total: { months: number[]; lastYear: number[] };
  /** Whether the version has any leaf cells yet (false: a new, empty plan). */
  seeded: boolean;
}

export interface HoTargetMonth {
  month: number;
  amountCents: number;
  volume: number;
  grossProfitCents: number;
  newProductCents: number;
}

/** The gap check and derived targets, by month (index 0 = January). */
export interface TargetSummary {
  versionId: number;
  seeded: boolean;
  cellCount: number;
  plan: { amountCents: number[]; volume: number[]; grossProfitCents: number[]; newProductCents: number[] };
  ho: { amountCents: number[]; volume: number[]; grossProfitCents: number[]; newProductCents: number[] };
  /** grossProfitCents is over the sales whose gross profit is known; amountNoGpCents are the rest (SKUs whose cost is missing). */
  lastYear: { amountCents: number[]; volume: number[]; grossProfitCents: number[]; amountNoGpCents: number[] };
  /** The calendar year the last-year columns come from. */
  lastYearOf: number;
  /** SKUs with a plan amount whose standard cost is not known: left out of the gross-profit target. */
  costMissing: { skus: number; amountCents: number };
}

export interface TargetLock {
  id: number;
  /** The slice: dimension → id pairs, e.g. [{ dim: 'province', id: 3 }]. Empty: the whole region. */
  scope: { dim: TargetDim; id: number }[];
  /** 0: every month; 1..12: that month only. */
  month: number;
  /** The slice's name for people, e.g. "浙江省 · KA". */
  label: string;
}

export interface SpreadOutcome {
  /** Leaf cells whose value changed. */
  changed: number;
  /** What the spread actually followed (a method with no data falls back). */
  basis: 'weights' | 'current' | 'equal' | 'none';
  /** True when this edit created the plan's leaves (a new, empty plan). */
  seeded: boolean;
}

export interface SeasonalityInfo {
  /** The profile in use: 12 weights averaging 1. */
  profile: number[];
  /** The profile from the last three years of actuals. */
  fromHistory: number[];
  custom: boolean;
}

export interface BalanceResult {
  iterations: number;
  converged: boolean;
  /** Largest |target − result| over every month and brand × channel total, in the measure's units. */
  maxResidual: number;
  /** Per month: target, result after rounding. */
  months: { target: number; result: number }[];
  /** Per brand × channel pair. */
  pairs: { brandId: number; channelId: number; brand: string; channel: string; target: number; result: number; current: number }[];
  /** Set when the month targets and the pair targets do not add up to the same total. */
  inconsistent: { monthTotal: number; pairTotal: number } | null;
  /** Pairs with a target but no leaf to carry it. */
  unreachable: { brandId: number; channelId: number }[];
  applied: boolean;
  changed: number;
}

export interface CompareResult {
  versions: PlanVersionInfo[];
  /** Per version (same order), the 12 monthly totals of the measure. */
  monthly: number[][];
  /** Rows by the chosen dimension: per version the year total. */
  rows: { id: number; code: string; label: string; values: number[] }[];
}

/**
 * How a new plan row's annual amount is shared over the months: equally; by last
 * year's monthly pattern (of the row's parent, else the version's seasonality
 * profile); or like for like, by the monthly shape of a comparable member.
 */
export const ROW_METHODS = ['equal', 'seasonal', 'like'] as const;
export type RowMethod = (typeof ROW_METHODS)[number];

/** What the add-row dialog offers under a parent: the members of the next level and the leaf's other coordinates. */
export interface RowOptions {
  /** The dimension of the new row (the level under the parent). */
  dim: TargetDim;
  /** Members that fit under the parent; planned: the version already has cells for it there. */
  members: { id: number; code: string; label: string; planned: boolean }[];
  /** The leaf's coordinates the path does not fix (a leaf is city × channel × customer × SKU): what to choose from. */
  cities: { id: number; label: string }[] | null;
  channels: { id: number; label: string }[] | null;
  skus: { id: number; code: string; label: string }[] | null;
}

export interface AddRowOutcome {
  /** The new (or filled) row's path under the levels. */
  path: number[];
  /** Leaf cells created and existing cells filled. */
  created: number;
  filled: number;
}

const idSchema = z.number().int().positive();
const dimSchema = z.enum(TARGET_DIMS);
const levelsSchema = z
  .array(dimSchema)
  .min(1)
  .max(5)
  .refine((l) => new Set(l).size === l.length, 'a dimension can appear once in the hierarchy');
const pathSchema = z.array(z.number().int().min(0)).max(5);
const measureSchema = z.enum(TARGET_MEASURES);
const periodSchema = z.enum(TARGET_PERIODS);
const methodSchema = z.enum(SPREAD_METHODS);
/** Up to 10^15 cents (10 trillion 元): far above any region, far below 2^53. */
const valueSchema = z.number().int().min(0).max(1e15);
const scopeSchema = z.array(z.object({ dim: dimSchema, id: z.number().int().min(0) }).strict()).max(5);
const monthValuesSchema = z.array(valueSchema).length(12);

export const targetEndpoints = {
  'targets.versions': query<PlanVersionInfo[]>(['targets'])(z.object({}).strict()),
  /** Copies a version (its leaf cells) into a new snapshot (frozen forever) or scenario. Not an undo step. */
  'targets.createVersion': command<PlanVersionInfo>(['targets', 'expenses', 'promotions', 'team', 'chapters'])(
    z.object({
      kind: z.enum(['snapshot', 'scenario']),
      fromId: idSchema,
      name: z.string().trim().min(1).max(100),
      scenario: z.enum(SCENARIO_NAMES).nullable().optional(),
      note: z.string().max(2000).optional(),
    }).strict(),
  ),
  /** Deletes a scenario (never the working plan or a snapshot). Clears the undo history. */
  'targets.deleteVersion': command<null>(['targets', 'expenses', 'promotions', 'team', 'chapters'])(z.object({ id: idSchema }).strict()),
  /** The scenario becomes the working plan; the old working plan becomes a scenario. One undo step. */
  'targets.promote': command<PlanVersionInfo[]>(['targets', 'expenses', 'promotions', 'team', 'chapters'])(z.object({ id: idSchema }).strict()),

  'targets.hoTarget': query<HoTargetMonth[]>(['targets'])(z.object({}).strict()),
  /** Sets some months' head-office figures. One undo step. */
  'targets.setHoTarget': command<HoTargetMonth[]>(['targets'])(
    z.object({
      months: z
        .array(
          z.object({
            month: z.number().int().min(1).max(12),
            amountCents: valueSchema.optional(),
            volume: valueSchema.optional(),
            grossProfitCents: z.number().int().min(-1e15).max(1e15).optional(),
            newProductCents: valueSchema.optional(),
          }).strict(),
        )
        .min(1)
        .max(12),
    }).strict(),
  ),

  /**
   * The tree under `parent` (null: from the top). From the top, levels are filled in
   * while the answer stays small; deeper nodes come with childrenLoaded false.
   * With a parent path, its direct children.
   */
  'targets.tree': query<TargetTreeResult>(['targets', 'master', 'actuals'])(
    z.object({ versionId: idSchema, levels: levelsSchema, measure: measureSchema, parent: pathSchema.nullable() }).strict(),
  ),
  'targets.summary': query<TargetSummary>(['targets', 'master', 'actuals'])(z.object({ versionId: idSchema }).strict()),

  /**
   * Sets cells: each names a node (path under `levels`, [] = the region) and a period.
   * A total spreads down over its unlocked leaves by `method`; a leaf value rolls up.
   * All edits are one undo step. On an empty plan, the first edit first creates the
   * leaves from the actuals (customer × SKU sold in the last year or 12 months).
   */
  'targets.setCells': command<SpreadOutcome>(['targets'])(
    z.object({
      versionId: idSchema,
      levels: levelsSchema,
      measure: measureSchema,
      method: methodSchema,
      /** For method 'version': the version whose values give the weights. */
      referenceVersionId: idSchema.optional(),
      edits: z.array(z.object({ path: pathSchema, period: periodSchema, value: valueSchema }).strict()).min(1).max(20_000),
      label: z.enum(['edit', 'paste', 'fill', 'clear', 'spread']),
    }).strict(),
  ),
  /** Splits a node's period total among its children by the given weights (manual weights). One undo step. */
  'targets.spreadManual': command<SpreadOutcome>(['targets'])(
    z.object({
      versionId: idSchema,
      levels: levelsSchema,
      measure: measureSchema,
      path: pathSchema,
      period: periodSchema,
      /** The node's new total; omitted: keep the current total. */
      total: valueSchema.optional(),
      weights: z.array(z.object({ id: z.number().int().min(0), weight: z.number().min(0).max(1e12) }).strict()).min(1).max(10_000),
    }).strict(),
  ),

  /** What can be added under a node (targets.addRow's dialog). */
  'targets.rowOptions': query<RowOptions>(['targets', 'master', 'actuals'])(
    z.object({ versionId: idSchema, levels: levelsSchema, parent: pathSchema }).strict(),
  ),
  /**
   * Adds a row to the plan under `parent`: the member `id` of the next level (a city
   * with no customer, a new customer, a SKU), with the leaf cells it needs (city ×
   * channel × customer × SKU, 12 months; `cityId`, `channelId`, `skuId` give what the
   * path does not fix), its annual `amount` spread over the months by `method`.
   * Refused when the row is in the plan already, unless `fillEmpty`: then its months
   * that are still zero get the amount. One undo step.
   */
  'targets.addRow': command<AddRowOutcome>(['targets'])(
    z.object({
      versionId: idSchema,
      levels: levelsSchema,
      parent: pathSchema,
      id: idSchema,
      amount: valueSchema.refine((v) => v % 100 === 0, 'a target is a whole number of 元'),
      method: z.enum(ROW_METHODS),
      /** For 'like': the comparable member (same level, same parent). */
      likeId: idSchema.optional(),
      cityId: idSchema.optional(),
      channelId: idSchema.optional(),
      skuId: idSchema.optional(),
      fillEmpty: z.boolean().optional(),
    }).strict().refine((v) => v.method !== 'like' || v.likeId !== undefined, { message: 'choose the comparable row to copy the shape of', path: ['likeId'] }),
  ),
  'targets.locks': query<TargetLock[]>(['targets', 'master', 'actuals'])(z.object({ versionId: idSchema }).strict()),
  /** Locks or unlocks a slice for a month (0: all). Locks are kept in the file; not an undo step. */
  'targets.setLock': command<TargetLock[]>(['targets'])(
    z.object({ versionId: idSchema, scope: scopeSchema, month: z.number().int().min(0).max(12), locked: z.boolean() }).strict(),
  ),

  'targets.seasonality': query<SeasonalityInfo>(['targets', 'master', 'actuals'])(z.object({ versionId: idSchema }).strict()),
  /** Sets the version's seasonality profile (any non-negative weights, normalised), or null to go back to history's. */
  'targets.setSeasonality': command<SeasonalityInfo>(['targets'])(
    z.object({ versionId: idSchema, profile: z.array(z.number().min(0).max(1e6)).length(12).nullable() }).strict(),
  ),

  /**
   * Balanced breakdown: fits the leaves to month totals and brand × channel totals at
   * once (iterative proportional fitting), seeded by the current values (or last year's
   * where the plan is empty). apply false: preview only. apply true: one undo step.
   */
  'targets.balance': command<BalanceResult>(['targets'])(
    z.object({
      versionId: idSchema,
      measure: measureSchema,
      monthTargets: monthValuesSchema,
      pairTargets: z
        .array(z.object({ brandId: idSchema, channelId: idSchema, value: valueSchema }).strict())
        .min(1)
        .max(10_000),
      apply: z.boolean(),
    }).strict(),
  ),
  /** The current brand × channel totals of a version (the balance dialog's starting point). */
  'targets.pairs': query<BalanceResult['pairs']>(['targets', 'master', 'actuals'])(z.object({ versionId: idSchema, measure: measureSchema }).strict()),

  /** Versions side by side: monthly totals and year totals by one dimension. */
  'targets.compare': query<CompareResult>(['targets', 'master', 'actuals'])(
    z.object({ versionIds: z.array(idSchema).min(2).max(4), dim: dimSchema, measure: measureSchema }).strict(),
  ),
} as const;
