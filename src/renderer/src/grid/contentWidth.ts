import { formatOf, isNumeric } from './cellRules';
import type { GridColumn, GridRow } from './types';

// Columns as wide as what they show: a column's width is at least what its widest
// text needs, in the unit and language of the moment (47,394,012 in 元 needs more
// room than 4,739.40 in 萬元), so figures are never cut to "47,394,0…".

/** Cell padding (10 px a side in the theme), the cell's border and a little air. */
const CELL_EXTRA = 26;
/** The header's padding, its sort arrow and the resize handle. */
const HEADER_EXTRA = 40;
/** Text columns (names, notes) grow to their content up to this; longer text is cut with "…". */
const TEXT_CAP = 280;
/** Text columns look at this many rows: names are of a similar length, and 5,000 rows × every column is too many to measure on each load. */
const TEXT_SAMPLE = 300;

/** A text's width in CSS pixels in the grid's font (bold when the row is a total). */
export type Measure = (text: string, bold: boolean) => number;

/**
 * The widths (px) the columns' contents need: per numeric column its largest and its
 * smallest value (the widest texts), the totals row, and the header; per text column
 * the first rows and the header, up to TEXT_CAP. Skips `skip` (the tree's label column).
 */
export function contentWidths<R extends GridRow>(
  columns: readonly GridColumn<R>[],
  rows: readonly R[],
  totals: R | undefined,
  measure: Measure,
  skip?: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const col of columns) {
    if (col.field === skip) continue;
    let need = measure(col.header, true) + HEADER_EXTRA;
    if (isNumeric(col.kind)) {
      let max: R | undefined;
      let min: R | undefined;
      for (const row of rows) {
        const v = row[col.field];
        if (typeof v !== 'number') continue;
        if (max === undefined || v > (max[col.field] as number)) max = row;
        if (min === undefined || v < (min[col.field] as number)) min = row;
      }
      // Bold: a tree's top rows and the totals row are set in bold.
      for (const row of [max, min]) if (row) need = Math.max(need, measure(formatOf(col, row[col.field], row), true) + CELL_EXTRA);
      if (totals && col.total && typeof totals[col.field] === 'number') {
        need = Math.max(need, measure(formatOf(col, totals[col.field], totals), true) + CELL_EXTRA);
      }
      out[col.field] = Math.ceil(need);
    } else {
      let text = 0;
      for (let i = 0; i < rows.length && i < TEXT_SAMPLE; i++) text = Math.max(text, measure(formatOf(col, rows[i][col.field], rows[i]), false) + CELL_EXTRA);
      out[col.field] = Math.ceil(Math.min(TEXT_CAP, Math.max(need, text)));
    }
  }
  return out;
}

let measureText: Measure | undefined;

/**
 * Measures text in the app's font with a canvas (the grid's size: 13.5 px, bold 600).
 * One measurer for the session, its widths remembered: the grid measures on every
 * change of its rows, and reading the font (a style recalculation) or re-measuring
 * the same figures each time would sit on the path between an edit and its repaint.
 */
export function canvasMeasure(): Measure {
  if (measureText) return measureText;
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const family = typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily || 'sans-serif';
  const fonts = [`400 13.5px ${family}`, `600 13.5px ${family}`];
  const cache = [new Map<string, number>(), new Map<string, number>()];
  let font = -1;
  measureText = (text, bold) => {
    const weight = bold ? 1 : 0;
    let w = cache[weight].get(text);
    if (w === undefined) {
      if (ctx) {
        if (font !== weight) {
          ctx.font = fonts[weight];
          font = weight;
        }
        w = ctx.measureText(text).width;
      } else {
        w = text.length * 8;
      }
      // Figures and names repeat; a long session's distinct texts stay few enough to keep.
      if (cache[weight].size < 50_000) cache[weight].set(text, w);
    }
    return w;
  };
  return measureText;
}
