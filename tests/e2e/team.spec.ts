import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The team and training plan and the action list on the tiny demo region: set a role's
// headcount and see the personnel cost; add a training session; add an action with a
// past due date, see it highlighted and counted as overdue, mark it done and see the
// highlight go.

const hcCell = (page: Page, rowId: string, col: string) =>
  page.getByTestId('team-headcount-grid').locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${col}"]`).first();

async function openTab(page: Page, workspace: { nav(area: string): { click(): Promise<void> } }, tab: 'team' | 'actions') {
  await workspace.nav('expenses').click();
  await page.getByTestId(`expenses-tab-${tab}`).click();
  await expect(page.getByTestId(`expenses-panel-${tab}`)).toHaveAttribute('data-loaded', 'true');
}

test('headcount for a role derives its cost; a training session adds to the training total', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await openTab(page, workspace, 'team');

  // Start from the current team, then add a promoter role and set its headcount.
  await page.getByTestId('team-seed').click();
  await expect(page.getByTestId('team-headcount-grid').locator('.ag-row[row-id="hc:sales_rep"]').first()).toBeVisible();
  await page.getByTestId('team-role-input').fill('促銷員');
  await page.getByTestId('team-add-role').click();
  await expect(hcCell(page, 'cph:promoter', 'm3')).toHaveText('6,000');

  await hcCell(page, 'hc:promoter', 'm3').click();
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(hcCell(page, 'hc:promoter', 'm3')).toHaveText('10');
  // 10 × 6,000 元 = 60,000 元 = 6.00 萬元 (the demo's unit).
  await expect(hcCell(page, 'cost:promoter', 'm3')).toHaveText('6.00');
  await expect(hcCell(page, 'cost:promoter', 'q1')).toHaveText('6.00');
  await expect(hcCell(page, 'cost:promoter', 'year')).toHaveText('6.00');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改人員編制/);

  await page.getByTestId('team-add-training').click();
  const training = page.getByTestId('team-training-grid');
  const first = training.locator('.ag-grid-scrollable-area .ag-row[row-index="0"]');
  await expect(first.locator('.ag-cell[col-id="topic"]')).toHaveText('新培訓');
  await first.locator('.ag-cell[col-id="costCents"]').click();
  await page.keyboard.type('1.5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('team-training-total')).toHaveText('1.50');
});

test('an action past its due date is highlighted as overdue until it is done', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await openTab(page, workspace, 'actions');
  const badge = page.getByTestId('actions-overdue-badge');
  await expect(badge).toHaveAttribute('data-count', '0');

  await page.getByTestId('actions-add').click();
  const row = page.getByTestId('actions-grid').locator('.ag-grid-scrollable-area .ag-row[row-index="0"]');
  await expect(row.locator('.ag-cell[col-id="title"]')).toHaveText('新行動');
  // Chinese text arrives without key presses (as from an IME): open the editor first.
  await row.locator('.ag-cell[col-id="measure"]').dblclick();
  await page.keyboard.type('鋪貨率 +5%');
  await page.keyboard.press('Enter');
  await row.locator('.ag-cell[col-id="dueDate"]').click();
  await page.keyboard.type('2020-01-15');
  await page.keyboard.press('Enter');

  await expect(badge).toHaveAttribute('data-count', '1');
  await expect(badge).toHaveText('逾期 1 項');
  await expect(row.locator('.ag-cell[col-id="title"]')).toHaveClass(/action--overdue/);

  await expect(row.locator('.ag-cell[col-id="measure"]')).toHaveText('鋪貨率 +5%');
  await row.locator('.ag-cell[col-id="status"]').dblclick();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('已完成');
  await page.keyboard.press('Enter');
  await expect(badge).toHaveAttribute('data-count', '0');
  await expect(row.locator('.ag-cell[col-id="title"]')).not.toHaveClass(/action--overdue/);
  await expect(row.locator('.ag-cell[col-id="status"]')).toHaveText('已完成');
});
