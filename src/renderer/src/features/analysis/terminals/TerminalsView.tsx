import { useAnalysis, useT } from '../kit';

// 終端分析: filled in by the terminals view's work.

export function TerminalsView() {
  const t = useT();
  const { data } = useAnalysis('analysis.terminals', {});
  return (
    <div data-testid="analysis-terminals" data-year={data?.year ?? ''}>
      {t('analysisTerminals.tab')}
    </div>
  );
}
