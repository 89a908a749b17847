import { expect, type Locator, type Page } from '@playwright/test';
import { GridModel } from './GridModel';
import type { WorkspacePage } from './WorkspacePage';

/** 計劃書 → 終端: the terminal plan chapter (stores to open, share targets, SKU targets). */
export class PlanTerminalPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('plan-terminal-panel');
  }

  async open(workspace: WorkspacePage): Promise<void> {
    await workspace.nav('plan').click();
    await this.page.getByTestId('plan-tab-terminal').click();
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }

  get openings(): GridModel {
    return GridModel.byTestId(this.page, 'plan-terminal-openings-grid');
  }

  get share(): GridModel {
    return GridModel.byTestId(this.page, 'plan-terminal-share-grid');
  }

  get sku(): GridModel {
    return GridModel.byTestId(this.page, 'plan-terminal-sku-grid');
  }

  get openTotal(): Locator {
    return this.page.getByTestId('plan-terminal-open-total');
  }

  /** Adds a city × channel row of stores to open. */
  async addOpening(city: string, channel: string): Promise<void> {
    await this.page.getByTestId('plan-terminal-open-city').selectOption({ label: city });
    await this.page.getByTestId('plan-terminal-open-channel').selectOption({ label: channel });
    await this.page.getByTestId('plan-terminal-open-add').click();
  }

  async chooseVersion(label: RegExp): Promise<void> {
    const select = this.page.getByTestId('plan-terminal-version');
    const options = await select.locator('option').allTextContents();
    const text = options.find((o) => label.test(o));
    if (!text) throw new Error(`no version matching ${label}: ${options.join(', ')}`);
    await select.selectOption({ label: text });
  }
}
