import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { formatAmount, formatPercent, intlLocale, type Language } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useApp } from '../../app/AppContext';
import { EChart, chartPngDataUrl } from '../../components/chart/EChart';
import { useT } from '../analysis/kit';

// What the head-office views share: amounts in 萬元 (the window has no unit switch),
// signed gaps, the KPI strip, and a chart card whose chart can be saved as a PNG
// through the host (a save dialog in the app, the exports folder in the web host; the
// card says where it went).

export const HQ_UNIT = 'wan';
export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export const money = (cents: number, language: Language) => formatAmount(cents, HQ_UNIT, language);
export const sumOf = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

/** A signed figure in 萬元 (+12.50 / −3.00), for changes. */
export function signedMoney(cents: number, language: Language): string {
  const text = money(Math.abs(cents), language);
  return cents > 0 ? `+${text}` : cents < 0 ? `−${text}` : text;
}

export function signedPercent(ratio: number | null, language: Language): string {
  if (ratio === null) return '—';
  const text = formatPercent(Math.abs(ratio), language);
  return ratio > 0 ? `+${text}` : ratio < 0 ? `−${text}` : text;
}

export function timeText(iso: string | null, language: Language): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
}

export interface Kpi {
  key: string;
  label: string;
  value: string;
  tone?: 'bad' | 'good' | 'muted';
}

/** The board's KPI strip, with as many boxes as there are figures. */
export function HqKpis({ kpis, testId }: { kpis: readonly Kpi[]; testId: string }) {
  return (
    <div className="hq-kpis hqv-kpis" style={{ gridTemplateColumns: `repeat(${kpis.length}, minmax(0, 1fr))` }} data-testid={testId}>
      {kpis.map((k) => (
        <div key={k.key} className={`hq-kpi${k.tone ? ` hqv-kpi--${k.tone}` : ''}`} data-testid={`${testId}-${k.key}`}>
          <span className="hq-kpi__label">{k.label}</span>
          <span className="hq-kpi__value">{k.value}</span>
        </div>
      ))}
    </div>
  );
}

/** A chart element clicked: the category's index (a month, a region) and the series. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
}

/**
 * A card with a chart, its title and unit, and 存為圖片: the PNG (twice the screen's
 * pixels, on white, the title drawn above the chart) is written by the host under
 * `fileName`.
 */
export function HqChartCard(props: {
  title: string;
  /** The unit line beside the title (and after it in the PNG's title). */
  unit?: string;
  option: EChartsCoreOption;
  testId: string;
  fileName: string;
  onClick?: (click: ChartClick) => void;
  tall?: boolean;
}) {
  const t = useT();
  const app = useApp();
  const chart = useRef<EChartsType | null>(null);
  const onClick = useRef(props.onClick);
  useLayoutEffect(() => {
    onClick.current = props.onClick;
  }, [props.onClick]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onReady = useCallback((instance: EChartsType) => {
    chart.current = instance;
    instance.on('click', (p) => {
      const e = p as { dataIndex?: number; seriesIndex?: number };
      if (typeof e.dataIndex === 'number') onClick.current?.({ dataIndex: e.dataIndex, seriesIndex: e.seriesIndex ?? 0 });
    });
  }, []);
  const save = async () => {
    if (!chart.current) return;
    setBusy(true);
    try {
      const dataUrl = await chartPngDataUrl(chart.current, props.unit ? `${props.title} · ${props.unit}` : props.title);
      const outcome = await runCommand('hq.savePng', { fileName: props.fileName, dataUrl });
      if (!outcome.ok) app.showError({ titleKey: 'errors.title', data: outcome.error });
      else if (outcome.value !== null) setSaved(outcome.value.path);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`card hq-card hqv-chart-card${props.onClick ? ' is-clickable' : ''}`} data-testid={`${props.testId}-card`}>
      <div className="hq-card__head">
        <h2 className="card__title">{props.title}</h2>
        <span className="hqv-card__tools">
          {props.unit && <span className="card__subtitle">{props.unit}</span>}
          <button type="button" className="btn btn--small" onClick={() => void save()} disabled={busy} data-testid={`${props.testId}-png`}>
            {busy ? t('common.working') : t('hqViews.png.save')}
          </button>
        </span>
      </div>
      {saved && (
        <p className="hqv-saved" role="status" data-testid="hq-png-saved" data-path={saved}>
          {t('hqViews.png.saved', { path: saved })}
        </p>
      )}
      <EChart option={props.option} label={props.title} testId={props.testId} className={props.tall ? 'hq-chart hqv-chart--tall' : 'hq-chart'} onReady={onReady} />
    </div>
  );
}
