import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPLAY_UNITS, type DisplayUnit } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { SegmentedControl } from '../../components/SegmentedControl';

type Field = 'regionName' | 'planYear';
type Problems = Partial<Record<Field, string>>;

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const MAX_NAME = 100;

/** New region file: name, plan year (next year by default), display unit. */
export function NewRegionDialog() {
  const { t } = useTranslation();
  const app = useApp();
  const [regionName, setRegionName] = useState('');
  const [planYear, setPlanYear] = useState(String(new Date().getFullYear() + 1));
  const [unit, setUnit] = useState<DisplayUnit>('wan');
  const [tried, setTried] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const busy = app.busy === 'create';

  // The same rules as the contract's schemas, checked here to say which field is wrong.
  const problems: Problems = {};
  const name = regionName.trim();
  if (name.length === 0) problems.regionName = t('newRegion.invalid.nameRequired');
  else if (name.length > MAX_NAME) problems.regionName = t('newRegion.invalid.nameTooLong');
  const year = Number(planYear);
  if (!/^\d{4}$/.test(planYear.trim()) || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    problems.planYear = t('newRegion.invalid.yearInvalid');
  }
  const shown: Problems = tried ? problems : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setHostError(null);
    if (Object.keys(problems).length > 0) return;
    const error = await app.createRegion({ regionName: name, planYear: year, displayUnit: unit });
    // Most errors show in the app's error box; input problems belong to the form.
    if (error?.code === 'INVALID_INPUT') {
      app.showError(null);
      setHostError(errorText(error));
    }
  };

  return (
    <Modal
      title={t('newRegion.title')}
      onClose={() => app.showDialog(null)}
      testId="new-region-dialog"
      dismissible={!busy}
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form__intro">{t('newRegion.intro')}</p>
        <label className="field">
          <span className="field__label">{t('newRegion.regionName')}</span>
          <input
            name="regionName"
            className={shown.regionName ? 'input is-invalid' : 'input'}
            value={regionName}
            onChange={(e) => setRegionName(e.target.value)}
            placeholder={t('newRegion.regionNamePlaceholder')}
            maxLength={MAX_NAME + 20}
            aria-invalid={!!shown.regionName}
            autoFocus
            autoComplete="off"
          />
          {shown.regionName && (
            <span className="field__error" role="alert" data-testid="field-error-regionName">
              {shown.regionName}
            </span>
          )}
        </label>
        <label className="field field--short">
          <span className="field__label">{t('newRegion.planYear')}</span>
          <input
            name="planYear"
            className={shown.planYear ? 'input is-invalid' : 'input'}
            value={planYear}
            onChange={(e) => setPlanYear(e.target.value)}
            inputMode="numeric"
            aria-invalid={!!shown.planYear}
            autoComplete="off"
          />
          {shown.planYear && (
            <span className="field__error" role="alert" data-testid="field-error-planYear">
              {shown.planYear}
            </span>
          )}
        </label>
        <div className="field">
          <span className="field__label">{t('newRegion.displayUnit')}</span>
          <SegmentedControl
            label={t('newRegion.displayUnit')}
            value={unit}
            testId="new-region-unit"
            options={DISPLAY_UNITS.map((u) => ({ value: u, label: t(`unit.short.${u}`) }))}
            onChange={setUnit}
          />
          <span className="field__hint">{t('unit.hint')}</span>
        </div>
        {hostError && (
          <p className="form__error" role="alert">
            {hostError}
          </p>
        )}
        <p className="form__where">{app.info.nativeDialogs ? t('newRegion.whereNative') : t('newRegion.whereWeb')}</p>
        <FormButtons busy={busy} label={t('newRegion.submit')} onCancel={() => app.showDialog(null)} testId="new-region-submit" />
      </form>
    </Modal>
  );
}
