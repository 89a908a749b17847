import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage';

export type ProfileField = 'regionName' | 'managerName' | 'notes';
export type Unit = 'yuan' | 'wan' | 'yi';

/** The workspace: top bar, navigation, the overview area and the status bar. */
export class WorkspacePage extends AppPage {
  get root(): Locator {
    return this.page.getByTestId('workspace');
  }

  get regionTitle(): Locator {
    return this.page.getByTestId('topbar-region');
  }

  get yearTitle(): Locator {
    return this.page.getByTestId('topbar-year');
  }

  get undoButton(): Locator {
    return this.page.getByTestId('undo');
  }

  get redoButton(): Locator {
    return this.page.getByTestId('redo');
  }

  get savedIndicator(): Locator {
    return this.page.getByTestId('saved-indicator');
  }

  get statusPath(): Locator {
    return this.page.getByTestId('status-path');
  }

  nav(area: string): Locator {
    return this.page.getByTestId('side-nav').locator(`[data-area="${area}"]`);
  }

  // ---- overview ----
  get overview(): Locator {
    return this.page.getByTestId('overview');
  }

  async expectOverviewLoaded(): Promise<void> {
    await expect(this.overview).toHaveAttribute('data-loaded', 'true');
  }

  profileField(field: ProfileField): Locator {
    return this.page.getByTestId(`profile-${field}`);
  }

  /** Types into a profile field and commits it with Enter (one undo step). */
  async editProfile(field: ProfileField, value: string): Promise<void> {
    const saved = await this.recordEvents('regionplan:saved');
    const input = this.profileField(field);
    await input.fill(value);
    if (field === 'notes') await input.press('Control+Enter');
    else await input.press('Enter');
    await expect.poll(async () => (await saved()).length).toBeGreaterThan(0);
  }

  count(key: string): Locator {
    return this.page.getByTestId(`count-${key}`);
  }

  get chart(): Locator {
    return this.page.getByTestId('sales-chart');
  }

  get chartEmpty(): Locator {
    return this.page.getByTestId('chart-empty');
  }

  get kpis(): Locator {
    return this.page.getByTestId('kpi-tiles');
  }

  async setUnit(unit: Unit): Promise<void> {
    await this.page.getByTestId('unit-switcher').locator(`[data-value="${unit}"]`).click();
    await expect(this.page.getByTestId('unit-switcher').locator(`[data-value="${unit}"]`)).toHaveAttribute('aria-checked', 'true');
  }

  async closeFile(): Promise<void> {
    await this.page.getByTestId('close-file').click();
    await this.expectState('start');
  }
}

/** The working plan seeded from last year's sales on the targets page (open), unless it already is. */
export async function seedPlan(page: Page): Promise<void> {
  const targets = page.getByTestId('targets-page');
  await expect(targets).toHaveAttribute('data-loaded', 'true');
  if ((await targets.getAttribute('data-seeded')) === 'false') {
    await page.getByTestId('targets-seed-method').selectOption('lastYear');
    await page.getByTestId('targets-seed-button').click();
    await expect(targets).toHaveAttribute('data-seeded', 'true');
  }
}
