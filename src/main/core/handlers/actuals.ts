import { AppError } from '../../../shared/errors';
import { runActualsJob } from '../io/actuals/job';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { findBatch, listBatches } from '../services/actuals/batches';
import { DEFAULT_LIST_LIMIT, listActuals, type AggregateMemo } from '../services/actuals/list';

/**
 * The actuals area: each kind's rows with the batch they came from, and the import
 * batches. Removing a batch runs as a job (a big batch is millions of rows) and is
 * not an undo step: importing the file again brings the rows back.
 */
export function registerActuals(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  // Counts and sums of the open file as it is now: any commit (an import, a removal,
  // an undo) moves the generation on and empties it.
  let memo: { db: unknown; generation: number; map: AggregateMemo } | null = null;
  const aggregates = (): AggregateMemo => {
    const db = sqlite();
    if (!memo || memo.db !== db || memo.generation !== session.generation) memo = { db, generation: session.generation, map: new Map() };
    if (memo.map.size > 200) memo.map.clear();
    return memo.map;
  };

  r.register('actuals.list', ({ kind, filter, limit }) => listActuals(sqlite(), kind, filter, limit ?? DEFAULT_LIST_LIMIT, aggregates()));
  r.register('actuals.batches', ({ kind }) => listBatches(sqlite(), kind));
  r.register('actuals.removeBatch', ({ id }) => {
    const found = findBatch(sqlite(), id);
    if (!found) throw new AppError('NOT_FOUND', `there is no import batch ${id} in this file`);
    if (!found.info) {
      throw new AppError('INVALID_INPUT', `import batch ${id} is not an import of actuals (it is ${found.batchKind}); only actuals batches can be removed here`);
    }
    return runActualsJob<{ removed: number }>(session, { kind: 'removeBatch', batchId: id }, 'job.removeBatch', true);
  });
}
