import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
        <nav className="an__tabs" role="tablist" aria-label={t('analysis.viewsLabel')}>
          {ANALYSIS_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={view === v ? 'an__tab is-active' : 'an__tab'}
              onClick={() => setView(v)}
              data-testid={`analysis-tab-${v}`}
            >
              {t(`analysis.view.${v}`)}
            </button>
          ))}
        </nav>
      </header>
      {view === 'sales' && <SalesView />}
      {view === 'customers' && <CustomersView />}
      {view === 'terminals' && <TerminalsView />}
      {view === 'prices' && <PricesView />}
      {view === 'expenses' && <ExpensesView />}
    </section>
  );
}
