import { PRINT_PAPER, PRINT_READY_ATTRIBUTE, type PrintLayout } from '../../shared/print';

// Printing the deck's print page to PDF in the Electron shell: a hidden window with the
// main window's secure settings loads the page's print route, waits until the page
// says every chart has drawn, and prints with Chromium's printToPDF. The page's own CSS
// sets the paper and the page numbers (@page), so the PDF equals what the web host's
// browser and the tests print. The Electron calls are behind a small interface so the
// waiting and the options are tested without Electron.

/** What the print needs of a hidden window's page (Electron's WebContents has it). */
export interface PrintablePage {
  loadURL(url: string): Promise<void>;
  executeJavaScript(code: string): Promise<unknown>;
  printToPDF(options: PdfPrintOptions): Promise<Uint8Array>;
}

/** The subset of Electron's printToPDF options the deck uses. */
export interface PdfPrintOptions {
  printBackground: boolean;
  preferCSSPageSize: boolean;
  displayHeaderFooter: boolean;
  /** Inches. */
  pageSize: { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  generateDocumentOutline: boolean;
}

/** The printToPDF options of a layout: the paper as a fallback, the page's @page governs. */
export function pdfPrintOptions(layout: PrintLayout): PdfPrintOptions {
  return {
    printBackground: true,
    preferCSSPageSize: true,
    // The page numbers are the page's CSS margin boxes, not Chromium's header and footer.
    displayHeaderFooter: false,
    pageSize: { ...PRINT_PAPER[layout] },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    generateDocumentOutline: false,
  };
}

const READY_SCRIPT = `document.documentElement.getAttribute(${JSON.stringify(PRINT_READY_ATTRIBUTE)})`;

export class PrintTimeoutError extends Error {}
export class PrintPageError extends Error {}

/** Waits until the page's <html> says ready ("true") or failed ("error"), polling. */
export async function waitForPrintReady(page: Pick<PrintablePage, 'executeJavaScript'>, timeoutMs: number, pollMs = 100, now: () => number = Date.now): Promise<void> {
  const until = now() + timeoutMs;
  for (;;) {
    const state = await page.executeJavaScript(READY_SCRIPT);
    if (state === 'true') return;
    if (state === 'error') throw new PrintPageError('the print page could not read the deck');
    if (now() >= until) throw new PrintTimeoutError(`the print page was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Loads the route in the page, waits until ready, and prints it. */
export async function printPage(page: PrintablePage, url: string, layout: PrintLayout, timeoutMs: number): Promise<Uint8Array> {
  await page.loadURL(url);
  await waitForPrintReady(page, timeoutMs);
  return page.printToPDF(pdfPrintOptions(layout));
}

/** The page's URL with the print route as its hash (replacing any hash it had). */
export function printUrl(pageUrl: string, route: string): string {
  const hash = pageUrl.indexOf('#');
  return `${hash < 0 ? pageUrl : pageUrl.slice(0, hash)}${route}`;
}
