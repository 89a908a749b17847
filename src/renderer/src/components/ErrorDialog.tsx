import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { errorText } from '../i18n';
import { Modal } from './Modal';

/** The one error box: what went wrong, to which file, in the user's language. */
export function ErrorDialog() {
  const { t } = useTranslation();
  const app = useApp();
  const error = app.error;
  if (!error) return null;
  const close = () => app.showError(null);
  return (
    <Modal
      title={t(error.titleKey)}
      onClose={close}
      testId="error-dialog"
      role="alertdialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={close} autoFocus>
          {t('common.dismiss')}
        </button>
      }
    >
      <div className="error-box">
        <svg className="error-box__icon" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="10" />
          <path d="M12 7v6M12 16.5v.5" />
        </svg>
        <div>
          <p className="error-box__message" data-testid="error-message">
            {errorText(error.data)}
          </p>
          {error.data.path && (
            <p className="error-box__file">
              {t('errors.fileLabel')}
              <code>{error.data.path}</code>
            </p>
          )}
          <details className="error-box__details">
            <summary>{t('errors.details')}</summary>
            <code>
              {error.data.code}
              {error.data.reason ? ` / ${error.data.reason}` : ''}: {error.data.message}
            </code>
          </details>
        </div>
      </div>
    </Modal>
  );
}
