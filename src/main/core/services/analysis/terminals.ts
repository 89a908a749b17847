import type Database from 'better-sqlite3';
import type { TerminalsPlaceholder } from '../../../../shared/channels/analysisTerminals';

// 終端分析: filled in by the terminals view's work.

export function terminalsAnalysis(sqlite: Database.Database, input: { year?: number }): TerminalsPlaceholder {
  const py = (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
  return { year: input.year ?? py - 1 };
}
