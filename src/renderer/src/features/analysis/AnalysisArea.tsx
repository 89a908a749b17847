import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import { SalesView } from './SalesView';
import { CustomersView } from './customers';
import { TerminalsView } from './terminals';
import { PricesView } from './prices';
import { ExpensesView } from './expenses';
import './analysis.css';

// The analysis area: one tab per view (sales, channel customers, terminals, prices,
// expenses), each mounting its own view.

export const ANALYSIS_VIEWS = ['sales', 'customers', 'terminals', 'prices', 'expenses'] as const;
export type AnalysisView = (typeof ANALYSIS_VIEWS)[number];

export function AnalysisArea() {
  const { t } = useTranslation();
  const [view, setView] = useState<AnalysisView>('sales');
  return (
    <section className="an" data-testid="analysis-area" data-view={view}>
      <header className="an__header">
        <h1 className="page-header__title an__title">{t('analysis.title')}</h1>
        <PageTabs label={t('analysis.viewsLabel')} tabs={ANALYSIS_VIEWS} value={view} onChange={setView} labelOf={(v) => t(`analysis.view.${v}`)} testIdPrefix="analysis-tab" />
      </header>
      {view === 'sales' && <SalesView />}
      {view === 'customers' && <CustomersView />}
      {view === 'terminals' && <TerminalsView />}
      {view === 'prices' && <PricesView />}
      {view === 'expenses' && <ExpensesView />}
    </section>
  );
}
