import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ConsolidationChange, ExpenseRow, NationalCell } from '../../src/shared/hq';
import type { RegionPlan } from '../../src/shared/hqViews';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { demoRegion, packageOf, plannedSource, type PackageSource } from './hqPackages';
import { createWorkspace, receiveInWindow } from './pages/HqPage';
import { shot } from './shots';

// Head office's consolidated views through the web host: three demo regions, one of
// them planning half as much on the same expense budget (over the cap); 費用 shows it
// standing out; a month of the national plan drills to its regions and into one
// region's plan and back; a channel of the mix drills the same way; a second revision
// arrives and 變動 shows the difference of the two plans; a chart saves as a PNG into
// the exports folder. Every view is looked at in 繁體, 简体 and English.

let src: PackageSource;
test.beforeAll(async () => {
  src = await plannedSource();
});
test.afterAll(() => src?.dispose());

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

const LANGUAGES = [['zh-Hant', 'hant'], ['zh-Hans', 'hans'], ['en', 'en']] as const;

/** Screenshots of the view on screen in the three languages (back in 繁體 after). */
async function shots(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  const switcher = page.getByTestId('language-switcher');
  for (const [lang, tag] of LANGUAGES) {
    await switcher.locator(`[data-value="${lang}"]`).click();
    await expect(switcher.locator(`[data-value="${lang}"]`)).toHaveAttribute('aria-checked', 'true');
    await ready();
    await shot(page, `hq-views-${name}-${tag}`, { fullPage: true });
  }
  await switcher.locator('[data-value="zh-Hant"]').click();
}

const rendered = (page: Page, testId: string) => async () => {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-rendered', 'true');
};

test('head office sees expenses against the cap, drills to regions and into a plan, compares two consolidations, saves a chart', async ({ host, start, page }) => {
  test.setTimeout(240_000);
  const east = demoRegion(src, '華東大區');
  const south = demoRegion(src, '華南大區');
  const north = demoRegion(src, '華北大區');
  await packageOf(src, east, { revision: 1, out: join(host.workspace, '華東大區-r1.rplanpkg') });
  // 華南 plans half as much on the same expense budget: its ratio doubles.
  await packageOf(src, south, { revision: 1, out: join(host.workspace, '華南大區-r1.rplanpkg'), scale: 0.5 });
  await packageOf(src, north, { revision: 1, out: join(host.workspace, '華北大區-r1.rplanpkg') });

  await expect(start.root).toBeVisible();
  await createWorkspace(page, ['華東大區', '華南大區', '華北大區'], { expenseCap: '12' });
  await receiveInWindow(page, ['華東大區-r1.rplanpkg', '華南大區-r1.rplanpkg', '華北大區-r1.rplanpkg'], { accepted: 3, close: true });

  // 費用: 華南 over the 12% cap, the others within; its items add up to its budget.
  const expenses = await invoke<ExpenseRow[]>(page, 'hq.expenses', {});
  const ratioOf = (name: string) => expenses.find((e) => e.regionName === name)!.ratio!;
  expect(ratioOf('華東大區')).toBeLessThan(0.12);
  expect(ratioOf('華南大區')).toBeGreaterThan(0.12);
  await page.getByTestId('hq-tab-expenses').click();
  await expect(page.getByTestId('hq-expenses-chart')).toHaveAttribute('data-rendered', 'true');
  const expenseRow = (name: string) => page.locator(`[data-testid="hq-expenses-row"][data-region="${name}"]`);
  await expect(expenseRow('華南大區')).toHaveAttribute('data-over-cap', 'true');
  await expect(expenseRow('華南大區')).toHaveClass(/hqv-over/);
  await expect(expenseRow('華南大區')).toContainText('超上限');
  await expect(expenseRow('華東大區')).toHaveAttribute('data-over-cap', 'false');
  await expect(expenseRow('華北大區')).toHaveAttribute('data-over-cap', 'false');
  await expect(page.getByTestId('hq-expenses-kpi-over')).toContainText('1');
  await expenseRow('華南大區').getByTestId('hq-expenses-expand').click();
  const items = page.locator('[data-testid="hq-expenses-items"][data-region="華南大區"] [data-testid="hq-expenses-item"]');
  await expect(items.first()).toBeVisible();
  const itemCents = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-cents'))));
  expect(sum(itemCents)).toBe(expenses.find((e) => e.regionName === '華南大區')!.budgetCents);
  await shots(page, 'expenses', rendered(page, 'hq-expenses-chart'));

  // Drill: March of the national plan → its regions → 華東's plan → back.
  const national = await invoke<NationalCell[]>(page, 'hq.national', {});
  const march = national.filter((c) => c.month === 3);
  await page.getByTestId('hq-tab-national').click();
  await page.locator('[data-testid="hq-national-drill-month"][data-month="3"]').click();
  await expect(page.getByTestId('hq-drill')).toHaveAttribute('data-level', 'regions');
  await expect(page.getByTestId('hq-crumbs')).toContainText('全國計劃');
  await expect(page.getByTestId('hq-crumbs')).toContainText('3月');
  await expect(page.getByTestId('hq-drill-row')).toHaveCount(3);
  await expect(page.getByTestId('hq-drill-total')).toHaveAttribute('data-plan-cents', String(sum(march.map((c) => c.planCents))));
  const eastMarch = march.find((c) => c.regionName === '華東大區')!.planCents;
  await expect(page.locator('[data-testid="hq-drill-row"][data-region="華東大區"]')).toHaveAttribute('data-plan-cents', String(eastMarch));
  await shots(page, 'drill-regions', rendered(page, 'hq-drill-chart'));
  await page.locator('[data-testid="hq-drill-row"][data-region="華東大區"]').getByTestId('hq-drill-open').click();
  await expect(page.getByTestId('hq-drill')).toHaveAttribute('data-level', 'region');
  const plan = page.getByTestId('hq-region-plan');
  await expect(plan).toHaveAttribute('data-cut', 'city');
  await expect(plan).toHaveAttribute('data-plan-cents', String(eastMarch));
  await expect(page.getByTestId('hq-region-plan-readonly')).toBeVisible();
  await expect(plan.locator('.ag-row').first()).toBeVisible();
  // Read-only: typing into a cell changes nothing.
  const firstCell = plan.locator('.ag-row[row-index="0"] .ag-cell[col-id="m3"]').first();
  const before = await firstCell.textContent();
  await firstCell.dblclick();
  await page.keyboard.type('999');
  await page.keyboard.press('Enter');
  await expect(firstCell).toHaveText(before ?? '');
  await page.getByTestId('hq-region-plan-cut').locator('[data-value="channel"]').click();
  await expect(plan).toHaveAttribute('data-cut', 'channel');
  await expect(plan).toHaveAttribute('data-plan-cents', String(eastMarch));
  await page.getByTestId('hq-region-plan-cut').locator('[data-value="sku"]').click();
  await expect(plan).toHaveAttribute('data-cut', 'sku');
  await expect(plan).toHaveAttribute('data-plan-cents', String(eastMarch));
  await page.getByTestId('hq-region-plan-cut').locator('[data-value="city"]').click();
  await shots(page, 'drill-region', rendered(page, 'hq-region-plan-chart'));
  await page.getByTestId('hq-crumb-1').click();
  await expect(page.getByTestId('hq-drill')).toHaveAttribute('data-level', 'regions');
  await page.getByTestId('hq-crumb-0').click();
  await expect(page.getByTestId('hq-drill')).toBeHidden();
  await expect(page.getByTestId('hq-national')).toBeVisible();

  // From the mix: a channel to its regions, their total the channel's.
  await page.getByTestId('hq-tab-mix').click();
  const channel = page.getByTestId('hq-mix-channel-drill').first();
  const channelName = (await channel.textContent())!;
  await channel.click();
  await expect(page.getByTestId('hq-crumbs')).toContainText('品牌與渠道');
  await expect(page.getByTestId('hq-crumbs')).toContainText(channelName);
  const channels = await invoke<{ name: string; code: string; planCents: number }[]>(page, 'hq.byChannel', {});
  await expect(page.getByTestId('hq-drill-total')).toHaveAttribute('data-plan-cents', String(channels.find((c) => c.name === channelName)!.planCents));
  await page.getByTestId('hq-drill-back').click();
  await expect(page.getByTestId('hq-mix')).toBeVisible();

  // A second revision of 華東 plans nothing in May: 變動 is the difference of the two plans.
  const r1 = await invoke<RegionPlan>(page, 'hq.regionPlan', { region: '華東大區', cut: 'brand' });
  await packageOf(src, east, { revision: 2, out: join(host.workspace, '華東大區-r2.rplanpkg'), dropMonth: 5 });
  await receiveInWindow(page, ['華東大區-r2.rplanpkg'], { accepted: 1, close: true });
  const r2 = await invoke<RegionPlan>(page, 'hq.regionPlan', { region: '華東大區', cut: 'brand' });
  expect(r2.revision).toBe(2);
  await page.getByTestId('hq-tab-change').click();
  const changeRow = page.locator('[data-testid="hq-change-row"][data-region="華東大區"]');
  await expect(page.getByTestId('hq-change-row')).toHaveCount(1);
  await expect(changeRow.getByTestId('hq-change-revision')).toHaveText('第1版 → 第2版');
  const planOf = (p: RegionPlan) => sum(p.rows.map((r) => r.planCents));
  const monthOf = (p: RegionPlan, m: number) => sum(p.rows.map((r) => r.months[m - 1]));
  await expect(changeRow).toHaveAttribute('data-from-cents', String(planOf(r1)));
  await expect(changeRow).toHaveAttribute('data-to-cents', String(planOf(r2)));
  for (let m = 1; m <= 12; m++) {
    await expect(changeRow.locator(`[data-testid="hq-change-month"][data-month="${m}"]`)).toHaveAttribute('data-cents', String(monthOf(r2, m) - monthOf(r1, m)));
  }
  expect(monthOf(r2, 5)).toBe(0);
  await expect(page.getByTestId('hq-change-total')).toHaveAttribute('data-to-cents', String(planOf(r2)));
  const change = await invoke<ConsolidationChange[]>(page, 'hq.change', { from: '2000-01-01T00:00:00Z', to: 'now' });
  expect(change.map((c) => c.regionName).sort()).toEqual(['華北大區', '華南大區', '華東大區'].sort());
  await shots(page, 'change', rendered(page, 'hq-change-chart'));

  // The change chart as a PNG, in the exports folder, where the card says.
  await page.getByTestId('hq-change-chart-png').click();
  const saved = page.getByTestId('hq-png-saved');
  await expect(saved).toBeVisible();
  const path = (await saved.getAttribute('data-path'))!;
  expect(path.startsWith(join(host.workspace, 'exports'))).toBe(true);
  await expect(saved).toContainText(path);
  const pngs = readdirSync(join(host.workspace, 'exports')).filter((f) => f.endsWith('.png'));
  expect(pngs).toHaveLength(1);
  const png = readFileSync(path);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // Twice the screen's pixels, with the title band above the chart.
  expect(width).toBeGreaterThan(1200);
  expect(height).toBeGreaterThan(600);
  expect(png.length).toBeGreaterThan(20_000);
  expect(png.length).toBeLessThan(5_000_000);
  if (process.env.REGIONPLAN_SHOTS) copyFileSync(path, join(process.env.REGIONPLAN_SHOTS, 'hq-views-saved-chart.png'));
  // The national chart too, under its own name.
  await page.getByTestId('hq-tab-national').click();
  await page.getByTestId('hq-national-chart-png').click();
  await expect(page.getByTestId('hq-png-saved')).toContainText('全國計劃與總部目標');
  await shots(page, 'national', rendered(page, 'hq-national-chart'));
  await page.getByTestId('hq-tab-mix').click();
  await shots(page, 'mix', async () => {
    await expect(page.getByTestId('hq-mix-channel-row').first()).toBeVisible();
  });
});
