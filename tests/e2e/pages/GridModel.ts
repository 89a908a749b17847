import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A row of the grid: its displayed index (0 = the first row shown), its tree label,
 * its row id, or the text one of its cells contains.
 */
export type RowRef = number | string | { id: string } | { colId: string; text: string };

/** The class of a cell inside the selected range (a range of one cell shows only the focus). */
export const IN_RANGE = /gk-range/;

/**
 * One grid of the grid kit (src/renderer/src/grid): its rows, cells, header and totals
 * row, its tree, and what a user does in it. The only place in the tests that knows
 * AG Grid's markup (a row is one element, pinned cells included).
 */
export class GridModel {
  constructor(readonly root: Locator) {}

  /** The grid whose kit wrapper has this data-testid. */
  static byTestId(page: Page, testId: string): GridModel {
    return new GridModel(page.getByTestId(testId));
  }

  get page(): Page {
    return this.root.page();
  }

  // ---- rows and cells ----

  /** The body's rows (not the header, not the totals row). */
  rows(): Locator {
    return this.root.locator('.ag-grid-scrolling-rows .ag-row');
  }

  /** The rows the screen marks with any of these classes (its `rowClass`, e.g. a tree level). */
  rowsWithClass(...classes: string[]): Locator {
    return this.root.locator(classes.map((c) => `.ag-grid-scrolling-rows .ag-row.${c}`).join(', '));
  }

  row(ref: RowRef): Locator {
    if (typeof ref === 'number') return this.root.locator(`.ag-grid-scrolling-rows .ag-row[row-index="${ref}"]`);
    if (typeof ref === 'string') return this.rows().filter({ has: this.page.locator(`.gk-tree[data-label="${ref}"]`) });
    if ('id' in ref) return this.root.locator(`.ag-grid-scrolling-rows .ag-row[row-id="${ref.id}"]`);
    return this.rows().filter({ has: this.page.locator(`.ag-cell[col-id="${ref.colId}"]`, { hasText: ref.text }) });
  }

  /** A body cell by its row (a reference, or row locators from this model) and its column id (the field). */
  cell(row: RowRef | Locator, colId: string): Locator {
    return (isLocator(row) ? row : this.row(row)).locator(`.ag-cell[col-id="${colId}"]`);
  }

  /** Every body cell of a column. */
  column(colId: string): Locator {
    return this.cell(this.rows(), colId);
  }

  header(colId: string): Locator {
    return this.root.locator(`.ag-header-cell[col-id="${colId}"]`);
  }

  /** The totals row pinned below the body. */
  get totalsRow(): Locator {
    return this.root.locator('.ag-grid-pinned-bottom-rows .ag-row');
  }

  totalsCell(colId: string): Locator {
    return this.cell(this.totalsRow, colId);
  }

  /** The displayed index of the row of a tree label, or of the row holding `target`; waits for it to show. */
  async rowIndexOf(target: string | Locator): Promise<number> {
    const el = (typeof target === 'string' ? this.treeLabel(target) : target).first();
    await expect(el).toBeVisible();
    const index = await el.evaluate((e) => e.closest('.ag-row')?.getAttribute('row-index') ?? '');
    expect(index).toMatch(/^\d+$/);
    return Number(index);
  }

  // ---- the tree ----

  /** The tree labels of the given rows (default: every row). */
  treeLabels(rows: Locator = this.rows()): Locator {
    return rows.locator('.gk-tree');
  }

  /** The tree labels showing this text, among the given rows. */
  treeLabel(label: string, rows: Locator = this.rows()): Locator {
    return rows.locator(`.gk-tree[data-label="${label}"]`);
  }

  /** The label of the first of the given rows. */
  async labelOf(rows: Locator): Promise<string> {
    return (await this.treeLabels(rows).first().getAttribute('data-label')) ?? '';
  }

  /** The labels of the given rows that are rendered now, in document order. */
  async labelsOf(rows: Locator): Promise<string[]> {
    return this.treeLabels(rows).evaluateAll((els) => els.map((e) => e.getAttribute('data-label') ?? ''));
  }

  /** The buttons that expand the collapsed rows among the given rows. */
  expandButtons(rows: Locator = this.rows()): Locator {
    return rows.locator('.gk-tree__chevron.is-collapsed');
  }

  /** Expands a collapsed row. */
  async expand(row: RowRef): Promise<void> {
    await this.expandButtons(this.row(row)).click();
  }

  // ---- what a user does ----

  /** The cell editor, while one is open. */
  get editor(): Locator {
    return this.root.locator('.gk-editor');
  }

  /** Opens the cell's editor with a double click, replaces its text and commits with Enter. */
  async edit(cell: Locator, text: string): Promise<void> {
    await cell.dblclick();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Clicks the cell and types, as in a spreadsheet: typing starts the edit, Enter commits it. */
  async typeInto(cell: Locator, text: string): Promise<void> {
    await cell.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Selects the range between two cells: a click, then a Shift+click. */
  async selectRange(from: Locator, to: Locator): Promise<void> {
    await from.click();
    await to.click({ modifiers: ['Shift'] });
  }

  /** Ctrl+C on the focused cell: the grid copies its range. */
  async copy(): Promise<void> {
    await this.page.keyboard.press('Control+C');
  }

  /** Dispatches a real paste event (DataTransfer text/plain) at the focused cell, as Ctrl+V from a spreadsheet does. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((tsv) => {
      const data = new DataTransfer();
      data.setData('text/plain', tsv);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** The find box above the grid. */
  get filterBox(): Locator {
    return this.root.getByTestId('grid-filter');
  }

  async filter(text: string): Promise<void> {
    await this.filterBox.fill(text);
  }
}

function isLocator(value: RowRef | Locator): value is Locator {
  return typeof value === 'object' && 'locator' in value;
}
