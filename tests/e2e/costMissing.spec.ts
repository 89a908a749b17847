import { expect, test } from './fixtures';
import { MasterDataPage } from './pages/MasterDataPage';

// A SKU whose standard cost is not known: the SKU grid marks it 待補成本 and can show
// only such SKUs, and the targets' gap strip says the gross-profit target leaves it out.

test('a SKU without cost is marked in the grid and left out of the gross-profit target', async ({ start, workspace, page }) => {
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
  await expect(page.getByTestId('gap-grossProfit')).toBeVisible();
  await expect(page.getByTestId('gap-cost-missing')).toHaveCount(0);

  // The user clears the cost of the first three SKUs in the grid.
  const md = new MasterDataPage(page);
  await md.open('products');
  const editor = page.getByTestId('md-editor-sku');
  await expect(editor).toHaveAttribute('data-loaded', 'true');
  await expect(editor.getByTestId('md-cost-missing')).toHaveCount(0);
  const grid = md.grid('sku');
  await grid.selectRange(grid.cell(0, 'stdCostCents'), grid.cell(2, 'stdCostCents'));
  await page.keyboard.press('Delete');
  await expect(grid.cell(1, 'stdCostCents')).toHaveText('待補成本');
  await expect(editor.getByTestId('md-cost-missing')).toHaveAttribute('data-count', '3');
  await editor.getByTestId('md-cost-missing').click();
  await expect(editor).toHaveAttribute('data-rows', '3');
  await expect(editor.locator('.md-cost-missing')).toHaveCount(3);

  await workspace.nav('targets').click();
  // Those of the three that the plan holds (it holds what sold last year).
  const missing = page.getByTestId('gap-cost-missing');
  await expect(missing).toHaveAttribute('data-skus', /^[123]$/);
  await expect(missing).toContainText(`${await missing.getAttribute('data-skus')} 個單品待補成本`);
});
