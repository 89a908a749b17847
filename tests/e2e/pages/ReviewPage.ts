import { expect, type Locator, type Page } from '@playwright/test';

/** 總結與導出: the slide list, the picked slide, its title and notes, the toolbar. */
export class ReviewPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('review-area');
  }

  get items(): Locator {
    return this.root.getByTestId('slide-item');
  }

  item(key: string): Locator {
    return this.root.locator(`[data-testid="slide-item"][data-key="${key}"]`);
  }

  get editor(): Locator {
    return this.root.getByTestId('slide-editor');
  }

  get titleInput(): Locator {
    return this.root.getByTestId('slide-title-input');
  }

  get notes(): Locator {
    return this.root.getByTestId('slide-notes');
  }

  get preview(): Locator {
    return this.root.getByTestId('slide-preview');
  }

  /** The slides' keys in the list's order. */
  async keys(): Promise<string[]> {
    return this.items.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
  }

  async expectLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.items.first()).toBeVisible();
  }

  async pick(key: string): Promise<void> {
    await this.item(key).getByTestId('slide-pick').click();
    await expect(this.editor).toHaveAttribute('data-key', key);
  }
}
