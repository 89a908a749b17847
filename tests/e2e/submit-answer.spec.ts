import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { installationSigner } from '../../src/main/core/io/planPackage';
import { writeReturnFile } from '../../src/main/core/io/planReturn';
import type { PackageManifest } from '../../src/shared/submit';
import { expect, test } from './fixtures';
import { SubmitPage, planToHeadOffice } from './pages/SubmitPage';

// Head office's answer through the web host: the region submits; head office (here, the
// test process with a key of its own) writes a signed return file for that package; the
// manager opens it in 報送總部 and the history shows the return with its comment. An
// answer signed by another key after that is refused and changes nothing.

test('head office\'s return file opened in 報送總部: the history shows 已退回 with the comment; another key is refused', async ({ start, workspace, page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await start.demoButton.click();
  await start.expectState('workspace');
  await planToHeadOffice(page);
  await page.reload();
  await start.expectState('workspace');
  await workspace.nav('submit').click();
  const submit = new SubmitPage(page);
  await submit.expectLoaded();
  const sent = await submit.submit();
  await expect(submit.historyRow(1)).toContainText('等待回覆');

  // Head office reads the package's manifest and answers it, signed with its own key.
  const zip = await JSZip.loadAsync(readFileSync(sent.packagePath));
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as PackageManifest;
  const dir = await mkdtemp(join(tmpdir(), 'regionplan-hq-'));
  try {
    const hq = installationSigner(join(dir, 'hq'));
    const comment = '三月費用率超過上限，請調整後重新報送。';
    const answer = {
      packageId: manifest.packageId, regionId: manifest.region.id, regionName: manifest.region.name, planYear: manifest.planYear,
      revision: manifest.revision, verdict: 'returned' as const, comment, decidedAt: new Date().toISOString(), decidedBy: '總部市場部 王經理',
    };
    // ASCII file names: Chromium under a C locale drops non-ASCII paths in setInputFiles.
    const returned = writeReturnFile(answer, hq, join(dir, 'answer-r1.rplanret')).path;

    await submit.openAnswer(returned);
    await expect(page.getByTestId('submit-answer-notice')).toContainText('已記入總部對第 1 版的回覆');
    await expect(page.getByTestId('submit-answer-notice')).toContainText(hq.fingerprint);
    const row = submit.historyRow(1);
    await expect(row).toContainText('已退回');
    await expect(row).toContainText(comment);
    await expect(row).toContainText('總部市場部 王經理');

    // The same file again changes nothing.
    await submit.openAnswer(returned);
    await expect(page.getByTestId('submit-answer-notice')).toContainText('早已記入');

    // A confirmation signed by someone else's key: refused, the history unchanged.
    const stranger = installationSigner(join(dir, 'stranger'));
    const forged = writeReturnFile({ ...answer, verdict: 'confirmed', comment: '', decidedAt: new Date(Date.now() + 60_000).toISOString() }, stranger, join(dir, 'forged.rplanret')).path;
    await submit.openAnswer(forged);
    await expect(page.getByTestId('submit-answer-error')).toContainText('另一把金鑰');
    await expect(page.getByTestId('submit-answer-error')).toContainText(stranger.fingerprint);
    await expect(page.getByTestId('submit-answer-notice')).toBeHidden();
    await expect(row).toContainText(comment);
    await expect(row).not.toContainText('已確認');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
