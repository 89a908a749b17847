import { useTranslation } from 'react-i18next';
import type { ImportFieldInfo, ImportPreview } from '../../../../shared/importTypes';
import { formatInteger } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { fieldLabel, messageText } from './messages';

interface Props {
  preview: ImportPreview;
  fields: readonly ImportFieldInfo[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  busy: boolean;
}

/**
 * Master-data preview: how many codes the rows hold and where the rows of one code
 * disagree (which value is taken), and the channels, brands, categories and
 * salespeople the file names that the import would create, with the confirmation the
 * commit needs.
 */
export function MasterReview({ preview, fields, confirmed, onConfirm, busy }: Props) {
  const { t } = useTranslation();
  const { language } = useApp();
  const n = (v: number) => formatInteger(v, language);
  const dup = preview.duplicates;
  const toCreate = preview.toCreate ?? [];
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? fieldLabel(f) : key;
  };
  const shown = (v: string) => (v === '' ? t('importWizard.master.empty') : v);
  return (
    <>
      {dup && (
        <p className="import-master__summary" data-testid="import-dup-summary" data-codes={dup.codes} data-conflicts={dup.conflictCount}>
          {t('importWizard.master.summary', { rows: n(preview.rowCount), codes: n(dup.codes), conflicts: n(dup.conflictCount) })}
        </p>
      )}
      {dup && dup.conflicts.length > 0 && (
        <details className="import-master__conflicts" open={dup.conflictCount <= 20}>
          <summary>
            {t('importWizard.master.conflictsTitle')}
            {dup.conflictCount > dup.conflicts.length && ` ${t('importWizard.master.moreConflicts', { shown: n(dup.conflicts.length) })}`}
          </summary>
          <div className="import-table-wrap">
            <table className="import-table" data-testid="import-conflicts">
              <thead>
                <tr>
                  <th>{t('importWizard.master.code')}</th>
                  <th>{t('importWizard.preview.field')}</th>
                  <th>{t('importWizard.master.values')}</th>
                  <th>{t('importWizard.master.winner')}</th>
                </tr>
              </thead>
              <tbody>
                {dup.conflicts.map((c, i) => (
                  <tr key={i} data-code={c.code} data-field={c.field}>
                    <td>{c.code}</td>
                    <td>{label(c.field)}</td>
                    <td>{c.values.map(shown).join(' / ')}</td>
                    <td className="import-master__winner">{shown(c.winner)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {toCreate.length > 0 && (
        <div className="import-master__create" data-testid="import-to-create">
          <p className="import-master__title">{t('importWizard.master.createTitle', { n: n(toCreate.length) })}</p>
          <p className="field__hint">{t('importWizard.master.createIntro')}</p>
          <div className="import-table-wrap">
            <table className="import-table">
              <thead>
                <tr>
                  <th>{t('importWizard.master.entity')}</th>
                  <th>{t('importWizard.master.value')}</th>
                  <th>{t('importWizard.master.newCode')}</th>
                  <th className="num">{t('importWizard.master.rows')}</th>
                </tr>
              </thead>
              <tbody>
                {toCreate.map((m) => (
                  <tr key={`${m.entity}|${m.value}`} data-entity={m.entity} data-value={m.value}>
                    <td>{messageText(`masterData.entity.${m.entity}`)}</td>
                    <td>{m.value}</td>
                    <td>{m.code}</td>
                    <td className="num">{n(m.rowCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="import-master__confirm">
            <input type="checkbox" data-testid="import-create-confirm" checked={confirmed} disabled={busy} onChange={(e) => onConfirm(e.target.checked)} />
            {t('importWizard.master.createConfirm', { n: n(toCreate.length) })}
          </label>
        </div>
      )}
    </>
  );
}
