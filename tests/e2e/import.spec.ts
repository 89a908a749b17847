import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { MasterDataPage } from './pages/MasterDataPage';

// The import wizard on the tiny demo region in the web host: customers from a GBK
// CSV with Chinese headers (Excel's "CSV" on a Chinese Windows) with one bad row →
// the preview names the row and the reason, Import stays disabled and nothing is
// imported; the corrected file then imports all rows in one undo step.

const FIXTURES = resolve(process.cwd(), 'tests', 'unit', 'fixtures');
const SHOTS = process.env.REGIONPLAN_SHOTS;

/** The codes of the customers the file holds, read through the app's own API. */
async function importedCodes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const res = await fetch('/api/invoke/master.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entity: 'customer' }),
    });
    const body = (await res.json()) as { ok: boolean; value: { rows: { code: string }[] } };
    return body.value.rows.map((r) => r.code).filter((c) => c.startsWith('IMP')).sort();
  });
}

test('import customers from a GBK CSV: a bad row blocks the import, the fixed file imports', async ({ start, workspace, page, host }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await expect(md.editor('customer')).toHaveAttribute('data-loaded', 'true');
  await expect(md.grid('customer').root).toContainText('D0001');

  await md.editor('customer').getByTestId('import-button').click();
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard).toBeVisible();
  await expect(wizard.getByRole('heading')).toHaveText('導入渠道客戶');

  // A broken file is refused with the line.
  await wizard.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'unbalanced.csv'));
  await expect(wizard.getByTestId('import-error')).toContainText('第 3 行');

  // Step 2: the encoding is detected as GB18030 and the Chinese reads right.
  await wizard.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'e2e-customers-bad.csv'));
  await expect(wizard.getByTestId('import-encoding')).toHaveValue('gb18030');
  await expect(wizard.getByTestId('import-sample')).toContainText('上海鴻運商貿有限公司');
  await expect(wizard.getByTestId('import-row-count')).toContainText('3');
  await expect(wizard.getByTestId('import-error')).toHaveCount(0);

  // Step 3: every column matched by its header (one in simplified characters, one with a unit).
  await wizard.getByTestId('import-next').click();
  await expect(wizard.getByTestId('import-mapping')).toBeVisible();
  await expect(wizard.getByTestId('map-code')).toHaveValue('0');
  await expect(wizard.getByTestId('map-name').locator('option:checked')).toHaveText('名称');
  await expect(wizard.getByTestId('map-name')).toHaveValue('1');
  await expect(wizard.getByTestId('map-cityId')).toHaveValue('2');
  await expect(wizard.getByTestId('map-channelId')).toHaveValue('3');
  await expect(wizard.getByTestId('map-creditLimitCents')).toHaveValue('4');
  await expect(wizard.getByTestId('map-ownerId')).toHaveValue('');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'import-mapping.png') });

  // Step 4: the bad row, its column and the reason; Import is disabled.
  await wizard.getByTestId('import-next').click();
  const issues = wizard.getByTestId('import-issues');
  await expect(issues).toBeVisible();
  await expect(issues.locator('tbody tr')).toHaveCount(1);
  await expect(issues.locator('tbody tr').first()).toContainText('3');
  await expect(issues.locator('tbody tr').first()).toContainText('城市');
  await expect(issues.locator('tbody tr').first()).toContainText('火星市');
  await expect(wizard.getByTestId('import-summary')).toContainText('2');
  await expect(wizard.getByTestId('import-commit')).toBeDisabled();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'import-preview-error.png') });
  expect(await importedCodes(page)).toEqual([]);

  // Back to the first step, choose the corrected file; the mapping is kept.
  await wizard.getByTestId('import-back').click();
  await wizard.getByTestId('import-back').click();
  await wizard.getByTestId('import-back').click();
  await wizard.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'e2e-customers-fixed.csv'));
  await expect(wizard.getByTestId('import-sample')).toContainText('南京市');
  await wizard.getByTestId('import-next').click();
  await expect(wizard.getByTestId('map-cityId')).toHaveValue('2');
  await wizard.getByTestId('import-next').click();
  await expect(wizard.getByTestId('import-all-good')).toBeVisible();
  await expect(wizard.getByTestId('import-commit')).toBeEnabled();
  await wizard.getByTestId('import-commit').click();
  await expect(wizard.getByTestId('import-done')).toContainText('3');
  await wizard.getByTestId('import-close').click();
  await expect(wizard).toHaveCount(0);

  expect(await importedCodes(page)).toEqual(['IMP001', 'IMP002', 'IMP003']);
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /導入主數據/);
  // The grid re-read its rows: the quick filter finds the new customers.
  await md.grid('customer').filter('IMP00');
  await expect(md.grid('customer').root).not.toContainText('D0001');
  await expect(md.grid('customer').root).toContainText('IMP002');
  await expect(md.grid('customer').root).toContainText('上海新天地便利');
  await md.grid('customer').filter('');

  // Export: the web host writes to its exports folder and says where.
  await md.editor('customer').getByTestId('export-button').click();
  await md.editor('customer').getByTestId('export-xlsx').click();
  await expect(page.getByTestId('export-message')).toContainText('渠道客戶-華東大區-2027.xlsx');
  const exported = ((await page.getByTestId('export-message').textContent()) ?? '').replace(/^.*：/, '').trim();
  expect(existsSync(exported)).toBe(true);
  expect(dirname(exported)).toBe(join(host.workspace, 'exports'));
  await page.getByTestId('export-done').getByRole('button').click();

  // One undo step takes the whole import back.
  await workspace.undoButton.click();
  await expect.poll(() => importedCodes(page)).toEqual([]);
});

/** A master-data list through the app's own API. */
async function listOf(page: Page, entity: string): Promise<{ rows: Record<string, unknown>[] }> {
  return page.evaluate(async (e) => {
    const res = await fetch('/api/invoke/master.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entity: e }),
    });
    return ((await res.json()) as { value: { rows: Record<string, unknown>[] } }).value;
  }, entity);
}

test('customers from a transaction file: each code once (last row), a new channel created on confirmation', async ({ start, page, host }) => {
  // An ERP's sales lines: the same customer on several rows, one row disagreeing, and a channel the region lacks.
  const file = join(host.workspace, '..', 'sales-lines.csv');
  writeFileSync(
    file,
    ['代碼,名稱,城市,主渠道', 'TX001,團購甲,上海市,社區團購', 'TX001,團購甲,上海市,社區團購', 'TX002,便利乙,上海市,KA', 'TX001,團購甲（新名）,上海市,社區團購'].join('\r\n'),
  );
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await expect(md.editor('customer')).toHaveAttribute('data-loaded', 'true');
  await md.editor('customer').getByTestId('import-button').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles(file);
  await expect(wizard.getByTestId('import-row-count')).toContainText('4');
  await wizard.getByTestId('import-duplicates').selectOption('last');
  await wizard.getByTestId('import-next').click();
  await expect(wizard.getByTestId('map-channelId')).toHaveValue('3');
  await wizard.getByTestId('import-next').click();

  await expect(wizard.getByTestId('import-dup-summary')).toHaveText('4 行，2 個編碼；重複編碼的屬性衝突 1 個');
  const conflict = wizard.getByTestId('import-conflicts').locator('tbody tr');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('TX001');
  await expect(conflict.locator('.import-master__winner')).toHaveText('團購甲（新名）');
  const create = wizard.getByTestId('import-to-create');
  await expect(create.locator('tbody tr')).toHaveCount(1);
  await expect(create.locator('tbody tr')).toContainText('社區團購');
  // Nothing is created without the confirmation.
  await expect(wizard.getByTestId('import-all-good')).toHaveCount(0);
  await expect(wizard.getByTestId('import-commit')).toBeDisabled();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'import-master-review.png') });
  await wizard.getByTestId('import-create-confirm').check();
  await expect(wizard.getByTestId('import-all-good')).toBeVisible();
  await expect(wizard.getByTestId('import-commit')).toBeEnabled();
  await wizard.getByTestId('import-commit').click();
  await expect(wizard.getByTestId('import-done-body')).toContainText('新增 2');
  await expect(wizard.getByTestId('import-done-body')).toContainText('新建了 1 個');
  await wizard.getByTestId('import-close').click();

  const channel = (await listOf(page, 'channel')).rows.find((r) => r.name === '社區團購');
  expect(channel).toBeDefined();
  const customers = (await listOf(page, 'customer')).rows.filter((r) => String(r.code).startsWith('TX'));
  expect(customers.map((r) => [r.code, r.name, r.channelId]).sort()).toEqual([
    ['TX001', '團購甲（新名）', channel!.id],
    ['TX002', '便利乙', expect.any(Number)],
  ]);
});

