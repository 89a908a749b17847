import { all, qb, run } from '../../db/exec';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { HoTargetRow } from '../../db/schema';

// Head office's target for the region (ho_target): one row per month that has one.

/** The months head office has set, in month order (months without a row are absent). */
export function listHoTarget(db: ReadDb): HoTargetRow[] {
  return all(db, qb.selectFrom('ho_target').selectAll().orderBy('month'));
}

export function upsertHoTarget(db: WriteDb, row: HoTargetRow): void {
  const { amount_cents, volume, gross_profit_cents, new_product_cents } = row;
  run(
    db,
    qb
      .insertInto('ho_target')
      .values(row)
      .onConflict((oc) => oc.column('month').doUpdateSet({ amount_cents, volume, gross_profit_cents, new_product_cents })),
  );
}
