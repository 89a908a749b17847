import type { EChartsCoreOption } from 'echarts/core';
import type { FigureKind, SeriesRole, SlideChart } from '../../../../shared/deck';
import { centsToUnit, formatAmount, formatInteger, formatPercent, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../components/chart/chartStyle';

// A slide's chart as an ECharts option: the deck's chart kinds drawn in the analysis
// views' look (their palette, text and grid colours, tooltip box; ours always the same
// blue). Amounts are shown in the display unit with the unit in the axis name, as the
// PowerPoint writer does.

export interface ChartEnv {
  unit: DisplayUnit;
  language: Language;
  /** Larger type for the presentation (the slide's logical size is 1280×720). */
  fontSize?: number;
}

/** The colour of a series: ours blue, target and last year in the analysis views' comparison colours. */
export function seriesColor(role: SeriesRole, index: number): string {
  switch (role) {
    case 'ours':
      return OURS_COLOR;
    case 'target':
      return OTHER_COLORS[0];
    case 'lastYear':
      return OTHER_COLORS[1];
    case 'ratio':
      return OTHER_COLORS[0];
    default:
      return OTHER_COLORS[(index + 1) % OTHER_COLORS.length];
  }
}

function valueOf(kind: FigureKind, v: number | null, unit: DisplayUnit): number | null {
  if (v === null) return null;
  if (kind === 'amount') return centsToUnit(v, unit);
  if (kind === 'ratio') return Math.round(v * 10000) / 100;
  return v;
}

function text(kind: FigureKind | 'ratio', v: number | null, env: ChartEnv): string {
  if (v === null) return '—';
  if (kind === 'amount') return `${formatAmount(v, env.unit, env.language)} ${unitLabel(env.unit, env.language)}`;
  if (kind === 'ratio') return formatPercent(v, env.language);
  return formatInteger(v, env.language);
}

function axisName(kind: FigureKind, env: ChartEnv): string {
  if (kind === 'amount') return unitLabel(env.unit, env.language);
  if (kind === 'ratio') return '%';
  return '';
}

export function slideChartOption(chart: SlideChart, env: ChartEnv): EChartsCoreOption {
  const fontSize = env.fontSize ?? 14;
  const textStyle = { color: CHART_TEXT, fontSize };
  const tooltip = {
    ...TOOLTIP_STYLE,
    trigger: chart.kind === 'doughnut' ? 'item' : 'axis',
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as { seriesIndex: number; dataIndex: number; name: string; marker: string }[];
      if (list.length === 0) return '';
      const head = escapeHtml(list[0].name);
      const lines = list.map((p) => {
        const s = chart.kind === 'doughnut' ? chart.series[0] : chart.series[p.seriesIndex];
        const raw = s?.values[p.dataIndex] ?? null;
        const kind = s?.role === 'ratio' || chart.kind === 'stacked100' ? 'ratio' : chart.valueKind;
        return `${p.marker}${escapeHtml(chart.kind === 'doughnut' ? p.name : (s?.name ?? ''))}：${escapeHtml(text(kind, raw, env))}`;
      });
      return chart.kind === 'doughnut' ? lines.join('<br/>') : `${head}<br/>${lines.join('<br/>')}`;
    },
  };
  const legend = { top: 0, textStyle, itemGap: 18 };

  if (chart.kind === 'doughnut') {
    const s = chart.series[0];
    return {
      textStyle,
      tooltip,
      legend: { ...legend, type: 'scroll', orient: 'vertical', left: 'right', top: 'middle' },
      color: [OURS_COLOR, ...OTHER_COLORS, '#c2410c', '#0e7490', '#a16207'],
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['40%', '52%'],
          label: { formatter: '{d}%', fontSize },
          data: chart.categories.map((name, i) => ({ name, value: valueOf(chart.valueKind, s?.values[i] ?? null, env.unit), key: chart.keys?.[i] })),
        },
      ],
    };
  }

  const horizontal = chart.kind === 'clusteredBar' || chart.kind === 'stacked100';
  const hasRatio = chart.series.some((s) => s.role === 'ratio');
  const category = { type: 'category', data: chart.categories, axisLabel: { ...textStyle, interval: 0, hideOverlap: true }, axisTick: { alignWithLabel: true } };
  const value = {
    type: 'value',
    name: chart.kind === 'stacked100' ? '%' : axisName(chart.valueKind, env),
    nameTextStyle: textStyle,
    axisLabel: textStyle,
    splitLine: { lineStyle: { color: CHART_GRID_LINE } },
    ...(chart.kind === 'stacked100' ? { max: 100 } : {}),
    // Counts (stores, people) step in whole numbers.
    ...(chart.valueKind === 'count' ? { minInterval: 1 } : {}),
  };
  const ratioAxis = { type: 'value', name: '%', nameTextStyle: textStyle, axisLabel: textStyle, splitLine: { show: false } };
  const series = chart.series.map((s, i) => {
    const color = seriesColor(s.role, i);
    const isRatio = s.role === 'ratio';
    const asLine = isRatio || chart.kind === 'line';
    const data = s.values.map((v, j) => ({
      value: isRatio || chart.kind === 'stacked100' ? valueOf('ratio', v, env.unit) : valueOf(chart.valueKind, v, env.unit),
      key: chart.keys?.[j],
      label: chart.categories[j],
    }));
    return {
      name: s.name,
      type: asLine ? 'line' : 'bar',
      data,
      itemStyle: { color },
      lineStyle: asLine ? { color, width: 3 } : undefined,
      symbolSize: asLine ? 8 : undefined,
      ...(isRatio && chart.kind === 'columnTarget' ? { yAxisIndex: 1 } : {}),
      ...(chart.kind === 'stacked100' ? { stack: 'share' } : {}),
      barMaxWidth: 36,
    };
  });
  return {
    textStyle,
    tooltip,
    legend,
    grid: { left: 12, right: hasRatio ? 12 : 24, top: 48, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : hasRatio ? [value, ratioAxis] : value,
    series,
  };
}
