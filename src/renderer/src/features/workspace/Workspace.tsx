import { useEffect, useState } from 'react';
import type { RegionSummary } from '../../../../shared/contract';
import { ActualsPage } from '../actuals/ActualsPage';
import { AnalysisArea } from '../analysis/AnalysisArea';
import { ExpensesArea } from '../expenses/ExpensesArea';
import { MasterDataPage } from '../masterData/MasterDataPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PlanArea } from '../plan/PlanArea';
import { ReviewArea } from '../review/ReviewArea';
import { SubmitArea } from '../submit/SubmitArea';
import { TargetsPage } from '../targets/TargetsPage';
import type { Area } from './areas';
import { AreaNavContext } from './areaNav';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';
import { StepNotice } from './StepNotice';
import { TopBar } from './TopBar';
import './workspace.css';

/** A region file is open: top bar, areas on the left, the area, the status bar. */
export function Workspace({ summary }: { summary: RegionSummary }) {
  const [area, setArea] = useState<Area>('overview');

  // The Electron shell shows the page title as the window title.
  useEffect(() => {
    document.title = `${summary.regionName} ${summary.planYear} — RegionPlan`;
    return () => {
      document.title = 'RegionPlan';
    };
  }, [summary.regionName, summary.planYear]);

  return (
    <div className="workspace" data-testid="workspace">
      <TopBar summary={summary} />
      <SideNav area={area} onSelect={setArea} />
      <AreaNavContext.Provider value={setArea}>
      <main className="workspace__main" data-area={area}>
        {area === 'overview' ? (
          <OverviewPage summary={summary} />
        ) : area === 'masterData' ? (
          <MasterDataPage />
        ) : area === 'targets' ? (
          <TargetsPage />
        ) : area === 'expenses' ? (
          <ExpensesArea />
        ) : area === 'plan' ? (
          <PlanArea />
        ) : area === 'actuals' ? (
          <ActualsPage />
        ) : area === 'analysis' ? (
          <AnalysisArea />
        ) : area === 'review' ? (
          <ReviewArea />
        ) : (
          <SubmitArea />
        )}
      </main>
      </AreaNavContext.Provider>
      <StatusBar summary={summary} />
      <StepNotice />
    </div>
  );
}
