import type Database from 'better-sqlite3';

// The monthly sales summaries (migration 6): sales_month_customer and sales_month_sku
// hold, per month, the sums of sales_actual per customer and per SKU. Every writer of
// sales_actual calls refreshSalesSummary for the months it touched, inside its own
// transaction, so the summaries are exactly the sums of the lines whenever a
// transaction commits. A month is recomputed whole from its lines: the primary key
// starts with the period, so that is one range scan (about 85,000 lines a month in
// the large region, a few tens of milliseconds).

/** The sales of the lines whose gross profit is not known (migration 11). */
const NO_GP = 'SUM(CASE WHEN gp_known = 0 THEN amount_cents ELSE 0 END)';

/** Recomputes the summaries of the given months (yyyymm) from sales_actual. */
export function refreshSalesSummary(db: Database.Database, periods: Iterable<number>): void {
  const months = [...new Set(periods)].sort((a, b) => a - b);
  if (months.length === 0) return;
  const dropCustomer = db.prepare('DELETE FROM sales_month_customer WHERE period = ?');
  const dropSku = db.prepare('DELETE FROM sales_month_sku WHERE period = ?');
  const fillCustomer = db.prepare(
    `INSERT INTO sales_month_customer (period, customer_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents)
     SELECT period, customer_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), ${NO_GP}
       FROM sales_actual WHERE period = ? GROUP BY customer_id`,
  );
  const fillSku = db.prepare(
    `INSERT INTO sales_month_sku (period, sku_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents)
     SELECT period, sku_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), ${NO_GP}
       FROM sales_actual WHERE period = ? GROUP BY sku_id`,
  );
  for (const m of months) {
    dropCustomer.run(m);
    dropSku.run(m);
    fillCustomer.run(m);
    fillSku.run(m);
  }
}

/** The months (yyyymm) in which a batch has sales lines. */
export function salesMonthsOfBatch(db: Database.Database, batchId: number): number[] {
  return db.prepare('SELECT DISTINCT period FROM sales_actual WHERE batch_id = ?').pluck().all(batchId) as number[];
}
