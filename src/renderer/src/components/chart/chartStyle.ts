// One look for every chart: "ours" (the latest year, the working plan) always in the
// accent, comparisons in colours that stay apart on a projector, the same tooltip box.

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

/** Tooltips are HTML: every text put into one goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
