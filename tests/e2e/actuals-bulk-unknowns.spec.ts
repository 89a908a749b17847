import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { invoke } from './api';
import { ImportWizardPage } from './pages/ImportWizardPage';

// A brand-new region (empty master data) imports an ERP sales export naming 800
// customers and 1,900 SKUs it does not know, with city, channel, salesperson, brand,
// category and price columns: create all customers, create all SKUs, confirm the
// cities, channels, brands and categories they need, import. A handful of clicks.

const SHOTS = process.env.UNKNOWNS_SHOTS;
const CUSTOMERS = 800;
const SKUS = 1_900;
const CITIES = ['蘇州市', '杭州市', '上海市', '南京'];
const CHANNELS = ['經銷商', '商超', '便利店'];
const BRANDS = ['清泉', '山泉'];
const CATEGORIES = ['飲用水', '茶飲料', '果汁'];

function salesFile(path: string): void {
  const lines = ['月份,客戶編碼,客戶名稱,所在城市,渠道,業務員,存貨編碼,存貨名稱,品牌,品類,單價,數量,金額'];
  for (let i = 0; i < SKUS; i++) {
    const c = i % CUSTOMERS;
    lines.push(
      [
        '2027-01',
        `K${String(c).padStart(4, '0')}`,
        `客戶${c}`,
        CITIES[c % CITIES.length],
        CHANNELS[c % CHANNELS.length],
        c % 2 ? '王小明' : '李雷',
        `P${String(i).padStart(5, '0')}`,
        `單品${i}`,
        BRANDS[i % BRANDS.length],
        CATEGORIES[i % CATEGORIES.length],
        '36.00',
        '2',
        '80',
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

async function count(page: Page, entity: string): Promise<number> {
  const list = await invoke<{ rows: unknown[] }>(page, 'master.list', { entity });
  return list.rows.length;
}

async function openWizardOnFile(page: Page, file: string): Promise<ImportWizardPage> {
  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const actualsPage = page.getByTestId('actuals-page');
  await expect(actualsPage).toHaveAttribute('data-kind', 'sales');
  await actualsPage.locator('header').getByTestId('import-button').click();
  const wizard = new ImportWizardPage(page);
  await expect(wizard.root).toBeVisible();
  await wizard.chooseFile(file);
  await wizard.next.click();
  return wizard;
}

test('a new region imports 800 unknown customers and 1,900 unknown SKUs in a handful of clicks', async ({ start, page }, testInfo) => {
  test.setTimeout(180_000);
  await start.createRegion({ name: '蘇南新區', year: 2027 });
  const file = testInfo.outputPath('erp-new-region.csv');
  salesFile(file);
  const wizard = await openWizardOnFile(page, file);

  // The attribute columns are matched by their headers like the other fields.
  await expect(wizard.map('customerCity')).toHaveValue('3');
  await expect(wizard.map('customerChannel')).toHaveValue('4');
  await expect(wizard.map('customerSalesperson')).toHaveValue('5');
  await expect(wizard.map('skuBrand')).toHaveValue('8');
  await expect(wizard.map('skuCategory')).toHaveValue('9');
  await expect(wizard.map('skuPrice')).toHaveValue('10');
  await wizard.check();

  const customers = wizard.bulkPanel('customer');
  await expect(customers).toContainText(`${CUSTOMERS.toLocaleString('en-US')} 個未知客戶`);
  await expect(wizard.bulkPanel('sku')).toContainText(`${SKUS.toLocaleString('en-US')} 個未知單品`);
  await expect(wizard.commit).toBeDisabled();

  // Click 1 and 2: create all; the attribute sources show the file's columns.
  await wizard.decideAll('customer', 'create');
  await expect(customers.getByTestId('import-bulk-column-city')).toHaveValue('3');
  await expect(customers.getByTestId('import-bulk-column-channel')).toHaveValue('4');
  await wizard.decideAll('sku', 'create');
  await expect(wizard.bulkPanel('sku').getByTestId('import-bulk-column-brand')).toHaveValue('8');
  // Click 3: apply. The supporting members are listed, and the commit waits for their confirmation.
  await wizard.applyBulk();
  await expect(customers.getByTestId('import-bulk-summary')).toContainText('新建 800 個');
  const supporting = wizard.by('import-bulk-supporting');
  await expect(supporting).toContainText('同時新建的主數據：17 項');
  await expect(supporting.locator('tr[data-dimension="city"]')).toHaveCount(4);
  await expect(supporting.locator('tr[data-dimension="city"]').filter({ hasText: '南京市' })).toContainText('江蘇省');
  await expect(wizard.issues).toContainText('請核對清單並勾選確認');
  await expect(wizard.commit).toBeDisabled();
  // The per-value list below follows the decision.
  await expect(wizard.unknown('customer', 'K0000')).toHaveAttribute('data-policy', 'create');
  // The per-value list pages (it is for looking and overriding, not for deciding 2,700 values).
  await expect(wizard.unknowns.locator('tbody tr')).toHaveCount(50);
  await wizard.by('import-unknowns-next').click();
  await expect(wizard.by('import-unknowns-pager')).toContainText('第 51–100 個');
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/unknowns-bulk-zh-Hant.png` });
    await supporting.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/unknowns-supporting-zh-Hant.png` });
  }

  // A per-value decision beats the policy: K0000's rows are skipped instead.
  await wizard.by('import-unknowns-prev').click();
  await wizard.unknown('customer', 'K0000').getByTestId('import-unknown-action').selectOption('skip');
  await wizard.applyResolutions();
  await expect(customers.getByTestId('import-bulk-summary')).toContainText('新建 799 個');

  // Click 4: confirm the list; click 5: import.
  await wizard.confirmSupporting();
  await expect(wizard.by('import-all-good')).toBeVisible();
  await expect(wizard.commit).toBeEnabled();
  await wizard.commit.click();
  await expect(wizard.done).toBeVisible({ timeout: 60_000 });

  expect(await count(page, 'customer')).toBe(CUSTOMERS - 1);
  expect(await count(page, 'sku')).toBe(SKUS);
  expect(await count(page, 'city')).toBe(CITIES.length);
  expect(await count(page, 'channel')).toBe(CHANNELS.length);
  expect(await count(page, 'brand')).toBe(BRANDS.length);
  expect(await count(page, 'category')).toBe(CATEGORIES.length);
  const sales = await invoke<{ total: number }>(page, 'actuals.list', { kind: 'sales', filter: {}, limit: 1 });
  // K0000 is named by rows 0, 800 and 1,600.
  expect(sales.total).toBe(SKUS - 3);
});

for (const language of ['zh-Hans', 'en'] as const) {
  test(`the bulk panel in ${language}`, async ({ start, page }, testInfo) => {
    test.skip(!SHOTS, 'screenshots only');
    test.setTimeout(120_000);
    await start.setLanguage(language);
    await start.createRegion({ name: 'R', year: 2027 });
    const file = testInfo.outputPath('erp-new-region.csv');
    salesFile(file);
    const wizard = await openWizardOnFile(page, file);
    await wizard.check();
    await wizard.decideAll('customer', 'create');
    await wizard.decideAll('sku', 'create');
    await wizard.applyBulk();
    await expect(wizard.by('import-bulk-supporting')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/unknowns-bulk-${language}.png` });
    await wizard.by('import-bulk-supporting').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/unknowns-supporting-${language}.png` });
  });
}
