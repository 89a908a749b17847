import { z } from 'zod';
import { command, query } from '../endpoint';
import { matchGeoNames } from '../geoNames';

// The team and training plan (headcount by role and month with the personnel
// cost derived, training sessions), and the action list (PDCA). Everything belongs to
// the working plan version. Money is integer cents (分).

/** Roles the app names in every language; the user may type any other. */
export const KNOWN_ROLES = ['manager', 'supervisor', 'account_manager', 'sales_rep', 'promoter'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The contract's ceiling for one money figure (cents) and one headcount. */
export const MAX_CENTS = 1e13;
export const MAX_HEADCOUNT = 100_000;

const idSchema = z.number().int().positive();
const monthSchema = z.number().int().min(1).max(12);
const centsSchema = z.number().int().min(0).max(MAX_CENTS);
const headcountSchema = z.number().int().min(0).max(MAX_HEADCOUNT);
export const roleSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\t\r\n]+$/);
const dateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const textSchema = (max: number) => z.string().max(max);

export interface HeadcountRole {
  role: string;
  /** Twelve months, January first. */
  headcount: number[];
  costPerHeadCents: number[];
  /** headcount × cost per head, per month. */
  costCents: number[];
  quarterCostCents: number[];
  yearCostCents: number;
}

export interface TrainingSessionRow {
  id: number;
  topic: string;
  audience: string;
  month: number;
  costCents: number;
}

export interface TeamPlanResult {
  planYear: number;
  roles: HeadcountRole[];
  monthCostCents: number[];
  quarterCostCents: number[];
  yearCostCents: number;
  training: TrainingSessionRow[];
  trainingCostCents: number;
}

export interface ActionRow {
  id: number;
  title: string;
  ownerId: number | null;
  dueDate: string | null;
  status: ActionStatus;
  cityId: number | null;
  channelId: number | null;
  brandId: number | null;
  measure: string;
  note: string;
  overdue: boolean;
}

export interface NamedRef {
  id: number;
  name: string;
}

/**
 * The item a typed name picks in the action list: the exact name, then ignoring case,
 * then for a city the same place as users write it (苏州 picks 蘇州市). Null when none
 * or more than one fits.
 */
export function findNamedRef(list: readonly NamedRef[], text: string, isPlace: boolean): NamedRef | null {
  const s = text.trim();
  if (!s) return null;
  const exact = list.find((r) => r.name === s) ?? list.find((r) => r.name.toLowerCase() === s.toLowerCase());
  if (exact) return exact;
  if (!isPlace) return null;
  const places = matchGeoNames(list, s);
  return places.length === 1 ? places[0] : null;
}

export interface ActionListResult {
  rows: ActionRow[];
  overdueCount: number;
  refs: { salesperson: NamedRef[]; city: NamedRef[]; channel: NamedRef[]; brand: NamedRef[] };
}

/** An action is overdue when it is still open or in progress and its due date is before today (YYYY-MM-DD). */
export function isOverdue(a: { dueDate: string | null; status: string }, today: string): boolean {
  return a.dueDate !== null && a.dueDate < today && (a.status === 'open' || a.status === 'in_progress');
}

const headcountCell = z
  .object({ role: roleSchema, month: monthSchema, headcount: headcountSchema.optional(), costPerHeadCents: centsSchema.optional() })
  .strict();

const trainingRow = z
  .object({
    id: idSchema.optional(),
    topic: z.string().trim().min(1).max(200).optional(),
    audience: textSchema(200).optional(),
    month: monthSchema.optional(),
    costCents: centsSchema.optional(),
  })
  .strict();

const actionRow = z
  .object({
    id: idSchema.optional(),
    title: z.string().trim().min(1).max(500).optional(),
    ownerId: idSchema.nullable().optional(),
    dueDate: dateSchema.nullable().optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    cityId: idSchema.nullable().optional(),
    channelId: idSchema.nullable().optional(),
    brandId: idSchema.nullable().optional(),
    measure: textSchema(500).optional(),
    note: textSchema(2000).optional(),
  })
  .strict();

export type HeadcountCellInput = z.infer<typeof headcountCell>;
export type TrainingRowInput = z.infer<typeof trainingRow>;
export type ActionRowInput = z.infer<typeof actionRow>;

export const TEAM_EDIT_LABELS = ['edit', 'paste', 'fill', 'clear', 'append'] as const;
const labelSchema = z.enum(TEAM_EDIT_LABELS);

export const teamEndpoints = {
  /** The headcount plan with the derived personnel cost, and the training sessions. */
  'team.plan': query<TeamPlanResult>(['team', 'master'])(z.object({}).strict()),
  /** Sets headcount and/or cost per head of role × month cells; one undo step. A role not in the plan is refused. */
  'team.setHeadcount': command<null>(['team'])(
    z.object({ cells: z.array(headcountCell).min(1).max(10_000), label: labelSchema }).strict(),
  ),
  /** Adds a role with twelve months at the given headcount and cost per head (default 0). A role already planned is refused. */
  'team.addRole': command<null>(['team'])(
    z.object({ role: roleSchema, headcount: headcountSchema.optional(), costPerHeadCents: centsSchema.optional() }).strict(),
  ),
  'team.removeRole': command<null>(['team'])(z.object({ role: roleSchema }).strict()),
  /**
   * Fills an empty headcount plan from the team master data: salespeople active in each
   * month of the plan year, counted by role, at the default cost per head. Refused when the plan has rows.
   */
  'team.seedFromMaster': command<{ roles: string[] }>(['team'])(z.object({}).strict()),
  /** Adds (no id) and updates (id) training sessions; a new one needs a topic and a month. One undo step. */
  'team.training.apply': command<{ ids: number[] }>(['team'])(
    z.object({ rows: z.array(trainingRow).min(1).max(10_000), label: labelSchema }).strict(),
  ),
  'team.training.remove': command<{ removed: number }>(['team'])(z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict()),
  /** The action list sorted by due date (none last); overdue against `today` (YYYY-MM-DD). */
  'team.actions.list': query<ActionListResult>(['team', 'master'])(z.object({ today: dateSchema }).strict()),
  /** Adds (no id: needs a title) and updates (id) actions; one undo step. */
  'team.actions.apply': command<{ ids: number[] }>(['team'])(
    z.object({ rows: z.array(actionRow).min(1).max(10_000), label: labelSchema }).strict(),
  ),
  /** Removing an action also unlinks it from the variance notes it answers (in the same undo step). */
  'team.actions.remove': command<{ removed: number }>(['team', 'chapters'])(z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict()),
} as const;
