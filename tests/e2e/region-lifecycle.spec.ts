import { expect, test } from './fixtures';

// (a) Create a region, edit it, undo and redo, close it, and find it again in the
// recent files with the data still there: the file is the save.

test('create a region, edit and undo the manager, close and reopen it from the recent files', async ({ start, workspace, page }) => {
  await expect(start.heading).toBeVisible();

  // The form says what is wrong, inline, before anything is created.
  await start.openNewDialog();
  // Plan year defaults to next year.
  await expect(start.newDialog.locator('input[name="planYear"]')).toHaveValue(String(new Date().getFullYear() + 1));
  await start.fillNewRegion({ name: '   ', year: 1999 });
  await start.submitNewRegion();
  await expect(start.fieldError('regionName')).toHaveText('請填寫區域名稱。');
  await expect(start.fieldError('planYear')).toContainText('2000');
  await start.expectState('start');

  await start.fillNewRegion({ name: '華南大區', year: 2027, unit: 'yuan' });
  await start.submitNewRegion();
  await start.expectState('workspace');

  await expect(workspace.regionTitle).toHaveText('華南大區');
  await expect(workspace.yearTitle).toContainText('2027');
  await expect(page).toHaveTitle('華南大區 2027 — RegionPlan');
  await workspace.expectOverviewLoaded();
  await expect(workspace.count('provinces')).toHaveText('0');
  await expect(workspace.chartEmpty).toBeVisible();
  await expect(workspace.statusPath).toContainText('.rplan');
  await expect(workspace.savedIndicator).toHaveText('所有更改已自動保存');
  await expect(page.getByTestId('unit-switcher').locator('[data-value="yuan"]')).toHaveAttribute('aria-checked', 'true');
  await expect(workspace.undoButton).toBeDisabled();

  // One edit = one undo step, committed at once.
  await workspace.editProfile('managerName', '王小明');
  await expect(workspace.savedIndicator).toContainText('已保存');
  await expect(workspace.undoButton).toBeEnabled();
  await expect(workspace.undoButton).toHaveAttribute('aria-label', '撤銷：修改區域資料');

  await workspace.undoButton.click();
  await expect(workspace.profileField('managerName')).toHaveValue('');
  await expect(workspace.redoButton).toBeEnabled();

  await workspace.redoButton.click();
  await expect(workspace.profileField('managerName')).toHaveValue('王小明');

  // The keyboard does the same (outside a text field).
  await workspace.regionTitle.click();
  await page.keyboard.press('Control+Z');
  await expect(workspace.profileField('managerName')).toHaveValue('');
  await page.keyboard.press('Control+Y');
  await expect(workspace.profileField('managerName')).toHaveValue('王小明');

  await workspace.nav('review').click();
  await expect(page.getByTestId('review-area')).toContainText('總結與導出');
  await workspace.nav('overview').click();
  await workspace.expectOverviewLoaded();

  await workspace.closeFile();
  await expect(page).toHaveTitle('RegionPlan');

  await expect(start.recentItem('華南大區')).toBeVisible();
  await start.openRecent('華南大區');
  await expect(workspace.regionTitle).toHaveText('華南大區');
  await expect(workspace.profileField('regionName')).toHaveValue('華南大區');
  await expect(workspace.profileField('managerName')).toHaveValue('王小明');
});
