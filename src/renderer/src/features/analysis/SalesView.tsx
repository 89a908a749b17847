import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import {
  SALES_DIMENSIONS, type SalesAnalysis, type SalesDetail, type SalesDimension, type SalesFilter, type SalesRow,
} from '../../../../shared/endpoints/analysis';
import { geoDisplayName } from '../../../../shared/geoNames';
import { formatAmount, formatInteger, formatPercent, formatPeriod, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { EChart, saveChartPng } from '../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../components/chart/chartStyle';
import { DataGrid, type GridColumn, type GridRow } from '../../grid';
import { errorText } from '../../i18n';
import { FilterSelect, exactAmount, memberOptions, withId, yearOptions } from './kit';
import { MarketShare } from './MarketShare';
import type { VarianceNote } from '../../../../shared/endpoints/planVariance';
import { NoteDialog, type NoteDraft } from '../plan/variance/NoteDialog';
import { notesBySlice, salesRowNotes, salesRowPeriod, salesRowSlice } from '../plan/variance/markers';
import { periodText, useCauseName } from '../plan/variance/varianceText';
import { todayIso } from '../targets/dialogs/format';

// 銷售分析: the year's actuals by month or by a dimension, against last year and the
// plan's target; a chart (bars + a ratio line, or lines by month), the same figures
// in a table, a click drills into the sales_actual rows behind a group.

const CHART_TOP = 20;
/** The variance notes' marker colour (the target grid's corner is the same). */
const NOTE_COLOR = '#e8590c';
const noApply = async (): Promise<void> => undefined;

type DetailRow = GridRow & SalesDetail['rows'][number];

function rowLabel(r: SalesRow, by: SalesDimension, t: (k: string, o?: Record<string, unknown>) => string, language: Language): string {
  if (by === 'month') return t('analysis.sales.month', { m: r.key });
  if (!r.label) return t('analysis.sales.unassigned');
  return by === 'province' || by === 'city' ? geoDisplayName(r.label, by, language) : r.label;
}

export function SalesView() {
  const { t: tt } = useTranslation();
  const t = tt as unknown as (k: string, o?: Record<string, unknown>) => string;
  const app = useApp();
  const { language } = app;
  const unit: DisplayUnit = app.summary?.displayUnit ?? 'wan';

  const [year, setYear] = useState<number | undefined>(undefined);
  const [by, setBy] = useState<SalesDimension>('city');
  const [filter, setFilter] = useState<SalesFilter>({});
  /** The months compared; undefined: the core's default (the year up to its last month with actuals). */
  const [months, setMonths] = useState<[number, number] | undefined>(undefined);
  const [drill, setDrill] = useState<{ key: number; label: string } | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  const { data, error } = useQuery('analysis.sales', { ...(year !== undefined ? { year } : {}), by, filter, ...(months ? { months } : {}) });
  // The working plan's variance notes, read once for the view and marked on its groups.
  const [today] = useState(todayIso);
  const variance = useQuery('plan.variance.notes', { today }).data;
  const noteIndex = useMemo(() => notesBySlice(variance?.notes ?? []), [variance]);
  const causeName = useCauseName();
  const [noteDraft, setNoteDraft] = useState<{ draft: NoteDraft; label: string } | null>(null);
  const notesOf = useCallback(
    (r: SalesRow): VarianceNote[] => (data ? salesRowNotes(noteIndex, by, r.key, filter, data.year, data.months) : []),
    [data, noteIndex, by, filter],
  );
  const noteLines = useCallback(
    (r: SalesRow) =>
      notesOf(r).map((n) => {
        const cause = variance?.causes.find((c) => c.id === n.causeId);
        return `${periodText(t, n.period)} · ${causeName(cause)}${n.body ? `：${n.body}` : ''}`;
      }),
    [notesOf, variance, causeName, t],
  );

  const money = useCallback((cents: number) => formatAmount(cents, unit, language), [unit, language]);
  const unitText = unitLabel(unit, language);
  // Gross profit over the sales whose cost is known; none known: the cost is missing, not 0.
  const gpText = (r: SalesRow) => (r.salesNoGp > 0 && r.actual === r.salesNoGp ? t('actuals.costMissing') : money(r.grossProfit));
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const chartRows = useMemo(() => (by === 'month' || rows.length <= CHART_TOP ? rows : [...rows].sort((a, b) => b.actual - a.actual).slice(0, CHART_TOP)), [rows, by]);
  const hasTarget = data?.total.target !== null && data !== null;

  const option = useMemo<EChartsCoreOption>(
    () => buildOption(chartRows, data, by, hasTarget, { t, unit, language, unitText, noteLines }),
    [chartRows, data, by, hasTarget, t, unit, language, unitText, noteLines],
  );

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const params = p as { dataIndex?: number; data?: { key?: number; label?: string } };
      const d = params.data;
      if (d && typeof d.key === 'number') setDrill({ key: d.key, label: d.label ?? '' });
    });
  }, []);

  const savePng = () => {
    const instance = chartRef.current;
    if (!instance) return;
    const dim = t(`analysis.sales.dim.${by}`);
    void saveChartPng(instance, `${t('analysis.view.sales')}-${data?.year ?? ''}-${dim}.png`, `${t('analysis.sales.chartLabel', { year: data?.year ?? '' })} · ${dim}`);
  };

  const empty = data !== null && data.years.length === 0;
  const shownYear = data?.year;
  const monthChoices = useMemo(() => Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('analysis.sales.month', { m: i + 1 }) })), [t]);
  // The months asked for, else the core's default: a second choice made before the
  // first one's answer has arrived builds on the first, not on the answer on screen.
  const shownMonths: readonly [number, number] | undefined = months ?? data?.months;
  const partYear = data !== null && (data.months[0] > 1 || data.months[1] < 12);
  const monthsNote = !data || !partYear
    ? null
    : months === undefined
      ? t('analysis.sales.ytdNote', { year: data.year, m: data.months[1] })
      : t('analysis.sales.monthsNote', { from: data.months[0], to: data.months[1] });

  return (
    <div className="an-sales" data-testid="analysis-sales" data-year={shownYear} data-by={by}>
      <div className="an-filters">
        <FilterSelect
          label={t('analysis.sales.year')}
          value={shownYear ?? ''}
          options={yearOptions([...new Set([...(data?.years ?? []), ...(shownYear !== undefined ? [shownYear] : []), ...(data ? [data.planYear] : [])])].sort((a, b) => a - b))}
          onChange={(v) => {
            setYear(Number(v));
            setMonths(undefined);
            setDrill(null);
          }}
          testId="analysis-year"
        />
        <FilterSelect
          label={t('analysis.sales.from')}
          value={shownMonths?.[0] ?? ''}
          options={monthChoices}
          onChange={(v) => {
            const from = Number(v);
            setMonths([from, Math.max(from, shownMonths?.[1] ?? 12)]);
            setDrill(null);
          }}
          testId="analysis-from"
        />
        <FilterSelect
          label={t('analysis.sales.to')}
          value={shownMonths?.[1] ?? ''}
          options={monthChoices}
          onChange={(v) => {
            const to = Number(v);
            setMonths([Math.min(to, shownMonths?.[0] ?? 1), to]);
            setDrill(null);
          }}
          testId="analysis-to"
        />
        <FilterSelect
          label={t('analysis.sales.by')}
          value={by}
          options={SALES_DIMENSIONS.map((d) => ({ value: d, label: t(`analysis.sales.dim.${d}`) }))}
          onChange={(v) => {
            setBy(v as SalesDimension);
            setDrill(null);
          }}
          testId="analysis-by"
        />
        {(['city', 'channel', 'brand'] as const).map((dim) => {
          const field = `${dim}Id` as 'cityId' | 'channelId' | 'brandId';
          return (
            <FilterSelect
              key={dim}
              label={t(`analysis.sales.${dim}`)}
              value={filter[field] ?? ''}
              options={memberOptions(data?.options[dim === 'city' ? 'cities' : dim === 'channel' ? 'channels' : 'brands'], dim === 'city' ? { level: 'city', language } : undefined)}
              all={t('analysis.sales.all')}
              onChange={(v) => {
                setFilter((f) => withId(f, field, v));
                setDrill(null);
              }}
              testId={`analysis-filter-${dim}`}
            />
          );
        })}
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!data || empty} data-testid="analysis-save-png">
          {t('analysis.sales.savePng')}
        </button>
      </div>

      {monthsNote && (
        <p className="an-note" data-testid="analysis-months-note">
          {monthsNote}
        </p>
      )}
      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {!data && !error && <p className="an-note">{t('analysis.sales.loading')}</p>}
      {empty && (
        <div className="an-empty" data-testid="analysis-empty">
          <h2>{t('analysis.sales.emptyTitle')}</h2>
          <p>{t('analysis.sales.empty')}</p>
        </div>
      )}
      {data && !empty && (
        <>
          <EChart
            option={option}
            label={t('analysis.sales.chartLabel', { year: data.year })}
            testId="analysis-chart"
            className="an-chart"
            onReady={onReady}
          />
          <p className="an-note">
            {t('analysis.sales.clickHint')} {chartRows.length < rows.length ? t('analysis.sales.topNote', { n: CHART_TOP }) : ''}
          </p>
          <table className="an-table" aria-label={t('analysis.sales.tableLabel')} data-testid="analysis-table">
            <thead>
              <tr>
                <th>{t(`analysis.sales.dim.${by}`)}</th>
                <th>{t('analysis.sales.actual', { year: data.year })} ({unitText})</th>
                <th>{t('analysis.sales.lastYear', { year: data.year - 1 })} ({unitText})</th>
                <th>{t('analysis.sales.yoy')}</th>
                {by === 'month' && <th>{t('analysis.sales.mom')}</th>}
                {hasTarget && <th>{t('analysis.sales.target')} ({unitText})</th>}
                {hasTarget && <th>{t('analysis.sales.achievement')}</th>}
                <th>{t('analysis.sales.grossProfit')} ({unitText})</th>
                <th>{t('analysis.sales.grossMargin')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.key}
                  className={drill?.key === r.key ? 'is-selected' : undefined}
                  onClick={() => setDrill({ key: r.key, label: rowLabel(r, by, t, language) })}
                  data-testid="analysis-row"
                  data-key={r.key}
                  data-label={rowLabel(r, by, t, language)}
                  data-actual={r.actual}
                  data-achievement={r.achievement ?? ''}
                >
                  <td>
                    {rowLabel(r, by, t, language)}
                    {notesOf(r).length > 0 && (
                      <span className="vn-dot" title={noteLines(r).join('\n')} aria-label={t('planVariance.markerCount', { count: notesOf(r).length })} data-testid="variance-marker">
                        {notesOf(r).length}
                      </span>
                    )}
                  </td>
                  <td data-col="actual">{money(r.actual)}</td>
                  <td data-col="lastYear">{money(r.lastYear)}</td>
                  <td className={r.yoy !== null && r.yoy < 0 ? 'an-neg' : undefined}>{formatPercent(r.yoy, language)}</td>
                  {by === 'month' && <td className={r.mom !== null && r.mom < 0 ? 'an-neg' : undefined}>{formatPercent(r.mom, language)}</td>}
                  {hasTarget && <td>{r.target === null ? '' : money(r.target)}</td>}
                  {hasTarget && <td data-col="achievement">{formatPercent(r.achievement, language)}</td>}
                  <td data-col="grossProfit">{gpText(r)}</td>
                  <td data-col="grossMargin">{formatPercent(r.grossMargin, language)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="analysis-total">
                <td>{t('analysis.sales.total')}</td>
                <td>{money(data.total.actual)}</td>
                <td>{money(data.total.lastYear)}</td>
                <td>{formatPercent(data.total.yoy, language)}</td>
                {by === 'month' && <td />}
                {hasTarget && <td>{data.total.target === null ? '' : money(data.total.target)}</td>}
                {hasTarget && <td>{formatPercent(data.total.achievement, language)}</td>}
                <td data-col="grossProfit">{gpText(data.total)}</td>
                <td data-col="grossMargin">{formatPercent(data.total.grossMargin, language)}</td>
              </tr>
            </tfoot>
          </table>
          {data.total.salesNoGp > 0 && (
            <p className="an-note" data-testid="analysis-no-gp">
              {t('analysis.sales.noGpNote', { amount: money(data.total.salesNoGp), unit: unitText })}
            </p>
          )}
          {drill && (
            <Drill
              key={`${data.year}-${by}-${drill.key}-${JSON.stringify(filter)}-${data.months.join('-')}`}
              year={data.year}
              by={by}
              slice={drill}
              filter={filter}
              months={data.months}
              unit={unit}
              language={language}
              onClose={() => setDrill(null)}
              onRecord={
                variance && !variance.frozen && salesRowSlice(by, drill.key, filter)
                  ? () => {
                      const slice = salesRowSlice(by, drill.key, filter) ?? [];
                      const filterNames = [
                        filter.cityId !== undefined && by !== 'city' ? memberOptions(data.options.cities, { level: 'city', language }).find((o) => o.value === filter.cityId)?.label : undefined,
                        filter.channelId !== undefined && by !== 'channel' ? data.options.channels.find((o) => o.id === filter.channelId)?.name : undefined,
                        filter.brandId !== undefined && by !== 'brand' ? data.options.brands.find((o) => o.id === filter.brandId)?.name : undefined,
                      ].filter((x): x is string => !!x);
                      const label = by === 'month' ? filterNames.join(' · ') || t('planVariance.region') : [...filterNames, drill.label].join(' · ');
                      setNoteDraft({
                        draft: { period: salesRowPeriod(by, drill.key, data.year, data.months), slice, causeId: null, body: '', author: '' },
                        label,
                      });
                    }
                  : undefined
              }
            />
          )}
          {noteDraft && variance && (
            <NoteDialog draft={noteDraft.draft} sliceLabel={noteDraft.label} causes={variance.causes} years={variance.years} onClose={() => setNoteDraft(null)} />
          )}
        </>
      )}
      {data && <MarketShare year={data.year} months={data.months} />}
    </div>
  );
}

interface ChartEnv {
  t: (k: string, o?: Record<string, unknown>) => string;
  unit: DisplayUnit;
  language: Language;
  unitText: string;
  /** The variance notes on a group, as lines of text (none: no marker). */
  noteLines: (r: SalesRow) => string[];
}

function buildOption(rows: SalesRow[], data: SalesAnalysis | null, by: SalesDimension, hasTarget: boolean, env: ChartEnv): EChartsCoreOption {
  if (!data) return {};
  const { t, unit, language, unitText, noteLines } = env;
  const labels = rows.map((r) => rowLabel(r, by, t, language));
  const point = (r: SalesRow, value: number | null) => ({ value: value === null ? null : value / 100, key: r.key, label: labels[rows.indexOf(r)] });
  const actualName = t('analysis.sales.actual', { year: data.year });
  const lastName = t('analysis.sales.lastYear', { year: data.year - 1 });
  const targetName = t('analysis.sales.target');
  const ratioName = hasTarget ? t('analysis.sales.achievement') : t('analysis.sales.yoy');
  const isMonth = by === 'month';
  const kind = isMonth ? 'line' : 'bar';
  const series: Record<string, unknown>[] = [
    {
      name: actualName,
      type: kind,
      data: rows.map((r) => point(r, r.actual)),
      itemStyle: { color: OURS_COLOR },
      lineStyle: { width: 3 },
      barMaxWidth: 28,
      // A group with variance notes carries a pin with their count.
      markPoint: {
        symbol: 'pin',
        symbolSize: 30,
        itemStyle: { color: NOTE_COLOR },
        label: { color: '#fff', fontSize: 11 },
        tooltip: { show: false },
        data: rows.flatMap((r, i) => {
          const n = noteLines(r).length;
          return n > 0 ? [{ coord: [i, r.actual / 100], value: n, key: r.key, label: labels[i] }] : [];
        }),
      },
    },
    { name: lastName, type: kind, data: rows.map((r) => point(r, r.lastYear)), itemStyle: { color: OTHER_COLORS[1] }, barMaxWidth: 28 },
  ];
  if (hasTarget) series.push({ name: targetName, type: kind, data: rows.map((r) => point(r, r.target)), itemStyle: { color: OTHER_COLORS[0] }, barMaxWidth: 28 });
  series.push({
    name: ratioName,
    type: 'line',
    yAxisIndex: 1,
    data: rows.map((r) => ({ value: (hasTarget ? r.achievement : r.yoy) === null ? null : (hasTarget ? r.achievement! : r.yoy!) * 100, key: r.key, label: labels[rows.indexOf(r)] })),
    itemStyle: { color: OTHER_COLORS[2] },
    lineStyle: { type: isMonth ? 'dashed' : 'solid' },
    symbolSize: 7,
  });
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const r = rows[list[0]?.dataIndex ?? 0];
    if (!r) return '';
    const line = (name: string, value: string) => `<div style="display:flex;justify-content:space-between;gap:16px"><span>${escapeHtml(name)}</span><b>${escapeHtml(value)}</b></div>`;
    const exact = (c: number) => exactAmount(c, unit, language);
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(labels[rows.indexOf(r)])}</div>`,
      line(actualName, exact(r.actual)),
      line(lastName, exact(r.lastYear)),
      r.target !== null ? line(targetName, exact(r.target)) : '',
      r.target !== null ? line(t('analysis.sales.achievement'), formatPercent(r.achievement, language)) : '',
      line(t('analysis.sales.yoy'), formatPercent(r.yoy, language)),
      isMonth ? line(t('analysis.sales.mom'), formatPercent(r.mom, language)) : '',
      line(t('analysis.sales.grossMargin'), formatPercent(r.grossMargin, language)),
      ...noteLines(r).map((text) => `<div style="margin-top:4px;max-width:320px;white-space:normal;color:${NOTE_COLOR}">● ${escapeHtml(text)}</div>`),
    ].join('');
  };
  const rotate = !isMonth && rows.length > 8;
  return {
    color: [OURS_COLOR, ...OTHER_COLORS],
    textStyle: { color: CHART_TEXT },
    legend: { top: 6 },
    grid: { left: 70, right: 60, top: 44, bottom: rotate ? 70 : 40 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', formatter: tooltip },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: rotate ? 35 : 0, interval: 0 } },
    yAxis: [
      { type: 'value', name: unitText, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { formatter: (v: number) => formatAmount(v * 100, unit, language) } },
      { type: 'value', name: '%', splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v}%` } },
    ],
    series,
  };
}

function Drill(props: {
  year: number;
  by: SalesDimension;
  slice: { key: number; label: string };
  filter: SalesFilter;
  months: [number, number];
  unit: DisplayUnit;
  language: Language;
  onClose: () => void;
  /** Opens the variance note dialog for this group (absent: the group cannot have one). */
  onRecord?: () => void;
}) {
  const { t: tt } = useTranslation();
  const t = tt as unknown as (k: string, o?: Record<string, unknown>) => string;
  const { year, by, slice, filter, months, unit, language } = props;
  const { data: detail, error } = useQuery('analysis.salesRows', { year, slice: { by, key: slice.key }, filter, months, limit: 1000 });
  const root = useRef<HTMLElement>(null);
  // The rows open below the table: bring them into view.
  useEffect(() => {
    if (detail) root.current?.scrollIntoView({ block: 'nearest' });
  }, [detail]);
  const unitText = unitLabel(unit, language);
  const columns = useMemo<GridColumn<DetailRow>[]>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    return [
      { field: 'period', header: t('analysis.sales.drill.period'), kind: 'text', width: 90, editable: false, pinned: true, format: (v) => (typeof v === 'number' ? formatPeriod(v) : '') },
      { field: 'customerCode', header: t('analysis.sales.drill.customerCode'), kind: 'text', width: 110, editable: false },
      { field: 'customerName', header: t('analysis.sales.drill.customerName'), kind: 'text', width: 180, editable: false },
      { field: 'skuCode', header: t('analysis.sales.drill.skuCode'), kind: 'text', width: 110, editable: false },
      { field: 'skuName', header: t('analysis.sales.drill.skuName'), kind: 'text', width: 180, editable: false },
      { field: 'amountCents', header: t('analysis.sales.drill.amount', { unit: unitText }), kind: 'money', width: 130, editable: false, format: money, text: exact },
      { field: 'volume', header: t('analysis.sales.drill.volume'), kind: 'number', width: 90, editable: false, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
      {
        field: 'grossProfitCents',
        header: t('analysis.sales.drill.grossProfit', { unit: unitText }),
        kind: 'money',
        width: 130,
        editable: false,
        format: (v) => (typeof v === 'number' ? money(v) : t('actuals.costMissing')),
        text: exact,
      },
    ];
  }, [t, unit, language, unitText]);
  const rows = useMemo<DetailRow[]>(() => (detail ? detail.rows.map((r, i) => ({ ...r, id: i })) : []), [detail]);
  return (
    <section ref={root} className="an-drill" data-testid="analysis-drill" data-total={detail?.total ?? ''}>
      <div className="an-drill__head">
        <h2>{t('analysis.sales.drill.title', { label: slice.label })}</h2>
        {detail && <span className="an-note">{t('analysis.sales.drill.count', { total: formatInteger(detail.total, language), shown: formatInteger(detail.rows.length, language) })}</span>}
        <span className="an-filters__spacer" />
        {props.onRecord && (
          <button type="button" className="btn btn--small" onClick={props.onRecord} data-testid="analysis-record-variance">
            {t('planVariance.recordButton')}
          </button>
        )}
        <button type="button" className="btn btn--small" onClick={props.onClose} data-testid="analysis-drill-close">
          {t('analysis.sales.drill.close')}
        </button>
      </div>
      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      <div className="an-drill__grid">
        {detail && (
          <DataGrid<DetailRow> gridId="analysis-sales-drill" columns={columns} rows={rows} onApply={noApply} appendRows={false} filterBox={false} testId="analysis-drill-grid" emptyText={t('grid.empty.drill')} />
        )}
      </div>
    </section>
  );
}
