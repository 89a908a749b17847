import { AppError } from '../../../shared/errors';
import type { ImportIssue, ImportDestinationInfo } from '../../../shared/importTypes';
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
  validate(db: ReadDb, rows: TextRow[]): RowIssue[];
  /** How many rows update an existing item and how many add one. */
  plan(db: ReadDb, rows: TextRow[]): RowPlan;
  /** Writes every row or none, inside the command's transaction; throws AppError INVALID_INPUT with `rows.<i>.<field>` issues. */
  commit(db: WriteDb, rows: TextRow[]): RowPlan;
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
