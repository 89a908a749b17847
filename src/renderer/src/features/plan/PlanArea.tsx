import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import { ChannelPlanPanel } from './channel/ChannelPlanPanel';
import { TerminalPlanPanel } from './terminal/TerminalPlanPanel';
import { ProductPlanPanel } from './product/ProductPlanPanel';
import { WrittenPlanPanel } from './written/WrittenPlanPanel';
import { VarianceLogPanel } from './variance/VarianceLogPanel';
import '../masterData/masterData.css';
import { useArrival } from '../workspace/areaNav';

// The plan chapters area (計劃書): the chapters of the annual plan beyond the targets and
// the expense budget, one tab each, all of the working plan version.

export const PLAN_TABS = ['channel', 'terminal', 'product', 'written', 'variance'] as const;
export type PlanTab = (typeof PLAN_TABS)[number];

export function PlanArea() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<PlanTab>('channel');
  // Sent here by a finding of the pre-submission check: its tab.
  useArrival('plan', (d) => {
    if ((PLAN_TABS as readonly string[]).includes(d.tab ?? '')) setTab(d.tab as PlanTab);
  });
  return (
    <section className="md" data-testid="plan-area" data-tab={tab}>
      <header className="md__header">
        <h1 className="page-header__title">{t('plan.title')}</h1>
        <PageTabs label={t('plan.tabsLabel')} tabs={PLAN_TABS} value={tab} onChange={setTab} labelOf={(name) => t(`plan.tab.${name}`)} testIdPrefix="plan-tab" />
      </header>
      <div className="md__body" role="tabpanel">
        {tab === 'channel' && <ChannelPlanPanel />}
        {tab === 'terminal' && <TerminalPlanPanel />}
        {tab === 'product' && <ProductPlanPanel />}
        {tab === 'written' && <WrittenPlanPanel />}
        {tab === 'variance' && <VarianceLogPanel />}
      </div>
    </section>
  );
}
