import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import type { Board } from '../../src/shared/hq';
import type { TargetGridRow, TerminalChannelView } from '../../src/shared/hqTargets';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { demoRegion, packageOf, plannedSource, type PackageSource } from './hqPackages';
import { createWorkspace, receiveInWindow } from './pages/HqPage';
import { GridModel } from './pages/GridModel';
import { shot } from './shots';

// Head office types and pastes its national target in the window (總部目標), and sees the
// board's plan against target follow; a paste with a bad cell is refused whole, naming
// the cell; 終端與渠道 sums the received regions' terminal and channel plans.

let src: PackageSource;
test.beforeAll(async () => {
  src = await plannedSource();
});
test.afterAll(() => src?.dispose());


const gapText = (plan: number, target: number) => {
  const g = (plan - target) / target;
  return `${g > 0 ? '+' : g < 0 ? '−' : ''}${(Math.abs(g) * 100).toFixed(1)}%`;
};
const boardGap = (page: Page, region: string) => page.locator(`[data-testid="hq-board-row"][data-region="${region}"]`).getByTestId('hq-board-gap');

test('head office types and pastes its target, the board follows, a bad paste is refused whole; the terminal and channel plans are summed', async ({ host, start, page }) => {
  test.setTimeout(180_000);
  const east = demoRegion(src, '華東大區');
  const south = demoRegion(src, '華南大區');
  await packageOf(src, east, { revision: 1, out: join(host.workspace, '華東大區-r1.rplanpkg') });
  await packageOf(src, south, { revision: 1, out: join(host.workspace, '華南大區-r1.rplanpkg') });

  await expect(start.root).toBeVisible();
  await createWorkspace(page, ['華東大區', '華南大區', '華北大區']);
  await receiveInWindow(page, ['華東大區-r1.rplanpkg', '華南大區-r1.rplanpkg'], { close: true });
  await expect(boardGap(page, '華東大區')).toHaveText('—');
  const plan = (await invoke<Board>(page, 'hq.board', {})).regions.find((r) => r.regionName === '華東大區')!.planCents;

  // 總部目標: east's year total typed, as the plan is (in 萬元): the board's gap is nil.
  await page.getByTestId('hq-tab-targets').click();
  const grid = GridModel.byTestId(page, 'hq-targets-grid');
  await expect(grid.rows()).toHaveCount(3);
  await grid.typeInto(grid.cell(0, 'year'), String(plan / 1_000_000));
  await expect(grid.cell(0, 'gap')).toHaveText('0.0%');
  let targets = await invoke<TargetGridRow[]>(page, 'hq.targetGrid', {});
  expect(targets[0].amountCents.reduce((a, b) => a + b, 0)).toBe(plan);
  await shot(page, 'hqtargets-grid-zh-Hant');
  await page.getByTestId('hq-tab-board').click();
  await expect(boardGap(page, '華東大區')).toHaveText('0.0%');

  // A 2 × 3 block pasted from Excel at east's January: separators and 萬 as a spreadsheet gives them.
  await page.getByTestId('hq-tab-targets').click();
  await grid.cell(0, 'm1').click();
  await grid.paste('1,200\t1,300\t1,400\r\n850\t900.5\t0.1億\r\n');
  await expect(grid.cell(1, 'm3')).toHaveText('1,000.00');
  targets = await invoke<TargetGridRow[]>(page, 'hq.targetGrid', {});
  expect(targets[0].amountCents.slice(0, 3)).toEqual([12_000_000_00, 13_000_000_00, 14_000_000_00]);
  expect(targets[1].amountCents.slice(0, 3)).toEqual([8_500_000_00, 9_005_000_00, 10_000_000_00]);
  const eastTarget = targets[0].amountCents.reduce((a, b) => a + b, 0);
  expect(eastTarget).not.toBe(plan);
  await page.getByTestId('hq-tab-board').click();
  await expect(boardGap(page, '華東大區')).toHaveText(gapText(plan, eastTarget));

  // A paste with one bad cell: refused whole, the cell named, nothing written.
  await page.getByTestId('hq-tab-targets').click();
  await grid.cell(0, 'm7').click();
  await grid.paste('100\t200\r\n300\tabc\r\n');
  const problems = page.getByTestId('grid-problems');
  await expect(problems).toBeVisible();
  await expect(problems.getByTestId('grid-problem')).toHaveCount(1);
  await expect(problems.getByTestId('grid-problem')).toContainText('第 2 行「8月」');
  await expect(problems.getByTestId('grid-problem')).toContainText('華南大區');
  await shot(page, 'hqtargets-refused-zh-Hant');
  await problems.getByRole('button').first().click();
  expect(await invoke<TargetGridRow[]>(page, 'hq.targetGrid', {})).toEqual(targets);

  // Volume: its own block of the same grid.
  await page.getByTestId('hq-targets-measure').locator('[data-value="volume"]').click();
  await expect(page.getByTestId('hq-targets')).toHaveAttribute('data-measure', 'volume');
  await grid.typeInto(grid.cell(2, 'm12'), '4,500');
  await expect(grid.cell(2, 'm12')).toHaveText('4,500');
  targets = await invoke<TargetGridRow[]>(page, 'hq.targetGrid', {});
  expect(targets[2].volume[11]).toBe(4500);
  expect(targets[2].amountCents[11]).toBe(0);

  // 終端與渠道: the national line is the two regions', each the region file's own.
  const db = new Database(src.path, { readonly: true });
  const storesEach = db.prepare(`SELECT COUNT(*) FROM terminal WHERE status = 'active'`).pluck().get() as number;
  const toOpenEach = db.prepare('SELECT COALESCE(SUM(stores), 0) FROM terminal_open_plan WHERE version_id = ?').pluck().get(src.snapshotId) as number;
  const distributorsEach = db.prepare(`SELECT COUNT(*) FROM customer WHERE status = 'active' AND tier = 'distributor'`).pluck().get() as number;
  db.close();
  expect(storesEach).toBeGreaterThan(0);
  await page.getByTestId('hq-tab-terminals').click();
  const rows = page.getByTestId('hq-terminals-row');
  await expect(rows).toHaveCount(3);
  const fmt = (n: number) => n.toLocaleString('en-US');
  await expect(rows.nth(0)).toContainText('全國合計');
  await expect(rows.nth(0).getByTestId('hq-terminals-stores')).toHaveText(fmt(2 * storesEach));
  await expect(rows.nth(0).getByTestId('hq-terminals-open')).toHaveText(fmt(2 * toOpenEach));
  const customers = page.getByTestId('hq-channel-row');
  await expect(customers).toHaveCount(3);
  await expect(customers.nth(0).locator('[data-measure="distributors"]')).toHaveText(fmt(2 * distributorsEach));
  await expect(customers.nth(2).locator('[data-measure="distributors"]')).toHaveText(fmt(distributorsEach));
  await expect(rows.nth(1).getByTestId('hq-terminals-stores')).toHaveText(fmt(storesEach));
  const view = await invoke<TerminalChannelView>(page, 'hq.terminalChannel', {});
  expect(view.national.distribution).toBeCloseTo(view.regions[0].distribution!, 12);
  await expect(page.getByTestId('hq-terminals-kpi-distribution')).toContainText('%');
  await shot(page, 'hqtargets-terminals-zh-Hant');

  for (const language of ['zh-Hans', 'en'] as const) {
    await page.getByTestId('language-switcher').locator(`[data-value="${language}"]`).click();
    await expect(rows.nth(0)).toContainText(language === 'en' ? 'National total' : '全国合计');
    await shot(page, `hqtargets-terminals-${language}`);
    await page.locator('.hq__main').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await shot(page, `hqtargets-terminals-${language}-end`);
    await page.getByTestId('hq-tab-targets').click();
    await expect(grid.rows()).toHaveCount(3);
    await shot(page, `hqtargets-grid-${language}`);
    await page.getByTestId('hq-tab-terminals').click();
  }
});
