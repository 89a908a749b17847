import { invoke } from './api';
import { expect, test } from './fixtures';
import { WrittenPlanPage } from './pages/WrittenPlanPage';
import { shot } from './shots';

// 計劃文字 on the demo region: the drafted sections with live figures in the chosen unit;
// writing a commentary with a heading, bold text, Chinese from an input method and a
// live figure; undo and redo; a draft that asks before it replaces text; a document the
// core refuses; a snapshot shown frozen.

test('the written plan: read the drafts, write a commentary with a live figure, undo, draft, refusals, a frozen snapshot', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  const wp = new WrittenPlanPage(page);
  await wp.open();

  // The demo's draft of the summary: facts from the file, as live figures in 萬元.
  await expect(wp.view).toContainText('年本區域銷售額');
  await expect(wp.figures(wp.view).first()).toHaveAttribute('data-figure-status', 'ok');
  await expect(wp.figures(wp.view).first()).toContainText('萬元');
  await shot(page, 'plan-written.png');
  await page.getByTestId('unit-switcher').locator('[data-value="yi"]').click();
  await expect(wp.figures(wp.view).first()).toContainText('億元');
  await page.getByTestId('unit-switcher').locator('[data-value="wan"]').click();

  // A commentary that is still empty says what to do.
  await wp.choose('review.channel.highlights');
  await expect(wp.empty).toBeVisible();
  await expect(wp.section('review.channel.highlights')).toHaveAttribute('data-filled', 'false');

  // Write it: a subheading, a bold phrase, Chinese through an input method, a live figure.
  await wp.editButton.click();
  await wp.editable.click();
  await wp.tool('subheading').click();
  await page.keyboard.type('Key accounts');
  await page.keyboard.press('Enter');
  await wp.tool('paragraph').click();
  await wp.tool('bold').click();
  await page.keyboard.type('Growth ');
  await wp.tool('bold').click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'xin', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '新客戶貢獻' });
  await page.keyboard.type(' ');
  await wp.insertFigure('reviewSales', 0);
  await expect(wp.figures(wp.editable)).toHaveCount(1);
  // Pasted content comes in as its plain text, never as markup.
  await wp.editable.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/html', '<img src="x" data-testid="pasted-img"><b>粗</b>');
    data.setData('text/plain', ' 貼上的文字');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(wp.editable).toContainText('貼上的文字');
  await expect(page.getByTestId('pasted-img')).toHaveCount(0);
  await shot(page, 'plan-written-editor.png');
  await wp.save();

  await expect(wp.view.locator('h3')).toHaveText('Key accounts');
  await expect(wp.view.locator('strong')).toHaveText('Growth');
  await expect(wp.view).toContainText('新客戶貢獻');
  await expect(wp.view).toContainText('貼上的文字');
  await expect(wp.figures(wp.view)).toHaveCount(1);
  await expect(wp.figures(wp.view)).toHaveAttribute('data-figure-status', 'ok');
  await expect(wp.section('review.channel.highlights')).toHaveAttribute('data-filled', 'true');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /編輯計劃文字/);

  // One undo step: undo empties it, redo brings it back.
  await workspace.undoButton.click();
  await expect(wp.empty).toBeVisible();
  await workspace.redoButton.click();
  await expect(wp.view).toContainText('新客戶貢獻');

  // Commentary with no figures of its own in the file offers no draft.
  await expect(wp.draftButton).toHaveCount(0);

  // A draft asks before it replaces text, and then replaces it.
  await wp.choose('strategies');
  await wp.editButton.click();
  await wp.editable.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Old strategy');
  await wp.save();
  await expect(wp.view).toHaveText('Old strategy');
  await wp.draftButton.click();
  const confirm = page.getByTestId('wp-draft-confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByTestId('wp-draft-replace').click();
  await expect(confirm).toBeHidden();
  await expect(wp.view.locator('li').first()).toBeVisible();
  await expect(wp.view).not.toContainText('Old strategy');
  await expect(workspace.undoButton).toHaveAttribute('aria-label', /起草計劃文字/);

  // The core refuses what is not the structure, or a figure pointing at nothing; nothing changes.
  await expect(invoke(page, 'plan.written.save', { section: 'review.channel.highlights', doc: '<p>x</p>' })).rejects.toThrow(/doc/);
  await expect(
    invoke(page, 'plan.written.save', {
      section: 'review.channel.highlights',
      doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'reviewSales', provinceId: 99999 } }] }] },
    }),
  ).rejects.toThrow(/province 99999 does not exist/);
  await wp.choose('review.channel.highlights');
  await expect(wp.view).toContainText('新客戶貢獻');

  // A snapshot: its text is there and frozen.
  await workspace.nav('targets').click();
  await page.getByTestId('targets-open-versions').click();
  await page.locator('[data-testid="version-row"][data-kind="working"]').getByTestId('version-snapshot').click();
  await page.getByTestId('snapshot-name').fill('報總部 e2e');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.locator('[data-testid="version-row"][data-kind="snapshot"]')).toHaveCount(1);
  await page.getByTestId('versions-close').click();
  await wp.open();
  await expect(wp.versionSelect.locator('option', { hasText: '報總部 e2e' })).toHaveCount(1);
  await wp.versionSelect.selectOption({ label: '報總部 e2e' });
  await expect(wp.panel).toHaveAttribute('data-frozen', 'true');
  await expect(page.getByTestId('wp-frozen')).toBeVisible();
  await expect(wp.editButton).toHaveCount(0);
  await expect(wp.draftButton).toHaveCount(0);
  await wp.choose('review.channel.highlights');
  await expect(wp.view).toContainText('新客戶貢獻');
  await shot(page, 'plan-written-snapshot.png');
});
