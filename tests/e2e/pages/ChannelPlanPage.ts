import { expect, type Locator, type Page } from '@playwright/test';
import { GridModel } from './GridModel';

/** 計劃書 → 渠道客戶: the channel customer plan's tiles, its three grids, their dialogs. */
export class ChannelPlanPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('side-nav').locator('[data-area="plan"]').click();
    await this.page.getByTestId('plan-tab-channel').click();
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }

  get panel(): Locator {
    return this.page.getByTestId('plan-channel-panel');
  }

  get fills(): GridModel {
    return GridModel.byTestId(this.page, 'channel-fills-grid');
  }

  get pipeline(): GridModel {
    return GridModel.byTestId(this.page, 'channel-pipeline-grid');
  }

  get changes(): GridModel {
    return GridModel.byTestId(this.page, 'channel-changes-grid');
  }

  tile(name: 'blank' | 'fills' | 'pipeline' | 'changes'): Locator {
    return this.page.getByTestId(`tile-${name}`);
  }

  get problems(): Locator {
    return this.page.getByTestId('grid-problems');
  }

  get readOnlyNote(): Locator {
    return this.page.getByTestId('channel-readonly');
  }

  button(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async chooseVersion(name: string): Promise<void> {
    await this.page.getByTestId('channel-version').selectOption({ label: name });
    await this.expectLoaded();
  }
}
