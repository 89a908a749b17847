import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// (d) A file that is not a region file is refused with a message in the user's
// language that names the file; the app stays where it was.

test('opening a file that is not a region file shows the refusal and stays on the start screen', async ({ host, start, page }) => {
  await writeFile(join(host.workspace, 'broken.rplan'), Buffer.from('this is not a database, just junk bytes\n'.repeat(20)));

  await start.openFromDialog('broken.rplan');
  await expect(start.errorDialog).toBeVisible();
  await expect(start.errorDialog).toContainText('無法打開文件');
  await expect(start.errorMessage).toContainText('「broken.rplan」');
  await expect(start.errorMessage).toContainText('不是 RegionPlan 的區域文件');
  await start.expectState('start');

  await start.dismissError();
  await expect(start.root).toBeVisible();
  await start.expectState('start');

  // The same in English.
  await start.setLanguage('en');
  await start.openFromDialog('broken.rplan');
  await expect(start.errorMessage).toContainText('“broken.rplan” is not a RegionPlan region file');
  await start.expectState('start');
  await expect(page).toHaveTitle('RegionPlan');
});
