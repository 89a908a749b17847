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

/** Of the given months, those that hold no sales line. */
export function emptySalesMonths(db: Database.Database, periods: Iterable<number>): Set<number> {
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM sales_actual WHERE period = ?)').pluck();
  return new Set([...periods].filter((m) => any.get(m) === 0));
}

/** Sales lines as columns (an import's lines, any order); `known` is gp_known. */
export interface SalesLineColumns {
  count: number;
  period: ArrayLike<number>;
  customer: ArrayLike<number>;
  sku: ArrayLike<number>;
  amount: ArrayLike<number>;
  volume: ArrayLike<number>;
  gp: ArrayLike<number>;
  known: ArrayLike<number>;
}

type Sums = [amount: number, gp: number, volume: number, lines: number, noGp: number];

/**
 * The summaries of months that held no line before `lines` were written into them, summed
 * from those lines: the same figures refreshSalesSummary reads back from sales_actual (the
 * lines are then the month's only rows), without scanning and sorting a million rows
 * again. Returns the months it summed; a month whose sums would leave the exact integers
 * (as SQLite's SUM would overflow) is left to refreshSalesSummary.
 */
export function summarizeNewSalesMonths(db: Database.Database, months: ReadonlySet<number>, lines: SalesLineColumns): number[] {
  if (months.size === 0) return [];
  const byCustomer = new Map<number, Map<number, Sums>>();
  const bySku = new Map<number, Map<number, Sums>>();
  for (const m of months) {
    byCustomer.set(m, new Map());
    bySku.set(m, new Map());
  }
  const add = (into: Map<number, Sums>, id: number, i: number) => {
    const s = into.get(id);
    const noGp = lines.known[i] === 0 ? lines.amount[i] : 0;
    if (s) {
      s[0] += lines.amount[i];
      s[1] += lines.gp[i];
      s[2] += lines.volume[i];
      s[3]++;
      s[4] += noGp;
    } else into.set(id, [lines.amount[i], lines.gp[i], lines.volume[i], 1, noGp]);
  };
  for (let i = 0; i < lines.count; i++) {
    const c = byCustomer.get(lines.period[i]);
    if (!c) continue;
    add(c, lines.customer[i], i);
    add(bySku.get(lines.period[i])!, lines.sku[i], i);
  }
  const exact = (m: Map<number, Sums>) => [...m.values()].every((s) => s.every(Number.isSafeInteger));
  const done = [...months].filter((m) => exact(byCustomer.get(m)!) && exact(bySku.get(m)!)).sort((a, b) => a - b);
  const dropCustomer = db.prepare('DELETE FROM sales_month_customer WHERE period = ?');
  const dropSku = db.prepare('DELETE FROM sales_month_sku WHERE period = ?');
  const putCustomer = db.prepare(
    'INSERT INTO sales_month_customer (period, customer_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const putSku = db.prepare(
    'INSERT INTO sales_month_sku (period, sku_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const m of done) {
    dropCustomer.run(m);
    dropSku.run(m);
    for (const [id, s] of [...byCustomer.get(m)!].sort((a, b) => a[0] - b[0])) putCustomer.run(m, id, ...s);
    for (const [id, s] of [...bySku.get(m)!].sort((a, b) => a[0] - b[0])) putSku.run(m, id, ...s);
  }
  return done;
}

/** The months (yyyymm) in which a batch has sales lines. */
export function salesMonthsOfBatch(db: Database.Database, batchId: number): number[] {
  return db.prepare('SELECT DISTINCT period FROM sales_actual WHERE batch_id = ?').pluck().all(batchId) as number[];
}
