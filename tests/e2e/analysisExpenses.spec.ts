import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExpenseAnalysis } from '../../src/shared/endpoints/analysisExpenses';
import { formatAmount, formatPercent } from '../../src/shared/units';
import { expect, test } from './fixtures';
import { shot, useYuan } from './shots';
import { invoke } from './api';

// The analysis area's expenses view on the demo region: by item for the review year,
// 終端建設費's expense and expense ratio on screen equal the figures computed by hand
// from the region file (in 元, exact) and the API; a click drills into the
// expense_actual rows behind it; the chart saves as a PNG. By brand (未分攤), by
// month within one item, and the plan year (budget) for the screenshots.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.



test('expenses by item: 終端建設費 matches the file, drills down, saves a PNG', async ({ page, host, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await useYuan(page);

  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-tab-expenses').click();
  const view = page.getByTestId('analysis-expenses');
  await expect(view).toBeVisible();
  // The review year: the year before the plan year (the demo plans 2027).
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(view).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('expenses-chart')).toHaveAttribute('data-rendered', 'true');

  // 終端建設費 with everything under it, and the year's sales, by hand from the file.
  const demoDir = join(host.stateDir, 'demo');
  const file = (await readdir(demoDir)).find((f) => f.endsWith('.rplan'));
  expect(file).toBeTruthy();
  const db = new Database(join(demoDir, file!), { readonly: true, fileMustExist: true });
  let hand: { id: number; expense: number; sales: number; grossProfit: number };
  try {
    const id = db.prepare("SELECT id FROM expense_item WHERE code = 'TERM'").pluck().get() as number;
    const expense = db
      .prepare(
        `SELECT SUM(a.amount_cents) FROM expense_actual a JOIN expense_item i ON i.id = a.item_id
          WHERE (i.id = ? OR i.parent_id = ?) AND a.period BETWEEN 202601 AND 202612`,
      )
      .pluck()
      .get(id, id) as number;
    const s = db.prepare('SELECT SUM(amount_cents) AS s, SUM(gross_profit_cents) AS g FROM sales_actual WHERE period BETWEEN 202601 AND 202612').get() as { s: number; g: number };
    hand = { id, expense, sales: s.s, grossProfit: s.g };
  } finally {
    db.close();
  }
  expect(hand.expense).toBeGreaterThan(0);
  const api = await invoke<ExpenseAnalysis>(page, 'analysis.expenses', { year: 2026 });
  const apiRow = api.rows.find((r) => r.key === hand.id)!;
  expect(apiRow.expense).toBe(hand.expense);
  expect(apiRow.ratio).toBeCloseTo(hand.expense / hand.sales, 12);

  const row = page.locator(`[data-testid="expenses-row"][data-key="${hand.id}"]`);
  await expect(row).toHaveAttribute('data-expense', String(hand.expense));
  await expect(row).toHaveAttribute('data-sales', String(hand.sales));
  await expect(row.locator('[data-col="expense"]')).toHaveText(formatAmount(hand.expense, 'yuan', 'zh-Hant'));
  await expect(row.locator('[data-col="ratio"]')).toHaveText(formatPercent(hand.expense / hand.sales, 'zh-Hant', 2));
  await expect(row.locator('[data-col="return"]')).toHaveText((hand.grossProfit / hand.expense).toFixed(2));
  await expect(page.getByTestId('expenses-total')).toHaveAttribute('data-expense', String(api.total.expense));
  // The review's key expenses: terminal building, advertising, personnel by month.
  await expect(page.getByTestId('expenses-key')).toHaveCount(api.keyExpenses.length);
  const termKey = page.locator(`[data-testid="expenses-key"][data-item="${hand.id}"]`);
  await expect(termKey).toHaveAttribute('data-expense', String(hand.expense));
  await expect(page.getByTestId('expenses-key-chart-personnel')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-expenses.png', { fullPage: true });
  await page.getByTestId('expenses-key-chart-personnel').scrollIntoViewIfNeeded();
  await shot(page, 'analysis-expenses-keys.png', { fullPage: true });

  // Drill down: the expense_actual rows behind 終端建設費.
  await row.click();
  const drill = page.getByTestId('expenses-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toHaveAttribute('data-key', String(hand.id));
  await expect(drill).toHaveAttribute('data-cents', String(hand.expense));
  await expect(drill).toContainText('終端建設費');
  await expect(page.getByTestId('expenses-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-expenses-drill.png', { fullPage: true });
  await page.getByTestId('expenses-drill-close').click();
  await expect(drill).toHaveCount(0);

  // Save the chart as a PNG: named after the view, the year and the slice.
  const download = page.waitForEvent('download');
  await page.getByTestId('expenses-save-png').click();
  const png = await download;
  expect(png.suggestedFilename()).toBe('費用分析-2026-按項目.png');
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(5000);

  // By brand: own brands against their sales, the rest 未分攤.
  await page.getByTestId('expenses-by').selectOption('brand');
  await expect(view).toHaveAttribute('data-by', 'brand');
  const byBrand = await invoke<ExpenseAnalysis>(page, 'analysis.expenses', { year: 2026, by: 'brand' });
  await expect(page.getByTestId('expenses-row')).toHaveCount(byBrand.rows.length);
  const none = page.locator('[data-testid="expenses-row"][data-key="none"]');
  await expect(none).toHaveAttribute('data-label', '未分攤');
  await expect(none).toHaveAttribute('data-expense', String(byBrand.rows.find((r) => r.key === null)!.expense));
  await expect(page.getByTestId('expenses-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-expenses-brand.png', { fullPage: true });
  // The 未分攤 row drills into the rows with no brand.
  await none.click();
  await expect(page.getByTestId('expenses-drill')).toHaveAttribute('data-key', 'none');
  await expect(page.getByTestId('expenses-drill')).toHaveAttribute('data-cents', String(byBrand.rows.find((r) => r.key === null)!.expense));

  // By month within 人員費用 (the review's personnel chart).
  const staff = api.items.find((i) => i.code === 'STAFF')!;
  await page.getByTestId('expenses-by').selectOption('month');
  await page.getByTestId('expenses-item').selectOption(String(staff.id));
  const staffMonths = await invoke<ExpenseAnalysis>(page, 'analysis.expenses', { year: 2026, by: 'month', itemId: staff.id });
  await expect(page.getByTestId('expenses-total')).toHaveAttribute('data-expense', String(staffMonths.total.expense));
  await expect(page.locator('[data-testid="expenses-row"][data-key="3"]')).toHaveAttribute('data-expense', String(staffMonths.rows[2].expense));
  await expect(page.getByTestId('expenses-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-expenses-staff-month.png', { fullPage: true });

  // The plan year: with no budget yet, the view says what to enter; with a budget
  // (set top-down through the expense budget's API), the budget by quarter.
  await page.getByTestId('expenses-item').selectOption('');
  await page.getByTestId('expenses-year').selectOption('2027');
  await expect(page.getByTestId('expenses-empty')).toContainText('費用預算');
  await page.getByTestId('expenses-year').selectOption('2026');
  await expect(view).toHaveAttribute('data-year', '2026');
  await invoke(page, 'expenses.topDown', { mode: 'amount', amountCents: 720_000_000, phase: 'equal' });
  await page.getByTestId('expenses-by').selectOption('quarter');
  await page.getByTestId('expenses-year').selectOption('2027');
  await expect(view).toHaveAttribute('data-year', '2027');
  const plan = await invoke<ExpenseAnalysis>(page, 'analysis.expenses', { year: 2027, by: 'quarter' });
  expect(plan.hasBudget).toBe(true);
  expect(plan.total.budget).toBe(720_000_000);
  await expect(page.locator('[data-testid="expenses-row"][data-key="1"]')).toHaveAttribute('data-budget', String(plan.rows[0].budget));
  await expect(page.getByTestId('expenses-total')).toContainText(formatAmount(720_000_000, 'yuan', 'zh-Hant'));
  await expect(page.getByTestId('expenses-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-expenses-plan.png', { fullPage: true });

  // In English, by channel for the review year (the labels must fit).
  await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
  await page.getByTestId('expenses-year').selectOption('2026');
  await page.getByTestId('expenses-by').selectOption('channel');
  await expect(view).toHaveAttribute('data-by', 'channel');
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(page.locator('[data-testid="expenses-row"][data-key="none"]')).toHaveAttribute('data-label', 'Unallocated');
  await expect(page.getByTestId('expenses-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-expenses-channel-en.png', { fullPage: true });
});
