import type Database from 'better-sqlite3';
import type { PricesAnalysis } from '../../../shared/channels/analysisPrices';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { priceChecks, priceShelves, pricesAnalysis } from '../services/analysis/prices';

/** Answers kept per open file, dropped when the session's generation (committed changes) moves. */
const CACHED_ANSWERS = 16;
const answers = new WeakMap<Database.Database, { generation: number; byInput: Map<string, PricesAnalysis> }>();

/** 價格分析: read-only aggregates over the visits' price checks. */
export function registerAnalysisPrices(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.prices', (input) => {
    // Going back to the tab (or to a filter seen before) answers from memory while
    // nothing in the file changed: the first answer scans the year's price checks.
    const db = sqlite();
    let c = answers.get(db);
    if (!c || c.generation !== session.generation) {
      c = { generation: session.generation, byInput: new Map() };
      answers.set(db, c);
    }
    const key = JSON.stringify(input);
    const hit = c.byInput.get(key);
    if (hit) return hit;
    const value = pricesAnalysis(db, input);
    if (c.byInput.size >= CACHED_ANSWERS) c.byInput.delete(c.byInput.keys().next().value!);
    c.byInput.set(key, value);
    return value;
  });
  r.register('analysis.priceShelves', (input) => priceShelves(sqlite(), input));
  r.register('analysis.priceChecks', (input) => priceChecks(sqlite(), input));
}
