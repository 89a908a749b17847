import { useCallback, useMemo, useRef, useState } from 'react';
import { MarkLineComponent } from 'echarts/components';
import { use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import {
  CUSTOMER_TIERS, type CityCoverage, type CustomerAnalysis, type CustomerAnalysisRow, type CustomerFilter,
  type CustomerSalesDetail,
} from '../../../../../shared/endpoints/analysisCustomers';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { ABC_CLASSES, type AbcClass } from '../../../../../shared/pareto';
import { formatAmount, formatInteger, formatPercent, formatPeriod, type DisplayUnit, type Language } from '../../../../../shared/units';
import { useQuery } from '../../../api/queries';
import { useSave } from '../../../app/useSave';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import type { GridColumn, GridRow } from '../../../grid';
import { errorText } from '../../../i18n';
import { DrillPanel, EmptyView, FilterSelect, exactAmount, memberOptions, ratioText, tooltipLine, useT, useUnit, yearOptions, type T } from '../kit';
import { BlankMap, provinceBlanks, reasonText } from './BlankMap';
import './customers.css';

// 渠道客戶分析: the review year's customers as an 80/20 Pareto (bars by class, the
// cumulative share line, the 80% / 95% cut-offs), the A/B/C classes, the tier mix,
// customers gained and lost, inventory-to-sales and receivables against credit limit
// per customer, and the blank areas as a list and a map; filtered by province/city,
// channel and tier (the A/B/C cut is over the filtered customers). A click on a bar or
// a row drills into the customer's sales rows (month × SKU); a click on a province of
// the map (or its row) lists its cities with their coverage.

// The Pareto needs mark lines (the cut-offs); EChart.tsx registers bars and lines only.
registerModules([MarkLineComponent]);

const TABLE_PAGE = 100;
const CHART_TOP = 60;
const CLASS_COLOR: Record<AbcClass, string> = { A: OURS_COLOR, B: OTHER_COLORS[0], C: OTHER_COLORS[1] };
type DetailRow = GridRow & CustomerSalesDetail['rows'][number];
type CityRow = GridRow & CityCoverage & { reasonText: string };

export function CustomersView() {
  const t = useT();
  const { unit, language, unitText } = useUnit();

  const [year, setYear] = useState<number | undefined>(undefined);
  const [filter, setFilter] = useState<CustomerFilter>({});
  /** The coverage target being typed (percent), until it is committed to the region file. */
  const [targetDraft, setTargetDraft] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ id: number; name: string } | null>(null);
  const [provinceDrill, setProvinceDrill] = useState<number | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  const input = useMemo(() => ({ ...(year !== undefined ? { year } : {}), ...filter }), [year, filter]);
  const { data, error } = useQuery('analysis.customers', input);
  const save = useSave();
  const targetText = targetDraft ?? (data ? String(Math.round(data.coverageTarget * 1000) / 10) : '');
  // The region's target: committed on Enter or when the field is left, one undo step.
  const commitTarget = () => {
    if (targetDraft === null || !data) return;
    const v = Number(targetDraft);
    setTargetDraft(null);
    if (targetDraft.trim() === '' || !Number.isFinite(v)) return;
    const target = Math.min(100, Math.max(0, v)) / 100;
    if (target !== data.coverageTarget) void save('analysis.setCoverageTarget', { target });
  };
  // The table shows the first TABLE_PAGE customers until asked for all (a region has
  // thousands; drawing them all would hold the view up).
  const [showAll, setShowAll] = useState<CustomerAnalysis | null>(null);
  const tableRows = useMemo(() => (data ? (showAll === data ? data.customers : data.customers.slice(0, TABLE_PAGE)) : []), [data, showAll]);
  const { data: map } = useQuery('analysis.regionMap', {});

  const money = useCallback((cents: number) => formatAmount(cents, unit, language), [unit, language]);
  const selling = useMemo(() => (data?.customers ?? []).filter((c) => c.sales > 0), [data]);
  const chartRows = useMemo(() => selling.slice(0, CHART_TOP), [selling]);
  const paretoOption = useMemo(() => buildPareto(chartRows, data, { t, unit, language, unitText }), [chartRows, data, t, unit, language, unitText]);
  const tierOption = useMemo(() => buildTiers(data, { t, unit, language, unitText }), [data, t, unit, language, unitText]);
  const provinces = useMemo(() => (data ? provinceBlanks(data) : []), [data]);

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
    void saveChartPng(instance, `${t('analysisCustomers.tab')}-${data?.year ?? ''}.png`, t('analysisCustomers.pareto.chartLabel', { year: data?.year ?? '' }));
  };

  const setOne = (field: keyof CustomerFilter, value: string) => {
    setFilter((f) => {
      const next: CustomerFilter = { ...f };
      if (value === '') delete next[field];
      else if (field === 'tier') next.tier = value as CustomerFilter['tier'];
      else next[field] = Number(value);
      // A city belongs to one province: changing the province drops a city of another.
      if (field === 'provinceId' && next.cityId !== undefined && data) {
        const city = data.options.cities.find((c) => c.id === next.cityId);
        if (next.provinceId !== undefined && city?.provinceId !== next.provinceId) delete next.cityId;
      }
      if (field === 'cityId' && next.cityId !== undefined && data) {
        const city = data.options.cities.find((c) => c.id === next.cityId);
        if (city) next.provinceId = city.provinceId;
      }
      return next;
    });
    setDrill(null);
    setProvinceDrill(null);
  };

  const noActuals = data !== null && data.years.length === 0;
  const noMatch = data !== null && !noActuals && data.customers.length === 0;
  const years = data ? [...new Set([...data.years, data.year])].sort() : [];
  const cityOptions = data ? data.options.cities.filter((c) => filter.provinceId === undefined || c.provinceId === filter.provinceId) : [];
  const filtered = Object.keys(filter).length > 0;
  const pickedProvince = provinceDrill !== null ? provinces.find((p) => p.provinceId === provinceDrill) : undefined;

  return (
    <div className="an-cust" data-testid="analysis-customers" data-year={data?.year ?? ''} data-target={data?.coverageTarget ?? ''}>
      <div className="an-filters">
        <FilterSelect
          label={t('analysisCustomers.year')}
          value={data?.year ?? ''}
          options={yearOptions(years)}
          onChange={(v) => {
            setYear(Number(v));
            setDrill(null);
          }}
          testId="customers-year"
        />
        {(
          [
            ['provinceId', 'province', memberOptions(data?.options.provinces, { level: 'province', language })],
            ['cityId', 'city', memberOptions(cityOptions, { level: 'city', language })],
            ['channelId', 'channel', memberOptions(data?.options.channels)],
            ['tier', 'tier', CUSTOMER_TIERS.map((k) => ({ value: k, label: t(`analysisCustomers.tiers.${k}`) }))],
          ] as const
        ).map(([field, name, options]) => (
          <FilterSelect<string | number>
            key={field}
            label={t(`analysisCustomers.filters.${name}`)}
            value={filter[field] ?? ''}
            options={options}
            all={t('analysisCustomers.filters.all')}
            onChange={(v) => setOne(field, v)}
            testId={`customers-filter-${name}`}
          />
        ))}
        <label title={t('analysisCustomers.filters.targetSaved')}>
          {t('analysisCustomers.filters.target')}
          <span className="an-cust__target-box">
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={targetText}
              onChange={(e) => setTargetDraft(e.target.value)}
              onBlur={commitTarget}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commitTarget();
                if (e.key === 'Escape') setTargetDraft(null);
              }}
              className="an-cust__target"
              data-testid="customers-coverage-target"
            />
            {t('analysisCustomers.filters.targetUnit')}
          </span>
        </label>
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!data || selling.length === 0} data-testid="customers-save-png">
          {t('analysisCustomers.savePng')}
        </button>
      </div>

      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {!data && !error && <p className="an-note">{t('analysisCustomers.loading')}</p>}
      {noActuals && (
        <EmptyView title={t('analysisCustomers.emptyTitle')} testId="customers-empty">
          {t('analysisCustomers.empty')}
        </EmptyView>
      )}
      {data && !noActuals && (
        <>
          <section className="an-cust__block">
            <h2>{t('analysisCustomers.pareto.title')}</h2>
            {noMatch ? (
              <p className="an-note" data-testid="customers-no-match">
                {t('analysisCustomers.filters.noMatch')}
              </p>
            ) : (
              <EChart
                option={paretoOption}
                label={t('analysisCustomers.pareto.chartLabel', { year: data.year })}
                testId="customers-pareto"
                className="an-chart"
                onReady={onReady}
              />
            )}
            <p className="an-note" data-testid="customers-scope" data-total={data.totalSales}>
              {t('analysisCustomers.pareto.hint')} {chartRows.length < selling.length ? t('analysisCustomers.pareto.topNote', { n: CHART_TOP }) : ''}{' '}
              {filtered ? t('analysisCustomers.filters.scope', { n: formatInteger(selling.length, language) }) : ''}
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
                      <td title={exactAmount(data.classes[k].sales, unit, language)}>{money(data.classes[k].sales)}</td>
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
          </div>

          <div className="an-cust__row">
            <section className="an-cust__block an-cust__map-block">
              <BlankMap map={map} data={data} provinces={provinces} t={t} language={language} onPick={setProvinceDrill} />
              <table className="an-table" data-testid="customers-provinces">
                <thead>
                  <tr>
                    <th className="an-cust__text">{t('analysisCustomers.blank.province')}</th>
                    <th>{t('analysisCustomers.blank.cityCount')}</th>
                    <th>{t('analysisCustomers.blank.blankCount')}</th>
                    <th>{t('analysisCustomers.blank.blankShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {provinces.map((p) => (
                    <tr
                      key={p.provinceId}
                      className={`is-clickable${provinceDrill === p.provinceId ? ' is-selected' : ''}`}
                      onClick={() => setProvinceDrill(p.provinceId)}
                      onKeyDown={(e) => e.key === 'Enter' && setProvinceDrill(p.provinceId)}
                      tabIndex={0}
                      data-testid="customers-province-row"
                      data-province={p.provinceId}
                      data-blank={p.blank.length}
                      data-cities={p.cities.length}
                    >
                      <td className="an-cust__text">{p.name}</td>
                      <td>{formatInteger(p.cities.length, language)}</td>
                      <td>{formatInteger(p.blank.length, language)}</td>
                      <td>{formatPercent(p.cities.length ? p.blank.length / p.cities.length : null, language, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="an-cust__block an-cust__blank" data-testid="customers-blank" data-count={data.blankAreas.length}>
              <h2>{t('analysisCustomers.blank.title', { n: data.blankAreas.length, cities: data.cities })}</h2>
              <p className="an-note">
                {t('analysisCustomers.blank.hint', {
                  target: formatPercent(data.coverageTarget, language, 0),
                  channel: data.filter.channelId !== undefined ? t('analysisCustomers.blank.channelNote') : '',
                })}
              </p>
              {data.blankAreas.length === 0 ? (
                <p className="an-note">{t('analysisCustomers.blank.none')}</p>
              ) : (
                <div className="an-cust__table-wrap an-cust__blank-wrap">
                  <table className="an-table">
                    <thead>
                      <tr>
                        <th className="an-cust__text">{t('analysisCustomers.blank.city')}</th>
                        <th>{t('analysisCustomers.blank.distributors')}</th>
                        <th>{t('analysisCustomers.blank.coverage')}</th>
                        <th className="an-cust__text">{t('analysisCustomers.blank.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.blankAreas.map((b) => (
                        <tr
                          key={b.cityId}
                          className="is-clickable"
                          onClick={() => setProvinceDrill(b.provinceId)}
                          onKeyDown={(e) => e.key === 'Enter' && setProvinceDrill(b.provinceId)}
                          tabIndex={0}
                          data-testid="customers-blank-city"
                          data-city={b.cityId}
                          data-reason={b.reason}
                          data-coverage={b.coverage ?? ''}
                        >
                          <td className="an-cust__text">
                            {geoDisplayName(b.cityName, 'city', language)} <span className="an-note">{geoDisplayName(b.provinceName, 'province', language)}</span>
                          </td>
                          <td>{formatInteger(b.activeDistributors, language)}</td>
                          <td title={`${formatInteger(b.coveredTerminals, language)} / ${formatInteger(b.terminals, language)}`}>
                            {b.coverage === null ? t('analysisCustomers.blank.noTerminals') : formatPercent(b.coverage, language, 1)}
                          </td>
                          <td className={`an-cust__text${b.reason === 'noDistributor' ? ' an-neg' : ''}`}>{reasonText(b, data.coverageTarget, t, language)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>

          {pickedProvince && (
            <ProvinceDrill key={pickedProvince.provinceId} province={pickedProvince} target={data.coverageTarget} language={language} t={t} onClose={() => setProvinceDrill(null)} />
          )}

          {!noMatch && (
            <section className="an-cust__block">
              <h2>{t('analysisCustomers.table.title')}</h2>
              <p className="an-note">
                {data.statementPeriod !== null
                  ? t('analysisCustomers.table.statementNote', { period: formatPeriod(data.statementPeriod), months: data.monthsWithSales })
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
                    {tableRows.map((c) => (
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
                        <td className="an-cust__text">{geoDisplayName(c.cityName, 'city', language)}</td>
                        <td className="an-cust__text">{t(`analysisCustomers.tiers.${c.tier}`)}</td>
                        <td>{c.abc}</td>
                        <td data-col="sales" title={exactAmount(c.sales, unit, language)}>
                          {money(c.sales)}
                        </td>
                        <td>{formatPercent(c.cumulativeShare, language)}</td>
                        <td>{money(c.lastYearSales)}</td>
                        <td>{c.inventoryCents === null ? '—' : money(c.inventoryCents)}</td>
                        <td data-col="its">{ratioText(c.inventoryToSales, language)}</td>
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
              {tableRows.length < data.customers.length && (
                <button type="button" className="btn btn--small an-cust__more" onClick={() => setShowAll(data)} data-testid="customers-show-all">
                  {t('analysisCustomers.table.showAll', { shown: formatInteger(tableRows.length, language), n: formatInteger(data.customers.length, language) })}
                </button>
              )}
            </section>
          )}

          {drill && <CustomerDrill key={`${data.year}-${drill.id}`} year={data.year} customer={drill} unit={unit} language={language} unitText={unitText} t={t} onClose={() => setDrill(null)} />}
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
    const line = tooltipLine;
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(`${r.code} ${r.name}`)} · ${escapeHtml(r.abc)}</div>`,
      line(t('analysisCustomers.pareto.rank', { n: rows.indexOf(r) + 1 }), t(`analysisCustomers.tiers.${r.tier}`)),
      line(t('analysisCustomers.pareto.sales'), exactAmount(r.sales, unit, language)),
      line(t('analysisCustomers.pareto.share'), formatPercent(r.share, language, 2)),
      line(t('analysisCustomers.pareto.cumulative'), formatPercent(r.cumulativeShare, language, 2)),
    ].join('');
  };
  return {
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

function CustomerDrill(props: { year: number; customer: { id: number; name: string }; unit: DisplayUnit; language: Language; unitText: string; t: T; onClose: () => void }) {
  const { year, customer, unit, language, unitText, t } = props;
  const { data: answer, error } = useQuery('analysis.customerRows', { year, customerId: customer.id, limit: 2000 });
  const detail = answer && answer.customer.id === customer.id ? answer : null;
  const columns = useMemo<GridColumn<DetailRow>[]>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    return [
      { field: 'period', header: t('analysisCustomers.drill.period'), kind: 'text', width: 90, editable: false, pinned: true, format: (v) => (typeof v === 'number' ? formatPeriod(v) : '') },
      { field: 'skuCode', header: t('analysisCustomers.drill.skuCode'), kind: 'text', width: 110, editable: false },
      { field: 'skuName', header: t('analysisCustomers.drill.skuName'), kind: 'text', width: 200, editable: false },
      { field: 'amountCents', header: t('analysisCustomers.drill.amount', { unit: unitText }), kind: 'money', width: 130, editable: false, format: money, text: exact },
      { field: 'volume', header: t('analysisCustomers.drill.volume'), kind: 'number', width: 90, editable: false, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
      {
        field: 'grossProfitCents',
        header: t('analysisCustomers.drill.grossProfit', { unit: unitText }),
        kind: 'money',
        width: 130,
        editable: false,
        format: (v) => (typeof v === 'number' ? money(v) : t('actuals.costMissing')),
        text: exact,
      },
    ];
  }, [t, unit, language, unitText]);
  const rows = useMemo<DetailRow[] | null>(() => (detail ? detail.rows.map((r, i) => ({ ...r, id: i })) : null), [detail]);
  return (
    <DrillPanel<DetailRow>
      title={t('analysisCustomers.drill.title', { name: customer.name, year })}
      summary={
        detail
          ? t('analysisCustomers.drill.count', {
              total: formatInteger(detail.total, language),
              shown: formatInteger(detail.rows.length, language),
              amount: exactAmount(detail.totalCents, unit, language),
            })
          : undefined
      }
      columns={columns}
      rows={rows}
      error={error}
      gridId="analysis-customers-drill"
      testId="customers-drill"
      onClose={props.onClose}
      data={{ customer: customer.id, total: detail?.total ?? '', cents: detail?.totalCents ?? '' }}
    />
  );
}

/** The cities of one province (a click on the map or a province row): distributors, coverage, blank or not. */
function ProvinceDrill(props: { province: ReturnType<typeof provinceBlanks>[number]; target: number; language: Language; t: T; onClose: () => void }) {
  const { province, target, language, t } = props;
  const columns = useMemo<GridColumn<CityRow>[]>(() => {
    const int = (v: unknown) => (typeof v === 'number' ? formatInteger(v, language) : '');
    return [
      { field: 'cityName', header: t('analysisCustomers.blank.city'), kind: 'text', width: 120, editable: false, pinned: true,
        format: (v) => geoDisplayName(String(v ?? ''), 'city', language) },
      { field: 'activeDistributors', header: t('analysisCustomers.blank.distributors'), kind: 'number', width: 90, editable: false, format: int },
      { field: 'customers', header: t('analysisCustomers.blank.customers'), kind: 'number', width: 90, editable: false, format: int },
      { field: 'terminals', header: t('analysisCustomers.blank.terminals'), kind: 'number', width: 90, editable: false, format: int },
      { field: 'coveredTerminals', header: t('analysisCustomers.blank.covered'), kind: 'number', width: 110, editable: false, format: int },
      { field: 'coverage', header: t('analysisCustomers.blank.coverage'), kind: 'number', width: 90, editable: false, format: (v) => (typeof v === 'number' ? formatPercent(v, language, 1) : '—') },
      { field: 'reasonText', header: t('analysisCustomers.blank.reason'), kind: 'text', width: 240, editable: false },
    ];
  }, [t, language]);
  const rows = useMemo<CityRow[]>(
    () => province.cities.map((c) => ({ ...c, id: c.cityId, reasonText: reasonText(c, target, t, language) })),
    [province, target, t, language],
  );
  return (
    <DrillPanel<CityRow>
      title={t('analysisCustomers.blank.drillTitle', { province: province.name, n: province.blank.length })}
      summary={t('analysisCustomers.blank.drillCount', { cities: formatInteger(province.cities.length, language) })}
      columns={columns}
      rows={rows}
      gridId="analysis-customers-province"
      testId="customers-province-drill"
      onClose={props.onClose}
      data={{ province: province.provinceId, blank: province.blank.length }}
    />
  );
}
