// One look for every chart: "ours" (the latest year, the working plan) always in the
// accent, comparisons in colours that stay apart on a projector, the same tooltip box.

// The colours live in shared code: the PowerPoint writer draws its native charts in them too.
export { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR } from '../../../../shared/chartPalette';
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
