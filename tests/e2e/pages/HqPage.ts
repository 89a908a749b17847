import { expect, type Page } from '@playwright/test';

// The head-office window as the e2e specs drive it.

/** A region's row on the status board. */
export const boardRow = (page: Page, region: string) => page.locator(`[data-testid="hq-board-row"][data-region="${region}"]`);

/**
 * 接收計劃包… with the web host's picker: ticks `files` (names in the host's folder) and
 * receives them; resolves when the receive result shows (with `accepted` packages accepted,
 * when given), which is left open unless `close`.
 */
export async function receiveInWindow(page: Page, files: string[], options: { accepted?: number; close?: boolean } = {}): Promise<void> {
  await page.getByTestId('hq-receive').click();
  const picker = page.getByTestId('hq-pick-dialog');
  await expect(picker).toBeVisible();
  for (const f of files) await picker.locator(`[data-testid="hq-pick-entry"][data-file="${f}"] input`).check();
  await page.getByTestId('hq-pick-receive').click();
  await expect(page.getByTestId('hq-receive-result')).toBeVisible();
  if (options.accepted !== undefined) await expect(page.locator('[data-testid="hq-verdict"][data-verdict="accepted"]')).toHaveCount(options.accepted);
  if (options.close) await page.getByTestId('hq-receive-close').click();
}

/** Fills 新建總部匯總's cycle (plan year 2027, its name, the regions one per line, optionally the cap in % and the due date). */
export async function fillCycle(page: Page, regions: string[], options: { expenseCap?: string; dueDate?: string } = {}): Promise<void> {
  const dialog = page.getByTestId('new-hq-dialog');
  await dialog.locator('input[name="planYear"]').fill('2027');
  await dialog.locator('input[name="cycleName"]').fill('2027 年度計劃');
  await dialog.locator('textarea[name="regions"]').fill(regions.join('\n'));
  if (options.expenseCap !== undefined) await dialog.locator('input[name="expenseCap"]').fill(options.expenseCap);
  if (options.dueDate !== undefined) await dialog.locator('input[name="dueDate"]').fill(options.dueDate);
}

/**
 * 新建總部匯總 from the start screen, in a file where the host puts it or, given
 * `serverUrl`, in that PostgreSQL database; resolves when the workspace shows.
 */
export async function createWorkspace(
  page: Page,
  regions: string[],
  options: { expenseCap?: string; dueDate?: string; serverUrl?: string } = {},
): Promise<void> {
  await page.getByTestId('start-new-hq').click();
  await fillCycle(page, regions, options);
  if (options.serverUrl !== undefined) {
    await page.getByTestId('hq-where-server').click();
    await page.getByTestId('hq-server-url').fill(options.serverUrl);
  }
  await page.getByTestId('new-hq-submit').click();
  await expect(page.getByTestId('hq-workspace')).toBeVisible();
}
