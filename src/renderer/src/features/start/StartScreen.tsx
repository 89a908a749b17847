import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { Icon, type IconName } from '../../components/icons';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Logo } from '../../components/Logo';
import { NewHqDialog, useOpenHq } from '../hq/HqDialogs';
import { ConnectServerLink } from '../hq/HqServer';
import { DropZone } from './DropZone';
import { RecentFiles } from './RecentFiles';
import './start.css';

interface ActionProps {
  icon: IconName;
  title: string;
  hint: string;
  onClick: () => void;
  testId: string;
  primary?: boolean;
  disabled: boolean;
}

function StartAction({ icon, title, hint, onClick, testId, primary, disabled }: ActionProps) {
  return (
    <button
      type="button"
      className={primary ? 'start-action start-action--primary' : 'start-action'}
      onClick={onClick}
      data-testid={testId}
      disabled={disabled}
    >
      <span className="start-action__icon">
        <Icon name={icon} size={22} />
      </span>
      <span className="start-action__text">
        <span className="start-action__title">{title}</span>
        <span className="start-action__hint">{hint}</span>
      </span>
    </button>
  );
}

/** No file open: what the product is, and the ways to get a region file open. */
export function StartScreen() {
  const { t } = useTranslation();
  const app = useApp();
  const busy = app.busy !== null;
  const [newHq, setNewHq] = useState(false);
  const openHq = useOpenHq();
  return (
    <div className="start" data-testid="start-screen">
      <header className="start__bar">
        <div className="brand">
          <Logo />
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <LanguageSwitcher />
      </header>

      <main className="start__main">
        <section className="start__hero">
          <h1 className="start__tagline">{t('app.tagline')}</h1>
          <p className="start__description">{t('app.description')}</p>
          <div className="start__actions">
            <StartAction
              icon="plus"
              title={t('start.newRegion')}
              hint={t('start.newRegionHint')}
              onClick={() => app.showDialog('new')}
              testId="start-new"
              primary
              disabled={busy}
            />
            <StartAction
              icon="folder"
              title={t('start.openFile')}
              hint={t('start.openFileHint')}
              onClick={app.openFile}
              testId="start-open"
              disabled={busy}
            />
            <StartAction
              icon="sparkle"
              title={t('start.openDemo')}
              hint={t('start.openDemoHint')}
              onClick={() => void app.openDemo()}
              testId="start-demo"
              disabled={busy}
            />
          </div>
          <DropZone />
          <div className="start__hq" data-testid="start-hq">
            <StartAction
              icon="analysis"
              title={t('hqUi.newHq')}
              hint={t('hqUi.newHqHint')}
              onClick={() => setNewHq(true)}
              testId="start-new-hq"
              disabled={busy}
            />
            <StartAction
              icon="folder"
              title={t('hqUi.openHq')}
              hint={t('hqUi.openHqHint')}
              onClick={openHq.open}
              testId="start-open-hq"
              disabled={busy}
            />
            <ConnectServerLink disabled={busy} />
          </div>
        </section>

        <aside className="start__side">
          <RecentFiles />
        </aside>
      </main>

      {newHq && <NewHqDialog onClose={() => setNewHq(false)} />}
      {openHq.picker}
      <footer className="start__footer">
        <span>{t('start.footer')}</span>
        <span className="start__version">
          {t('app.name')} {app.info.version}
        </span>
      </footer>
    </div>
  );
}
