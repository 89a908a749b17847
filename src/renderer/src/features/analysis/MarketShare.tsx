import { useCallback, useMemo, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import {
  MARKET_DIMENSIONS, type MarketAnalysis, type MarketDetail, type MarketDimension, type MarketFilter, type MarketRow,
} from '../../../../shared/endpoints/analysis';
import { formatAmount, formatInteger, formatPercent, formatPeriod, type DisplayUnit, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { EChart, saveChartPng } from '../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../components/chart/chartStyle';
import type { GridColumn, GridRow } from '../../grid';
import { errorText } from '../../i18n';
import { DrillPanel, EmptyView, FilterSelect, exactAmount, memberOptions, tooltipLine, useT, useUnit, withId, type T } from './kit';

// 市場佔有率 in the sales view: from market data, our share of each city's, category's
// or month's market against each competitor (a 100% stacked bar per group: ours, the
// largest competitors, the rest), with last year's share; a click drills into the
// market_sales rows of the group.

/** Competitors shown by name; the others are summed as one grey band. */
const NAMED_COMPETITORS = 4;
const OTHERS_COLOR = '#cbd2d9';

type DetailRow = GridRow & MarketDetail['rows'][number];

function rowLabel(r: MarketRow, by: MarketDimension, t: T): string {
  return by === 'month' ? t('analysis.sales.month', { m: r.key }) : r.label;
}

/** Market share for the sales view's year and months (the same months of last year compared). */
export function MarketShare({ year, months }: { year: number; months: [number, number] }) {
  const t = useT();
  const { unit, language, unitText } = useUnit();
  const [by, setBy] = useState<MarketDimension>('city');
  const [filter, setFilter] = useState<MarketFilter>({});
  const [drill, setDrill] = useState<{ key: number; label: string } | null>(null);
  const { data, error } = useQuery('analysis.market', { year, by, filter, months });
  const chartRef = useRef<EChartsType | null>(null);
  const shown = data && data.year === year && data.by === by && data.months.join() === months.join() ? data : null;

  const option = useMemo(() => (shown ? buildOption(shown, t, unit, language) : {}), [shown, t, unit, language]);
  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { key?: number; label?: string } }).data;
      if (d && typeof d.key === 'number') setDrill({ key: d.key, label: d.label ?? '' });
    });
  }, []);

  const empty = data !== null && (data.years.length === 0 || data.rows.every((r) => r.market === 0));
  const money = (c: number) => formatAmount(c, unit, language);
  const pts = (r: MarketRow) => (r.share === null || r.lastYearShare === null ? null : (r.share - r.lastYearShare) * 100);
  const ptsText = (v: number | null) => {
    if (v === null) return '—';
    const text = Math.abs(v).toFixed(1);
    return text === '0.0' ? text : `${v > 0 ? '+' : '−'}${text}`;
  };

  const setFilterId = (field: 'cityId' | 'categoryId', v: string) => {
    setFilter((f) => withId(f, field, v));
    setDrill(null);
  };

  return (
    <section className="an-market" data-testid="analysis-market" data-by={by} data-year={shown?.year ?? ''}>
      <div className="an-section-head">
        <h2>{t('analysis.market.title')}</h2>
        <span className="an-note">{t('analysis.market.note')}</span>
      </div>
      <div className="an-filters">
        <FilterSelect
          label={t('analysis.market.by')}
          value={by}
          options={MARKET_DIMENSIONS.map((d) => ({ value: d, label: t(`analysis.market.dim.${d}`) }))}
          onChange={(v) => {
            setBy(v as MarketDimension);
            setDrill(null);
          }}
          testId="market-by"
        />
        <FilterSelect label={t('analysis.market.city')} value={filter.cityId ?? ''} options={memberOptions(data?.options.cities)} all={t('analysis.market.all')} onChange={(v) => setFilterId('cityId', v)} testId="market-filter-city" />
        <FilterSelect
          label={t('analysis.market.category')}
          value={filter.categoryId ?? ''}
          options={memberOptions(data?.options.categories)}
          all={t('analysis.market.all')}
          onChange={(v) => setFilterId('categoryId', v)}
          testId="market-filter-category"
        />
        <span className="an-filters__spacer" />
        <button
          type="button"
          className="btn btn--small"
          disabled={!shown || empty}
          onClick={() => {
            const dim = t(`analysis.market.dim.${by}`);
            if (chartRef.current) void saveChartPng(chartRef.current, `${t('analysis.market.title')}-${year}-${dim}.png`, `${t('analysis.market.chartLabel', { year })} · ${dim}`);
          }}
          data-testid="market-save-png"
        >
          {t('analysis.market.savePng')}
        </button>
      </div>
      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {empty && (
        <EmptyView title={t('analysis.market.emptyTitle')} testId="market-empty">
          {t('analysis.market.empty')}
        </EmptyView>
      )}
      {shown && !empty && (
        <>
          <EChart
            option={option}
            label={t('analysis.market.chartLabel', { year: shown.year })}
            testId="market-chart"
            className="an-chart"
            style={{ height: Math.max(280, Math.min(shown.rows.length, 30) * 22 + 90) }}
            onReady={onReady}
          />
          <p className="an-note">{t('analysis.market.clickHint')}</p>
          <table className="an-table" aria-label={t('analysis.market.tableLabel')} data-testid="market-table">
            <thead>
              <tr>
                <th>{t(`analysis.market.dim.${by}`)}</th>
                <th>{t('analysis.market.share')}</th>
                <th>{t('analysis.market.lastYearShare')}</th>
                <th>{t('analysis.market.change')}</th>
                <th>{t('analysis.market.ours', { unit: unitText })}</th>
                <th>{t('analysis.market.market', { unit: unitText })}</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((r) => {
                const label = rowLabel(r, by, t);
                const change = pts(r);
                return (
                  <tr
                    key={r.key}
                    className={drill?.key === r.key ? 'is-selected' : undefined}
                    onClick={() => setDrill({ key: r.key, label })}
                    data-testid="market-row"
                    data-key={r.key}
                    data-label={label}
                    data-ours={r.ours}
                    data-market={r.market}
                  >
                    <td>{label}</td>
                    <td data-col="share">{formatPercent(r.share, language, 1)}</td>
                    <td>{formatPercent(r.lastYearShare, language, 1)}</td>
                    <td className={change !== null && ptsText(change).startsWith('−') ? 'an-neg' : undefined}>{ptsText(change)}</td>
                    <td>{money(r.ours)}</td>
                    <td>{money(r.market)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr data-testid="market-total">
                <td>{t('analysis.market.total')}</td>
                <td>{formatPercent(shown.total.share, language, 1)}</td>
                <td>{formatPercent(shown.total.lastYearShare, language, 1)}</td>
                <td>{ptsText(pts(shown.total))}</td>
                <td>{money(shown.total.ours)}</td>
                <td>{money(shown.total.market)}</td>
              </tr>
            </tfoot>
          </table>
          {drill && (
            <MarketDrill key={`${year}-${by}-${drill.key}-${JSON.stringify(filter)}-${months.join('-')}`} year={year} months={months} by={by} slice={drill} filter={filter} onClose={() => setDrill(null)} />
          )}
        </>
      )}
    </section>
  );
}

function buildOption(data: MarketAnalysis, t: T, unit: DisplayUnit, language: Language): EChartsCoreOption {
  const horizontal = data.by !== 'month';
  // Groups with the largest markets at the top of a horizontal chart.
  const rows = horizontal ? [...data.rows].sort((a, b) => a.market - b.market).slice(-30) : data.rows;
  const labels = rows.map((r) => rowLabel(r, data.by, t));
  const ours = data.brands.map((b, i) => ({ b, i })).filter((x) => x.b.isOwn);
  const competitors = data.brands.map((b, i) => ({ b, i })).filter((x) => !x.b.isOwn);
  const named = competitors.slice(0, NAMED_COMPETITORS);
  const rest = competitors.slice(NAMED_COMPETITORS);
  const bands: { name: string; color: string; value: (r: MarketRow) => number }[] = [
    { name: ours.map((x) => x.b.name).join(' + ') || t('analysis.market.share'), color: OURS_COLOR, value: (r) => r.ours },
    ...named.map((x, k) => ({ name: x.b.name, color: OTHER_COLORS[k % OTHER_COLORS.length], value: (r: MarketRow) => r.byBrand[x.i] })),
  ];
  if (rest.length) bands.push({ name: t('analysis.market.others'), color: OTHERS_COLOR, value: (r) => rest.reduce((s, x) => s + r.byBrand[x.i], 0) });
  const series = bands.map((band) => ({
    name: band.name,
    type: 'bar',
    stack: 'share',
    barMaxWidth: 26,
    itemStyle: { color: band.color },
    data: rows.map((r, j) => ({ value: r.market > 0 ? (band.value(r) / r.market) * 100 : 0, key: r.key, label: labels[j] })),
  }));
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const j = list[0]?.dataIndex ?? 0;
    const r = rows[j];
    if (!r) return '';
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(labels[j])}</div>`,
      ...bands.map((band) => tooltipLine(band.name, `${formatPercent(r.market > 0 ? band.value(r) / r.market : null, language, 2)} · ${exactAmount(band.value(r), unit, language)}`)),
      tooltipLine(t('analysis.market.lastYearShare'), formatPercent(r.lastYearShare, language, 2)),
      tooltipLine(t('analysis.market.market', { unit: '' }).replace(/[（(]\s*[）)]/, ''), exactAmount(r.market, unit, language)),
    ].join('');
  };
  const category = { type: 'category', data: labels, axisLabel: { interval: 0 } };
  const value = { type: 'value', max: 100, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { formatter: (v: number) => `${v}%` } };
  return {
    textStyle: { color: CHART_TEXT },
    legend: { top: 4 },
    grid: { left: horizontal ? 96 : 56, right: 24, top: 40, bottom: 28 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltip },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series,
  };
}

function MarketDrill(props: { year: number; months: [number, number]; by: MarketDimension; slice: { key: number; label: string }; filter: MarketFilter; onClose: () => void }) {
  const t = useT();
  const { unit, language, unitText } = useUnit();
  const { year, months, by, slice, filter } = props;
  const { data, error } = useQuery('analysis.marketRows', { year, months, slice: { by, key: slice.key }, filter, limit: 1000 });
  const columns = useMemo<GridColumn<DetailRow>[]>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    return [
      { field: 'period', header: t('analysis.market.drill.period'), kind: 'text', width: 90, editable: false, pinned: true, format: (v) => (typeof v === 'number' ? formatPeriod(v) : '') },
      { field: 'cityName', header: t('analysis.market.drill.city'), kind: 'text', width: 110, editable: false },
      { field: 'categoryName', header: t('analysis.market.drill.category'), kind: 'text', width: 110, editable: false },
      { field: 'brandName', header: t('analysis.market.drill.brand'), kind: 'text', width: 130, editable: false },
      { field: 'isOwn', header: t('analysis.market.drill.ours'), kind: 'text', width: 70, editable: false, format: (v) => (v ? '✓' : '') },
      { field: 'amountCents', header: t('analysis.market.drill.amount', { unit: unitText }), kind: 'money', width: 140, editable: false, format: money, text: exact },
      { field: 'volume', header: t('analysis.market.drill.volume'), kind: 'number', width: 90, editable: false, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
    ];
  }, [t, unit, language, unitText]);
  const rows = useMemo<DetailRow[] | null>(() => (data ? data.rows.map((r, i) => ({ ...r, id: i })) : null), [data]);
  return (
    <DrillPanel<DetailRow>
      title={t('analysis.market.drill.title', { label: slice.label })}
      summary={data ? t('analysis.market.drill.count', { total: formatInteger(data.total, language), shown: formatInteger(data.rows.length, language) }) : undefined}
      columns={columns}
      rows={rows}
      error={error}
      gridId="analysis-market-drill"
      testId="market-drill"
      onClose={props.onClose}
      data={{ total: data?.total ?? '' }}
    />
  );
}
