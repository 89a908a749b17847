import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Where review screenshots go (REGIONPLAN_SHOTS), or undefined: then no test takes any. */
export const SHOTS = process.env.REGIONPLAN_SHOTS;

/** A screenshot for a human to look at, when REGIONPLAN_SHOTS names a folder (".png" is added if missing). */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name.endsWith('.png') ? name : `${name}.png`), fullPage: options.fullPage ?? false });
}

/** Switches the amount unit to 元, so figures on screen are exact to the yuan. */
export async function useYuan(page: Page): Promise<void> {
  await page.getByTestId('unit-switcher').locator('[data-value="yuan"]').click();
  await page.getByTestId('unit-switcher').locator('[data-value="yuan"][aria-checked="true"]').waitFor();
}
