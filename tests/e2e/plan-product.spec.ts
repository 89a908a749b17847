import { expect, test } from './fixtures';
import { ProductPlanPage } from './pages/ProductPlanPage';
import { shot } from './shots';

// The product plan (計劃書 → 品牌與產品) on the demo region: the mix and the demo's
// positioning and two new products; a positioning changed and undone; a new product
// removed and added back, its target typed and the totals following; bad input refused
// with the rule's message; a snapshot shown frozen.

test('the product plan: positioning, new products, refusals, undo and a frozen snapshot', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  const pp = new ProductPlanPage(page);
  await pp.open(workspace.nav('plan'));

  // The mix: last year's shares by brand, and the note that no plan has been made yet.
  await expect(page.getByTestId('plan-product-no-plan')).toBeVisible();
  await expect(pp.mixTable.locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('plan-product-mix-total')).toContainText('100.0%');
  await expect(page.getByTestId('plan-product-mix-chart')).toHaveAttribute('data-rendered', 'true');
  await page.getByTestId('plan-product-mix-dim').locator('[data-value="category"]').click();
  await expect(page.getByTestId('plan-product-mix')).toHaveAttribute('data-dim', 'category');

  // The demo's positioning and two new products, short of head office's new-product target.
  const positions = pp.positions;
  await expect(positions.rows().first()).toBeVisible();
  await expect(positions.root.locator('.pp-level--focus').first()).toBeVisible();
  const grid = pp.newProducts;
  await expect(grid.rows()).toHaveCount(2);
  expect(await pp.tileValue('planned')).toBeLessThan(await pp.tileValue('ho'));
  await shot(page, 'plan-product.png');

  // A positioning typed in a cell, then undone.
  const firstBrand = positions.rows().first();
  const channelCol = (await positions.root.locator('.ag-header-cell[col-id^="ch"]').first().getAttribute('col-id'))!;
  const cell = positions.cell(firstBrand, channelCol);
  const before = (await cell.textContent())?.trim() ?? '';
  const next = before === '不銷售' ? '重點' : '不銷售';
  await positions.edit(cell, next);
  await expect(cell).toHaveText(next);
  await workspace.undoButton.click();
  await expect(cell).toHaveText(before);

  // A new product removed, then added back from the list of SKUs flagged new.
  const firstRow = grid.rows().first();
  const code = ((await grid.cell(firstRow, 'code').textContent()) ?? '').trim();
  await grid.cell(firstRow, 'name').click();
  await page.getByTestId('plan-product-new-remove').click();
  await expect(grid.rows()).toHaveCount(1);
  const pick = page.getByTestId('plan-product-new-pick');
  const option = await pick.locator('option', { hasText: code }).getAttribute('value');
  await pick.selectOption(option ?? '');
  await page.getByTestId('plan-product-new-add').click();
  await expect(grid.rows()).toHaveCount(2);

  // Its target typed in 萬元: the total follows, and so does the gap to head office's target
  // (without a plan there is no derived target, so no gap to it).
  const row = grid.row({ colId: 'code', text: code });
  const planned = await pp.tileValue('planned');
  await grid.typeInto(grid.cell(row, 'targetCents'), '80');
  await expect(grid.cell(row, 'targetCents')).toHaveText('80.00');
  await expect.poll(() => pp.tileValue('planned')).toBe(planned + 80 * 1_000_000);
  expect(await pp.tileValue('hoGap')).toBe((await pp.tileValue('planned')) - (await pp.tileValue('ho')));
  await expect(pp.tile('gap')).toContainText('—');
  await grid.typeInto(grid.cell(row, 'launchPeriod'), '2027-09');
  await expect(grid.cell(row, 'launchPeriod')).toHaveText('2027-09');
  await grid.typeInto(grid.cell(row, 'targetDistribution'), '65');
  await expect(grid.cell(row, 'targetDistribution')).toHaveText('65%');

  // Bad input is refused with the rule's words, and nothing changes.
  const refused = async (col: string, text: string, message: RegExp) => {
    await grid.typeInto(grid.cell(row, col), text);
    await expect(pp.problems).toContainText(message);
    await pp.problems.getByRole('button').click();
    await expect(pp.problems).toBeHidden();
  };
  await refused('launchPeriod', '2026-05', /上市月份必須在計劃年度 2027 年內/);
  await expect(grid.cell(row, 'launchPeriod')).toHaveText('2027-09');
  await refused('targetDistribution', '120', /目標鋪貨率不能超過 100%/);
  await expect(grid.cell(row, 'targetDistribution')).toHaveText('65%');
  await refused('targetCents', '-5', /目標銷售額不能為負數/);
  await expect(grid.cell(row, 'targetCents')).toHaveText('80.00');
  await grid.edit(grid.cell(row, 'channelIds'), '夜市');
  await expect(pp.problems).toContainText(/沒有名為「夜市」的渠道/);
  await pp.problems.getByRole('button').click();
  await shot(page, 'plan-product-edited.png');

  // A snapshot taken under 銷售目標 keeps the product plan as it was, read-only.
  await workspace.nav('targets').click();
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('報總部 2026-12-20');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await pp.open(workspace.nav('plan'));
  await grid.typeInto(grid.cell(row, 'targetCents'), '90');
  await expect(grid.cell(row, 'targetCents')).toHaveText('90.00');
  await pp.chooseVersion('報總部');
  await expect(pp.panel).toHaveAttribute('data-read-only', 'true');
  await expect(page.getByTestId('plan-product-readonly')).toContainText('報總部 2026-12-20');
  await expect(page.getByTestId('plan-product-new-add')).toHaveCount(0);
  const frozen = grid.cell(grid.row({ colId: 'code', text: code }), 'targetCents');
  await expect(frozen).toHaveText('80.00');
  await grid.typeInto(frozen, '5');
  await expect(frozen).toHaveText('80.00');
  await shot(page, 'plan-product-snapshot.png');
});
