import { expect, test } from './fixtures';

// (b) The UI language: 繁體 by default, switched to 简体 and English and back, and
// remembered by the host across a reload.

test('switch the language and keep it after a reload', async ({ start, page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(start.newButton).toContainText('新建區域文件');

  await start.setLanguage('zh-Hans');
  await expect(start.newButton).toContainText('新建区域文件');
  await expect(start.openButton).toContainText('打开文件');
  await expect(start.heading).toHaveText('区域经理的年度总结与计划工作台');

  await start.setLanguage('en');
  await expect(start.newButton).toContainText('New region file');
  await expect(start.demoButton).toContainText('Open the demo region');

  await page.reload();
  await start.waitUntilSettled();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(start.newButton).toContainText('New region file');

  await start.setLanguage('zh-Hant');
  await expect(start.newButton).toContainText('新建區域文件');
  await page.reload();
  await start.waitUntilSettled();
  await expect(start.newButton).toContainText('新建區域文件');
});

test('the workspace follows the language too', async ({ start, workspace, page }) => {
  await start.createRegion({ name: 'East China', year: 2027 });
  await workspace.expectOverviewLoaded();
  await expect(workspace.nav('overview')).toContainText('總覽');

  await workspace.setLanguage('en');
  await expect(workspace.nav('overview')).toContainText('Overview');
  await expect(workspace.nav('actuals')).toContainText('Actuals & market data');
  await expect(workspace.chartEmpty).toContainText('No sales actuals yet');
  await expect(workspace.savedIndicator).toHaveText('All changes are saved automatically');

  await workspace.setLanguage('zh-Hans');
  await expect(workspace.nav('overview')).toContainText('总览');
  await expect(page.getByTestId('unit-switcher').locator('[data-value="wan"]')).toHaveText('万元');
});
