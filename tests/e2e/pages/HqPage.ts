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
