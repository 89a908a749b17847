import { useMemo, useState } from 'react';
import type { DrillFilter, NationalCell, RegionState } from '../../../../shared/hq';
import { REGION_PLAN_CUTS, type RegionPlanCut, type RegionPlanRow } from '../../../../shared/hqViews';
import { geoDisplayName } from '../../../../shared/geoNames';
import { centsToUnit, formatInteger, formatPercent, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE } from '../../components/chart/chartStyle';
import { Icon } from '../../components/icons';
import { SegmentedControl } from '../../components/SegmentedControl';
import { DataGrid, type GridColumn, type GridRow } from '../../grid';
import { errorText } from '../../i18n';
import { tooltipLine, useT, type T } from '../analysis/kit';
import { HQ_UNIT, HqChartCard, HqKpis, MONTHS, money, signedPercent, sumOf, timeText } from './hqViewKit';

// The drill from a national figure (a month of the national plan, a brand, category or
// channel of the mix) to the regions that make it up, and from a region into the plan of
// its accepted package: cut by province, city, channel, brand, category or SKU × month,
// within the same figure. Breadcrumbs lead back. Head office only looks here: the grid
// is read-only.

/** Where a drill starts: the view it came from, the figure's filter, and its name (a brand, a channel; none: a month or the year, named in the UI's language). */
export interface DrillStart {
  origin: 'national' | 'mix';
  filter: DrillFilter;
  name?: string;
}

const figureOf = (start: DrillStart, t: T) =>
  start.name ?? (start.filter.month !== undefined ? t('hqUi.national.month', { month: start.filter.month }) : t('hqUi.national.year'));

export function HqDrill({ start, onExit }: { start: DrillStart; onExit: () => void }) {
  const t = useT();
  const [region, setRegion] = useState<string | null>(null);
  const figure = figureOf(start, t);
  const crumbs: { label: string; go?: () => void }[] = [
    { label: t(`hqViews.drill.from.${start.origin}`), go: onExit },
    { label: figure, go: region === null ? undefined : () => setRegion(null) },
    ...(region === null ? [] : [{ label: region }]),
  ];
  return (
    <section className="hqv-drill" data-testid="hq-drill" data-level={region === null ? 'regions' : 'region'}>
      <div className="hqv-drill__bar">
        <nav className="hqv-crumbs" aria-label={t('hqViews.drill.back')} data-testid="hq-crumbs">
          {crumbs.map((c, i) => (
            <span key={i} className="hqv-crumbs__item">
              {i > 0 && <span className="hqv-crumbs__sep" aria-hidden="true">›</span>}
              {c.go ? (
                <button type="button" className="hqv-link" onClick={c.go} data-testid={`hq-crumb-${i}`}>
                  {c.label}
                </button>
              ) : (
                <span className="hqv-crumbs__here" aria-current="page" data-testid={`hq-crumb-${i}`}>
                  {c.label}
                </span>
              )}
            </span>
          ))}
        </nav>
        <button type="button" className="btn btn--small" onClick={region === null ? onExit : () => setRegion(null)} data-testid="hq-drill-back">
          {t('hqViews.drill.back')}
        </button>
      </div>
      {region === null ? (
        <DrillRegions filter={start.filter} figure={figure} onOpen={setRegion} />
      ) : (
        <RegionPlanView region={region} filter={start.filter} figure={figure} />
      )}
    </section>
  );
}

function DrillRegions({ filter, figure, onOpen }: { filter: DrillFilter; figure: string; onOpen: (region: string) => void }) {
  const t = useT();
  const { language } = useApp();
  const drill = useQuery('hq.drill', filter);
  const rows = useMemo(() => (drill.data ?? []).filter((r) => r.planCents !== 0 || r.targetCents !== 0), [drill.data]);
  const plan = sumOf(rows.map((r) => r.planCents));
  const target = sumOf(rows.map((r) => r.targetCents));
  const hasTarget = target !== 0;
  const title = t(hasTarget ? 'hqViews.drill.regionsChart' : 'hqViews.drill.regionsChartPlan', { figure });
  const option = useMemo(
    () => ({
      color: [OURS_COLOR, OTHER_COLORS[0]],
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      legend: { top: 4, right: 8, textStyle: { color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        ...TOOLTIP_STYLE,
        formatter: (params: { seriesName: string; value: number; axisValueLabel: string }[]) =>
          `<b>${params[0]?.axisValueLabel ?? ''}</b>${params.map((p) => tooltipLine(p.seriesName, `${money(Math.round(p.value * 1_000_000), language)} ${t('unit.short.wan')}`)).join('')}`,
      },
      xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { color: CHART_TEXT, interval: 0, hideOverlap: true }, axisLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: { type: 'value', axisLabel: { color: CHART_TEXT }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      series: [
        { name: t('hqViews.drill.plan'), type: 'bar', barMaxWidth: 40, cursor: 'pointer', data: rows.map((r) => centsToUnit(r.planCents, HQ_UNIT)) },
        ...(hasTarget ? [{ name: t('hqViews.drill.target'), type: 'line', symbolSize: 7, data: rows.map((r) => centsToUnit(r.targetCents, HQ_UNIT)) }] : []),
      ],
    }),
    [rows, hasTarget, language, t],
  );
  return (
    <>
      <HqKpis
        testId="hq-drill-kpi"
        kpis={[
          { key: 'plan', label: t('hqViews.drill.kpiPlan'), value: money(plan, language) },
          { key: 'target', label: t('hqViews.drill.kpiTarget'), value: hasTarget ? money(target, language) : '—' },
          { key: 'gap', label: t('hqViews.drill.gap'), value: signedPercent(hasTarget ? (plan - target) / target : null, language) },
          { key: 'regions', label: t('hqViews.drill.kpiRegions'), value: String(rows.length) },
        ]}
      />
      <HqChartCard title={title} unit={t('hqViews.unit')} option={option} testId="hq-drill-chart" fileName={title} onClick={(c) => rows[c.dataIndex] && onOpen(rows[c.dataIndex].regionName)} />
      <div className="card hq-card">
        <div className="hq-card__head">
          <h2 className="card__title">{t('hqViews.drill.regionsTitle', { figure })}</h2>
          <span className="card__subtitle">{t('hqViews.unit')}</span>
        </div>
        <table className="hq-table" data-testid="hq-drill-table">
          <thead>
            <tr>
              <th>{t('hqViews.drill.region')}</th>
              <th className="num">{t('hqViews.drill.plan')}</th>
              <th className="num">{t('hqViews.drill.target')}</th>
              <th className="num">{t('hqViews.drill.gap')}</th>
              <th className="hq-share">{t('hqViews.drill.share')}</th>
              <th className="hq-table__actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <DrillRow key={r.regionKey} row={r} total={plan} language={language} t={t} onOpen={() => onOpen(r.regionName)} />
            ))}
            <tr className="is-total" data-testid="hq-drill-total" data-plan-cents={plan}>
              <th className="hq-table__region">{t('hqViews.total')}</th>
              <td className="num">{money(plan, language)}</td>
              <td className="num">{hasTarget ? money(target, language) : '—'}</td>
              <td className="num">{signedPercent(hasTarget ? (plan - target) / target : null, language)}</td>
              <td />
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

function DrillRow({ row, total, language, t, onOpen }: { row: NationalCell; total: number; language: Language; t: T; onOpen: () => void }) {
  const share = total === 0 ? 0 : row.planCents / total;
  return (
    <tr data-testid="hq-drill-row" data-region={row.regionName} data-plan-cents={row.planCents}>
      <th className="hq-table__region">
        <button type="button" className="hqv-link" onClick={onOpen}>
          {row.regionName}
        </button>
      </th>
      <td className="num">{money(row.planCents, language)}</td>
      <td className="num">{row.targetCents === 0 ? '—' : money(row.targetCents, language)}</td>
      <td className="num">{signedPercent(row.targetCents === 0 ? null : (row.planCents - row.targetCents) / row.targetCents, language)}</td>
      <td className="hq-share">
        <span className="hq-share__bar" style={{ width: `${Math.round(share * 100)}%` }} />
        <span className="hq-share__text">{formatPercent(share, language)}</span>
      </td>
      <td className="hq-table__actions">
        <button type="button" className="btn btn--small" onClick={onOpen} data-testid="hq-drill-open">
          {t('hqViews.drill.open')}
        </button>
      </td>
    </tr>
  );
}

interface PlanGridRow extends GridRow {
  parent: string;
  name: string;
  year: number;
  volume: number;
  [month: `m${number}`]: number;
}

const noApply = async (): Promise<void> => undefined;

function RegionPlanView({ region, filter, figure }: { region: string; filter: DrillFilter; figure: string }) {
  const t = useT();
  const { language } = useApp();
  const [cut, setCut] = useState<RegionPlanCut>('city');
  const plan = useQuery('hq.regionPlan', { region, cut, filter });
  const data = plan.data?.cut === cut ? plan.data : null;
  const place = (name: string, level: 'province' | 'city') => geoDisplayName(name, level, language);
  const nameOf = (r: RegionPlanRow) => (cut === 'province' ? place(r.name, 'province') : cut === 'city' ? place(r.name, 'city') : r.name);
  const parentOf = (r: RegionPlanRow) => (r.parentName === null ? '' : cut === 'city' ? place(r.parentName, 'province') : r.parentName);
  const hasParent = cut === 'city' || cut === 'category' || cut === 'sku';

  const rows = useMemo<PlanGridRow[]>(
    () =>
      (data?.rows ?? []).map((r) => {
        const row: PlanGridRow = { id: `${r.parentCode ?? ''}/${r.code}`, parent: parentOf(r), name: nameOf(r), year: r.planCents, volume: r.volume };
        r.months.forEach((v, i) => (row[`m${i + 1}`] = v));
        return row;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, language],
  );
  const columns = useMemo<GridColumn<PlanGridRow>[]>(() => {
    const amount = (v: unknown) => (typeof v === 'number' ? money(v, language) : '');
    return [
      ...(hasParent ? [{ field: 'parent', header: t(`hqViews.drill.parent.${cut}`), kind: 'text' as const, width: 110, pinned: true }] : []),
      { field: 'name', header: t(`hqViews.drill.cuts.${cut}`), kind: 'text', width: cut === 'sku' ? 200 : 130, pinned: true },
      ...MONTHS.map((m) => ({ field: `m${m}`, header: t('hqUi.national.month', { month: m }), kind: 'money' as const, width: 92, total: true, format: amount })),
      { field: 'year', header: t('hqViews.drill.year'), kind: 'money', width: 110, total: true, format: amount, cellClass: () => 'hqv-grid-year' },
      { field: 'volume', header: t('hqViews.drill.volume'), kind: 'number', width: 110, total: true, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
    ];
  }, [cut, hasParent, language, t]);

  const top = rows.slice().sort((a, b) => b.year - a.year).slice(0, 10).reverse();
  const cutName = t(`hqViews.drill.cuts.${cut}`);
  const chartTitle = t('hqViews.drill.regionChart', { region, cut: cutName });
  const option = useMemo(
    () => ({
      color: [OURS_COLOR],
      grid: { left: 16, right: 40, top: 12, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        ...TOOLTIP_STYLE,
        formatter: (params: { value: number; axisValueLabel: string }[]) =>
          `<b>${params[0]?.axisValueLabel ?? ''}</b>${tooltipLine(t('hqViews.drill.plan'), `${money(Math.round((params[0]?.value ?? 0) * 1_000_000), language)} ${t('unit.short.wan')}`)}`,
      },
      xAxis: { type: 'value', axisLabel: { color: CHART_TEXT }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: { type: 'category', data: top.map((r) => (r.parent ? `${r.name}（${r.parent}）` : r.name)), axisLabel: { color: CHART_TEXT, width: 180, overflow: 'truncate' } },
      series: [{ name: t('hqViews.drill.plan'), type: 'bar', barMaxWidth: 18, data: top.map((r) => centsToUnit(r.year, HQ_UNIT)) }],
    }),
    [top, language, t],
  );
  const info = plan.data;
  return (
    <>
      <div className="card hqv-region-head" data-testid="hq-region-plan-head">
        <div className="hqv-region-head__title">
          <h2>{region}</h2>
          {info && info.revision !== null && <span className="hq-tag">{t('hqViews.drill.revision', { revision: info.revision })}</span>}
          {info && <RegionStatePill state={info.state} t={t} />}
          {info?.receivedAt && <span className="muted">{t('hqViews.drill.receivedAt', { time: timeText(info.receivedAt, language) })}</span>}
          <span className="hqv-readonly" data-testid="hq-region-plan-readonly">
            <Icon name="lock" />
            <span>{t('hqViews.drill.readOnly')}</span>
          </span>
        </div>
        <SegmentedControl
          label={t('hqViews.drill.cut')}
          value={cut}
          options={REGION_PLAN_CUTS.map((c) => ({ value: c, label: t(`hqViews.drill.cuts.${c}`) }))}
          onChange={setCut}
          testId="hq-region-plan-cut"
          size="small"
        />
      </div>
      {plan.error && <p className="form__error">{errorText(plan.error)}</p>}
      {info && info.revision === null ? (
        <p className="empty-note" data-testid="hq-region-plan-empty">{t('hqViews.drill.noPlan', { region })}</p>
      ) : (
        <>
          {data && rows.length > 0 && <HqChartCard title={chartTitle} unit={`${figure} · ${t('hqViews.unit')}`} option={option} testId="hq-region-plan-chart" fileName={`${chartTitle} ${figure}`} />}
          <div className="card hq-card hqv-grid" data-testid="hq-region-plan" data-cut={cut} data-plan-cents={data ? sumOf(data.rows.map((r) => r.planCents)) : ''}>
            {data && (
              <DataGrid<PlanGridRow>
                gridId={`hq-region-plan-${cut}`}
                columns={columns}
                rows={rows}
                onApply={noApply}
                appendRows={false}
                totals
                testId="hq-region-plan-grid"
                emptyText={t('hqViews.drill.noPlan', { region })}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}

function RegionStatePill({ state, t }: { state: RegionState; t: T }) {
  return <span className={`hq-state hq-state--${state}`}>{t(`hq.state.${state}`)}</span>;
}
