import { expect, test } from './fixtures';
import { invoke } from './api';
import { ReviewPage } from './pages/ReviewPage';
import { shot } from './shots';

// 總結與導出: the manager arranges the review's slides (hide, move, retitle, notes);
// the arrangement is kept in the file, each change is one undo step, and the other
// document and versions have their own.

test('the manager arranges the review and it is kept', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.demoButton.click();
  await start.expectState('workspace');
  // A scenario made before the arranging: it keeps the default arrangement.
  const versions = await invoke<{ id: number; kind: string }[]>(page, 'targets.versions', {});
  const working = versions.find((v) => v.kind === 'working')?.id as number;
  const scenario = await invoke<{ id: number }>(page, 'targets.createVersion', { kind: 'scenario', fromId: working, name: '保守方案' });
  await workspace.nav('review').click();
  const review = new ReviewPage(page);
  await review.expectLoaded();
  await expect(review.root).toHaveAttribute('data-doc', 'review');
  const before = await review.keys();
  expect(before.slice(0, 2)).toEqual(['review.cover', 'review.contents']);
  const total = before.length;
  await expect(page.getByTestId('deck-count')).toHaveText(`共 ${total} 頁（隱藏 0 頁）`);

  // Hide the contents slide: dimmed with a badge, the shown slides renumbered.
  await review.item('review.contents').getByTestId('slide-toggle-hidden').click();
  await expect(review.item('review.contents')).toHaveAttribute('data-hidden', 'true');
  await expect(review.item('review.contents').getByTestId('slide-hidden-badge')).toHaveText('已隱藏');
  await expect(page.getByTestId('deck-count')).toHaveText(`共 ${total - 1} 頁（隱藏 1 頁）`);
  await expect(review.item(before[2]).getByTestId('slide-number')).toHaveText('2');

  // Move the last slide up with its button, then with the keyboard (Alt+↑).
  const last = before[total - 1];
  await review.item(last).getByTestId('slide-up').click();
  await expect.poll(() => review.keys()).toEqual([...before.slice(0, total - 2), last, before[total - 2]]);
  await review.pick(last);
  await review.item(last).getByTestId('slide-pick').press('Alt+ArrowUp');
  await expect.poll(() => review.keys()).toEqual([...before.slice(0, total - 3), last, before[total - 3], before[total - 2]]);
  await expect(review.item(last).getByTestId('slide-pick')).toBeFocused();

  // Drag the cover onto the top edge of the third slide: it lands between the second and the third.
  const now = await review.keys();
  await review.item('review.cover').dragTo(review.item(now[2]), { targetPosition: { x: 20, y: 4 } });
  await expect.poll(() => review.keys()).toEqual([now[1], 'review.cover', ...now.slice(2)]);

  // Retitle (kept on Enter) and write notes (kept on leaving the field).
  await review.pick(last);
  await review.titleInput.fill('今年的成績');
  await review.titleInput.press('Enter');
  await expect(review.item(last).getByTestId('slide-item-title')).toHaveText('今年的成績');
  await expect(review.preview.getByTestId('slide-title')).toHaveText('今年的成績');
  await review.notes.fill('先講達成率，再講同比。');
  await review.titleInput.focus();
  await expect(review.root).toHaveAttribute('data-pending', 'false');
  // The README's picture: a slide with its chart, drawn.
  await review.pick('review.sales.byMonth');
  await expect(review.preview.locator('[role="img"][data-rendered="true"]').first()).toBeVisible();
  await shot(page, 'review.png');

  // Kept in the file: after a reload the arrangement is the same.
  await expect(workspace.undoButton).toBeEnabled();
  const arranged = await review.keys();
  await page.reload();
  await start.expectState('workspace');
  await workspace.nav('review').click();
  await review.expectLoaded();
  await expect.poll(() => review.keys()).toEqual(arranged);
  await expect(review.item('review.contents')).toHaveAttribute('data-hidden', 'true');
  await review.pick(last);
  await expect(review.titleInput).toHaveValue('今年的成績');
  await expect(review.notes).toHaveValue('先講達成率，再講同比。');

  // Present from the picked slide; Esc comes back to the editor.
  await page.getByTestId('deck-present-here').click();
  await expect(page.getByTestId('present-stage-current').getByTestId('slide-title')).toHaveText('今年的成績');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await page.getByTestId('deck-present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);

  // Undo takes back one change at a time: the notes, then the title.
  await workspace.undoButton.click();
  await expect(review.notes).not.toHaveValue('先講達成率，再講同比。');
  await expect(review.titleInput).toHaveValue('今年的成績');
  await workspace.undoButton.click();
  await expect(review.titleInput).not.toHaveValue('今年的成績');
  await expect.poll(() => review.keys()).toEqual(arranged);

  // The plan has its own arrangement; back on the review, it is as left.
  await page.getByTestId('deck-doc').getByRole('radio', { name: '年度計劃' }).click();
  await expect(review.root).toHaveAttribute('data-doc', 'plan');
  await expect(review.items.first()).toHaveAttribute('data-key', 'plan.cover');
  await expect(review.root.locator('[data-hidden="true"]')).toHaveCount(0);
  await page.getByTestId('deck-doc').getByRole('radio', { name: '年度總結' }).click();
  await expect(review.item('review.contents')).toHaveAttribute('data-hidden', 'true');

  // Another version: its own arrangement, the default one.
  const version = page.getByTestId('deck-version');
  await version.selectOption(String(scenario.id));
  await expect(review.root).toHaveAttribute('data-version', String(scenario.id));
  await expect.poll(() => review.keys()).toEqual(before);
  await expect(review.root.locator('[data-hidden="true"]')).toHaveCount(0);

  // The default arrangement again, after a confirmation.
  await version.selectOption(String(working));
  await expect(review.root).toHaveAttribute('data-version', String(working));
  await expect(review.item('review.contents')).toHaveAttribute('data-hidden', 'true');
  await page.getByTestId('deck-reset').click();
  await page.getByTestId('deck-reset-ok').click();
  await expect.poll(() => review.keys()).toEqual(before);
  await expect(review.root.locator('[data-hidden="true"]')).toHaveCount(0);

  // The area and its slides in the other languages.
  await workspace.setLanguage('zh-Hans');
  await expect(review.root.locator('h1').first()).toHaveText('总结与导出');
  await expect(review.item('review.contents').getByTestId('slide-item-title')).toHaveText('目录');
  await shot(page, 'review-zh-Hans.png');
  await workspace.setLanguage('en');
  await expect(review.root.locator('h1').first()).toHaveText('Review & export');
  await expect(review.item('review.contents').getByTestId('slide-item-title')).toHaveText('Contents');
  await shot(page, 'review-en.png');
});

test('a slide without data says what to enter and leads to where it is entered', async ({ start, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await start.createRegion({ name: '華南大區', year: 2027 });
  await page.getByTestId('side-nav').locator('[data-area="review"]').click();
  const review = new ReviewPage(page);
  await review.expectLoaded();
  await review.pick('review.sales.byMonth');
  await expect(review.preview.getByTestId('slide-empty')).toContainText('還沒有 2026 年的銷售實績');
  await expect(review.root.getByTestId('slide-empty-go')).toContainText('還沒有 2026 年的銷售實績');
  await review.root.getByTestId('slide-empty-goto').click();
  await expect(page.locator('main[data-area="actuals"]')).toBeVisible();
});
