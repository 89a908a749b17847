import type Database from 'better-sqlite3';
import type { PricesPlaceholder } from '../../../../shared/channels/analysisPrices';

// 價格分析: filled in by the prices view's work.

export function pricesAnalysis(sqlite: Database.Database, input: { year?: number }): PricesPlaceholder {
  const py = (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
  return { year: input.year ?? py - 1 };
}
