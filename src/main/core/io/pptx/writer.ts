import PptxGenJS from 'pptxgenjs';
import { shownSlides, SLIDE_HEIGHT, SLIDE_WIDTH, type Deck, type FigureKind, type Slide, type SlideTable } from '../../../../shared/deck';
import { OURS_COLOR } from '../../../../shared/chartPalette';
import { safeFileName } from '../../../../shared/fileNames';
import { translator, type Translate } from '../../../../shared/i18n';
import { unitLabel } from '../../../../shared/units';
import { figureText } from '../../services/deck/context';
import { CHART_FONT, LANG_TAG, nativeChart } from './charts';
import { fixPackage } from './fix';
import { writeAtomically } from '../atomicWrite';
import { columnWidths, lineCount, pageRows, rowHeight, type TableGeometry, type TablePage } from './measure';

// The deck as a PowerPoint file (16:9, PowerPoint's wide layout): the shown slides in the
// manager's order with their titles, cards as text boxes, native charts (editable in
// PowerPoint, their data in the embedded sheet), tables paged by our own measure onto
// continuation slides, the commentary and the speaker notes. The layout follows the
// screen's slide (SlideView at 1280×720 CSS pixels, 96 to the inch), so positions are
// given here in those pixels and converted.

const FONT = CHART_FONT;
const px = (v: number) => v / 96;
const pt = (v: number) => Math.round(v * 0.75 * 2) / 2;
const hex = (c: string) => c.replace('#', '').toUpperCase();

const COLOR = {
  text: '1C2733',
  muted: '52606D',
  faint: '829AB1',
  accent: hex(OURS_COLOR),
  pos: '2F7D4F',
  neg: 'C2410C',
  card: 'F3F6FA',
  rule: 'E6EAF0',
  head: '334E68',
  totalRule: '9AA5B1',
  commentary: '243B53',
  commentaryBg: 'F8FAFC',
  commentaryRule: '8FA3BA',
  dashed: 'CBD2D9',
};

const PAD = { top: 40, side: 56, bottom: 28 };
const INNER_W = SLIDE_WIDTH - 2 * PAD.side;
const GAP = 18;
const FOOT_TOP = SLIDE_HEIGHT - PAD.bottom - 26;
const MAIN_BOTTOM = FOOT_TOP - GAP;
const TABLE: TableGeometry = { fontSize: 15, lineHeight: 21, padX: 12, padY: 9 };
const COMMENTARY = { fontSize: 17, lineHeight: 27, padX: 28, padY: 20 };

export interface PptxTimings {
  /** Laying out and generating the package with pptxgenjs. */
  generateMs: number;
  /** The repairs made in the package's XML afterwards. */
  fixMs: number;
}

export interface PptxResult {
  bytes: Buffer;
  /** Slides in the file: the shown slides and the continuation slides of long tables. */
  slides: number;
  /** The number in the file (1-based) of each shown slide, in order. */
  firstSlides: number[];
  timings: PptxTimings;
}

interface Env {
  deck: Deck;
  t: Translate;
  lang: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A slide's table cut into pages: the first on the slide itself, the rest on continuation slides. */
interface PagedTable {
  cells: string[][];
  total: string[] | null;
  header: string[];
  numeric: boolean[];
  pages: TablePage[];
  widths: { first: number[]; rest: number[] };
  heights: { first: number[]; rest: number[] };
  headerHeight: { first: number; rest: number };
  totalHeight: { first: number; rest: number };
  firstBox: Box;
  moreNote: string | null;
}

function cellText(env: Env, kind: FigureKind | 'text', v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return kind === 'text' ? String(v) : figureText(env.deck, kind, v);
}

function unitSuffix(env: Env, kind: FigureKind | 'text'): string {
  return kind === 'amount' ? `（${unitLabel(env.deck.unit, env.deck.language)}）` : '';
}

function headHeight(slide: Slide): number {
  return 42 + (slide.subtitle ? 28 : 0);
}

function cardsHeight(slide: Slide): number {
  if (slide.cards.length === 0) return 0;
  return 12 + 22 + 42 + (slide.cards.some((c) => c.note) ? 20 : 0) + 12;
}

/** The area under the title and the cards, down to the footer. */
function mainBox(slide: Slide): Box {
  let y = PAD.top + headHeight(slide) + GAP;
  const cards = cardsHeight(slide);
  if (cards > 0) y += cards + GAP;
  return { x: PAD.side, y, w: INNER_W, h: MAIN_BOTTOM - y };
}

/** The charts' boxes and the side box (table, commentary), split as the screen's flex layout splits them. */
function mainLayout(slide: Slide): { charts: Box[]; side: Box | null } {
  const main = mainBox(slide);
  const hasSide = slide.table !== null || slide.commentary.length > 0;
  const n = slide.charts.length;
  if (n === 0) return { charts: [], side: hasSide ? main : null };
  const chartFlex = n === 2 ? 2 : 3;
  const flex = n * chartFlex + (hasSide ? 2 : 0);
  const gaps = (n - 1 + (hasSide ? 1 : 0)) * 20;
  const unit = (main.w - gaps) / flex;
  const charts: Box[] = [];
  let x = main.x;
  for (let i = 0; i < n; i++) {
    charts.push({ x, y: main.y, w: unit * chartFlex, h: main.h });
    x += unit * chartFlex + 20;
  }
  return { charts, side: hasSide ? { x, y: main.y, w: main.x + main.w - x, h: main.h } : null };
}

function commentaryHeight(slide: Slide, width: number): number {
  if (slide.commentary.length === 0) return 0;
  const lines = slide.commentary.reduce((n, p) => n + lineCount(p, COMMENTARY.fontSize, width - COMMENTARY.padX), 0);
  return lines * COMMENTARY.lineHeight + (slide.commentary.length - 1) * 6 + COMMENTARY.padY;
}

/** The commentary's box in the side box: at the top, or under the table (then at most half the side). */
function commentaryBox(slide: Slide, side: Box): Box | null {
  if (slide.commentary.length === 0) return null;
  const wanted = commentaryHeight(slide, side.w);
  if (!slide.table) return { ...side, h: Math.min(wanted, side.h) };
  const h = Math.min(wanted, side.h / 2);
  return { x: side.x, y: side.y + side.h - h, w: side.w, h };
}

function pageTable(env: Env, slide: Slide, table: SlideTable): PagedTable {
  const { side } = mainLayout(slide);
  const box = side!;
  const comment = commentaryBox(slide, box);
  const moreNote = table.more ? env.t('deck.pptx.moreRows', { n: table.more }) : null;
  const noteH = moreNote ? 22 : 0;
  const firstBox: Box = { ...box, h: box.h - (comment ? comment.h + 12 : 0) };
  const rest = mainBox({ ...slide, cards: [] });
  const header = table.columns.map((c) => `${c.label}${unitSuffix(env, c.kind)}`);
  const numeric = table.columns.map((c) => c.kind !== 'text');
  const cells = table.rows.map((r) => table.columns.map((c, j) => cellText(env, c.kind, r[j] ?? null)));
  const total = table.total ? table.columns.map((c, j) => cellText(env, c.kind, table.total![j] ?? null)) : null;
  const all = [header, ...cells, ...(total ? [total] : [])];
  const widths = { first: columnWidths(all, numeric, firstBox.w, TABLE), rest: columnWidths(all, numeric, rest.w, TABLE) };
  const heights = { first: cells.map((r) => rowHeight(r, widths.first, TABLE)), rest: cells.map((r) => rowHeight(r, widths.rest, TABLE)) };
  const headerHeight = { first: rowHeight(header, widths.first, TABLE), rest: rowHeight(header, widths.rest, TABLE) };
  const totalHeight = { first: total ? rowHeight(total, widths.first, TABLE) : 0, rest: total ? rowHeight(total, widths.rest, TABLE) : 0 };
  const pages = pageRows(heights, headerHeight, { first: totalHeight.first + noteH, rest: totalHeight.rest + noteH }, { first: firstBox.h, rest: rest.h });
  return { cells, total, header, numeric, pages, widths, heights, headerHeight, totalHeight, firstBox, moreNote };
}

// ---- drawing ------------------------------------------------------------------------

function text(s: PptxGenJS.Slide, env: Env, value: string | PptxGenJS.TextProps[], box: Box, o: PptxGenJS.TextPropsOptions = {}): void {
  s.addText(value, { x: px(box.x), y: px(box.y), w: px(box.w), h: px(box.h), fontFace: FONT, lang: env.lang, margin: 0, valign: 'top', color: COLOR.text, ...o });
}

function footer(s: PptxGenJS.Slide, env: Env, number: number, total: number): void {
  s.addShape('line', { x: px(PAD.side), y: px(FOOT_TOP), w: px(INNER_W), h: 0, line: { color: COLOR.rule, width: 0.75 } });
  const box = { x: PAD.side, y: FOOT_TOP + 8, w: INNER_W, h: 18 };
  text(s, env, env.deck.title, { ...box, w: INNER_W - 120 }, { fontSize: pt(13), color: COLOR.faint });
  text(s, env, `${number} / ${total}`, { ...box, x: box.x + INNER_W - 120, w: 120 }, { fontSize: pt(13), color: COLOR.faint, align: 'right' });
}

function head(s: PptxGenJS.Slide, env: Env, title: string, subtitle: string): void {
  const h = 42 + (subtitle ? 28 : 0);
  s.addShape('rect', { x: px(PAD.side), y: px(PAD.top), w: px(8), h: px(h), fill: { color: COLOR.accent }, line: { type: 'none' } });
  const x = PAD.side + 8 + 18;
  text(s, env, title, { x, y: PAD.top, w: SLIDE_WIDTH - PAD.side - x, h: 42 }, { fontSize: pt(34), bold: true, fit: 'shrink' });
  if (subtitle) text(s, env, subtitle, { x, y: PAD.top + 46, w: SLIDE_WIDTH - PAD.side - x, h: 24 }, { fontSize: pt(18), color: COLOR.muted });
}

function cards(s: PptxGenJS.Slide, env: Env, slide: Slide): void {
  const n = slide.cards.length;
  if (n === 0) return;
  const y = PAD.top + headHeight(slide) + GAP;
  const h = cardsHeight(slide);
  const w = (INNER_W - 16 * (n - 1)) / n;
  slide.cards.forEach((c, i) => {
    const x = PAD.side + i * (w + 16);
    s.addShape('roundRect', { x: px(x), y: px(y), w: px(w), h: px(h), rectRadius: px(10), fill: { color: COLOR.card }, line: { type: 'none' } });
    const inner = { x: x + 16, w: w - 32 };
    text(s, env, `${c.label}${unitSuffix(env, c.kind)}`, { ...inner, y: y + 12, h: 22 }, { fontSize: pt(16), color: COLOR.muted, fit: 'shrink' });
    const color = c.tone === 'pos' ? COLOR.pos : c.tone === 'neg' ? COLOR.neg : COLOR.accent;
    text(s, env, figureText(env.deck, c.kind, c.value), { ...inner, y: y + 34, h: 42 }, { fontSize: pt(32), bold: true, color, fit: 'shrink' });
    if (c.note) text(s, env, c.note, { ...inner, y: y + 76, h: 20 }, { fontSize: pt(14), color: COLOR.muted });
  });
}

function chartBox(s: PptxGenJS.Slide, env: Env, chart: Slide['charts'][number], box: Box): void {
  text(s, env, chart.title, { ...box, h: 22 }, { fontSize: pt(16), bold: true, color: COLOR.head });
  const native = nativeChart(chart, { unit: env.deck.unit, language: env.deck.language, width: box.w });
  const where = { x: px(box.x), y: px(box.y + 26), w: px(box.w), h: px(box.h - 26) };
  // A combination chart takes its options in the data's place (pptxgenjs reads the second argument as the options then).
  if (native.combo) s.addChart(native.types, { ...native.options, ...where } as unknown as unknown[]);
  else s.addChart(native.type, native.data, { ...native.options, ...where });
}

function drawTable(s: PptxGenJS.Slide, env: Env, paged: PagedTable, page: TablePage, which: 'first' | 'rest', box: Box): void {
  const widths = paged.widths[which];
  const heights = paged.heights[which];
  const align = (j: number): PptxGenJS.HAlign => (paged.numeric[j] ? 'right' : 'left');
  const none = { type: 'none' as const };
  const rule = (color: string, width: number) => ({ type: 'solid' as const, color, pt: width });
  const cell = (t: string, j: number, o: PptxGenJS.TableCellProps): PptxGenJS.TableCell => ({ text: t, options: { align: align(j), lang: env.lang, ...o } });
  const rows: PptxGenJS.TableRow[] = [paged.header.map((t, j) => cell(t, j, { bold: true, color: COLOR.head, border: [none, none, rule(COLOR.accent, 1.5), none] }))];
  const rowH = [paged.headerHeight[which]];
  for (let i = page.from; i < page.to; i++) {
    rows.push(paged.cells[i].map((t, j) => cell(t, j, { color: COLOR.text, border: [none, none, rule(COLOR.rule, 0.75), none] })));
    rowH.push(heights[i]);
  }
  if (page.last && paged.total) {
    rows.push(paged.total.map((t, j) => cell(t, j, { bold: true, color: COLOR.text, border: [rule(COLOR.totalRule, 1.5), none, none, none] })));
    rowH.push(paged.totalHeight[which]);
  }
  s.addTable(rows, {
    x: px(box.x),
    y: px(box.y),
    w: px(box.w),
    colW: widths.map(px),
    rowH: rowH.map(px),
    fontFace: FONT,
    fontSize: pt(TABLE.fontSize),
    lang: env.lang,
    margin: [px(4), px(6), px(4), px(6)],
    valign: 'middle',
    autoPage: false,
  } as PptxGenJS.TableProps);
  if (page.last && paged.moreNote) {
    const used = rowH.reduce((a, b) => a + b, 0);
    text(s, env, paged.moreNote, { x: box.x, y: box.y + used + 4, w: box.w, h: 18 }, { fontSize: pt(13), color: COLOR.faint });
  }
}

function commentary(s: PptxGenJS.Slide, env: Env, slide: Slide, box: Box): void {
  s.addShape('rect', { x: px(box.x), y: px(box.y), w: px(box.w), h: px(box.h), fill: { color: COLOR.commentaryBg }, line: { type: 'none' } });
  s.addShape('rect', { x: px(box.x), y: px(box.y), w: px(4), h: px(box.h), fill: { color: COLOR.commentaryRule }, line: { type: 'none' } });
  const runs: PptxGenJS.TextProps[] = slide.commentary.map((p, i) => ({ text: p, options: { breakLine: i < slide.commentary.length - 1, paraSpaceAfter: 4 } }));
  text(s, env, runs, { x: box.x + 14, y: box.y + 10, w: box.w - 28, h: box.h - 20 }, { fontSize: pt(COMMENTARY.fontSize), color: COLOR.commentary, lineSpacingMultiple: 1.3, fit: 'shrink' });
}

function emptyBox(s: PptxGenJS.Slide, env: Env, message: string, box: Box): void {
  s.addText(message, {
    x: px(box.x),
    y: px(box.y),
    w: px(box.w),
    h: px(box.h),
    shape: 'roundRect',
    rectRadius: px(12),
    line: { color: COLOR.dashed, width: 1.5, dashType: 'dash' },
    fontFace: FONT,
    lang: env.lang,
    fontSize: pt(24),
    color: COLOR.muted,
    align: 'center',
    valign: 'middle',
    margin: pt(40),
  });
}

function cover(s: PptxGenJS.Slide, env: Env, slide: Slide): void {
  s.background = { color: COLOR.accent };
  const c = slide.cover!;
  const w = SLIDE_WIDTH - 160;
  const titleH = lineCount(slide.title, 56, w) * 56 * 1.2;
  const linesH = 3 * 33;
  const total = 40 + 16 + titleH + 40 + linesH;
  let y = (SLIDE_HEIGHT - total) / 2;
  text(s, env, c.region, { x: 80, y, w, h: 40 }, { fontSize: pt(28), color: 'FFFFFF', transparency: 15 });
  y += 56;
  text(s, env, slide.title, { x: 80, y, w, h: titleH }, { fontSize: pt(56), bold: true, color: 'FFFFFF', fit: 'shrink' });
  y += titleH + 40;
  const lines: PptxGenJS.TextProps[] = [c.manager, c.date, c.versionName].map((l, i) => ({ text: l, options: { breakLine: i < 2 } }));
  text(s, env, lines, { x: 80, y, w, h: linesH }, { fontSize: pt(22), color: 'FFFFFF', transparency: 10, lineSpacingMultiple: 1.2 });
}

function chapter(s: PptxGenJS.Slide, env: Env, slide: Slide): void {
  s.background = { color: COLOR.card };
  const x = PAD.side + 12 + 40;
  const w = SLIDE_WIDTH - PAD.side - x;
  const h = lineCount(slide.title, 52, w) * 52 * 1.25;
  const y = (SLIDE_HEIGHT - h) / 2;
  s.addShape('rect', { x: px(PAD.side), y: px(y), w: px(12), h: px(h), fill: { color: COLOR.accent }, line: { type: 'none' } });
  text(s, env, slide.title, { x, y, w, h }, { fontSize: pt(52), bold: true, color: COLOR.accent, valign: 'middle', fit: 'shrink' });
}

function contents(s: PptxGenJS.Slide, env: Env, slide: Slide, numberOf: (shown: number) => number): void {
  const items = slide.contents ?? [];
  const main = mainBox(slide);
  const perColumn = Math.max(1, Math.ceil(items.length / 2));
  const colW = (main.w - 40 - 80) / 2;
  const lineH = 26 * 1.9;
  items.forEach((item, i) => {
    const col = Math.floor(i / perColumn);
    const row = i % perColumn;
    const box = { x: main.x + 40 + col * (colW + 80), y: main.y + 12 + row * lineH, w: colW, h: lineH };
    text(
      s,
      env,
      [
        { text: `${i + 1}. ${item.title}`, options: { fontSize: pt(26) } },
        { text: `    ${numberOf(item.slide)}`, options: { fontSize: pt(20), color: COLOR.faint } },
      ],
      box,
      { valign: 'middle', fit: 'shrink' },
    );
  });
}

/** The deck's shown slides as a .pptx package (not yet written anywhere). */
export async function deckPptxBytes(deck: Deck): Promise<PptxResult> {
  const started = performance.now();
  const env: Env = { deck, t: translator(deck.language), lang: LANG_TAG[deck.language] };
  const shown = shownSlides(deck);

  // Where each shown slide lands in the file, once long tables have their continuation slides.
  const paged = shown.map((s) => (s.table && !s.empty ? pageTable(env, s, s.table) : null));
  const firstNumber: number[] = [];
  let count = 0;
  shown.forEach((_s, i) => {
    firstNumber.push(count + 1);
    count += paged[i] ? paged[i].pages.length : 1;
  });
  const numberOf = (shownNumber: number) => firstNumber[shownNumber - 1] ?? shownNumber;

  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  pres.title = deck.title;
  pres.author = deck.manager;
  pres.subject = deck.regionName;
  pres.theme = { headFontFace: FONT, bodyFontFace: FONT };

  shown.forEach((slide, i) => {
    const s = pres.addSlide();
    const number = firstNumber[i];
    if (slide.notes.trim()) s.addNotes(slide.notes);
    if (slide.kind === 'cover' && slide.cover) return cover(s, env, slide);
    if (slide.kind === 'chapter') return chapter(s, env, slide);
    head(s, env, slide.title, slide.subtitle);
    footer(s, env, number, count);
    if (slide.kind === 'contents') return contents(s, env, slide, numberOf);
    cards(s, env, slide);
    if (slide.empty) return emptyBox(s, env, slide.empty.message, mainBox(slide));
    const layout = mainLayout(slide);
    slide.charts.forEach((c, j) => chartBox(s, env, c, layout.charts[j]));
    if (layout.side) {
      const comment = commentaryBox(slide, layout.side);
      if (comment) commentary(s, env, slide, comment);
      const table = paged[i];
      if (table) {
        drawTable(s, env, table, table.pages[0], 'first', table.firstBox);
        table.pages.slice(1).forEach((page, k) => {
          const c = pres.addSlide();
          const title = env.t('deck.pptx.continued', { title: slide.title });
          head(c, env, title, slide.subtitle);
          footer(c, env, number + k + 1, count);
          drawTable(c, env, table, page, 'rest', mainBox({ ...slide, cards: [] }));
        });
      }
    }
  });

  const raw = (await pres.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  const generateMs = performance.now() - started;
  const fixed = await fixPackage(raw, FONT);
  return { bytes: fixed.bytes, slides: count, firstSlides: firstNumber, timings: { generateMs, fixMs: fixed.stats.ms } };
}

/** The name a saved deck is offered under, e.g. "華東大區-2026年度總結.pptx". */
export function deckFileName(deck: Deck, extension: string): string {
  const doc = translator(deck.language)(`deck.doc.${deck.doc}`);
  const name = deck.language === 'en' ? `${deck.regionName}-${deck.year} ${doc}` : `${deck.regionName}-${deck.year}${doc}`;
  return `${safeFileName(name, 'deck')}.${extension}`;
}

export interface WrittenDeck {
  path: string;
  slides: number;
  bytes: number;
  timings: PptxTimings & { writeMs: number };
}

/** Writes the deck as a .pptx at `path` (atomically). */
export async function writeDeckPptx(deck: Deck, path: string): Promise<WrittenDeck> {
  const made = await deckPptxBytes(deck);
  const started = performance.now();
  writeAtomically(path, made.bytes);
  return { path, slides: made.slides, bytes: made.bytes.length, timings: { ...made.timings, writeMs: performance.now() - started } };
}
