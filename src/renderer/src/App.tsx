import { useEffect } from 'react';
import { useApp } from './app/AppContext';
import { emitAppEvent, setAppState, type AppStateName } from './app/appEvents';
import { useCommands } from './app/useCommands';
import { useFileDrop } from './app/useFileDrop';
import { ErrorDialog } from './components/ErrorDialog';
import { ProgressDialog } from './components/ProgressDialog';
import { AboutDialog } from './features/about/AboutDialog';
import { NewRegionDialog } from './features/start/NewRegionDialog';
import { OpenDialog } from './features/start/OpenDialog';
import { StartScreen } from './features/start/StartScreen';
import { Workspace } from './features/workspace/Workspace';
import { HqWorkspace } from './features/hq/HqWorkspace';
import { useQuery } from './api/queries';

let announcedReady = false;

export function App() {
  const app = useApp();
  useCommands(app);
  useFileDrop(app);

  // Head office's workspace is the other thing a window can have open (never both).
  const hq = useQuery('hq.current', {}).data?.workspace ?? null;
  const state: AppStateName = app.busy !== null ? 'loading' : app.summary || hq ? 'workspace' : 'start';
  useEffect(() => {
    setAppState(state);
  }, [state]);

  useEffect(() => {
    document.body.dataset.language = app.language;
  }, [app.language]);

  useEffect(() => {
    // Once per page load (StrictMode runs effects twice in development).
    if (announcedReady) return;
    announcedReady = true;
    emitAppEvent('regionplan:ready');
  }, []);

  return (
    <>
      {app.busy !== null && <div className="busy-line" aria-hidden="true" />}
      {app.summary ? <Workspace key={app.summary.path} summary={app.summary} /> : hq ? <HqWorkspace key={hq.path} summary={hq} /> : <StartScreen />}
      {app.dialog === 'new' && <NewRegionDialog />}
      {app.dialog === 'open' && <OpenDialog />}
      {app.dialog === 'about' && <AboutDialog />}
      <ProgressDialog />
      <ErrorDialog />
    </>
  );
}
