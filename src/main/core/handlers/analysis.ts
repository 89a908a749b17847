import type { HandlerRegistry } from '../registry';
import { marketAnalysis, marketRows } from '../services/analysis/market';
import { salesAnalysis, salesRows } from '../services/analysis/sales';

/** The analysis area: read-only aggregates of the actuals against last year and the plan. */
export function registerAnalysis(r: HandlerRegistry): void {
  r.query('analysis.sales', (input, { db }) => salesAnalysis(db, input));
  r.query('analysis.salesRows', (input, { db }) => salesRows(db, input));
  r.query('analysis.market', (input, { db }) => marketAnalysis(db, input));
  r.query('analysis.marketRows', (input, { db }) => marketRows(db, input));
}
