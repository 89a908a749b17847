import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { shot } from './shots';

// The promotion calendar on the demo region: add an activity with a budget from the
// dialog, see it on the timeline and in the grid, add one that runs at the same time on
// all products and channels and see both flagged as overlapping.



/** The cell of a column in the row of the activity named `name`. */
function gridCell(page: Page, name: string, col: string) {
  return GridModel.byTestId(page, 'grid-promotions').cell({ colId: 'name', text: name }, col);
}

test('the promotion calendar: add activities, see the timeline, the grid and the overlap warning', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('expenses').click();
  await page.getByTestId('expenses-tab-promotions').click();
  const panel = page.getByTestId('expenses-panel-promotions');
  await expect(panel).toHaveAttribute('data-loaded', 'true');

  // The first activity: a display in late January on one brand, with a budget.
  await page.getByTestId('promo-add').click();
  const dialog = page.getByTestId('promo-dialog');
  await expect(dialog).toBeVisible();
  const year = (await page.getByTestId('promo-start').inputValue()).slice(0, 4);
  await page.getByTestId('promo-name').fill('春節堆頭');
  await page.getByTestId('promo-type').selectOption('display');
  await page.getByTestId('promo-start').fill(`${year}-01-20`);
  await page.getByTestId('promo-end').fill(`${year}-02-10`);
  await page.getByTestId('promo-volume').fill('1500');
  await page.getByTestId('promo-mechanics').fill('買十箱送一箱');
  await page.getByTestId('promo-pick-brand-toggle').click();
  const brandBox = page.getByTestId('promo-pick-brand').locator('.promo-pick__item').first();
  const brandName = ((await brandBox.locator('span').first().textContent()) ?? '').trim();
  await brandBox.locator('input').check();
  await page.getByTestId('promo-budget-PROMO-CONS').fill('12');
  await page.getByTestId('promo-budget-TERM-DISP').fill('3');
  await expect(page.getByTestId('promo-budget-total')).toContainText('15');
  await shot(page, 'promotions-dialog.png');
  await page.getByTestId('promo-save').click();
  await expect(dialog).toBeHidden();

  // On the timeline and in the grid.
  const timeline = page.getByTestId('promo-timeline');
  await expect(timeline.locator('.promo-tl__bar', { hasText: '春節堆頭' })).toBeVisible();
  await expect(gridCell(page, '春節堆頭', 'products')).toHaveText(brandName);
  await expect(gridCell(page, '春節堆頭', 'budgetCents')).toContainText('15');
  await expect(gridCell(page, '春節堆頭', 'expectedExtraVolume')).toHaveText('1,500');
  await expect(gridCell(page, '春節堆頭', 'overlap')).toHaveText('');
  await expect(page.getByTestId('promo-by-item')).toContainText('12');

  // A second activity in February on all products and channels: both overlap.
  await page.getByTestId('promo-add').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('promo-name').fill('元宵試飲');
  await page.getByTestId('promo-type').selectOption('tasting');
  await page.getByTestId('promo-start').fill(`${year}-02-01`);
  await page.getByTestId('promo-end').fill(`${year}-02-20`);
  await page.getByTestId('promo-budget-PROMO-TRADE').fill('5');
  await page.getByTestId('promo-save').click();
  await expect(dialog).toBeHidden();

  await expect(timeline.locator('.promo-tl__bar[data-overlap="true"]')).toHaveCount(2);
  await expect(timeline.locator('.promo-tl__bar', { hasText: '元宵試飲' })).toHaveAttribute('title', /春節堆頭/);
  await expect(gridCell(page, '春節堆頭', 'overlap')).toContainText('元宵試飲');
  await expect(gridCell(page, '元宵試飲', 'overlap')).toContainText('春節堆頭');
  await shot(page, 'promotions-panel.png');

  // Edit from the timeline: move the tasting to March, the warning goes; undo brings it back.
  await timeline.locator('.promo-tl__bar', { hasText: '元宵試飲' }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('promo-name')).toHaveValue('元宵試飲');
  await expect(page.getByTestId('promo-budget-PROMO-TRADE')).toHaveValue('5');
  await page.getByTestId('promo-start').fill(`${year}-03-01`);
  await page.getByTestId('promo-end').fill(`${year}-03-10`);
  await page.getByTestId('promo-save').click();
  await expect(dialog).toBeHidden();
  await expect(timeline.locator('.promo-tl__bar[data-overlap="true"]')).toHaveCount(0);
  await expect(gridCell(page, '元宵試飲', 'startDate')).toHaveText(`${year}-03-01`);
  await page.keyboard.press('Control+z');
  await expect(timeline.locator('.promo-tl__bar[data-overlap="true"]')).toHaveCount(2);

  // A third one in the autumn does not overlap.
  await page.getByTestId('promo-add').click();
  await page.getByTestId('promo-name').fill('中秋廣告');
  await page.getByTestId('promo-type').selectOption('advertising');
  await page.getByTestId('promo-start').fill(`${year}-09-01`);
  await page.getByTestId('promo-end').fill(`${year}-09-30`);
  await page.getByTestId('promo-save').click();
  await expect(dialog).toBeHidden();
  await expect(timeline.locator('.promo-tl__bar[data-overlap="false"]', { hasText: '中秋廣告' })).toBeVisible();

  // A refusal shows in the dialog: the end before the start.
  await page.getByTestId('promo-add').click();
  await page.getByTestId('promo-name').fill('錯誤');
  await page.getByTestId('promo-start').fill(`${year}-05-10`);
  await page.getByTestId('promo-end').fill(`${year}-05-01`);
  await page.getByTestId('promo-save').click();
  await expect(page.getByTestId('promo-error')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Delete the autumn one; undo brings it back.
  await gridCell(page, '中秋廣告', 'type').click();
  await page.getByTestId('promo-delete').click();
  await page.getByTestId('promo-delete-confirm').click();
  await expect(timeline.locator('.promo-tl__bar', { hasText: '中秋廣告' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(timeline.locator('.promo-tl__bar', { hasText: '中秋廣告' })).toBeVisible();

  // The promotions' budgets show in the expense budget as its promotions part.
  await page.getByTestId('expenses-tab-budget').click();
  await expect(page.getByTestId('expenses-panel-budget')).toHaveAttribute('data-loaded', 'true');
  const budget = GridModel.byTestId(page, 'eb-grid');
  const promoOf = (label: string) => budget.cell({ colId: 'label', text: label }, 'promo');
  await expect(promoOf('消費者促銷')).toHaveText('12.00');
  await expect(promoOf('通路促銷')).toHaveText('5.00');
  await expect(promoOf('堆頭費')).toHaveText('3.00');
  await shot(page, 'promotions-in-budget.png');
});
