import { useTranslation } from 'react-i18next';
import { Modal } from '../components/Modal';
import type { AppendQuestion } from './useClipboard';
import type { Problem } from './useProblems';

// The grid's two dialogs: why an action was refused, and whether pasted rows below the
// last one become new rows.

export function ProblemsDialog({ problem, onClose }: { problem: Problem; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t(`grid.problemsTitle.${problem.label}`)}
      onClose={onClose}
      role="alertdialog"
      testId="grid-problems"
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} autoFocus>
          {t('common.dismiss')}
        </button>
      }
    >
      <p className="gk__problems-intro">{t('grid.problemsIntro')}</p>
      <ul className="gk__problems">
        {problem.lines.map((line, i) => (
          <li key={i} data-testid="grid-problem">
            {line}
          </li>
        ))}
      </ul>
      {problem.more > 0 && <p className="muted">{t('grid.problemsMore', { count: problem.more })}</p>}
    </Modal>
  );
}

export function AppendDialog({ question }: { question: AppendQuestion }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('grid.appendTitle')}
      onClose={() => question.answer('cancel')}
      testId="grid-append"
      footer={
        <>
          <button type="button" className="btn" onClick={() => question.answer('cancel')}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => question.answer('existing')} data-testid="grid-append-no">
            {t('grid.appendNo')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => question.answer('append')} data-testid="grid-append-yes">
            {t('grid.appendYes')}
          </button>
        </>
      }
    >
      <p>{t('grid.appendBody', { count: question.count })}</p>
    </Modal>
  );
}
