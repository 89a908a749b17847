import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkLineComponent } from 'echarts/components';
import { use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import type { CustomerAnalysis, CustomerAnalysisRow, CustomerSalesDetail } from '../../../../../shared/channels/analysisCustomers';
import { ABC_CLASSES, type AbcClass } from '../../../../../shared/pareto';
import { formatAmount, formatInteger, formatPercent, intlLocale, unitLabel, type DisplayUnit, type Language } from '../../../../../shared/units';
import { api, toErrorData } from '../../../api/client';
import { useApp } from '../../../app/AppContext';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import { DataGrid, type GridColumn, type GridRow } from '../../../grid';
import { errorText } from '../../../i18n';
import './customers.css';

// 渠道客戶分析: the review year's customers as an 80/20 Pareto (bars by class, the
// cumulative share line, the 80% / 95% cut-offs), the A/B/C classes, the tier mix,
// customers gained and lost, inventory-to-sales and receivables against credit limit
// per customer, and the blank areas. A click on a bar or a row drills into the
// customer's sales rows (month × SKU).

// The Pareto needs mark lines (the cut-offs); EChart.tsx registers bars and lines only.
registerModules([MarkLineComponent]);

const CHART_TOP = 60;
const noApply = async (): Promise<void> => undefined;
const CLASS_COLOR: Record<AbcClass, string> = { A: OURS_COLOR, B: OTHER_COLORS[0], C: OTHER_COLORS[1] };
/** Decimals that show a cent exactly in each unit. */
const EXACT_DECIMALS: Record<DisplayUnit, number> = { yuan: 2, wan: 6, yi: 10 };

type T = (k: string, o?: Record<string, unknown>) => string;
type DetailRow = GridRow & CustomerSalesDetail['rows'][number];

/** Cents in the unit, exact (trailing zeros beyond the unit's usual decimals dropped), with the unit. */
export function exactAmount(cents: number, unit: DisplayUnit, language: Language): string {
  const text = formatAmount(cents, unit, language, { decimals: EXACT_DECIMALS[unit] });
  const usual = unit === 'yuan' ? 0 : 2;
  const trimmed = text.includes('.') ? text.replace(new RegExp(`(\\.\\d{${usual}}\\d*?)0+$`), '$1').replace(/\.$/, '') : text;
  return `${trimmed} ${unitLabel(unit, language)}`;
}

/** A ratio such as 庫銷比 (months of sales in stock), two decimals. */
function ratioText(v: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
}

function periodText(p: number): string {
  return `${Math.floor(p / 100)}-${String(p % 100).padStart(2, '0')}`;
}

export function CustomersView() {
  const { t: tt } = useTranslation();
  const t = tt as unknown as T;
  const app = useApp();
  const { revision, language } = app;
  const unit: DisplayUnit = app.summary?.displayUnit ?? 'wan';

  const [year, setYear] = useState<number | undefined>(undefined);
  const [data, setData] = useState<CustomerAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ id: number; name: string } | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('analysis.customers', year !== undefined ? { year } : {})
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(errorText(toErrorData(e))));
    return () => {
      live = false;
    };
  }, [year, revision]);

  const money = useCallback((cents: number) => formatAmount(cents, unit, language), [unit, language]);
  const unitText = unitLabel(unit, language);
  const selling = useMemo(() => (data?.customers ?? []).filter((c) => c.sales > 0), [data]);
  const chartRows = useMemo(() => selling.slice(0, CHART_TOP), [selling]);
  const paretoOption = useMemo(() => buildPareto(chartRows, data, { t, unit, language, unitText }), [chartRows, data, t, unit, language, unitText]);
  const tierOption = useMemo(() => buildTiers(data, { t, unit, language, unitText }), [data, t, unit, language, unitText]);

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { id?: number; name?: string } }).data;
      if (d && typeof d.id === 'number') setDrill({ id: d.id, name: d.name ?? '' });
    });
  }, []);

  const savePng = () => {
    const instance = chartRef.current;
    if (!instance) return;
    saveChartPng(instance, `${t('analysisCustomers.tab')}-${data?.year ?? ''}.png`);
  };

  const empty = data !== null && (data.years.length === 0 || data.customers.length === 0);
  const years = data ? [...new Set([...data.years, data.year])].sort() : [];

  return (
    <div className="an-cust" data-testid="analysis-customers" data-year={data?.year ?? ''}>
      <div className="an-filters">
        <label>
          {t('analysisCustomers.year')}
          <select
            value={data?.year ?? ''}
            onChange={(e) => {
              setYear(Number(e.target.value));
              setDrill(null);
            }}
            data-testid="customers-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!data || empty} data-testid="customers-save-png">
          {t('analysisCustomers.savePng')}
        </button>
      </div>

      {error && <p className="an-note an-neg">{error}</p>}
      {!data && !error && <p className="an-note">{t('analysisCustomers.loading')}</p>}
      {empty && (
        <div className="an-empty" data-testid="customers-empty">
          <h2>{t('analysisCustomers.emptyTitle')}</h2>
          <p>{t('analysisCustomers.empty')}</p>
        </div>
      )}
      {data && !empty && (
        <>
          <section className="an-cust__block">
            <h2>{t('analysisCustomers.pareto.title')}</h2>
            <EChart
              option={paretoOption}
              label={t('analysisCustomers.pareto.chartLabel', { year: data.year })}
              testId="customers-pareto"
              className="an-chart"
              onReady={onReady}
            />
            <p className="an-note">
              {t('analysisCustomers.pareto.hint')} {chartRows.length < selling.length ? t('analysisCustomers.pareto.topNote', { n: CHART_TOP }) : ''}
            </p>
          </section>

          <div className="an-cust__row">
            <section className="an-cust__block">
              <h2>{t('analysisCustomers.classes.title')}</h2>
              <table className="an-table" data-testid="customers-classes">
                <thead>
                  <tr>
                    <th>{t('analysisCustomers.classes.cls')}</th>
                    <th>{t('analysisCustomers.classes.count')}</th>
                    <th>
                      {t('analysisCustomers.classes.sales')} ({unitText})
                    </th>
                    <th>{t('analysisCustomers.classes.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ABC_CLASSES.map((k) => (
                    <tr key={k} data-testid={`customers-class-${k}`} data-count={data.classes[k].count} data-sales={data.classes[k].sales}>
                      <td>
                        <span className="an-cust__dot" style={{ background: CLASS_COLOR[k] }} />
                        {k}
                      </td>
                      <td>{formatInteger(data.classes[k].count, language)}</td>
                      <td>{money(data.classes[k].sales)}</td>
                      <td>{formatPercent(data.totalSales > 0 ? data.classes[k].sales / data.totalSales : null, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="an-cust__block an-cust__grow">
              <h2>{t('analysisCustomers.tiers.title')}</h2>
              <EChart option={tierOption} label={t('analysisCustomers.tiers.title')} testId="customers-tiers" className="an-cust__small-chart" />
            </section>
          </div>

          <div className="an-cust__row">
            <CustomerList testId="customers-gained" title={t('analysisCustomers.gained.title', { n: data.gained.length })} none={t('analysisCustomers.gained.none')} list={data.gained} money={money} t={t} onPick={setDrill} />
            <CustomerList testId="customers-lost" title={t('analysisCustomers.lost.title', { n: data.lost.length })} note={t('analysisCustomers.lost.lastYear')} none={t('analysisCustomers.lost.none')} list={data.lost} money={money} t={t} onPick={setDrill} />
            <section className="an-cust__block an-cust__grow" data-testid="customers-blank" data-count={data.blankAreas.length}>
              <h2>{t('analysisCustomers.blank.title', { n: data.blankAreas.length, cities: data.cities })}</h2>
              <p className="an-note">{t('analysisCustomers.blank.hint')}</p>
              {data.blankAreas.length === 0 ? (
                <p className="an-note">{t('analysisCustomers.blank.none')}</p>
              ) : (
                <ul className="an-cust__list">
                  {data.blankAreas.map((b) => (
                    <li key={b.cityId} data-testid="customers-blank-city" data-city={b.cityId}>
                      <span>
                        {b.provinceName} · {b.cityName}
                      </span>
                      <span className="an-note">
                        {t('analysisCustomers.blank.customers')} {formatInteger(b.customers, language)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          <section className="an-cust__block">
            <h2>{t('analysisCustomers.table.title')}</h2>
            <p className="an-note">
              {data.statementPeriod !== null
                ? t('analysisCustomers.table.statementNote', { period: periodText(data.statementPeriod), months: data.monthsWithSales })
                : t('analysisCustomers.table.noStatement')}
            </p>
            <div className="an-cust__table-wrap">
              <table className="an-table" aria-label={t('analysisCustomers.table.label')} data-testid="customers-table">
                <thead>
                  <tr>
                    <th>{t('analysisCustomers.table.code')}</th>
                    <th className="an-cust__text">{t('analysisCustomers.table.name')}</th>
                    <th className="an-cust__text">{t('analysisCustomers.table.city')}</th>
                    <th className="an-cust__text">{t('analysisCustomers.table.tier')}</th>
                    <th>{t('analysisCustomers.table.abc')}</th>
                    <th>
                      {t('analysisCustomers.table.sales')} ({unitText})
                    </th>
                    <th>{t('analysisCustomers.pareto.cumulative')}</th>
                    <th>
                      {t('analysisCustomers.table.lastYear')} ({unitText})
                    </th>
                    <th>
                      {t('analysisCustomers.table.inventory')} ({unitText})
                    </th>
                    <th>{t('analysisCustomers.table.its')}</th>
                    <th>
                      {t('analysisCustomers.table.receivable')} ({unitText})
                    </th>
                    <th>
                      {t('analysisCustomers.table.creditLimit')} ({unitText})
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.customers.map((c) => (
                    <tr
                      key={c.id}
                      className={drill?.id === c.id ? 'is-selected' : undefined}
                      onClick={() => setDrill({ id: c.id, name: c.name })}
                      data-testid="customers-row"
                      data-id={c.id}
                      data-sales={c.sales}
                      data-abc={c.abc}
                      data-over={c.overLimit ? 'true' : 'false'}
                    >
                      <td>{c.code}</td>
                      <td className="an-cust__text">{c.name}</td>
                      <td className="an-cust__text">{c.cityName}</td>
                      <td className="an-cust__text">{t(`analysisCustomers.tiers.${c.tier}`)}</td>
                      <td>{c.abc}</td>
                      <td data-col="sales">{money(c.sales)}</td>
                      <td>{formatPercent(c.cumulativeShare, language)}</td>
                      <td>{money(c.lastYearSales)}</td>
                      <td>{c.inventoryCents === null ? '—' : money(c.inventoryCents)}</td>
                      <td data-col="its">{c.inventoryToSales === null ? '—' : ratioText(c.inventoryToSales, language)}</td>
                      <td className={c.overLimit ? 'an-neg' : undefined}>
                        {c.receivableCents === null ? '—' : money(c.receivableCents)}
                        {c.overLimit && <span className="an-cust__flag">{t('analysisCustomers.table.overLimit')}</span>}
                      </td>
                      <td>{money(c.creditLimitCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {drill && (
            <Drill key={`${data.year}-${drill.id}`} year={data.year} customer={drill} unit={unit} language={language} onClose={() => setDrill(null)} />
          )}
        </>
      )}
    </div>
  );
}

function CustomerList(props: {
  testId: string;
  title: string;
  note?: string;
  none: string;
  list: CustomerAnalysis['gained'];
  money: (c: number) => string;
  t: T;
  onPick: (c: { id: number; name: string }) => void;
}) {
  const { list, money, t } = props;
  return (
    <section className="an-cust__block an-cust__grow" data-testid={props.testId} data-count={list.length}>
      <h2>{props.title}</h2>
      {props.note && list.length > 0 && <p className="an-note">{props.note}</p>}
      {list.length === 0 ? (
        <p className="an-note">{props.none}</p>
      ) : (
        <ul className="an-cust__list">
          {list.map((c) => (
            <li key={c.id} onClick={() => props.onPick({ id: c.id, name: c.name })} data-id={c.id} className="is-clickable">
              <span>
                {c.code} {c.name} <span className="an-note">{t(`analysisCustomers.tiers.${c.tier}`)}</span>
              </span>
              <span>{money(c.sales)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface ChartEnv {
  t: T;
  unit: DisplayUnit;
  language: Language;
  unitText: string;
}

function buildPareto(rows: CustomerAnalysisRow[], data: CustomerAnalysis | null, env: ChartEnv): EChartsCoreOption {
  if (!data) return {};
  const { t, unit, language, unitText } = env;
  const labels = rows.map((r) => r.name);
  const lastOf = (k: AbcClass) => {
    let idx = -1;
    rows.forEach((r, i) => r.abc === k && (idx = i));
    return idx;
  };
  const cutLines: Record<string, unknown>[] = [];
  const lastA = lastOf('A');
  const lastB = lastOf('B');
  if (lastA >= 0 && lastA < rows.length - 1) cutLines.push({ xAxis: lastA + 0.5, label: { formatter: 'A | B' } });
  if (lastB >= 0 && lastB < rows.length - 1) cutLines.push({ xAxis: lastB + 0.5, label: { formatter: 'B | C' } });
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const r = rows[list[0]?.dataIndex ?? 0];
    if (!r) return '';
    const line = (name: string, value: string) =>
      `<div style="display:flex;justify-content:space-between;gap:16px"><span>${escapeHtml(name)}</span><b>${escapeHtml(value)}</b></div>`;
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(`${r.code} ${r.name}`)} · ${escapeHtml(r.abc)}</div>`,
      line(t('analysisCustomers.pareto.rank', { n: rows.indexOf(r) + 1 }), t(`analysisCustomers.tiers.${r.tier}`)),
      line(t('analysisCustomers.pareto.sales'), exactAmount(r.sales, unit, language)),
      line(t('analysisCustomers.pareto.share'), formatPercent(r.share, language, 2)),
      line(t('analysisCustomers.pareto.cumulative'), formatPercent(r.cumulativeShare, language, 2)),
    ].join('');
  };
  return {
    animationDuration: 300,
    textStyle: { color: CHART_TEXT },
    legend: { top: 6, data: [t('analysisCustomers.pareto.sales'), t('analysisCustomers.pareto.cumulative')] },
    grid: { left: 70, right: 60, top: 44, bottom: 80 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', formatter: tooltip },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 40, interval: rows.length > 30 ? 'auto' : 0, width: 90, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: unitText, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { formatter: (v: number) => formatAmount(v * 100, unit, language) } },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v}%` } },
    ],
    series: [
      {
        name: t('analysisCustomers.pareto.sales'),
        type: 'bar',
        barMaxWidth: 26,
        itemStyle: { color: OURS_COLOR },
        data: rows.map((r) => ({ value: r.sales / 100, id: r.id, name: r.name, itemStyle: { color: CLASS_COLOR[r.abc] } })),
        markLine: cutLines.length ? { symbol: 'none', silent: true, lineStyle: { color: '#7b8794', type: 'dashed' }, data: cutLines } : undefined,
      },
      {
        name: t('analysisCustomers.pareto.cumulative'),
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 5,
        itemStyle: { color: OTHER_COLORS[2] },
        data: rows.map((r) => ({ value: r.cumulativeShare === null ? null : Math.round(r.cumulativeShare * 10000) / 100, id: r.id, name: r.name })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#c0392b', type: 'dotted' },
          label: { position: 'insideStartTop', backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 4] },
          data: [
            { yAxis: 80, label: { formatter: t('analysisCustomers.pareto.cutA') } },
            { yAxis: 95, label: { formatter: t('analysisCustomers.pareto.cutB') } },
          ],
        },
      },
    ],
  };
}

function buildTiers(data: CustomerAnalysis | null, env: ChartEnv): EChartsCoreOption {
  if (!data) return {};
  const { t, unit, language, unitText } = env;
  const tiers = data.tiers;
  const names = tiers.map((x) => t(`analysisCustomers.tiers.${x.tier}`));
  return {
    animationDuration: 300,
    textStyle: { color: CHART_TEXT },
    grid: { left: 110, right: 90, top: 10, bottom: 24 },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'item',
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }).dataIndex;
        const x = tiers[i];
        if (!x) return '';
        return `<b>${escapeHtml(names[i])}</b><br/>${escapeHtml(exactAmount(x.sales, unit, language))}<br/>${escapeHtml(formatPercent(data.totalSales > 0 ? x.sales / data.totalSales : null, language, 2))} · ${escapeHtml(t('analysisCustomers.classes.count'))} ${x.count}`;
      },
    },
    xAxis: { type: 'value', name: unitText, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { formatter: (v: number) => formatAmount(v * 100, unit, language) } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: OURS_COLOR },
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatPercent(data.totalSales > 0 ? tiers[p.dataIndex].sales / data.totalSales : null, language) },
        data: tiers.map((x) => x.sales / 100),
      },
    ],
  };
}

function Drill(props: { year: number; customer: { id: number; name: string }; unit: DisplayUnit; language: Language; onClose: () => void }) {
  const { t: tt } = useTranslation();
  const t = tt as unknown as T;
  const { year, customer, unit, language } = props;
  const [detail, setDetail] = useState<CustomerSalesDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [customer.id]);
  useEffect(() => {
    let live = true;
    api
      .call('analysis.customerRows', { year, customerId: customer.id, limit: 2000 })
      .then((d) => live && setDetail(d))
      .catch((e: unknown) => live && setError(errorText(toErrorData(e))));
    return () => {
      live = false;
    };
  }, [year, customer.id]);
  const unitText = unitLabel(unit, language);
  const columns = useMemo<GridColumn<DetailRow>[]>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    return [
      { field: 'period', header: t('analysisCustomers.drill.period'), kind: 'text', width: 90, editable: false, pinned: true, format: (v) => (typeof v === 'number' ? periodText(v) : '') },
      { field: 'skuCode', header: t('analysisCustomers.drill.skuCode'), kind: 'text', width: 110, editable: false },
      { field: 'skuName', header: t('analysisCustomers.drill.skuName'), kind: 'text', width: 200, editable: false },
      { field: 'amountCents', header: t('analysisCustomers.drill.amount', { unit: unitText }), kind: 'money', width: 130, editable: false, format: money, text: exact },
      { field: 'volume', header: t('analysisCustomers.drill.volume'), kind: 'number', width: 90, editable: false, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
      { field: 'grossProfitCents', header: t('analysisCustomers.drill.grossProfit', { unit: unitText }), kind: 'money', width: 130, editable: false, format: money, text: exact },
    ];
  }, [t, unit, language, unitText]);
  const rows = useMemo<DetailRow[]>(() => (detail ? detail.rows.map((r, i) => ({ ...r, id: i })) : []), [detail]);
  return (
    <section ref={box} className="an-drill" data-testid="customers-drill" data-customer={customer.id} data-total={detail?.total ?? ''} data-cents={detail?.totalCents ?? ''}>
      <div className="an-drill__head">
        <h2>{t('analysisCustomers.drill.title', { name: customer.name, year })}</h2>
        {detail && (
          <span className="an-note">
            {t('analysisCustomers.drill.count', {
              total: formatInteger(detail.total, language),
              shown: formatInteger(detail.rows.length, language),
              amount: exactAmount(detail.totalCents, unit, language),
            })}
          </span>
        )}
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={props.onClose} data-testid="customers-drill-close">
          {t('analysisCustomers.drill.close')}
        </button>
      </div>
      {error && <p className="an-note an-neg">{error}</p>}
      <div className="an-drill__grid">
        {detail && <DataGrid<DetailRow> gridId="analysis-customers-drill" columns={columns} rows={rows} onApply={noApply} appendRows={false} filterBox={false} testId="customers-drill-grid" />}
      </div>
    </section>
  );
}
