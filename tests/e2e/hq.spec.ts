import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import pg from 'pg';
import { readReturnFile } from '../../src/main/core/io/planReturn';
import type { NationalCell } from '../../src/shared/hq';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { demoRegion, packageOf, plannedSource, type PackageSource } from './hqPackages';
import { shot } from './shots';
import { boardRow, createWorkspace, receiveInWindow } from './pages/HqPage';

// Head office's round through the web host, on a workspace file and on a PostgreSQL server: packages of three demo regions are put in
// the host's folder (as head office would save them from e-mail), then everything is
// done in the window: create the workspace, receive, return one region with a comment
// (its signed return file reads back), receive that region's next revision, confirm
// every region, and look at the national plan.

let src: PackageSource;
test.beforeAll(async () => {
  src = await plannedSource();
});
test.afterAll(() => src?.dispose());

const row = boardRow;


const PG_URL = process.env.RPLAN_PG_URL;

/** Where the round's workspace lives: how it is created and opened again from the start screen. */
interface Store {
  serverUrl?: string;
  reopen(page: Page): Promise<void>;
  dispose(): Promise<void>;
}

function fileStore(): Store {
  return {
    async reopen(page) {
      await page.getByTestId('start-open-hq').click();
      await page.locator('[data-testid="hq-pick-entry"]').first().getByRole('button').click();
    },
    async dispose() {},
  };
}

/** A database of its own on the test server (dropped at the end), typed in by URL. */
async function serverStore(): Promise<Store> {
  const database = `hq_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${database}`;
  return {
    serverUrl: url.toString(),
    async reopen(page) {
      await page.getByTestId('start-connect-hq').click();
      await page.getByTestId('hq-server-url').fill(url.toString());
      await page.getByTestId('hq-connect-submit').click();
    },
    async dispose() {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

for (const kind of ['file', 'server'] as const) {
  test(`head office creates a workspace (${kind === 'file' ? 'a file' : 'on PostgreSQL'}), receives, returns, receives the next revision, confirms, consolidates`, async ({ host, start, page }) => {
    if (kind === 'server') {
      test.skip(!PG_URL && !process.env.CI, 'RPLAN_PG_URL names no PostgreSQL server');
      expect(PG_URL, 'RPLAN_PG_URL must name the test server under CI').toBeTruthy();
    }
    test.setTimeout(180_000);
    const store = kind === 'file' ? fileStore() : await serverStore();
    try {
      await round(host.workspace, start.root, page, store, kind === 'file' ? shot : async () => undefined);
    } finally {
      await store.dispose();
    }
  });
}

async function round(workspace: string, startRoot: Locator, page: Page, store: Store, snap: (page: Page, name: string) => Promise<void>): Promise<void> {
  const east = demoRegion(src, '華東大區');
  const south = demoRegion(src, '華南大區');
  const north = demoRegion(src, '華北大區');
  await packageOf(src, east, { revision: 1, out: join(workspace, '華東大區-r1.rplanpkg') });
  await packageOf(src, south, { revision: 1, out: join(workspace, '華南大區-r1.rplanpkg') });
  await packageOf(src, north, { revision: 1, out: join(workspace, '華北大區-r1.rplanpkg') });

  // 新建總部匯總 from the start screen.
  await expect(startRoot).toBeVisible();
  await snap(page, 'hq-start');
  // Due a week ago: the region that has not submitted is late.
  await createWorkspace(page, ['華東大區', '華南大區', '華北大區', '西南大區'], { expenseCap: '12', dueDate: '2026-12-01', ...(store.serverUrl ? { serverUrl: store.serverUrl } : {}) });
  await expect(page.getByTestId('hq-cycle')).toContainText('2027 年度計劃');
  await expect(page.locator('[data-testid="hq-board-row"][data-state="pending"]')).toHaveCount(4);

  // Receive the three packages, and one of them twice: the second is refused as a replay.
  await receiveInWindow(page, ['華東大區-r1.rplanpkg', '華南大區-r1.rplanpkg', '華北大區-r1.rplanpkg']);
  await expect(page.locator('[data-testid="hq-verdict"][data-verdict="accepted"]')).toHaveCount(3);
  await page.getByTestId('hq-receive-close').click();
  for (const r of ['華東大區', '華南大區', '華北大區']) {
    await expect(row(page, r)).toHaveAttribute('data-state', 'submitted');
    await expect(row(page, r)).toContainText('已報送');
  }
  await expect(row(page, '西南大區')).toContainText('未報送');
  await expect(row(page, '西南大區')).toHaveClass(/is-late/);
  await expect(row(page, '西南大區')).toContainText('逾期');
  // Head office's targets, imported from its CSV (in whole 元, as a region keeps them):
  // 華北大區's is 10% above its plan.
  const national = await invoke<NationalCell[]>(page, 'hq.national', {});
  const csv = ['區域,月份,銷售額目標（元）,銷量目標（箱）', ...national.map((c) =>
    `${c.regionName},${c.month},${Math.round((c.regionName === '華北大區' ? c.planCents * 1.1 : c.planCents) / 100)},${c.volume}`)].join('\n');
  await page.getByTestId('hq-import-targets-input').setInputFiles({ name: 'national-targets.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\n`, 'utf8') });
  await expect(page.getByTestId('hq-notice')).toContainText(`已匯入 ${national.length} 條總部目標`);

  await receiveInWindow(page, ['華南大區-r1.rplanpkg']);
  const refused = page.locator('[data-testid="hq-verdict"][data-verdict="refused"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('已經收過');
  await page.getByTestId('hq-receive-close').click();

  // 退回 華東大區 with a comment: the signed return file is written where exports go.
  await row(page, '華東大區').getByTestId('hq-return').click();
  const ret = page.getByTestId('hq-return-dialog');
  await page.getByTestId('hq-return-submit').click();
  await expect(ret.getByRole('alert')).toBeVisible();
  await ret.locator('textarea[name="comment"]').fill('費用率偏高，請把促銷費用壓到 10% 以內');
  await page.getByTestId('hq-return-submit').click();
  await expect(ret).toBeHidden();
  await expect(page.getByTestId('hq-notice')).toContainText('華東大區 2027 第1版 回覆.rplanret');
  await expect(row(page, '華東大區')).toHaveAttribute('data-state', 'returned');
  await expect(row(page, '華北大區').getByTestId('hq-board-gap')).toHaveText('−9.1%');
  await page.getByTestId('hq-notice').getByRole('button').click();
  await snap(page, 'hq-board-mid');
  const exportsDir = join(workspace, 'exports');
  const returnFiles = readdirSync(exportsDir).filter((f) => f.endsWith('.rplanret'));
  expect(returnFiles).toEqual(['華東大區 2027 第1版 回覆.rplanret']);
  const read = await readReturnFile(join(exportsDir, returnFiles[0]));
  expect(read.verdict).toBe('ok');
  if (read.verdict === 'ok') {
    expect(read.answer).toMatchObject({ verdict: 'returned', regionName: '華東大區', revision: 1, planYear: 2027, comment: '費用率偏高，請把促銷費用壓到 10% 以內' });
  }

  // The region's next revision arrives and replaces the first.
  await packageOf(src, east, { revision: 2, out: join(workspace, '華東大區-r2.rplanpkg') });
  await receiveInWindow(page, ['華東大區-r2.rplanpkg']);
  await expect(page.locator('[data-testid="hq-verdict"][data-verdict="accepted"]')).toHaveCount(1);
  await page.getByTestId('hq-receive-close').click();
  await expect(row(page, '華東大區')).toHaveAttribute('data-state', 'submitted');
  await expect(row(page, '華東大區').getByTestId('hq-board-revision')).toHaveText('第 2 版');
  await expect(row(page, '華南大區').getByTestId('hq-board-gap')).toHaveText('0.0%');

  // 確認 every region that submitted.
  for (const r of ['華東大區', '華南大區', '華北大區']) {
    await row(page, r).getByTestId('hq-confirm').click();
    await expect(row(page, r)).toHaveAttribute('data-state', 'confirmed');
  }
  await expect(page.getByTestId('hq-kpi-confirmed')).toContainText('3');
  await snap(page, 'hq-board');

  // The consolidated workbook and the regions' target files go where exports go.
  await page.getByTestId('hq-export-workbook').click();
  await expect(page.getByTestId('hq-notice')).toContainText('.xlsx');
  await page.getByTestId('hq-export-targets').click();
  await expect(page.getByTestId('hq-notice')).toContainText('已寫出 3 個目標文件');
  await expect(page.getByTestId('hq-notice')).toContainText('西南大區');
  const exported = readdirSync(exportsDir).filter((f) => f.endsWith('.xlsx')).sort();
  expect(exported).toHaveLength(4);
  expect(exported.filter((f) => f.includes('-target-'))).toHaveLength(3);

  // The receipt log keeps every verdict, the replay's refusal among them.
  await page.getByTestId('hq-tab-receipts').click();
  await expect(page.getByTestId('hq-receipt-row')).toHaveCount(5);
  await expect(page.locator('[data-testid="hq-receipt-row"][data-verdict="refused"]')).toHaveCount(1);

  // The national plan: the chart and the region × month table with the national total.
  await page.getByTestId('hq-tab-national').click();
  await expect(page.getByTestId('hq-national-chart')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('hq-national-row')).toHaveCount(4);
  await expect(page.locator('[data-testid="hq-national-row"][data-region="全國合計"]')).toBeVisible();
  await snap(page, 'hq-national');
  await page.getByTestId('hq-tab-mix').click();
  await expect(page.getByTestId('hq-mix-brand-row').first()).toBeVisible();
  await expect(page.getByTestId('hq-mix-channel-row').first()).toBeVisible();
  await snap(page, 'hq-mix');
  await page.getByTestId('hq-tab-national').click();
  const language = page.getByTestId('language-switcher');
  await language.locator('[data-value="en"]').click();
  await expect(page.getByTestId('hq-tab-national')).toHaveText('National plan');
  await snap(page, 'hq-national-en');
  await page.getByTestId('hq-tab-board').click();
  await snap(page, 'hq-board-en');
  await language.locator('[data-value="zh-Hans"]').click();
  await expect(page.getByTestId('hq-tab-board')).toHaveText('报送状态');
  await snap(page, 'hq-board-hans');
  await language.locator('[data-value="zh-Hant"]').click();

  // Closing goes back to the start screen; the workspace opens again (from the host's folder, or by URL).
  await page.getByTestId('hq-close').click();
  await expect(startRoot).toBeVisible();
  await store.reopen(page);
  await expect(page.getByTestId('hq-workspace')).toBeVisible();
  await expect(page.locator('[data-testid="hq-board-row"][data-state="confirmed"]')).toHaveCount(3);

  // The late region's package, dropped on the window, is received like a picked one.
  const southwest = await packageOf(src, demoRegion(src, '西南大區'), { revision: 1, out: join(src.work, '西南大區-r1.rplanpkg') });
  await page.evaluate(
    ({ name, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { name: '西南大區-r1.rplanpkg', base64: readFileSync(southwest).toString('base64') },
  );
  await expect(page.locator('[data-testid="hq-verdict"][data-verdict="accepted"]')).toHaveCount(1);
  await page.getByTestId('hq-receive-close').click();
  await expect(row(page, '西南大區')).toHaveAttribute('data-state', 'submitted');
  await expect(row(page, '西南大區')).not.toHaveClass(/is-late/);
}
