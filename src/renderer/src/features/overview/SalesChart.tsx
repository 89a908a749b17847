import { useLayoutEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerModules, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { SalesChartOption } from './chartOption';

// Only what the overview draws: bars, a line, grid, legend, tooltip, on canvas.
registerModules([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface SalesChartProps {
  option: SalesChartOption;
  label: string;
}

/** Mounts one ECharts instance, follows the container's size, re-renders on option changes. */
export function SalesChart({ option, label }: SalesChartProps) {
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

  // A layout effect, so that "rendered" turns false in the same commit that changes
  // the option: "rendered" then always means this option is fully drawn (animation
  // included), which tests and screenshots wait for.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || !chart.current) return;
    el.dataset.rendered = 'false';
    chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} className="chart" role="img" aria-label={label} data-testid="sales-chart" />;
}
