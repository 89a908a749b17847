import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { AppInfo, RegionSummary } from '../../shared/contract';
import { DEFAULT_LANGUAGE } from '../../shared/i18n';
import { parsePrintHash, type PrintRoute } from '../../shared/print';
import { api, toErrorData } from './api/client';
import { AppProvider } from './app/AppContext';
import { setAppState } from './app/appEvents';
import { App } from './App';
import { BootError } from './components/BootError';
import { PrintApp } from './features/review/print/PrintApp';
import { initI18n } from './i18n';
import { bootAudience } from './features/review/present/Audience';
import './styles/base.css';

// Start-up: ask the host who it is and which language the user chose, set up the
// catalogs, find out whether a file is already open (the host may have been
// started with one), then render. A print route (#print?…) draws only the deck's
// print page, in the language it names, without the workspace.
async function bootPrint(route: PrintRoute): Promise<void> {
  document.documentElement.classList.add('print-mode');
  const root = createRoot(document.getElementById('root') as HTMLElement);
  await initI18n(route.language);
  root.render(
    <StrictMode>
      <PrintApp route={route} />
    </StrictMode>,
  );
}

async function boot(root: Root): Promise<void> {
  setAppState('loading');
  let info: AppInfo;
  let summary: RegionSummary | null;
  try {
    info = await api.call('app.info');
    await initI18n(info.language);
    summary = await api.call('file.current');
  } catch (e) {
    await initI18n(DEFAULT_LANGUAGE);
    root.render(<BootError error={toErrorData(e)} />);
    setAppState('start');
    return;
  }
  root.render(
    <StrictMode>
      <AppProvider info={info} initialSummary={summary}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}

const printRoute = parsePrintHash(location.hash);
// The presentation's audience window is the app opened at #audience=…: it shows slides only.
if (printRoute) void bootPrint(printRoute);
else {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  if (!bootAudience(root)) void boot(root);
}
