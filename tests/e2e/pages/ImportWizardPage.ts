import { expect, type Locator, type Page } from '@playwright/test';

/** The import wizard (a modal over any area): its steps, the mapping, the preview and its tables. */
export class ImportWizardPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('import-wizard');
  }

  by(testId: string): Locator {
    return this.root.getByTestId(testId);
  }

  get fileInput(): Locator {
    return this.by('import-file-input');
  }
  get encoding(): Locator {
    return this.by('import-encoding');
  }
  get sample(): Locator {
    return this.by('import-sample');
  }
  get next(): Locator {
    return this.by('import-next');
  }
  get back(): Locator {
    return this.by('import-back');
  }
  get commit(): Locator {
    return this.by('import-commit');
  }
  get issues(): Locator {
    return this.by('import-issues');
  }
  get batch(): Locator {
    return this.by('import-batch');
  }
  get unknowns(): Locator {
    return this.by('import-unknowns');
  }
  get done(): Locator {
    return this.by('import-done');
  }

  /** The mapping select of a field. */
  map(field: string): Locator {
    return this.by(`map-${field}`);
  }

  /** The resolution-table row of an unknown value. */
  unknown(dimension: string, value: string): Locator {
    return this.unknowns.locator(`tr[data-dimension="${dimension}"][data-value="${value}"]`);
  }

  async chooseFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
    await expect(this.by('import-file-name')).toBeVisible();
  }

  /** Goes back `steps` steps with the Back button. */
  async goBack(steps: number): Promise<void> {
    for (let i = 0; i < steps; i++) await this.back.click();
  }

  /** How many checks the wizard has finished. */
  async checks(): Promise<number> {
    return Number(await this.by('import-steps').getAttribute('data-checks'));
  }

  /** Clicks a button that runs the check and waits for the check to finish. */
  private async runCheck(button: Locator): Promise<void> {
    const before = await this.checks();
    await button.click();
    await expect(this.by('import-steps')).toHaveAttribute('data-checks', String(before + 1));
    await expect(this.by('import-summary')).toBeVisible();
  }

  /** From the mapping step to the preview, waiting for the check to finish. */
  async check(): Promise<void> {
    await this.runCheck(this.next);
  }

  /** Maps an unknown value to an existing member by typing its code into the picker. */
  async mapUnknown(dimension: string, value: string, code: string): Promise<void> {
    const row = this.unknown(dimension, value);
    await row.getByTestId('import-unknown-action').selectOption('map');
    await row.getByTestId('import-unknown-member').fill(code);
    await expect(row.getByTestId('import-unknown-picked')).toContainText(code);
  }

  /** "Apply and check again": waits for the new check. */
  async applyResolutions(): Promise<void> {
    await this.runCheck(this.by('import-apply-resolutions'));
  }

  /** The bulk decision panel of a dimension ("800 unknown customers: create all / skip all / map by a column"). */
  bulkPanel(dimension: string): Locator {
    return this.by('import-bulk').locator(`[data-testid="import-bulk-panel"][data-dimension="${dimension}"]`);
  }

  /** Chooses a dimension's bulk decision: create, skip, map or none (one by one). */
  async decideAll(dimension: string, action: 'create' | 'skip' | 'map' | 'none'): Promise<void> {
    await this.bulkPanel(dimension).getByTestId(`import-bulk-${action}`).check();
  }

  /** The bulk panel's "apply and check again". */
  async applyBulk(): Promise<void> {
    await this.runCheck(this.by('import-bulk-apply'));
  }

  /** Ticks the supporting list's confirmation, which checks again. */
  async confirmSupporting(): Promise<void> {
    await this.runCheck(this.by('import-bulk-confirm'));
  }
}
