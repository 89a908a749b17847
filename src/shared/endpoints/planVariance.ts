import { z } from 'zod';
import { command, query } from '../endpoint';
import { TARGET_DIMS, type TargetDim } from './targets';
import type { ActionStatus } from './team';

// 差異分析, the C and A of PDCA: notes on why a slice × period of the plan missed or
// beat it, per plan version. A slice is named as the target grid's locks name one:
// dimension → id pairs ([] is the whole region); a period is a month, a quarter or a
// year. Money is integer cents.

export const VARIANCE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type VariancePeriodKind = (typeof VARIANCE_PERIOD_KINDS)[number];

const idSchema = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);

export const variancePeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), year: yearSchema, month: z.number().int().min(1).max(12) }).strict(),
  z.object({ kind: z.literal('quarter'), year: yearSchema, quarter: z.number().int().min(1).max(4) }).strict(),
  z.object({ kind: z.literal('year'), year: yearSchema }).strict(),
]);
export type VariancePeriod = z.infer<typeof variancePeriodSchema>;

export const sliceSchema = z
  .array(z.object({ dim: z.enum(TARGET_DIMS), id: idSchema }).strict())
  .max(TARGET_DIMS.length)
  .refine((parts) => new Set(parts.map((p) => p.dim)).size === parts.length, { message: 'planVariance.error.dimTwice' });
export type VarianceSlice = z.infer<typeof sliceSchema>;

/** The months [from, to] of the period's year that it covers. */
export function periodMonths(p: VariancePeriod): [number, number] {
  if (p.kind === 'month') return [p.month, p.month];
  if (p.kind === 'quarter') return [p.quarter * 3 - 2, p.quarter * 3];
  return [1, 12];
}

/** Whether a note's period covers a month of a year (a quarter note covers its three months). */
export function periodCovers(p: VariancePeriod, year: number, month: number): boolean {
  const [from, to] = periodMonths(p);
  return p.year === year && month >= from && month <= to;
}

/** A slice in one order whatever order it was given in (the target grid's dimensions' order). */
export function canonicalSlice(slice: readonly { dim: TargetDim; id: number }[]): VarianceSlice {
  return [...slice].sort((a, b) => TARGET_DIMS.indexOf(a.dim) - TARGET_DIMS.indexOf(b.dim)).map((p) => ({ dim: p.dim, id: p.id }));
}

/** The key of a slice, equal for equal slices given in any order. */
export function sliceKey(slice: readonly { dim: TargetDim; id: number }[]): string {
  return canonicalSlice(slice).map((p) => `${p.dim}:${p.id}`).join('|');
}

export interface VarianceCause {
  id: number;
  code: string;
  name: string;
  /** Notes (of any version) that give this cause; a cause in use cannot be deleted. */
  notes: number;
}

export interface VarianceLinkedAction {
  id: number;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  overdue: boolean;
}

export interface VarianceNote {
  id: number;
  period: VariancePeriod;
  slice: VarianceSlice;
  /** The slice's members' names, in the slice's order ('' where a member no longer exists). */
  sliceNames: string[];
  causeId: number | null;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  actions: VarianceLinkedAction[];
}

/**
 * What the note's slice and period did, by the sales analysis's measures: the actuals,
 * the same months of the year before, and the note's version's target (only for the
 * plan year, null otherwise or when the version has no target there).
 */
export interface VarianceGap {
  actualCents: number;
  lastYearCents: number;
  targetCents: number | null;
  /** actual − target; null without a target. */
  gapCents: number | null;
  achievement: number | null;
  /** actual − last year. */
  yoyCents: number;
  yoy: number | null;
}

export interface VarianceLogNote extends VarianceNote {
  gap: VarianceGap;
}

export interface VarianceNotesResult {
  versionId: number;
  frozen: boolean;
  planYear: number;
  /** The years a note may name: [first year with sales actuals (or the plan year), plan year]. */
  years: [number, number];
  notes: VarianceNote[];
  causes: VarianceCause[];
}

export interface VarianceLogResult extends Omit<VarianceNotesResult, 'notes'> {
  notes: VarianceLogNote[];
  /**
   * Per cause (null: none given), the notes, the sum of their gaps against the plan
   * (null when none of them has a plan) and against the same months of the year before.
   */
  byCause: { causeId: number | null; notes: number; gapCents: number | null; yoyCents: number }[];
  /** The working version's actions, for linking. */
  actions: VarianceLinkedAction[];
  /** The members a note's slice can be picked from in the log, in the region's order. */
  options: Record<'province' | 'city' | 'channel' | 'brand' | 'category', { id: number; name: string }[]>;
}

const versionInput = { versionId: idSchema.optional() };
const dateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const causeName = z.string().trim().min(1).max(60).regex(/^[^\t\r\n]+$/);

export const planVarianceEndpoints = {
  /** The version's notes (default the working plan) with the causes: what the chart and the grid mark. */
  'plan.variance.notes': query<VarianceNotesResult>(['chapters', 'master', 'team', 'actuals', 'region'])(
    z.object({ ...versionInput, today: dateSchema }).strict(),
  ),
  /** The variance log: the notes by period with the gap each explains, and the totals per cause. */
  'plan.variance.log': query<VarianceLogResult>(['chapters', 'master', 'team', 'actuals', 'targets', 'region'])(
    z.object({ ...versionInput, today: dateSchema }).strict(),
  ),
  /** Adds (no id) or changes (id) a note of the working plan; a cause or a text is needed. One undo step. */
  'plan.variance.save': command<{ id: number }>(['chapters'])(
    z
      .object({
        id: idSchema.optional(),
        period: variancePeriodSchema,
        slice: sliceSchema,
        causeId: idSchema.nullable(),
        body: z.string().max(4000),
        author: z.string().trim().max(60).optional(),
      })
      .strict(),
  ),
  'plan.variance.remove': command<{ removed: number }>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict()),
  /** Links an action of the working plan to a note, or unlinks it. One undo step. */
  'plan.variance.link': command<null>(['chapters'])(z.object({ noteId: idSchema, actionId: idSchema, linked: z.boolean() }).strict()),
  /** Adds (no id) and renames (id) causes; one undo step. A name already taken is refused. */
  'plan.variance.causes.apply': command<{ ids: number[] }>(['chapters'])(
    z.object({ rows: z.array(z.object({ id: idSchema.optional(), name: causeName }).strict()).min(1).max(200) }).strict(),
  ),
  /** Deletes causes no note gives. One undo step. */
  'plan.variance.causes.remove': command<{ removed: number }>(['chapters'])(z.object({ ids: z.array(idSchema).min(1).max(200) }).strict()),
} as const;
