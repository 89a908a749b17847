import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { invoke } from './api';
import { GridModel } from './pages/GridModel';
import { seedPlan } from './pages/WorkspacePage';

// Screenshots for a human to look at (the start screen, and the overview with the
// demo data in 繁體 and in English), at a laptop's 1440×900. Not a visual
// regression test: it only runs when REGIONPLAN_SHOTS names a folder.
//   REGIONPLAN_SHOTS=/tmp/shots npx playwright test screenshots

const SHOTS = process.env.REGIONPLAN_SHOTS;

test.describe('screenshots', () => {
  test.skip(!SHOTS, 'set REGIONPLAN_SHOTS=<folder> to write the review screenshots');
  // The region a first-time user opens; REGIONPLAN_SHOTS_DEMO=tiny for a quick look.
  test.use({ demoSize: process.env.REGIONPLAN_SHOTS_DEMO === 'tiny' ? 'tiny' : 'typical' });

  test('dialogs: new region, open, error', async ({ host, start, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await writeFile(join(host.workspace, 'broken.rplan'), 'junk');
    await start.openNewDialog();
    await start.fillNewRegion({ name: '', year: 1999 });
    await start.submitNewRegion();
    await expect(start.fieldError('regionName')).toBeVisible();
    await page.screenshot({ path: join(dir, 'dialog-new-region.png') });
    await page.keyboard.press('Escape');
    await start.createRegion({ name: '華北大區', year: 2027 });
    await page.getByTestId('close-file').click();
    await start.expectState('start');
    await start.openButton.click();
    await expect(start.openDialog).toBeVisible();
    await page.screenshot({ path: join(dir, 'dialog-open.png') });
    await start.browseEntry('broken.rplan').getByRole('button').click();
    await expect(start.errorDialog).toBeVisible();
    await page.screenshot({ path: join(dir, 'dialog-error.png') });
  });

  test('start screen and demo overview', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    await expect(start.heading).toBeVisible();
    await page.screenshot({ path: join(dir, 'start-zh-Hant.png') });

    await start.demoButton.click();
    await start.expectState('workspace');
    await workspace.expectOverviewLoaded();
    await expect(workspace.chart).toHaveAttribute('data-rendered', 'true');
    await workspace.closeFile();
    await page.screenshot({ path: join(dir, 'start-recent-zh-Hant.png') });
    await start.openRecent('華東大區');
    await workspace.expectOverviewLoaded();
    await expect(workspace.chart).toHaveAttribute('data-rendered', 'true');
    await page.screenshot({ path: join(dir, 'overview-demo-zh-Hant.png') });

    // A tooltip with exact figures.
    const box = await workspace.chart.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.6);
      await page.screenshot({ path: join(dir, 'overview-demo-tooltip-zh-Hant.png') });
    }

    await workspace.setLanguage('en');
    await page.mouse.move(0, 0);
    await expect(workspace.nav('overview')).toContainText('Overview');
    await expect(workspace.chart).toHaveAttribute('data-rendered', 'true');
    await page.screenshot({ path: join(dir, 'overview-demo-en.png') });

    await workspace.setLanguage('zh-Hans');
    await expect(workspace.nav('overview')).toContainText('总览');
    await expect(workspace.chart).toHaveAttribute('data-rendered', 'true');
    await page.screenshot({ path: join(dir, 'overview-demo-zh-Hans.png') });

  });
  test('targets: the plan spread from head office\'s target', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await start.demoButton.click();
    await start.expectState('workspace');
    await workspace.nav('targets').click();
    const targets = page.getByTestId('targets-page');
    await expect(targets).toHaveAttribute('data-loaded', 'true');
    await page.getByTestId('targets-hierarchy').selectOption('geo');
    if ((await targets.getAttribute('data-seeded')) === 'false') {
      await page.getByTestId('targets-seed-method').selectOption('lastYear');
      await page.getByTestId('targets-seed-button').click();
      await expect(targets).toHaveAttribute('data-seeded', 'true');
    }
    const grid = GridModel.byTestId(page, 'targets-grid');
    // Provinces and cities shown, customers folded: the view a manager presents from.
    await page.getByRole('button', { name: '全部收起' }).click();
    for (let i = 0; i < 10; i++) {
      const folded = grid.expandButtons(grid.rowsWithClass('tg-row--region', 'tg-row--d0')).first();
      if (!(await folded.count())) break;
      await folded.click();
    }
    const cities = grid.rowsWithClass('tg-row--d1');
    await expect(cities.first()).toBeVisible();
    await grid.cell(cities, 'year').first().click();
    await page.keyboard.press('Control+Home');
    await expect(grid.rowsWithClass('tg-row--region')).toBeVisible();
    await page.screenshot({ path: join(dir, 'targets-zh-Hant.png') });
  });
  test('actuals: the sales grid and its import batches', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace');
    await workspace.nav('actuals').click();
    await expect(page.getByTestId('actuals-count')).toBeVisible();
    await expect(page.getByTestId('actuals-totals')).toBeVisible();
    await page.screenshot({ path: join(dir, 'actuals-zh-Hant.png') });
    await page.getByTestId('actuals-batches-button').click();
    await expect(page.getByTestId('actuals-batch').first()).toBeVisible();
    await page.screenshot({ path: join(dir, 'actuals-batches-zh-Hant.png') });
  });
  test('analysis: sales by city, terminals against competitors, the blank-area map', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace');
    await workspace.nav('analysis').click();
    await page.getByTestId('analysis-by').selectOption('city');
    await expect(page.getByTestId('analysis-sales')).toHaveAttribute('data-by', 'city');
    await expect(page.getByTestId('analysis-chart')).toHaveAttribute('data-rendered', 'true');
    await page.screenshot({ path: join(dir, 'analysis-sales-zh-Hant.png') });
    await page.getByTestId('analysis-tab-terminals').click();
    await expect(page.getByTestId('analysis-terminals').locator('[data-rendered="true"]').first()).toBeVisible();
    await page.screenshot({ path: join(dir, 'analysis-terminals-zh-Hant.png') });
    await page.getByTestId('analysis-tab-customers').click();
    await expect(page.getByTestId('customers-pareto')).toHaveAttribute('data-rendered', 'true');
    const map = page.getByTestId('customers-map');
    await map.scrollIntoViewIfNeeded();
    await expect(map).toHaveAttribute('data-rendered', 'true');
    await page.screenshot({ path: join(dir, 'analysis-map-zh-Hant.png') });
  });
  test('expenses: the budget spread by an expense ratio', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace');
    // The ratio needs a sales target: the plan spread by last year, as the targets shot does.
    await workspace.nav('targets').click();
    await seedPlan(page);
    await workspace.nav('expenses').click();
    const panel = page.getByTestId('expenses-panel-budget');
    await expect(panel).toHaveAttribute('data-loaded', 'true');
    await page.getByTestId('eb-ratio').fill('6');
    const revision = Number(await panel.getAttribute('data-revision'));
    await page.getByTestId('eb-spread').click();
    await expect(panel).not.toHaveAttribute('data-revision', String(revision));
    await page.getByTestId('eb-cap').fill('6.5');
    await page.getByTestId('eb-cap').blur();
    await page.screenshot({ path: join(dir, 'expenses-zh-Hant.png') });
  });
  test('submit: the pre-submission check with what is left to fix', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace', 180_000);
    // A plan half done: spread from last year's sales, head office's target not yet met.
    await workspace.nav('targets').click();
    await seedPlan(page);
    // Two things left for later: the monitoring section, and how the media budget splits.
    await invoke(page, 'plan.written.save', { section: 'monitoring', doc: { type: 'doc', blocks: [] } });
    const items = await invoke<{ id: number; code: string }[]>(page, 'expenses.items', {});
    const media = items.find((i) => i.code === 'ADV-MEDIA')!;
    await invoke(page, 'expenses.setCells', { edits: [{ itemId: media.id, period: 'year', value: 1_800_000_00 }], label: 'edit' });
    await page.reload();
    await start.expectState('workspace');
    await workspace.nav('submit').click();
    await expect(page.getByTestId('submit-check-warnings')).toBeVisible();
    await page.screenshot({ path: join(dir, 'submit-zh-Hant.png') });
  });
  test('review: the deck arranged for the meeting', async ({ start, workspace, page }) => {
    const dir = SHOTS as string;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await start.demoButton.click();
    await start.expectState('workspace', 180_000);
    await workspace.nav('review').click();
    const area = page.getByTestId('review-area');
    await expect(area.getByTestId('slide-item').first()).toBeVisible();
    // The contents hidden, the sales slide picked: the editor as a manager leaves it.
    await area.locator('[data-testid="slide-item"][data-key="review.contents"]').getByTestId('slide-toggle-hidden').click();
    await expect(area).toHaveAttribute('data-pending', 'false');
    await area.locator('[data-testid="slide-item"][data-key="review.sales.byMonth"]').getByTestId('slide-pick').click();
    await expect(area.getByTestId('slide-preview').locator('[role="img"][data-rendered="true"]').first()).toBeVisible();
    await page.screenshot({ path: join(dir, 'review-zh-Hant.png') });
  });
});
