import type { SeriesRole } from './deck';

// The analysis views' chart colours, shared by the screen (ECharts) and the PowerPoint
// writer (native charts), so a series has the same colour wherever it is drawn: "ours"
// (the latest year, the working plan) always the accent blue, comparisons in colours
// that stay apart on a projector.

export const OURS_COLOR = '#1f5fa9';
export const OTHER_COLORS = ['#d97706', '#8fa3ba', '#2f7d4f', '#9b5fb5'];
export const CHART_TEXT = '#52606d';
export const CHART_GRID_LINE = '#e6eaf0';
/** A doughnut's slices, in order: ours first, then the comparison colours and a few more. */
export const DOUGHNUT_COLORS = [OURS_COLOR, ...OTHER_COLORS, '#c2410c', '#0e7490', '#a16207'];

/** The colour of a deck chart's series: ours blue, target and last year in the comparison colours. */
export function seriesColor(role: SeriesRole, index: number): string {
  switch (role) {
    case 'ours':
      return OURS_COLOR;
    case 'target':
    case 'ratio':
      return OTHER_COLORS[0];
    case 'lastYear':
      return OTHER_COLORS[1];
    default:
      return OTHER_COLORS[(index + 1) % OTHER_COLORS.length];
  }
}
