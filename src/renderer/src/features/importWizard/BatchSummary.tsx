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

/** Most rows of the taken list shown; the rest are counted. */
const MAX_TAKEN = 60;

/**
 * The earlier rows the commit replaces (same source) and overwrites (other sources), by
 * source, batch and month; when other sources lose rows, the confirmation the commit
 * needs (the import button stays off until it is ticked).
 */
export function TakenRowsList({ plan, confirmed, onConfirm }: { plan: BatchPlan; confirmed: boolean; onConfirm: (v: boolean) => void }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  if (plan.taken.length === 0) return null;
  const shown = plan.taken.slice(0, MAX_TAKEN);
  const sourceName = (s: string) => (s === '' ? t('importWizard.preview.taken.demoSource') : s);
  return (
    <div className="import-taken" data-testid="import-taken">
      <span className="import-batch__title">{t('importWizard.preview.taken.title')}</span>
      <div className="import-table-wrap import-taken__wrap">
        <table className="import-table">
          <thead>
            <tr>
              <th>{t('importWizard.preview.taken.action')}</th>
              <th>{t('importWizard.preview.taken.source')}</th>
              <th>{t('importWizard.preview.taken.batch')}</th>
              <th>{t('importWizard.preview.taken.month')}</th>
              <th className="num">{t('importWizard.preview.taken.rows')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.action}-${r.batchId}-${r.period}`} data-testid="import-taken-row" data-action={r.action} className={r.action === 'overwrite' ? 'is-other' : ''}>
                <td>{r.action === 'replace' ? t('importWizard.preview.taken.replace') : t('importWizard.preview.taken.overwrite')}</td>
                <td>{sourceName(r.source)}</td>
                <td>{t('importWizard.preview.taken.batchCell', { id: r.batchId, file: r.fileName })}</td>
                <td>{formatPeriod(r.period)}</td>
                <td className="num">{n(r.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.taken.length > shown.length && <p className="field__hint">{t('importWizard.preview.taken.more', { n: n(plan.taken.length - shown.length) })}</p>}
      {plan.otherSources.length > 0 && (
        <div className="import-taken__other" role="group">
          <p>{t('importWizard.preview.other.body', { n: n(plan.overwrites), sources: plan.otherSources.map(sourceName).join('、') })}</p>
          <label className="import-taken__confirm">
            <input type="checkbox" data-testid="import-confirm-other" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />{' '}
            {t('importWizard.preview.other.confirm', { n: n(plan.overwrites) })}
          </label>
          {!confirmed && <p className="field__hint">{t('importWizard.preview.other.needed')}</p>}
        </div>
      )}
    </div>
  );
}
