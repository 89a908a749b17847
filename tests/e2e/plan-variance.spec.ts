import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { VarianceLogPage } from './pages/VarianceLogPage';
import { shot } from './shots';

// 差異分析 on the tiny demo region: a note recorded from the sales analysis (a city's
// bar or row) shows as a marker there and in the variance log with its gap; an action is
// linked and undone; an empty note is refused; a note recorded from a target grid cell
// marks the cell; a snapshot shows the notes frozen.

test('a note from the sales analysis: marker, log, linked action, undo, refusal', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  const log = new VarianceLogPage(page);

  // The demo's own notes are in the log, two of them with actions.
  await log.open(workspace);
  await expect(log.rows).toHaveCount(5);
  await expect(page.getByTestId('vl-action')).toHaveCount(2);
  await shot(page, 'plan-variance-log.png');

  await workspace.nav('analysis').click();
  await page.getByTestId('analysis-by').selectOption('city');
  await expect(page.getByTestId('analysis-chart')).toHaveAttribute('data-rendered', 'true');
  // A city without a note yet: pick it (as a click on its bar does), record why.
  const row = page.locator('[data-testid="analysis-row"]:not(:has([data-testid="variance-marker"]))').first();
  const city = (await row.getAttribute('data-label'))!;
  const actual = (await row.getAttribute('data-actual'))!;
  await row.click();
  await page.getByTestId('analysis-record-variance').click();
  await expect(log.dialog.getByTestId('vn-slice')).toHaveText(city);
  await expect(log.dialog.getByTestId('vn-kind')).toHaveValue('year');
  await log.fillNote('競品活動', '競品進場買一送一');
  await expect(log.dialog).toBeHidden();
  const marked = page.locator(`[data-testid="analysis-row"][data-label="${city}"]`);
  await expect(marked.getByTestId('variance-marker')).toHaveText('1');

  // In the log: its slice, cause and the same actual as the analysis.
  await log.open(workspace);
  const note = log.row('競品進場買一送一');
  await expect(note).toHaveCount(1);
  await expect(note.locator('[data-col="slice"]')).toHaveText(city);
  await expect(note.locator('[data-col="cause"]')).toHaveText('競品活動');
  await expect(note).toHaveAttribute('data-actual', actual);

  // Link an action; the note shows its status; undo takes the link back.
  await note.getByTestId('vl-link').selectOption({ index: 1 });
  await expect(note.getByTestId('vl-action')).toHaveCount(1);
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /連結行動到差異備註/);
  await workspace.undoButton.click();
  await expect(note.getByTestId('vl-action')).toHaveCount(0);

  // A note with neither a cause nor a text is refused, and nothing is added.
  await page.getByTestId('vl-add').click();
  await log.dialog.getByTestId('vn-save').click();
  await expect(log.dialog.getByTestId('vn-error')).toHaveText('請選一個原因或填寫說明。');
  await log.dialog.getByTestId('vn-cancel').click();
  await expect(log.rows).toHaveCount(6);

  // Edit the note: another cause; one undo step puts the first one back.
  await note.getByTestId('vl-edit').click();
  await log.fillNote('價格', '競品進場買一送一，我方同時提價');
  const edited = log.row('競品進場買一送一，我方同時提價');
  await expect(edited.locator('[data-col="cause"]')).toHaveText('價格');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改差異備註/);
  await workspace.undoButton.click();
  await expect(log.row('競品進場買一送一').locator('[data-col="cause"]')).toHaveText('競品活動');
});

const targets = (page: Page) => GridModel.byTestId(page, 'targets-grid');

test('a note from a target grid cell marks the cell; a snapshot keeps the notes frozen', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('targets').click();
  const targetsPage = page.getByTestId('targets-page');
  await expect(targetsPage).toHaveAttribute('data-loaded', 'true');
  if ((await targetsPage.getAttribute('data-seeded')) === 'false') {
    await page.getByTestId('targets-seed-value').fill('5000');
    await page.getByTestId('targets-seed-button').click();
    await expect(targetsPage).toHaveAttribute('data-seeded', 'true');
  }
  const grid = targets(page);
  const province = await grid.labelOf(grid.rowsWithClass('tg-row--d0'));
  const idx = await grid.rowIndexOf(province);
  const cell = grid.cell(idx, 'm3');
  await expect(page.getByTestId('targets-record-variance')).toBeDisabled();
  await cell.click();
  await page.getByTestId('targets-record-variance').click();
  const log = new VarianceLogPage(page);
  await expect(log.dialog.getByTestId('vn-slice')).toHaveText(province);
  await expect(log.dialog.getByTestId('vn-month')).toHaveValue('3');
  await log.fillNote('鋪貨', '三月新店鋪貨延遲');
  await expect(cell).toHaveClass(/vn-marked/);

  // The log gives the plan and the gap of that cell's slice and month.
  await log.open(workspace);
  const note = log.row('三月新店鋪貨延遲');
  await expect(note.locator('[data-col="slice"]')).toHaveText(province);
  expect(Number(await note.getAttribute('data-gap'))).toBeLessThan(0);

  // A snapshot of the working plan: the same notes, read-only.
  await workspace.nav('targets').click();
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('上報版');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);
  await page.getByTestId('versions-close').click();
  await log.open(workspace);
  const snapshotId = await page.locator('[data-testid="vl-version"] option', { hasText: '上報版' }).getAttribute('value');
  await page.getByTestId('vl-version').selectOption(snapshotId ?? '');
  await expect(log.panel).toHaveAttribute('data-frozen', 'true');
  await expect(page.getByTestId('vl-frozen')).toBeVisible();
  await expect(log.row('三月新店鋪貨延遲')).toHaveCount(1);
  await expect(page.getByTestId('vl-add')).toHaveCount(0);
  await expect(page.getByTestId('vl-remove')).toHaveCount(0);
});
