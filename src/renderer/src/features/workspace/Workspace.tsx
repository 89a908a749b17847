import { useCallback, useEffect, useState } from 'react';
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
import { AreaNavContext, DestinationContext, type AreaPlace, type Destination } from './areaNav';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';
import { StepNotice } from './StepNotice';
import { TopBar } from './TopBar';
import './workspace.css';

/** A region file is open: top bar, areas on the left, the area, the status bar. */
export function Workspace({ summary }: { summary: RegionSummary }) {
  const [area, setArea] = useState<Area>('overview');
  // A place inside the area (a tab, a row) when another area sent the user there; none when
  // they chose the area themselves, so coming back later opens it as they left it.
  const [destination, setDestination] = useState<Destination | null>(null);
  const goTo = useCallback((next: Area, place?: AreaPlace) => {
    setArea(next);
    setDestination((prev) => (place ? { area: next, ...place, seq: (prev?.seq ?? 0) + 1 } : null));
  }, []);

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
      <SideNav area={area} onSelect={goTo} />
      <AreaNavContext.Provider value={goTo}>
      <DestinationContext.Provider value={destination}>
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
      </DestinationContext.Provider>
      </AreaNavContext.Provider>
      <StatusBar summary={summary} />
      <StepNotice />
    </div>
  );
}
