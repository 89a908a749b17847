import type Database from 'better-sqlite3';
import type { ExpensesPlaceholder } from '../../../../shared/channels/analysisExpenses';

// 費用分析: filled in by the expenses view's work.

export function expensesAnalysis(sqlite: Database.Database, input: { year?: number }): ExpensesPlaceholder {
  const py = (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
  return { year: input.year ?? py - 1 };
}
