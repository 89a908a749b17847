import { expect, test } from './fixtures';
import { PlanTerminalPage } from './pages/PlanTerminalPage';
import { shot } from './shots';

// 終端建設規劃 on the demo region through the web host: the demo's plan is there; stores
// to open are added and typed by month and by quarter, and undone; a share target over 100% is refused
// naming the cell; a snapshot shows the chapter frozen.

test('the terminal plan: stores to open, share targets, refusals, undo, and a frozen snapshot', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  const plan = new PlanTerminalPage(page);
  await plan.open(workspace);
  await expect(plan.panel).toHaveAttribute('data-editable', 'true');

  // The demo's content.
  await expect(plan.openings.rows().first()).toBeVisible();
  await expect(plan.share.rows().first()).toBeVisible();
  await expect(plan.sku.rows().first()).toBeVisible();
  // No audits of the plan year yet: the trend shows last year's months.
  await expect(page.getByTestId('plan-terminal-trend')).toBeVisible();
  await expect(page.locator('.pt__chart')).toHaveAttribute('data-year', '2026');
  await shot(page, 'plan-terminal-1440');

  // A new city × channel, two months typed: the quarter and the year follow; undo takes the last edit back.
  const before = Number((await plan.openTotal.textContent())!.replace(/,/g, ''));
  const cityOptions = await page.getByTestId('plan-terminal-open-city').locator('option').allTextContents();
  const city = cityOptions[cityOptions.length - 1];
  await plan.addOpening(city, '特通');
  const row = plan.openings.row({ colId: 'city', text: city });
  await expect(row).toHaveCount(1);
  // By month: two months typed, the year follows; undo takes the last edit back.
  await page.getByTestId('plan-terminal-open-by').locator('[data-value="month"]').click();
  await plan.openings.typeInto(plan.openings.cell(row, 'm2'), '3');
  await expect(plan.openings.cell(row, 'm2')).toHaveText('3');
  await plan.openings.typeInto(plan.openings.cell(row, 'm3'), '4');
  await expect(plan.openings.cell(row, 'year')).toHaveText('7');
  await expect(plan.openTotal).toHaveText(String(before + 7));
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改開店計劃/);
  await workspace.undoButton.click();
  await expect(plan.openings.cell(row, 'year')).toHaveText('3');
  // By quarter: a quarter typed is spread over its months.
  await page.getByTestId('plan-terminal-open-by').locator('[data-value="quarter"]').click();
  await expect(plan.openings.cell(row, 'q1')).toHaveText('3');
  await plan.openings.typeInto(plan.openings.cell(row, 'q2'), '7');
  await expect(plan.openings.cell(row, 'year')).toHaveText('10');
  await page.getByTestId('plan-terminal-open-by').locator('[data-value="month"]').click();
  await expect(plan.openings.cell(row, 'm4')).toHaveText('3');
  await expect(plan.openings.cell(row, 'm6')).toHaveText('2');

  // A distribution target over 100% is refused, naming the cell; nothing changes.
  const first = plan.share.row(0);
  const target = plan.share.cell(first, 'distributionTarget');
  const was = await target.textContent();
  const cityName = await plan.share.cell(first, 'city').textContent();
  await plan.share.typeInto(target, '120');
  await expect(page.getByTestId('grid-problems')).toBeVisible();
  await expect(page.getByTestId('grid-problem').first()).toContainText(`${cityName}`);
  await expect(page.getByTestId('grid-problem').first()).toContainText('120%');
  await expect(page.getByTestId('grid-problem').first()).toContainText('鋪貨率');
  await page.getByTestId('grid-problems').getByRole('button').click();
  await expect(target).toHaveText(was!);
  // A good one is kept.
  await plan.share.typeInto(target, '88.5');
  await expect(target).toHaveText('88.5%');

  // A snapshot freezes the chapter: the same rows, read-only.
  await workspace.nav('targets').click();
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('報總部 2026-12-20');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await plan.open(workspace);
  await plan.chooseVersion(/報總部/);
  await expect(plan.panel).toHaveAttribute('data-editable', 'false');
  await expect(page.getByTestId('plan-terminal-readonly')).toContainText('快照');
  await expect(page.getByTestId('plan-terminal-open-add')).toHaveCount(0);
  await expect(plan.share.cell(plan.share.row(0), 'distributionTarget')).toHaveText('88.5%');
  await plan.share.typeInto(plan.share.cell(plan.share.row(0), 'distributionTarget'), '50');
  await expect(plan.share.cell(plan.share.row(0), 'distributionTarget')).toHaveText('88.5%');
  await shot(page, 'plan-terminal-snapshot-1440');
});
