import { AppError } from '../../../shared/errors';
import { Memo } from '../db/changes';
import { runActualsJob } from './actualsJob';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { findBatch, listBatches } from '../services/actuals/batches';
import { DEFAULT_LIST_LIMIT, listActualRows } from '../services/actuals/list';

// Counts and sums of the open file's actuals (a full scan on a big region), kept
// while the actuals and the members are unchanged: going back to a kind answers at once.
const aggregates = new Memo<Record<string, number>>(['actuals', 'master'], 200);

/**
 * The actuals area: each kind's rows with the batch they came from, and the import
 * batches. Removing a batch runs as a job (a big batch is millions of rows) and is
 * not an undo step: importing the file again brings the rows back.
 */
export function registerActuals(r: HandlerRegistry, session: Session): void {
  r.query('actuals.list', ({ kind, filter, limit }, { db, file }) =>
    listActualRows(db, kind, filter, limit ?? DEFAULT_LIST_LIMIT, (key, compute) => aggregates.get(file.changes, key, compute)),
  );
  r.query('actuals.batches', ({ kind }, { db }) => listBatches(db, kind));
  r.asyncCommand('actuals.removeBatch', async ({ id }, ctx) => {
    const found = findBatch(ctx.file.read, id);
    if (!found) throw new AppError('NOT_FOUND', `there is no import batch ${id} in this file`);
    if (!found.info) {
      throw new AppError('INVALID_INPUT', `import batch ${id} is not an import of actuals (it is ${found.batchKind}); only actuals batches can be removed here`);
    }
    const result = await runActualsJob<{ removed: number }>(session, { kind: 'removeBatch', batchId: id }, 'job.removeBatch');
    ctx.wrote();
    return result;
  });
}
