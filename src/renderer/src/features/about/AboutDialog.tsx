import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { Logo } from '../../components/Logo';
import { Modal } from '../../components/Modal';

export function AboutDialog() {
  const { t } = useTranslation();
  const app = useApp();
  const close = () => app.showDialog(null);
  return (
    <Modal
      title={t('about.title')}
      onClose={close}
      testId="about-dialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={close} autoFocus>
          {t('common.ok')}
        </button>
      }
    >
      <div className="about">
        <Logo size={48} />
        <div>
          <p className="about__name">{t('app.name')}</p>
          <p>{t('app.tagline')}</p>
          <p className="muted">{t('about.version', { version: app.info.version })}</p>
          <p className="muted">{t('about.schema', { version: app.info.schemaVersion })}</p>
          <p className="muted">
            {t('about.transport', { transport: app.info.transport === 'electron' ? t('about.electron') : t('about.web') })}
          </p>
        </div>
      </div>
    </Modal>
  );
}
