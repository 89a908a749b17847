import { expect, type Locator, type Page } from '@playwright/test';

/** 差異分析: the variance log tab of the plan chapters, and the note dialog wherever it opens. */
export class VarianceLogPage {
  constructor(readonly page: Page) {}

  async open(workspace: { nav(area: string): Locator }): Promise<void> {
    await workspace.nav('plan').click();
    await this.page.getByTestId('plan-tab-variance').click();
    await expect(this.panel).toBeVisible();
    await expect(this.page.getByTestId('vl-version')).not.toHaveValue('');
  }

  get panel(): Locator {
    return this.page.getByTestId('plan-variance-panel');
  }

  get rows(): Locator {
    return this.page.getByTestId('vl-row');
  }

  /** The log's row whose note reads `text`. */
  row(text: string): Locator {
    return this.rows.filter({ has: this.page.locator('[data-col="body"]', { hasText: text }) });
  }

  get dialog(): Locator {
    return this.page.getByTestId('vn-dialog');
  }

  /** Fills the open note dialog (cause by its shown name, text) and saves it. */
  async fillNote(cause: string | null, body: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    if (cause !== null) await this.dialog.getByTestId('vn-cause').selectOption({ label: cause });
    await this.dialog.getByTestId('vn-body').fill(body);
    await this.dialog.getByTestId('vn-save').click();
  }
}
