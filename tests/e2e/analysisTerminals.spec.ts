import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TerminalsAnalysis } from '../../src/shared/endpoints/analysisTerminals';
import { formatPercent } from '../../src/shared/units';
import { expect, test } from './fixtures';
import { shot, useYuan } from './shots';
import { invoke } from './api';

// The analysis area's terminals view on the demo region: the review year's 鋪貨率 by
// city in the category with the most audit lines; one city's figure for our brands
// equals the API and the count made by hand from the region file; a click drills into
// the audit lines behind it; the chart saves as a PNG; by month it is a line chart.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.



/** By hand: each terminal's latest 2026 audit in the city; stores with a line in the category, and those carrying one of our brands. */
function handDistribution(path: string, cityId: number, categoryId: number): { audited: number; carrying: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const audits = db
      .prepare('SELECT sa.id, sa.terminal_id AS terminal, sa.audit_date AS date, t.city_id AS city FROM store_audit sa, terminal t WHERE t.id = sa.terminal_id')
      .all() as { id: number; terminal: number; date: string; city: number }[];
    const latest = new Map<number, { id: number; date: string }>();
    for (const a of audits) {
      if (a.city !== cityId || !a.date.startsWith('2026-')) continue;
      const seen = latest.get(a.terminal);
      if (!seen || a.date > seen.date || (a.date === seen.date && a.id > seen.id)) latest.set(a.terminal, a);
    }
    const line = db.prepare(
      'SELECT b.skus_on_shelf AS skus, br.is_own AS own FROM store_audit_brand b, brand br WHERE br.id = b.brand_id AND b.audit_id = ? AND b.category_id = ?',
    );
    let audited = 0;
    let carrying = 0;
    for (const a of latest.values()) {
      const lines = line.all(a.id, categoryId) as { skus: number; own: number }[];
      if (lines.length === 0) continue;
      audited++;
      if (lines.some((l) => l.own === 1 && l.skus > 0)) carrying++;
    }
    return { audited, carrying };
  } finally {
    db.close();
  }
}

test('terminals: our numeric distribution in a city matches the file, drills down, saves a PNG', async ({ page, host, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await useYuan(page);

  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-terminals').click();
  const view = page.getByTestId('analysis-terminals');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(view).toHaveAttribute('data-by', 'city');
  await expect(page.getByTestId('terminals-chart')).toHaveAttribute('data-rendered', 'true');

  const api = await invoke<TerminalsAnalysis>(page, 'analysis.terminals', { year: 2026, by: 'city' });
  expect(api.categoryId).not.toBeNull();
  await expect(view).toHaveAttribute('data-category', String(api.categoryId));
  const city = api.groups[0];
  expect(city.audited).toBeGreaterThan(0);

  const demoDir = join(host.stateDir, 'demo');
  const file = (await readdir(demoDir)).find((f) => f.endsWith('.rplan'));
  expect(file).toBeTruthy();
  const hand = handDistribution(join(demoDir, file!), city.key, api.categoryId!);
  expect(hand).toEqual({ audited: city.audited, carrying: city.ours.carrying });

  const row = page.locator(`[data-testid="terminals-row"][data-key="${city.key}"]`);
  await expect(row).toHaveAttribute('data-audited', String(hand.audited));
  const ours = row.locator('td[data-brand="ours"]');
  await expect(ours).toHaveAttribute('data-value', String(hand.carrying / hand.audited));
  await expect(ours).toHaveAttribute('data-carrying', String(hand.carrying));
  await expect(ours).toHaveText(formatPercent(hand.carrying / hand.audited, 'zh-Hant', 1));
  // The whole slice, in the table's total row and the first stat card.
  await expect(page.getByTestId('terminals-total').locator('td[data-brand="ours"]')).toHaveAttribute('data-value', String(api.total.ours.distribution));
  await expect(page.getByTestId('terminals-stat-distribution')).toHaveAttribute('data-value', String(api.total.ours.distribution));
  await shot(page, 'analysis-terminals-city.png', { fullPage: true });

  // Drill down: our brands' audit lines in the city (one line per store and own brand).
  await ours.click();
  const drill = page.getByTestId('terminals-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-brand', 'ours');
  await expect(drill).toHaveAttribute('data-carrying', String(hand.carrying));
  await expect(drill).toHaveAttribute('data-facings', String(city.ours.facings));
  await expect(drill).toContainText(city.label);
  await expect(page.getByTestId('terminals-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-terminals-drill.png', { fullPage: true });

  // A row: every brand's lines of the city.
  await row.locator('td').first().click();
  await expect(drill).toHaveAttribute('data-brand', 'all');
  await expect(drill).toHaveAttribute('data-total', String(city.lines));
  await expect(drill).toHaveAttribute('data-stores', String(city.audited));

  // A click on the chart: our bar of the first city (the grid's left edge is 56 px, right 24 px; 5 bars per
  // group, 15% apart, the group's bars taking 80% of its slot).
  await page.getByTestId('terminals-drill-close').click();
  await expect(drill).toHaveCount(0);
  await page.evaluate(() => document.querySelector('[data-testid="analysis-area"]')?.scrollTo(0, 0));
  const box = (await page.getByTestId('terminals-chart').boundingBox())!;
  const slot = (box.width - 56 - 24) / api.groups.length;
  const bar = Math.min(22, (slot * 0.8) / (5 + 4 * 0.15));
  const ourBar = { x: 56 + slot / 2 - 2.3 * bar, y: box.height - 36 - 6 };
  // The tooltip first: the exact percentage and the stores behind it.
  await page.getByTestId('terminals-chart').scrollIntoViewIfNeeded();
  await page.getByTestId('terminals-chart').hover({ position: ourBar });
  await expect(page.getByTestId('terminals-chart')).toContainText(`${formatPercent(city.ours.distribution, 'zh-Hant', 2)}  (${city.ours.carrying} / ${city.audited})`);
  await shot(page, 'analysis-terminals-tooltip.png', { fullPage: true });
  await page.getByTestId('terminals-chart').click({ position: ourBar });
  await expect(drill).toHaveAttribute('data-brand', 'ours');
  await expect(drill).toHaveAttribute('data-carrying', String(city.ours.carrying));

  // Save the chart as a PNG: the file is named after the view, the year and the measure.
  const download = page.waitForEvent('download');
  await page.getByTestId('terminals-save-png').click();
  const png = await download;
  expect(png.suggestedFilename()).toBe('終端分析-2026-鋪貨率.png');
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(5000);

  // Shelf share by channel, then the trend by month (a line per brand).
  await page.getByTestId('terminals-measure').selectOption('shelf');
  await page.getByTestId('terminals-by').selectOption('channel');
  await expect(view).toHaveAttribute('data-by', 'channel');
  const byChannel = await invoke<TerminalsAnalysis>(page, 'analysis.terminals', { year: 2026, by: 'channel' });
  await expect(page.getByTestId('terminals-row')).toHaveCount(byChannel.groups.length);
  await expect(page.getByTestId('terminals-total').locator('td[data-brand="ours"]')).toHaveAttribute('data-value', String(byChannel.total.ours.shelf));
  await expect(page.getByTestId('terminals-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-terminals-channel-shelf.png', { fullPage: true });

  await page.getByTestId('terminals-measure').selectOption('sales');
  await page.getByTestId('terminals-by').selectOption('month');
  await expect(view).toHaveAttribute('data-by', 'month');
  const byMonth = await invoke<TerminalsAnalysis>(page, 'analysis.terminals', { year: 2026, by: 'month' });
  await expect(page.getByTestId('terminals-row')).toHaveCount(byMonth.groups.length);
  await expect(page.getByTestId('terminals-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-terminals-month-sales.png', { fullPage: true });

  // In English, a quarter, by city: the labels fit.
  await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
  await page.getByTestId('terminals-by').selectOption('city');
  await page.getByTestId('terminals-period').selectOption('q4');
  await expect(view).toHaveAttribute('data-by', 'city');
  await expect(page.getByTestId('terminals-chart')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('terminals-save-png')).toHaveText('Save as PNG');
  await shot(page, 'analysis-terminals-en-q4.png', { fullPage: true });
});

test('terminals: a region without store audits says what to import', async ({ page, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  // Remove the demo's store-audit batches: the region then has no audits at all.
  const batches = await invoke<{ id: number }[]>(page, 'actuals.batches', { kind: 'audit' });
  expect(batches.length).toBeGreaterThan(0);
  for (const b of batches) await invoke(page, 'actuals.removeBatch', { id: b.id });
  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-terminals').click();
  const empty = page.getByTestId('terminals-empty');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('終端檢查');
  await expect(empty).toContainText('實績與市場數據');
  await expect(page.getByTestId('terminals-save-png')).toHaveCount(0);
  await expect(page.getByTestId('terminals-chart')).toHaveCount(0);
  await shot(page, 'analysis-terminals-empty.png', { fullPage: true });
});
