import type { PricesAnalysis } from '../../../shared/endpoints/analysisPrices';
import { Memo } from '../db/changes';
import type { HandlerRegistry } from '../registry';
import { priceChecks, priceShelves, pricesAnalysis } from '../services/analysis/prices';

// Going back to the tab (or to a filter seen before) answers from memory while the
// price checks and the members are unchanged: the first answer scans the year's checks.
const answers = new Memo<PricesAnalysis>(['actuals', 'master'], 16);

/** 價格分析: read-only aggregates over the visits' price checks. */
export function registerAnalysisPrices(r: HandlerRegistry): void {
  r.query('analysis.prices', (input, { db, file }) => answers.get(file.changes, JSON.stringify(input), () => pricesAnalysis(db, input)));
  r.query('analysis.priceShelves', (input, { db }) => priceShelves(db, input));
  r.query('analysis.priceChecks', (input, { db }) => priceChecks(db, input));
}
