import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { TitleComponent } from 'echarts/components';
import { use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import type { PriceCell, PriceCheckRow, PricesAnalysis, PricesInput, PriceShelfRow, PriceSkuRow } from '../../../../../shared/endpoints/analysisPrices';
import { formatInteger, formatPercent, intlLocale, type Language } from '../../../../../shared/units';
import { useQuery } from '../../../api/queries';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import type { GridColumn, GridRow } from '../../../grid';
import { errorText } from '../../../i18n';
import { DrillPanel, EmptyView, FilterSelect, memberOptions, tooltipLine, useT, useUnit, type T } from '../kit';
import './prices.css';

// 價格分析: our SKUs' price checks from customer visits. A chart per SKU (average purchase
// and retail price of the customers' latest checks, the competitors' average retail price
// checked alongside, the customers where the SKU is inverted), the same figures as a
// table, and the customer × SKU matrix with every inverted cell marked. A click on a bar,
// a cell or a customer drills into the visit price checks behind it.
// Prices are unit prices in 元 with 2 decimals whatever the amount unit.

// The chart carries its own title, so that a saved PNG says what it shows.
registerModules([TitleComponent]);

/** Our purchase price: a light tint of OURS_COLOR (our retail price is OURS_COLOR itself). */
const OURS_LIGHT = '#9dbde3';
const INVERTED_COLOR = '#c0392b';

const PERIODS: Record<string, [number, number]> = {
  all: [1, 12],
  q1: [1, 3],
  q2: [4, 6],
  q3: [7, 9],
  q4: [10, 12],
  h1: [1, 6],
  h2: [7, 12],
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i + 1}`, [i + 1, i + 1] as [number, number]])),
};

function periodKey(from: number, to: number): string {
  return Object.entries(PERIODS).find(([, [a, b]]) => a === from && b === to)?.[0] ?? 'all';
}

function periodName(key: string, t: T): string {
  return key.startsWith('m') ? t('analysisPrices.periods.month', { m: Number(key.slice(1)) }) : t(`analysisPrices.periods.${key}`);
}

/** One formatter per language: building an Intl.NumberFormat costs far more than using it. */
const YUAN_FORMATS = new Map<Language, Intl.NumberFormat>();

/** Cents → 元 with 2 decimals (unit prices never follow the amount unit). */
export function yuanText(cents: number | null, language: Language): string {
  if (cents === null) return '—';
  let f = YUAN_FORMATS.get(language);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    YUAN_FORMATS.set(language, f);
  }
  return f.format(cents / 100);
}

type Drill = { kind: 'cell' | 'sku' | 'customer'; customerId?: number; skuId?: number; title: string };
type CheckRow = GridRow & PriceCheckRow;

export function PricesView() {
  const t = useT();
  const { language } = useUnit();
  const [filter, setFilter] = useState<PricesInput>({});
  const [drill, setDrill] = useState<Drill | null>(null);
  const { data, error } = useQuery('analysis.prices', filter);
  // The store audits' shelf prices of the listed SKUs, asked for once the SKUs are known.
  const shelfInput = useMemo(() => {
    if (!data || data.skus.length === 0) return null;
    const { monthFrom, monthTo, cityId, channelId } = filter;
    return { year: data.year, monthFrom, monthTo, cityId, channelId, skuIds: data.skus.map((k) => k.id) };
  }, [data, filter]);
  const shelves = useQuery('analysis.priceShelves', shelfInput).data;
  const shelfOf = useMemo(() => new Map((shelves?.rows ?? []).map((r) => [r.skuId, r])), [shelves]);
  const chartRef = useRef<EChartsType | null>(null);
  const yuan = useCallback((c: number | null) => yuanText(c, language), [language]);

  const set = (patch: Partial<PricesInput>) => {
    setFilter((f) => {
      const next: PricesInput = { ...f, ...patch };
      for (const k of Object.keys(next) as (keyof PricesInput)[]) if (next[k] === undefined) delete next[k];
      return next;
    });
    setDrill(null);
  };
  const idOf = (v: string) => (v === '' ? undefined : Number(v));

  // The matrix (hundreds of cells) renders from a deferred copy: the chart and the
  // figures come first, also when the view opens on an answer it already has.
  const matrixData = useDeferredValue(data, null);
  const periodLabel = periodName(periodKey(filter.monthFrom ?? 1, filter.monthTo ?? 12), t);
  const option = useMemo(() => buildChart(data, t, language, periodLabel), [data, t, language, periodLabel]);

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { id?: number; title?: string } }).data;
      if (d && typeof d.id === 'number') setDrill({ kind: 'sku', skuId: d.id, title: d.title ?? '' });
    });
  }, []);

  const savePng = () => {
    if (chartRef.current) void saveChartPng(chartRef.current, `${t('analysisPrices.tab')}-${data?.year ?? ''}.png`);
  };

  const noVisits = data !== null && data.years.length === 0;
  const noCells = data !== null && !noVisits && data.totals.cells === 0;
  const years = data ? [...new Set([...data.years, data.year])].sort() : [];

  return (
    <div className="an-prices" data-testid="analysis-prices" data-year={data?.year ?? ''}>
      <div className="an-filters">
        <label>
          {t('analysisPrices.year')}
          <select value={data?.year ?? ''} onChange={(e) => set({ year: Number(e.target.value) })} data-testid="prices-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analysisPrices.period')}
          <select
            value={periodKey(filter.monthFrom ?? 1, filter.monthTo ?? 12)}
            onChange={(e) => {
              const [a, b] = PERIODS[e.target.value];
              set(a === 1 && b === 12 ? { monthFrom: undefined, monthTo: undefined } : { monthFrom: a, monthTo: b });
            }}
            data-testid="prices-period"
          >
            {Object.keys(PERIODS).map((k) => (
              <option key={k} value={k}>
                {periodName(k, t)}
              </option>
            ))}
          </select>
        </label>
        <FilterSelect label={t('analysisPrices.city')} all={t('analysisPrices.all')} value={filter.cityId ?? ''} options={memberOptions(data?.options.cities)} onChange={(v) => set({ cityId: idOf(v) })} testId="prices-city" />
        <FilterSelect label={t('analysisPrices.channel')} all={t('analysisPrices.all')} value={filter.channelId ?? ''} options={memberOptions(data?.options.channels)} onChange={(v) => set({ channelId: idOf(v) })} testId="prices-channel" />
        <FilterSelect label={t('analysisPrices.brand')} all={t('analysisPrices.all')} value={filter.brandId ?? ''} options={memberOptions(data?.options.brands)} onChange={(v) => set({ brandId: idOf(v) })} testId="prices-brand" />
        <FilterSelect label={t('analysisPrices.category')} all={t('analysisPrices.all')} value={filter.categoryId ?? ''} options={memberOptions(data?.options.categories)} onChange={(v) => set({ categoryId: idOf(v) })} testId="prices-category" />
        <label className="an-prices__check">
          <span>
            <input type="checkbox" checked={filter.onlyInverted === true} onChange={(e) => set({ onlyInverted: e.target.checked ? true : undefined })} data-testid="prices-only-inverted" />
            {t('analysisPrices.onlyInverted')}
          </span>
        </label>
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!data || noVisits || noCells || data.skus.length === 0} data-testid="prices-save-png">
          {t('analysisPrices.savePng')}
        </button>
      </div>

      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {!data && !error && <p className="an-note">{t('analysisPrices.loading')}</p>}
      {noVisits && (
        <EmptyView title={t('analysisPrices.emptyTitle')} testId="prices-empty">
          {t('analysisPrices.empty')}
        </EmptyView>
      )}
      {noCells && (
        <p className="an-empty" data-testid="prices-no-match">
          {t('analysisPrices.noMatch')}
        </p>
      )}
      {data && !noVisits && !noCells && (
        <>
          <p className="an-note" data-testid="prices-rule">
            {t('analysisPrices.rule')}
          </p>
          <div className="an-prices__kpis" data-testid="prices-kpis" data-cells={data.totals.cells} data-inverted-cells={data.totals.invertedCells} data-inverted-customers={data.totals.invertedCustomers} data-customers={data.totals.customers}>
            <div className="an-prices__kpi">
              <span>{t('analysisPrices.kpi.checks')}</span>
              <b>{formatInteger(data.totals.checks, language)}</b>
            </div>
            <div className="an-prices__kpi">
              <span>{t('analysisPrices.kpi.cells')}</span>
              <b>{formatInteger(data.totals.cells, language)}</b>
            </div>
            <div className="an-prices__kpi an-prices__kpi--alert">
              <span>{t('analysisPrices.kpi.inverted')}</span>
              <b data-testid="prices-inverted-cells">{t('analysisPrices.kpi.invertedCells', { n: formatInteger(data.totals.invertedCells, language) })}</b>
              <span data-testid="prices-inverted-customers">
                {t('analysisPrices.kpi.invertedCustomers', { n: formatInteger(data.totals.invertedCustomers, language), total: formatInteger(data.totals.customers, language) })}
              </span>
            </div>
          </div>

          {data.skus.length === 0 && (
            <p className="an-empty" data-testid="prices-no-inverted">
              {t('analysisPrices.noInverted')}
            </p>
          )}
          {data.skus.length > 0 && (
            <section className="an-prices__block">
              <h2>{t('analysisPrices.chart.title')}</h2>
              <EChart
                option={option}
                label={t('analysisPrices.chart.label', { year: data.year })}
                testId="prices-chart"
                className="an-chart"
                style={{ height: 96 + data.skus.length * 40 }}
                onReady={onReady}
              />
              <p className="an-note">
                {t('analysisPrices.chart.hint')}{' '}
                {t(filter.onlyInverted ? 'analysisPrices.chart.topNoteInverted' : 'analysisPrices.chart.topNote', { n: data.skus.length, total: data.matrix.totalSkus })}
              </p>
              <div className="an-prices__table-wrap">
                <table className="an-table an-prices__sku-table" aria-label={t('analysisPrices.skuTable.label')} data-testid="prices-sku-table">
                  <thead>
                    <tr>
                      <th>{t('analysisPrices.skuTable.sku')}</th>
                      <th className="an-prices__text">{t('analysisPrices.skuTable.category')}</th>
                      <th>{t('analysisPrices.skuTable.customers')}</th>
                      <th>{t('analysisPrices.skuTable.purchase')}</th>
                      <th>{t('analysisPrices.skuTable.retail')}</th>
                      <th>{t('analysisPrices.skuTable.margin')}</th>
                      <th>{t('analysisPrices.skuTable.compRetail')}</th>
                      <th>{t('analysisPrices.skuTable.gap')}</th>
                      <th>{t('analysisPrices.skuTable.inverted')}</th>
                  <th title={t('analysisPrices.skuTable.shelfHint')}>{t('analysisPrices.skuTable.shelf')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.skus.map((k) => {
                      const gap = k.avgRetail !== null && k.compAvgRetail !== null ? k.avgRetail - k.compAvgRetail : null;
                      return (
                        <tr
                          key={k.id}
                          onClick={() => setDrill({ kind: 'sku', skuId: k.id, title: `${k.code} ${k.name}` })}
                          className={drill?.kind === 'sku' && drill.skuId === k.id ? 'is-selected' : undefined}
                          data-testid="prices-sku-row"
                          data-id={k.id}
                          data-avg-purchase={k.avgPurchase ?? ''}
                          data-avg-retail={k.avgRetail ?? ''}
                          data-comp-retail={k.compAvgRetail ?? ''}
                          data-inverted={k.inverted}
                        >
                          <td>
                            {k.code} {k.name}
                          </td>
                          <td className="an-prices__text">{k.categoryName}</td>
                          <td>{formatInteger(k.customers, language)}</td>
                          <td>{yuan(k.avgPurchase)}</td>
                          <td data-col="retail">{yuan(k.avgRetail)}</td>
                          <td>{formatPercent(k.avgRetail !== null && k.avgPurchase ? (k.avgRetail - k.avgPurchase) / k.avgPurchase : null, language, 1)}</td>
                          <td>{yuan(k.compAvgRetail)}</td>
                          <td>{gap === null ? '—' : `${gap > 0 ? '+' : ''}${yuan(gap)}`}</td>
                          <td className={k.inverted > 0 ? 'an-neg' : undefined}>{formatInteger(k.inverted, language)}</td>
                      <ShelfCell shelf={shelfOf.get(k.id)} loaded={shelves !== null && shelfInput !== null && shelves.rows.every((r) => shelfInput.skuIds.includes(r.skuId))} t={t} language={language} />
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          )}

          {matrixData && matrixData.skus.length > 0 && (
            <Matrix data={matrixData} stale={matrixData !== data} drill={drill} onDrill={setDrill} t={t} language={language} />
          )}

          {drill && <ChecksDrill key={JSON.stringify([filter, drill])} filter={filter} year={data.year} drill={drill} onClose={() => setDrill(null)} />}
        </>
      )}
    </div>
  );
}

/** The customer × SKU matrix: rendered from a deferred copy of the data, so the chart and the figures show first. */
const Matrix = memo(function Matrix(props: { data: PricesAnalysis; stale: boolean; drill: Drill | null; onDrill: (d: Drill) => void; t: T; language: Language }) {
  const { data, stale, drill, onDrill, t, language } = props;
  const skuById = useMemo(() => new Map(data.skus.map((k) => [k.id, k])), [data]);
  const cellOf = useMemo(() => {
    const m = new Map<string, PriceCell>();
    for (const c of data.matrix.cells) m.set(`${c.customerId}:${c.skuId}`, c);
    return m;
  }, [data]);
  return (
    <section className={stale ? 'an-prices__block is-stale' : 'an-prices__block'} data-testid="prices-matrix-block" data-year={data.year}>
      <h2>{t('analysisPrices.matrix.title')}</h2>
      <p className="an-note">{t('analysisPrices.matrix.cellLegend')}</p>
      <p className="an-note">
        {t('analysisPrices.matrix.shown', {
          rows: data.matrix.customers.length,
          totalRows: data.matrix.totalCustomers,
          cols: data.matrix.skuIds.length,
          totalCols: data.matrix.totalSkus,
        })}
      </p>
      <div className="an-prices__matrix-wrap">
        <table className="an-table an-prices__matrix" aria-label={t('analysisPrices.matrix.label')} data-testid="prices-matrix">
          <thead>
            <tr>
              <th className="an-prices__sticky">{t('analysisPrices.matrix.customer')}</th>
              <th className="an-prices__text">{t('analysisPrices.matrix.city')}</th>
              <th>{t('analysisPrices.matrix.invertedCol')}</th>
              {data.matrix.skuIds.map((id) => {
                const k = skuById.get(id);
                return (
                  <th key={id} className="an-prices__sku-head" title={k ? `${k.code} ${k.name}` : ''}>
                    <span>{k?.code}</span>
                    <span className="an-prices__sku-name">{k?.name}</span>
                    <span className="an-prices__unit">{t('analysisPrices.chart.axis')}</span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data.matrix.customers.map((c) => (
              <tr key={c.id} data-testid="prices-matrix-row" data-id={c.id} data-inverted={c.inverted} className={drill?.kind === 'customer' && drill.customerId === c.id ? 'is-selected' : undefined}>
                <td className="an-prices__sticky an-prices__customer" onClick={() => onDrill({ kind: 'customer', customerId: c.id, title: `${c.code} ${c.name}` })} data-testid="prices-matrix-customer">
                  {c.code} {c.name}
                </td>
                <td className="an-prices__text">{c.cityName}</td>
                <td className={c.inverted > 0 ? 'an-neg' : undefined}>{c.inverted > 0 ? formatInteger(c.inverted, language) : ''}</td>
                {data.matrix.skuIds.map((skuId) => {
                  const cell = cellOf.get(`${c.id}:${skuId}`);
                  const k = skuById.get(skuId);
                  if (!cell) return <td key={skuId} className="an-prices__cell is-none" />;
                  return (
                    <MatrixCell
                      // The tooltip is set on the element on hover: a new check or language, a new element.
                      key={`${skuId}-${cell.visitId}-${language}`}
                      cell={cell}
                      t={t}
                      language={language}
                      customerName={c.name}
                      skuName={k ? `${k.code} ${k.name}` : ''}
                      selected={drill?.kind === 'cell' && drill.customerId === c.id && drill.skuId === skuId}
                      onPick={() => onDrill({ kind: 'cell', customerId: c.id, skuId, title: `${c.name} · ${k ? `${k.code} ${k.name}` : skuId}` })}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

function ShelfCell(props: { shelf: PriceShelfRow | undefined; loaded: boolean; t: T; language: Language }) {
  const { shelf, t, language } = props;
  if (!shelf) return <td data-col="shelf">{props.loaded ? '—' : '…'}</td>;
  return (
    <td
      data-col="shelf"
      data-shelf={shelf.avgPack ?? undefined}
      title={t('analysisPrices.skuTable.shelfTitle', { terminals: formatInteger(shelf.terminals, language), unit: yuanText(Math.round(shelf.avgUnit), language), pack: shelf.packSize ?? '?' })}
    >
      {shelf.avgPack === null ? '—' : yuanText(shelf.avgPack, language)}
    </td>
  );
}

function MatrixCell(props: { cell: PriceCell; t: T; language: Language; customerName: string; skuName: string; selected: boolean; onPick: () => void }) {
  const { cell, t, language } = props;
  const yuan = (c: number | null) => yuanText(c, language);
  const compRetails = cell.competitors.map((c) => c.retail).filter((v): v is number => v !== null);
  const compAvg = compRetails.length ? Math.round(compRetails.reduce((a, b) => a + b, 0) / compRetails.length) : null;
  // The tooltip text is built on hover only (hundreds of cells, each with its competitors).
  const titleOf = () =>
    [
      t('analysisPrices.matrix.cellTitle', { customer: props.customerName, sku: props.skuName, date: cell.visitDate, checks: cell.checks, purchase: yuan(cell.purchase), retail: yuan(cell.retail) }),
      ...cell.competitors.map((c) => t('analysisPrices.matrix.compLine', { label: c.label, purchase: yuan(c.purchase), retail: yuan(c.retail) })),
    ].join('\n');
  const cls = ['an-prices__cell', cell.inverted ? 'is-inverted' : '', props.selected ? 'is-selected' : ''].filter(Boolean).join(' ');
  return (
    <td
      className={cls}
      onMouseEnter={(e) => {
        if (!e.currentTarget.title) e.currentTarget.title = titleOf();
      }}
      tabIndex={0}
      onClick={(e) => {
        e.stopPropagation();
        props.onPick();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onPick();
        }
      }}
      data-testid="prices-cell"
      data-customer={cell.customerId}
      data-sku={cell.skuId}
      data-purchase={cell.purchase ?? ''}
      data-retail={cell.retail ?? ''}
      data-inverted={cell.inverted ? 'true' : 'false'}
      data-date={cell.visitDate}
    >
      <span className="an-prices__line">
        <i>{t('analysisPrices.matrix.purchaseShort')}</i>
        <span data-col="purchase">{yuan(cell.purchase)}</span>
      </span>
      <span className="an-prices__line an-prices__retail">
        <i>{t('analysisPrices.matrix.retailShort')}</i>
        <span data-col="retail">{yuan(cell.retail)}</span>
      </span>
      {compAvg !== null && (
        <span className="an-prices__line an-prices__comp">
          <i>{t('analysisPrices.matrix.compShort')}</i>
          <span>{yuan(compAvg)}</span>
        </span>
      )}
      {cell.inverted && (
        <span className="an-prices__mark" data-testid="prices-inverted-mark">
          {t('analysisPrices.matrix.invertedMark')}
        </span>
      )}
    </td>
  );
}

function buildChart(data: PricesAnalysis | null, t: T, language: Language, period: string): EChartsCoreOption {
  if (!data || data.skus.length === 0) return {};
  const skus = data.skus;
  const yuan = (c: number | null) => (c === null ? '—' : `${yuanText(c, language)} ${t('analysisPrices.yuan')}`);
  const value = (c: number | null, k: PriceSkuRow) => ({ value: c === null ? null : c / 100, id: k.id, title: `${k.code} ${k.name}` });
  const names = [t('analysisPrices.chart.purchase'), t('analysisPrices.chart.retail'), t('analysisPrices.chart.compRetail')];
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const k = skus[list[0]?.dataIndex ?? -1];
    if (!k) return '';
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(`${k.code} ${k.name}`)}</div>`,
      tooltipLine(t('analysisPrices.chart.customers'), formatInteger(k.customers, language)),
      tooltipLine(names[0], yuan(k.avgPurchase)),
      tooltipLine(names[1], yuan(k.avgRetail)),
      tooltipLine(names[2], yuan(k.compAvgRetail)),
      tooltipLine(t('analysisPrices.chart.compPurchase'), yuan(k.compAvgPurchase)),
      tooltipLine(t('analysisPrices.chart.compChecks'), formatInteger(k.compChecks, language)),
      tooltipLine(t('analysisPrices.chart.invertedCustomers'), `${formatInteger(k.inverted, language)} (${formatPercent(k.customers ? k.inverted / k.customers : null, language, 1)})`),
    ].join('');
  };
  return {
    textStyle: { color: CHART_TEXT },
    title: {
      text: t('analysisPrices.chart.pngTitle', { year: data.year, period }),
      left: 12,
      top: 8,
      textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2933' },
    },
    legend: { top: 8, right: 16, data: names },
    grid: { left: 300, right: 40, top: 48, bottom: 44 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltip },
    xAxis: {
      type: 'value',
      name: t('analysisPrices.chart.axis'),
      nameLocation: 'middle',
      nameGap: 24,
      splitLine: { lineStyle: { color: CHART_GRID_LINE } },
      axisLabel: { formatter: (v: number) => formatInteger(v, language) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: skus.map((k) => k.id),
      axisLabel: {
        interval: 0,
        formatter: (_: unknown, i: number) => {
          const k = skus[i];
          const name = k.name.length > 18 ? `${k.name.slice(0, 17)}…` : k.name;
          return k.inverted > 0 ? `{inv|▼${t('analysisPrices.chart.inverted', { n: k.inverted })}}  {n|${name}}` : `{n|${name}}`;
        },
        rich: { n: { color: CHART_TEXT, fontSize: 12 }, inv: { color: '#fff', backgroundColor: INVERTED_COLOR, borderRadius: 3, padding: [2, 4], fontSize: 11, fontWeight: 'bold' } },
      },
    },
    series: [
      { name: names[0], type: 'bar', barGap: '10%', barCategoryGap: '28%', itemStyle: { color: OURS_LIGHT }, data: skus.map((k) => value(k.avgPurchase, k)) },
      { name: names[1], type: 'bar', itemStyle: { color: OURS_COLOR }, data: skus.map((k) => value(k.avgRetail, k)) },
      { name: names[2], type: 'bar', itemStyle: { color: OTHER_COLORS[0] }, data: skus.map((k) => value(k.compAvgRetail, k)) },
    ],
  };
}

function ChecksDrill(props: { filter: PricesInput; year: number; drill: Drill; onClose: () => void }) {
  const t = useT();
  const { language } = useUnit();
  const { drill, filter } = props;
  const input = useMemo(() => {
    const { onlyInverted: _ignored, ...rest } = filter;
    void _ignored;
    return { ...rest, year: props.year, limit: 2000, ...(drill.customerId !== undefined ? { customerId: drill.customerId } : {}), ...(drill.skuId !== undefined ? { skuId: drill.skuId } : {}) };
  }, [filter, props.year, drill]);
  const { data, error } = useQuery('analysis.priceChecks', input);
  const columns = useMemo<GridColumn<CheckRow>[]>(() => {
    const price = (v: unknown) => (typeof v === 'number' ? yuanText(v, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    const yes = (v: unknown) => (v === true ? t('analysisPrices.drill.yes') : '');
    return [
      { field: 'visitDate', header: t('analysisPrices.drill.visitDate'), kind: 'text', width: 96, editable: false, pinned: true },
      { field: 'customerCode', header: t('analysisPrices.drill.customerCode'), kind: 'text', width: 76, editable: false },
      { field: 'customerName', header: t('analysisPrices.drill.customer'), kind: 'text', width: 140, editable: false },
      { field: 'salesperson', header: t('analysisPrices.drill.salesperson'), kind: 'text', width: 70, editable: false },
      { field: 'brandName', header: t('analysisPrices.drill.brand'), kind: 'text', width: 70, editable: false },
      { field: 'isOwn', header: t('analysisPrices.drill.own'), kind: 'text', width: 92, editable: false, format: (v) => (v ? t('analysisPrices.drill.ownYes') : t('analysisPrices.drill.ownNo')) },
      { field: 'skuCode', header: t('analysisPrices.drill.skuCode'), kind: 'text', width: 80, editable: false },
      { field: 'product', header: t('analysisPrices.drill.product'), kind: 'text', width: 180, editable: false },
      { field: 'purchase', header: t('analysisPrices.drill.purchase'), kind: 'money', width: 116, editable: false, format: price, text: exact },
      { field: 'retail', header: t('analysisPrices.drill.retail'), kind: 'money', width: 116, editable: false, format: price, text: exact },
      { field: 'inverted', header: t('analysisPrices.drill.inverted'), kind: 'text', width: 70, editable: false, format: (v) => (v === true ? t('analysisPrices.matrix.invertedMark') : ''), cellClass: (v) => (v === true ? 'an-neg' : undefined) },
      { field: 'latest', header: t('analysisPrices.drill.latest'), kind: 'text', width: 80, editable: false, format: yes },
    ];
  }, [t, language]);
  const rows = useMemo<CheckRow[] | null>(() => (data ? data.rows.map((r) => ({ ...r })) : null), [data]);
  const title = t(`analysisPrices.drill.${drill.kind}Title`, { customer: drill.title.split(' · ')[0], sku: drill.kind === 'cell' ? drill.title.split(' · ')[1] : drill.title });
  return (
    <DrillPanel<CheckRow>
      title={drill.kind === 'customer' ? t('analysisPrices.drill.customerTitle', { customer: drill.title }) : title}
      summary={data ? t('analysisPrices.drill.count', { total: formatInteger(data.total, language), inverted: formatInteger(data.inverted, language), shown: formatInteger(data.rows.length, language) }) : undefined}
      columns={columns}
      rows={rows}
      error={error}
      gridId="analysis-prices-drill"
      testId="prices-drill"
      onClose={props.onClose}
      data={{ total: data?.total ?? '', inverted: data?.inverted ?? '', customer: drill.customerId ?? '', sku: drill.skuId ?? '' }}
    />
  );
}
