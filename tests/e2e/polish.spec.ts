import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { MasterDataPage } from './pages/MasterDataPage';
import { seedPlan } from './pages/WorkspacePage';

// What the screen shows, in every unit and language: figures never cut, empty grids
// that say what to do, default expense items in the UI's language, a navigation
// without meaningless marks, the unit picker's hint, and chart PNGs with a title.

test.use({ demoSize: 'tiny' });

/** Cells whose text does not fit (cut with "…"), as "text (needs/has px)". */
async function cutCells(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((els) =>
    els
      .map((el) => {
        const value = (el.querySelector('.ag-cell-value, .gk-tree__label') as HTMLElement | null) ?? (el as HTMLElement);
        return value.scrollWidth > value.clientWidth + 1 ? `${(el.textContent ?? '').trim()} (${value.scrollWidth}/${value.clientWidth})` : null;
      })
      .filter((x): x is string => x !== null),
  );
}

test.describe('the typical region', () => {
  // Its region totals run to hundreds of millions of 元: the widest figures the app shows.
  test.use({ demoSize: 'typical' });
  test('targets in 元 and in English: no figure of the grid or the gap strip is cut', async ({ start, workspace, page }) => {
    // The typical region is generated on first use: allow for a busy machine.
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace', 180_000);
    await workspace.setLanguage('en');
    await workspace.setUnit('yuan');
    await workspace.nav('targets').click();
    await seedPlan(page);
    const strip = page.getByTestId('gap-strip');
    await expect(strip).toHaveAttribute('data-loaded', 'true');
    // The strip's table fits the strip: the year column is not pushed out of sight.
    const overflow = await strip.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await cutCells(strip.locator('td, th'))).toEqual([]);
    // The grid: the region row (bold, the largest figures) and every visible row.
    const grid = GridModel.byTestId(page, 'targets-grid');
    await expect(grid.rowsWithClass('tg-row--region')).toBeVisible();
    const numeric = grid.root.locator('.ag-grid-scrolling-rows .ag-row .ag-cell.gk-num');
    await expect(numeric.first()).toBeVisible();
    expect(await cutCells(numeric)).toEqual([]);
  });
});

test('an empty grid says what to do, in the UI\'s language; a search with no match says so', async ({ start, workspace, page }) => {
  await start.createRegion({ name: '華北大區', year: 2027 });
  await workspace.setLanguage('zh-Hans');
  const md = new MasterDataPage(page);
  await md.open('customers');
  const grid = md.grid('customer');
  await expect(grid.root.getByTestId('grid-empty')).toHaveText('还没有渠道客户。点“导入…”从 Excel 或 CSV 导入，或点“添加一行”逐行输入。');
  await expect(grid.root).not.toContainText('No Rows');
  await workspace.setLanguage('en');
  await expect(grid.root.getByTestId('grid-empty')).toContainText('Click “Import…”');
  await md.open('geography');
  await expect(md.grid('geography').root.getByTestId('grid-empty')).toContainText('Add from the national list');

  // Rows that the search filters out: one added channel, searched for a name it does not have.
  await workspace.setLanguage('zh-Hant');
  await md.open('channels');
  await page.getByTestId('md-add-row').click();
  const channels = md.grid('channel');
  await expect(channels.rows()).toHaveCount(1);
  await channels.root.getByTestId('grid-filter').fill('沒有這個名字');
  await expect(channels.root.getByTestId('grid-empty')).toHaveText('沒有符合查找條件的行。清空查找框即可看到全部。');
});

test('the navigation marks no area as still to come', async ({ start, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const nav = page.getByTestId('side-nav');
  await expect(nav.locator('.sidenav__dot')).toHaveCount(0);
  await expect(nav.getByTestId('nav-coming-badge')).toHaveCount(0);
  await expect(nav.locator('.sidenav__item')).toHaveCount(9);
});

test('the default expense items show in the UI\'s language', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('expenses').click();
  await expect(page.getByTestId('expenses-panel-budget')).toHaveAttribute('data-loaded', 'true');
  const grid = GridModel.byTestId(page, 'eb-grid');
  await expect(grid.row('進場費')).toBeVisible();
  await workspace.setLanguage('en');
  await expect(grid.row('Listing fees')).toBeVisible();
  await expect(grid.row('Terminal building')).toBeVisible();
  await expect(grid.root).not.toContainText('進場費');
  await expect(page.getByTestId('eb-measure-TERM').locator('th')).toHaveText('Terminal building');
  await workspace.setLanguage('zh-Hans');
  await expect(grid.row('进场费')).toBeVisible();
});

test('in 億, a grid of small amounts offers 萬元, one click away', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('expenses').click();
  await page.getByTestId('expenses-tab-team').click();
  await expect(page.getByTestId('expenses-panel-team')).toHaveAttribute('data-loaded', 'true');
  await page.getByTestId('team-add-training').click();
  const training = GridModel.byTestId(page, 'team-training-grid');
  await training.typeInto(training.cell(0, 'costCents'), '1.5');
  await expect(training.cell(0, 'costCents')).toHaveText('1.50');
  await expect(page.getByTestId('unit-suggest')).toHaveCount(0);
  await workspace.setUnit('yi');
  await expect(training.cell(0, 'costCents')).toHaveText('0.00');
  await expect(page.getByTestId('unit-suggest')).toHaveText('改用萬元');
  await page.getByTestId('unit-suggest').click();
  await expect(page.getByTestId('unit-switcher').locator('[data-value="wan"]')).toHaveAttribute('aria-checked', 'true');
  await expect(training.cell(0, 'costCents')).toHaveText('1.50');
  await expect(page.getByTestId('unit-suggest')).toHaveCount(0);
});

test('a saved chart PNG carries the chart\'s title above it', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('analysis').click();
  const chart = page.getByTestId('analysis-chart');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  const box = await chart.boundingBox();
  const download = page.waitForEvent('download');
  await page.getByTestId('analysis-save-png').click();
  const png = await readFile(await (await download).path());
  // The PNG's size (IHDR): twice the chart's, plus a 40 px band for the title.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(Math.abs(width - box!.width * 2)).toBeLessThanOrEqual(8);
  expect(Math.abs(height - 80 - box!.height * 2)).toBeLessThanOrEqual(8);
  // The band is not blank: the title is drawn in it (dark pixels on white).
  const dark = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = 80;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, 80).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100) n++;
    return n;
  }, png.toString('base64'));
  expect(dark).toBeGreaterThan(200);
});
