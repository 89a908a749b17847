import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { TARGET_DIMS, type CompareResult, type PlanVersionInfo, type TargetDim, type TargetMeasure } from '../../../../../shared/endpoints/targets';
import { centsToUnit, formatPercent, intlLocale } from '../../../../../shared/units';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { monthNames } from '../../overview/chartOption';
import { measureUnit, showExact, showValue, showWithUnit, sum, type Fmt } from './format';
import { CHART_GRID_LINE, CHART_TEXT, DialogChart, escapeHtml, LoadNote, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, type DialogChartOption } from './parts';
import './targetDialogs.css';

// Versions side by side: the monthly totals as grouped bars (the working plan in the
// app's accent), and the year totals by one dimension with each version's difference
// from the first one chosen.

interface CompareDialogProps {
  versions: PlanVersionInfo[];
  measure: TargetMeasure;
  onClose(): void;
}

function defaultSelection(versions: PlanVersionInfo[]): number[] {
  const working = versions.find((v) => v.kind === 'working');
  const other = versions.find((v) => v.kind === 'scenario') ?? versions.find((v) => v.kind === 'snapshot');
  const picked = [working, other].filter((v): v is PlanVersionInfo => !!v).map((v) => v.id);
  if (picked.length < 2) for (const v of versions) if (picked.length < 2 && !picked.includes(v.id)) picked.push(v.id);
  return picked;
}

function colorsFor(versions: PlanVersionInfo[]): string[] {
  let other = 0;
  return versions.map((v) => (v.kind === 'working' ? OURS_COLOR : OTHER_COLORS[other++ % OTHER_COLORS.length]));
}

function chartOption(result: CompareResult, f: Fmt, t: TFunction): DialogChartOption {
  const months = monthNames(f.language);
  const colors = colorsFor(result.versions);
  const toChart = (v: number) => (f.measure === 'amount' ? centsToUnit(v, f.unit) : v);
  const axisNumber = new Intl.NumberFormat(intlLocale(f.language), { maximumFractionDigits: 2 });
  return {
    textStyle: { color: CHART_TEXT },
    grid: { left: 8, right: 12, top: 40, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, itemGap: 18, textStyle: { fontSize: 13, color: CHART_TEXT } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(59,115,185,0.06)' } },
      ...TOOLTIP_STYLE,
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const list = Array.isArray(params) ? params : [params];
        const month = list[0]?.dataIndex ?? 0;
        const first = result.monthly[0]?.[month] ?? 0;
        const lines = list.map((p) => {
          const i = p.seriesIndex ?? 0;
          const value = result.monthly[i]?.[month] ?? 0;
          const marker = typeof p.marker === 'string' ? p.marker : '';
          const diff =
            i > 0
              ? ` <span style="color:#7b8794">(${value - first >= 0 ? '+' : ''}${escapeHtml(showValue(value - first, f))}, ${escapeHtml(
                  formatPercent(first ? (value - first) / first : null, f.language),
                )})</span>`
              : '';
          const exact =
            f.measure === 'amount'
              ? `<div style="color:#7b8794;font-size:12px;margin-left:18px">${escapeHtml(t('targetDialogs.exact'))} ${escapeHtml(showExact(value, f, t))}</div>`
              : '';
          return `<div style="margin-top:6px">${marker}${escapeHtml(p.seriesName ?? '')}<b style="float:right;margin-left:24px">${escapeHtml(
            showWithUnit(value, f, t),
          )}</b></div>${diff ? `<div style="font-size:12px;margin-left:18px">${diff}</div>` : ''}${exact}`;
        });
        return `<div style="font-weight:600">${escapeHtml(months[month] ?? '')}</div>${lines.join('')}`;
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#c9d1db' } },
      axisLabel: { color: CHART_TEXT, fontSize: 12 },
    },
    yAxis: {
      type: 'value',
      splitLine: { lineStyle: { color: CHART_GRID_LINE } },
      axisLabel: { color: CHART_TEXT, fontSize: 12, formatter: (v: number) => axisNumber.format(v) },
    },
    series: result.versions.map((v, i) => ({
      type: 'bar' as const,
      name: v.name,
      data: (result.monthly[i] ?? []).map(toChart),
      itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] },
      barMaxWidth: 18,
      barGap: '12%',
    })),
  };
}

export function CompareDialog({ versions, measure, onClose }: CompareDialogProps) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const f: Fmt = { unit, language, measure };
  const [selected, setSelected] = useState<number[]>(() => defaultSelection(versions));
  const [dim, setDim] = useState<TargetDim>('province');
  const [notice, setNotice] = useState<string | null>(null);

  // Keep the user's order of choice: the first chosen is the one the others are compared with.
  const ids = selected.filter((id) => versions.some((v) => v.id === id));
  const enough = ids.length >= 2;
  const compare = useQuery('targets.compare', enough ? { versionIds: ids, dim, measure } : null);
  // A failed read shows its error instead of the last answer.
  const result = compare.error ? null : compare.data;
  const option = useMemo(() => (result ? chartOption(result, { unit, language, measure }, t) : null), [result, unit, language, measure, t]);

  const toggle = (id: number, on: boolean) => {
    setNotice(null);
    if (on) {
      if (ids.length >= 4) {
        setNotice(t('targetDialogs.compare.maxFour'));
        return;
      }
      setSelected([...ids, id]);
    } else {
      setSelected(ids.filter((x) => x !== id));
    }
  };

  const colors = result ? colorsFor(result.versions) : [];
  const totals = result ? result.versions.map((_, i) => sum(result.rows.map((r) => r.values[i] ?? 0))) : [];
  const diffCells = (values: number[], i: number) => {
    const base = values[0] ?? 0;
    const v = values[i] ?? 0;
    const d = v - base;
    const cls = d > 0 ? 'td-up' : d < 0 ? 'td-down' : undefined;
    return (
      <>
        <td className={`num td-diff ${cls ?? ''}`} title={showExact(d, f, t)}>
          {d > 0 ? '+' : ''}
          {showValue(d, f)}
        </td>
        <td className={`num td-diff ${cls ?? ''}`}>{formatPercent(base ? d / base : null, language)}</td>
      </>
    );
  };

  return (
    <Modal
      title={t('targetDialogs.compare.title')}
      onClose={onClose}
      wide
      testId="compare-dialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} data-testid="compare-close">
          {t('common.close')}
        </button>
      }
    >
      <div className="td td--compare">
        <div className="td-controls">
          <fieldset className="td-versions-pick">
            <legend className="field__label">{t('targetDialogs.compare.versions')}</legend>
            {versions.map((v) => {
              const order = ids.indexOf(v.id);
              return (
                <label key={v.id} className={order >= 0 ? 'td-check is-on' : 'td-check'}>
                  <input type="checkbox" checked={order >= 0} onChange={(e) => toggle(v.id, e.target.checked)} data-testid="compare-version" data-version-id={v.id} />
                  <span>{v.name}</span>
                  <span className={`td-badge td-badge--${v.kind}`}>{t(`targetDialogs.kind.${v.kind}`)}</span>
                </label>
              );
            })}
          </fieldset>
          <div className="td-controls__row">
            <label className="td-inline-field">
              <span className="field__label">{t('targetDialogs.compare.dim')}</span>
              <select className="input td-select" value={dim} onChange={(e) => setDim(e.target.value as TargetDim)} data-testid="compare-dim">
                {TARGET_DIMS.map((d) => (
                  <option key={d} value={d}>
                    {t(`targets.dim.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">
              {t('targetDialogs.compare.measure', { measure: t(`targetDialogs.measure.${measure}`) })}
              {measure === 'amount' && ` · ${t('targetDialogs.unitNote', { unit: measureUnit(f, t) })}`}
            </span>
          </div>
          {(notice || !enough) && <p className="td-warn">{notice ?? t('targetDialogs.compare.needTwo')}</p>}
        </div>
        {enough && <LoadNote query={compare} />}
        {result && option && (
          <>
            <h3 className="td-h3">
              {t('targetDialogs.compare.chartTitle')}
              <span className="muted td-h3__note">{measureUnit(f, t)}</span>
            </h3>
            <DialogChart option={option} label={t('targetDialogs.compare.chart')} testId="compare-chart" height={260} />
            <h3 className="td-h3">
              {t('targetDialogs.compare.table', { dim: t(`targets.dim.${dim}`) })}
              <span className="muted td-h3__note">{t('targetDialogs.compare.against', { name: result.versions[0]?.name ?? '' })}</span>
            </h3>
            {result.rows.length === 0 ? (
              <p className="empty-note">{t('targetDialogs.compare.noRows')}</p>
            ) : (
              <div className="td-scroll">
                <table className="td-table td-table--compare" data-testid="compare-table">
                  <thead>
                    <tr>
                      <th rowSpan={2}>{t(`targets.dim.${dim}`)}</th>
                      {result.versions.map((v, i) => (
                        <th key={v.id} className="td-group td-group-start" colSpan={i === 0 ? 1 : 3}>
                          <span className="td-swatch" style={{ background: colors[i] }} />
                          {v.name}
                        </th>
                      ))}
                    </tr>
                    <tr>
                      {result.versions.map((v, i) =>
                        i === 0 ? (
                          <th key={v.id} className="num td-sub td-group-start">{measureUnit(f, t)}</th>
                        ) : (
                          <FragmentHeads key={v.id} unitText={measureUnit(f, t)} t={t} />
                        ),
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {result.rows.map((r) => (
                      <tr key={`${r.id}-${r.code}`} data-testid="compare-row">
                        <td className="td-label">{r.label}</td>
                        {result.versions.map((v, i) => (
                          <CellGroup key={v.id} value={r.values[i] ?? 0} f={f} t={t}>
                            {i > 0 && diffCells(r.values, i)}
                          </CellGroup>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <td className="td-label">{t('targetDialogs.total')}</td>
                      {result.versions.map((v, i) => (
                        <CellGroup key={v.id} value={totals[i] ?? 0} f={f} t={t}>
                          {i > 0 && diffCells(totals, i)}
                        </CellGroup>
                      ))}
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}

function FragmentHeads({ unitText, t }: { unitText: string; t: TFunction }) {
  return (
    <>
      <th className="num td-sub td-group-start">{unitText}</th>
      <th className="num td-sub">{t('targetDialogs.compare.diff')}</th>
      <th className="num td-sub">{t('targetDialogs.compare.diffPct')}</th>
    </>
  );
}

function CellGroup({ value, f, t, children }: { value: number; f: Fmt; t: TFunction; children?: ReactNode }) {
  return (
    <>
      <td className="num td-group-start" title={showExact(value, f, t)}>
        {showValue(value, f)}
      </td>
      {children}
    </>
  );
}
