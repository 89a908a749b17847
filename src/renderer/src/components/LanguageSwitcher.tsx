import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/units';
import { useApp } from '../app/AppContext';
import { SegmentedControl } from './SegmentedControl';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const app = useApp();
  return (
    <SegmentedControl
      label={t('language.label')}
      value={app.language}
      size="small"
      testId="language-switcher"
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.short.${l}`), title: t(`language.name.${l}`) }))}
      onChange={app.setLanguage}
    />
  );
}
