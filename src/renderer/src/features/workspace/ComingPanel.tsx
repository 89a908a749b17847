import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons';
import { AREA_ICONS, type ComingArea } from './areas';

/** An area that is not built yet says so, and what it will hold; nothing pretends to work. */
export function ComingPanel({ area }: { area: ComingArea }) {
  const { t } = useTranslation();
  return (
    <section className="coming" data-testid="coming-panel" aria-labelledby="coming-title">
      <div className="coming__card">
        <span className="coming__icon">
          <Icon name={AREA_ICONS[area]} size={30} />
        </span>
        <span className="badge">{t('coming.badge')}</span>
        <h1 id="coming-title" className="coming__title">
          {t(`nav.${area}`)}
        </h1>
        <p className="coming__intro">{t('coming.intro')}</p>
        <p className="coming__text">{t(`coming.${area}`)}</p>
      </div>
    </section>
  );
}
