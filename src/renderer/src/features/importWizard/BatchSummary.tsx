import { useTranslation } from 'react-i18next';
import type { BatchPlan } from '../../../../shared/actuals';
import { formatInteger, formatPeriod } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';

/** Actuals preview: what the commit will do, in one line ("2026-01 至 2026-12 · 12,345 條數據；替換…"). */
export function BatchSummary({ plan }: { plan: BatchPlan }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  const period =
    plan.periodFrom !== null && plan.periodTo !== null
      ? plan.periodFrom === plan.periodTo
        ? formatPeriod(plan.periodFrom)
        : t('importWizard.preview.batch.period', { from: formatPeriod(plan.periodFrom), to: formatPeriod(plan.periodTo) })
      : t('importWizard.preview.batch.noPeriod');
  const source = plan.source;
  const parts = [
    plan.combined > 0 && t('importWizard.preview.batch.combined', { n: n(plan.combined) }),
    plan.replaces > 0
      ? t('importWizard.preview.batch.replaces', { n: n(plan.replaces), source })
      : t('importWizard.preview.batch.firstImport', { source }),
    plan.overwrites > 0 && t('importWizard.preview.batch.overwrites', { n: n(plan.overwrites) }),
    plan.skipped > 0 && t('importWizard.preview.batch.skips', { n: n(plan.skipped) }),
    plan.creates > 0 && t('importWizard.preview.batch.creates', { n: n(plan.creates) }),
  ].filter((p): p is string => typeof p === 'string');
  return (
    <div className="import-batch" data-testid="import-batch">
      <span className="import-batch__title">{t('importWizard.preview.batch.title')}</span>
      <p>
        <strong data-testid="import-batch-period">{period}</strong>
        {' · '}
        <strong data-testid="import-batch-lines">{t('importWizard.preview.batch.lines', { n: n(plan.lines) })}</strong>
        {t('importWizard.preview.batch.sep')}
        <span data-testid="import-batch-plan" data-replaces={plan.replaces}>
          {parts.join(t('importWizard.preview.batch.sep'))}
        </span>
      </p>
    </div>
  );
}
