import { DECK_DOCS, type DeckDoc } from './deck';
import { LANGUAGES, type Language } from './units';

// The print pages of the deck (總結與導出): the renderer draws them at a hash route of
// its own page, without the workspace, and marks <html> ready once every chart has
// drawn. The Electron shell loads that route in a hidden window and prints it to PDF;
// the web host opens it in a new browser window that prints itself; the tests and the
// bench print it with Chromium's page.pdf(). The page size and margins are the page's
// CSS (@page, with the page numbers in its margin boxes), so every printer of the route
// gets the same pages.

export const PRINT_LAYOUTS = ['slides', 'report'] as const;
export type PrintLayout = (typeof PRINT_LAYOUTS)[number];

export interface PrintRoute {
  doc: DeckDoc;
  /** Absent: the working plan. */
  versionId?: number;
  layout: PrintLayout;
  language: Language;
  /** The page opens the browser's print dialog itself once ready (the web host's window). */
  auto?: boolean;
}

/** Set on <html> ("true") when every chart of the print page has drawn; "error" when the deck could not be read. */
export const PRINT_READY_ATTRIBUTE = 'data-print-ready';

/** The route's hash, e.g. "#print?doc=review&layout=slides&lang=zh-Hant&version=3". */
export function printHash(route: PrintRoute): string {
  const parts = [`doc=${route.doc}`, `layout=${route.layout}`, `lang=${route.language}`];
  if (route.versionId !== undefined) parts.push(`version=${route.versionId}`);
  if (route.auto) parts.push('auto=1');
  return `#print?${parts.join('&')}`;
}

/** The print route a hash names, or null when it is not one (the app itself). */
export function parsePrintHash(hash: string): PrintRoute | null {
  const m = /^#print\?(.*)$/.exec(hash);
  if (!m) return null;
  // Every value is a plain word or number: no escaping needed or accepted.
  const fields = new Map(m[1].split('&').map((p) => p.split('=', 2) as [string, string | undefined]));
  const q = { get: (name: string) => fields.get(name) ?? null };
  const doc = q.get('doc');
  const layout = q.get('layout');
  const language = q.get('lang');
  if (!(DECK_DOCS as readonly string[]).includes(doc ?? '')) return null;
  if (!(PRINT_LAYOUTS as readonly string[]).includes(layout ?? '')) return null;
  if (!(LANGUAGES as readonly string[]).includes(language ?? '')) return null;
  const version = q.get('version');
  const versionId = version === null ? undefined : Number(version);
  if (versionId !== undefined && !(Number.isInteger(versionId) && versionId > 0)) return null;
  return {
    doc: doc as DeckDoc,
    layout: layout as PrintLayout,
    language: language as Language,
    ...(versionId !== undefined ? { versionId } : {}),
    ...(q.get('auto') === '1' ? { auto: true } : {}),
  };
}

/** The paper of each layout in inches (what printToPDF and page.pdf are told besides the page's own @page). */
export const PRINT_PAPER: Record<PrintLayout, { width: number; height: number }> = {
  // PowerPoint's wide slide, 13.333 × 7.5 in: 16:9.
  slides: { width: 13.333, height: 7.5 },
  report: { width: 8.27, height: 11.69 },
};

/** A suggested file name for the PDF: "華東區 2027 年度總結.pdf" (the deck's title, made safe). */
export function pdfFileName(title: string, layout: PrintLayout): string {
  const base = [...title].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? ' ' : c)).join('').replace(/ {2,}/g, ' ').trim() || 'deck';
  return `${base}${layout === 'report' ? ' (A4)' : ''}.pdf`;
}
