import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { expensesAnalysis } from '../services/analysis/expenses';

/** 費用分析: read-only aggregates. */
export function registerAnalysisExpenses(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('analysis.expenses', (input) => expensesAnalysis(sqlite(), input));
}
