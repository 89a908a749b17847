import { expect, type Locator, type Page } from '@playwright/test';

/** 計劃書 › 計劃文字: the section list, the reader, the editor and its figure dialog. */
export class WrittenPlanPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('plan-written-panel');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('side-nav').locator('[data-area="plan"]').click();
    await this.page.getByTestId('plan-tab-written').click();
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }

  section(key: string): Locator {
    return this.page.getByTestId(`wp-section-${key}`);
  }

  get view(): Locator {
    return this.page.getByTestId('wp-view');
  }

  get empty(): Locator {
    return this.page.getByTestId('wp-empty');
  }

  get editable(): Locator {
    return this.page.getByTestId('wp-editable');
  }

  get editButton(): Locator {
    return this.page.getByTestId('wp-edit');
  }

  get draftButton(): Locator {
    return this.page.getByTestId('wp-draft');
  }

  get versionSelect(): Locator {
    return this.page.getByTestId('wp-version');
  }

  tool(name: string): Locator {
    return this.page.getByTestId(`wp-tool-${name}`);
  }

  figures(scope: Locator = this.panel): Locator {
    return scope.getByTestId('wp-figure');
  }

  async choose(key: string): Promise<void> {
    await this.section(key).click();
    await expect(this.section(key)).toHaveAttribute('aria-current', 'true');
  }

  /** Inserts a live figure at the caret through the figure dialog. */
  async insertFigure(kind: string, provinceIndex: number | null): Promise<void> {
    await this.tool('figure').click();
    const dialog = this.page.getByTestId('wp-figure-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('wp-figure-kind').selectOption(kind);
    if (provinceIndex !== null) await dialog.getByTestId('wp-figure-scope').selectOption({ index: provinceIndex + 1 });
    await dialog.getByTestId('wp-figure-insert').click();
    await expect(dialog).toBeHidden();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('wp-save').click();
    await expect(this.page.getByTestId('wp-editor')).toBeHidden();
  }
}
