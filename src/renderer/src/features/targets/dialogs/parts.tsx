import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerModules, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { errorText } from '../../../i18n';
import type { LoadState } from './useLoad';
import type { AppErrorData } from '../../../../../shared/errors';

registerModules([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type DialogChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

// The overview chart's palette: the accent for ours (the working plan), then colours
// that stay apart on a projector.
export const OURS_COLOR = '#1f5fa9';
export const OTHER_COLORS = ['#d97706', '#8fa3ba', '#2f7d4f', '#9b5fb5'];
export const CHART_TEXT = '#52606d';
export const CHART_GRID_LINE = '#e6eaf0';
export const TOOLTIP_STYLE = {
  backgroundColor: '#ffffff',
  borderColor: '#d9dee5',
  borderWidth: 1,
  padding: [10, 12] as [number, number],
  textStyle: { color: '#1f2933', fontSize: 13 },
  extraCssText: 'box-shadow: 0 6px 20px rgba(15,23,42,0.12); border-radius: 8px;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One ECharts instance on canvas, following its container's size. */
export function DialogChart({ option, label, testId, height = 240 }: { option: DialogChartOption; label: string; testId: string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => {
      el.dataset.rendered = 'true';
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el || !chart.current) return;
    el.dataset.rendered = 'false';
    chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} className="td-chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}

/** Loading and read errors, inline. */
export function LoadNote<T>({ state }: { state: LoadState<T> }) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <p className="muted td-note">{t('targetDialogs.loading')}</p>;
  if (state.status === 'error') return <ErrorNote error={state.error} />;
  return null;
}

export function ErrorNote({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <p className="inline-error td-note" role="alert" data-testid="target-dialog-error">
      {t('targetDialogs.loadFailed', { message: errorText(error) })}
    </p>
  );
}
