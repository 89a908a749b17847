import { z } from 'zod';
import { asyncCommand, query } from '../endpoint';
import { ACTUAL_KINDS, ACTUALS_LIST_LIMIT, type ActualsListResult, type BatchInfo } from '../actuals';

// The actuals area: each kind's rows in a filterable grid with the batch
// each came from, and the import batches, each removable. Imports themselves go
// through the import wizard's endpoints (destinations "actuals:<kind>").

const kindSchema = z.enum(ACTUAL_KINDS);
const periodSchema = z
  .number()
  .int()
  .refine((p) => p >= 200001 && p <= 210012 && p % 100 >= 1 && p % 100 <= 12, 'a period is yyyymm');

export const actualsFilterSchema = z
  .object({
    periodFrom: periodSchema.optional(),
    periodTo: periodSchema.optional(),
    batchId: z.number().int().positive().optional(),
    search: z.string().trim().max(200).optional(),
  })
  .strict();

export const actualsEndpoints = {
  /** Import batches, newest first; one kind or all. */
  'actuals.batches': query<BatchInfo[]>(['actuals'])(z.object({ kind: kindSchema.optional() }).strict()),
  /**
   * Removes a batch and every row it wrote (a job with progress on big batches). Not an
   * undo step: importing the file again brings the rows back.
   */
  'actuals.removeBatch': asyncCommand<{ removed: number }>(['actuals', 'expenses'])(z.object({ id: z.number().int().positive() }).strict()),
  /** A kind's rows matching the filter, the first `limit` in the kind's order, with the total and sums. */
  'actuals.list': query<ActualsListResult>(['actuals', 'master'])(
    z
      .object({
        kind: kindSchema,
        filter: actualsFilterSchema,
        limit: z.number().int().min(1).max(ACTUALS_LIST_LIMIT).optional(),
      })
      .strict(),
  ),
} as const;
