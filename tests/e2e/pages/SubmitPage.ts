import { expect, type Locator, type Page } from '@playwright/test';

/** 報送總部: the check, the submit button and its dialogs, the history, the changes. */
export class SubmitPage {
  readonly root: Locator;
  readonly button: Locator;
  readonly blocked: Locator;
  readonly signer: Locator;
  readonly history: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('submit-area');
    this.button = page.getByTestId('submit-button');
    this.blocked = page.getByTestId('submit-blocked');
    this.signer = page.getByTestId('submit-signer');
    this.history = page.getByTestId('submit-history');
    this.changes = page.getByTestId('submit-changes');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** Submits through the confirmation dialog; answers the result dialog's package and workbook paths. */
  async submit(): Promise<{ packagePath: string; workbookPath: string; confirmText: string }> {
    await expect(this.button).toBeEnabled({ timeout: 20_000 });
    await this.button.click();
    const confirm = this.page.getByTestId('submit-confirm');
    await expect(confirm).toBeVisible();
    const confirmText = await confirm.getByTestId('submit-confirm-body').innerText();
    await confirm.getByTestId('submit-confirm-ok').click();
    const done = this.page.getByTestId('submit-done');
    await expect(done).toBeVisible({ timeout: 60_000 });
    const packagePath = await done.getByTestId('submit-done-package').innerText();
    const workbookPath = await done.getByTestId('submit-done-workbook').innerText();
    await done.getByRole('button').last().click();
    await expect(done).toBeHidden();
    return { packagePath, workbookPath, confirmText };
  }

  historyRow(revision: number): Locator {
    return this.history.locator(`tr[data-revision="${revision}"]`);
  }
}
