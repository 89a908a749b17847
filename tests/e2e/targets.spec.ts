import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';

// The flow on the demo region, in 元 so that every figure on screen is exact:
// set the 2027 target by last year's actuals, lock a province, change the region's
// total and see the province unchanged and the provinces adding up to the new total
// to the 元; switch the hierarchy; take a snapshot; compare two scenarios.

test.use({ demoSize: 'tiny' });

const grid = (page: Page) => GridModel.byTestId(page, 'targets-grid');
const cell = (page: Page, row: number, col: string) => grid(page).cell(row, col);
const yuan = (text: string | null) => Number((text ?? '').replace(/[^0-9-]/g, ''));

/** The region row's index (the row above the provinces). */
async function regionIndex(page: Page): Promise<number> {
  const g = grid(page);
  return g.rowIndexOf(g.treeLabels(g.rowsWithClass('tg-row--region')));
}

/** The index of the top-level row (a province, a brand …) with this label. */
async function topIndex(page: Page, label: string): Promise<number> {
  const g = grid(page);
  return g.rowIndexOf(g.treeLabel(label, g.rowsWithClass('tg-row--d0')));
}

async function typeInto(page: Page, row: number, col: string, value: string): Promise<void> {
  await grid(page).edit(cell(page, row, col), value);
}

/** Year figures of the region row and every province row, in 元. */
async function yearFigures(page: Page): Promise<{ region: number; provinces: Map<string, number> }> {
  const g = grid(page);
  const region = yuan(await cell(page, await regionIndex(page), 'year').textContent());
  const provinces = new Map<string, number>();
  const topRows = g.rowsWithClass('tg-row--d0');
  await expect(g.treeLabels(topRows).first()).toBeVisible();
  for (const label of await g.labelsOf(topRows)) {
    provinces.set(label, yuan(await cell(page, await topIndex(page, label), 'year').textContent()));
  }
  return { region, provinces };
}

test('set the plan year target by last year, lock a province, change the total; hierarchy, snapshot, scenarios', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.setUnit('yuan');
  await workspace.nav('targets').click();
  const targetsPage = page.getByTestId('targets-page');
  await expect(targetsPage).toHaveAttribute('data-loaded', 'true');
  await expect(targetsPage).toHaveAttribute('data-seeded', 'false');
  await page.getByTestId('targets-hierarchy').selectOption('geo');

  // The empty plan offers head office's year target; spread it by last year.
  await expect(page.getByTestId('targets-seed-value')).not.toHaveValue('');
  await page.getByTestId('targets-seed-method').selectOption('lastYear');
  await page.getByTestId('targets-seed-button').click();
  await expect(targetsPage).toHaveAttribute('data-seeded', 'true');
  await expect(page.locator('[data-testid="gap-row-gap"] [data-period="year"]')).toHaveAttribute('data-gap', '0');

  const first = await yearFigures(page);
  expect([...first.provinces.values()].reduce((a, b) => a + b, 0)).toBe(first.region);
  const [locked, lockedValue] = [...first.provinces.entries()][0];

  // Lock the first province for the whole year.
  const lockedRow = await topIndex(page, locked);
  await cell(page, lockedRow, 'label').click();
  await page.getByTestId('targets-lock-button').click();
  await expect(page.getByTestId('targets-lock-button')).toHaveAttribute('data-locked', 'true');

  // A new region total: 12% above, in whole 元.
  const newTotal = Math.round(first.region * 1.12);
  const regionRow = await regionIndex(page);
  await typeInto(page, regionRow, 'year', String(newTotal));
  await expect.poll(async () => yuan(await cell(page, regionRow, 'year').textContent())).toBe(newTotal);
  const second = await yearFigures(page);
  expect(second.provinces.get(locked)).toBe(lockedValue);
  expect([...second.provinces.values()].reduce((a, b) => a + b, 0)).toBe(newTotal);
  for (const [name, v] of second.provinces) if (name !== locked) expect(v).toBeGreaterThan(first.provinces.get(name) ?? 0);

  // Another hierarchy shows the same plan: brand → category → SKU adds up to the same total.
  await page.getByTestId('targets-hierarchy').selectOption('product');
  await expect(page.getByTestId('targets-hierarchy')).toHaveAttribute('data-levels', 'brand,category,sku');
  await expect(grid(page).rowsWithClass('tg-row--d0').first()).toBeVisible();
  const byBrand = await yearFigures(page);
  expect(byBrand.region).toBe(newTotal);
  expect([...byBrand.provinces.values()].reduce((a, b) => a + b, 0)).toBe(newTotal);

  // A snapshot of what goes to head office.
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('報總部 2026-12-20');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);

  // Two scenarios from the working plan: stretch and conservative.
  for (const [type, name] of [['stretch', '衝刺方案'], ['conservative', '保守方案']] as const) {
    await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-scenario').click();
    await page.getByTestId('scenario-type').locator(`[data-value="${type}"]`).click();
    await page.getByTestId('scenario-name').fill(name);
    await page.getByTestId('scenario-submit').click();
    await expect(page.locator('[data-testid="version-row"][data-kind="scenario"]', { hasText: name })).toHaveCount(1);
  }
  await page.getByTestId('versions-close').click();

  // The stretch scenario: 5% more than the working plan.
  const stretchId = (await page.locator('[data-testid="targets-version-select"] option', { hasText: '衝刺方案' }).getAttribute('value')) ?? '';
  await page.getByTestId('targets-version-select').selectOption(stretchId);
  await expect(targetsPage).toHaveAttribute('data-version', stretchId);
  await expect(targetsPage).toHaveAttribute('data-loaded', 'true');
  const stretchTotal = Math.round(newTotal * 1.05);
  const sRegion = await regionIndex(page);
  await typeInto(page, sRegion, 'year', String(stretchTotal));
  await expect.poll(async () => yuan(await cell(page, sRegion, 'year').textContent())).toBe(stretchTotal);

  // Compare the two scenarios side by side.
  await page.getByTestId('targets-open-compare').click();
  const compare = page.getByTestId('compare-dialog');
  await expect(compare).toBeVisible();
  const boxes = compare.getByTestId('compare-version');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const label = (await box.evaluate((e) => e.closest('label')?.textContent ?? '')) ?? '';
    const want = label.includes('衝刺方案') || label.includes('保守方案');
    if ((await box.isChecked()) !== want) await box.click();
  }
  await expect(compare.getByTestId('compare-table')).toBeVisible();
  const foot = compare.locator('[data-testid="compare-table"] tfoot');
  await expect(foot).toContainText(stretchTotal.toLocaleString('en-US'));
  await expect(foot).toContainText(newTotal.toLocaleString('en-US'));
  await expect(compare.getByTestId('compare-row').first()).toBeVisible();
});

test("head office's target imported from a spreadsheet, one undo step", async ({ start, workspace, page }, info) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('targets').click();
  await expect(page.getByTestId('targets-page')).toHaveAttribute('data-loaded', 'true');
  // An ASCII name: under CI's C locale Chromium cannot hand a file with a Chinese path to the page.
  const csv = info.outputPath('ho-target-2027.csv');
  await writeFile(
    csv,
    '月份,銷售額目標,銷量目標,毛利目標,新品銷售額目標\r\n2027-01,"5,000,000",120000,"1,200,000","300,000"\r\n2027-02,"4,500,000",110000,"1,100,000","250,000"\r\n',
  );
  await expect(page.getByTestId('gap-strip')).toHaveAttribute('data-loaded', 'true');
  await page.getByTestId('targets-open-ho').click();
  const dialog = page.getByTestId('ho-target-dialog');
  await expect(dialog.getByTestId('ho-target-year')).toBeVisible();
  await dialog.getByTestId('import-button').click();
  const wizard = page.getByTestId('import-wizard');
  // The wizard knows its target (its fields) before it takes a file.
  await expect(wizard.getByRole('heading')).toHaveText('導入總部目標');
  await wizard.getByTestId('import-file-input').setInputFiles(csv);
  await expect(wizard.getByTestId('import-row-count')).toContainText('2');
  await wizard.getByTestId('import-next').click();
  // Every column matched by its Chinese header.
  for (const [field, col] of [['month', '0'], ['amountCents', '1'], ['volume', '2'], ['grossProfitCents', '3'], ['newProductCents', '4']]) {
    await expect(wizard.getByTestId(`map-${field}`)).toHaveValue(col);
  }
  await wizard.getByTestId('import-next').click();
  await expect(wizard.getByTestId('import-all-good')).toBeVisible();
  await wizard.getByTestId('import-commit').click();
  await expect(wizard.getByTestId('import-done')).toContainText('2');
  await wizard.getByTestId('import-close').click();
  await dialog.getByTestId('ho-target-close').click();
  // The gap strip shows head office's new January and February (萬元).
  await expect(page.locator('[data-testid="gap-row-ho"] [data-period="m1"]')).toHaveText('500.00');
  await expect(page.locator('[data-testid="gap-row-ho"] [data-period="m2"]')).toHaveText('450.00');
  await page.getByTestId('undo').click();
  await expect(page.locator('[data-testid="gap-row-ho"] [data-period="m1"]')).not.toHaveText('500.00');
});
