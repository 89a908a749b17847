import {
  ACTUAL_COLUMNS, ACTUALS_LIST_LIMIT, type ActualKind, type ActualRow, type ActualsFilter, type ActualsListResult,
} from '../../../../shared/actuals';
import type { ReadDb } from '../../db/handle';
import { actualRowsPage, actualTotals, listSql, salesBatchSpan } from '../../repos/actualsList';
import { summarizeVisits } from './visits';

// The actuals grids' reads: the first `limit` rows of a kind in its order, with the
// count and sums of all that match the filter (the statements: repos/actualsList.ts).

export const DEFAULT_LIST_LIMIT = ACTUALS_LIST_LIMIT;

const BOOLEAN_KEYS = new Set(
  Object.values(ACTUAL_COLUMNS).flatMap((cols) => cols.filter((c) => c.type === 'boolean').map((c) => c.key)),
);

/** Gives the counts and sums for a key (statement and parameters), computing them only when not already known. */
export type AggregateMemo = (key: string, compute: () => Record<string, number>) => Record<string, number>;

/**
 * A kind's rows matching the filter: the first `limit` in the kind's order, the count
 * and the sums of all. `memo` keeps the aggregates (a full scan on a big region) for
 * the next call with the same filter, e.g. when the user comes back to a kind.
 */
export function listActualRows(
  db: ReadDb,
  kind: ActualKind,
  filter: ActualsFilter,
  limit = DEFAULT_LIST_LIMIT,
  memo?: AggregateMemo,
): ActualsListResult {
  const n = Math.max(1, Math.min(ACTUALS_LIST_LIMIT, Math.floor(limit)));
  const span = kind === 'sales' && filter.batchId !== undefined ? salesBatchSpan(db, filter.batchId) : null;
  const q = listSql(kind, filter, span);
  const raw = actualRowsPage(db, q, n);
  const memoKey = `${q.aggregate}\u0000${JSON.stringify(q.params)}`;
  const compute = () => actualTotals(db, q);
  const agg = memo ? memo(memoKey, compute) : compute();
  const rows: ActualRow[] = raw.map((r) => {
    const row: ActualRow = {};
    for (const [key, value] of Object.entries(r)) row[key] = BOOLEAN_KEYS.has(key) ? value === 1 : value;
    return row;
  });
  if (kind === 'visit') summarizeVisits(db, rows);
  const { total, ...totals } = agg;
  return { rows, total, totals };
}
