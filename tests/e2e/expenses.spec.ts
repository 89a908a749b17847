import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { shot } from './shots';

// The expense budget on the tiny demo: with a sales target of 5,000 萬元, set
// the year's budget by an 8% expense ratio, spread it by quarter shares, move 10% of
// advertising (ADV) to terminal building (TERM), and see the item ratios and returns
// change while the total stays; head office's cap warns when the plan exceeds it.
// Figures are checked in 元.


const yuan = (text: string | null) => Number((text ?? '').replace(/[^0-9.-]/g, ''));
const measure = (page: Page, code: string, col: string) => page.getByTestId(`eb-measure-${code}`).locator(`[data-col="${col}"]`);

test('expense budget: year by expense ratio, spread by phase, move 10% from ADV to TERM', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');

  // The plan's sales target: 5,000 萬元.
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
  const panel = page.getByTestId('expenses-panel-budget');
  await expect(panel).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('eb-sum-sales-value')).toHaveText(/50,000,000/);

  // 8% of the sales target, by quarter shares 20/25/25/30.
  await page.getByTestId('eb-mode').locator('[data-value="ratio"]').click();
  await page.getByTestId('eb-ratio').fill('8');
  await expect(page.getByTestId('eb-preview')).toContainText('4,000,000');
  await page.getByTestId('eb-phase').selectOption('quarters');
  for (const [q, w] of [[1, '20'], [2, '25'], [3, '25'], [4, '30']] as const) await page.getByTestId(`eb-q${q}`).fill(w);
  await page.getByTestId('eb-spread').click();
  await expect(page.getByTestId('eb-sum-budget-value')).toHaveText(/^4,000,000/);
  await expect(page.getByTestId('eb-sum-ratio-value')).toHaveText('8.00%');
  await expect(page.getByTestId('eb-sum-return-value')).toHaveText('12.50');
  const budget = GridModel.byTestId(page, 'eb-grid');
  const totalRow = budget.rowsWithClass('eb-row--total').first();
  await expect(budget.cell(totalRow, 'q1')).toHaveText('800,000');
  await expect(budget.cell(totalRow, 'q4')).toHaveText('1,200,000');
  // Q1's expense ratio: 800,000 over Q1's sales target (the cell's title names both).
  const q1 = page.getByTestId('eb-phases').locator('[data-phase="q1"]');
  const q1Sales = yuan((await q1.getAttribute('title'))?.split('/')[1] ?? '');
  expect(q1Sales).toBeGreaterThan(0);
  await expect(q1).toHaveText(`Q1${((800_000 / q1Sales) * 100).toFixed(1)}%`);
  await shot(page, 'budget-spread');

  // Move 10% of advertising to terminal building.
  const advBefore = yuan(await measure(page, 'ADV', 'budget').textContent());
  const termBefore = yuan(await measure(page, 'TERM', 'budget').textContent());
  const advRatioBefore = await measure(page, 'ADV', 'ratio').textContent();
  expect(advBefore).toBeGreaterThan(0);
  await page.getByTestId('eb-reallocate').click();
  const dialog = page.getByTestId('eb-reallocate-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('eb-percent')).toHaveValue('10');
  await shot(page, 'budget-reallocate');
  await page.getByTestId('eb-reallocate-apply').click();
  await expect(dialog).toBeHidden();
  await expect(measure(page, 'ADV', 'ratio')).not.toHaveText(advRatioBefore ?? '');
  const advAfter = yuan(await measure(page, 'ADV', 'budget').textContent());
  const termAfter = yuan(await measure(page, 'TERM', 'budget').textContent());
  expect(Math.abs(advAfter - advBefore * 0.9)).toBeLessThanOrEqual(1);
  expect(Math.abs(termAfter + advAfter - termBefore - advBefore)).toBeLessThanOrEqual(1);
  // The item's ratio and return follow: budget / 50,000,000 and its inverse.
  await expect(measure(page, 'ADV', 'ratio')).toHaveText(`${((advAfter / 50_000_000) * 100).toFixed(2)}%`);
  await expect(measure(page, 'ADV', 'return')).toHaveText((50_000_000 / advAfter).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  // The total stays: 4,000,000 元, 8%.
  await expect(page.getByTestId('eb-sum-budget-value')).toHaveText(/^4,000,000/);
  await expect(page.getByTestId('eb-sum-ratio-value')).toHaveText('8.00%');

  // Head office's cap: 7% warns (the year is over it), 20% does not (no phase is).
  await page.getByTestId('eb-cap').fill('7');
  await page.getByTestId('eb-cap').press('Enter');
  await expect(page.getByTestId('eb-cap-warning')).toBeVisible();
  await expect(page.getByTestId('eb-sum-ratio')).toHaveClass(/eb-tile--over/);
  await shot(page, 'budget-cap');
  await page.getByTestId('eb-cap').fill('20');
  await page.getByTestId('eb-cap').press('Enter');
  await expect(page.getByTestId('eb-cap-warning')).toBeHidden();

  // A cell edit: the ADV row's year, typed in 元.
  await budget.edit(budget.cell(budget.row('廣告費').first(), 'year'), '300000');
  await expect(measure(page, 'ADV', 'budget')).toHaveText('300,000');
  await expect(measure(page, 'ADV', 'ratio')).toHaveText('0.60%');

  // Budget against actual.
  await page.getByTestId('eb-view').locator('[data-value="actual"]').click();
  await expect(page.getByTestId('eb-actual')).toBeVisible();
  await expect(page.getByTestId('eb-actual-ADV').locator('td').first()).toHaveText('300,000');
  await shot(page, 'budget-actual');

  // In English, the same figures.
  await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
  await page.getByTestId('eb-view').locator('[data-value="budget"]').click();
  await expect(page.getByTestId('eb-sum-ratio')).toContainText('Expense ratio');
  await expect(measure(page, 'ADV', 'budget')).toHaveText('300,000');
  await shot(page, 'budget-en');
});
