import { expect, test } from './fixtures';
import { MasterDataPage } from './pages/MasterDataPage';

// Chinese is typed through an input method: Chromium sends the keys as "Process"
// (keyCode 229) and then commits the composed text. A focused cell that is not being
// edited must open its editor on that key so that the text is not lost.

test('text from a Chinese input method goes into the focused cell', async ({ start, page }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  const md = new MasterDataPage(page);
  await md.open('customers');
  await md.waitLoaded('customer');
  const applied = await md.recordApplied();

  const cell = md.cell('customer', 3, 'name');
  await cell.click();
  // What an IME does, through the DevTools protocol: a composing key, then the committed text.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'KeyX', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Process', code: 'KeyX', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text: '華東鋪貨中心' });
  await page.keyboard.press('Enter');
  await expect.poll(applied).toBe(1);
  await expect(cell).toHaveText('華東鋪貨中心');
});
