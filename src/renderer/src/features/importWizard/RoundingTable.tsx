import { useTranslation } from 'react-i18next';
import type { ImportFieldInfo, RoundingSummary } from '../../../../shared/importTypes';
import { formatInteger } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { fieldLabel } from './messages';

/** Groups the integer digits of an exact decimal text ("-1234567.8912" → "-1,234,567.8912"); never through a float. */
function grouped(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/**
 * Preview: amounts rounded to 分, and per money field the file's total beside the
 * imported one, so the two reconcile to the 分 (the difference is the sum of the
 * per-line rounding).
 */
export function RoundingTable({ summary, fields }: { summary: RoundingSummary; fields: readonly ImportFieldInfo[] | undefined }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const label = (key: string) => {
    const f = fields?.find((x) => x.key === key);
    return f ? fieldLabel(f) : key;
  };
  return (
    <div className="import-rounding" data-testid="import-rounding">
      <span className="import-batch__title">{t('importWizard.preview.rounding.title')}</span>
      <p data-testid="import-rounding-summary">
        {t('importWizard.preview.rounding.summary', { n: formatInteger(summary.values, language), largest: grouped(summary.largestChange) })}
      </p>
      <div className="import-table-wrap">
        <table className="import-table" data-testid="import-rounding-table">
          <thead>
            <tr>
              <th>{t('importWizard.preview.rounding.field')}</th>
              <th className="num">{t('importWizard.preview.rounding.values')}</th>
              <th className="num">{t('importWizard.preview.rounding.fileTotal')}</th>
              <th className="num">{t('importWizard.preview.rounding.importedTotal')}</th>
              <th className="num">{t('importWizard.preview.rounding.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.fields.map((f) => (
              <tr key={f.field} data-field={f.field}>
                <td>{label(f.field)}</td>
                <td className="num">{formatInteger(f.values, language)}</td>
                <td className="num" data-testid="rounding-file-total">{grouped(f.fileTotal)}</td>
                <td className="num" data-testid="rounding-imported-total">{grouped(f.importedTotal)}</td>
                <td className="num" data-testid="rounding-difference">{grouped(f.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field__hint">{t('importWizard.preview.rounding.note')}</p>
    </div>
  );
}
