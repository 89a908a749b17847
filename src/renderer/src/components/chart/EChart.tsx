import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Every chart in the app: one ECharts instance on canvas (bars, lines, grid, legend,
// tooltip), following its container's size and re-rendered when the option changes.
// Printed pages draw with SVG instead: vector shapes and real text in the PDF, sharp
// at any zoom.
registerModules([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export type ChartRenderer = 'canvas' | 'svg';

interface EChartProps {
  option: EChartsCoreOption;
  label: string;
  testId: string;
  className: string;
  style?: CSSProperties;
  /** Called with the ECharts instance once it exists (for clicks, or getDataURL to save a PNG). */
  onReady?: (instance: EChartsType) => void;
  /** Canvas on screen (default); SVG for print. Fixed for the chart's life. */
  renderer?: ChartRenderer;
}

export function EChart({ option, label, testId, className, style, onReady, renderer = 'canvas' }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onReadyRef = useRef(onReady);
  const rendererRef = useRef(renderer);
  // Declared before the instance's effect, so the first run already sees the prop.
  useLayoutEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: rendererRef.current });
    chart.current = instance;
    instance.on('finished', () => {
      el.dataset.rendered = 'true';
    });
    onReadyRef.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // A layout effect, so that "rendered" turns false in the same commit that changes
  // the option: "rendered" then always means this option is fully drawn, which tests,
  // screenshots and the chart benchmarks wait for. Charts appear at once, without
  // ECharts' grow-in animation: clicking through views at a meeting, the figure is
  // there when the click lands.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || !chart.current) return;
    el.dataset.rendered = 'false';
    chart.current.setOption({ ...option, animation: false }, { notMerge: true });
  }, [option]);

  return <div ref={host} className={className} style={style} role="img" aria-label={label} data-testid={testId} />;
}

/** The band above an exported chart that carries its title, in CSS pixels. */
const TITLE_BAND = 40;

/**
 * Saves a drawn chart as a PNG (twice the screen's pixels, on white) under the given
 * file name. A chart whose option has no title of its own gets `title` drawn above
 * it: a chart pasted into a deck or a mail says what it shows without the screen
 * around it.
 */
export async function saveChartPng(instance: EChartsType, fileName: string, title?: string): Promise<void> {
  download(await chartPngDataUrl(instance, title), fileName);
}

/** A drawn chart as a PNG data URL (see saveChartPng), for a host that writes the file itself. */
export async function chartPngDataUrl(instance: EChartsType, title?: string): Promise<string> {
  const ratio = 2;
  const url = instance.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#fff' });
  if (title === undefined) return url;
  const chart = await loadImage(url);
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + TITLE_BAND * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return url;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1c2733';
  ctx.font = `600 ${15 * ratio}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 16 * ratio, (TITLE_BAND / 2 + 4) * ratio, canvas.width - 32 * ratio);
  ctx.drawImage(chart, 0, TITLE_BAND * ratio);
  return canvas.toDataURL('image/png');
}

function download(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = url;
  });
}
