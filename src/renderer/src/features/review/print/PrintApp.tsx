import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shownSlides, type Deck } from '../../../../../shared/deck';
import type { AppErrorData } from '../../../../../shared/errors';
import { PRINT_READY_ATTRIBUTE, type PrintRoute } from '../../../../../shared/print';
import { api, toErrorData } from '../../../api/client';
import { errorText } from '../../../i18n';
import { PrintReport } from './PrintReport';
import { PrintSlides } from './PrintSlides';
import './print.css';

// A print page of the deck, drawn without the workspace: the slides (16:9, a slide a
// page) or the A4 report. It reads the deck once, draws every chart with SVG, and sets
// data-print-ready on <html> when every chart has drawn and the fonts are loaded: the
// Electron shell, the tests and the bench print then; in a browser (auto) the page
// opens the print dialog itself.

const POLL_MS = 50;

function allChartsDrawn(root: HTMLElement): boolean {
  const charts = root.querySelectorAll<HTMLElement>('[role="img"][data-rendered]');
  return [...charts].every((c) => c.dataset.rendered === 'true');
}

export function PrintApp({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  const [deck, setDeck] = useState<Deck | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let live = true;
    api.call('deck.get', { doc: route.doc, language: route.language, ...(route.versionId !== undefined ? { versionId: route.versionId } : {}) }).then(
      (d) => {
        if (live) setDeck(d);
      },
      (e: unknown) => {
        if (!live) return;
        setError(toErrorData(e));
        document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'error');
      },
    );
    return () => {
      live = false;
    };
  }, [route]);

  useEffect(() => {
    if (!deck) return;
    document.title = route.layout === 'report' ? `${deck.title} (A4)` : deck.title;
    const root = document.getElementById('root');
    if (!root) return;
    let stopped = false;
    // Charts report "rendered" on their own schedule (ECharts' finished event); waiting
    // for them by polling keeps the page free of a registry of charts.
    const timer = window.setInterval(() => {
      if (stopped || !allChartsDrawn(root)) return;
      stopped = true;
      window.clearInterval(timer);
      void document.fonts.ready.then(() => {
        document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'true');
        if (route.auto) window.print();
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [deck, route]);

  if (error) {
    return (
      <p className="print-message" role="alert" data-testid="print-error">
        {errorText(error)}
      </p>
    );
  }
  if (!deck) return <p className="print-message">{t('deck.ui.printLoading')}</p>;
  const slides = shownSlides(deck);
  return route.layout === 'slides' ? <PrintSlides deck={deck} slides={slides} /> : <PrintReport deck={deck} slides={slides} />;
}
