import { useAnalysis, useT } from '../kit';

// 費用分析: filled in by the expenses view's work.

export function ExpensesView() {
  const t = useT();
  const { data } = useAnalysis('analysis.expenses', {});
  return (
    <div data-testid="analysis-expenses" data-year={data?.year ?? ''}>
      {t('analysisExpenses.tab')}
    </div>
  );
}
