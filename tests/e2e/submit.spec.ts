import { existsSync, readFileSync } from 'node:fs';
import type { CheckResult } from '../../src/shared/submit';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { GridModel } from './pages/GridModel';
import { SubmitPage, planToHeadOffice } from './pages/SubmitPage';

// 報送總部 through the web host: the check blocks the submit button while it lists
// errors; once the plan is fixed, a submission takes the snapshot and writes the package
// and the workbook into the host's exports folder; the history lists it; a second
// submission replaces the first and the changes between them are shown by dimension.

interface Version { id: number; kind: string }

test('the check blocks the submission until the plan is fixed; then the package and the workbook are written and logged', async ({ start, workspace, page, host }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await workspace.nav('submit').click();
  const submit = new SubmitPage(page);
  await submit.expectLoaded();

  // The installation's key is shown, for head office to pin.
  await expect(submit.signer.locator('code')).not.toHaveText('…');
  await expect(page.getByTestId('submit-history-empty')).toBeVisible();
  await expect(page.getByTestId('submit-changes-empty')).toBeVisible();

  // The demo region's working plan is not head office's yet: the check lists errors and the button waits.
  const before = await invoke<CheckResult>(page, 'submit.check', {});
  if (before.errors > 0) {
    await expect(submit.blocked).toBeVisible();
    await expect(submit.button).toBeDisabled();
  }

  // The manager fixes what it lists (here: the plan on head office's target, month by month).
  await planToHeadOffice(page);
  const after = await invoke<CheckResult>(page, 'submit.check', {});
  expect(after.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  // The plan was changed behind the page's back: load the page again.
  await page.reload();
  await start.expectState('workspace');
  await workspace.nav('submit').click();
  await submit.expectLoaded();
  await expect(submit.blocked).toBeHidden();

  const first = await submit.submit();
  expect(first.confirmText).toMatch(/報總部 第1版 \d{4}-\d{2}-\d{2}/);
  expect(first.packagePath).toMatch(/第1版\.rplanpkg$/);
  expect(first.workbookPath).toMatch(/第1版\.xlsx$/);
  expect(first.packagePath.startsWith(host.workspace)).toBe(true);
  expect(existsSync(first.packagePath) && existsSync(first.workbookPath)).toBe(true);
  expect(readFileSync(first.packagePath).subarray(0, 2).toString()).toBe('PK');
  await expect(submit.historyRow(1)).toContainText('報總部 第1版');
  // One submission: the changes are the working plan's against it (none yet).
  await expect(page.getByTestId('submit-changes-between')).toContainText('報總部 第1版');

  // A second submission, after the plan moved up 0.5% (inside head office's 1% tolerance):
  // revision 2, replacing 1; the changes between them. The plan changed behind the page's back.
  await planToHeadOffice(page, 1.005);
  await page.reload();
  await start.expectState('workspace');
  await workspace.nav('submit').click();
  await submit.expectLoaded();
  const second = await submit.submit();
  expect(second.packagePath).toMatch(/第2版\.rplanpkg$/);
  await expect(submit.historyRow(2)).toContainText('報總部 第2版');
  await expect(submit.historyRow(2)).toContainText('第 1 版');
  await expect(page.getByTestId('submit-changes-between')).toContainText('報總部 第2版');
  const total = page.getByTestId('submit-changes-total');
  await expect(total).toContainText('+');
  await page.getByTestId('submit-changes-by').locator('[data-value="month"]').click();
  await expect(page.getByTestId('submit-changes-targets').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByTestId('submit-changes-chapters').locator('tbody tr').first()).toBeVisible();
});

test('去修改 opens the place a finding names: the written section\'s tab, the item\'s split, the SKU\'s row; one rule\'s many findings fold', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await start.demoButton.click();
  await start.expectState('workspace');
  // 5% above head office's target, every month: 24 findings of one rule (amount and volume).
  await planToHeadOffice(page, 1.05);
  // Three things the manager still has to do: a written section left empty, an advertising
  // item whose budget is not split, a SKU discontinued that the plan still targets.
  await invoke(page, 'plan.written.save', { section: 'monitoring', doc: { type: 'doc', blocks: [] } });
  const items = await invoke<{ id: number; code: string; leaf: boolean }[]>(page, 'expenses.items', {});
  const item = items.find((i) => i.code === 'ADV-MEDIA' && i.leaf)!;
  await invoke(page, 'expenses.setCells', { edits: [{ itemId: item.id, period: 'year', value: 1_200_000_00 }], label: 'edit' });
  const split = await invoke<{ splits: { dimension: string }[] }>(page, 'expenses.split', { itemId: item.id });
  for (const s of split.splits) await invoke(page, 'expenses.setSplit', { itemId: item.id, dimension: s.dimension, mode: 'ratio', entries: [] });
  const skus = await invoke<{ rows: Record<string, unknown>[] }>(page, 'master.list', { entity: 'sku' });
  const sold = await invoke<{ nodes: { path: number[]; months: number[] }[] }>(page, 'targets.tree', {
    versionId: (await invoke<Version[]>(page, 'targets.versions', {})).find((v) => v.kind === 'working')!.id,
    levels: ['sku'], measure: 'amount', parent: null,
  });
  const skuId = sold.nodes.find((n) => n.months.some((v) => v > 0))!.path[0];
  const sku = skus.rows.find((r) => r.id === skuId)!;
  await invoke(page, 'master.apply', { entity: 'sku', rows: [{ ...sku, status: 'discontinued' }], label: 'edit' });
  // The file changed behind the page's back: load it again.
  await page.reload();
  await start.expectState('workspace');

  const finding = (rule: string) => page.locator(`[data-testid="submit-check-finding"][data-rule="${rule}"]`).first();
  const goSubmit = async () => {
    await workspace.nav('submit').click();
    await new SubmitPage(page).expectLoaded();
  };

  await goSubmit();
  // One rule's many findings fold after three, and open on request.
  const gaps = page.locator('[data-testid="submit-check-finding"][data-rule="hoGapMonth"]');
  await expect(gaps).toHaveCount(3);
  const more = page.locator('[data-testid="submit-check-more"][data-rule="hoGapMonth"]');
  await expect(more).toHaveText('另有 21 條同類問題');
  await more.click();
  await expect(gaps).toHaveCount(24);
  await finding('writtenEmpty').getByRole('button').click();
  await expect(page.getByTestId('plan-area')).toHaveAttribute('data-tab', 'written');

  await goSubmit();
  await finding('expenseNotSplit').getByRole('button').click();
  await expect(page.getByTestId('expenses-area')).toHaveAttribute('data-tab', 'budget');
  await expect(page.getByTestId('eb-split-item')).toHaveValue(String(item.id));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('eb-split-dialog')).toBeHidden();

  await goSubmit();
  await page.locator('[data-testid="submit-check-finding"][data-rule="discontinuedSku"]', { hasText: String(sku.code) }).getByRole('button').click();
  await expect(page.locator('.workspace__main')).toHaveAttribute('data-area', 'targets');
  // The grid shows SKUs at the top level, the discontinued one's row focused.
  const grid = GridModel.byTestId(page, 'targets-grid');
  await expect(grid.cell({ id: `n:${skuId}` }, 'label')).toHaveClass(/ag-cell-focus/);

  // Chosen from the side navigation, an area opens as it was, not at the last finding's place.
  await workspace.nav('plan').click();
  await expect(page.getByTestId('plan-area')).toHaveAttribute('data-tab', 'channel');
});
