import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Icon } from '../../components/icons';

function formatDate(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The recent files (file.recent): click to open; a missing file can be forgotten. */
export function RecentFiles() {
  const { t } = useTranslation();
  const app = useApp();
  const { showError } = app;
  const { data, error } = useQuery('file.recent', {});
  const recent = data ?? (error ? [] : null);

  // The list is not a part of any page: a failure to read it goes to the error dialog.
  useEffect(() => {
    if (error) showError({ titleKey: 'errors.title', data: error });
  }, [error, showError]);

  // The recent list reloads after the command (it changed the app's state).
  const forget = async (path: string) => {
    const outcome = await runCommand('file.forgetRecent', { path });
    if (!outcome.ok) showError({ titleKey: 'errors.title', data: outcome.error });
  };

  return (
    <section className="recent card" aria-labelledby="recent-title" data-testid="recent-files">
      <h2 id="recent-title" className="card__title">
        {t('start.recent')}
      </h2>
      {recent !== null && recent.length === 0 && <p className="recent__empty">{t('start.recentEmpty')}</p>}
      {recent !== null && recent.length > 0 && (
        <ul className="recent__list">
          {recent.map((r) => (
            <li
              key={r.path}
              className={r.exists ? 'recent__item' : 'recent__item is-missing'}
              data-testid="recent-item"
              data-path={r.path}
              data-exists={String(r.exists)}
            >
              <button
                type="button"
                className="recent__open"
                disabled={!r.exists || app.busy !== null}
                onClick={() => void app.openPath(r.path)}
                title={r.path}
              >
                <span className="recent__icon">
                  <Icon name="file" />
                </span>
                <span className="recent__text">
                  <span className="recent__name">
                    <span data-testid="recent-region">{r.regionName}</span>
                    <span className="recent__year">{t('start.planYear', { year: r.planYear })}</span>
                  </span>
                  <span className="recent__meta">
                    {r.exists ? (
                      <>
                        <span className="recent__file">{r.fileName}</span>
                        <span>{formatDate(r.openedAt, intlLocale(app.language))}</span>
                      </>
                    ) : (
                      <span className="recent__missing">{t('start.recentMissing')}</span>
                    )}
                  </span>
                </span>
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--small recent__forget"
                onClick={() => void forget(r.path)}
                title={t('start.forgetTitle', { file: r.fileName })}
                data-testid="recent-forget"
              >
                {t('start.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
