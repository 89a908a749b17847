import type { HandlerRegistry } from '../registry';
import { expenseActualRows, expensesAnalysis, type ExpensesContext } from '../services/analysis/expenses';
import { planSliceTargets } from '../services/expenses/split';
import { targetCache } from '../services/targets/model';
import { planTargets } from '../services/targets/read';

/**
 * 費用分析: read-only aggregates. The plan year's targets (for the budget's ratios)
 * come from the targets' cube, as the expense budget reads them; they are asked for
 * only when the plan year with a budget is shown.
 */
export function registerAnalysisExpenses(r: HandlerRegistry): void {
  r.query('analysis.expenses', (input, { db, file }) => {
    const context: ExpensesContext = {
      targets: () => planTargets(file, db),
      sliceTargets: (dimension) => planSliceTargets(db, targetCache(file, db), dimension),
    };
    return expensesAnalysis(db, input, context);
  });
  r.query('analysis.expenseRows', (input, { db }) => expenseActualRows(db, input));
}
