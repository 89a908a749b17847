import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { pricesAnalysis } from '../services/analysis/prices';

/** 價格分析: read-only aggregates. */
export function registerAnalysisPrices(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.prices', (input) => pricesAnalysis(sqlite(), input));
}
