import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PRINT_PAPER, printHash } from '../../src/shared/print';
import { median } from '../measure';
import { DECK_SALES_SQL, deckSalesSql } from './deckBaseline';
import type { BenchCase } from '../types';
import { REVIEW_YEAR } from './analysis';
import { gotoWorkspace, openInBrowser } from './grid';

// The A4 report of the large region's review printed to PDF, as the web host's browser
// and the Electron shell print it: the print route opened in Chromium (the deck read
// from the core, every chart drawn with SVG) and printed with page.pdf(). Timed from
// opening the route to the PDF's bytes, split into its steps. The baseline, in the same
// run, is the bare SQL behind the deck's charts.

const ROUNDS = 3;

export const reportPdfLarge: BenchCase = {
  name: 'report-pdf-large',
  async run(ctx) {
    const s = await openInBrowser(ctx, 'report-pdf');
    try {
      await gotoWorkspace(s.page, s.host.newLaunchUrl());
      const base = s.page.url().split('#')[0];
      const url = `${base}${printHash({ doc: 'review', layout: 'report', language: 'zh-Hant' })}`;
      const paper = PRINT_PAPER.report;
      const rounds: { total: number; deck: number; draw: number; pdf: number; pages: number; bytes: number }[] = [];
      // A first round warms the core's caches and Chromium's fonts, as a second export would find them.
      for (let i = 0; i <= ROUNDS; i++) {
        const { page } = s;
        // From a blank page: a new hash alone on the same page would not load it again.
        await page.goto('about:blank');
        const t0 = performance.now();
        await page.goto(url);
        await page.waitForSelector('[data-testid="print-report"]', { timeout: 120_000 });
        const t1 = performance.now();
        await page.waitForSelector('html[data-print-ready="true"]', { timeout: 120_000 });
        const t2 = performance.now();
        const path = join(s.dir, `report-${i}.pdf`);
        const bytes = await page.pdf({ path, printBackground: true, preferCSSPageSize: true, width: `${paper.width}in`, height: `${paper.height}in` });
        const t3 = performance.now();
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
        if (i > 0) rounds.push({ total: t3 - t0, deck: t1 - t0, draw: t2 - t1, pdf: t3 - t2, pages, bytes: bytes.length });
      }
      // The deck alone, as the print page asks for it (through the same HTTP call).
      const deckTimes: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        deckTimes.push(
          await s.page.evaluate(async () => {
            const t0 = performance.now();
            const res = await fetch('/api/invoke/deck.get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ doc: 'review', language: 'zh-Hant' }) });
            await res.json();
            return performance.now() - t0;
          }),
        );
      }
      const ms = (xs: number[]) => Math.round(median(xs));
      const ours = median(rounds.map((r) => r.total));
      const sql = deckSalesSql(join(s.dir, 'workspace', 'large.rplan'), REVIEW_YEAR, ROUNDS);
      const last = rounds[rounds.length - 1];
      return {
        case: 'report-pdf-large',
        ours_ms: Math.round(ours),
        baseline: DECK_SALES_SQL,
        baseline_ms: Math.round(sql.ms * 10) / 10,
        ratio: Math.round((ours / sql.ms) * 10) / 10,
        note: `A4 report of the review, ${last.pages} pages, ${Math.round(last.bytes / 1024)} KB; median of ${ROUNDS} after a warm-up: page and deck ${ms(rounds.map((r) => r.deck))} ms (deck.get alone ${ms(deckTimes)} ms), charts (SVG) and fonts ${ms(rounds.map((r) => r.draw))} ms, page.pdf ${ms(rounds.map((r) => r.pdf))} ms; goal ≤ 10 s`,
      };
    } finally {
      await s.close();
    }
  },
};
