import { AppError } from '../../../shared/errors';
import type { ImportIssue, ImportTargetInfo } from '../../../shared/importTypes';
import type { ReadDb, WriteDb } from '../db/handle';

/** One data row as the target sees it: fieldKey → the cell's text ('' when empty). */
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
 * What imported rows become. The wizard is the same for every target: it reads the
 * file, maps columns to `info.fields`, asks `validate` for the preview, and `commit`
 * writes all rows or none (one undo step). Master data registers one target per
 * entity ('master:<entity>'); the actuals import of a later issue registers its own.
 */
export interface ImportTarget {
  info: ImportTargetInfo;
  /** Every problem, nothing written. */
  validate(db: ReadDb, rows: TextRow[]): RowIssue[];
  /** How many rows update an existing item and how many add one. */
  plan(db: ReadDb, rows: TextRow[]): RowPlan;
  /** Writes every row or none, inside the command's transaction; throws AppError INVALID_INPUT with `rows.<i>.<field>` issues. */
  commit(db: WriteDb, rows: TextRow[]): RowPlan;
}

export type TargetFactory = (name: string) => ImportTarget | null;

const factories: TargetFactory[] = [];

/** Adds a family of targets (e.g. every 'master:<entity>'). */
export function registerTargets(factory: TargetFactory): void {
  factories.push(factory);
}

export function findTarget(name: string): ImportTarget | null {
  for (const f of factories) {
    const t = f(name);
    if (t) return t;
  }
  return null;
}

export function requireTarget(name: string): ImportTarget {
  const t = findTarget(name);
  if (!t) throw new AppError('NOT_FOUND', `no import target ${name}`, { issues: [{ path: 'target', message: name }] });
  return t;
}

export type { ImportIssue };
