import { AppError } from '../../../shared/errors';
import type { CreatableMember, DuplicateChoice, DuplicateSummary, ImportDestinationInfo, ImportIssue, MemberToCreate } from '../../../shared/importTypes';
import type { ReadDb, WriteDb } from '../db/handle';

/** One data row as the destination sees it: fieldKey → the cell's text ('' when empty). */
export type TextRow = Record<string, string>;

/** A problem with one row (index into the rows given) and field, before file rows are known. */
export interface RowIssue {
  index: number;
  field: string;
  message: string;
  params?: Record<string, string | number>;
  /** Params that hold a row index; the wizard shows them as file row numbers. */
  indexParams?: string[];
}

export interface RowPlan {
  updates: number;
  inserts: number;
  /** Members created besides the rows (master data the file named and the user confirmed). */
  created?: number;
}

/** How a request asks rows to be taken (master-data destinations; others ignore them). */
export interface DestinationOptions {
  /** A code on many rows: its first (default) or last row is taken. */
  duplicates?: DuplicateChoice;
  /** Members the user confirmed to create. */
  createMembers?: readonly { entity: CreatableMember; value: string }[];
}

/** What a destination adds to the preview beyond issues and counts. */
export interface DestinationReview {
  duplicates?: DuplicateSummary;
  toCreate?: MemberToCreate[];
}

/**
 * An import destination: what imported rows become. The wizard is the same for every
 * destination: it reads the file, maps columns to `info.fields`, asks `validate` for
 * the preview, and `commit` writes all rows or none (one undo step). Master data
 * registers one destination per entity ('master:<entity>'), head office's target
 * registers 'targets:ho'; the actuals ('actuals:<kind>') run as jobs instead
 * (io/actuals/).
 */
export interface ImportDestination {
  info: ImportDestinationInfo;
  /** Every problem, nothing written. */
  validate(db: ReadDb, rows: TextRow[], options?: DestinationOptions): RowIssue[];
  /** How many rows update an existing item and how many add one. */
  plan(db: ReadDb, rows: TextRow[], options?: DestinationOptions): RowPlan;
  /** Repeated codes and members to create, for the preview. */
  review?(db: ReadDb, rows: TextRow[], options?: DestinationOptions): DestinationReview;
  /** Writes every row or none, inside the command's transaction; throws AppError INVALID_INPUT with `rows.<i>.<field>` issues. */
  commit(db: WriteDb, rows: TextRow[], options?: DestinationOptions): RowPlan;
}

export type DestinationFactory = (name: string) => ImportDestination | null;

const factories: DestinationFactory[] = [];

/** Adds a family of destinations (e.g. every 'master:<entity>'). */
export function registerDestinations(factory: DestinationFactory): void {
  factories.push(factory);
}

export function findDestination(name: string): ImportDestination | null {
  for (const f of factories) {
    const d = f(name);
    if (d) return d;
  }
  return null;
}

export function requireDestination(name: string): ImportDestination {
  const d = findDestination(name);
  if (!d) throw new AppError('NOT_FOUND', `no import destination ${name}`, { issues: [{ path: 'destination', message: `no import destination ${name}` }] });
  return d;
}

export type { ImportIssue };
