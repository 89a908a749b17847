import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { expect, test } from './fixtures';
import { ImportWizardPage } from './pages/ImportWizardPage';
import { invoke } from './api';

// The import of sales actuals, end to end on the tiny demo region: an ERP export
// saved by Excel on a Chinese Windows (a GBK CSV with Chinese headers) with a few bad
// rows. Map a column wrongly and see every row refused; fix the mapping; the bad rows
// are named (a bad amount, an unknown customer, a day-first date that is refused until
// the date order is chosen); map the unknown customer to an existing one; commit the
// corrected file; import the same file again: it replaces its own earlier rows, so the
// region's totals and row count stay the same. The demo region has sales in those
// months: the preview lists the demo rows the import overwrites, by batch and month,
// and the import waits for the user to confirm overwriting another source's rows; the
// demo batch then says how many of its rows the import took.

const SHOTS = process.env.REGIONPLAN_SHOTS;

/** GBK, as Excel on a Chinese Windows saves a CSV. */
const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');


interface Member {
  id: number;
  code: string;
  name: string;
}

async function members(page: Page, entity: 'customer' | 'sku'): Promise<Member[]> {
  const list = await invoke<{ rows: { id: number; code: string; name: string }[] }>(page, 'master.list', { entity });
  return list.rows.map((r) => ({ id: r.id, code: r.code, name: r.name }));
}

/** The sales actuals of the file's months: how many rows and their sums. */
async function salesOf(page: Page): Promise<{ total: number; amount: number; volume: number }> {
  const result = await invoke<{ total: number; totals: Record<string, number> }>(page, 'actuals.list', {
    kind: 'sales',
    filter: { periodFrom: 202601, periodTo: 202603 },
    limit: 1,
  });
  return { total: result.total, amount: result.totals.amountCents, volume: result.totals.volume };
}

const HEADER = '月份,客戶編碼,客戶名稱,存貨編碼,存貨名稱,數量,金額,毛利';

test('import sales actuals from a GBK CSV: wrong mapping, bad rows, unknown customer, day-first dates, and a re-import without duplicates', async ({
  start,
  page,
}, testInfo) => {
  await start.demoButton.click();
  await start.expectState('workspace');

  // Customer and SKU codes of the demo region, read through the app's API.
  const [c1, c2] = await members(page, 'customer');
  const [s1, s2] = await members(page, 'sku');
  const rows = (amount4: string) => [
    HEADER,
    `2026-01,${c1.code},${c1.name},${s1.code},${s1.name},10,"1,234.50",200`,
    `2026-01,${c1.code},${c1.name},${s2.code},${s2.name},5,800,100`,
    // A second invoice of the same month × customer × SKU: combined into one line.
    `2026-01,${c1.code},${c1.name},${s1.code},${s1.name},1,100,20`,
    `2026-02,${c2.code},${c2.name},${s1.code},${s1.name},3,${amount4},50`,
    // A customer the region does not have.
    `2026-02,X9999,神秘便利店,${s1.code},${s1.name},2,300,40`,
    // Day-first: 3 February 2026, or 2 March? Refused until the order is chosen.
    `03/02/2026,${c2.code},${c2.name},${s2.code},${s2.name},4,500,60`,
    `2026-03,${c2.code},${c2.name},${s2.code},${s2.name},6,"2,000",300`,
  ];
  // ASCII file names: Chromium under a C locale drops non-ASCII paths in setInputFiles.
  // Two files of one export: one source, named after the pattern of their names.
  const bad = testInfo.outputPath('erp-sales_v1.csv');
  const fixed = testInfo.outputPath('erp-sales_v2.csv');
  const SOURCE = 'erp-sales_v*';
  writeFileSync(bad, gbk(rows('12O0').join('\r\n') + '\r\n'));
  writeFileSync(fixed, gbk(rows('1200').join('\r\n') + '\r\n'));

  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const actualsPage = page.getByTestId('actuals-page');
  await expect(actualsPage).toHaveAttribute('data-kind', 'sales');
  const importButton = actualsPage.locator('header').getByTestId('import-button');
  const wizard = new ImportWizardPage(page);

  await importButton.click();
  await expect(wizard.root).toBeVisible();

  // Format: the encoding is detected as GB18030 and the Chinese headers read right.
  await wizard.chooseFile(bad);
  await expect(wizard.encoding).toHaveValue('gb18030');
  await expect(wizard.sample.locator('thead')).toContainText('客戶名稱');
  await expect(wizard.sample.locator('thead')).toContainText('存貨編碼');
  await expect(wizard.sample).toContainText('神秘便利店');
  await expect(wizard.by('import-date-order')).toHaveValue('ymd');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'actuals-import-format.png') });

  // Mapping: every column matched by its Chinese header (the fields' ERP aliases).
  await wizard.next.click();
  await expect(wizard.map('period')).toHaveValue('0');
  await expect(wizard.map('customer')).toHaveValue('1');
  await expect(wizard.map('sku')).toHaveValue('3');
  await expect(wizard.map('volume')).toHaveValue('5');
  await expect(wizard.map('amount')).toHaveValue('6');
  await expect(wizard.map('grossProfit')).toHaveValue('7');
  // The source is proposed from the file's name pattern, never from its header line.
  await expect(wizard.by('import-save-name')).toHaveValue(SOURCE);

  // Deliberately wrong: the amount from the customer-name column → every row refused.
  await wizard.map('amount').selectOption('2');
  await wizard.check();
  await expect(wizard.issues).toContainText('不是數字');
  await expect(wizard.issues).toContainText(c1.name);
  await expect(wizard.commit).toBeDisabled();

  // Fix the mapping: now only the bad rows are named, each with its row and reason.
  await wizard.back.click();
  await wizard.map('amount').selectOption('6');
  await wizard.check();
  const issues = wizard.issues.locator('tbody tr');
  const issue = (text: string) => issues.filter({ hasText: text });
  await expect(issues).toHaveCount(3);
  await expect(issue('12O0').locator('td').first()).toHaveText('5');
  await expect(issue('12O0')).toContainText('金額');
  await expect(issue('12O0')).toContainText('不是數字');
  await expect(issue('03/02/2026').locator('td').first()).toHaveText('7');
  await expect(issue('03/02/2026')).toContainText('分不清日和月');
  await expect(issue('X9999').locator('td').first()).toHaveText('6');
  await expect(issue('X9999')).toContainText('主數據中沒有客戶');
  await expect(wizard.commit).toBeDisabled();

  // The unknown customer: map it to an existing one, then check again.
  const unknown = wizard.unknown('customer', 'X9999');
  await expect(unknown).toContainText('神秘便利店');
  await wizard.mapUnknown('customer', 'X9999', c2.code);
  await expect(wizard.by('import-unknowns-status')).toContainText('套用並重新檢查');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'actuals-import-unknowns.png') });
  await wizard.applyResolutions();
  await expect(wizard.issues).not.toContainText('X9999');
  await expect(wizard.issues).toContainText('03/02/2026');

  // The day-first date: choose the order in the format step; the mapping and the decision stay.
  await wizard.goBack(2);
  await wizard.by('import-date-order').selectOption('dmy');
  await wizard.next.click();
  await expect(wizard.map('amount')).toHaveValue('6');
  await wizard.check();
  await expect(wizard.issues).not.toContainText('03/02/2026');
  await expect(issues).toHaveCount(1);
  await expect(issues.first()).toContainText('12O0');

  // The corrected file (same headers, same source): everything passes.
  await wizard.goBack(3);
  await wizard.chooseFile(fixed);
  await expect(wizard.by('import-date-order')).toHaveValue('dmy');
  await wizard.next.click();
  await expect(wizard.by('import-save-name')).toHaveValue(SOURCE);
  await wizard.check();
  await expect(wizard.by('import-all-good')).toBeVisible();
  await expect(wizard.by('import-batch-period')).toHaveText('2026-01 至 2026-03');
  await expect(wizard.batch).toContainText('合併');
  // The demo's rows with the same keys: listed by source, batch and month, and not overwritten without a yes.
  const taken = wizard.by('import-taken');
  const overwritten = taken.locator('[data-testid="import-taken-row"][data-action="overwrite"]');
  await expect(overwritten.first()).toContainText('覆蓋（其他來源）');
  await expect(overwritten.first()).toContainText('示範數據');
  await expect(overwritten.first()).toContainText('demo-2026');
  await expect(overwritten.filter({ hasText: '2026-01' })).toHaveCount(1);
  await expect(taken).toContainText('這次導入會覆蓋其他來源（示範數據）的');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'actuals-import-preview.png') });
  await expect(wizard.commit).toBeDisabled();
  await wizard.by('import-confirm-other').check();
  await expect(wizard.commit).toBeEnabled();
  await wizard.commit.click();
  await expect(wizard.done).toContainText('批次 #');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'actuals-import-done.png') });
  await wizard.by('import-close').click();
  await expect(wizard.root).toHaveCount(0);

  const first = await salesOf(page);
  expect(first.total).toBeGreaterThan(0);
  // The grid re-read its rows.
  const all = await invoke<{ total: number }>(page, 'actuals.list', { kind: 'sales', filter: {}, limit: 1 });
  await expect(page.getByTestId('actuals-count')).toHaveAttribute('data-total', String(all.total));

  // The same file again: the source remembers its columns and that its dates are day-first;
  // the preview says it replaces the earlier rows of the same source.
  await importButton.click();
  await wizard.chooseFile(fixed);
  await expect(wizard.by('import-date-order')).toHaveValue('dmy');
  await wizard.next.click();
  await expect(wizard.by('import-save-name')).toHaveValue(SOURCE);
  await wizard.check();
  await wizard.mapUnknown('customer', 'X9999', c2.code);
  await wizard.applyResolutions();
  await expect(wizard.by('import-all-good')).toBeVisible();
  await expect(wizard.by('import-batch-plan')).toContainText(`替換來源「${SOURCE}」之前導入的`);
  expect(Number(await wizard.by('import-batch-plan').getAttribute('data-replaces'))).toBeGreaterThan(0);
  // Only its own earlier rows, each month named; nothing of another source, so nothing to confirm.
  const replaced = wizard.by('import-taken').locator('[data-testid="import-taken-row"]');
  await expect(replaced.filter({ hasText: '替換（同一來源）' })).toHaveCount(3);
  await expect(replaced.filter({ hasText: '2026-03' })).toContainText(SOURCE);
  await expect(wizard.by('import-confirm-other')).toHaveCount(0);
  await wizard.commit.click();
  await expect(wizard.done).toContainText('批次 #');
  await wizard.by('import-close').click();

  // No duplicates: the same rows and the same sums, in the grid too.
  expect(await salesOf(page)).toEqual(first);
  await expect(page.getByTestId('actuals-count')).toHaveAttribute('data-total', String(all.total));

  // The batch list: each batch's count is the rows it holds; the demo batch says how many the first import took
  // (that batch is gone since: the re-import of its source replaced it, so it is named by its file).
  const batches = await invoke<{ id: number; fileName: string; rowCount: number; liveRows: number; losses: { rows: number }[] }[]>(page, 'actuals.batches', { kind: 'sales' });
  const demo2026 = batches.find((b) => b.fileName === 'demo-2026')!;
  const lost = demo2026.losses.reduce((n, l) => n + l.rows, 0);
  expect(lost).toBeGreaterThan(0);
  expect(demo2026.liveRows).toBe(demo2026.rowCount - lost);
  await actualsPage.getByTestId('actuals-batches-button').click();
  const demoRow = page.locator(`[data-testid="actuals-batch"][data-batch-id="${demo2026.id}"]`);
  await expect(demoRow.getByTestId('actuals-batch-live')).toHaveText(demo2026.liveRows.toLocaleString('en-US'));
  await expect(demoRow.getByTestId('actuals-batch-note')).toHaveText(
    `共導入 ${demo2026.rowCount.toLocaleString('en-US')} 行，其中 ${lost} 行已被「erp-sales_v2.csv」的導入覆蓋`,
  );
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'actuals-batches-losses.png') });
  await page.getByTestId('actuals-batches-close').click();
});

test('a large file is checked off the core thread: a progress bar, the core still answers, and cancel writes nothing', async ({ start, page }, testInfo) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const customers = await members(page, 'customer');
  const skus = await members(page, 'sku');
  // 2,000,000 invoice rows (about 85 MB): the format step samples it, and the check takes
  // long enough (seconds) to be seen and cancelled. Written a block at a time.
  const path = testInfo.outputPath('erp-sales-large.csv');
  const fd = openSync(path, 'w');
  writeSync(fd, `${HEADER}\r\n`);
  const ROWS = 2_000_000;
  for (let start = 0; start < ROWS; start += 100_000) {
    const block: string[] = [];
    for (let i = start; i < Math.min(ROWS, start + 100_000); i++) {
      const c = customers[i % customers.length];
      const s = skus[Math.floor(i / customers.length) % skus.length];
      block.push(`2026-${String((i % 12) + 1).padStart(2, '0')},${c.code},,${s.code},,1,${(i % 900) + 100}.50,10`);
    }
    writeSync(fd, `${block.join('\r\n')}${start + 100_000 < ROWS ? '\r\n' : ''}`);
  }
  closeSync(fd);
  const batchesBefore = await invoke<unknown[]>(page, 'actuals.batches', {});

  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const actualsPage = page.getByTestId('actuals-page');
  await actualsPage.locator('header').getByTestId('import-button').click();
  const wizard = new ImportWizardPage(page);
  await expect(wizard.root).toBeVisible();
  await wizard.chooseFile(path);
  // Too large to read on the core's thread just to count: the count is estimated.
  await expect(wizard.by('import-row-count')).toContainText(/約\s*2,000,000/);

  await wizard.next.click();
  await expect(wizard.map('amount')).toHaveValue('6');
  await wizard.next.click();
  const progress = page.getByTestId('progress-dialog');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  // The check runs in a job worker: the core answers other calls meanwhile.
  const batchesDuring = await invoke<unknown[]>(page, 'actuals.batches', {});
  expect(batchesDuring).toHaveLength(batchesBefore.length);
  await expect(progress).toBeVisible();
  await progress.getByTestId('progress-cancel').click();
  await expect(progress).toBeHidden();
  await expect(wizard.by('import-notice')).toBeVisible();
  expect(await invoke<unknown[]>(page, 'actuals.batches', {})).toHaveLength(batchesBefore.length);
});
