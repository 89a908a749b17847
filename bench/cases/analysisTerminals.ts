import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { median } from '../measure';
import type { BenchCase } from '../types';
import { FROM, REVIEW_YEAR, RUNS, TO, openAnalysis, sqlBaseline, forgetAnswers } from './analysis';

// chart-terminals: the terminals view on the large region, in the real renderer
// (Chromium through the web host): from the click on its tab (coming from the sales
// tab) to its chart fully drawn (data-rendered="true"): 鋪貨率 by city, ours against
// each competitor, in the category with the most audit lines of the review year. The
// baseline is the bare SQL behind the chart: each store's latest audit of the year,
// its lines in that category summed by city × brand, run with better-sqlite3.

const BASELINE_SQL = `
  WITH latest AS (
    SELECT id, city_id FROM (
      SELECT sa.id, t.city_id, ROW_NUMBER() OVER (PARTITION BY sa.terminal_id ORDER BY sa.audit_date DESC, sa.id DESC) AS rn
        FROM store_audit sa JOIN terminal t ON t.id = sa.terminal_id
       WHERE sa.audit_date BETWEEN ? AND ?
    ) WHERE rn = 1
  )
  SELECT l.city_id, b.brand_id, COUNT(*) AS lines, SUM(b.skus_on_shelf > 0) AS carrying, SUM(b.facings) AS facings,
         SUM(COALESCE(b.sellout_cents, 0)) AS sellout
    FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ?
   GROUP BY l.city_id, b.brand_id`;

/** The category with the most lines in the review year's latest audits (the view's default). */
function defaultCategory(path: string, from: string, to: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `WITH latest AS (SELECT id FROM (SELECT sa.id, ROW_NUMBER() OVER (PARTITION BY sa.terminal_id ORDER BY sa.audit_date DESC, sa.id DESC) AS rn
                                           FROM store_audit sa WHERE sa.audit_date BETWEEN ? AND ?) WHERE rn = 1)
         SELECT b.category_id AS id, COUNT(*) AS n FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id
          GROUP BY b.category_id ORDER BY n DESC LIMIT 1`,
      )
      .get(from, to) as { id: number } | undefined;
    if (!row) throw new Error('chart-terminals: the large region has no store audits in the review year');
    return row.id;
  } finally {
    db.close();
  }
}

/** Click the terminals tab (from the sales tab); resolves with the ms until its chart is drawn. */
async function openTerminals(page: Page): Promise<number> {
  await page.click('[data-testid="analysis-tab-sales"]');
  await page.waitForSelector('[data-testid="analysis-terminals"]', { state: 'detached' });
  await page.waitForSelector('[data-testid="analysis-chart"][data-rendered="true"]', { timeout: 120_000 });
  await page.waitForTimeout(200);
  await forgetAnswers(page);
  return page.evaluate(
    () =>
      new Promise<number>((resolveView, reject) => {
        const timer = setTimeout(() => reject(new Error('the terminals chart did not draw within 120 s')), 120_000);
        const t0 = performance.now();
        const check = () => {
          if (document.querySelector('[data-testid="analysis-terminals"] [data-testid="terminals-chart"][data-rendered="true"]')) {
            clearTimeout(timer);
            resolveView(performance.now() - t0);
            return;
          }
          requestAnimationFrame(check);
        };
        (document.querySelector('[data-testid="analysis-tab-terminals"]') as HTMLElement).click();
        requestAnimationFrame(check);
      }),
  );
}

/** The view's own call (analysis.terminals with the view's first input), timed from the page: RUNS round trips. */
async function apiRoundTrips(page: Page): Promise<number[]> {
  return page.evaluate(async (runs) => {
    const out: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const res = await fetch('/api/invoke/analysis.terminals', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ by: 'city' }),
      });
      await res.json();
      if (i > 0) out.push(performance.now() - t0);
    }
    return out;
  }, RUNS);
}

export const chartTerminals: BenchCase = {
  name: 'chart-terminals',
  async run(ctx) {
    const path = await ctx.largeRegion();
    const from = `${Math.floor(FROM / 100)}-01-01`;
    const to = `${Math.floor(TO / 100)}-12-31`;
    const category = defaultCategory(path, from, to);
    const base = await sqlBaseline(path, BASELINE_SQL, [from, to, category]);
    const s = await openAnalysis(ctx, 'chart-terminals');
    try {
      await openTerminals(s.page); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await openTerminals(s.page));
      const rows = await s.page.locator('[data-testid="terminals-row"]').count();
      const o = median(times);
      const api = median(await apiRoundTrips(s.page));
      // For a human to look at the chart on the large region (61 cities, the slider).
      if (process.env.REGIONPLAN_SHOTS) await s.page.screenshot({ path: join(process.env.REGIONPLAN_SHOTS, 'bench-chart-terminals-large.png') });
      return {
        case: 'chart-terminals',
        ours_ms: Math.round(o * 10) / 10,
        baseline: `bare SQL: each store's latest ${REVIEW_YEAR} audit, its lines in the default category summed by city × brand (better-sqlite3, same file)`,
        baseline_ms: Math.round(base.ms * 10) / 10,
        ratio: Math.round((o / base.ms) * 100) / 100,
        note: `click on the terminals tab (from sales) → 鋪貨率 by city, ours vs each competitor, drawn; ${rows} cities (SQL: ${base.rows} city × brand rows); median of ${RUNS} after a warm-up (of which the analysis.terminals call from the page, alone: ${Math.round(api)} ms); goal ≤ 200 ms`,
      };
    } finally {
      await s.close();
    }
  },
};
