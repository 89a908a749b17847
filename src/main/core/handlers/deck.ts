import { AppError } from '../../../shared/errors';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { arrangeDeck, buildDeck, buildSlide, resetDeck } from '../services/deck';
import { targetCache } from '../services/targets/model';
import { deckFileName, writeDeckPptx } from '../io/pptx/writer';
import { pdfFileName, printHash } from '../../../shared/print';
import { translate } from '../../../shared/i18n';
import { countPdfPages } from '../io/pdfExport';
import { writeAtomically } from '../io/atomicWrite';
import { findRegionMeta } from '../repos/region';

/** 總結與導出: the review and the plan as a deck, its arrangement, and its exports. */
export function registerDeck(r: HandlerRegistry, session: Session): void {
  r.query('deck.get', ({ doc, versionId, language }, { db, file }) =>
    buildDeck(db, () => targetCache(file, db), { doc, versionId, language: language ?? session.state.language }),
  );
  r.query('deck.slide', ({ doc, versionId, key, filter, language }, { db, file }) =>
    buildSlide(db, () => targetCache(file, db), { doc, versionId, key, filter, language: language ?? session.state.language }),
  );
  r.command('deck.arrange', (input, { db }) => (arrangeDeck(db, input), null));
  r.command('deck.reset', (input, { db }) => (resetDeck(db, input), null));
  // The exports are written by their own modules (the PowerPoint writer, the printer).
  r.asyncCommand('deck.exportPptx', async ({ doc, versionId, language }, { file }) => {
    // Built before the dialog: a deck that cannot be built (an unknown version) is refused without asking where to save it.
    const deck = buildDeck(file.read, () => targetCache(file, file.read), { doc, versionId, language: language ?? session.state.language });
    const path = await session.host.chooseExportPath(deckFileName(deck, 'pptx'));
    if (path === null) return null;
    const written = await writeDeckPptx(deck, path);
    return { path: written.path, slides: written.slides, bytes: written.bytes };
  });
  // The PDF is the renderer's print page printed by the host (a hidden window in the
  // Electron shell), so it is the very page the screen draws; a host that cannot print
  // without a dialog (the web host) leaves it to the browser.
  r.asyncCommand('deck.exportPdf', async ({ doc, versionId, layout, language }, { file }) => {
    const host = session.host;
    if (!host.printToPdf) throw new AppError('NOT_SUPPORTED', 'printing to PDF needs the desktop app; the page prints itself in a browser');
    const lang = language ?? session.state.language;
    const meta = findRegionMeta(file.read);
    const title = translate(lang, 'deck.docTitle', {
      region: meta.region_name,
      year: doc === 'review' ? meta.plan_year - 1 : meta.plan_year,
      doc: translate(lang, `deck.doc.${doc}`),
    });
    const path = await host.chooseExportPath(pdfFileName(title, layout));
    if (path === null) return null;
    const bytes = await host.printToPdf(printHash({ doc, layout, language: lang, ...(versionId !== undefined ? { versionId } : {}) }), { layout });
    writeAtomically(path, bytes);
    return { path, pages: countPdfPages(bytes), bytes: bytes.byteLength };
  });
}
