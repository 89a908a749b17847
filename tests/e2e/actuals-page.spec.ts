import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { SHOTS, shot } from './shots';

// The actuals area on the demo region: each kind's grid with the batch its rows came
// from, the count of matching rows changing with the search and the months, the
// import batches, and removing one (after a confirmation) takes its rows away.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.

test.use({ demoSize: SHOTS && process.env.REGIONPLAN_SHOTS_DEMO !== 'tiny' ? 'typical' : 'tiny' });


class Actuals {
  constructor(private readonly page: Page) {}
  get root(): Locator {
    return this.page.getByTestId('actuals-page');
  }
  get count(): Locator {
    return this.page.getByTestId('actuals-count');
  }
  get grid(): GridModel {
    return GridModel.byTestId(this.page, 'actuals-grid');
  }
  tab(kind: string): Locator {
    return this.page.getByTestId(`actuals-tab-${kind}`);
  }
  async total(): Promise<number> {
    return Number(await this.count.getAttribute('data-total'));
  }
  /** Waits until the count settles on a value other than `not`, and returns it. */
  async totalOtherThan(not: number): Promise<number> {
    await expect(this.count).not.toHaveAttribute('data-total', String(not));
    return this.total();
  }
  /** The first row's cell of a column. */
  first(field: string): Locator {
    return this.grid.cell(0, field);
  }
}

test('the actuals page: kinds, filters, batches and removing one', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('actuals').click();
  const a = new Actuals(page);
  await expect(a.root).toBeVisible();
  await expect(a.tab('sales')).toHaveAttribute('aria-selected', 'true');
  await expect(a.count).toBeVisible();
  const allSales = await a.total();
  expect(allSales).toBeGreaterThan(5000);
  // More rows than a page (the README's "first 5,000"): says how many it shows.
  await expect(a.count).toHaveAttribute('data-shown', '5000');
  await expect(a.count).toContainText('顯示前 5,000 行');
  await expect(a.first('batchName')).toHaveText(/^demo-20\d\d$/);
  await expect(page.getByTestId('actuals-totals')).toContainText('合計');
  await shot(page, 'actuals-sales-1440.png');

  // Search runs on the core over every row: the grid's own find box (loaded rows only) is not offered.
  await expect(a.grid.filterBox).toHaveCount(0);
  // Search: fewer rows, each naming what was searched for.
  const firstCustomer = (await a.first('customerName').textContent()) ?? '';
  expect(firstCustomer).not.toBe('');
  await page.getByTestId('actuals-search').fill(firstCustomer);
  const searched = await a.totalOtherThan(allSales);
  expect(searched).toBeGreaterThan(0);
  expect(searched).toBeLessThan(allSales);
  await expect(a.first('customerName')).toHaveText(firstCustomer);

  // A month range narrows it further.
  await page.getByTestId('actuals-period-from').fill('2026-01');
  await page.getByTestId('actuals-period-to').fill('2026-03');
  const ranged = await a.totalOtherThan(searched);
  expect(ranged).toBeLessThan(searched);
  await expect(a.first('period')).toHaveText(/^2026-0[1-3]$/);
  await page.getByTestId('actuals-clear').click();
  await expect(a.count).toHaveAttribute('data-total', String(allSales));

  // The other kinds, each with its own columns.
  await a.tab('market').click();
  await expect(a.root).toHaveAttribute('data-kind', 'market');
  await expect(a.first('brandName')).not.toHaveText('');
  await a.tab('audit').click();
  await expect(a.first('terminalName')).not.toHaveText('');
  await shot(page, 'actuals-audits-1440.png');
  await a.tab('visit').click();
  await expect(a.first('customerName')).not.toHaveText('');
  await shot(page, 'actuals-visits-1440.png');
  await a.tab('statement').click();
  await expect(a.first('receivableCents')).not.toHaveText('');
  const statements = await a.total();

  // Back to sales; the batches: remove demo-2025 after the confirmation.
  await a.tab('sales').click();
  await expect(a.count).toHaveAttribute('data-total', String(allSales));
  await page.getByTestId('actuals-batches-button').click();
  const dialog = page.getByTestId('actuals-batches');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('actuals-batch');
  await expect(rows).toHaveCount(3);
  const target = rows.filter({ hasText: 'demo-2025' });
  const live = Number(((await target.getByTestId('actuals-batch-live').textContent()) ?? '').replace(/,/g, ''));
  expect(live).toBeGreaterThan(0);
  await shot(page, 'actuals-batches-1440.png');
  await target.getByTestId('actuals-batch-remove').click();
  const confirm = page.getByTestId('actuals-remove-confirm');
  await expect(confirm).toContainText('不能撤銷');
  await expect(confirm).toContainText(live.toLocaleString('en-US'));
  await shot(page, 'actuals-remove-confirm-1440.png');
  // Cancel first: nothing changes.
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await expect(rows).toHaveCount(3);
  await target.getByTestId('actuals-batch-remove').click();
  await page.getByTestId('actuals-remove-yes').click();
  await expect(confirm).toBeHidden();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'demo-2025' })).toHaveCount(0);
  await page.getByTestId('actuals-batches-close').click();
  await expect(page.getByTestId('actuals-notice')).toContainText('demo-2025');
  await expect(a.count).toHaveAttribute('data-total', String(allSales - live));
  // Its months are empty now; the other kinds are untouched.
  await page.getByTestId('actuals-period-from').fill('2025-01');
  await page.getByTestId('actuals-period-to').fill('2025-12');
  await expect(page.getByTestId('actuals-no-match')).toBeVisible();
  await a.tab('statement').click();
  await expect(a.count).toHaveAttribute('data-total', String(statements));

  // Removing the only batch of a kind leaves it empty: the page says what to import.
  await page.getByTestId('actuals-batches-button').click();
  await expect(rows).toHaveCount(1);
  await rows.getByTestId('actuals-batch-remove').click();
  await page.getByTestId('actuals-remove-yes').click();
  await expect(rows).toHaveCount(0);
  await expect(dialog.getByTestId('actuals-batches-none')).toBeVisible();
  await page.getByTestId('actuals-batches-close').click();
  const empty = page.getByTestId('actuals-empty');
  await expect(empty).toContainText('還沒有客戶對賬');
  await expect(empty.getByTestId('import-button')).toBeVisible();
  await shot(page, 'actuals-empty-1440.png');
  if (SHOTS) {
    await page.getByRole('radio', { name: 'EN' }).click();
    await a.tab('market').click();
    await expect(a.tab('market')).toHaveText('Market data');
    await expect(a.first('brandName')).not.toHaveText('');
    await shot(page, 'actuals-market-en-1440.png');
  }
});

test('the actuals page is usable from the keyboard', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('actuals').click();
  const a = new Actuals(page);
  await expect(a.count).toBeVisible();
  await a.tab('sales').focus();
  await page.keyboard.press('Tab');
  await expect(a.tab('market')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(a.root).toHaveAttribute('data-kind', 'market');
  // Arrow keys walk the kinds too.
  await page.keyboard.press('ArrowRight');
  await expect(a.root).toHaveAttribute('data-kind', 'audit');
  await expect(a.tab('audit')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(a.root).toHaveAttribute('data-kind', 'market');
  await page.getByTestId('actuals-search').focus();
  await page.keyboard.type('zzz-no-such-thing');
  await expect(page.getByTestId('actuals-no-match')).toBeVisible();
  await page.getByTestId('actuals-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('actuals-grid')).toBeVisible();
  await page.getByTestId('actuals-batches-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('actuals-batches')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('actuals-batches')).toBeHidden();
});
