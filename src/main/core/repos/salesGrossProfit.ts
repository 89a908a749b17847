import type { WriteDb } from '../db/handle';
import { refreshSalesSummary } from '../db/salesSummary';

// Sales lines whose gross profit was not known at import (gp_known 0: the file had none
// and the SKU had no cost) follow the SKU's standard cost once it is entered: gross profit
// = amount − volume × cost, marked gp_known 2. When the cost goes back to unknown (cleared,
// or the entry undone) they go back to gp_known 0 with gross profit 0.
//
// Why a rule instead of row images in the undo log: a big SKU has tens of thousands of
// lines (and their monthly summaries), and recording each one in every cost edit would
// make a one-cell edit write megabytes of undo image. The lines' figures are a pure
// function of the SKU's current cost, so the undo log records only the SKU row (as for
// any master edit) and this rule runs after the edit and after every undo or redo of a
// step that changed SKU rows: the lines are then exactly what the cost says, both ways.
// Lines whose gross profit came from the file or from the cost at import (gp_known 1)
// never change.

/**
 * Brings the lines of these SKUs whose gross profit was not in the file in step with
 * each SKU's current cost, and the monthly summaries of the months that changed.
 * Returns how many lines changed.
 */
export function followSkuCosts(db: WriteDb, skuIds: Iterable<number>): number {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return 0;
  const sqlite = db.sqlite;
  const costOf = sqlite.prepare('SELECT std_cost_cents FROM sku WHERE id = ?').pluck();
  // Months first (the SKU index (sku_id, period) answers it), then one update per SKU.
  const monthsOf = sqlite.prepare('SELECT DISTINCT period FROM sales_actual WHERE sku_id = ? AND gp_known <> 1').pluck();
  const fill = sqlite.prepare(
    'UPDATE sales_actual SET gross_profit_cents = amount_cents - volume * ?, gp_known = 2 WHERE sku_id = ? AND gp_known <> 1',
  );
  const clear = sqlite.prepare('UPDATE sales_actual SET gross_profit_cents = 0, gp_known = 0 WHERE sku_id = ? AND gp_known = 2');
  const months = new Set<number>();
  let changed = 0;
  for (const id of ids) {
    const periods = monthsOf.all(id) as number[];
    if (periods.length === 0) continue;
    const cost = costOf.get(id) as number | null | undefined;
    const n = cost === null || cost === undefined ? clear.run(id).changes : fill.run(cost, id).changes;
    if (n > 0) {
      changed += n;
      for (const p of periods) months.add(p);
    }
  }
  refreshSalesSummary(sqlite, months);
  return changed;
}
