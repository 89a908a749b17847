import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AMOUNT_UNITS, type ActualsReadOptions, type AmountUnit } from '../../../../shared/actuals';
import type { DataFileInfo } from '../../../../shared/importTypes';
import type { DateOrder, DateSystem } from '../../../../shared/importValues';
import { twoDigitYearParams } from './messages';

const DATE_ORDERS: DateOrder[] = ['ymd', 'dmy', 'mdy'];
const DATE_SYSTEMS: DateSystem[] = [1900, 1904];

interface Props {
  info: DataFileInfo;
  value: ActualsReadOptions;
  onChange: (next: ActualsReadOptions) => void;
  disabled?: boolean;
}

/** Actuals imports, format step: how dates and amounts in the file are read (never guessed). */
export function ReadOptionsFields({ info, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const hintId = useId();
  const workbook = info.format !== 'csv';
  return (
    <fieldset className="import-read" data-testid="import-read-options">
      <legend>{t('importWizard.read.title')}</legend>
      <div className="import-read__fields">
        <label className="field">
          <span className="field__label">{t('importWizard.read.dateOrder')}</span>
          <select
            className="input"
            data-testid="import-date-order"
            value={value.dateOrder}
            disabled={disabled}
            aria-describedby={`${hintId}-date`}
            onChange={(e) => onChange({ ...value, dateOrder: e.target.value as DateOrder })}
          >
            {DATE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`importWizard.read.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('importWizard.read.dateSystem')}</span>
          <select
            className="input"
            data-testid="import-date-system"
            value={String(value.dateSystem)}
            disabled={disabled}
            aria-describedby={`${hintId}-system`}
            onChange={(e) => onChange({ ...value, dateSystem: Number(e.target.value) as DateSystem })}
          >
            {DATE_SYSTEMS.map((s) => (
              <option key={s} value={String(s)}>
                {t(`importWizard.read.system${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('importWizard.read.amountUnit')}</span>
          <select
            className="input"
            data-testid="import-amount-unit"
            value={value.amountUnit}
            disabled={disabled}
            aria-describedby={value.amountUnit === 'wan' ? `${hintId}-amount` : undefined}
            onChange={(e) => onChange({ ...value, amountUnit: e.target.value as AmountUnit })}
          >
            {AMOUNT_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`importWizard.read.${u}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="import-read__hints">
        <li id={`${hintId}-date`}>{t('importWizard.read.dateOrderHint')}</li>
        {value.dateOrder !== 'ymd' && (
          <li data-testid="import-two-digit-year">{t('importWizard.read.twoDigitYear', twoDigitYearParams)}</li>
        )}
        <li id={`${hintId}-system`} data-testid="import-date-system-hint">
          {workbook ? t('importWizard.read.dateSystemBook', { system: info.date1904 ? 1904 : 1900 }) : t('importWizard.read.dateSystemCsvHint')}
        </li>
        {value.amountUnit === 'wan' && <li id={`${hintId}-amount`}>{t('importWizard.read.amountHint')}</li>}
        <li>{t('importWizard.read.rounding')}</li>
      </ul>
    </fieldset>
  );
}
