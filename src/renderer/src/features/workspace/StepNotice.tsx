import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { labelText, versionText } from '../../i18n';

/** How long the notice stays before it goes by itself. */
const NOTICE_MS = 8000;

/**
 * Says that undo or redo switched the target page to the plan version it changed
 * (已切換到「工作計劃」並撤銷：修改目標), so that a change of a version that was not on
 * screen never happens unseen.
 */
export function StepNotice() {
  const { t } = useTranslation();
  const app = useApp();
  const notice = app.notice;
  const dismiss = app.dismissNotice;
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(dismiss, NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice, dismiss]);
  if (!notice) return null;
  const text = t(notice.which === 'undo' ? 'topbar.switchedUndo' : 'topbar.switchedRedo', {
    version: versionText(notice.version),
    label: labelText(notice.label),
  });
  return (
    <div className="step-notice" role="status" aria-live="polite" data-testid="step-notice" data-version={notice.version.id}>
      <span>{text}</span>
      <button type="button" className="btn btn--ghost btn--small" onClick={dismiss} aria-label={t('common.close')}>
        ×
      </button>
    </div>
  );
}
