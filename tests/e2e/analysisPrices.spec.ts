import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PriceChecks, PriceShelfRow, PricesAnalysis } from '../../src/shared/endpoints/analysisPrices';
import { expect, test } from './fixtures';
import { SHOTS, shot } from './shots';
import { invoke } from './api';

// The analysis area's prices view on the demo region: the SKU chart and the customer ×
// SKU matrix, a cell's latest prices exactly as the API gives them, an inverted cell
// marked (not by colour only), a click drills into the visit price checks behind the
// cell, and the chart saves as a PNG.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.



/** 元 with 2 decimals, grouped, as the view shows a unit price in zh-Hant. */
function yuan(cents: number): string {
  return new Intl.NumberFormat('zh-Hant-TW', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

test('prices: a matrix cell matches the API, an inverted cell is marked, drill down, save a PNG', async ({ page, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-prices').click();
  const view = page.getByTestId('analysis-prices');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(page.getByTestId('prices-chart')).toHaveAttribute('data-rendered', 'true');

  const api = await invoke<PricesAnalysis>(page, 'analysis.prices', { year: 2026 });
  expect(api.totals.cells).toBeGreaterThan(0);
  const kpis = page.getByTestId('prices-kpis');
  await expect(kpis).toHaveAttribute('data-cells', String(api.totals.cells));
  await expect(kpis).toHaveAttribute('data-inverted-cells', String(api.totals.invertedCells));
  await expect(kpis).toHaveAttribute('data-inverted-customers', String(api.totals.invertedCustomers));

  // The first customer's cell in the first SKU column: purchase and retail on screen.
  const first = api.matrix.cells[0];
  expect(first.retail).not.toBeNull();
  const cell = page.locator(`[data-testid="prices-cell"][data-customer="${first.customerId}"][data-sku="${first.skuId}"]`);
  await expect(cell).toHaveAttribute('data-purchase', String(first.purchase));
  await expect(cell).toHaveAttribute('data-retail', String(first.retail));
  await expect(cell.locator('[data-col="retail"]')).toHaveText(yuan(first.retail!));
  await expect(cell.locator('[data-col="purchase"]')).toHaveText(yuan(first.purchase!));
  // The SKU table: the first SKU's average retail price.
  const sku = api.skus[0];
  await expect(page.locator(`[data-testid="prices-sku-row"][data-id="${sku.id}"] [data-col="retail"]`)).toHaveText(yuan(sku.avgRetail!));
  // The store audits' shelf price, per case, for a SKU of the table.
  const shelves = await invoke<{ rows: PriceShelfRow[] }>(page, 'analysis.priceShelves', { year: 2026, skuIds: api.skus.map((k) => k.id) });
  const shelf = shelves.rows[0];
  expect(shelf).toBeDefined();
  const shelfCell = page.locator(`[data-testid="prices-sku-row"][data-id="${shelf.skuId}"] [data-col="shelf"]`);
  await expect(shelfCell).toHaveAttribute('data-shelf', String(shelf.avgPack));
  await expect(shelfCell).toHaveText(yuan(shelf.avgPack!));
  await shot(page, 'analysis-prices.png', { fullPage: true });
  await page.getByTestId('prices-matrix').scrollIntoViewIfNeeded();
  await shot(page, 'analysis-prices-matrix.png', { fullPage: true });

  // Only the inverted: an inverted cell is red AND carries the mark.
  await page.getByTestId('prices-only-inverted').check();
  const inv = await invoke<PricesAnalysis>(page, 'analysis.prices', { year: 2026, onlyInverted: true });
  const bad = inv.matrix.cells.find((c) => c.inverted)!;
  expect(bad).toBeDefined();
  expect(bad.retail!).toBeLessThan(bad.purchase!);
  const badCell = page.locator(`[data-testid="prices-cell"][data-customer="${bad.customerId}"][data-sku="${bad.skuId}"]`);
  await expect(badCell).toHaveAttribute('data-inverted', 'true');
  await expect(badCell).toHaveClass(/is-inverted/);
  await expect(badCell.getByTestId('prices-inverted-mark')).toHaveText('▼倒掛');
  await expect(badCell.locator('[data-col="retail"]')).toHaveText(yuan(bad.retail!));
  await expect(page.locator('[data-testid="prices-matrix-row"]')).toHaveCount(inv.matrix.customers.length);
  await shot(page, 'analysis-prices-inverted.png', { fullPage: true });

  // Drill: the visit price checks behind the inverted cell.
  await badCell.click();
  const drill = page.getByTestId('prices-drill');
  await expect(drill).toBeVisible();
  const checks = await invoke<PriceChecks>(page, 'analysis.priceChecks', { year: 2026, customerId: bad.customerId, skuId: bad.skuId, limit: 2000 });
  await expect(drill).toHaveAttribute('data-total', String(checks.total));
  const latest = checks.rows.find((r) => r.isOwn && r.latest)!;
  expect(latest.visitDate).toBe(bad.visitDate);
  expect(latest.retail).toBe(bad.retail);
  expect(latest.inverted).toBe(true);
  await expect(page.getByTestId('prices-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-prices-drill.png', { fullPage: true });

  // Save the chart as a PNG: named after the view and the year, PNG bytes.
  const download = page.waitForEvent('download');
  await page.getByTestId('prices-save-png').click();
  const png = await download;
  expect(png.suggestedFilename()).toBe('價格分析-2026.png');
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (SHOTS) await png.saveAs(join(SHOTS, 'analysis-prices-saved.png'));

  // In English: the same cell, the mark in words; a cell's keyboard Enter drills too.
  await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
  await expect(page.getByTestId('analysis-tab-prices')).toHaveText('Prices');
  await expect(badCell.getByTestId('prices-inverted-mark')).toHaveText('▼ inverted');
  await page.getByTestId('prices-drill-close').click();
  await expect(drill).toBeHidden();
  await badCell.focus();
  await page.keyboard.press('Enter');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-total', String(checks.total));
  await page.getByTestId('prices-only-inverted').uncheck();
  await expect(page.getByTestId('prices-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-prices-en.png', { fullPage: true });

  // A month without inversions, only the inverted asked for: says so instead of an empty chart.
  let calm = 0;
  for (let m = 1; m <= 12 && !calm; m++) {
    const a = await invoke<PricesAnalysis>(page, 'analysis.prices', { year: 2026, monthFrom: m, monthTo: m });
    if (a.totals.cells > 0 && a.totals.invertedCells === 0) calm = m;
  }
  expect(calm).toBeGreaterThan(0);
  await page.getByTestId('prices-period').selectOption(`m${calm}`);
  await page.getByTestId('prices-only-inverted').check();
  await expect(page.getByTestId('prices-no-inverted')).toHaveText('No price inversions in the chosen period and filters.');
  await expect(page.getByTestId('prices-kpis')).toHaveAttribute('data-inverted-cells', '0');
  await expect(page.getByTestId('prices-save-png')).toBeDisabled();

  // Without visits: the empty state names the data to import, and where. The batch is
  // removed in the app, as a user would: the views follow what its commands changed.
  await page.getByTestId('language-switcher').locator('[data-value="zh-Hant"]').click();
  const [batch] = await invoke<{ id: number }[]>(page, 'actuals.batches', { kind: 'visit' });
  await workspace.nav('actuals').click();
  await page.getByTestId('actuals-tab-visit').click();
  await page.getByTestId('actuals-batches-button').click();
  await page.locator(`[data-testid="actuals-batch"][data-batch-id="${batch.id}"]`).getByTestId('actuals-batch-remove').click();
  await page.getByTestId('actuals-remove-yes').click();
  await expect(page.getByTestId('actuals-remove-confirm')).toBeHidden();
  await page.getByTestId('actuals-batches-close').click();
  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-prices').click();
  const empty = page.getByTestId('prices-empty');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('實績與市場數據 → 客戶拜訪 → 導入');
  await shot(page, 'analysis-prices-empty.png', { fullPage: true });
});
