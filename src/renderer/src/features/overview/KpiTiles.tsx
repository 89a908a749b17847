import { useTranslation } from 'react-i18next';
import { yearOnYear } from '../../../../shared/kpi';
import { formatAmount, formatPercent, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import type { YearActuals } from './chartOption';
import { monthNames } from './chartOption';

interface KpiTilesProps {
  planYear: number;
  actuals: YearActuals[];
  hoTargetByMonth: number[];
  unit: DisplayUnit;
  language: Language;
}

const sum = (values: (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

/** The three figures a review meeting starts with: last year, this year's target, the growth it asks. */
export function KpiTiles({ planYear, actuals, hoTargetByMonth, unit, language }: KpiTilesProps) {
  const { t } = useTranslation();
  const latest = actuals[actuals.length - 1];
  const lastMonth = latest ? latest.byMonth.reduce<number>((m, v, i) => (v === null ? m : i + 1), 0) : 0;
  const target = sum(hoTargetByMonth);
  // Growth against the latest complete year only: a part year would flatter the target.
  const fullYear = [...actuals].reverse().find((a) => a.byMonth.every((v) => v !== null));
  const growth = fullYear && target > 0 ? yearOnYear(target, sum(fullYear.byMonth)) : null;
  // The figure large, its unit small beside it: long units ("10k CNY") must not crowd the number.
  const amount = (cents: number) => (
    <>
      {formatAmount(cents, unit, language)}
      <span className="kpi__unit">{unitLabel(unit, language)}</span>
    </>
  );

  return (
    <div className="kpis" data-testid="kpi-tiles">
      <div className="kpi">
        <span className="kpi__label">{latest ? t('overview.kpi.lastYearActual', { year: latest.year }) : t('overview.kpi.lastYearActual', { year: planYear - 1 })}</span>
        <span className="kpi__value">{latest ? amount(sum(latest.byMonth)) : '—'}</span>
        {latest && lastMonth > 0 && lastMonth < 12 && (
          <span className="kpi__note">{t('overview.kpi.partial', { month: monthNames(language)[lastMonth - 1] })}</span>
        )}
      </div>
      <div className="kpi kpi--accent">
        <span className="kpi__label">{t('overview.kpi.hoTarget', { year: planYear })}</span>
        <span className="kpi__value">{target > 0 ? amount(target) : t('overview.kpi.noTarget')}</span>
      </div>
      <div className="kpi">
        <span className="kpi__label">{t('overview.kpi.growth', { year: fullYear?.year ?? planYear - 1 })}</span>
        <span className={growth !== null && growth < 0 ? 'kpi__value is-negative' : 'kpi__value'}>
          {growth === null ? '—' : `${growth > 0 ? '+' : ''}${formatPercent(growth, language)}`}
        </span>
      </div>
    </div>
  );
}
