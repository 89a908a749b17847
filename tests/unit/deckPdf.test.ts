import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Slide } from '../../src/shared/deck';
import { parsePrintHash, pdfFileName, printHash, PRINT_PAPER } from '../../src/shared/print';
import { countPdfPages } from '../../src/main/core/io/pdfExport';
import { pdfPrintOptions, printPage, printUrl, waitForPrintReady, PrintPageError, PrintTimeoutError } from '../../src/main/shell/printPdf';
import { arrangementOf, moveSlide, notesToStore, shownNumbers, titleToStore, withSlide } from '../../src/renderer/src/features/review/arrangement';
import { pageCounterContent, reportSections } from '../../src/renderer/src/features/review/print/report';
import { demoOpener, invokeOk, invokeRefused, tempDir } from './helpers';
import type { Host } from '../../src/main/core/host';

// The deck's arrangement as the editor sends it, the print route, the report's sections
// and page numbers, the Electron shell's printing (without Electron), and the
// deck.exportPdf handler with a host that prints and one that cannot.

function slide(key: string, over: Partial<Slide> = {}): Slide {
  return {
    key, kind: 'content', chapter: 'sales', chapterTitle: '銷售', defaultTitle: `T ${key}`, title: `T ${key}`, subtitle: '', hidden: false,
    notes: 'core notes', notesEdited: false, cards: [], charts: [], table: null, commentary: [], empty: null, ...over,
  };
}

describe('the editor\'s arrangement', () => {
  it('sends titles and notes equal to the core\'s as null, the others as typed', () => {
    const slides = [slide('a'), slide('b', { title: '我的標題', notes: '我的', notesEdited: true, hidden: true })];
    expect(arrangementOf(slides)).toEqual([
      { key: 'a', hidden: false, title: null, notes: null },
      { key: 'b', hidden: true, title: '我的標題', notes: '我的' },
    ]);
  });

  it('moves a slide within bounds and changes one slide only', () => {
    expect(moveSlide(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveSlide(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveSlide(['a', 'b', 'c'], 1, -3)).toEqual(['b', 'a', 'c']);
    const list = arrangementOf([slide('a'), slide('b')]);
    expect(withSlide(list, 'b', { hidden: true })).toEqual([list[0], { ...list[1], hidden: true }]);
  });

  it('stores a typed title only when it changed; empty or the default title goes back to the core\'s', () => {
    const s = slide('a');
    expect(titleToStore(s, '  T a ')).toBeUndefined();
    expect(titleToStore(s, ' 新標題 ')).toBe('新標題');
    const renamed = slide('a', { title: '新標題' });
    expect(titleToStore(renamed, '')).toBeNull();
    expect(titleToStore(renamed, 'T a')).toBeNull();
    expect(titleToStore(renamed, '新標題')).toBeUndefined();
    expect(notesToStore(s, 'core notes')).toBeUndefined();
    expect(notesToStore(s, '')).toBe('');
  });

  it('numbers the shown slides only', () => {
    const numbers = shownNumbers({ slides: [slide('a'), slide('b', { hidden: true }), slide('c')] });
    expect([...numbers]).toEqual([['a', 1], ['c', 2]]);
  });
});

describe('the print route and the report', () => {
  it('round-trips the route and refuses anything else', () => {
    const route = { doc: 'plan', versionId: 7, layout: 'report', language: 'zh-Hans', auto: true } as const;
    expect(printHash(route)).toBe('#print?doc=plan&layout=report&lang=zh-Hans&version=7&auto=1');
    expect(parsePrintHash(printHash(route))).toEqual(route);
    expect(parsePrintHash('#print?doc=review&layout=slides&lang=en')).toEqual({ doc: 'review', layout: 'slides', language: 'en' });
    for (const bad of ['', '#', '#print?doc=x&layout=slides&lang=en', '#print?doc=review&layout=a3&lang=en', '#print?doc=review&layout=slides&lang=fr', '#print?doc=review&layout=slides&lang=en&version=0', '#print?doc=review&layout=slides&lang=en&version=1.5']) {
      expect(parsePrintHash(bad), bad).toBeNull();
    }
  });

  it('names the PDF after the deck, safely', () => {
    expect(pdfFileName('華東大區 2027 年度計劃', 'slides')).toBe('華東大區 2027 年度計劃.pdf');
    expect(pdfFileName('a/b:c', 'report')).toBe('a b c (A4).pdf');
  });

  it('writes the page numbers as CSS counters around the words of the language', () => {
    expect(pageCounterContent('第 @@PAGE@@ / @@PAGES@@ 頁')).toBe('"第 " counter(page) " / " counter(pages) " 頁"');
    expect(pageCounterContent('Page @@PAGE@@ of @@PAGES@@')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageCounterContent('"x\\" @@PAGE@@')).toBe('"\\"x\\\\\\" " counter(page)');
  });

  it('groups the shown slides into chapters, leaving out the cover and the contents', () => {
    const slides = [
      slide('cover', { kind: 'cover' }),
      slide('contents', { kind: 'contents' }),
      slide('s.title', { kind: 'chapter', title: '1. 銷售', chapter: 'sales' }),
      slide('s1'),
      slide('e.title', { kind: 'chapter', title: '2. 費用', chapter: 'expenses' }),
      slide('e1', { chapter: 'expenses', chapterTitle: '費用' }),
      // Moved out of its chapter's run: printed under its own chapter's name.
      slide('s2'),
    ];
    expect(reportSections(slides).map((s) => [s.title, s.slides.map((x) => x.key)])).toEqual([
      ['1. 銷售', ['s1']],
      ['2. 費用', ['e1']],
      ['銷售', ['s2']],
    ]);
  });
});

describe('printing in the Electron shell', () => {
  it('prints with the page\'s own paper and no Chromium header or footer', () => {
    expect(pdfPrintOptions('slides')).toMatchObject({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, pageSize: PRINT_PAPER.slides });
    expect(pdfPrintOptions('report').pageSize).toEqual({ width: 8.27, height: 11.69 });
    expect(printUrl('app://renderer/index.html', '#print?doc=review')).toBe('app://renderer/index.html#print?doc=review');
    expect(printUrl('http://localhost:5173/#old', '#print?x')).toBe('http://localhost:5173/#print?x');
  });

  it('waits for the page to say it is ready, and gives up on an error or after the timeout', async () => {
    const answers = [null, 'false', 'true'];
    const calls: string[] = [];
    const page = {
      loadURL: async (url: string) => void calls.push(`load ${url}`),
      executeJavaScript: async () => (answers.length > 0 ? answers.shift() : 'true'),
      printToPDF: async () => (calls.push('print'), new Uint8Array([1, 2, 3])),
    };
    expect(await printPage(page, 'app://renderer/index.html#print?x', 'report', 5_000)).toEqual(new Uint8Array([1, 2, 3]));
    expect(calls).toEqual(['load app://renderer/index.html#print?x', 'print']);
    expect(answers).toEqual([]);
    await expect(waitForPrintReady({ executeJavaScript: async () => 'error' }, 1_000, 1)).rejects.toBeInstanceOf(PrintPageError);
    let t = 0;
    await expect(waitForPrintReady({ executeJavaScript: async () => null }, 50, 1, () => (t += 20))).rejects.toBeInstanceOf(PrintTimeoutError);
  });
});

/** What the host of the next opened file can do (the default: print nothing, as the web host). */
let hostCan: Partial<Host> = {};
const open = demoOpener(() => hostCan);

describe('deck.exportPdf', () => {
  it('is NOT_SUPPORTED where the host cannot print (the page prints itself in a browser)', async () => {
    hostCan = {};
    const c = await open();
    const e = await invokeRefused(c, 'deck.exportPdf', { doc: 'review', layout: 'slides' });
    expect(e.code).toBe('NOT_SUPPORTED');
  });

  it('prints the route of the document asked for and writes the PDF where the user chose, in one piece', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.pdf');
    const routes: string[] = [];
    // Two pages as Chromium writes them: a /Pages tree and two /Page objects.
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page /Parent 1 0 R>>\n%%EOF');
    hostCan = {
      chooseExportPath: async (name: string) => (routes.push(`name ${name}`), target),
      printToPdf: async (route: string, options: { layout: string }) => (routes.push(`${route} ${options.layout}`), pdf),
    };
    const c = await open();
    const out = await invokeOk(c, 'deck.exportPdf', { doc: 'plan', layout: 'report', language: 'en', versionId: 1 });
    expect(out).toEqual({ path: target, pages: 2, bytes: pdf.byteLength });
    expect(routes).toEqual(['name 華東大區 2027 Annual plan (A4).pdf', '#print?doc=plan&layout=report&lang=en&version=1 report']);
    expect(readFileSync(target)).toEqual(Buffer.from(pdf));
    expect(readdirSync(dir)).toEqual(['out.pdf']);
    expect(countPdfPages(pdf)).toBe(2);
  });

  it('writes nothing when the save dialog is cancelled, and leaves no partial file when printing fails', async () => {
    const dir = tempDir();
    hostCan = { chooseExportPath: async () => null, printToPdf: async () => new Uint8Array() };
    expect(await invokeOk(await open(), 'deck.exportPdf', { doc: 'review', layout: 'slides' })).toBeNull();
    hostCan = { chooseExportPath: async () => join(dir, 'x.pdf'), printToPdf: async () => Promise.reject(new Error('the print page was not ready after 120 s')) };
    const e = await invokeRefused(await open(), 'deck.exportPdf', { doc: 'review', layout: 'slides' });
    expect(e.message).toContain('not ready');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});

// ipc.ts binds ipcMain at run time; its sender check needs none of Electron.
vi.mock('electron', () => ({ ipcMain: { handle: () => undefined } }));

describe('the IPC sender check with print windows', () => {
  // Stand-ins for Electron's windows and frames: what isTrustedSender reads of them.
  const frame = (processId: number, routingId: number, url = 'app://renderer/index.html#print?doc=review') => ({ processId, routingId, url, isDestroyed: () => false, detached: false });
  const win = (id: number, processId: number) => ({ isDestroyed: () => false, webContents: { id, mainFrame: frame(processId, 1) } });
  const isOwnPage = (url: string) => url.startsWith('app://renderer/');

  it('accepts the main window and a print window while it prints, and nothing else', async () => {
    const { isTrustedSender } = await import('../../src/main/shell/ipc');
    const main = win(1, 10);
    const printing = win(2, 20);
    const prints = new Set([printing]);
    const options = { mainWindow: () => main, printWindows: () => prints, isOwnPage } as unknown as Parameters<typeof isTrustedSender>[1];
    const event = (senderId: number, f: ReturnType<typeof frame>) => ({ sender: { id: senderId }, senderFrame: f }) as unknown as Parameters<typeof isTrustedSender>[0];
    expect(isTrustedSender(event(1, frame(10, 1)), options)).toBe(true);
    expect(isTrustedSender(event(2, frame(20, 1)), options)).toBe(true);
    // A sub-frame of the print window, another page, another window: refused.
    expect(isTrustedSender(event(2, frame(20, 2)), options)).toBe(false);
    expect(isTrustedSender(event(2, frame(20, 1, 'https://evil.example/')), options)).toBe(false);
    expect(isTrustedSender(event(3, frame(30, 1)), options)).toBe(false);
    // Once printed, the window is forgotten and refused.
    prints.delete(printing);
    expect(isTrustedSender(event(2, frame(20, 1)), options)).toBe(false);
  });
});
