import Database from 'better-sqlite3';
import { median } from '../measure';

// The bare SQL behind the review deck's sales charts, the baseline of the report cases:
// the review year and the year before from the monthly sales summaries (the tables the
// app reads), grouped by month, province, city, brand and category, one GROUP BY each,
// on a plain better-sqlite3 connection to the same file. The other chapters' figures
// (customers, terminals, expenses, the plan's chapters) are not in it: the baseline is
// the floor of the sales slides, not of the whole deck.

const BY_CUSTOMER = {
  month: 'm.period % 100',
  province: 'ci.province_id',
  city: 'cu.city_id',
} as const;
const BY_SKU = { brand: 'sk.brand_id', category: 'sk.category_id' } as const;

export function deckSalesSql(path: string, reviewYear: number, runs: number): { ms: number; rows: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const from = (reviewYear - 1) * 100 + 1;
    const to = reviewYear * 100 + 12;
    const statements = [
      ...Object.values(BY_CUSTOMER).map((key) =>
        db.prepare(
          `SELECT m.period / 100 AS year, ${key} AS k, SUM(m.amount_cents), SUM(m.gross_profit_cents)
             FROM sales_month_customer m JOIN customer cu ON cu.id = m.customer_id JOIN city ci ON ci.id = cu.city_id
            WHERE m.period BETWEEN ? AND ? GROUP BY 1, 2`,
        ),
      ),
      ...Object.values(BY_SKU).map((key) =>
        db.prepare(
          `SELECT m.period / 100 AS year, ${key} AS k, SUM(m.amount_cents), SUM(m.gross_profit_cents)
             FROM sales_month_sku m JOIN sku sk ON sk.id = m.sku_id
            WHERE m.period BETWEEN ? AND ? GROUP BY 1, 2`,
        ),
      ),
    ];
    let rows = 0;
    const run = () => {
      rows = 0;
      for (const s of statements) rows += s.all(from, to).length;
    };
    run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    return { ms: median(times), rows };
  } finally {
    db.close();
  }
}

export const DECK_SALES_SQL = 'bare SQL behind the review\'s sales charts: the monthly sales summaries of the review year and the year before grouped by month, province, city, brand and category (better-sqlite3, same file)';
