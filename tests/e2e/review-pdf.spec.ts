import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PRINT_PAPER, printHash, type PrintLayout } from '../../src/shared/print';
import { expect, test } from './fixtures';
import { ReviewPage } from './pages/ReviewPage';

// The deck's PDFs, printed as the web host's browser prints them: the print route of
// the renderer in Chromium, printed with page.pdf() and the same options the Electron
// shell gives printToPDF (the page's @page sets paper, margins and page numbers). Then
// checked with poppler as a reader would see them: the pages, their size, the figures
// as the screen shows them, and the Chinese fonts embedded.

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const squeeze = (s: string) => s.replace(/\s+/g, '');

async function printPdf(page: Page, layout: PrintLayout, path: string): Promise<void> {
  const paper = PRINT_PAPER[layout];
  const printPage = await page.context().newPage();
  const problems: string[] = [];
  printPage.on('pageerror', (e) => problems.push(e.message));
  await printPage.goto(`${page.url().split('#')[0]}${printHash({ doc: 'review', layout, language: 'zh-Hant' })}`);
  await expect(printPage.locator('html')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  await printPage.pdf({ path, printBackground: true, preferCSSPageSize: true, width: `${paper.width}in`, height: `${paper.height}in`, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
  await printPage.close();
  expect(problems).toEqual([]);
}

function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const info = poppler('pdfinfo', path);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/**
 * Every font of the PDF is embedded and maps its glyphs to Unicode (text, not
 * pictures of text). Chromium embeds a TrueType CJK font (Microsoft YaHei, PingFang) as
 * a named CID subset; a CFF one (Noto Sans CJK, the only CJK fonts here) it embeds as
 * unnamed Type 3 glyph procedures, still with their Unicode map.
 */
function expectFontsEmbedded(path: string): void {
  const fonts = poppler('pdffonts', path).split('\n').slice(2).filter(Boolean);
  expect(fonts.length).toBeGreaterThan(0);
  // name type encoding emb sub uni object ID
  for (const line of fonts) expect(line, line).toMatch(/\s(yes)\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
}

test('the review prints as 16:9 slides and as an A4 report with the screen\'s figures', async ({ start, workspace, page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('review').click();
  const review = new ReviewPage(page);
  await review.expectLoaded();

  // Hide the contents slide: the PDF of the slides has one page per shown slide.
  await review.item('review.contents').getByTestId('slide-toggle-hidden').click();
  await expect(review.root).toHaveAttribute('data-pending', 'false');
  const shown = await review.root.locator('[data-testid="slide-item"][data-hidden="false"]').count();
  const keys = await review.keys();
  const content = keys.find((k) => !/\.(cover|contents|title)$/.test(k));
  expect(content, 'a content slide').toBeDefined();

  // The figures as the screen shows them: the cards and table cells of a content slide.
  await review.pick(content as string);
  const figures = (await review.preview.locator('.slide__card-value, .slide__table td').allInnerTexts()).map(squeeze).filter((f) => f !== '' && f !== '—');
  expect(figures.length).toBeGreaterThan(0);
  const title = await review.preview.getByTestId('slide-title').innerText();

  const dir = testInfo.outputPath('pdf');
  mkdirSync(dir, { recursive: true });

  // 1. The slides: 13.333 × 7.5 in (960 × 540 pt), one page per shown slide.
  const slidesPdf = join(dir, 'review-slides.pdf');
  await printPdf(page, 'slides', slidesPdf);
  const slides = pdfInfo(slidesPdf);
  expect(slides.pages).toBe(shown);
  expect(slides.width).toBeCloseTo(960, 0);
  expect(slides.height).toBeCloseTo(540, 0);
  const slidesText = squeeze(poppler('pdftotext', '-layout', slidesPdf, '-'));
  expect(slidesText).toContain(squeeze(title));
  for (const f of figures) expect(slidesText, `figure ${f}`).toContain(f);
  // The contents slide is hidden: not printed.
  expect(slidesText).not.toContain('目錄');
  expectFontsEmbedded(slidesPdf);

  // 2. The report: A4 portrait, a cover, the contents, numbered pages 第 X / Y 頁.
  const reportPdf = join(dir, 'review-report.pdf');
  await printPdf(page, 'report', reportPdf);
  const report = pdfInfo(reportPdf);
  expect(report.width).toBeCloseTo(595, 0);
  expect(report.height).toBeCloseTo(842, 0);
  expect(report.pages).toBeGreaterThanOrEqual(3);
  const reportText = squeeze(poppler('pdftotext', '-layout', reportPdf, '-'));
  expect(reportText).toContain('目錄');
  expect(reportText).toContain(squeeze(title));
  for (const f of figures) expect(reportText, `figure ${f}`).toContain(f);
  for (let p = 2; p <= report.pages; p++) expect(reportText).toContain(`第${p}/${report.pages}頁`);
  // The cover carries no page number.
  expect(squeeze(poppler('pdftotext', '-f', '1', '-l', '1', reportPdf, '-'))).not.toContain(`第1/${report.pages}頁`);
  expectFontsEmbedded(reportPdf);

  // Pages as images, to look at (and a check that poppler can draw every page).
  execFileSync('pdftoppm', ['-png', '-r', '60', slidesPdf, join(dir, 'slides')]);
  execFileSync('pdftoppm', ['-png', '-r', '60', reportPdf, join(dir, 'report')]);
  writeFileSync(join(dir, 'figures.txt'), figures.join('\n'));
});

test('in a browser the PDF buttons open the print page in a new window, which prints itself', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('review').click();
  const review = new ReviewPage(page);
  await review.expectLoaded();
  // Printing is the browser's: window.print() is recorded instead of showing its dialog.
  await page.context().addInitScript(() => {
    window.print = () => document.documentElement.setAttribute('data-printed', 'true');
  });
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('deck-export-pdf-report').click()]);
  await expect(page.getByTestId('deck-export-message')).toHaveText('打印頁已在新窗口打開；在打印對話框中選擇「另存為 PDF」。');
  expect(popup.url()).toContain('#print?doc=review&layout=report&lang=zh-Hant&auto=1');
  await expect(popup.locator('html')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  await expect(popup.locator('html')).toHaveAttribute('data-printed', 'true');
  await expect(popup).toHaveTitle('華東大區 2026 年度總結 (A4)');
  await popup.close();
});
