import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons';
import { AREA_ICONS, AREAS, type Area } from './areas';

export function SideNav({ area, onSelect }: { area: Area; onSelect: (area: Area) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="sidenav" aria-label={t('nav.label')} data-testid="side-nav">
      <ul>
        {AREAS.map((a) => (
          <li key={a}>
            <button
              type="button"
              className={a === area ? 'sidenav__item is-active' : 'sidenav__item'}
              aria-current={a === area ? 'page' : undefined}
              onClick={() => onSelect(a)}
              data-area={a}
            >
              <Icon name={AREA_ICONS[a]} size={19} />
              <span className="sidenav__label">{t(`nav.${a}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
