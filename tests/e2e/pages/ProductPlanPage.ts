import { expect, type Locator, type Page } from '@playwright/test';
import { GridModel } from './GridModel';

/** 計劃書 → 品牌與產品: the product mix, the positioning grid and the new products. */
export class ProductPlanPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('plan-product-panel');
  }

  /** Opens the plan area's product tab and waits for its answer. */
  async open(nav: Locator): Promise<void> {
    await nav.click();
    await this.page.getByTestId('plan-tab-product').click();
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }

  get mixTable(): Locator {
    return this.page.getByTestId('plan-product-mix-table');
  }

  get positions(): GridModel {
    return GridModel.byTestId(this.page, 'plan-product-position-grid');
  }

  get newProducts(): GridModel {
    return GridModel.byTestId(this.page, 'plan-product-new-grid');
  }

  /** A new-products tile (planned, derived, gap, ho, support) and its value in cents. */
  tile(key: 'planned' | 'derived' | 'gap' | 'ho' | 'hoGap' | 'support'): Locator {
    return this.page.getByTestId(`plan-product-new-${key}`);
  }

  async tileValue(key: 'planned' | 'derived' | 'gap' | 'ho' | 'hoGap' | 'support'): Promise<number> {
    return Number(await this.tile(key).getAttribute('data-value'));
  }

  /** The grid's list of refused cells, and its text. */
  get problems(): Locator {
    return this.page.getByTestId('plan-product-new-grid').getByTestId('grid-problems');
  }

  async chooseVersion(label: RegExp | string): Promise<void> {
    const select = this.page.getByTestId('plan-product-version');
    const value = await select.locator('option', { hasText: label }).getAttribute('value');
    await select.selectOption(value ?? '');
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }
}
