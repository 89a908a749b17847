import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { invoke } from './api';
import { ERP_HEADERS, writeForeignErpExport, type ErpExport } from './foreignErp';
import { ImportWizardPage } from './pages/ImportWizardPage';

// Real data in, on the first try: a sales export from another company's ERP (English
// headers, day-first dates with two-digit years, amounts with three and four decimals,
// 300 customers and 500 SKUs a new region does not know, their attributes in columns,
// codes repeated on every invoice line) goes into a brand-new region file, once through
// the wizard in a handful of decisions and once through the command line with flags
// only. Either way the imported total is the file's total rounded per line, to the 分.

const col = (header: (typeof ERP_HEADERS)[number]) => String(ERP_HEADERS.indexOf(header));

/** Every field the file has, by the column its header is in. */
const FIELDS: Record<string, (typeof ERP_HEADERS)[number]> = {
  period: 'Invoice Date',
  customer: 'Customer ID',
  customerName: 'Customer Name',
  customerCity: 'Customer City',
  customerChannel: 'Channel',
  customerSalesperson: 'Sales Rep',
  sku: 'Item Code',
  skuName: 'Item Description',
  skuBrand: 'Brand',
  skuCategory: 'Category',
  skuPackSize: 'Pack Size',
  skuPrice: 'Unit Price',
  volume: 'Qty',
  amount: 'Net Amount',
};

/** An exact decimal of 1/10,000 units as the preview writes it: no grouping, no trailing zeros. */
function exact(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const frac = String(abs % 10_000n).padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / 10_000n}${frac ? `.${frac}` : ''}`;
}

const plain = (text: string | null) => (text ?? '').replace(/,/g, '').trim().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

async function count(page: Page, entity: string): Promise<number> {
  const list = await invoke<{ rows: unknown[] }>(page, 'master.list', { entity });
  return list.rows.length;
}

function expectedMasterCounts(erp: ErpExport) {
  return { customer: erp.customers, sku: erp.skus, city: erp.cities.length, channel: erp.channels.length, brand: erp.brands.length, category: erp.categories.length };
}

test('a foreign ERP export goes into a new region through the wizard in a handful of decisions', async ({ start, page }, testInfo) => {
  test.setTimeout(240_000);
  await start.createRegion({ name: '蘇南新區', year: 2027 });
  const file = testInfo.outputPath('ERP_sales_export_2026.csv');
  const erp = writeForeignErpExport(file);

  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const actualsPage = page.getByTestId('actuals-page');
  await expect(actualsPage).toHaveAttribute('data-kind', 'sales');
  await actualsPage.locator('header').getByTestId('import-button').click();
  const wizard = new ImportWizardPage(page);
  await wizard.chooseFile(file);
  // Decision 1: the file's dates are day first.
  await wizard.by('import-date-order').selectOption('dmy');
  await expect(wizard.by('import-two-digit-year')).toBeVisible();
  await wizard.next.click();

  // Decision 2: the columns (English headers: what auto-matching missed is picked by hand).
  for (const [field, header] of Object.entries(FIELDS)) {
    const select = wizard.map(field);
    if ((await select.inputValue()) !== col(header)) await select.selectOption(col(header));
  }
  await wizard.check();
  await expect(wizard.bulkPanel('customer')).toContainText(`${erp.customers} 個未知客戶`);
  await expect(wizard.bulkPanel('sku')).toContainText(`${erp.skus} 個未知單品`);

  // Decisions 3 and 4: create all customers and all SKUs from the file's own columns.
  await wizard.decideAll('customer', 'create');
  await wizard.decideAll('sku', 'create');
  await wizard.applyBulk();
  const supporting = wizard.by('import-bulk-supporting');
  // 苏州 and 苏州市 are one city, found in the national list with its province.
  await expect(supporting.locator('tr[data-dimension="city"]')).toHaveCount(erp.cities.length);
  await expect(supporting.locator('tr[data-dimension="city"]').filter({ hasText: '苏州' })).toContainText(/江蘇|江苏/);
  await expect(supporting.locator('tr[data-dimension="channel"]')).toHaveCount(erp.channels.length);
  // Decision 5: the list of cities, channels, brands, categories and salespeople is confirmed.
  await wizard.confirmSupporting();
  await expect(wizard.by('import-all-good')).toBeVisible();

  // The amounts are rounded per line, and the preview reconciles the file's total to the 分.
  await expect(wizard.by('import-rounding-summary')).toContainText(erp.roundedValues.toLocaleString('en-US'));
  const amountRow = wizard.by('import-rounding-table').locator('tr[data-field="amount"]');
  expect(plain(await amountRow.getByTestId('rounding-file-total').textContent())).toBe(exact(erp.fileTotalUnits));
  expect(plain(await amountRow.getByTestId('rounding-imported-total').textContent())).toBe(exact(BigInt(erp.importedTotalCents) * 100n));
  expect(plain(await amountRow.getByTestId('rounding-difference').textContent())).toBe(exact(BigInt(erp.importedTotalCents) * 100n - erp.fileTotalUnits));

  await wizard.commit.click();
  await expect(wizard.done).toBeVisible({ timeout: 120_000 });

  for (const [entity, n] of Object.entries(expectedMasterCounts(erp))) expect(await count(page, entity), entity).toBe(n);
  const sales = await invoke<{ total: number; totals: Record<string, number> }>(page, 'actuals.list', { kind: 'sales', filter: {}, limit: 1 });
  expect(sales.totals.amountCents).toBe(erp.importedTotalCents);
  for (const [period, cents] of erp.byPeriodCents) {
    const month = await invoke<{ totals: Record<string, number> }>(page, 'actuals.list', { kind: 'sales', filter: { periodFrom: period, periodTo: period }, limit: 1 });
    expect(month.totals.amountCents, String(period)).toBe(cents);
  }

  // The file has no gross profit and every SKU was created without a cost: no line's gross
  // profit is known, so none is invented (never the whole amount, a 100% margin).
  expect(sales.totals.grossProfitCents).toBe(0);
  expect(sales.totals.noGpAmountCents).toBe(erp.importedTotalCents);
  await wizard.by('import-close').click();
  await expect(wizard.root).toHaveCount(0);
  const firstGp = actualsPage.locator('.ag-row .ag-cell[col-id="grossProfitCents"]').first();
  await expect(firstGp).toHaveText('待補成本');
  const totals = page.getByTestId('actuals-totals');
  const totalOf = (key: string) => totals.locator(`[data-key="${key}"] .ac-totals__value`).textContent();
  expect(await totalOf('grossProfitCents')).not.toBe(await totalOf('amountCents'));
  await expect(totals.locator('[data-key="noGp"]')).toContainText('待補成本');
});

// The command line needs no browser: the test takes no fixture.
// eslint-disable-next-line no-empty-pattern
test('the same export goes into a new region file through the command line with flags only', async ({}, testInfo) => {
  test.setTimeout(240_000);
  const dir = testInfo.outputPath('cli');
  const region = join(dir, '蘇南新區-2027.rplan');
  const file = join(dir, 'ERP_sales_export_2026.csv');
  mkdirSync(dir, { recursive: true });
  const erp = writeForeignErpExport(file);
  const cliPath = join(import.meta.dirname, '../../src/main/cli/index.ts');
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cliPath, ...args], { encoding: 'utf8' });

  const made = cli('new', region, '--region', '蘇南新區', '--year', '2027');
  expect(made.status, made.stderr).toBe(0);
  const args = ['import', 'sales', file, '--into', region, '--date-order', 'dmy', '--create-unknown', '--save-mapping', 'ERP 銷售明細'];
  for (const [field, header] of Object.entries(FIELDS)) args.push('--col', `${field}=${header}`);
  const done = cli(...args);
  expect(done.status, done.stderr).toBe(0);
  // The command line says what the wizard's preview says: the rounding and what it created.
  expect(done.stdout).toContain(exact(erp.fileTotalUnits));
  expect(done.stdout).toMatch(/created/);

  const db = new Database(region, { readonly: true });
  try {
    const scalar = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(scalar('SELECT sum(amount_cents) FROM sales_actual')).toBe(erp.importedTotalCents);
    const byPeriod = db.prepare('SELECT period, sum(amount_cents) AS cents FROM sales_actual GROUP BY period').all() as { period: number; cents: number }[];
    expect(new Map(byPeriod.map((r) => [r.period, r.cents]))).toEqual(erp.byPeriodCents);
    const counts = expectedMasterCounts(erp);
    for (const [table, n] of Object.entries(counts)) expect(scalar(`SELECT count(*) FROM ${table}`), table).toBe(n);
    // The mapping is kept for next month's file, where the wizard offers it too.
    expect(scalar(`SELECT count(*) FROM import_mapping WHERE name = 'ERP 銷售明細'`)).toBe(1);
  } finally {
    db.close();
  }
});
