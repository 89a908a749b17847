import type { Page } from '@playwright/test';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { shot, useYuan } from './shots';
import { geoDisplayName } from '../../src/shared/geoNames';

// New plan rows and undo across versions on the tiny demo region, in 元 so that the
// figures on screen are exact: a blank-area city (no customer, no sales last year)
// is added with a year target and shows in the grid and the gap check; with a
// scenario on screen, undoing an edit of the working plan switches to the working
// plan first and says so.

test.use({ demoSize: 'tiny' });

const grid = (page: Page) => GridModel.byTestId(page, 'targets-grid');
const yuan = (text: string | null) => Number((text ?? '').replace(/[^0-9-]/g, ''));

interface Version {
  id: number;
  kind: string;
  name: string;
}

async function openSeeded(page: Page, start: { demoButton: { click(): Promise<void> }; expectState(s: string): Promise<void> }, nav: () => Promise<void>) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await useYuan(page);
  await nav();
  const targetsPage = page.getByTestId('targets-page');
  await expect(targetsPage).toHaveAttribute('data-loaded', 'true');
  await expect(targetsPage).toHaveAttribute('data-seeded', 'false');
  await page.getByTestId('targets-seed-value').fill('36000000');
  await page.getByTestId('targets-seed-button').click();
  await expect(targetsPage).toHaveAttribute('data-seeded', 'true');
  return targetsPage;
}

/** Adds a city of a province already in the region from the national list: a blank area, with no customer. */
async function addBlankCity(page: Page): Promise<{ province: string; city: string; cityId: number }> {
  const catalog = await invoke<{ divisions: { code: string; level: string; parent: string | null; zhHant: string }[] }>(page, 'master.geoCatalog', {});
  const provinces = await invoke<{ rows: { code: string; name: string }[] }>(page, 'master.list', { entity: 'province' });
  const cities = await invoke<{ rows: { code: string }[] }>(page, 'master.list', { entity: 'city' });
  const have = new Set(cities.rows.map((r) => r.code));
  const inRegion = new Set(provinces.rows.map((r) => r.code));
  const pick = catalog.divisions.find((d) => d.level === 'city' && d.parent !== null && inRegion.has(d.parent) && !have.has(d.code))!;
  const { cityIds } = await invoke<{ cityIds: number[] }>(page, 'master.addGeography', { codes: [pick.code] });
  // Names as the region file holds them (the grid's labels).
  const after = await invoke<{ rows: { id: number; name: string }[] }>(page, 'master.list', { entity: 'city' });
  const province = provinces.rows.find((r) => r.code === pick.parent)!;
  return { province: province.name, city: after.rows.find((r) => r.id === cityIds[0])!.name, cityId: cityIds[0] };
}

test('a blank-area city gets a row with a year target; it shows in the grid and the gap check; undo removes it', async ({ start, workspace, page }) => {
  const targetsPage = await openSeeded(page, start, () => workspace.nav('targets').click());
  const blank = await addBlankCity(page);
  const g = grid(page);
  const yearGap = page.getByTestId('gap-row-gap').locator('td[data-period="year"]');
  const planYear = page.getByTestId('gap-row-plan').locator('td[data-period="year"]');
  await expect(planYear).not.toHaveText('');
  const planBefore = yuan(await planYear.textContent());
  const gapBefore = Number(await yearGap.getAttribute('data-gap'));

  // Select the province, then add the city under it.
  const provinceRow = g.row(blank.province);
  await g.cell(provinceRow, 'label').click();
  await page.getByTestId('targets-add-row').click();
  const dialog = page.getByTestId('add-row-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('add-row-parent')).toHaveText(blank.province);
  await page.getByTestId('add-row-member').selectOption(String(blank.cityId));
  await page.getByTestId('add-row-channel').selectOption({ index: 1 });
  await page.getByTestId('add-row-sku').selectOption({ index: 1 });
  await page.getByTestId('add-row-amount').fill('120,000');
  await page.getByTestId('add-row-method-equal').check();
  await shot(page, 'targets-add-row-zh-Hant.png');
  await page.getByTestId('add-row-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('targets-row-message')).toContainText(blank.city);

  // The row is in the grid: 10,000 a month, 120,000 for the year.
  const cityRow = g.row(blank.city);
  await expect(g.cell(cityRow, 'year')).toHaveText('120,000');
  await expect(g.cell(cityRow, 'm1')).toHaveText('10,000');
  // The gap check counts it.
  await expect(planYear).toHaveText(new Intl.NumberFormat('en-US').format(planBefore + 120_000));
  await expect(yearGap).toHaveAttribute('data-gap', String(gapBefore + 120_000 * 100));
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /新增目標行（工作計劃）/);

  // Adding it again: refused, and the row is focused.
  await g.cell(provinceRow, 'label').click();
  await page.getByTestId('targets-add-row').click();
  const option = page.getByTestId('add-row-member').locator(`option[value="${blank.cityId}"]`);
  await expect(option).toContainText('已在計劃中');
  await page.getByTestId('add-row-member').selectOption(String(blank.cityId));
  await page.getByTestId('add-row-amount').fill('5000');
  await page.getByTestId('add-row-submit').click();
  await expect(page.getByTestId('add-row-dialog')).toHaveCount(0);
  await expect(page.getByTestId('targets-row-message')).toContainText('已經在計劃裡了');
  await expect(g.cell(cityRow, 'year')).toHaveText('120,000');
  await expect(g.cell(cityRow, 'label')).toHaveClass(/ag-cell-focus/);

  // One undo step takes it all away.
  await page.getByTestId('undo').click();
  await expect(g.row(blank.city)).toHaveCount(0);
  await expect(yearGap).toHaveAttribute('data-gap', String(gapBefore));
  await expect(targetsPage).toHaveAttribute('data-seeded', 'true');
});

test('with a scenario on screen, undo of a working-plan edit switches to the working plan and says so', async ({ start, workspace, page }) => {
  const targetsPage = await openSeeded(page, start, () => workspace.nav('targets').click());
  const versions = await invoke<Version[]>(page, 'targets.versions', {});
  const working = versions.find((v) => v.kind === 'working')!;
  const scenario = await invoke<Version>(page, 'targets.createVersion', { kind: 'scenario', fromId: working.id, name: '衝刺', scenario: 'stretch' });
  const g = grid(page);
  const region = g.rowsWithClass('tg-row--region');

  // Edit the working plan's region total, then open the scenario.
  await g.edit(g.cell(region, 'year'), '40000000');
  await expect(g.cell(region, 'year')).toHaveText('40,000,000');
  await page.getByTestId('targets-version-select').selectOption(String(scenario.id));
  await expect(targetsPage).toHaveAttribute('data-version', String(scenario.id));
  await expect(g.cell(region, 'year')).toHaveText('36,000,000');
  // The undo button names the version the step changes.
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /撤銷：修改目標（工作計劃）/);

  await page.getByTestId('undo').click();
  await expect(targetsPage).toHaveAttribute('data-version', String(working.id));
  await expect(page.getByTestId('step-notice')).toHaveText(/已切換到「工作計劃」並撤銷：修改目標/);
  await shot(page, 'targets-undo-switched-zh-Hant.png');
  await expect(g.cell(region, 'year')).toHaveText('36,000,000');
  await expect(page.getByTestId('targets-version-select')).toHaveValue(String(working.id));

  // Redo from the scenario: the same, the other way.
  await page.getByTestId('targets-version-select').selectOption(String(scenario.id));
  await expect(targetsPage).toHaveAttribute('data-version', String(scenario.id));
  await page.getByTestId('redo').click();
  await expect(targetsPage).toHaveAttribute('data-version', String(working.id));
  await expect(page.getByTestId('step-notice')).toHaveText(/並重做：修改目標/);
  await expect(g.cell(region, 'year')).toHaveText('40,000,000');
});

test('the add-row dialog in 简体 and English', async ({ start, workspace, page }) => {
  await openSeeded(page, start, () => workspace.nav('targets').click());
  const blank = await addBlankCity(page);
  for (const [language, name] of [['zh-Hans', '新增目标行'], ['en', 'Add a target row']] as const) {
    await workspace.setLanguage(language);
    await expect(page.getByTestId('targets-add-row')).toContainText(language === 'en' ? 'Add target row' : '新增目标行');
    // Catalog names show in the UI's script (English shows the simplified name).
    const provinceRow = grid(page).row(geoDisplayName(blank.province, 'province', language));
    await grid(page).cell(provinceRow, 'label').click();
    await page.getByTestId('targets-add-row').click();
    await expect(page.getByTestId('add-row-dialog')).toContainText(name);
    await page.getByTestId('add-row-member').selectOption(String(blank.cityId));
    await page.getByTestId('add-row-sku').selectOption({ index: 2 });
    await page.getByTestId('add-row-channel').selectOption({ index: 1 });
    await page.getByTestId('add-row-method-like').check();
    await page.getByTestId('add-row-like').selectOption({ index: 1 });
    await page.getByTestId('add-row-amount').fill('80000');
    await shot(page, `targets-add-row-${language}.png`);
    await page.keyboard.press('Escape');
  }
});
