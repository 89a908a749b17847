import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons';
import { useDragActive } from '../../app/useFileDrop';

/** Where to drop a file. The window itself takes the drop (see useFileDrop). */
export function DropZone() {
  const { t } = useTranslation();
  const active = useDragActive();
  return (
    <div className={active ? 'dropzone is-active' : 'dropzone'} data-testid="drop-zone">
      <Icon name="upload" size={22} />
      <div>
        <div className="dropzone__title">{active ? t('start.dropActive') : t('start.drop')}</div>
        <div className="dropzone__hint">{t('start.dropHint')}</div>
      </div>
    </div>
  );
}
