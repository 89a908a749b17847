import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeckDoc } from '../../../../shared/deck';
import { printHash, type PrintLayout } from '../../../../shared/print';
import type { Language } from '../../../../shared/units';
import { api } from '../../api/client';
import { runCommand } from '../../api/commands';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';

// The deck's exports: PowerPoint (written by the core), and PDF, the slides (16:9) or
// the A4 report. The desktop app prints the PDF itself from a hidden window; in a
// browser the print page opens in a new window and shows the browser's print dialog.

interface Props {
  doc: DeckDoc;
  versionId: number | undefined;
  language: Language;
  disabled: boolean;
}

type Done = { kind: 'pptx'; path: string; slides: number } | { kind: 'pdf'; path: string; pages: number } | { kind: 'printWindow' } | { kind: 'printBlocked' };

export function DeckExports({ doc, versionId, language, disabled }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const target = { doc, ...(versionId !== undefined ? { versionId } : {}), language };

  const exportPptx = async () => {
    setBusy(true);
    try {
      const out = await runCommand('deck.exportPptx', target);
      if (!out.ok) app.showError({ titleKey: 'errors.title', data: out.error });
      else if (out.value) setDone({ kind: 'pptx', path: out.value.path, slides: out.value.slides });
    } finally {
      setBusy(false);
    }
  };

  const openPrintWindow = (layout: PrintLayout) => {
    const url = `${location.pathname}${location.search}${printHash({ ...target, layout, auto: true })}`;
    const w = window.open(url, '_blank');
    setDone(w ? { kind: 'printWindow' } : { kind: 'printBlocked' });
  };

  const exportPdf = async (layout: PrintLayout) => {
    // A browser cannot print without its dialog: open the print page at once, while
    // the click still counts as the user's (pop-up blockers allow that).
    if (api.transport === 'web') {
      openPrintWindow(layout);
      return;
    }
    setBusy(true);
    try {
      const out = await runCommand('deck.exportPdf', { ...target, layout });
      if (!out.ok) {
        if (out.error.code === 'NOT_SUPPORTED') openPrintWindow(layout);
        else app.showError({ titleKey: 'errors.title', data: out.error });
      } else if (out.value) setDone({ kind: 'pdf', path: out.value.path, pages: out.value.pages });
    } finally {
      setBusy(false);
    }
  };

  const message =
    done === null
      ? ''
      : done.kind === 'pptx'
        ? t('deck.ui.exportedPptx', { slides: done.slides, path: done.path })
        : done.kind === 'pdf'
          ? t('deck.ui.exportedPdf', { pages: done.pages, path: done.path })
          : done.kind === 'printWindow'
            ? t('deck.ui.printWindow')
            : t('deck.ui.printBlocked');

  return (
    <span className="rv-exports" role="group" aria-label={t('deck.ui.exports')}>
      <button type="button" className="btn btn--small" disabled={disabled || busy} onClick={() => void exportPptx()} data-testid="deck-export-pptx">
        {t('deck.ui.exportPptx')}
      </button>
      <button type="button" className="btn btn--small" disabled={disabled || busy} onClick={() => void exportPdf('slides')} data-testid="deck-export-pdf-slides">
        {t('deck.ui.exportPdfSlides')}
      </button>
      <button type="button" className="btn btn--small" disabled={disabled || busy} onClick={() => void exportPdf('report')} data-testid="deck-export-pdf-report">
        {t('deck.ui.exportPdfReport')}
      </button>
      {done && (
        <Modal
          title={t('deck.ui.exports')}
          onClose={() => setDone(null)}
          testId="deck-export-done"
          footer={
            <button type="button" className="btn btn--primary" onClick={() => setDone(null)} autoFocus>
              {t('common.ok')}
            </button>
          }
        >
          <p data-testid="deck-export-message">{message}</p>
        </Modal>
      )}
    </span>
  );
}
