import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../../../../shared/contract';
import { unitLabel } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';
import { salesChartOption } from './chartOption';
import { DataSummary } from './DataSummary';
import { KpiTiles } from './KpiTiles';
import { ProfileForm } from './ProfileForm';
import { SalesChart } from './SalesChart';
import { useOverviewData, type OverviewData } from './useOverviewData';
import './overview.css';

function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}

function ChartCard({ data, summary }: { data: OverviewData; summary: RegionSummary }) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = summary.displayUnit;
  const language = app.language;
  const hasTarget = data.overview.hoTargetByMonth.some((c) => c !== 0);
  const empty = data.actuals.length === 0 && !hasTarget;

  const option = useMemo(
    () =>
      salesChartOption({
        planYear: summary.planYear,
        actuals: data.actuals,
        targetByMonth: hasTarget ? data.overview.hoTargetByMonth : null,
        unit,
        language,
        labels: {
          actual: (year) => t('overview.chart.actual', { year }),
          target: (year) => t('overview.chart.target', { year }),
          exact: t('overview.chart.exact'),
        },
        fontFamily: fontFamily(),
      }),
    [data, hasTarget, summary.planYear, unit, language, t],
  );

  return (
    <section className="card chart-card" aria-labelledby="chart-title">
      <header className="chart-card__header">
        <h2 id="chart-title" className="card__title">
          {t('overview.chart.title')}
        </h2>
        <span className="card__subtitle">
          {t('overview.chart.subtitle', { year: summary.planYear, unit: unitLabel(unit, language) })}
        </span>
      </header>
      {empty ? (
        <div className="empty-state" data-testid="chart-empty">
          <svg className="empty-state__art" viewBox="0 0 120 72" aria-hidden="true">
            <path d="M8 64h104" />
            <rect x="18" y="40" width="14" height="24" rx="2" />
            <rect x="42" y="28" width="14" height="36" rx="2" />
            <rect x="66" y="34" width="14" height="30" rx="2" />
            <rect x="90" y="18" width="14" height="46" rx="2" />
          </svg>
          <h3 className="empty-state__title">{t('overview.chart.emptyTitle')}</h3>
          <p className="empty-state__body">{t('overview.chart.emptyBody')}</p>
        </div>
      ) : (
        <SalesChart option={option} label={t('overview.chart.title')} />
      )}
    </section>
  );
}

/** The region at a glance: key figures, the monthly chart, the profile, the data in the file. */
export function OverviewPage({ summary }: { summary: RegionSummary }) {
  const { t } = useTranslation();
  const app = useApp();
  const state = useOverviewData();

  return (
    <div className="overview" data-testid="overview" data-loaded={state.status === 'ready'}>
      <header className="page-header">
        <h1 className="page-header__title">{t('overview.title')}</h1>
        <span className="page-header__meta">
          {summary.regionName} · {t('topbar.planYear', { year: summary.planYear })}
        </span>
      </header>

      {state.status === 'error' && (
        <p className="inline-error" role="alert">
          {errorText(state.error)}
        </p>
      )}

      <div className="overview__grid">
        <div className="overview__main">
          {state.status === 'ready' && (
            <KpiTiles
              planYear={summary.planYear}
              actuals={state.data.actuals}
              hoTargetByMonth={state.data.overview.hoTargetByMonth}
              unit={summary.displayUnit}
              language={app.language}
            />
          )}
          {state.status === 'ready' ? (
            <ChartCard data={state.data} summary={summary} />
          ) : (
            <section className="card chart-card chart-card--loading">
              <p className="muted">{t('overview.chart.loading')}</p>
            </section>
          )}
        </div>
        <ProfileForm summary={summary} />
      </div>

      {state.status === 'ready' && <DataSummary counts={state.data.overview.counts} language={app.language} />}
    </div>
  );
}
