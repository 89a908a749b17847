import type { Page } from '@playwright/test';
import type { Deck } from '../../src/shared/deck';
import { median } from '../measure';
import type { BenchCase } from '../types';
import { gotoWorkspace, openInBrowser } from './grid';

// Presenting the large region's review deck in Chromium (web host): → pressed again
// and again, each time from the key's event to the new slide painted with its charts
// drawn (every chart's data-rendered=true, then the frame after). The slides either
// side of the current one are drawn ahead, so this is the time to show a slide that
// is ready. Baseline, in the same run: the same key landing on a slide without charts
// (cover, contents, a chapter's title), the floor of the path (a key, a React render,
// a frame). The deck's SQL is not on this path at all: the deck was read once when the
// presentation started, and a key asks the core nothing.

const PRESSES = 40;
/** A presenter talks between slides; the neighbours are drawn in this pause. */
const PAUSE_MS = 400;

declare global {
  interface Window {
    __presentWait?: Promise<number>;
  }
}

/** Arms a watcher: the time from the next keydown to the painted slide `key` with its charts drawn. */
async function armWatch(page: Page, key: string): Promise<void> {
  await page.evaluate((expected) => {
    window.__presentWait = new Promise<number>((resolveWait, reject) => {
      const timer = setTimeout(() => reject(new Error(`slide ${expected} not painted within 30 s`)), 30_000);
      window.addEventListener(
        'keydown',
        () => {
          const t0 = performance.now();
          const check = () => {
            const current = document.querySelector(`[data-testid="present-stage-current"][data-key="${expected}"]`);
            const charts = current ? [...current.querySelectorAll('[data-testid^="slide-chart-"]')] : [];
            if (current && charts.every((c) => c.getAttribute('data-rendered') === 'true')) {
              // The frame that shows it: a frame callback, then the task after its paint.
              requestAnimationFrame(() =>
                setTimeout(() => {
                  clearTimeout(timer);
                  resolveWait(performance.now() - t0);
                }, 0),
              );
              return;
            }
            requestAnimationFrame(check);
          };
          check();
        },
        { once: true, capture: true },
      );
    });
  }, key);
}

async function press(page: Page, key: string, expected: string): Promise<number> {
  await armWatch(page, expected);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__presentWait!);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export const presentNext: BenchCase = {
  name: 'present-next',
  async run(ctx) {
    const s = await openInBrowser(ctx, 'present');
    try {
      const { page } = s;
      await gotoWorkspace(page, s.host.newLaunchUrl());
      await page.click('[data-testid="side-nav"] [data-area="review"]');
      await page.waitForSelector('[data-testid="deck-present"]:not([disabled])', { timeout: 120_000 });
      const deck = await page.evaluate(async () => {
        const res = await fetch('/api/invoke/deck.get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ doc: 'review' }) });
        return ((await res.json()) as { value: Deck }).value;
      });
      const slides = deck.slides.filter((x) => !x.hidden);
      const withCharts = slides.filter((x) => x.charts.length > 0).length;
      if (withCharts === 0) throw new Error('the review deck has no slide with charts');

      await page.click('[data-testid="deck-present"]');
      await page.waitForSelector('[data-testid="presentation"]');
      const charts: number[] = [];
      const plain: number[] = [];
      let at = 0;
      for (let i = 0; i < PRESSES; i++) {
        if (at === slides.length - 1) {
          await page.keyboard.press('Home');
          at = 0;
          await page.waitForSelector(`[data-testid="presentation"][data-at="0"]`);
          await page.waitForTimeout(PAUSE_MS);
        }
        const next = slides[at + 1];
        const ms = await press(page, 'ArrowRight', next.key);
        (next.charts.length > 0 ? charts : plain).push(ms);
        at++;
        await page.waitForTimeout(PAUSE_MS);
      }

      // For comparison, not the goal: a jump (a number then Enter) to a chart slide
      // that is not a neighbour, drawn at the key (nothing ahead of time).
      const cold: number[] = [];
      const far = slides.findIndex((x, i) => i >= 2 && x.charts.length > 0);
      if (far >= 2) {
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Home');
          await page.waitForSelector(`[data-testid="presentation"][data-at="0"]`);
          await page.waitForTimeout(PAUSE_MS);
          for (const d of String(far + 1)) await page.keyboard.press(d);
          cold.push(await press(page, 'Enter', slides[far].key));
        }
      }

      const ours = median(charts);
      const baseline = plain.length > 0 ? median(plain) : null;
      return {
        case: 'present-next',
        ours_ms: round1(ours),
        baseline: 'the same key landing on a slide without charts',
        baseline_ms: baseline === null ? null : round1(baseline),
        ratio: baseline === null ? null : round1(ours / baseline),
        note:
          `goal 100 ms; key → slide painted with its charts drawn; median of ${charts.length} (p95 ${round1(percentile(charts, 95))} ms), ` +
          `chartless p95 ${plain.length > 0 ? round1(percentile(plain, 95)) : '—'} ms; ${slides.length} slides, ${withCharts} with charts` +
          (cold.length > 0 ? `; a jump to a slide not drawn ahead: median ${round1(median(cold))} ms` : ''),
      };
    } finally {
      await s.close();
    }
  },
};
