import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportWizardPage } from './pages/ImportWizardPage';
import { invoke } from './api';

// Values as ERP exports write them: amounts with four decimals (unit price × quantity)
// are rounded half away from zero to 分, and the preview reconciles the file's totals
// with the imported ones to the 分; day-first dates with two-digit years, dots and
// dashes and a time after the date import once the date order is chosen; a date that
// still fails names the forms accepted and the order used.

const HEADER = '月份,客戶編碼,客戶名稱,存貨編碼,存貨名稱,數量,金額,毛利';
const SHOTS = process.env.VALUES_SHOTS;

async function codes(page: Page, entity: 'customer' | 'sku'): Promise<{ code: string; name: string }[]> {
  const list = await invoke<{ rows: { code: string; name: string }[] }>(page, 'master.list', { entity });
  return list.rows;
}

async function sales2021(page: Page): Promise<{ total: number; amount: number; gp: number }> {
  const r = await invoke<{ total: number; totals: Record<string, number> }>(page, 'actuals.list', {
    kind: 'sales',
    filter: { periodFrom: 202101, periodTo: 202103 },
    limit: 1,
  });
  return { total: r.total, amount: r.totals.amountCents, gp: r.totals.grossProfitCents };
}

test('four-decimal amounts are rounded to 分 and reconciled in the preview; two-digit-year dates import', async ({ start, page, workspace }, testInfo) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const [c1, c2] = await codes(page, 'customer');
  const [s1, s2] = await codes(page, 'sku');
  const good = [
    HEADER,
    `03/01/21,${c1.code},${c1.name},${s1.code},${s1.name},10,1234.5678,200.125`, // 3 January 2021
    `5.2.21 14:22,${c1.code},${c1.name},${s2.code},${s2.name},5,800.0049,100`,
    `28-2-21,${c2.code},${c2.name},${s1.code},${s1.name},3,-0.005,50`,
  ];
  const bad = [...good, `31/02/21,${c2.code},${c2.name},${s2.code},${s2.name},1,10,1`];
  const badPath = testInfo.outputPath('erp-values-bad.csv');
  const goodPath = testInfo.outputPath('erp-values.csv');
  writeFileSync(badPath, `${bad.join('\r\n')}\r\n`);
  writeFileSync(goodPath, `${good.join('\r\n')}\r\n`);
  const before = await sales2021(page);

  if (SHOTS) await workspace.setLanguage(SHOTS.split(':')[1] as 'zh-Hant' | 'zh-Hans' | 'en');
  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const importButton = page.getByTestId('actuals-page').locator('header').getByTestId('import-button');
  const wizard = new ImportWizardPage(page);
  await importButton.click();
  await wizard.chooseFile(badPath);

  // Day/month/year: the two-digit-year rule is shown beside the order.
  await expect(wizard.by('import-two-digit-year')).toHaveCount(0);
  await wizard.by('import-date-order').selectOption('dmy');
  if (!SHOTS) await expect(wizard.by('import-two-digit-year')).toHaveText('兩位年份（如 5/3/26）：00–69 讀作 2000–2069，70–99 讀作 1970–1999。');
  if (SHOTS) await page.screenshot({ path: `${SHOTS.split(':')[0]}-format.png` });
  await wizard.next.click();
  await wizard.check();

  // The date that fails: the forms accepted and the order used.
  const issues = wizard.issues.locator('tbody tr');
  await expect(issues).toHaveCount(1);
  await expect(issues.first().locator('td').first()).toHaveText('5');
  if (!SHOTS) {
    await expect(issues.first()).toContainText('「31/02/21」不是年月');
    await expect(issues.first()).toContainText('5.3.26');
    await expect(issues.first()).toContainText('目前的日期順序：日/月/年');
  }

  // The rounding, over the three good rows: 1234.5678 + 800.0049 − 0.005 in the file,
  // 1234.57 + 800.00 − 0.01 imported; gross profit 200.125 → 200.13.
  const rounding = wizard.by('import-rounding');
  if (!SHOTS) await expect(wizard.by('import-rounding-summary')).toHaveText('4 個金額的小數位多於分，已四捨五入（遠離零）到分；單個金額最大調整 0.005 元。');
  const amount = rounding.locator('tr[data-field="amount"]');
  await expect(amount.getByTestId('rounding-file-total')).toHaveText('2,034.5677');
  await expect(amount.getByTestId('rounding-imported-total')).toHaveText('2,034.56');
  await expect(amount.getByTestId('rounding-difference')).toHaveText('-0.0077');
  const gp = rounding.locator('tr[data-field="grossProfit"]');
  await expect(gp.getByTestId('rounding-file-total')).toHaveText('350.125');
  await expect(gp.getByTestId('rounding-imported-total')).toHaveText('350.13');
  await expect(gp.getByTestId('rounding-difference')).toHaveText('0.005');
  if (SHOTS) await page.screenshot({ path: `${SHOTS.split(':')[0]}-preview.png` });
  await expect(wizard.commit).toBeDisabled();

  // The file without the impossible day imports, with the rounded values.
  await wizard.goBack(3);
  await wizard.chooseFile(goodPath);
  await expect(wizard.by('import-date-order')).toHaveValue('dmy');
  await wizard.next.click();
  await wizard.check();
  await expect(wizard.by('import-all-good')).toBeVisible();
  await expect(wizard.by('import-batch-period')).toHaveText(SHOTS ? /2021-01/ : '2021-01 至 2021-02');
  await expect(amount.getByTestId('rounding-imported-total')).toHaveText('2,034.56');
  await wizard.commit.click();
  await expect(wizard.by('import-done-rounding')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS.split(':')[0]}-done.png` });
  await wizard.by('import-close').click();

  const after = await sales2021(page);
  expect(after.total - before.total).toBe(3);
  expect(after.amount - before.amount).toBe(203_456);
  expect(after.gp - before.gp).toBe(35_013);
});
