import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { centsToUnit, formatAmount, intlLocale, type DisplayUnit, type Language } from '../../../../shared/units';
import { CHART_GRID_LINE, CHART_TEXT, escapeHtml, OTHER_COLORS, TOOLTIP_STYLE } from '../../components/chart/chartStyle';

// The overview chart's option, built from plain data so it can be unit tested and
// so the component only mounts the chart. Values are plotted in the display unit;
// the tooltip shows the rounded figure in that unit and the exact amount in 元.

export type SalesChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface YearActuals {
  year: number;
  /** Cents by month 1..12; null where the month has no actuals. */
  byMonth: (number | null)[];
}

export interface SalesChartInput {
  planYear: number;
  actuals: YearActuals[];
  /** Head office's target for the plan year, cents by month; null when not set. */
  targetByMonth: number[] | null;
  unit: DisplayUnit;
  language: Language;
  labels: { actual: (year: number) => string; target: (year: number) => string; exact: string };
  fontFamily: string;
}

// Older year recedes, the latest year carries the accent, the target is the line to beat.
const ACTUAL_COLORS = ['#c5cfdb', '#3b73b9'];
const TARGET_COLOR = OTHER_COLORS[0];
const TEXT = CHART_TEXT;
const GRID_LINE = CHART_GRID_LINE;

export function monthNames(language: Language): string[] {
  const format = new Intl.DateTimeFormat(intlLocale(language), { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2000, m, 1))));
}

export function salesChartOption(input: SalesChartInput): SalesChartOption {
  const { unit, language, labels } = input;
  const months = monthNames(language);
  const actuals = input.actuals.slice(-2);
  const series: (BarSeriesOption | LineSeriesOption)[] = [];
  // Cents per series, to show exact figures in the tooltip.
  const cents: (number | null)[][] = [];

  actuals.forEach((a, i) => {
    const color = ACTUAL_COLORS[actuals.length === 1 ? 1 : i] ?? ACTUAL_COLORS[1];
    series.push({
      type: 'bar',
      name: labels.actual(a.year),
      data: a.byMonth.map((c) => (c === null ? null : centsToUnit(c, unit))),
      itemStyle: { color, borderRadius: [3, 3, 0, 0] },
      barMaxWidth: 22,
      barGap: '15%',
    });
    cents.push(a.byMonth);
  });
  if (input.targetByMonth) {
    series.push({
      type: 'line',
      name: labels.target(input.planYear),
      data: input.targetByMonth.map((c) => centsToUnit(c, unit)),
      itemStyle: { color: TARGET_COLOR },
      lineStyle: { color: TARGET_COLOR, width: 2.5, type: 'dashed' },
      symbol: 'circle',
      symbolSize: 7,
      smooth: false,
      z: 3,
    });
    cents.push(input.targetByMonth);
  }

  const axisNumber = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 2 });

  return {
    textStyle: { fontFamily: input.fontFamily, color: TEXT },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 20,
      textStyle: { fontSize: 13, color: TEXT },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(59,115,185,0.06)' } },
      ...TOOLTIP_STYLE,
      textStyle: { ...TOOLTIP_STYLE.textStyle, fontFamily: input.fontFamily },
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const list = Array.isArray(params) ? params : [params];
        const month = list[0]?.dataIndex ?? 0;
        const rows = list.map((p) => {
          const value = cents[p.seriesIndex ?? 0]?.[p.dataIndex];
          const shown = value === null || value === undefined ? '—' : formatAmount(value, unit, language, { withUnit: true });
          const exact =
            value === null || value === undefined
              ? ''
              : `<div style="color:#7b8794;font-size:12px;margin-left:18px">${escapeHtml(labels.exact)} ${escapeHtml(
                  formatAmount(value, 'yuan', language, { withUnit: true, decimals: 2 }),
                )}</div>`;
          const marker = typeof p.marker === 'string' ? p.marker : '';
          return `<div style="margin-top:6px">${marker}${escapeHtml(p.seriesName ?? '')}<b style="float:right;margin-left:24px">${escapeHtml(shown)}</b></div>${exact}`;
        });
        return `<div style="font-weight:600">${escapeHtml(months[month] ?? '')}</div>${rows.join('')}`;
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#c9d1db' } },
      axisLabel: { color: TEXT, fontSize: 12 },
    },
    yAxis: {
      type: 'value',
      splitLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: TEXT, fontSize: 12, formatter: (v: number) => axisNumber.format(v) },
    },
    series,
  };
}
