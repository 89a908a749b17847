import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { customerAnalysis, customerSalesRows, regionMap, setCoverageTarget } from '../services/analysis/customers';

/** 渠道客戶分析: aggregates over customers, their sales and statements; the region's map; the coverage target (an edit). */
export function registerAnalysisCustomers(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.customers', (input) => customerAnalysis(sqlite(), input));
  r.register('analysis.customerRows', (input) => customerSalesRows(sqlite(), input));
  r.register('analysis.regionMap', () => regionMap(sqlite()));
  r.register('analysis.setCoverageTarget', ({ target }) => {
    setCoverageTarget(sqlite(), target);
    session.touch();
    return null;
  });
}
