import { expect, test } from './fixtures';
import { IN_RANGE } from './pages/GridModel';
import { MasterDataPage } from './pages/MasterDataPage';

// Master data in the grid kit, on the tiny demo region: paste a block copied from a
// spreadsheet into customers, undo it, reopen the file and redo it; a paste with one
// bad cell applies nothing; deleting a used channel offers to reassign its data.

const FIELDS = ['status', 'creditLimitCents', 'receivableCents'];
// As Excel puts it on the clipboard: \r\n between rows and after the last one.
const BLOCK = '已終止\t12,345.67\t-500\r\n准客戶\t8000\t0\r\n已終止\t1\t2.5\r\n';
const PASTED = [
  ['已終止', '1.23', '-0.05'],
  ['准客戶', '0.80', '0.00'],
  ['已終止', '0.00', '0.00'],
];

test('paste a TSV block into customers, undo it, reopen the file and redo it', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await md.waitLoaded('customer');

  const customers = md.grid('customer');
  const before = await md.cellTexts('customer', [0, 1, 2], FIELDS);
  const applied = await md.recordApplied();

  // First an edit: typing in a cell starts editing it; Enter commits (one undo step).
  await customers.typeInto(md.cell('customer', 5, 'creditLimitCents'), '2500');
  await expect.poll(applied).toBe(1);
  await expect(md.cell('customer', 5, 'creditLimitCents')).toHaveText('0.25');

  await md.cell('customer', 0, 'status').click();
  await customers.paste(BLOCK);
  await expect.poll(applied).toBe(2);
  expect(await md.cellTexts('customer', [0, 1, 2], FIELDS)).toEqual(PASTED);
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /粘貼主數據/);

  // Ctrl+Z in the grid: the file's undo, exactly once (the edit before it stays).
  await md.cell('customer', 1, 'status').click();
  await page.keyboard.press('Control+Z');
  await expect.poll(() => md.cellTexts('customer', [0, 1, 2], FIELDS)).toEqual(before);
  await expect(md.cell('customer', 5, 'creditLimitCents')).toHaveText('0.25');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /修改主數據/);
  await expect(workspace.redoButton).toBeEnabled();

  // The undo log is in the file: close, reopen from the recent list, redo.
  await workspace.closeFile();
  await start.openRecent('華東大區');
  await md.open('customers');
  await md.waitLoaded('customer');
  expect(await md.cellTexts('customer', [0, 1, 2], FIELDS)).toEqual(before);
  await md.cell('customer', 0, 'name').click();
  await page.keyboard.press('Control+Y');
  await expect.poll(() => md.cellTexts('customer', [0, 1, 2], FIELDS)).toEqual(PASTED);
});

test('a paste with one invalid cell applies nothing and names the cell', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await md.waitLoaded('customer');
  const before = await md.cellTexts('customer', [0, 1], FIELDS);

  await md.cell('customer', 0, 'status').click();
  await md.grid('customer').paste('已終止\t100\t0\n准客戶\tabc\t0\n');
  await expect(md.problems).toBeVisible();
  await expect(md.problemItems).toHaveCount(1);
  await expect(md.problemItems.first()).toHaveText('第 2 行「鋪底額度（萬元）」：「abc」不是數字');
  await md.problems.getByRole('button').click();
  expect(await md.cellTexts('customer', [0, 1], FIELDS)).toEqual(before);
  await expect(workspace.undoButton).toBeDisabled();
});

test('deleting a used channel offers to reassign or merge its customers, stores and plan rows', async ({ start, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('channels');
  await md.waitLoaded('channel');
  const name = ((await md.cell('channel', 0, 'name').textContent()) ?? '').trim();
  await md.cell('channel', 0, 'name').click();
  await page.getByTestId('md-delete-rows').click();
  await expect(md.deleteDialog).toBeVisible();
  await expect(md.deleteDialog.getByTestId('md-delete-used')).toBeVisible();
  await expect(md.deleteDialog.getByTestId('md-usage').first()).toContainText(/渠道客戶|終端門店/);

  // Reassign needs a target; then the channel is gone and nothing is orphaned.
  await md.deleteDialog.getByTestId('md-delete-confirm').click();
  await expect(md.deleteDialog.getByTestId('md-delete-error')).toBeVisible();
  // The demo's product plan positions every brand in every channel, so pointing KA's rows at
  // another channel makes twins: reassigning refuses and names the table; merging keeps the
  // target's positioning and adds up what adds up.
  const target = md.deleteDialog.getByTestId('md-target');
  await target.selectOption((await target.locator('option', { hasText: '(HORECA)' }).getAttribute('value')) ?? '');
  await md.deleteDialog.getByTestId('md-delete-confirm').click();
  await expect(md.deleteDialog.getByTestId('md-delete-error')).toContainText('渠道定位');
  await md.deleteDialog.getByTestId('md-mode-merge').check();
  await md.deleteDialog.getByTestId('md-delete-confirm').click();
  await expect(md.deleteDialog).toBeHidden();
  await expect(md.grid('channel').column('name').filter({ hasText: name })).toHaveCount(0);
});

test('fill down, clear, copy and append rows in the grid kit', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await md.waitLoaded('customer');
  const customers = md.grid('customer');
  const applied = await md.recordApplied();
  const copied = await md.recordEvents('regionplan:grid-copied');

  // A range by click and Shift+click; Ctrl+D copies its first row down (one step).
  const first = ((await md.cell('customer', 0, 'receivableCents').textContent()) ?? '').trim();
  await customers.selectRange(md.cell('customer', 0, 'creditLimitCents'), md.cell('customer', 3, 'receivableCents'));
  await expect(md.cell('customer', 2, 'creditLimitCents')).toHaveClass(IN_RANGE);
  await page.keyboard.press('Control+D');
  await expect.poll(applied).toBe(1);
  for (const r of [1, 2, 3]) await expect(md.cell('customer', r, 'receivableCents')).toHaveText(first);
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /向下填充主數據/);

  // Ctrl+C: the range as TSV, numbers unformatted (money in 元).
  await customers.copy();
  await expect.poll(async () => (await copied()).length).toBe(1);
  const text = ((await copied())[0] as { text: string }).text;
  expect(text.split('\r\n')).toHaveLength(4);
  expect(text.split('\r\n')[0].split('\t')).toHaveLength(2);
  // The copy event (Electron's Edit menu) carries the same TSV.
  const viaEvent = await page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
  expect(viaEvent).toBe(text);

  // Shift+arrows grow the range; Delete clears it, but a required column refuses.
  // A click leaves the old range unmarked; a range that shrinks unmarks what it left.
  await md.cell('customer', 0, 'name').click();
  await expect(md.cell('customer', 2, 'creditLimitCents')).not.toHaveClass(IN_RANGE);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(md.cell('customer', 2, 'name')).toHaveClass(IN_RANGE);
  await page.keyboard.press('Shift+ArrowUp');
  await expect(md.cell('customer', 2, 'name')).not.toHaveClass(IN_RANGE);
  await expect(md.cell('customer', 1, 'name')).toHaveClass(IN_RANGE);
  await page.keyboard.press('Delete');
  await expect(md.problems).toBeVisible();
  await expect(md.problemItems.first()).toContainText('第 1 行「名稱」：必填，不能清除');
  await md.problems.getByRole('button').click();
  await expect.poll(applied).toBe(1);

  // More pasted rows than the table has: the grid asks, and appends them as new rows.
  const count = Number(await md.editor('customer').getAttribute('data-rows'));
  await customers.filter('D0001');
  await md.cell('customer', 0, 'code').click();
  await customers.paste('D0001\t上海家和商貿有限公司\nNEW-1\t新客戶一號\n');
  await expect(page.getByTestId('grid-append')).toBeVisible();
  await page.getByTestId('grid-append-yes').click();
  // The new row lacks its required city and channel: refused, named, nothing added.
  await expect(md.problems).toBeVisible();
  await expect(md.problemItems.first()).toContainText('第 2 行');
  await md.problems.getByRole('button').click();
  await expect(md.editor('customer')).toHaveAttribute('data-rows', String(count));

  // "Add row" adds a valid placeholder row at once (one undo step).
  await customers.filter('');
  await page.getByTestId('md-add-row').click();
  await expect(md.editor('customer')).toHaveAttribute('data-rows', String(count + 1));
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /添加主數據/);
});

test('add a custom city under a province, refuse its twin in the other script, and see listed names in 简体 and English', async ({ start, workspace, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('geography');
  await md.waitLoaded('geography');
  const geo = md.grid('geography');

  const dialog = page.getByTestId('md-custom-city');
  await page.getByTestId('md-geo-custom').click();
  await dialog.getByTestId('md-custom-name').fill('蘇州工業園區');
  await dialog.getByTestId('md-custom-province').selectOption({ label: '江蘇省' });
  await dialog.getByTestId('md-custom-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /新增自訂城市/);

  // Only 江蘇's cities in view (the grid renders the rows on screen).
  await page.getByTestId('grid-collapse-all').click();
  await geo.expand('江蘇省');
  await expect(geo.cell('蘇州工業園區', 'source')).toHaveText('自訂');
  await expect(geo.cell('蘇州市', 'source')).toHaveText('全國列表');

  // The same place in Simplified is the same city: refused, with the reason.
  await page.getByTestId('md-geo-custom').click();
  await dialog.getByTestId('md-custom-name').fill('苏州工业园区');
  await dialog.getByTestId('md-custom-province').selectOption({ label: '江蘇省' });
  await dialog.getByTestId('md-custom-confirm').click();
  await expect(dialog.getByTestId('md-custom-error')).toContainText('「江蘇省」下已經有「蘇州工業園區」');
  await dialog.getByRole('button', { name: '取消' }).click();

  // Listed names follow the UI language; the custom one stays as written.
  await workspace.setLanguage('zh-Hans');
  await expect(geo.treeLabel('苏州市')).toBeVisible();
  await expect(geo.treeLabel('江苏省')).toBeVisible();
  await expect(geo.treeLabel('蘇州工業園區')).toBeVisible();
  await expect(geo.cell('蘇州工業園區', 'source')).toHaveText('自定义');
  await workspace.setLanguage('en');
  await expect(geo.treeLabel('苏州市')).toBeVisible();
  await expect(geo.cell('苏州市', 'source')).toHaveText('National list');
  await expect(geo.cell('蘇州工業園區', 'source')).toHaveText('Custom');
});

test('a list still being read says so, not that there is nothing to show', async ({ start, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  // Hold the customer list's answer until the grid has been looked at.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/invoke/master.list', async (route) => {
    if ((route.request().postData() ?? '').includes('"customer"')) await held;
    await route.continue();
  });
  const md = new MasterDataPage(page);
  await md.open('customers');
  const overlay = page.getByTestId('grid-customer').getByTestId('grid-empty');
  await expect(overlay).toHaveAttribute('data-overlay', 'loading');
  await expect(overlay).toHaveText('正在讀取…');
  release();
  await md.waitLoaded('customer');
  await expect(overlay).toHaveCount(0);
});
