import { expect, type Locator } from '@playwright/test';
import { AppPage } from './AppPage';

export type Unit = 'yuan' | 'wan' | 'yi';

/** The start screen (no file open) and its dialogs: new region, open (web), recent files. */
export class StartPage extends AppPage {
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilSettled();
  }

  get root(): Locator {
    return this.page.getByTestId('start-screen');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 1 });
  }

  get newButton(): Locator {
    return this.page.getByTestId('start-new');
  }

  get openButton(): Locator {
    return this.page.getByTestId('start-open');
  }

  get demoButton(): Locator {
    return this.page.getByTestId('start-demo');
  }

  // ---- new region ----
  get newDialog(): Locator {
    return this.page.getByTestId('new-region-dialog');
  }

  async openNewDialog(): Promise<void> {
    await this.newButton.click();
    await expect(this.newDialog).toBeVisible();
  }

  async fillNewRegion(region: { name: string; year?: number; unit?: Unit }): Promise<void> {
    await this.newDialog.locator('input[name="regionName"]').fill(region.name);
    if (region.year !== undefined) await this.newDialog.locator('input[name="planYear"]').fill(String(region.year));
    if (region.unit) await this.newDialog.getByTestId('new-region-unit').locator(`[data-value="${region.unit}"]`).click();
  }

  async submitNewRegion(): Promise<void> {
    await this.newDialog.getByTestId('new-region-submit').click();
  }

  fieldError(field: 'regionName' | 'planYear'): Locator {
    return this.newDialog.getByTestId(`field-error-${field}`);
  }

  /** Creates a region and waits for the workspace. */
  async createRegion(region: { name: string; year?: number; unit?: Unit }): Promise<void> {
    await this.openNewDialog();
    await this.fillNewRegion(region);
    await this.submitNewRegion();
    await this.expectState('workspace');
  }

  // ---- open (the web host's in-app dialog) ----
  get openDialog(): Locator {
    return this.page.getByTestId('open-dialog');
  }

  browseEntry(fileName: string): Locator {
    return this.openDialog.locator(`[data-testid="browse-entry"][data-file="${fileName}"]`);
  }

  async openFromDialog(fileName: string): Promise<void> {
    await this.openButton.click();
    await expect(this.openDialog).toBeVisible();
    await this.browseEntry(fileName).getByRole('button').click();
  }

  // ---- recent files ----
  get recentItems(): Locator {
    return this.page.getByTestId('recent-item');
  }

  recentItem(regionName: string): Locator {
    return this.recentItems.filter({ has: this.page.getByTestId('recent-region').getByText(regionName, { exact: true }) });
  }

  async openRecent(regionName: string): Promise<void> {
    await this.recentItem(regionName).locator('.recent__open').click();
    await this.expectState('workspace');
  }

  // ---- demo ----
  get progressDialog(): Locator {
    return this.page.getByTestId('progress-dialog');
  }
}
