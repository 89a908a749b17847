import { useAnalysis, useT } from '../kit';

// 價格分析: filled in by the prices view's work.

export function PricesView() {
  const t = useT();
  const { data } = useAnalysis('analysis.prices', {});
  return (
    <div data-testid="analysis-prices" data-year={data?.year ?? ''}>
      {t('analysisPrices.tab')}
    </div>
  );
}
