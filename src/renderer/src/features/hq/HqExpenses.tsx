import { Fragment, useMemo, useState } from 'react';
import type { ExpenseRow } from '../../../../shared/hq';
import { formatPercent } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { CHART_GRID_LINE, CHART_TEXT, OURS_COLOR, TOOLTIP_STYLE } from '../../components/chart/chartStyle';
import { tooltipLine, useT } from '../analysis/kit';
import { HqChartCard, HqKpis, money, sumOf, type Kpi } from './hqViewKit';

// 費用: every region's expense budget and its ratio to its planned sales against the
// cycle's cap. A region over the cap stands out in the chart (its bar in red) and the
// table; expanding a region lists its budget by item.

const OVER_COLOR = '#d64545';
const CAP_COLOR = '#1c2733';

export function HqExpenses({ expenseCap }: { expenseCap: number | null }) {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const expenses = useQuery('hq.expenses', {});
  const rows = useMemo(() => (expenses.data ?? []).filter((r) => r.planCents > 0 || r.budgetCents > 0), [expenses.data]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const budget = sumOf(rows.map((r) => r.budgetCents));
  const plan = sumOf(rows.map((r) => r.planCents));
  const ratio = plan > 0 ? budget / plan : null;
  const over = rows.filter((r) => r.overCap).length;

  const option = useMemo(() => {
    const pct = (v: number) => Math.round(v * 10000) / 100;
    return {
      grid: { left: 56, right: 24, top: 40, bottom: 36, containLabel: false },
      legend: { top: 4, right: 8, textStyle: { color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        ...TOOLTIP_STYLE,
        formatter: (params: { dataIndex: number }[]) => {
          const r = rows[params[0]?.dataIndex ?? -1];
          if (!r) return '';
          return (
            `<b>${r.regionName.replace(/[&<>"']/g, '')}</b>` +
            tooltipLine(t('hqViews.expenses.ratio'), formatPercent(r.ratio, language)) +
            tooltipLine(t('hqViews.expenses.budget'), `${money(r.budgetCents, language)} ${t('unit.short.wan')}`) +
            tooltipLine(t('hqViews.expenses.plan'), `${money(r.planCents, language)} ${t('unit.short.wan')}`) +
            (expenseCap !== null ? tooltipLine(t('hqViews.expenses.capSeries'), formatPercent(expenseCap, language)) : '')
          );
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { color: CHART_TEXT, interval: 0, hideOverlap: true }, axisLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: {
        type: 'value',
        // The cap is always in view, even when every region is well below it.
        ...(expenseCap !== null ? { max: (v: { max: number }) => Math.ceil(Math.max(v.max, pct(expenseCap) * 1.15) / 5) * 5 } : {}),
        axisLabel: { color: CHART_TEXT, formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      series: [
        {
          name: t('hqViews.expenses.budgetSeries'),
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: OURS_COLOR },
          label: { show: rows.length <= 20, position: 'top', color: CHART_TEXT, formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
          data: rows.map((r) => ({ value: r.ratio === null ? 0 : pct(r.ratio), itemStyle: r.overCap ? { color: OVER_COLOR } : undefined })),
          // The cap across the whole chart, named at its end.
          ...(expenseCap !== null
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', width: 2, color: CAP_COLOR },
                  label: { position: 'insideEndTop', color: CAP_COLOR, fontWeight: 600, formatter: `${t('hqViews.expenses.capSeries')} ${formatPercent(expenseCap, language)}` },
                  data: [{ yAxis: pct(expenseCap) }],
                },
              }
            : {}),
        },
      ],
    };
  }, [rows, expenseCap, language, t]);

  if (expenses.data && rows.length === 0) return <p className="empty-note" data-testid="hq-expenses-empty">{t('hqViews.expenses.empty')}</p>;
  const kpis: Kpi[] = [
    { key: 'budget', label: t('hqViews.expenses.kpiBudget'), value: money(budget, language) },
    { key: 'plan', label: t('hqViews.expenses.kpiPlan'), value: money(plan, language) },
    { key: 'ratio', label: t('hqViews.expenses.kpiRatio'), value: formatPercent(ratio, language), tone: expenseCap !== null && ratio !== null && ratio > expenseCap ? 'bad' : undefined },
    { key: 'cap', label: t('hqViews.expenses.kpiCap'), value: expenseCap === null ? t('hqViews.expenses.noCap') : formatPercent(expenseCap, language) },
    { key: 'over', label: t('hqViews.expenses.kpiOver'), value: String(over), tone: over > 0 ? 'bad' : 'good' },
  ];
  const toggle = (key: number) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  return (
    <section className="hqv-expenses" data-testid="hq-expenses">
      <HqKpis kpis={kpis} testId="hq-expenses-kpi" />
      <HqChartCard
        title={expenseCap === null ? t('hqViews.expenses.chartNoCap') : t('hqViews.expenses.chartTitle')}
        option={option}
        testId="hq-expenses-chart"
        fileName={t('hqViews.expenses.chartTitle')}
      />
      <div className="card hq-card">
        <table className="hq-table" data-testid="hq-expenses-table">
          <thead>
            <tr>
              <th>{t('hqViews.expenses.region')}</th>
              <th className="num">{t('hqViews.expenses.plan')}</th>
              <th className="num">{t('hqViews.expenses.budget')}</th>
              <th className="num">{t('hqViews.expenses.ratio')}</th>
              <th>{t('hqViews.expenses.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.regionKey}>
                <ExpenseLine row={r} cap={expenseCap} open={open.has(r.regionKey)} onToggle={() => toggle(r.regionKey)} />
                {open.has(r.regionKey) && <ExpenseItems row={r} />}
              </Fragment>
            ))}
            <tr className="is-total" data-testid="hq-expenses-total">
              <th className="hq-table__region">{t('hqViews.total')}</th>
              <td className="num">{money(plan, language)}</td>
              <td className="num">{money(budget, language)}</td>
              <td className="num">{formatPercent(ratio, language)}</td>
              <td />
            </tr>
          </tbody>
        </table>
        <p className="hqv-foot">{t('hqViews.unit')}</p>
      </div>
    </section>
  );
}

function ExpenseLine({ row, cap, open, onToggle }: { row: ExpenseRow; cap: number | null; open: boolean; onToggle: () => void }) {
  const t = useT();
  const { language } = useApp();
  return (
    <tr className={row.overCap ? 'hqv-over' : undefined} data-testid="hq-expenses-row" data-region={row.regionName} data-over-cap={row.overCap ? 'true' : 'false'}>
      <th className="hq-table__region">
        <button
          type="button"
          className="hqv-expander"
          aria-expanded={open}
          aria-label={t(open ? 'hqViews.expenses.collapse' : 'hqViews.expenses.expand', { region: row.regionName })}
          onClick={onToggle}
          data-testid="hq-expenses-expand"
        >
          <span className="hqv-chevron" aria-hidden="true">▸</span>
          <span>{row.regionName}</span>
        </button>
      </th>
      <td className="num">{money(row.planCents, language)}</td>
      <td className="num">{money(row.budgetCents, language)}</td>
      <td className={`num${row.overCap ? ' is-bad' : ''}`} data-testid="hq-expenses-ratio">{formatPercent(row.ratio, language)}</td>
      <td>
        {cap === null || row.ratio === null ? (
          '—'
        ) : row.overCap ? (
          <span className="hq-state hqv-state--over">{t('hqViews.expenses.overCap', { by: formatPercent(row.ratio - cap, language) })}</span>
        ) : (
          <span className="hq-state hq-state--confirmed">{t('hqViews.expenses.withinCap')}</span>
        )}
      </td>
    </tr>
  );
}

function ExpenseItems({ row }: { row: ExpenseRow }) {
  const t = useT();
  const { language } = useApp();
  const items = [...row.items].sort((a, b) => b.amountCents - a.amountCents);
  return (
    <tr className="hqv-items" data-testid="hq-expenses-items" data-region={row.regionName}>
      <td colSpan={5}>
        {items.length === 0 ? (
          <p className="empty-note">{t('hqViews.expenses.noItems')}</p>
        ) : (
          <table className="hq-table hqv-subtable">
            <thead>
              <tr>
                <th>{t('hqViews.expenses.item')}</th>
                <th className="num">{t('hqViews.expenses.amount')}</th>
                <th className="num">{t('hqViews.expenses.shareOfBudget')}</th>
                <th className="num">{t('hqViews.expenses.ratioToPlan')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.code} data-testid="hq-expenses-item" data-item={i.name} data-cents={i.amountCents}>
                  <td>{i.name}</td>
                  <td className="num">{money(i.amountCents, language)}</td>
                  <td className="num">{formatPercent(row.budgetCents === 0 ? null : i.amountCents / row.budgetCents, language)}</td>
                  <td className="num">{formatPercent(row.planCents === 0 ? null : i.amountCents / row.planCents, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </td>
    </tr>
  );
}
