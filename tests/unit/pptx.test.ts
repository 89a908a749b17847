import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { shownSlides, type Deck, type SlideChart } from '../../src/shared/deck';
import { DOUGHNUT_COLORS, seriesColor } from '../../src/shared/chartPalette';
import { centsToUnit } from '../../src/shared/units';
import { figureText } from '../../src/main/core/services/deck/context';
import { deckFileName, deckPptxBytes } from '../../src/main/core/io/pptx/writer';
import { columnWidths, lineCount, pageRows, rowHeight, textEms } from '../../src/main/core/io/pptx/measure';
import { seriesColor as screenSeriesColor, slideChartOption } from '../../src/renderer/src/features/review/slideChart';
import { CHARTS, handDeck } from './pptxFixture';
import { demoOpener, invokeOk, tempDir } from './helpers';

// The PowerPoint export: a hand-made deck with every chart kind, a long table and an
// empty slide, and the demo region's two decks through deck.exportPptx. The package is
// read back with JSZip (native charts, the repairs of pptxgenjs' XML, notes), and then
// opened by a real client: LibreOffice converts it to PDF, and poppler counts its pages
// and finds the titles and the cards' figures as the screen formats them.

const SOFFICE = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();

type Package = { zip: JSZip; text: (name: string) => Promise<string>; names: (re: RegExp) => string[] };

async function open(bytes: Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  const byNumber = (a: string, b: string) => Number(/(\d+)\.xml/.exec(a)?.[1]) - Number(/(\d+)\.xml/.exec(b)?.[1]);
  return {
    zip,
    text: (name) => zip.file(name)!.async('string'),
    names: (re) => Object.keys(zip.files).filter((n) => re.test(n)).sort(byNumber),
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What every chart part must hold whatever the deck: the repairs made, axes that exist. */
async function expectChartsRepaired(pkg: Package, charts: SlideChart[]): Promise<void> {
  const parts = pkg.names(/^ppt\/charts\/chart\d+\.xml$/);
  expect(parts).toHaveLength(charts.length);
  for (const [i, name] of parts.entries()) {
    const xml = await pkg.text(name);
    const chart = charts[i];
    const ratio = chart.series.some((s) => s.role === 'ratio');
    const amounts = chart.series.some((s) => s.role !== 'ratio');
    switch (chart.kind) {
      case 'columnTarget':
        expect(xml).toContain('<c:barDir val="col"/>');
        expect(xml.includes('<c:lineChart>')).toBe(ratio && amounts);
        if (ratio && amounts) expect(xml).toMatch(/<c:valAx>[\s\S]*<c:axPos val="r"\/>[\s\S]*<\/c:valAx>/);
        break;
      case 'clusteredBar':
        expect(xml).toMatch(/<c:barDir val="bar"\/>\s*<c:grouping val="clustered"\/>/);
        break;
      case 'stacked100':
        expect(xml).toMatch(/<c:barDir val="bar"\/>\s*<c:grouping val="percentStacked"\/>/);
        break;
      case 'doughnut':
        expect(xml).toContain('<c:doughnutChart>');
        break;
      case 'line':
        expect(xml).toContain('<c:lineChart>');
        expect(xml).not.toContain('<c:barChart>');
        break;
    }
    // Every axis a chart group names exists (no third, dangling id as pptxgenjs writes for 2D bars and lines).
    const axes = new Set([...xml.matchAll(/<c:(?:catAx|valAx)>\s*<c:axId val="(\d+)"\/>/g)].map((m) => m[1]));
    for (const group of xml.matchAll(/<c:(barChart|lineChart)>([\s\S]*?)<\/c:\1>/g)) {
      const ids = [...group[2].matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(axes.has(id), `${name}: axis ${id}`).toBe(true);
    }
    expect(xml).not.toContain('2094734556');
    // The East Asian font beside every Latin one; no empty cached points.
    const latin = xml.match(/<a:latin\b[^>]*\/>/g) ?? [];
    expect(latin.length).toBeGreaterThan(0);
    expect(xml.match(/<a:latin\b[^>]*\/>\s*<a:ea typeface="Microsoft YaHei"\/>/g)).toHaveLength(latin.length);
    expect(xml).not.toMatch(/<c:v>\s*<\/c:v>/);
  }
  for (const theme of pkg.names(/^ppt\/theme\/theme\d+\.xml$/)) {
    const xml = await pkg.text(theme);
    expect(xml).not.toContain('<a:ea typeface=""/>');
    expect(xml).toContain('<a:ea typeface="Microsoft YaHei"/>');
  }
}

/** Each shown slide's notes are in the notes page of its slide in the file. */
async function expectNotes(pkg: Package, deck: Deck, firstSlides: number[]): Promise<void> {
  const shown = shownSlides(deck);
  for (const [i, slide] of shown.entries()) {
    if (!slide.notes.trim()) continue;
    const notes = await pkg.text(`ppt/notesSlides/notesSlide${firstSlides[i]}.xml`);
    // Each line of the notes is a paragraph of its own in the notes page.
    for (const line of slide.notes.split('\n').filter((l) => l.trim())) expect(notes).toContain(escapeXml(line));
  }
}

/** Converts decks with LibreOffice (a private profile, so parallel runs do not clash) and gives each PDF's path. */
function convert(files: string[]): string[] {
  const out = tempDir();
  const profile = `file://${tempDir()}/lo-profile`;
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return files.map((f) => join(out, f.replace(/^.*\//, '').replace(/\.pptx$/, '.pdf')));
}

const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1]);
/** A page's text with the spaces taken out: the converter sets spaces between Chinese and Latin runs as it likes. */
const pageText = (pdf: string, page: number) => spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
const squash = (s: string) => s.replace(/\s+/g, '');

/** The PDF shows every shown slide's title on its page, and the cards' labels and figures as the screen formats them. */
function expectPdfShowsDeck(pdf: string, deck: Deck, slides: number, firstSlides: number[]): void {
  expect(pages(pdf)).toBe(slides);
  for (const [i, slide] of shownSlides(deck).entries()) {
    const text = pageText(pdf, firstSlides[i]);
    expect(text, `slide ${firstSlides[i]}`).toContain(squash(slide.title));
    for (const card of slide.cards) {
      expect(text).toContain(squash(card.label));
      expect(text).toContain(squash(figureText(deck, card.kind, card.value)));
    }
    if (slide.empty) expect(text).toContain(squash(slide.empty.message));
  }
}

describe('measuring and paging', () => {
  it('measures Chinese full width and Latin half, and wraps by it', () => {
    expect(textEms('華東 AB12')).toBe(2 + 2.5);
    expect(textEms('（續）')).toBe(3);
    expect(lineCount('一二三四五六', 10, 30)).toBe(2);
    expect(lineCount('abcdef', 10, 30)).toBe(1);
    expect(lineCount('一\n二', 10, 100)).toBe(2);
  });

  it('pages rows so that every page fits, each row once, the total on the last page', () => {
    const g = { fontSize: 15, lineHeight: 21, padX: 12, padY: 9 };
    const cells = Array.from({ length: 57 }, (_, i) => [i % 5 === 0 ? '南京蘇果超市（新街口店）與無錫大統華購物中心聯合採購' : `客戶 ${i}`, '1,234.56']);
    const widths = columnWidths(cells, [false, true], 300, g);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(300);
    const heights = cells.map((r) => rowHeight(r, widths, g));
    expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights)); // the long names wrap
    const space = { first: 300, rest: 500 };
    const list = pageRows({ first: heights, rest: heights }, { first: 30, rest: 30 }, { first: 30, rest: 30 }, space);
    expect(list[0].from).toBe(0);
    list.forEach((p, k) => {
      if (k > 0) expect(p.from).toBe(list[k - 1].to);
      const used = 30 + heights.slice(p.from, p.to).reduce((a, b) => a + b, 0) + (p.last ? 30 : 0);
      expect(used).toBeLessThanOrEqual(k === 0 ? space.first : space.rest);
    });
    expect(list.at(-1)).toMatchObject({ to: cells.length, last: true });
    expect(list.filter((p) => p.last)).toHaveLength(1);
    // A table that fits takes one page; an empty one too.
    expect(pageRows({ first: [28, 28], rest: [28, 28] }, { first: 30, rest: 30 }, { first: 30, rest: 30 }, { first: 500, rest: 500 })).toEqual([{ from: 0, to: 2, last: true }]);
    expect(pageRows({ first: [], rest: [] }, { first: 30, rest: 30 }, { first: 0, rest: 0 }, { first: 500, rest: 500 })).toEqual([{ from: 0, to: 0, last: true }]);
  });

  it('colours series as the screen does (one palette, shared)', () => {
    for (const role of ['ours', 'target', 'lastYear', 'competitor', 'ratio', 'other'] as const) {
      for (const i of [0, 1, 2, 5]) expect(seriesColor(role, i)).toBe(screenSeriesColor(role, i));
    }
    const option = slideChartOption(CHARTS.doughnut, { unit: 'wan', language: 'zh-Hant' }) as { color: string[] };
    expect(option.color).toEqual(DOUGHNUT_COLORS);
    expect(seriesColor('ours', 3)).toBe('#1f5fa9');
  });
});

describe('the PowerPoint deck', () => {
  it('writes a hand-made deck: every chart kind native and repaired, a long table on continuation slides, an empty slide, notes', async () => {
    const deck = handDeck();
    const made = await deckPptxBytes(deck);
    const pkg = await open(made.bytes);
    const shown = shownSlides(deck);
    const charts = shown.flatMap((s) => s.charts);
    expect(charts.map((c) => c.kind).sort()).toEqual(['clusteredBar', 'columnTarget', 'doughnut', 'line', 'stacked100']);
    await expectChartsRepaired(pkg, charts);
    await expectNotes(pkg, deck, made.firstSlides);

    // 16:9 wide.
    expect(await pkg.text('ppt/presentation.xml')).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
    // The hidden slide is left out; the table's slide is followed by its continuation slides.
    const tableAt = shown.findIndex((s) => s.table);
    const continuations = made.firstSlides[tableAt + 1] - made.firstSlides[tableAt] - 1;
    expect(continuations).toBeGreaterThan(0);
    expect(made.slides).toBe(shown.length + continuations);
    const slideXml = await Promise.all(pkg.names(/^ppt\/slides\/slide\d+\.xml$/).map((n) => pkg.text(n)));
    expect(slideXml).toHaveLength(made.slides);
    expect(slideXml.join('')).not.toContain('不顯示的一頁');
    // The contents give the numbers the slides have in the file: the 8th shown slide comes after the continuation slides.
    expect(made.firstSlides[7]).toBe(8 + continuations);
    expect(slideXml[1]).toMatch(new RegExp(`<a:t>\\s*${8 + continuations}</a:t>`));
    for (let k = 1; k <= continuations; k++) expect(slideXml[made.firstSlides[tableAt] - 1 + k]).toContain('重點客戶（續）');
    // Every row of the table once, in order; the total once, on the last page.
    const tableText = slideXml.slice(made.firstSlides[tableAt] - 1, made.firstSlides[tableAt] + continuations).join('');
    const rows = deck.slides.find((s) => s.table)!.table!.rows;
    let at = -1;
    for (const r of rows) {
      const name = escapeXml(String(r[0]));
      const found = tableText.indexOf(`>${name}<`);
      expect(found, name).toBeGreaterThan(at);
      expect(tableText.indexOf(`>${name}<`, found + 1)).toBe(-1);
      at = found;
    }
    expect(slideXml[made.firstSlides[tableAt] + continuations - 1]).toContain('>1,000.00<');
    // Figures divided into the display unit (萬元): 1,200,000 元 → 120 in the first month's column.
    const chartParts = pkg.names(/^ppt\/charts\/chart\d+\.xml$/);
    const combo = await pkg.text(chartParts[0]);
    expect(combo).toMatch(/<c:pt idx="0">\s*<c:v>120<\/c:v>/);
    expect(combo).toContain('萬元');
    // The data sheet of the bar chart keeps its zero and its gap; its table range is well formed.
    const rels = await pkg.text(chartParts[1].replace('charts/', 'charts/_rels/') + '.rels');
    const book = await JSZip.loadAsync(await pkg.zip.file(`ppt/embeddings/${/embeddings\/([^"]+)"/.exec(rels)![1]}`)!.async('uint8array'));
    const sheet = await book.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).not.toMatch(/<v>\s*<\/v>/);
    expect(sheet).toMatch(/<c r="B\d+"><v>0<\/v><\/c>/);
    expect(await book.file('xl/tables/table1.xml')!.async('string')).toMatch(/ref="A1:[A-Z]+\d+"/);
    expect(deckFileName(deck, 'pptx')).toBe('華東大區-2026年度總結.pptx');
  });

  const dir = { path: '' };
  // The save dialog: answers with a path in dir.path, or is cancelled when there is none.
  const opener = demoOpener(() => ({ chooseExportPath: async (name: string) => (dir.path ? join(dir.path, name) : null) }));

  it('exports both demo decks through deck.exportPptx, figures as on screen, charts native and repaired, notes', async () => {
    const c = await opener();
    dir.path = tempDir();
    for (const doc of ['review', 'plan'] as const) {
      const deck = await invokeOk(c, 'deck.get', { doc, language: 'zh-Hant' });
      const result = await invokeOk(c, 'deck.exportPptx', { doc, language: 'zh-Hant' });
      expect(result).not.toBeNull();
      expect(result!.path).toBe(join(dir.path, deckFileName(deck, 'pptx')));
      const bytes = readFileSync(result!.path);
      expect(result!.bytes).toBe(bytes.length);
      const made = await deckPptxBytes(deck);
      expect(result!.slides).toBe(made.slides);
      const pkg = await open(bytes);
      const charts = shownSlides(deck).flatMap((s) => s.charts);
      await expectChartsRepaired(pkg, charts);
      await expectNotes(pkg, deck, made.firstSlides);
      // Each chart's first series holds the deck's figures in the display unit.
      const parts = pkg.names(/^ppt\/charts\/chart\d+\.xml$/);
      for (const [i, chart] of charts.entries()) {
        if (chart.kind === 'clusteredBar' || chart.kind === 'stacked100' || chart.valueKind !== 'amount') continue;
        const xml = await pkg.text(parts[i]);
        const first = /<c:val>[\s\S]*?<c:numCache>([\s\S]*?)<\/c:numCache>/.exec(xml)![1];
        const cached = new Map([...first.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g)].map((m) => [Number(m[1]), Number(m[2])]));
        const series = chart.series.find((s) => s.role !== 'ratio')!;
        series.values.forEach((v, j) => (v === null ? expect(cached.has(j)).toBe(false) : expect(cached.get(j)).toBeCloseTo(centsToUnit(v, deck.unit), 9)));
      }
    }
    // An unknown version is refused; a cancelled dialog writes nothing and answers null.
    const refused = await c.r.invoke('deck.exportPptx', { doc: 'review', versionId: 999 });
    expect(refused.ok ? null : refused.error.code).toBe('NOT_FOUND');
    dir.path = '';
    expect(await invokeOk(c, 'deck.exportPptx', { doc: 'review' })).toBeNull();
  });

  it.skipIf(!SOFFICE)(`opens in LibreOffice: a page per slide, the titles and the cards' figures as on screen${SOFFICE ? '' : ' (skipped: soffice is not installed)'}`, async () => {
    const c = await opener();
    dir.path = tempDir();
    const decks: { deck: Deck; file: string; slides: number; firstSlides: number[] }[] = [];
    for (const [name, deck] of [
      ['hand', handDeck()],
      ['review', await invokeOk(c, 'deck.get', { doc: 'review', language: 'zh-Hant' })],
      ['plan', await invokeOk(c, 'deck.get', { doc: 'plan', language: 'zh-Hans' })],
    ] as const) {
      const made = await deckPptxBytes(deck);
      const file = join(dir.path, `${name}.pptx`);
      writeFileSync(file, made.bytes);
      decks.push({ deck, file, slides: made.slides, firstSlides: made.firstSlides });
    }
    const pdfs = convert(decks.map((d) => d.file));
    decks.forEach((d, i) => {
      expect(existsSync(pdfs[i])).toBe(true);
      expectPdfShowsDeck(pdfs[i], d.deck, d.slides, d.firstSlides);
    });
    // The continuation slides say so.
    const hand = decks[0];
    const tableAt = shownSlides(hand.deck).findIndex((s) => s.table);
    expect(pageText(pdfs[0], hand.firstSlides[tableAt] + 1)).toContain('重點客戶（續）');
  }, 150_000);
});
