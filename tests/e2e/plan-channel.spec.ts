import { expect, test } from './fixtures';
import { ChannelPlanPage } from './pages/ChannelPlanPage';

// The channel customer plan on the tiny demo region, from the UI: the demo's blank
// areas, pipeline and changes are there; a fill month is set and undone; a month outside
// the plan year is refused and nothing changes; a prospect is signed (the customer turns
// active) and the signing undone in one step; a change is added from its dialog; a
// snapshot shows the plan read-only and keeps it when the working plan changes.

test('plan a blank area, sign a prospect, add a change; bad months refused; a snapshot is frozen', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  const ch = new ChannelPlanPage(page);
  await ch.open();

  // The demo's content: blank areas with plans, a pipeline, planned changes.
  await expect(ch.tile('blank')).toContainText('空白區域');
  await expect(ch.fills.rows().first()).toBeVisible();
  await expect(ch.pipeline.column('stage').filter({ hasText: '簽約' }).first()).toBeVisible();
  await expect(ch.pipeline.column('stage').filter({ hasText: '放棄' })).toHaveCount(1);
  await expect(ch.changes.rows()).not.toHaveCount(0);

  // A month outside the plan year (2027) is refused and the cell keeps its month.
  const month = ch.fills.cell(0, 'fillPeriod');
  const before = (await month.textContent()) ?? '';
  await ch.fills.typeInto(month, '2026-05');
  await expect(ch.problems).toContainText('不在計劃年度 2027 內');
  await ch.problems.getByRole('button').click();
  await expect(month).toHaveText(before);

  // A month of the plan year is taken, as one undo step.
  await ch.fills.typeInto(month, '11');
  await expect(month).toHaveText('2027-11');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改空白區域填補計劃/);
  await workspace.undoButton.click();
  await expect(month).toHaveText(before);

  // Sign a prospect that is still being talked to: the customer becomes active; one undo takes both back.
  const talking = ch.pipeline.row({ colId: 'stage', text: '意向' }).first();
  await expect(talking).toBeVisible();
  const rowId = (await talking.getAttribute('row-id'))!;
  await ch.pipeline.cell({ id: rowId }, 'stage').click();
  await ch.button('channel-pipeline-sign').click();
  await expect(ch.pipeline.cell({ id: rowId }, 'stage')).toHaveText('簽約');
  await expect(ch.pipeline.cell({ id: rowId }, 'status')).toHaveText('合作中');
  await workspace.undoButton.click();
  await expect(ch.pipeline.cell({ id: rowId }, 'stage')).toHaveText('意向');
  await expect(ch.pipeline.cell({ id: rowId }, 'status')).toHaveText('准客戶');

  // Add a planned termination from the dialog.
  const changes = await ch.changes.rows().count();
  await ch.button('channel-changes-add').click();
  await page.getByTestId('channel-changes-add-kind').selectOption('terminate');
  await page.getByTestId('channel-changes-add-month').selectOption('9');
  await ch.button('channel-changes-add-ok').click();
  await expect(ch.changes.rows()).toHaveCount(changes + 1);
  await expect(ch.changes.column('kind').filter({ hasText: '淘汰' })).not.toHaveCount(0);

  // A snapshot, taken on the targets page: shown read-only, with the plan as it was when taken.
  await workspace.nav('targets').click();
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('報總部 2026-12-20');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await ch.open();
  await ch.fills.typeInto(month, '12');
  await expect(month).toHaveText('2027-12');
  await ch.chooseVersion('報總部 2026-12-20');
  await expect(ch.readOnlyNote).toContainText('快照');
  await expect(ch.panel).toHaveAttribute('data-editable', 'false');
  await expect(ch.button('channel-fills-add')).toHaveCount(0);
  await expect(ch.fills.cell(0, 'fillPeriod')).toHaveText(before);
});
