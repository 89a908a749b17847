// How much room text takes on a slide, measured as a presentation program sets it:
// Chinese, Japanese and Korean characters (and full-width forms) a full em wide, Latin
// letters, digits and punctuation half an em. Our own tables are paged with this, so a
// table never runs off its slide and is never split where a library guesses wrong (the
// usual auto-paging breaks at spaces, which Chinese text does not have).

/** Whether a code point is set full width (East Asian Wide or Fullwidth). */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** The width of a text in ems of its font size: wide characters 1, the rest ½. */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += isWide(ch.codePointAt(0)!) ? 1 : 0.5;
  return ems;
}

/**
 * The lines a text takes in a box `width` wide at `fontSize` (same unit): each paragraph
 * (split at line breaks) wraps on its own; an empty text still takes a line.
 */
export function lineCount(text: string, fontSize: number, width: number): number {
  const perLine = Math.max(1, width / fontSize);
  return text.split('\n').reduce((n, paragraph) => n + Math.max(1, Math.ceil(textEms(paragraph) / perLine - 1e-9)), 0);
}

export interface TableGeometry {
  /** Font size of the cells, in the same unit as the widths. */
  fontSize: number;
  /** Height of one line of text. */
  lineHeight: number;
  /** A cell's horizontal padding (both sides together) and vertical padding (both together). */
  padX: number;
  padY: number;
}

/**
 * Column widths for a table `width` wide: each column as wide as its widest cell
 * would like, then numbers keep their natural width and the text columns share the
 * rest; when even the numbers do not fit, every column shrinks in proportion.
 */
export function columnWidths(cells: readonly (readonly string[])[], numeric: readonly boolean[], width: number, g: TableGeometry): number[] {
  const columns = numeric.length;
  // Figures get a fifth more than their measure: the reader's font for digits may be wider
  // than ours (LibreOffice without Microsoft YaHei), and a wrapped figure reads badly.
  const natural = Array.from(
    { length: columns },
    (_, j) => Math.max(g.fontSize * 2, ...cells.map((r) => textEms(r[j] ?? '') * g.fontSize)) * (numeric[j] ? 1.2 : 1) + g.padX,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= width) {
    // Room to spare: every column grows in proportion, as a table at 100% width does.
    return natural.map((w) => (w * width) / total);
  }
  const numbers = natural.reduce((a, w, j) => a + (numeric[j] ? w : 0), 0);
  const texts = total - numbers;
  const left = width - numbers;
  if (texts > 0 && left >= texts * 0.35) return natural.map((w, j) => (numeric[j] ? w : (w * left) / texts));
  return natural.map((w) => (w * width) / total);
}

/** The height of a row whose cells are set in the given column widths. */
export function rowHeight(cells: readonly string[], widths: readonly number[], g: TableGeometry): number {
  const lines = Math.max(1, ...cells.map((c, j) => lineCount(c, g.fontSize, Math.max(g.fontSize, widths[j] - g.padX))));
  return lines * g.lineHeight + g.padY;
}

export interface TablePage {
  /** Indexes into the body rows. */
  from: number;
  to: number;
  /** The total row (and the note on rows left out) goes on this page. */
  last: boolean;
}

/**
 * Splits body rows into pages: the first page `first` high, the others `rest` high, each
 * repeating the header (`headerHeight`); the last page also holds `tailHeight` (the total
 * row, a note). A page always takes at least one row, so a row taller than a page
 * still goes somewhere rather than looping.
 */
export function pageRows(
  heights: { first: readonly number[]; rest: readonly number[] },
  header: { first: number; rest: number },
  tail: { first: number; rest: number },
  space: { first: number; rest: number },
): TablePage[] {
  const n = heights.first.length;
  const pages: TablePage[] = [];
  let from = 0;
  for (;;) {
    const which = pages.length === 0 ? 'first' : 'rest';
    const rows = heights[which];
    const room = space[which] - header[which];
    let used = 0;
    let to = from;
    while (to < n && used + rows[to] <= room) used += rows[to++];
    if (to === from && from < n) used += rows[to++];
    if (to === n) {
      if (from === n || used + tail[which] <= room) {
        pages.push({ from, to, last: true });
        return pages;
      }
      // The total does not fit under the last rows: the last row goes along with it.
      if (to - from > 1) to--;
    }
    pages.push({ from, to, last: false });
    from = to;
  }
}
