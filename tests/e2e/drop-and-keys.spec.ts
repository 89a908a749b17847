import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Dropping files on the window (web transport: upload, then open) and the keyboard
// shortcuts for new, open and close.

async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name));
      const target = document.querySelector('[data-testid="drop-zone"]') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { name, base64: bytes.toString('base64') },
  );
}

test('a dropped region file is opened; anything else is refused by name', async ({ host, start, workspace, page }) => {
  await start.createRegion({ name: '西南大區', year: 2028 });
  await workspace.editProfile('managerName', '李雷');
  await workspace.closeFile();
  const [fileName] = (await readdir(host.workspace)).filter((f) => f.endsWith('.rplan'));
  const bytes = await readFile(join(host.workspace, fileName));

  await dropFile(page, 'notes.pdf', Buffer.from('%PDF-1.7'));
  await expect(start.errorMessage).toContainText('「notes.pdf」');
  await expect(start.errorMessage).toContainText('.rplan');
  await start.dismissError();
  await start.expectState('start');

  await dropFile(page, '帶來的副本.rplan', bytes);
  await start.expectState('workspace');
  await expect(workspace.regionTitle).toHaveText('西南大區');
  await expect(workspace.profileField('managerName')).toHaveValue('李雷');
  await expect(workspace.statusPath).toContainText('帶來的副本.rplan');
});

test('keyboard: Ctrl+N new, Ctrl+O open, Ctrl+W close', async ({ start, workspace, page }) => {
  await page.keyboard.press('Control+N');
  await expect(start.newDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(start.newDialog).toBeHidden();

  await page.keyboard.press('Control+O');
  await expect(start.openDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(start.openDialog).toBeHidden();

  await start.createRegion({ name: '東北大區', year: 2027 });
  await workspace.expectOverviewLoaded();
  await workspace.regionTitle.click();
  await page.keyboard.press('Control+W');
  await start.expectState('start');
});
