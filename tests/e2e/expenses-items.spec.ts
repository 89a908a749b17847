import { expect, test } from './fixtures';
import { shot } from './shots';

// The expense items editor and typed actual expenses on the tiny demo: add a
// top-level item 樣品費, rename it, type an actual expense for it in March, see it in
// 預算與實際, delete the typed entry; deleting an item in use shows the core's refusal.
// Figures in 元.


test('expense items: add, rename, refuse deleting one in use; type an actual expense and delete it', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.setUnit('yuan');
  await workspace.nav('expenses').click();
  await page.getByTestId('expenses-tab-budget').click();
  const panel = page.getByTestId('expenses-panel-budget');
  await expect(panel).toHaveAttribute('data-loaded', 'true');

  // The items editor: add 樣品費 at the top level as 其他.
  await page.getByTestId('eb-items').click();
  const items = page.getByTestId('ei-dialog');
  await expect(items).toBeVisible();
  await expect(items.getByTestId('ei-item-TERM')).toBeVisible();
  await items.getByTestId('ei-new-name').fill('樣品費');
  await items.getByTestId('ei-new-kind').selectOption('other');
  await items.getByTestId('ei-add-top').click();
  const added = items.locator('[data-name="樣品費"]');
  await expect(added).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /新增費用項目/);

  // Rename it.
  await items.getByTestId('ei-rename-name').fill('樣品及試用費');
  await items.getByTestId('ei-rename').click();
  await expect(items.locator('[data-name="樣品及試用費"]')).toBeVisible();
  await expect(added).toHaveCount(0);
  await shot(page, 'items-dialog');

  // Deleting an item with actuals is refused with the core's message.
  await items.getByTestId('ei-item-TERM-LIST').click();
  await items.getByTestId('ei-delete').click();
  await expect(items.getByTestId('ei-message')).toHaveText('該項目已有預算、實際費用或促銷預算，不能刪除');
  await expect(items.getByTestId('ei-item-TERM-LIST')).toBeVisible();
  await items.getByTestId('ei-close').click();
  await expect(items).toHaveCount(0);

  // The budget re-read: the new item is a row of the grid.
  await expect(page.getByTestId('eb-grid').getByText('樣品及試用費')).toBeVisible();

  // Type 1,234 元 in for March.
  await page.getByTestId('eb-typed-actuals').click();
  const actuals = page.getByTestId('ea-dialog');
  await expect(actuals).toBeVisible();
  await expect(actuals.getByTestId('ea-none')).toBeVisible();
  await actuals.getByTestId('ea-month').selectOption('3');
  await actuals.getByTestId('ea-item').selectOption({ label: '樣品及試用費' });
  await actuals.getByTestId('ea-amount').fill('1234');
  await actuals.getByTestId('ea-note').fill('展會樣品');
  await actuals.getByTestId('ea-add').click();
  const entry = actuals.getByTestId('ea-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('3月');
  await expect(entry).toContainText('樣品及試用費');
  await expect(entry).toContainText('1,234');
  await expect(entry).toContainText('展會樣品');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /錄入實際費用/);
  await shot(page, 'actuals-dialog');
  await actuals.getByTestId('ea-close').click();

  // 預算與實際: the item's actual for March and the year.
  await page.getByTestId('eb-view').locator('[data-value="actual"]').click();
  const row = page.getByTestId('eb-actual').locator('tr', { hasText: '樣品及試用費' });
  await expect(row.locator('td').nth(1)).toHaveText(/^1,234$/);
  await page.getByTestId('eb-actual-phase').selectOption('m3');
  await expect(row.locator('td').nth(1)).toHaveText(/^1,234$/);
  await page.getByTestId('eb-actual-phase').selectOption('m4');
  await expect(row.locator('td').nth(1)).toHaveText('0');
  await page.getByTestId('eb-actual-phase').selectOption('year');
  await shot(page, 'budget-vs-actual');

  // Delete the typed entry: the actual goes back to zero.
  await page.getByTestId('eb-typed-actuals').click();
  await actuals.getByTestId('ea-remove').click();
  await expect(actuals.getByTestId('ea-none')).toBeVisible();
  await actuals.getByTestId('ea-close').click();
  await expect(row.locator('td').nth(1)).toHaveText('0');

  // The item is free again: it can be deleted.
  await page.getByTestId('eb-items').click();
  await items.locator('[data-name="樣品及試用費"]').click();
  await items.getByTestId('ei-delete').click();
  await expect(items.locator('[data-name="樣品及試用費"]')).toHaveCount(0);
  await items.getByTestId('ei-close').click();
  await expect(page.getByTestId('eb-actual').locator('tr', { hasText: '樣品及試用費' })).toHaveCount(0);
});
