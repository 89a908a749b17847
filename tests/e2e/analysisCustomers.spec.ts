import type { CustomerAnalysis, RegionMap } from '../../src/shared/endpoints/analysisCustomers';
import { formatAmount } from '../../src/shared/units';
import { expect, test } from './fixtures';
import { shot, useYuan } from './shots';
import { invoke } from './api';

// The analysis area's channel-customer view on the demo region: the Pareto chart for
// the review year, the top customer's sales and the A class exactly as the API gives
// them, a click drills into the customer's sales rows.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.




test('channel customers: Pareto, the top customer’s sales match the API, drill down', async ({ page, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  // Amounts in 元, so the figure on screen is exact to the yuan.
  await useYuan(page);

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
  await shot(page, 'analysis-customers.png', { fullPage: true });

  // Drill down: the top customer's sales rows by month × SKU.
  await row.click();
  const drill = page.getByTestId('customers-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-customer', String(top.id));
  await expect(drill).toHaveAttribute('data-cents', String(top.sales));
  await expect(drill).toContainText(top.name);
  await expect(page.getByTestId('customers-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-customers-drill.png', { fullPage: true });

  // Save the Pareto chart as a PNG.
  const download = page.waitForEvent('download');
  await page.getByTestId('customers-save-png').click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
});

test('channel customers: filters, coverage target and the blank-area map follow the API', async ({ page, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-customers').click();
  const view = page.getByTestId('analysis-customers');
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(page.getByTestId('customers-pareto')).toHaveAttribute('data-rendered', 'true');

  // The map of the region's provinces is drawn and names the blank cities (default target 60%).
  const all = await invoke<CustomerAnalysis>(page, 'analysis.customers', { year: 2026, coverageTarget: 0.6 });
  const box = page.getByTestId('customers-map-box');
  await expect(page.getByTestId('customers-map')).toHaveAttribute('data-rendered', 'true');
  await expect(box).toHaveAttribute('data-blank', all.blankAreas.map((b) => b.cityName).join(','));
  const map = await invoke<RegionMap>(page, 'analysis.regionMap', {});
  const drawn = map.provinces.filter((p) => p.provinceId !== null).map((p) => p.provinceId);
  expect(drawn.length).toBeGreaterThan(0);
  await expect(box).toHaveAttribute('data-provinces', drawn.join(','));

  // A channel filter: the figures become the API's for that channel.
  const channelSelect = page.getByTestId('customers-filter-channel');
  const channelId = Number(await channelSelect.locator('option').nth(1).getAttribute('value'));
  await channelSelect.selectOption(String(channelId));
  const byChannel = await invoke<CustomerAnalysis>(page, 'analysis.customers', { year: 2026, channelId, coverageTarget: 0.6 });
  expect(byChannel.totalSales).toBeLessThan(all.totalSales);
  await expect(page.getByTestId('customers-scope')).toHaveAttribute('data-total', String(byChannel.totalSales));
  const classA = page.getByTestId('customers-class-A');
  await expect(classA).toHaveAttribute('data-count', String(byChannel.classes.A.count));
  await expect(classA).toHaveAttribute('data-sales', String(byChannel.classes.A.sales));
  // The table shows the first 100 customers, then all on request.
  await expect(page.getByTestId('customers-row')).toHaveCount(Math.min(byChannel.customers.length, 100));
  if (byChannel.customers.length > 100) {
    await page.getByTestId('customers-show-all').click();
    await expect(page.getByTestId('customers-row')).toHaveCount(byChannel.customers.length);
  }
  await expect(page.getByTestId('customers-blank')).toHaveAttribute('data-count', String(byChannel.blankAreas.length));
  await expect(page.getByTestId('customers-pareto')).toHaveAttribute('data-rendered', 'true');
  await channelSelect.selectOption('');

  // A tier filter as well.
  await page.getByTestId('customers-filter-tier').selectOption('distributor');
  const byTier = await invoke<CustomerAnalysis>(page, 'analysis.customers', { year: 2026, tier: 'distributor', coverageTarget: 0.6 });
  await expect(page.getByTestId('customers-scope')).toHaveAttribute('data-total', String(byTier.totalSales));
  await expect(page.getByTestId('customers-class-B')).toHaveAttribute('data-count', String(byTier.classes.B.count));
  await page.getByTestId('customers-filter-tier').selectOption('');

  // A higher coverage target makes more cities blank, each with its reason; the target
  // is the region file's (one undo step).
  await page.getByTestId('customers-coverage-target').fill('95');
  await page.getByTestId('customers-coverage-target').press('Enter');
  await expect(page.getByTestId('analysis-customers')).toHaveAttribute('data-target', '0.95');
  const strict = await invoke<CustomerAnalysis>(page, 'analysis.customers', { year: 2026, coverageTarget: 0.95 });
  expect(strict.blankAreas.length).toBeGreaterThanOrEqual(all.blankAreas.length);
  await expect(page.getByTestId('customers-blank')).toHaveAttribute('data-count', String(strict.blankAreas.length));
  await expect(box).toHaveAttribute('data-blank', strict.blankAreas.map((b) => b.cityName).join(','));
  for (const b of strict.blankAreas.slice(0, 5)) {
    await expect(page.locator(`[data-testid="customers-blank-city"][data-city="${b.cityId}"]`)).toHaveAttribute('data-reason', b.reason);
  }
  await expect(page.getByTestId('customers-map')).toHaveAttribute('data-rendered', 'true');
  await page.getByTestId('customers-map').scrollIntoViewIfNeeded();
  await shot(page, 'analysis-customers-map.png', { fullPage: true });

  // Hover and click the middle of the map (in the demo region: 江蘇省): the tooltip names the
  // province's blank cities and their reasons, the click lists its cities.
  const mapBox = (await page.getByTestId('customers-map').boundingBox())!;
  await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  const tip = page.getByTestId('customers-map').locator('div').filter({ hasText: '空白城市佔比' }).first();
  await expect(tip).toBeVisible();
  await shot(page, 'analysis-customers-map-tooltip.png', { fullPage: true });
  await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  const mapDrill = page.getByTestId('customers-province-drill');
  await expect(mapDrill).toBeVisible();
  const clicked = Number(await mapDrill.getAttribute('data-province'));
  const clickedBlank = strict.blankAreas.filter((b) => b.provinceId === clicked);
  await expect(mapDrill).toHaveAttribute('data-blank', String(clickedBlank.length));
  for (const b of clickedBlank) await expect(tip).toContainText(b.cityName);
  await page.getByTestId('customers-province-drill-close').click();

  // A province's row (as a click on the map) lists its cities.
  const province = strict.coverage[0].provinceId;
  const provinceCities = strict.coverage.filter((c) => c.provinceId === province);
  await page.locator(`[data-testid="customers-province-row"][data-province="${province}"]`).click();
  const drill = page.getByTestId('customers-province-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-blank', String(provinceCities.filter((c) => c.blank).length));
  await expect(page.getByTestId('customers-province-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await expect(drill).toContainText(provinceCities[0].cityName);
  await shot(page, 'analysis-customers-province.png', { fullPage: true });

  // Save the map as a PNG.
  const download = page.waitForEvent('download');
  await page.getByTestId('customers-map-save-png').click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
  // Undo puts the region's target back to 60%.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('analysis-customers')).toHaveAttribute('data-target', '0.6');
  await expect(page.getByTestId('customers-coverage-target')).toHaveValue('60');
});
