import { expect, type Locator } from '@playwright/test';
import { AppPage } from './AppPage';
import { GridModel } from './GridModel';

export type MasterTab = 'geography' | 'channels' | 'products' | 'competitors' | 'team' | 'customers' | 'terminals';

/** The master-data area: its tabs, the grid kit's grids, and the dialogs they open. */
export class MasterDataPage extends AppPage {
  get root(): Locator {
    return this.page.getByTestId('master-data');
  }

  async open(tab: MasterTab): Promise<void> {
    await this.page.getByTestId('side-nav').locator('[data-area="masterData"]').click();
    await expect(this.root).toBeVisible();
    await this.page.getByTestId(`md-tab-${tab}`).click();
    await expect(this.root).toHaveAttribute('data-tab', tab);
  }

  editor(entity: string): Locator {
    return this.page.getByTestId(`md-editor-${entity}`);
  }

  async waitLoaded(entity: string): Promise<void> {
    await expect(this.editor(entity)).toHaveAttribute('data-loaded', 'true');
    await expect(this.grid(entity).rows().first()).toBeVisible();
  }

  grid(entity: string): GridModel {
    return GridModel.byTestId(this.page, `grid-${entity}`);
  }

  /** A body cell by displayed row index and field (pinned or not). */
  cell(entity: string, row: number, field: string): Locator {
    return this.grid(entity).cell(row, field);
  }

  async cellTexts(entity: string, rows: number[], fields: string[]): Promise<string[][]> {
    const out: string[][] = [];
    for (const r of rows) {
      const line: string[] = [];
      for (const f of fields) line.push(((await this.cell(entity, r, f).textContent()) ?? '').trim());
      out.push(line);
    }
    return out;
  }

  /** Starts recording the grid's "applied" events; the returned function reads how many arrived. */
  async recordApplied(): Promise<() => Promise<number>> {
    const read = await this.recordEvents('regionplan:grid-applied');
    return async () => (await read()).length;
  }

  get problems(): Locator {
    return this.page.getByTestId('grid-problems');
  }

  get problemItems(): Locator {
    return this.problems.getByTestId('grid-problem');
  }

  get deleteDialog(): Locator {
    return this.page.getByTestId('md-delete-dialog');
  }

  get geoPicker(): Locator {
    return this.page.getByTestId('md-geo-picker');
  }
}
