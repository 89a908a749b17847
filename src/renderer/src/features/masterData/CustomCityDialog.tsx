import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { geoDisplayName } from '../../../../shared/geoNames';
import type { MasterRow } from '../../../../shared/masterData';
import { runCommand } from '../../api/commands';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { issueMessage } from './applyChanges';

// A city the national list does not have (a development zone, an export market), added
// by hand under one of the region's provinces or under a new custom region (海外).

export function CustomCityDialog({ provinces, onClose }: { provinces: readonly MasterRow[]; onClose(): void }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [name, setName] = useState('');
  const [under, setUnder] = useState<'existing' | 'new'>(provinces.length ? 'existing' : 'new');
  const [provinceId, setProvinceId] = useState<number | null>(provinces[0]?.id ?? null);
  const [provinceName, setProvinceName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    setBusy(true);
    const target = under === 'existing' && provinceId !== null ? { provinceId } : { provinceName };
    const outcome = await runCommand('master.addCustomCity', { name, ...target });
    setBusy(false);
    if (outcome.ok) {
      onClose();
      return;
    }
    const error = outcome.error;
    const issues = error.issues ?? [];
    setProblems(issues.length ? issues.map((i) => issueMessage(t, i, error)) : [errorText(error)]);
  };

  return (
    <Modal
      title={t('grid.md.customTitle')}
      onClose={onClose}
      testId="md-custom-city"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void add()} data-testid="md-custom-confirm">
            {t('grid.md.customButton')}
          </button>
        </>
      }
    >
      <p className="form__intro">{t('grid.md.customIntro')}</p>
      <label className="field">
        <span className="field__label">{t('grid.md.customName')}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="md-custom-name" />
      </label>
      <fieldset className="md-custom__under">
        <legend className="field__label">{t('grid.md.customUnder')}</legend>
        <label className="md-custom__choice">
          <input
            type="radio"
            name="md-custom-under"
            checked={under === 'existing'}
            disabled={provinces.length === 0}
            onChange={() => setUnder('existing')}
            data-testid="md-custom-existing"
          />
          {t('grid.md.customExistingProvince')}
          <select
            className="input"
            value={provinceId ?? ''}
            disabled={under !== 'existing'}
            onChange={(e) => setProvinceId(Number(e.target.value))}
            data-testid="md-custom-province"
          >
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {geoDisplayName(String(p.name ?? ''), 'province', language)}
              </option>
            ))}
          </select>
        </label>
        <label className="md-custom__choice">
          <input type="radio" name="md-custom-under" checked={under === 'new'} onChange={() => setUnder('new')} data-testid="md-custom-new" />
          {t('grid.md.customNewProvince')}
          <input
            className="input"
            value={provinceName}
            disabled={under !== 'new'}
            placeholder={t('grid.md.customProvinceName')}
            aria-label={t('grid.md.customProvinceName')}
            onChange={(e) => setProvinceName(e.target.value)}
            data-testid="md-custom-province-name"
          />
        </label>
      </fieldset>
      {problems.length > 0 && (
        <ul className="form__error" role="alert" data-testid="md-custom-error">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
