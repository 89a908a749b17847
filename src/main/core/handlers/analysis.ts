import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { marketAnalysis, marketRows } from '../services/analysis/market';
import { salesAnalysis, salesRows } from '../services/analysis/sales';

/** The analysis area: read-only aggregates of the actuals against last year and the plan. */
export function registerAnalysis(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.sales', (input) => salesAnalysis(sqlite(), input));
  r.register('analysis.salesRows', (input) => salesRows(sqlite(), input));
  r.register('analysis.market', (input) => marketAnalysis(sqlite(), input));
  r.register('analysis.marketRows', (input) => marketRows(sqlite(), input));
}
