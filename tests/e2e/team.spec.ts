import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';

// The team and training plan and the action list on the tiny demo region: set a role's
// headcount and see the personnel cost; add a training session; add an action with a
// past due date, see it highlighted and counted as overdue, mark it done and see the
// highlight go.

const headcount = (page: Page) => GridModel.byTestId(page, 'team-headcount-grid');
const hcCell = (page: Page, rowId: string, col: string) => headcount(page).cell({ id: rowId }, col).first();

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
  await expect(headcount(page).row({ id: 'hc:sales_rep' }).first()).toBeVisible();
  await page.getByTestId('team-role-input').fill('促銷員');
  await page.getByTestId('team-add-role').click();
  await expect(hcCell(page, 'cph:promoter', 'm3')).toHaveText('6,000');

  await headcount(page).typeInto(hcCell(page, 'hc:promoter', 'm3'), '10');
  await expect(hcCell(page, 'hc:promoter', 'm3')).toHaveText('10');
  // 10 × 6,000 元 = 60,000 元 = 6.00 萬元 (the demo's unit).
  await expect(hcCell(page, 'cost:promoter', 'm3')).toHaveText('6.00');
  await expect(hcCell(page, 'cost:promoter', 'q1')).toHaveText('6.00');
  await expect(hcCell(page, 'cost:promoter', 'year')).toHaveText('6.00');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改人員編制/);

  await page.getByTestId('team-add-training').click();
  const training = GridModel.byTestId(page, 'team-training-grid');
  await expect(training.cell(0, 'topic')).toHaveText('新培訓');
  await training.typeInto(training.cell(0, 'costCents'), '1.5');
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
  const actions = GridModel.byTestId(page, 'actions-grid');
  // The demo's own actions are listed too: find the new one by its title (its place moves with its due date).
  const newRow = () => actions.rowIndexOf(actions.column('title').filter({ hasText: '新行動' }));
  let rowIndex = await newRow();
  const cell = (col: string) => actions.cell(rowIndex, col);
  await expect(cell('title')).toHaveText('新行動');
  // Chinese text arrives without key presses (as from an IME): open the editor first.
  await actions.edit(cell('measure'), '鋪貨率 +5%');
  await actions.typeInto(cell('dueDate'), '2020-01-15');
  await expect.poll(async () => (rowIndex = await newRow())).toBe(0);

  await expect(badge).toHaveAttribute('data-count', '1');
  await expect(badge).toHaveText('逾期 1 項');
  await expect(cell('title')).toHaveClass(/action--overdue/);

  await expect(cell('measure')).toHaveText('鋪貨率 +5%');
  await actions.edit(cell('status'), '已完成');
  await expect(badge).toHaveAttribute('data-count', '0');
  await expect(cell('title')).not.toHaveClass(/action--overdue/);
  await expect(cell('status')).toHaveText('已完成');
});
