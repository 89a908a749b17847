import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { shot } from './shots';

// An expense item's split by product on the demo: with a sales target of
// 5,000 萬元 and an 8% budget, split 終端建設費's 陳列費 by brand 60/40 as ratios, see the
// derived amounts add up to the item's budget, save, and see the expense ratio per brand.
// Figures are checked in 元.


const yuan = (text: string | null) => Number((text ?? '').replace(/[^0-9.-]/g, ''));

test('expense split: 陳列費 by brand 60/40, then the expense ratio per brand', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');

  await workspace.nav('targets').click();
  const targetsPage = page.getByTestId('targets-page');
  await expect(targetsPage).toHaveAttribute('data-loaded', 'true');
  if ((await targetsPage.getAttribute('data-seeded')) === 'false') {
    await page.getByTestId('targets-seed-value').fill('5000');
    await page.getByTestId('targets-seed-button').click();
    await expect(targetsPage).toHaveAttribute('data-seeded', 'true');
  }
  await workspace.setUnit('yuan');

  await workspace.nav('expenses').click();
  await page.getByTestId('expenses-tab-budget').click();
  await expect(page.getByTestId('expenses-panel-budget')).toHaveAttribute('data-loaded', 'true');
  await page.getByTestId('eb-mode').locator('[data-value="ratio"]').click();
  await page.getByTestId('eb-ratio').fill('8');
  await page.getByTestId('eb-spread').click();
  await expect(page.getByTestId('eb-sum-budget-value')).toHaveText(/^4,000,000/);

  // Select 陳列費 in the grid and open the split.
  const budget = GridModel.byTestId(page, 'eb-grid');
  const shelfYearCell = budget.cell(budget.row('陳列費').first(), 'year');
  await shelfYearCell.click();
  const shelfYear = yuan(await shelfYearCell.textContent());
  expect(shelfYear).toBeGreaterThan(0);
  await page.getByTestId('eb-split').click();
  const dialog = page.getByTestId('eb-split-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('陳列費');
  await expect(page.getByTestId('eb-split-budget')).toContainText(shelfYear.toLocaleString('en'));

  // By brand, as ratios: 60 / 40.
  await page.getByTestId('eb-split-dim').locator('[data-value="brand"]').click();
  const rows = page.getByTestId('eb-split-table').locator('tbody tr:not(.eb-table__total)');
  const first = rows.nth(0);
  const second = rows.nth(1);
  const firstName = (await first.locator('th').textContent()) ?? '';
  const secondName = (await second.locator('th').textContent()) ?? '';
  await first.locator('input').nth(0).fill('60');
  await expect(page.getByTestId('eb-split-off')).toBeVisible();
  await expect(page.getByTestId('eb-split-save')).toBeDisabled();
  await second.locator('input').nth(0).fill('40');
  await expect(page.getByTestId('eb-split-off')).toBeHidden();
  // The amounts follow: 60% and 40% of the item's year, adding up to it exactly.
  const a1 = yuan(await first.locator('input').nth(1).inputValue());
  const a2 = yuan(await second.locator('input').nth(1).inputValue());
  expect(Math.abs(a1 - shelfYear * 0.6)).toBeLessThanOrEqual(1);
  expect(a1 + a2).toBe(shelfYear);
  await expect(page.getByTestId('eb-split-total').locator('[data-col="ratio"]')).toHaveText('100%');
  await expect(page.getByTestId('eb-split-total').locator('[data-col="amount"]')).toHaveText(shelfYear.toLocaleString('en'));
  await shot(page, 'split-dialog');
  await page.getByTestId('eb-split-save').click();
  await expect(dialog).toBeHidden();

  // The view by product: per brand, its expense and ratio against its sales target.
  await page.getByTestId('eb-view').locator('[data-value="slice"]').click();
  const slice = page.getByTestId('eb-slice');
  await expect(slice).toHaveAttribute('data-loaded', 'true');
  const row1 = slice.locator('tbody tr', { has: page.locator(`th:text-is("${firstName}")`) });
  const row2 = slice.locator('tbody tr', { has: page.locator(`th:text-is("${secondName}")`) });
  await expect(row1.locator('[data-col="expense"]')).toHaveText(a1.toLocaleString('en'));
  await expect(row2.locator('[data-col="expense"]')).toHaveText(a2.toLocaleString('en'));
  const sales1 = yuan(await row1.locator('[data-col="sales"]').textContent());
  expect(sales1).toBeGreaterThan(0);
  await expect(row1.locator('[data-col="ratio"]')).toHaveText(`${((a1 / sales1) * 100).toFixed(2)}%`);
  // The rest of the budget is not split.
  await expect(page.getByTestId('eb-slice-unsplit').locator('[data-col="expense"]')).toHaveText((4_000_000 - shelfYear).toLocaleString('en'));
  await shot(page, 'split-by-brand');

  // Editing the item's year keeps its split exact (60/40 of the new amount).
  await page.getByTestId('eb-view').locator('[data-value="budget"]').click();
  await budget.edit(shelfYearCell, '100000');
  await expect(shelfYearCell).toHaveText('100,000');
  await page.getByTestId('eb-view').locator('[data-value="slice"]').click();
  await expect(row1.locator('[data-col="expense"]')).toHaveText('60,000');
  await expect(row2.locator('[data-col="expense"]')).toHaveText('40,000');

  // A place split beside it, entered as amounts: 70,000 and 30,000 元 over the first two channels.
  await page.getByTestId('eb-split').click();
  await expect(dialog).toBeVisible();
  // (The grid's focus moved down with Enter: pick the item in the dialog.)
  await page.getByTestId('eb-split-item').selectOption({ label: '終端建設費 / 陳列費' });
  await expect(page.getByTestId('eb-split-current')).toContainText('品牌');
  await page.getByTestId('eb-split-dim').locator('[data-value="channel"]').click();
  await first.locator('input').nth(1).fill('70000');
  await second.locator('input').nth(1).fill('30000');
  await expect(first.locator('input').nth(0)).toHaveValue('70');
  await expect(second.locator('input').nth(0)).toHaveValue('30');
  await expect(page.getByTestId('eb-split-total').locator('[data-col="amount"]')).toHaveText('100,000');
  const channel1 = (await first.locator('th').textContent()) ?? '';
  await shot(page, 'split-dialog-amounts');
  await page.getByTestId('eb-split-save').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('eb-slice-dim').locator('[data-value="channel"]').click();
  await expect(slice).toHaveAttribute('data-dimension', 'channel');
  await expect(slice.locator('tbody tr', { has: page.locator(`th:text-is("${channel1}")`) }).locator('[data-col="expense"]')).toHaveText('70,000');
  // The brand split stayed.
  await page.getByTestId('eb-slice-dim').locator('[data-value="brand"]').click();
  await expect(row1.locator('[data-col="expense"]')).toHaveText('60,000');

  // In English.
  await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
  await expect(page.getByTestId('eb-slice-unsplit')).toContainText('Not split');
  await shot(page, 'split-by-brand-en');
});
