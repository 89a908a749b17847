import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPLIT_DIMENSIONS, type SliceRow, type SplitDimension } from '../../../../shared/expenseSplits';
import { formatPercent, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorText } from '../../i18n';

// 按產品/渠道: expense ratio and returns per brand, category, channel or city, from the
// items' splits against the plan's sales and gross-profit targets of each slice; what is
// not split along the dimension shows as 未分攤.

interface Props {
  unit: DisplayUnit;
  language: Language;
  money: (cents: number, withUnit?: boolean) => string;
}

const fmtReturn = (v: number | null, language: Language) =>
  v === null ? '—' : new Intl.NumberFormat(language === 'en' ? 'en' : language, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);

export function SliceView({ unit, language, money }: Props) {
  const { t } = useTranslation();
  const [dimension, setDimension] = useState<SplitDimension>('brand');
  const slice = useQuery('expenses.bySlice', { dimension });
  const data = slice.data;
  const error = slice.error ? errorText(slice.error) : null;

  const dimLabel = t(`expenses.split.${dimension}`);
  const line = (r: SliceRow, key: string, label: string, cls?: string) => {
    const noTarget = r.sales <= 0;
    return (
      <tr key={key} className={cls} data-testid={`eb-slice-${key}`}>
        <th scope="row">{label}</th>
        <td data-col="expense">{money(r.expense)}</td>
        <td data-col="share">{formatPercent(data && data.total.expense > 0 ? r.expense / data.total.expense : null, language, 1)}</td>
        <td data-col="sales">{r.id === null && key !== 'total' ? '—' : money(r.sales)}</td>
        <td data-col="ratio" className={r.overCap ? 'eb-over' : undefined}>{formatPercent(r.ratio, language, 2)}</td>
        <td data-col="return">{fmtReturn(noTarget ? null : r.salesReturn, language)}</td>
        <td data-col="gpreturn">{fmtReturn(noTarget ? null : r.gpReturn, language)}</td>
      </tr>
    );
  };
  const members = data?.rows.filter((r) => r.id !== null) ?? [];
  const unsplit = data?.rows.find((r) => r.id === null);
  return (
    <section className="eb-actual eb-slice" data-testid="eb-slice" data-dimension={dimension} data-loaded={data?.dimension === dimension ? 'true' : 'false'}>
      <div className="eb-actual__head">
        <h3 className="eb-measures__title">{t('expenses.slice.title', { dim: dimLabel, unit: unitLabel(unit, language) })}</h3>
        <SegmentedControl
          label={t('expenses.slice.dimension')}
          value={dimension}
          size="small"
          testId="eb-slice-dim"
          options={SPLIT_DIMENSIONS.map((d) => ({ value: d, label: t(`expenses.split.${d}`) }))}
          onChange={setDimension}
        />
      </div>
      {error && <p className="eb-message" role="alert">{error}</p>}
      {data && members.every((r) => r.expense === 0) && (
        <p className="muted" data-testid="eb-slice-empty">{t('expenses.slice.empty', { dim: dimLabel })}</p>
      )}
      {data && (
        <table className="eb-table eb-table--wide">
          <thead>
            <tr>
              <th scope="col">{dimLabel}</th>
              <th scope="col">{t('expenses.slice.expense')}</th>
              <th scope="col">{t('expenses.measures.share')}</th>
              <th scope="col">{t('expenses.slice.sales')}</th>
              <th scope="col">{t('expenses.measures.ratio')}</th>
              <th scope="col">{t('expenses.measures.salesReturn')}</th>
              <th scope="col">{t('expenses.measures.gpReturn')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((r) => line(r, r.code, r.name))}
            {unsplit && line(unsplit, 'unsplit', t('expenses.slice.unsplit'), 'eb-slice__unsplit muted')}
            {line(data.total, 'total', t('expenses.budget.total'), 'eb-table__total')}
          </tbody>
        </table>
      )}
    </section>
  );
}
