import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetMeasure, TargetSummary } from '../../../../shared/endpoints/targets';
import { formatAmount, formatPercent, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { MONTH_FIELDS } from './columns';
import { exactFigure, formatFigure, gapTone as tone, type FigureEnv } from './format';

// The gap check, always above the grid: per month and for the year, the plan total
// against head office's target, the gap and the gap %, short in warm red and over in
// green; then the derived targets (gross profit, new products) against head office's.

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

interface Props {
  summary: TargetSummary | null;
  measure: TargetMeasure;
  unit: DisplayUnit;
  language: Language;
}

// Re-rendered only when the summary or the display changes (not with every render of the page).
export const GapStrip = memo(function GapStrip({ summary, measure, unit, language }: Props) {
  const { t } = useTranslation();
  const env: FigureEnv = { measure, unit, language };
  const unitText = measure === 'amount' ? unitLabel(unit, language) : t('targets.measure.volumeUnit');
  const plan = summary ? (measure === 'amount' ? summary.plan.amountCents : summary.plan.volume) : Array<number>(12).fill(0);
  const ho = summary ? (measure === 'amount' ? summary.ho.amountCents : summary.ho.volume) : Array<number>(12).fill(0);
  const cols = [...plan.map((p, i) => ({ key: MONTH_FIELDS[i], plan: p, ho: ho[i] ?? 0 })), { key: 'year', plan: sum(plan), ho: sum(ho) }];
  const hasHo = sum(ho) > 0;
  // The tooltip's sentence is translated once, not for each of the 39 cells.
  const [exactBefore, exactAfter = ''] = t('targets.gap.exact', { value: '\u0001' }).split('\u0001');
  const exact = (v: number) => `${exactBefore}${exactFigure(v, env, unitText)}${exactAfter}`;
  const signed = (v: number) => (v > 0 ? `+${formatFigure(v, env)}` : formatFigure(v, env));
  const toneTitle = (k: ReturnType<typeof tone>) =>
    k === 'short' ? t('targets.gap.short') : k === 'over' ? t('targets.gap.over') : k === 'even' ? t('targets.gap.even') : t('targets.gap.noHo');

  const derived = (key: 'grossProfit' | 'newProduct') => {
    const p = summary ? sum(key === 'grossProfit' ? summary.plan.grossProfitCents : summary.plan.newProductCents) : 0;
    const h = summary ? sum(key === 'grossProfit' ? summary.ho.grossProfitCents : summary.ho.newProductCents) : 0;
    const gap = p - h;
    const k = tone(gap, h, h !== 0);
    const money = (v: number) => formatAmount(v, unit, language);
    const exactMoney = (v: number) => formatAmount(v, 'yuan', language, { withUnit: true, decimals: 0 });
    return (
      <span
        className={`tg-derived tg-tone--${k}`}
        data-testid={`gap-${key}`}
        title={`${t(`targets.gap.${key}`)}\n${t('targets.gap.plan')}: ${exactMoney(p)}\n${t('targets.gap.ho')}: ${exactMoney(h)}\n${t('targets.gap.gap')}: ${exactMoney(gap)}`}
      >
        <span className="tg-derived__name">{t(`targets.gap.${key}`)}</span>
        <span className="tg-derived__figures">{t('targets.gap.planVsHo', { plan: money(p), ho: h === 0 ? '—' : money(h) })}</span>
        {h !== 0 && (
          <span className="tg-derived__gap">
            {gap > 0 ? '+' : ''}
            {money(gap)} ({formatPercent(gap / h, language)})
          </span>
        )}
        {key === 'grossProfit' && summary && summary.costMissing.skus > 0 && (
          <span className="tg-derived__missing" data-testid="gap-cost-missing" data-skus={summary.costMissing.skus}>
            {t('targets.gap.costMissing', { n: summary.costMissing.skus, amount: money(summary.costMissing.amountCents) })}
          </span>
        )}
      </span>
    );
  };

  // Long figures (amounts in 元: 612,660,000) get a tighter table, sized to the strip's width, so that all 13 columns fit.
  const longest = Math.max(...cols.flatMap((c) => [formatFigure(c.plan, env).length, formatFigure(c.ho, env).length, signed(c.plan - c.ho).length]));
  return (
    <section className={longest >= 10 ? 'tg-gap tg-gap--long' : 'tg-gap'} data-testid="gap-strip" aria-label={t('targets.gap.title')} data-loaded={summary ? 'true' : 'false'}>
      <table className="tg-gap__table">
        <thead>
          <tr>
            <th className="tg-gap__corner" scope="col">
              {t('targets.gap.title')}
            </th>
            {cols.map((c) => (
              <th key={c.key} scope="col" className={c.key === 'year' ? 'tg-gap__year' : undefined}>
                {c.key === 'year' ? t('targets.col.year') : t(`targets.col.month.${c.key as (typeof MONTH_FIELDS)[number]}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="gap-row-plan">
            <th scope="row">{t('targets.gap.plan')}</th>
            {cols.map((c) => (
              <td key={c.key} className={c.key === 'year' ? 'tg-gap__year' : undefined} title={exact(c.plan)} data-period={c.key}>
                {formatFigure(c.plan, env)}
              </td>
            ))}
          </tr>
          <tr data-testid="gap-row-ho">
            <th scope="row">{t('targets.gap.ho')}</th>
            {cols.map((c) => (
              <td key={c.key} className={c.key === 'year' ? 'tg-gap__year' : undefined} title={exact(c.ho)} data-period={c.key}>
                {hasHo ? formatFigure(c.ho, env) : '—'}
              </td>
            ))}
          </tr>
          <tr data-testid="gap-row-gap" className="tg-gap__gaprow">
            <th scope="row">{t('targets.gap.gap')}</th>
            {cols.map((c) => {
              const gap = c.plan - c.ho;
              const k = tone(gap, c.ho, hasHo);
              return (
                <td
                  key={c.key}
                  className={`tg-tone--${k}${c.key === 'year' ? ' tg-gap__year' : ''}`}
                  title={`${toneTitle(k)}\n${exact(gap)}`}
                  data-period={c.key}
                  data-gap={gap}
                >
                  {hasHo ? signed(gap) : '—'}
                </td>
              );
            })}
          </tr>
          <tr data-testid="gap-row-pct" className="tg-gap__pctrow">
            <th scope="row">{t('targets.gap.gapPct')}</th>
            {cols.map((c) => {
              const gap = c.plan - c.ho;
              const k = tone(gap, c.ho, hasHo);
              const pct = c.ho > 0 ? gap / c.ho : null;
              return (
                <td key={c.key} className={`tg-tone--${k}${c.key === 'year' ? ' tg-gap__year' : ''}`} data-period={c.key}>
                  {pct !== null && pct > 0 ? '+' : ''}
                  {formatPercent(pct, language)}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
      <div className="tg-gap__derived">
        {derived('grossProfit')}
        {derived('newProduct')}
        <span className="tg-gap__note muted" data-testid="gap-unit">
          {measure === 'amount'
            ? t('targets.gap.unitNote', { unit: unitText })
            : `${t('targets.gap.unitNote', { unit: unitText })} · ${t('targets.gap.derivedNote', { unit: unitLabel(unit, language) })}`}
        </span>
      </div>
    </section>
  );
});
