import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../../../../shared/contract';
import { intlLocale } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { Icon } from '../../components/icons';

/** Where the file is, its format version, and that everything is saved (there is no Save). */
export function StatusBar({ summary }: { summary: RegionSummary }) {
  const { t } = useTranslation();
  const app = useApp();
  const savedAt = app.editState?.savedAt ?? null;
  // Made once per language: the bar renders after every edit, and a formatter is costly to make.
  const clock = useMemo(() => new Intl.DateTimeFormat(intlLocale(app.language), { hour: '2-digit', minute: '2-digit', hour12: false }), [app.language]);
  const time = savedAt ? clock.format(new Date(savedAt)) : null;
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className="statusbar__path" title={summary.path} data-testid="status-path">
        {summary.path}
      </span>
      {summary.checking && (
        <span className="statusbar__checking" title={t('status.checkingTitle')} data-testid="status-checking" role="status">
          <Icon name="lock" size={14} />
          {t('status.checking')}
        </span>
      )}
      <span className="statusbar__schema">{t('status.schema', { version: summary.schemaVersion })}</span>
      <span className="statusbar__saved" data-testid="saved-indicator" data-saved-at={savedAt ?? ''}>
        <Icon name="check" size={14} />
        {time ? t('status.savedAt', { time }) : t('status.allSaved')}
      </span>
    </footer>
  );
}
