import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import { PromotionsPanel } from '../promotions/PromotionsPanel';
import { ActionsPanel } from '../team/ActionsPanel';
import { TeamPanel } from '../team/TeamPanel';
import { BudgetPanel } from './BudgetPanel';
import '../masterData/masterData.css';
import { useArrival, useDestination } from '../workspace/areaNav';

// The expenses area: the sales expense budget, the promotion and advertising
// calendar whose budgets roll into it, the team and training plan, and the action list.

const TABS = ['budget', 'promotions', 'team', 'actions'] as const;
type Tab = (typeof TABS)[number];

export function ExpensesArea() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('budget');
  // Sent here by a finding of the pre-submission check: the budget grid, or an item's split
  // (the budget tab, its dialog open on the item).
  useArrival('expenses', (d) => {
    if (d.tab === 'split') setTab('budget');
    else if ((TABS as readonly string[]).includes(d.tab ?? '')) setTab(d.tab as Tab);
  });
  const destination = useDestination('expenses');
  const splitItem = destination?.tab === 'split' && typeof destination.ref === 'number' ? { itemId: destination.ref, seq: destination.seq } : null;
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
        {tab === 'budget' && <BudgetPanel openSplit={splitItem} />}
        {tab === 'promotions' && <PromotionsPanel />}
        {tab === 'team' && <TeamPanel />}
        {tab === 'actions' && <ActionsPanel />}
      </div>
    </section>
  );
}
