import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { expenseActualRows, expensesAnalysis, type ExpensesContext } from '../services/analysis/expenses';
import type { PlanTargets } from '../services/expenses/budget';
import { planSliceTargets } from '../services/expenses/split';
import { targetCache } from '../services/targets/model';
import { targetSummary } from '../services/targets/read';
import { ensureWorking } from '../services/targets/versions';

/**
 * 費用分析: read-only aggregates. The plan year's targets (for the budget's ratios)
 * come from the targets' cube, as the expense budget's own handler reads them; they
 * are asked for only when the plan year with a budget is shown (a working plan
 * exists then, so ensureWorking does not write).
 */
export function registerAnalysisExpenses(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  const context = (): ExpensesContext => {
    const cache = () => targetCache(session.requireFile(), session.generation);
    return {
      targets: (): PlanTargets => {
        const s = targetSummary(sqlite(), cache(), ensureWorking(sqlite()));
        return { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents };
      },
      sliceTargets: (dimension) => planSliceTargets(sqlite(), cache(), dimension),
    };
  };
  r.register('analysis.expenses', (input) => expensesAnalysis(sqlite(), input, context()));
  r.register('analysis.expenseRows', (input) => expenseActualRows(sqlite(), input));
}
