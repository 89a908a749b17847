import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CustomerAnalysis } from '../../src/shared/channels/analysisCustomers';
import { formatAmount } from '../../src/shared/units';
import { expect, test } from './fixtures';
import { invoke } from './api';

// The analysis area's channel-customer view on the demo region: the Pareto chart for
// the review year, the top customer's sales and the A class exactly as the API gives
// them, a click drills into the customer's sales rows.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.

const SHOTS = process.env.REGIONPLAN_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}


test('channel customers: Pareto, the top customer’s sales match the API, drill down', async ({ page, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  // Amounts in 元, so the figure on screen is exact to the yuan.
  await page.getByTestId('unit-switcher').locator('[data-value="yuan"]').click();
  await expect(page.getByTestId('unit-switcher').locator('[data-value="yuan"]')).toHaveAttribute('aria-checked', 'true');

  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-customers').click();
  const view = page.getByTestId('analysis-customers');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(page.getByTestId('customers-pareto')).toHaveAttribute('data-rendered', 'true');

  const api = await invoke<CustomerAnalysis>(page, 'analysis.customers', { year: 2026 });
  const top = api.customers[0];
  expect(top.sales).toBeGreaterThan(0);
  const row = page.locator(`[data-testid="customers-row"][data-id="${top.id}"]`);
  await expect(row).toHaveAttribute('data-sales', String(top.sales));
  await expect(row).toHaveAttribute('data-abc', 'A');
  await expect(row.locator('[data-col="sales"]')).toHaveText(formatAmount(top.sales, 'yuan', 'zh-Hant'));
  const classA = page.getByTestId('customers-class-A');
  await expect(classA).toHaveAttribute('data-count', String(api.classes.A.count));
  await expect(classA).toHaveAttribute('data-sales', String(api.classes.A.sales));
  await expect(page.getByTestId('customers-blank')).toHaveAttribute('data-count', String(api.blankAreas.length));
  await shot(page, 'analysis-customers.png');

  // Drill down: the top customer's sales rows by month × SKU.
  await row.click();
  const drill = page.getByTestId('customers-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-customer', String(top.id));
  await expect(drill).toHaveAttribute('data-cents', String(top.sales));
  await expect(drill).toContainText(top.name);
  await expect(page.getByTestId('customers-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-customers-drill.png');

  // Save the Pareto chart as a PNG.
  const download = page.waitForEvent('download');
  await page.getByTestId('customers-save-png').click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
});
