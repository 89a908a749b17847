import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';

// The pre-submission check's findings, errors first. A minimal list: the check's owner
// replaces this file with the full panel (links to the place to fix each finding).

export function CheckPanel({ versionId }: { versionId?: number }) {
  const { t } = useTranslation();
  const app = useApp();
  const check = useQuery('submit.check', { ...(versionId !== undefined ? { versionId } : {}), language: app.language });
  if (check.error) return <p className="submit-muted" data-testid="submit-check-error">{errorText(check.error)}</p>;
  if (!check.data) return <p className="submit-muted">…</p>;
  const findings = [...check.data.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="submit-findings" data-testid="submit-check-findings">
      {findings.map((f, i) => (
        <li key={i} className={`submit-finding submit-finding--${f.severity}`}>
          {f.message}
        </li>
      ))}
      {findings.length === 0 && <li className="submit-finding">{t('submit.checkClean')}</li>}
    </ul>
  );
}
