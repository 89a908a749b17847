import { useMemo, useState } from 'react';
import type { ConsolidationChange } from '../../../../shared/hq';
import { centsToUnit } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { CHART_GRID_LINE, CHART_TEXT, OURS_COLOR, TOOLTIP_STYLE } from '../../components/chart/chartStyle';
import { FilterSelect, tooltipLine, useT } from '../analysis/kit';
import { HQ_UNIT, HqChartCard, HqKpis, MONTHS, money, signedMoney, signedPercent, sumOf, timeText } from './hqViewKit';

// 變動: the national plan at two moments of the receipt log (each region's revision
// accepted by then, and its plan), and what changed between them by region and month.
// The moments to pick are the times packages were accepted, "before any receipt" and
// "now"; by default the last accepted receipt against the moment before it.

const START = '1970-01-01T00:00:00.000Z';
const DOWN_COLOR = '#d64545';

export function HqChange() {
  const t = useT();
  const { language } = useApp();
  const log = useQuery('hq.receipts', {});
  // Each moment a package was accepted, newest first (the log's order).
  const points = useMemo(() => (log.data ?? []).filter((r) => r.verdict === 'accepted'), [log.data]);
  const options = useMemo(
    () => [
      { value: 'now', label: t('hqViews.change.now') },
      ...points.map((p) => ({ value: p.receivedAt, label: t('hqViews.change.point', { time: timeText(p.receivedAt, language), region: p.regionName ?? '', revision: p.revision ?? '' }) })),
      { value: START, label: t('hqViews.change.start') },
    ],
    [points, language, t],
  );
  const [picked, setPicked] = useState<{ from: string | null; to: string }>({ from: null, to: 'now' });
  // The moment before the last acceptance, until the user picks one.
  const from = picked.from ?? points[1]?.receivedAt ?? START;
  const to = picked.to;
  const same = from === to;
  const change = useQuery('hq.change', log.data && !same ? { from, to } : null);
  const rows = useMemo(() => change.data ?? [], [change.data]);
  const fromTotal = sumOf(rows.map((r) => r.fromPlanCents));
  const toTotal = sumOf(rows.map((r) => r.toPlanCents));
  const monthDelta = MONTHS.map((_, i) => sumOf(rows.map((r) => r.months[i].toCents - r.months[i].fromCents)));
  const title = t('hqViews.change.chartTitle');
  const option = useMemo(
    () => ({
      grid: { left: 64, right: 24, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        ...TOOLTIP_STYLE,
        formatter: (params: { value: number; axisValueLabel: string }[]) =>
          `<b>${params[0]?.axisValueLabel ?? ''}</b>${tooltipLine(t('hqViews.change.change'), `${signedMoney(Math.round((params[0]?.value ?? 0) * 1_000_000), language)} ${t('unit.short.wan')}`)}`,
      },
      xAxis: { type: 'category', data: MONTHS.map((m) => t('hqUi.national.month', { month: m })), axisLabel: { color: CHART_TEXT }, axisLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: { type: 'value', axisLabel: { color: CHART_TEXT }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      series: [
        {
          name: t('hqViews.change.change'),
          type: 'bar',
          barMaxWidth: 32,
          data: monthDelta.map((c) => ({ value: centsToUnit(c, HQ_UNIT), itemStyle: { color: c < 0 ? DOWN_COLOR : OURS_COLOR } })),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, language, t],
  );
  const momentText = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  return (
    <section className="hqv-change" data-testid="hq-change">
      <div className="card hqv-change__pick">
        <div className="an-filters">
          <FilterSelect label={t('hqViews.change.from')} value={from} options={options} onChange={(v) => setPicked((p) => ({ ...p, from: v }))} testId="hq-change-from" />
          <span className="hqv-change__arrow" aria-hidden="true">→</span>
          <FilterSelect label={t('hqViews.change.to')} value={to} options={options} onChange={(v) => setPicked((p) => ({ ...p, from, to: v }))} testId="hq-change-to" />
          <span className="an-filters__spacer" />
          <span className="an-note">{t('hqViews.change.intro')}</span>
        </div>
      </div>
      {same ? (
        <p className="empty-note">{t('hqViews.change.sameMoment')}</p>
      ) : change.data && rows.length === 0 ? (
        <p className="empty-note" data-testid="hq-change-none">{t('hqViews.change.none')}</p>
      ) : (
        <>
          <HqKpis
            testId="hq-change-kpi"
            kpis={[
              { key: 'from', label: t('hqViews.change.kpiFrom'), value: money(fromTotal, language) },
              { key: 'to', label: t('hqViews.change.kpiTo'), value: money(toTotal, language) },
              { key: 'change', label: t('hqViews.change.kpiChange'), value: signedMoney(toTotal - fromTotal, language), tone: toTotal < fromTotal ? 'bad' : 'good' },
              { key: 'regions', label: t('hqViews.change.kpiRegions'), value: String(rows.length) },
            ]}
          />
          <HqChartCard title={title} unit={`${momentText(from)} → ${momentText(to)} · ${t('hqViews.unit')}`} option={option} testId="hq-change-chart" fileName={title} />
          <div className="card hq-card hq-card--scroll">
            <table className="hq-table hq-table--months" data-testid="hq-change-table">
              <thead>
                <tr>
                  <th>{t('hqViews.change.region')}</th>
                  <th>{t('hqViews.change.revision')}</th>
                  <th className="num">{t('hqViews.change.fromPlan')}</th>
                  <th className="num">{t('hqViews.change.toPlan')}</th>
                  <th className="num">{t('hqViews.change.change')}</th>
                  <th className="num">{t('hqViews.change.changePct')}</th>
                  {MONTHS.map((m) => (
                    <th key={m} className="num">
                      {t('hqUi.national.month', { month: m })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <ChangeRow key={r.regionKey} row={r} />
                ))}
                <tr className="is-total" data-testid="hq-change-total" data-from-cents={fromTotal} data-to-cents={toTotal}>
                  <th className="hq-table__region">{t('hqViews.change.total')}</th>
                  <td />
                  <td className="num">{money(fromTotal, language)}</td>
                  <td className="num">{money(toTotal, language)}</td>
                  <td className="num">{signedMoney(toTotal - fromTotal, language)}</td>
                  <td className="num">{signedPercent(fromTotal === 0 ? null : (toTotal - fromTotal) / fromTotal, language)}</td>
                  {monthDelta.map((c, i) => (
                    <td key={i} className={`num${c < 0 ? ' hqv-down' : ''}`}>
                      {c === 0 ? '—' : signedMoney(c, language)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
            <p className="hqv-foot">{t('hqViews.unit')}</p>
          </div>
        </>
      )}
    </section>
  );
}

function ChangeRow({ row }: { row: ConsolidationChange }) {
  const t = useT();
  const { language } = useApp();
  const delta = row.toPlanCents - row.fromPlanCents;
  const revision =
    row.fromRevision === null
      ? t('hqViews.change.revisionNew', { to: row.toRevision ?? '—' })
      : t('hqViews.change.revisionChange', { from: row.fromRevision, to: row.toRevision ?? '—' });
  return (
    <tr data-testid="hq-change-row" data-region={row.regionName} data-from-cents={row.fromPlanCents} data-to-cents={row.toPlanCents}>
      <th className="hq-table__region">{row.regionName}</th>
      <td className="muted" data-testid="hq-change-revision">{revision}</td>
      <td className="num">{money(row.fromPlanCents, language)}</td>
      <td className="num">{money(row.toPlanCents, language)}</td>
      <td className={`num${delta < 0 ? ' hqv-down' : ''}`}>{signedMoney(delta, language)}</td>
      <td className="num">{signedPercent(row.fromPlanCents === 0 ? null : delta / row.fromPlanCents, language)}</td>
      {row.months.map((m) => {
        const d = m.toCents - m.fromCents;
        return (
          <td key={m.month} className={`num${d < 0 ? ' hqv-down' : d === 0 ? ' muted' : ''}`} data-testid="hq-change-month" data-month={m.month} data-cents={d}>
            {/* A month that did not change is a dash: the changed ones stand out. */}
            {d === 0 ? '—' : signedMoney(d, language)}
          </td>
        );
      })}
    </tr>
  );
}
