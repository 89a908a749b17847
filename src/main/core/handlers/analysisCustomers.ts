import type { HandlerRegistry } from '../registry';
import { customerAnalysis, customerSalesRows, regionMap, setCoverageTarget } from '../services/analysis/customers';

/** 渠道客戶分析: aggregates over customers, their sales and statements; the region's map; the coverage target (an edit). */
export function registerAnalysisCustomers(r: HandlerRegistry): void {
  r.query('analysis.customers', (input, { db }) => customerAnalysis(db, input));
  r.query('analysis.customerRows', (input, { db }) => customerSalesRows(db, input));
  r.query('analysis.regionMap', (_, { db }) => regionMap(db));
  r.command('analysis.setCoverageTarget', ({ target }, { db }) => {
    setCoverageTarget(db, target);
    return null;
  });
}
