import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import { PromotionsPanel } from '../promotions/PromotionsPanel';
import { ActionsPanel } from '../team/ActionsPanel';
import { TeamPanel } from '../team/TeamPanel';
import { BudgetPanel } from './BudgetPanel';
import '../masterData/masterData.css';

// The expenses area: the sales expense budget, the promotion and advertising
// calendar whose budgets roll into it, the team and training plan, and the action list.

const TABS = ['budget', 'promotions', 'team', 'actions'] as const;
type Tab = (typeof TABS)[number];

export function ExpensesArea() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('budget');

  return (
    <section className="md" data-testid="expenses-area" data-tab={tab}>
      <header className="md__header">
        <h1 className="page-header__title">{t('expenses.title')}</h1>
        <PageTabs
          label={t('expenses.tabsLabel')}
          tabs={TABS}
          value={tab}
          onChange={setTab}
          labelOf={(name) => t(`expenses.tab.${name}`)}
          testIdPrefix="expenses-tab"
        />
      </header>
      <div className="md__body" role="tabpanel">
        {tab === 'budget' && <BudgetPanel />}
        {tab === 'promotions' && <PromotionsPanel />}
        {tab === 'team' && <TeamPanel />}
        {tab === 'actions' && <ActionsPanel />}
      </div>
    </section>
  );
}
