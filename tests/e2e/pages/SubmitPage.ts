import { expect, type Locator, type Page } from '@playwright/test';
import { invoke } from '../api';

interface Version { id: number; kind: string }
interface HoMonth { month: number; amountCents: number; volume: number }

/** The working plan set to head office's target month by month: what the check's gap rules ask for. */
export async function planToHeadOffice(page: Page, scale = 1): Promise<void> {
  const versions = await invoke<Version[]>(page, 'targets.versions', {});
  const working = versions.find((v) => v.kind === 'working')!.id;
  const ho = await invoke<HoMonth[]>(page, 'targets.hoTarget', {});
  await invoke(page, 'targets.setCells', {
    versionId: working,
    levels: ['province'],
    measure: 'amount',
    method: 'lastYear',
    label: 'spread',
    edits: ho.filter((m) => m.amountCents > 0).map((m) => ({ path: [], period: `m${m.month}`, value: Math.round((m.amountCents * scale) / 100) * 100 })),
  });
  // The volume too: the check holds both measures to head office's target.
  await invoke(page, 'targets.setCells', {
    versionId: working,
    levels: ['province'],
    measure: 'volume',
    method: 'current',
    label: 'spread',
    edits: ho.filter((m) => m.volume > 0).map((m) => ({ path: [], period: `m${m.month}`, value: Math.round(m.volume * scale) })),
  });
}

/** 報送總部: the check, the submit button and its dialogs, the history, the changes. */
export class SubmitPage {
  readonly root: Locator;
  readonly button: Locator;
  readonly blocked: Locator;
  readonly signer: Locator;
  readonly history: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('submit-area');
    this.button = page.getByTestId('submit-button');
    this.blocked = page.getByTestId('submit-blocked');
    this.signer = page.getByTestId('submit-signer');
    this.history = page.getByTestId('submit-history');
    this.changes = page.getByTestId('submit-changes');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** Submits through the confirmation dialog; answers the result dialog's package and workbook paths. */
  async submit(): Promise<{ packagePath: string; workbookPath: string; confirmText: string }> {
    await expect(this.button).toBeEnabled({ timeout: 20_000 });
    await this.button.click();
    const confirm = this.page.getByTestId('submit-confirm');
    await expect(confirm).toBeVisible();
    const confirmText = await confirm.getByTestId('submit-confirm-body').innerText();
    await confirm.getByTestId('submit-confirm-ok').click();
    const done = this.page.getByTestId('submit-done');
    await expect(done).toBeVisible({ timeout: 60_000 });
    const packagePath = await done.getByTestId('submit-done-package').innerText();
    const workbookPath = await done.getByTestId('submit-done-workbook').innerText();
    await done.getByRole('button').last().click();
    await expect(done).toBeHidden();
    return { packagePath, workbookPath, confirmText };
  }

  /** Opens head office's return file the way the web host takes it: the file input's upload. */
  async openAnswer(path: string): Promise<void> {
    await this.page.getByTestId('submit-answer-input').setInputFiles(path);
  }

  historyRow(revision: number): Locator {
    return this.history.locator(`tr[data-revision="${revision}"]`);
  }
}
