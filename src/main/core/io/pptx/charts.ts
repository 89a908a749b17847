import type PptxGenJS from 'pptxgenjs';
import type { FigureKind, SlideChart } from '../../../../shared/deck';
import { CHART_GRID_LINE, CHART_TEXT, DOUGHNUT_COLORS, seriesColor } from '../../../../shared/chartPalette';
import { textEms } from './measure';
import { centsToUnit, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';

// A deck chart as a native PowerPoint chart: the kinds the screen draws with ECharts
// (slideChart.ts), in the same colours, amounts in the display unit with the unit in the
// axis title, ratios as fractions shown in a percent format (so the chart's data sheet
// holds the true ratio). No data labels on the bar and line charts: the screen has none,
// and a combination chart with data labels is one PowerPoint refuses to open when a
// label position valid for one of its kinds is not valid for the other.

export const CHART_FONT = 'Microsoft YaHei';

/** The language tag a run of text is marked with (PowerPoint picks the East Asian font and the proofing by it). */
export const LANG_TAG: Record<Language, string> = { 'zh-Hant': 'zh-TW', 'zh-Hans': 'zh-CN', en: 'en-US' };

export interface ChartEnv {
  unit: DisplayUnit;
  language: Language;
  /** The chart's width in CSS pixels of the 1280×720 slide: the category labels' size follows from it. */
  width: number;
}

/** What pptxgenjs' addChart takes: one kind, or a combination of kinds. */
export type NativeChart =
  | { combo: false; type: PptxGenJS.CHART_NAME; data: PptxGenJS.OptsChartData[]; options: PptxGenJS.IChartOpts }
  | { combo: true; types: PptxGenJS.IChartMulti[]; options: PptxGenJS.IChartOpts };

const hex = (color: string) => color.replace('#', '').toUpperCase();

function valueIn(kind: FigureKind, v: number | null, unit: DisplayUnit): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  return kind === 'amount' ? centsToUnit(v, unit) : v;
}

/** A number format for an axis of `kind` whose largest value is `max` (in the unit shown). */
function axisFormat(kind: FigureKind, max: number): string {
  if (kind === 'ratio') return '0%';
  if (kind === 'amount' && max < 10) return '#,##0.0#';
  return '#,##0';
}

function axisTitle(kind: FigureKind, env: ChartEnv): string | undefined {
  if (kind === 'amount') return unitLabel(env.unit, env.language);
  if (kind === 'ratio') return '%';
  return undefined;
}

/**
 * The category labels' size in points: 11, smaller when the labels would not fit side by
 * side (twelve months under a column chart), so a label is not broken over two lines.
 */
export function categoryFontSize(labels: readonly string[], room: number): number {
  if (labels.length === 0) return 11;
  const widest = Math.max(1, ...labels.map(textEms));
  const fits = ((room / labels.length) * 0.75 * 0.65) / widest;
  return Math.max(7, Math.min(11, Math.floor(fits * 2) / 2));
}

/** Type and colours every chart shares: the slide's font, the analysis views' text and grid colours. */
function baseOptions(): PptxGenJS.IChartOpts {
  const text = hex(CHART_TEXT);
  return {
    fontFace: CHART_FONT,
    showLegend: true,
    legendPos: 't',
    legendFontFace: CHART_FONT,
    legendFontSize: 11,
    legendColor: text,
    catAxisLabelFontFace: CHART_FONT,
    catAxisLabelFontSize: 11,
    catAxisLabelColor: text,
    valAxisLabelFontFace: CHART_FONT,
    valAxisLabelFontSize: 10,
    valAxisLabelColor: text,
    valAxisTitleFontFace: CHART_FONT,
    valAxisTitleFontSize: 10,
    valAxisTitleColor: text,
    valGridLine: { color: hex(CHART_GRID_LINE), size: 0.75 },
    catGridLine: { style: 'none' },
    catAxisLineColor: hex(CHART_GRID_LINE),
    valAxisLineShow: false,
    showValue: false,
  };
}

export function nativeChart(chart: SlideChart, env: ChartEnv): NativeChart {
  // Horizontal bars list their categories from the bottom up: given in reverse, the first
  // comes out on top as on screen (reversing the axis instead moves the value axis to the
  // top in LibreOffice).
  const horizontal = chart.kind === 'clusteredBar' || chart.kind === 'stacked100';
  const order = <T>(list: readonly T[]): T[] => (horizontal ? [...list].reverse() : [...list]);
  const labels = order(chart.categories);
  const series = chart.series.map((s, i) => ({ ...s, values: order(s.values), color: hex(seriesColor(s.role, i)) }));
  const kindOf = (role: string): FigureKind => (role === 'ratio' || chart.kind === 'stacked100' ? 'ratio' : chart.valueKind);
  const data = (list: typeof series) => list.map((s) => ({ name: s.name, labels, values: s.values.map((v) => valueIn(kindOf(s.role), v, env.unit)) as number[] }));
  const maxOf = (list: typeof series) => Math.max(0, ...data(list).flatMap((d) => d.values.map((v) => Math.abs(v ?? 0))));
  const base = { ...baseOptions(), lang: LANG_TAG[env.language], ...(horizontal ? {} : { catAxisLabelFontSize: categoryFontSize(labels, env.width - 110) }) };

  if (chart.kind === 'doughnut') {
    const first = series.slice(0, 1);
    return {
      combo: false,
      type: 'doughnut',
      data: data(first),
      options: {
        ...base,
        legendPos: 'r',
        chartColors: DOUGHNUT_COLORS.map(hex),
        holeSize: 55,
        showPercent: true,
        showLabel: false,
        dataLabelFormatCode: '0.0%',
        dataLabelColor: 'FFFFFF',
        dataLabelFontSize: 11,
        dataLabelFontFace: CHART_FONT,
        dataBorder: { pt: 1, color: 'FFFFFF' },
      },
    };
  }

  if (chart.kind === 'line') {
    const kind = series.every((s) => kindOf(s.role) === 'ratio') ? 'ratio' : chart.valueKind;
    const title = axisTitle(kind, env);
    return {
      combo: false,
      type: 'line',
      data: data(series),
      options: {
        ...base,
        chartColors: series.map((s) => s.color),
        lineSize: 2.25,
        lineDataSymbol: 'circle',
        lineDataSymbolSize: 6,
        valAxisLabelFormatCode: axisFormat(kind, maxOf(series)),
        ...(title ? { showValAxisTitle: true, valAxisTitle: title } : {}),
      },
    };
  }

  if (chart.kind === 'clusteredBar' || chart.kind === 'stacked100') {
    const stacked = chart.kind === 'stacked100';
    const kind: FigureKind = stacked ? 'ratio' : chart.valueKind;
    const title = axisTitle(kind, env);
    return {
      combo: false,
      type: 'bar',
      data: data(series),
      options: {
        ...base,
        barDir: 'bar',
        barGrouping: stacked ? 'percentStacked' : 'clustered',
        barGapWidthPct: 60,
        chartColors: series.map((s) => s.color),
        valAxisLabelFormatCode: axisFormat(kind, maxOf(series)),
        ...(stacked ? { valAxisMaxVal: 1 } : {}),
        ...(title ? { showValAxisTitle: true, valAxisTitle: title } : {}),
      },
    };
  }

  // columnTarget: the amounts as clustered columns; a ratio (achievement, growth) as a line on a secondary axis.
  const columns = series.filter((s) => s.role !== 'ratio');
  const ratios = series.filter((s) => s.role === 'ratio');
  const title = axisTitle(chart.valueKind, env);
  const columnOptions: PptxGenJS.IChartOpts = { barDir: 'col', barGrouping: 'clustered', barGapWidthPct: 80, chartColors: columns.map((s) => s.color) };
  const primaryAxis = {
    valAxisLabelFormatCode: axisFormat(chart.valueKind, maxOf(columns)),
    ...(title ? { showValAxisTitle: true, valAxisTitle: title } : {}),
  };
  if (ratios.length === 0 || columns.length === 0) {
    const only = columns.length > 0 ? columns : ratios;
    return {
      combo: false,
      type: 'bar',
      data: data(only),
      options: { ...base, ...columnOptions, chartColors: only.map((s) => s.color), ...(columns.length > 0 ? primaryAxis : { valAxisLabelFormatCode: '0%', showValAxisTitle: true, valAxisTitle: '%' }) },
    };
  }
  return {
    combo: true,
    types: [
      { type: 'bar', data: data(columns), options: columnOptions },
      {
        type: 'line',
        data: data(ratios),
        options: { secondaryValAxis: true, secondaryCatAxis: true, chartColors: ratios.map((s) => s.color), lineSize: 2.25, lineDataSymbol: 'circle', lineDataSymbolSize: 6 },
      },
    ],
    options: {
      ...base,
      valAxes: [
        { ...primaryAxis },
        { showValAxisTitle: true, valAxisTitle: '%', valAxisLabelFormatCode: '0%', valGridLine: { style: 'none' } },
      ],
      catAxes: [{}, { catAxisHidden: true }],
    },
  };
}
