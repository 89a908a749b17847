import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MixDim, ProductMixRow, ProductPlan } from '../../../../../shared/endpoints/planProduct';
import { formatAmount, formatPercent, intlLocale, unitLabel, type Language } from '../../../../../shared/units';
import { useApp } from '../../../app/AppContext';
import { EChart } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import { SegmentedControl } from '../../../components/SegmentedControl';

// 產品結構 The product mix: each brand's or category's share of the target and its gross
// margin against last year, as a chart of the two shares and a table of the figures.

function points(value: number | null, language: Language, words: (n: string) => string): string {
  if (value === null) return '—';
  const n = (value * 100).toLocaleString(intlLocale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return words(n);
}

/** A fall that still shows once rounded to the table's 0.1 (percent or points): −0.0 is no fall. */
const falls = (v: number | null) => v !== null && Math.round(v * 1000) < 0;

export function MixSection({ plan }: { plan: ProductPlan }) {
  const { t } = useTranslation();
  const app = useApp();
  const language = app.language;
  const unit = app.summary?.displayUnit ?? 'wan';
  const [dim, setDim] = useState<MixDim>('brand');
  const rows = dim === 'brand' ? plan.brands : plan.categories;
  const pct = (v: number | null) => formatPercent(v, language);
  const money = (v: number) => formatAmount(v, unit, language);

  const option = useMemo(() => {
    const series = [
      ...(plan.seeded
        ? [{ name: t('planProduct.mix.targetShareSeries', { year: plan.planYear }), data: rows.map((r) => r.targetShare ?? 0), color: OURS_COLOR }]
        : []),
      { name: t('planProduct.mix.lastYearShareSeries', { year: plan.lastYear }), data: rows.map((r) => r.lastYearShare ?? 0), color: OTHER_COLORS[1] },
    ];
    return {
      grid: { left: 8, right: 20, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        ...TOOLTIP_STYLE,
        formatter: (items: { dataIndex: number; seriesName: string; value: number; marker: string }[]) => {
          const r = rows[items[0]?.dataIndex ?? 0];
          const lines = items.map((i) => `${i.marker}${escapeHtml(i.seriesName)}：${pct(i.value)}`);
          return [`<b>${escapeHtml(r?.name ?? '')}</b>`, ...lines].join('<br/>');
        },
      },
      // Bars across, so that long names stay readable beside them.
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { color: CHART_TEXT, interval: 0 } },
      xAxis: {
        type: 'value',
        axisLabel: { color: CHART_TEXT, formatter: (v: number) => `${Math.round(v * 100)}%` },
        splitLine: { lineStyle: { color: CHART_GRID_LINE } },
      },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color }, barMaxWidth: 12 })),
    };
    // pct depends on the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, plan.seeded, plan.planYear, plan.lastYear, t, language]);

  const unitText = unitLabel(unit, language);
  const row = (r: ProductMixRow, total: boolean) => (
    <tr key={`${r.dim}-${r.id}`} className={total ? 'pp-table__total' : undefined} data-testid={total ? 'plan-product-mix-total' : `plan-product-mix-row-${r.id}`}>
      <th scope="row">{total ? t('planProduct.mix.total') : r.name}</th>
      <td>{plan.seeded ? money(r.targetCents) : '—'}</td>
      <td>{pct(r.targetShare)}</td>
      <td>{money(r.lastYearCents)}</td>
      <td>{pct(r.lastYearShare)}</td>
      <td className={falls(r.shareChange) ? 'pp-neg' : undefined}>{points(r.shareChange, language, (value) => t('planProduct.mix.points', { value }))}</td>
      <td className={falls(r.growth) ? 'pp-neg' : undefined}>{pct(r.growth)}</td>
      <td>{pct(r.targetMargin)}</td>
      <td>{pct(r.lastYearMargin)}</td>
    </tr>
  );
  const empty = rows.length === 0;

  return (
    <section className="pp__section" data-testid="plan-product-mix" data-dim={dim}>
      <div className="pp__head">
        <h2 className="section-title">{t('planProduct.mix.title')}</h2>
        <span className="pp__hint">{t('planProduct.mix.intro', { dim: t(`planProduct.mix.dim.${dim}`), year: plan.planYear, lastYear: plan.lastYear })}</span>
        <SegmentedControl
          size="small"
          label={t('planProduct.mix.by')}
          value={dim}
          onChange={setDim}
          options={(['brand', 'category'] as const).map((d) => ({ value: d, label: t(`planProduct.mix.dimLabel.${d}`) }))}
          testId="plan-product-mix-dim"
        />
      </div>
      {!plan.seeded && <p className="pp__note" data-testid="plan-product-no-plan">{t('planProduct.mix.noPlan')}</p>}
      {empty ? (
        <p className="pp__empty">{t('planProduct.mix.empty')}</p>
      ) : (
        <div className="pp__mix">
          <EChart option={option} label={t('planProduct.mix.chartLabel')} testId="plan-product-mix-chart" className="pp__chart" />
          <div className="pp__table-wrap">
            <table className="pp-table" data-testid="plan-product-mix-table">
              <thead>
                <tr>
                  <th scope="col">{t('planProduct.mix.col.name')}</th>
                  <th scope="col">{t('planProduct.mix.col.target', { year: plan.planYear, unit: unitText })}</th>
                  <th scope="col">{t('planProduct.mix.col.targetShare')}</th>
                  <th scope="col">{t('planProduct.mix.col.lastYear', { year: plan.lastYear, unit: unitText })}</th>
                  <th scope="col">{t('planProduct.mix.col.lastYearShare')}</th>
                  <th scope="col">{t('planProduct.mix.col.shareChange')}</th>
                  <th scope="col">{t('planProduct.mix.col.growth')}</th>
                  <th scope="col">{t('planProduct.mix.col.targetMargin')}</th>
                  <th scope="col">{t('planProduct.mix.col.lastYearMargin')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => row(r, false))}
                {row(plan.total, true)}
              </tbody>
            </table>
            {plan.total.targetNoCostCents > 0 && (
              <p className="pp__note">{t('planProduct.mix.noCost', { amount: formatAmount(plan.total.targetNoCostCents, unit, language, { withUnit: true }) })}</p>
            )}
            {plan.total.lastYearNoGpCents > 0 && (
              <p className="pp__note" data-testid="plan-product-no-gp">
                {t('planProduct.mix.noGp', { amount: formatAmount(plan.total.lastYearNoGpCents, unit, language, { withUnit: true }) })}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
