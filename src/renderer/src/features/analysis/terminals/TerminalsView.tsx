import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { DataZoomComponent, TitleComponent } from 'echarts/components';
import { use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import {
  TERMINAL_GROUPINGS, TERMINAL_MEASURES, type TerminalCell, type TerminalGroup, type TerminalGrouping, type TerminalLineRow,
  type TerminalMeasure, type TerminalsAnalysis,
} from '../../../../../shared/endpoints/analysisTerminals';
import { PERIOD_PRESETS, gapToStrongest, measureOf, monthsOf, presetMonths, presetOf, strongestCompetitor, type PeriodPreset } from '../../../../../shared/analysisTerminals';
import { formatAmount, formatInteger, formatPercent, formatPeriod, type DisplayUnit, type Language } from '../../../../../shared/units';
import { useQuery } from '../../../api/queries';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import type { GridColumn, GridRow } from '../../../grid';
import { errorText } from '../../../i18n';
import { DrillPanel, EmptyView, FilterSelect, exactAmount, memberOptions, tooltipLine, useT, useUnit, yearOptions, type T } from '../kit';
import './terminals.css';

// 終端分析: 鋪貨率, 貨架佔有率 and 終端銷售佔有率 of our brands against each competitor in
// one category, as grouped bars by city or channel or as lines by month; the same
// figures in a table (with our gap to the strongest competitor); a click on a bar or
// point drills into that brand's audit lines of the group, a click on a row into all
// the group's lines.

// A title inside the chart (so a saved PNG says what it shows) and a slider for many cities.
registerModules([TitleComponent, DataZoomComponent]);

/** Competitors drawn in the chart (one colour each); the table shows them all. */
const CHART_COMPETITORS = OTHER_COLORS.length;
/** Groups visible at once in the bar chart before the slider appears. */
const ZOOM_WINDOW = 12;
const DRILL_LIMIT = 2000;

type BrandRef = 'ours' | number;
interface DrillTarget {
  /** null: the whole slice (the table's total row). */
  key: number | null;
  label: string;
  brand?: BrandRef;
  brandName?: string;
}
type LineRow = GridRow & TerminalLineRow;

function pct(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10000) / 100;
}

export function TerminalsView() {
  const t = useT();
  const { unit, language, unitText } = useUnit();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [months, setMonths] = useState<[number, number]>([1, 12]);
  const [custom, setCustom] = useState(false);
  const [categoryId, setCategoryId] = useState<number | undefined>(undefined);
  const [cityId, setCityId] = useState<number | undefined>(undefined);
  const [channelId, setChannelId] = useState<number | undefined>(undefined);
  const [by, setBy] = useState<TerminalGrouping>('city');
  const [measure, setMeasure] = useState<TerminalMeasure>('distribution');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  const input = useMemo(
    () => ({
      ...(year !== undefined ? { year } : {}),
      ...(months[0] !== 1 || months[1] !== 12 ? { fromMonth: months[0], toMonth: months[1] } : {}),
      ...(categoryId !== undefined ? { categoryId } : {}),
      ...(cityId !== undefined ? { cityId } : {}),
      ...(channelId !== undefined ? { channelId } : {}),
      by,
    }),
    [year, months, categoryId, cityId, channelId, by],
  );
  const { data, error } = useQuery('analysis.terminals', input);

  const measureName = t(`analysisTerminals.measure.${measure}`);
  const oursName = data && data.ownBrands.length > 0 ? t('analysisTerminals.oursNamed', { names: data.ownBrands.map((b) => b.name).join('、') }) : t('analysisTerminals.ours');
  const categoryName = data?.categories.find((c) => c.id === data.categoryId)?.name ?? '';
  const preset: PeriodPreset = custom ? 'custom' : presetOf(months[0], months[1]);
  const periodName =
    preset === 'year'
      ? t('analysisTerminals.filters.wholeYear')
      : preset === 'custom'
        ? `${t('analysisTerminals.filters.month', { m: months[0] })}–${t('analysisTerminals.filters.month', { m: months[1] })}`
        : t('analysisTerminals.filters.quarter', { q: preset.slice(1) });

  const option = useMemo<EChartsCoreOption>(
    () => (data ? buildOption(data, measure, { t, unit, language, oursName, title: t('analysisTerminals.chartTitle', { year: data.year, period: periodName, category: categoryName, measure: measureName, by: t(`analysisTerminals.byTitle.${data.by}`) }) }) : {}),
    [data, measure, t, unit, language, oursName, periodName, categoryName, measureName],
  );

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { group?: number; label?: string; brand?: BrandRef; brandName?: string } }).data;
      if (d && typeof d.group === 'number' && d.brand !== undefined) setDrill({ key: d.group, label: d.label ?? '', brand: d.brand, brandName: d.brandName });
    });
  }, []);

  const savePng = () => {
    if (chartRef.current && data) void saveChartPng(chartRef.current, `${t('analysisTerminals.tab')}-${data.year}-${measureName}.png`);
  };

  const change = (f: () => void) => {
    f();
    setDrill(null);
  };
  const noData = data !== null && data.years.length === 0;
  const empty = data !== null && !noData && (data.categoryId === null || data.groups.length === 0);
  const years = data ? [...new Set([...data.years, data.year])].sort((a, b) => a - b) : [];
  const monthChoices = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('analysisTerminals.filters.month', { m: i + 1 }) }));

  const drillInput = useMemo(() => {
    if (!drill || !data || data.categoryId === null) return null;
    let from = data.fromMonth;
    let to = data.toMonth;
    let city = cityId;
    let channel = channelId;
    if (drill.key !== null) {
      if (data.by === 'city') city = drill.key;
      else if (data.by === 'channel') channel = drill.key;
      else from = to = drill.key % 100;
    }
    return {
      year: data.year,
      fromMonth: from,
      toMonth: to,
      categoryId: data.categoryId,
      ...(city !== undefined ? { cityId: city } : {}),
      ...(channel !== undefined ? { channelId: channel } : {}),
      ...(drill.brand !== undefined ? { brand: drill.brand } : {}),
      limit: DRILL_LIMIT,
    };
  }, [drill, data, cityId, channelId]);

  return (
    <div className="an-term" data-testid="analysis-terminals" data-year={data?.year ?? ''} data-category={data?.categoryId ?? ''} data-by={data?.by ?? ''} data-measure={measure}>
      {!noData && (
      <div className="an-filters">
        <FilterSelect label={t('analysisTerminals.filters.year')} value={data?.year ?? ''} options={yearOptions(years)} onChange={(v) => change(() => setYear(Number(v)))} testId="terminals-year" />
        <FilterSelect
          label={t('analysisTerminals.filters.period')}
          value={preset}
          options={PERIOD_PRESETS.map((p) => ({
            value: p,
            label: p === 'year' ? t('analysisTerminals.filters.wholeYear') : p === 'custom' ? t('analysisTerminals.filters.custom') : t('analysisTerminals.filters.quarter', { q: p.slice(1) }),
          }))}
          onChange={(v) => {
            const p = v as PeriodPreset;
            const m = presetMonths(p);
            change(() => {
              setCustom(p === 'custom');
              if (m) setMonths(m);
            });
          }}
          testId="terminals-period"
        />
        {preset === 'custom' && (
          <>
            <FilterSelect
              label={t('analysisTerminals.filters.from')}
              value={months[0]}
              options={monthChoices}
              onChange={(v) => change(() => setMonths(([, to]) => [Number(v), Math.max(to, Number(v))]))}
              testId="terminals-from"
            />
            <FilterSelect
              label={t('analysisTerminals.filters.to')}
              value={months[1]}
              options={monthChoices}
              onChange={(v) => change(() => setMonths(([from]) => [Math.min(from, Number(v)), Number(v)]))}
              testId="terminals-to"
            />
          </>
        )}
        <FilterSelect
          label={t('analysisTerminals.filters.category')}
          value={data?.categoryId ?? ''}
          options={[
            ...(data && data.categoryId !== null && !data.categories.some((c) => c.id === data.categoryId) ? [{ value: data.categoryId, label: '—' }] : []),
            ...memberOptions(data?.categories),
          ]}
          onChange={(v) => change(() => setCategoryId(Number(v)))}
          testId="terminals-category"
        />
        <FilterSelect
          label={t('analysisTerminals.filters.city')}
          value={cityId ?? ''}
          options={memberOptions(data?.options.cities)}
          all={t('analysisTerminals.filters.all')}
          onChange={(v) => change(() => setCityId(v === '' ? undefined : Number(v)))}
          testId="terminals-city"
        />
        <FilterSelect
          label={t('analysisTerminals.filters.channel')}
          value={channelId ?? ''}
          options={memberOptions(data?.options.channels)}
          all={t('analysisTerminals.filters.all')}
          onChange={(v) => change(() => setChannelId(v === '' ? undefined : Number(v)))}
          testId="terminals-channel"
        />
        <FilterSelect
          label={t('analysisTerminals.filters.by')}
          value={by}
          options={TERMINAL_GROUPINGS.map((g) => ({ value: g, label: t(`analysisTerminals.by.${g}`) }))}
          onChange={(v) => change(() => setBy(v as TerminalGrouping))}
          testId="terminals-by"
        />
        <FilterSelect
          label={t('analysisTerminals.filters.measure')}
          value={measure}
          options={TERMINAL_MEASURES.map((m) => ({ value: m, label: t(`analysisTerminals.measure.${m}`) }))}
          onChange={(v) => setMeasure(v as TerminalMeasure)}
          testId="terminals-measure"
        />
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!data || noData || empty} data-testid="terminals-save-png">
          {t('analysisTerminals.savePng')}
        </button>
      </div>
      )}

      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {!data && !error && <p className="an-note">{t('analysisTerminals.loading')}</p>}
      {noData && (
        <EmptyView title={t('analysisTerminals.emptyTitle')} testId="terminals-empty">
          {t('analysisTerminals.empty')}
        </EmptyView>
      )}
      {empty && (
        <p className="an-note" data-testid="terminals-none">
          {t('analysisTerminals.noAudits', { year: data.year })}
        </p>
      )}
      {data && !noData && !empty && (
        <>
          <Stats data={data} measure={measure} oursName={oursName} t={t} language={language} onPick={setMeasure} />
          <EChart option={option} label={t('analysisTerminals.chartLabel', { measure: measureName, by: t(`analysisTerminals.by.${data.by}`) })} testId="terminals-chart" className="an-chart an-term__chart" onReady={onReady} />
          <p className="an-note">
            {t(`analysisTerminals.formula.${measure}`)} {t('analysisTerminals.basis')} {t('analysisTerminals.categoryNote')}
          </p>
          <p className="an-note">
            {t('analysisTerminals.hint')} {data.competitors.length > CHART_COMPETITORS ? t('analysisTerminals.topNote', { n: CHART_COMPETITORS }) : ''}{' '}
            {data.by !== 'month' && data.groups.length > ZOOM_WINDOW ? t('analysisTerminals.zoomNote', { n: data.groups.length, what: t(`analysisTerminals.filters.${data.by}`) }) : ''}
          </p>
          <MeasureTable data={data} measure={measure} oursName={oursName} t={t} language={language} selected={drill} onPick={setDrill} />
          {drill && drillInput && (
            <Drill key={JSON.stringify(drillInput)} input={drillInput} target={drill} categoryName={categoryName} oursName={oursName} t={t} unit={unit} unitText={unitText} language={language} onClose={() => setDrill(null)} />
          )}
        </>
      )}
    </div>
  );
}

/** The whole slice: ours per measure, against the strongest competitor; a click picks the measure. */
function Stats(props: { data: TerminalsAnalysis; measure: TerminalMeasure; oursName: string; t: T; language: Language; onPick: (m: TerminalMeasure) => void }) {
  const { data, t, language } = props;
  return (
    <div className="an-term__stats">
      {TERMINAL_MEASURES.map((m) => {
        const best = strongestCompetitor(data.total, m);
        const ours = measureOf(data.total.ours, m);
        return (
          <button
            key={m}
            type="button"
            className={m === props.measure ? 'an-term__stat is-active' : 'an-term__stat'}
            onClick={() => props.onPick(m)}
            data-testid={`terminals-stat-${m}`}
            data-value={ours ?? ''}
          >
            <span className="an-term__stat-title">{t('analysisTerminals.stat.title', { measure: t(`analysisTerminals.measure.${m}`) })}</span>
            <span className="an-term__stat-value">{formatPercent(ours, language, 1)}</span>
            <span className="an-term__stat-note">
              {props.oursName}
              {best && (
                <>
                  {' · '}
                  <span className={ours !== null && ours < best.value ? 'an-neg' : undefined}>
                    {t('analysisTerminals.stat.best', { name: data.competitors[best.index].name, value: formatPercent(best.value, language, 1) })}
                  </span>
                </>
              )}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function onEnter(f: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      f();
    }
  };
}

function MeasureTable(props: { data: TerminalsAnalysis; measure: TerminalMeasure; oursName: string; t: T; language: Language; selected: DrillTarget | null; onPick: (d: DrillTarget) => void }) {
  const { data, measure, t, language } = props;
  const row = (g: TerminalGroup, total: boolean) => {
    const key = total ? null : g.key;
    const label = total ? t('analysisTerminals.table.total') : groupLabel(g, data.by, t);
    const gap = gapToStrongest(g, measure);
    const best = strongestCompetitor(g, measure);
    const pick = () => props.onPick({ key, label });
    const pickBrand = (brand: BrandRef, brandName: string) => (e: MouseEvent) => {
      e.stopPropagation();
      props.onPick({ key, label, brand, brandName });
    };
    const cellTd = (c: TerminalCell, brand: BrandRef, brandName: string, isBest: boolean) => {
      const v = measureOf(c, measure);
      return (
        <td key={String(brand)} className={isBest ? 'an-term__best' : undefined} data-brand={brand} data-value={v ?? ''} data-carrying={c.carrying} data-facings={c.facings} data-sellout={c.sellout} onClick={pickBrand(brand, brandName)}>
          {formatPercent(v, language, 1)}
        </td>
      );
    };
    return (
      <tr
        key={total ? 'total' : g.key}
        tabIndex={0}
        className={props.selected && props.selected.key === key && props.selected.brand === undefined ? 'is-selected' : undefined}
        onClick={pick}
        onKeyDown={onEnter(pick)}
        data-testid={total ? 'terminals-total' : 'terminals-row'}
        data-key={key ?? ''}
        data-audited={g.audited}
      >
        <td>{label}</td>
        <td>{formatInteger(g.audited, language)}</td>
        {cellTd(g.ours, 'ours', props.oursName, false)}
        {g.competitors.map((c, i) => cellTd(c, data.competitors[i].id, data.competitors[i].name, best?.index === i))}
        <td className={gap !== null && gap < 0 ? 'an-neg' : undefined} data-col="gap" data-value={gap ?? ''}>
          {gap === null ? '—' : `${gap > 0 ? '+' : ''}${t('analysisTerminals.table.pp', { v: (gap * 100).toFixed(1) })}`}
        </td>
      </tr>
    );
  };
  return (
    <div className="an-term__table-wrap">
      <table className="an-table" aria-label={t('analysisTerminals.table.label')} data-testid="terminals-table">
        <thead>
          <tr>
            <th>{t(`analysisTerminals.groupHead.${data.by}`)}</th>
            <th>{t('analysisTerminals.table.audited')}</th>
            <th>
              <span className="an-term__dot" style={{ background: OURS_COLOR }} />
              {props.oursName}
            </th>
            {data.competitors.map((c, i) => (
              <th key={c.id}>
                {i < CHART_COMPETITORS && <span className="an-term__dot" style={{ background: OTHER_COLORS[i] }} />}
                {c.name}
              </th>
            ))}
            <th>{t('analysisTerminals.table.gap')}</th>
          </tr>
        </thead>
        <tbody>{data.groups.map((g) => row(g, false))}</tbody>
        <tfoot>{row(data.total, true)}</tfoot>
      </table>
    </div>
  );
}

function groupLabel(g: TerminalGroup, by: TerminalGrouping, t: T): string {
  return by === 'month' ? formatPeriod(g.key) : g.label || t('analysisTerminals.filters.all');
}

interface ChartEnv {
  t: T;
  unit: DisplayUnit;
  language: Language;
  oursName: string;
  title: string;
}

/** The numerator and denominator behind a cell's measure, as text. */
function fraction(c: TerminalCell, g: TerminalGroup, m: TerminalMeasure, env: ChartEnv): string {
  const n = (v: number) => formatInteger(v, env.language);
  if (m === 'distribution') return `${n(c.carrying)} / ${n(g.audited)}`;
  if (m === 'shelf') return `${n(c.facings)} / ${n(g.allFacings)}`;
  return `${exactAmount(c.sellout, env.unit, env.language)} / ${exactAmount(g.allSellout, env.unit, env.language)}`;
}

function buildOption(data: TerminalsAnalysis, m: TerminalMeasure, env: ChartEnv): EChartsCoreOption {
  const { t, language } = env;
  const shown = data.competitors.slice(0, CHART_COMPETITORS);
  const series = [
    { ref: 'ours' as BrandRef, name: env.oursName, color: OURS_COLOR, cellOf: (g: TerminalGroup) => g.ours },
    ...shown.map((c, i) => ({ ref: c.id as BrandRef, name: c.name, color: OTHER_COLORS[i], cellOf: (g: TerminalGroup) => g.competitors[i] })),
  ];
  const byMonth = data.by === 'month';
  const slots: { key: number; label: string; group: TerminalGroup | null }[] = byMonth
    ? monthsOf(data.year, data.fromMonth, data.toMonth).map((p) => ({ key: p, label: t('analysisTerminals.filters.month', { m: p % 100 }), group: data.groups.find((g) => g.key === p) ?? null }))
    : data.groups.map((g) => ({ key: g.key, label: g.label, group: g }));
  const zoom = !byMonth && slots.length > ZOOM_WINDOW;
  const max = Math.max(0, ...slots.flatMap((s) => (s.group ? series.map((x) => measureOf(x.cellOf(s.group!), m) ?? 0) : [])));
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const s = slots[list[0]?.dataIndex ?? -1];
    if (!s?.group) return '';
    const g = s.group;
    return [
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(s.label)} · ${escapeHtml(t('analysisTerminals.tip.stores'))} ${escapeHtml(formatInteger(g.audited, language))}</div>`,
      `<div style="color:#7b8794;margin-bottom:4px">${escapeHtml(t(`analysisTerminals.tip.${m === 'distribution' ? 'carrying' : m === 'shelf' ? 'facings' : 'sellout'}`))}</div>`,
      ...series.map((x) => {
        const c = x.cellOf(g);
        return tooltipLine(x.name, `${formatPercent(measureOf(c, m), language, 2)}  (${fraction(c, g, m, env)})`);
      }),
    ].join('');
  };
  return {
    textStyle: { color: CHART_TEXT },
    title: { text: env.title, left: 12, top: 8, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2933' } },
    legend: { top: 34, left: 12, data: series.map((x) => x.name) },
    grid: { left: 56, right: 24, top: 74, bottom: zoom ? 64 : 36, containLabel: false },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', axisPointer: { type: byMonth ? 'line' : 'shadow' }, formatter: tooltip },
    xAxis: {
      type: 'category',
      data: slots.map((s) => s.label),
      axisLabel: { interval: 0, width: 84, overflow: 'truncate', hideOverlap: true },
      boundaryGap: !byMonth,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.min(100, Math.max(10, Math.ceil((max * 100) / 10) * 10)),
      splitLine: { lineStyle: { color: CHART_GRID_LINE } },
      axisLabel: { formatter: (v: number) => `${v}%` },
    },
    dataZoom: zoom
      ? [
          { type: 'slider', xAxisIndex: 0, startValue: 0, endValue: ZOOM_WINDOW - 1, height: 18, bottom: 10, brushSelect: false, showDetail: false },
          { type: 'inside', xAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
        ]
      : undefined,
    series: series.map((x) => {
      const points = slots.map((s) => {
        const v = s.group ? pct(measureOf(x.cellOf(s.group), m)) : null;
        return { value: v, group: s.key, label: byMonth ? s.label : s.label, brand: x.ref, brandName: x.name };
      });
      return byMonth
        ? { name: x.name, type: 'line', data: points, connectNulls: true, symbolSize: 8, lineStyle: { width: x.ref === 'ours' ? 3 : 2 }, itemStyle: { color: x.color }, z: x.ref === 'ours' ? 3 : 2 }
        : { name: x.name, type: 'bar', data: points, barMaxWidth: 22, barGap: '15%', itemStyle: { color: x.color } };
    }),
  };
}

function Drill(props: {
  input: { year: number; fromMonth: number; toMonth: number; categoryId: number; cityId?: number; channelId?: number; brand?: BrandRef; limit: number };
  target: DrillTarget;
  categoryName: string;
  oursName: string;
  t: T;
  unit: DisplayUnit;
  unitText: string;
  language: Language;
  onClose: () => void;
}) {
  const { t, unit, language, target } = props;
  const { data, error } = useQuery('analysis.terminalLines', props.input);
  const columns = useMemo<GridColumn<LineRow>[]>(() => {
    const int = (v: unknown) => (typeof v === 'number' ? formatInteger(v, language) : '');
    return [
      { field: 'storeCode', header: t('analysisTerminals.drill.storeCode'), kind: 'text', width: 110, editable: false, pinned: true },
      { field: 'storeName', header: t('analysisTerminals.drill.storeName'), kind: 'text', width: 150, editable: false },
      { field: 'cityName', header: t('analysisTerminals.drill.city'), kind: 'text', width: 80, editable: false },
      { field: 'channelName', header: t('analysisTerminals.drill.channel'), kind: 'text', width: 80, editable: false },
      { field: 'auditDate', header: t('analysisTerminals.drill.auditDate'), kind: 'text', width: 96, editable: false },
      { field: 'brandName', header: t('analysisTerminals.drill.brand'), kind: 'text', width: 84, editable: false, cellClass: (_v, r) => (r.isOwn ? 'an-term__own' : undefined) },
      { field: 'skusOnShelf', header: t('analysisTerminals.drill.skus'), kind: 'number', width: 108, editable: false, format: int },
      { field: 'facings', header: t('analysisTerminals.drill.facings'), kind: 'number', width: 64, editable: false, format: int },
      { field: 'shelfPriceCents', header: t('analysisTerminals.drill.shelfPrice'), kind: 'money', width: 130, editable: false, format: (v) => (typeof v === 'number' ? formatAmount(v, 'yuan', language, { decimals: 2 }) : '—') },
      { field: 'hasDisplay', header: t('analysisTerminals.drill.display'), kind: 'text', width: 56, editable: false, format: (v) => (v ? t('analysisTerminals.drill.yes') : t('analysisTerminals.drill.no')) },
      { field: 'selloutCents', header: t('analysisTerminals.drill.sellout', { unit: props.unitText }), kind: 'money', width: 120, editable: false, format: (v) => (typeof v === 'number' ? formatAmount(v, unit, language) : '—'), text: (v) => (typeof v === 'number' ? (v / 100).toFixed(2) : '') },
    ];
  }, [t, unit, language, props.unitText]);
  const rows = useMemo<LineRow[] | null>(() => (data ? data.rows.map((r, i) => ({ ...r, id: i })) : null), [data]);
  const brandName = target.brand === 'ours' ? props.oursName : target.brandName;
  const title = brandName
    ? t('analysisTerminals.drill.titleBrand', { group: target.label, brand: brandName, category: props.categoryName })
    : t('analysisTerminals.drill.titleGroup', { group: target.label, category: props.categoryName });
  return (
    <DrillPanel<LineRow>
      title={title}
      summary={
        data
          ? t('analysisTerminals.drill.count', {
              total: formatInteger(data.total, language),
              shown: data.rows.length < data.total ? t('analysisTerminals.drill.shown', { n: formatInteger(data.rows.length, language) }) : '',
              stores: formatInteger(data.stores, language),
              carrying: formatInteger(data.carrying, language),
              facings: formatInteger(data.facings, language),
              sellout: exactAmount(data.sellout, unit, language),
            })
          : undefined
      }
      columns={columns}
      rows={rows}
      error={error}
      gridId="analysis-terminals-drill"
      testId="terminals-drill"
      onClose={props.onClose}
      data={data ? { total: data.total, stores: data.stores, carrying: data.carrying, facings: data.facings, sellout: data.sellout, brand: String(target.brand ?? 'all') } : { brand: String(target.brand ?? 'all') }}
    />
  );
}

