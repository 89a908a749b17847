import { useCallback, useMemo, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { OpeningRow, ShareTargetRow, SkuTargetRow, StrongestCompetitor, TerminalPlan, TerminalTrend } from '../../../../../shared/endpoints/planTerminal';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { formatInteger, formatPercent, formatPeriod, type Language } from '../../../../../shared/units';
import { runCommand, type Outcome } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { EChart } from '../../../components/chart/EChart';
import { SegmentedControl } from '../../../components/SegmentedControl';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE } from '../../../components/chart/chartStyle';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn, type GridRowId } from '../../../grid';
import { errorText } from '../../../i18n';
import { FilterSelect, memberOptions, useT, useUnit, type T } from '../../analysis/kit';
import { gridError, parseCount, parsePercent, pctEditText, pctText, pointsText, splitQuarter } from './terminalFormat';
import './terminalPlan.css';
import { PlanVersionSelect } from '../PlanVersionSelect';

// 終端建設規劃: stores to open by city × channel × month, distribution and shelf-share
// targets by city × channel × category beside the audits' baseline, the strongest
// competitor and the tracked year's actual, gap and trend (with the monthly trend of the
// selected row), and SKU distribution targets. The working plan is edited; a snapshot or a
// scenario is shown read-only.

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface OpeningGridRow extends OpeningRow {
  id: string;
  [field: string]: unknown;
}
interface ShareGridRow extends ShareTargetRow {
  [field: string]: unknown;
}
interface SkuGridRow extends SkuTargetRow {
  id: number;
  [field: string]: unknown;
}

export function TerminalPlanPanel() {
  const t = useT();
  const { language } = useUnit();
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const [trackYear, setTrackYear] = useState<number | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useMemo(() => ({ ...(versionId !== undefined ? { versionId } : {}), ...(trackYear !== undefined ? { trackYear } : {}) }), [versionId, trackYear]);
  const { data, error, settled } = useQuery('plan.terminal.get', input);

  const run = useCallback(async (command: Promise<Outcome<unknown>>) => {
    setNotice(null);
    const outcome = await command;
    if (!outcome.ok) setNotice(errorText(outcome.error));
    return outcome.ok;
  }, []);

  const editable = data?.editable ?? false;
  const version = data?.options.versions.find((v) => v.id === data.versionId);
  return (
    <div className="pt" data-testid="plan-terminal-panel" data-loaded={data ? 'true' : 'false'} data-editable={editable ? 'true' : 'false'}>
      {error && <p className="inline-error">{errorText(error)}</p>}
      <div className="pt__bar">
        <PlanVersionSelect value={data?.versionId} onChange={(id) => setVersionId(id)} testId="plan-terminal-version" />
        <FilterSelect
          label={t('planTerminal.trackYear')}
          value={data?.trackYear ?? ''}
          options={(data?.trackYears ?? []).map((y) => ({ value: y, label: String(y) }))}
          onChange={(v) => setTrackYear(Number(v))}
          testId="plan-terminal-track-year"
        />
        <span className="pt__note">{data ? (data.baselineYear !== null ? t('planTerminal.baselineNote', { year: data.baselineYear }) : t('planTerminal.noBaseline')) : ''}</span>
        {data && !editable && (
          <span className="pt__readonly" data-testid="plan-terminal-readonly">
            {version?.frozen ? t('planTerminal.frozenNote') : t('planTerminal.readOnlyNote')}
          </span>
        )}
        {notice && (
          <span className="md-notice" role="status" data-testid="plan-terminal-notice">
            {notice}
          </span>
        )}
      </div>
      {data && (
        <>
          <Openings data={data} t={t} language={language} editable={editable} run={run} settled={settled} />
          <ShareTargets data={data} t={t} language={language} editable={editable} run={run} settled={settled} />
          <SkuTargets data={data} t={t} language={language} editable={editable} run={run} settled={settled} />
        </>
      )}
    </div>
  );
}

interface SectionProps {
  data: TerminalPlan;
  t: T;
  language: Language;
  editable: boolean;
  run: (command: Promise<Outcome<unknown>>) => Promise<boolean>;
  settled: () => Promise<unknown>;
}

const cityName = (name: string, language: Language) => geoDisplayName(name, 'city', language);
const competitorText = (c: StrongestCompetitor | null, language: Language) => (c ? `${c.name} ${formatPercent(c.value, language)}` : '—');

// ---- stores to open -----------------------------------------------------------------

function Openings({ data, t, language, editable, run, settled }: SectionProps) {
  const [by, setBy] = useState<'quarter' | 'month'>('quarter');
  const [city, setCity] = useState<number | ''>('');
  const [channel, setChannel] = useState<number | ''>('');
  const grid = useRef<DataGridHandle>(null);
  const rows = useMemo<OpeningGridRow[]>(
    () =>
      data.openings.map((o) => {
        const row: OpeningGridRow = { ...o, id: `${o.cityId}:${o.channelId}`, city: cityName(o.cityName, language), channel: o.channelName };
        o.months.forEach((v, i) => (row[`m${i + 1}`] = v));
        o.quarters.forEach((v, i) => (row[`q${i + 1}`] = v));
        return row;
      }),
    [data, language],
  );
  const columns = useMemo<GridColumn<OpeningGridRow>[]>(() => {
    const count = (v: unknown) => (typeof v === 'number' ? formatInteger(v, language) : '');
    const cols: GridColumn<OpeningGridRow>[] = [
      { field: 'city', header: t('planTerminal.openings.city'), kind: 'text', pinned: true, width: 110 },
      { field: 'channel', header: t('planTerminal.openings.channel'), kind: 'text', pinned: true, width: 110 },
      { field: 'named', header: t('planTerminal.openings.named'), kind: 'number', width: 80, total: true, format: count, cellClass: () => 'pt-derived' },
    ];
    if (by === 'month') {
      for (const m of MONTHS) {
        cols.push({
          field: `m${m}`, header: t('planTerminal.openings.month', { n: m }), kind: 'number', width: 60, total: true, editable: () => editable,
          format: count, text: (v) => (typeof v === 'number' ? String(v) : ''), parse: (text) => parseCount(t, text),
        });
      }
    } else {
      for (const q of [1, 2, 3, 4]) {
        cols.push({
          field: `q${q}`, header: t('planTerminal.openings.quarter', { n: q }), kind: 'number', width: 96, total: true, editable: () => editable,
          format: count, text: (v) => (typeof v === 'number' ? String(v) : ''), parse: (text) => parseCount(t, text),
        });
      }
    }
    cols.push({ field: 'year', header: t('planTerminal.openings.year'), kind: 'number', width: 72, total: true, format: count, cellClass: () => 'pt-derived pt-year' });
    return cols;
  }, [t, language, editable, by]);

  const onApply = useCallback(
    async (changes: GridChanges) => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      const cells: { cityId: number; channelId: number; month: number; stores: number }[] = [];
      for (const u of changes.updates) {
        const row = byId.get(String(u.id));
        if (!row) continue;
        for (const [field, value] of Object.entries(u.values)) {
          const stores = typeof value === 'number' ? value : 0;
          const m = /^m(\d+)$/.exec(field);
          if (m) cells.push({ cityId: row.cityId, channelId: row.channelId, month: Number(m[1]), stores });
          const q = /^q(\d)$/.exec(field);
          if (q) splitQuarter(stores).forEach((n, i) => cells.push({ cityId: row.cityId, channelId: row.channelId, month: (Number(q[1]) - 1) * 3 + i + 1, stores: n }));
        }
      }
      if (cells.length === 0) return;
      const outcome = await runCommand('plan.terminal.setOpenings', { cells });
      if (!outcome.ok) throw gridError(outcome.error);
    },
    [rows],
  );

  const add = async () => {
    if (city === '' || channel === '') return;
    const ok = await run(runCommand('plan.terminal.setOpenings', { cells: MONTHS.map((month) => ({ cityId: city, channelId: channel, month, stores: 0 })) }));
    if (ok) await settled();
  };
  const remove = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(String);
    const pairs = rows.filter((r) => ids.includes(r.id)).map((r) => ({ cityId: r.cityId, channelId: r.channelId }));
    if (pairs.length > 0) await run(runCommand('plan.terminal.removeOpenings', { pairs }));
  };
  const cityOptions = memberOptions(data.options.cities, { level: 'city', language });
  return (
    <section className="pt__section pt__section--openings" data-testid="plan-terminal-openings">
      <header className="pt__head">
        <h2 className="section-title">{t('planTerminal.openings.title')}</h2>
        <SegmentedControl
          label={t('planTerminal.openings.by')}
          size="small"
          value={by}
          options={[{ value: 'quarter', label: t('planTerminal.openings.byQuarter') }, { value: 'month', label: t('planTerminal.openings.byMonth') }]}
          onChange={setBy}
          testId="plan-terminal-open-by"
        />
        <span className="pt__hint">{t('planTerminal.openings.hint')}</span>
        <div className="pt__tiles">
          <div className="pt__tile">
            <span className="pt__tile-label">{t('planTerminal.openings.tileYear')}</span>
            <span className="pt__tile-value" data-testid="plan-terminal-open-total">{formatInteger(data.openingTotal.year, language)}</span>
          </div>
          <div className="pt__tile">
            <span className="pt__tile-label">{t('planTerminal.openings.tileNamed')}</span>
            <span className="pt__tile-value">{formatInteger(data.openingTotal.named, language)}</span>
          </div>
        </div>
      </header>
      <div className="pt__grid">
        <DataGrid<OpeningGridRow>
          key={by}
          gridId={`plan.terminal.openings.${by}`}
          columns={columns}
          rows={rows}
          onApply={onApply}
          appendRows={false}
          filterBox={false}
          totals
          handle={grid}
          testId="plan-terminal-openings-grid"
          emptyText={t('planTerminal.openings.empty')}
          toolbar={
            editable && (
              <>
                <select className="pt__pick" value={city} onChange={(e) => setCity(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-open-city" aria-label={t('planTerminal.openings.city')}>
                  <option value="">{t('planTerminal.openings.pickCity')}</option>
                  {cityOptions.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                </select>
                <select className="pt__pick" value={channel} onChange={(e) => setChannel(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-open-channel" aria-label={t('planTerminal.openings.channel')}>
                  <option value="">{t('planTerminal.openings.pickChannel')}</option>
                  {data.options.channels.map((o) => (
                    <option key={o.id} value={o.id}>{o.name}</option>
                  ))}
                </select>
                <button type="button" className="btn btn--small" onClick={() => void add()} disabled={city === '' || channel === ''} data-testid="plan-terminal-open-add">
                  {t('planTerminal.openings.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="plan-terminal-open-remove">
                  {t('planTerminal.openings.remove')}
                </button>
              </>
            )
          }
        />
      </div>
    </section>
  );
}

// ---- distribution and shelf-share targets ---------------------------------------------

function ShareTargets({ data, t, language, editable, run, settled }: SectionProps) {
  const [city, setCity] = useState<number | ''>('');
  const [channel, setChannel] = useState<number | ''>('');
  const [category, setCategory] = useState<number | ''>('');
  const [focus, setFocus] = useState<number | null>(null);
  const grid = useRef<DataGridHandle>(null);
  const rows = useMemo<ShareGridRow[]>(
    () =>
      data.shareTargets.map((r) => ({
        ...r,
        city: cityName(r.cityName, language),
        channel: r.channelName,
        category: r.categoryName,
        baseDistribution: r.baseline.distribution,
        compDistribution: competitorText(r.competitorDistribution, language),
        actualDistribution: r.actual.distribution,
        baseShelf: r.baseline.shelf,
        compShelf: competitorText(r.competitorShelf, language),
        actualShelf: r.actual.shelf,
        audited: r.actual.audited,
      })),
    [data, language],
  );
  const columns = useMemo<GridColumn<ShareGridRow>[]>(() => {
    const pct = (v: unknown) => pctText(v, language);
    const pts = (v: unknown) => pointsText(t, v, language);
    const sign = (v: unknown) => (typeof v !== 'number' || v === 0 ? undefined : v > 0 ? 'pt-up' : 'pt-down');
    const measure = (m: 'distribution' | 'shelf') => t(`planTerminal.share.${m}`);
    const block = (m: 'distribution' | 'shelf', base: string, compField: string, target: string, actual: string, gap: string, trend: string): GridColumn<ShareGridRow>[] => [
      { field: base, header: t('planTerminal.share.baseline', { measure: measure(m) }), kind: 'percent', width: 104, format: pct, cellClass: () => 'pt-derived' },
      { field: compField, header: t('planTerminal.share.competitor'), kind: 'text', width: 132, cellClass: () => 'pt-comp' },
      {
        field: target, header: t('planTerminal.share.target', { measure: measure(m) }), kind: 'percent', width: 104, editable: () => editable,
        format: pct, text: pctEditText, parse: (text) => parsePercent(t, text), cellClass: () => 'pt-target',
      },
      { field: actual, header: t('planTerminal.share.actual', { measure: measure(m) }), kind: 'percent', width: 104, format: pct, cellClass: () => 'pt-derived' },
      { field: gap, header: t('planTerminal.share.gap'), kind: 'number', width: 92, format: pts, cellClass: sign },
      { field: trend, header: t('planTerminal.share.trend'), kind: 'number', width: 92, format: pts, cellClass: sign },
    ];
    return [
      { field: 'city', header: t('planTerminal.share.city'), kind: 'text', pinned: true, width: 100 },
      { field: 'channel', header: t('planTerminal.share.channel'), kind: 'text', pinned: true, width: 100 },
      { field: 'category', header: t('planTerminal.share.category'), kind: 'text', pinned: true, width: 100 },
      ...block('distribution', 'baseDistribution', 'compDistribution', 'distributionTarget', 'actualDistribution', 'distributionGap', 'distributionTrend'),
      ...block('shelf', 'baseShelf', 'compShelf', 'shelfTarget', 'actualShelf', 'shelfGap', 'shelfTrend'),
      { field: 'audited', header: t('planTerminal.share.audited'), kind: 'number', width: 90, format: (v) => (typeof v === 'number' ? formatInteger(v, language) : '') },
    ];
  }, [t, language, editable]);

  const onApply = useCallback(async (changes: GridChanges) => {
    const out: { id: number; distribution?: number | null; shelf?: number | null }[] = [];
    for (const u of changes.updates) {
      const row: { id: number; distribution?: number | null; shelf?: number | null } = { id: Number(u.id) };
      if ('distributionTarget' in u.values) row.distribution = (u.values.distributionTarget as number | null) ?? null;
      if ('shelfTarget' in u.values) row.shelf = (u.values.shelfTarget as number | null) ?? null;
      if (row.distribution !== undefined || row.shelf !== undefined) out.push(row);
    }
    if (out.length === 0) return;
    const outcome = await runCommand('plan.terminal.applyShareTargets', { rows: out });
    if (!outcome.ok) throw gridError(outcome.error);
  }, []);

  const add = async () => {
    if (city === '' || channel === '' || category === '') return;
    const ok = await run(runCommand('plan.terminal.applyShareTargets', { rows: [{ cityId: city, channelId: channel, categoryId: category }] }));
    if (ok) await settled();
  };
  const remove = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length > 0) await run(runCommand('plan.terminal.removeShareTargets', { ids }));
  };
  const onFocus = useCallback((cell: { rowId: GridRowId } | null) => {
    if (cell) setFocus(Number(cell.rowId));
  }, []);
  const selected = data.shareTargets.find((r) => r.id === focus) ?? data.shareTargets[0] ?? null;
  const cityOptions = memberOptions(data.options.cities, { level: 'city', language });
  return (
    <section className="pt__section pt__section--share" data-testid="plan-terminal-share">
      <header className="pt__head">
        <h2 className="section-title">{t('planTerminal.share.title')}</h2>
        <span className="pt__hint">{t('planTerminal.share.hint')}</span>
      </header>
      <div className="pt__grid">
        <DataGrid<ShareGridRow>
          gridId="plan.terminal.share"
          columns={columns}
          rows={rows}
          onApply={onApply}
          appendRows={false}
          filterBox={false}
          handle={grid}
          onFocusChange={onFocus}
          testId="plan-terminal-share-grid"
          emptyText={t('planTerminal.share.empty')}
          toolbar={
            editable && (
              <>
                <select className="pt__pick" value={city} onChange={(e) => setCity(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-share-city" aria-label={t('planTerminal.share.city')}>
                  <option value="">{t('planTerminal.openings.pickCity')}</option>
                  {cityOptions.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                </select>
                <select className="pt__pick" value={channel} onChange={(e) => setChannel(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-share-channel" aria-label={t('planTerminal.share.channel')}>
                  <option value="">{t('planTerminal.openings.pickChannel')}</option>
                  {data.options.channels.map((o) => (
                    <option key={o.id} value={o.id}>{o.name}</option>
                  ))}
                </select>
                <select className="pt__pick" value={category} onChange={(e) => setCategory(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-share-category" aria-label={t('planTerminal.share.category')}>
                  <option value="">{t('planTerminal.share.pickCategory')}</option>
                  {data.options.categories.map((o) => (
                    <option key={o.id} value={o.id}>{o.name}</option>
                  ))}
                </select>
                <button type="button" className="btn btn--small" onClick={() => void add()} disabled={city === '' || channel === '' || category === ''} data-testid="plan-terminal-share-add">
                  {t('planTerminal.share.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="plan-terminal-share-remove">
                  {t('planTerminal.share.remove')}
                </button>
                <span className="pt__hint">{t('planTerminal.percentNote')}</span>
              </>
            )
          }
        />
      </div>
      <TrendChart data={data} row={selected} t={t} language={language} />
    </section>
  );
}

function TrendChart({ data, row, t, language }: { data: TerminalPlan; row: ShareTargetRow | null; t: T; language: Language }) {
  const input = useMemo(() => (row ? { id: row.id, versionId: data.versionId, year: data.trackYear } : null), [row, data.versionId, data.trackYear]);
  const { data: tracked } = useQuery('plan.terminal.trend', input);
  // Before the tracked year has audits, the baseline year's months show where the slice stands.
  const fallbackYear = data.baselineYear !== null && data.baselineYear !== data.trackYear ? data.baselineYear : null;
  const baseInput = useMemo(
    () => (row && fallbackYear !== null && tracked && tracked.points.length === 0 ? { id: row.id, versionId: data.versionId, year: fallbackYear } : null),
    [row, data.versionId, fallbackYear, tracked],
  );
  const { data: base } = useQuery('plan.terminal.trend', baseInput);
  const trend = tracked && tracked.points.length === 0 && base && base.points.length > 0 ? base : tracked;
  const slice = row ? `${cityName(row.cityName, language)} · ${row.channelName} · ${row.categoryName}` : '';
  const title = t('planTerminal.share.chartTitle', { slice, year: trend?.year ?? data.trackYear });
  const option = useMemo<EChartsCoreOption>(() => (row && trend ? trendOption(row, trend, t, language) : {}), [row, trend, t, language]);
  let body;
  if (!row) body = <p className="pt__chart-empty">{t('planTerminal.share.chartPick')}</p>;
  else if (trend && trend.points.length === 0) body = <p className="pt__chart-empty" data-testid="plan-terminal-trend-empty">{t('planTerminal.share.chartEmpty', { year: data.trackYear })}</p>;
  else body = <EChart option={option} label={title} testId="plan-terminal-trend" className="pt__chart-canvas" />;
  return (
    <div className="pt__chart" data-year={trend?.year ?? ''}>
      <div className="pt__chart-title">
        {title}
        {trend && trend !== tracked && <span className="pt__chart-note">{t('planTerminal.share.chartFallback', { year: data.trackYear, base: trend.year })}</span>}
      </div>
      {body}
    </div>
  );
}

function trendOption(row: ShareTargetRow, trend: TerminalTrend, t: T, language: Language): EChartsCoreOption {
  const months = trend.points.map((p) => formatPeriod(p.month));
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const dist = t('planTerminal.share.distribution');
  const shelf = t('planTerminal.share.shelf');
  const targetLine = (name: string, v: number | null, color: string) =>
    v === null ? [] : [{ name: t('planTerminal.share.targetLine', { measure: name }), type: 'line', data: months.map(() => pct(v)), symbol: 'none', lineStyle: { type: 'dashed', width: 1.5, color }, itemStyle: { color } }];
  return {
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPercent(v / 100, language) : '—') },
    legend: { top: 0, textStyle: { color: CHART_TEXT } },
    xAxis: { type: 'category', data: months, axisLabel: { color: CHART_TEXT } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: CHART_TEXT, formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
    series: [
      { name: dist, type: 'line', data: trend.points.map((p) => pct(p.distribution)), itemStyle: { color: OURS_COLOR }, connectNulls: true },
      { name: shelf, type: 'line', data: trend.points.map((p) => pct(p.shelf)), itemStyle: { color: OTHER_COLORS[0] }, connectNulls: true },
      ...targetLine(dist, row.distributionTarget, OURS_COLOR),
      ...targetLine(shelf, row.shelfTarget, OTHER_COLORS[0]),
    ],
  };
}

// ---- SKU distribution targets -------------------------------------------------------

function SkuTargets({ data, t, language, editable, run, settled }: SectionProps) {
  const [sku, setSku] = useState<number | ''>('');
  const grid = useRef<DataGridHandle>(null);
  const rows = useMemo<SkuGridRow[]>(
    () => data.skuTargets.map((s) => ({ ...s, id: s.skuId, baseDistribution: s.baseline.distribution, actualDistribution: s.actual.distribution, newText: s.isNew ? t('planTerminal.sku.newMark') : '' })),
    [data, t],
  );
  const columns = useMemo<GridColumn<SkuGridRow>[]>(() => {
    const pct = (v: unknown) => pctText(v, language);
    return [
      { field: 'skuCode', header: t('planTerminal.sku.code'), kind: 'text', pinned: true, width: 110 },
      { field: 'skuName', header: t('planTerminal.sku.name'), kind: 'text', pinned: true, width: 200 },
      { field: 'categoryName', header: t('planTerminal.sku.category'), kind: 'text', width: 110 },
      { field: 'newText', header: t('planTerminal.sku.isNew'), kind: 'text', width: 70, cellClass: (v) => (v ? 'pt-new' : undefined) },
      { field: 'baseDistribution', header: t('planTerminal.sku.baseline'), kind: 'percent', width: 100, format: pct, cellClass: () => 'pt-derived' },
      {
        field: 'target', header: t('planTerminal.sku.target'), kind: 'percent', width: 100, editable: () => editable, required: true,
        format: pct, text: pctEditText, parse: (text) => parsePercent(t, text), cellClass: () => 'pt-target',
      },
      { field: 'actualDistribution', header: t('planTerminal.sku.actual'), kind: 'percent', width: 100, format: pct, cellClass: () => 'pt-derived' },
      {
        field: 'gap', header: t('planTerminal.sku.gap'), kind: 'number', width: 100, format: (v) => pointsText(t, v, language),
        cellClass: (v) => (typeof v !== 'number' || v === 0 ? undefined : v > 0 ? 'pt-up' : 'pt-down'),
      },
    ];
  }, [t, language, editable]);
  const onApply = useCallback(async (changes: GridChanges) => {
    const out = changes.updates
      .filter((u) => 'target' in u.values)
      .map((u) => ({ skuId: Number(u.id), distribution: (u.values.target as number | null) ?? null }));
    if (out.length === 0) return;
    const outcome = await runCommand('plan.terminal.setSkuTargets', { rows: out });
    if (!outcome.ok) throw gridError(outcome.error);
  }, []);
  const add = async () => {
    if (sku === '') return;
    const ok = await run(runCommand('plan.terminal.setSkuTargets', { rows: [{ skuId: sku, distribution: 0 }] }));
    if (ok) {
      setSku('');
      await settled();
    }
  };
  const remove = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length > 0) await run(runCommand('plan.terminal.setSkuTargets', { rows: ids.map((skuId) => ({ skuId, distribution: null })) }));
  };
  const free = data.options.skus.filter((s) => !data.skuTargets.some((x) => x.skuId === s.id));
  return (
    <section className="pt__section pt__section--sku" data-testid="plan-terminal-sku">
      <header className="pt__head">
        <h2 className="section-title">{t('planTerminal.sku.title')}</h2>
        <span className="pt__hint">{t('planTerminal.sku.hint')}</span>
      </header>
      <div className="pt__grid">
        <DataGrid<SkuGridRow>
          gridId="plan.terminal.sku"
          columns={columns}
          rows={rows}
          onApply={onApply}
          appendRows={false}
          filterBox={false}
          handle={grid}
          testId="plan-terminal-sku-grid"
          emptyText={t('planTerminal.sku.empty')}
          toolbar={
            editable && (
              <>
                <select className="pt__pick pt__pick--wide" value={sku} onChange={(e) => setSku(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-terminal-sku-pick" aria-label={t('planTerminal.sku.name')}>
                  <option value="">{t('planTerminal.sku.pickSku')}</option>
                  {free.map((s) => (
                    <option key={s.id} value={s.id}>{`${s.isNew ? `【${t('planTerminal.sku.newMark')}】` : ''}${s.code} ${s.name}`}</option>
                  ))}
                </select>
                <button type="button" className="btn btn--small" onClick={() => void add()} disabled={sku === ''} data-testid="plan-terminal-sku-add">
                  {t('planTerminal.sku.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="plan-terminal-sku-remove">
                  {t('planTerminal.sku.remove')}
                </button>
              </>
            )
          }
        />
      </div>
    </section>
  );
}
