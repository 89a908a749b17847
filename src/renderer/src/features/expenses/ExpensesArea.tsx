import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PromotionsPanel } from '../promotions/PromotionsPanel';
import { ActionsPanel } from '../team/ActionsPanel';
import { TeamPanel } from '../team/TeamPanel';
import { BudgetPanel } from './BudgetPanel';
import '../masterData/masterData.css';

// The expenses area (issue 6): the sales expense budget, the promotion and advertising
// calendar whose budgets roll into it, the team and training plan, and the action list.

const TABS = ['budget', 'promotions', 'team', 'actions'] as const;
type Tab = (typeof TABS)[number];

export function ExpensesArea() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('budget');

  const onTabKey = (e: KeyboardEvent<HTMLElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
    setTab(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-testid="expenses-tab-${next}"]`)?.focus();
  };

  return (
    <section className="md" data-testid="expenses-area" data-tab={tab}>
      <header className="md__header">
        <h1 className="page-header__title">{t('expenses.title')}</h1>
        <nav className="md__tabs" role="tablist" aria-label={t('expenses.tabsLabel')} onKeyDown={onTabKey}>
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              className={tab === name ? 'md__tab is-active' : 'md__tab'}
              onClick={() => setTab(name)}
              data-testid={`expenses-tab-${name}`}
            >
              {t(`expenses.tab.${name}`)}
            </button>
          ))}
        </nav>
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
