import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { emitAppEvent } from '../app/appEvents';
import { labelText } from '../i18n';
import { Modal } from './Modal';

/** The running job (demo generation, later imports): a bar and a cancel button. */
export function ProgressDialog() {
  const { t } = useTranslation();
  const app = useApp();
  const progress = app.progress;
  useEffect(() => {
    // Tests see that the bar was shown, however quickly the job finished.
    if (progress) emitAppEvent('regionplan:progress', { label: progress.label, done: progress.done, total: progress.total });
  }, [progress]);
  if (!progress) return null;
  const ratio = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const percent = Math.round(ratio * 100);
  return (
    <Modal
      title={progress.label === 'job.demo' ? t('demo.title') : labelText(progress.label)}
      onClose={app.cancelJob}
      dismissible={false}
      testId="progress-dialog"
      footer={
        <button type="button" className="btn" onClick={app.cancelJob} data-testid="progress-cancel">
          {t('common.cancel')}
        </button>
      }
    >
      {/* Other jobs' label is the title already; the demo's title is its own. */}
      {progress.label === 'job.demo' && <p className="progress__label">{labelText(progress.label)}</p>}
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={labelText(progress.label)}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress__meta">
        <span>{percent}%</span>
        {progress.label === 'job.demo' && <span>{t('demo.firstTime')}</span>}
      </p>
    </Modal>
  );
}
