import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import type { NationalCell } from '../../src/shared/hq';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { demoRegion, packageOf, plannedSource, type PackageSource } from './hqPackages';
import { boardRow, createWorkspace, fillCycle, receiveInWindow } from './pages/HqPage';
import { shot } from './shots';

// Head office's workspace on a PostgreSQL server from the window (create it from the
// start screen by URL, receive, close, connect again), head office's say-so on a
// refused package (register a region, accept a region's new key after confirming its
// fingerprint), and hq settings changing the board. The server is the one RPLAN_PG_URL
// names (.ci/run starts one); each run makes its own database there and drops it.

const PG_URL = process.env.RPLAN_PG_URL;
/** Typed into the URL: the test server trusts loopback logins, so it connects, and it must never show up. */
const PASSWORD = 'e2e-Secret-7';

let src: PackageSource;
test.beforeAll(async () => {
  src = await plannedSource();
});
test.afterAll(() => src?.dispose());

const row = boardRow;
const verdict = (page: Page, file: string) => page.locator(`[data-testid="hq-verdict"][data-file="${file}"]`);


async function createFileWorkspace(page: Page, regions: string[]): Promise<void> {
  await createWorkspace(page, regions);
  await expect(page.getByTestId('hq-location')).toHaveAttribute('data-kind', 'file');
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test('a workspace on the PostgreSQL server: created from the start screen, received into, reopened by URL', async ({ host, start, page }) => {
  test.skip(!PG_URL && !process.env.CI, 'RPLAN_PG_URL names no PostgreSQL server');
  expect(PG_URL, 'RPLAN_PG_URL must name the test server under CI').toBeTruthy();
  test.setTimeout(180_000);
  const database = `hqpg_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const empty = `${database}_empty`;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${database}`);
    await c.query(`CREATE DATABASE ${empty}`);
  });
  const at = (db: string, password = true) => {
    const u = new URL(PG_URL!);
    u.pathname = `/${db}`;
    if (password) u.password = PASSWORD;
    return u.toString();
  };
  try {
    const east = demoRegion(src, '華東大區');
    const south = demoRegion(src, '華南大區');
    await packageOf(src, east, { revision: 1, out: join(host.workspace, '華東大區-r1.rplanpkg') });
    await packageOf(src, south, { revision: 1, out: join(host.workspace, '華南大區-r1.rplanpkg') });

    await expect(start.root).toBeVisible();
    await page.getByTestId('start-new-hq').click();
    await fillCycle(page, ['華東大區', '華南大區', '華北大區']);
    await page.getByTestId('hq-where-server').click();
    const url = page.getByTestId('hq-server-url');
    // Not a PostgreSQL URL: said at the field, nothing is sent.
    await url.fill('mysql://analyst@db.example/hq');
    await page.getByTestId('new-hq-submit').click();
    await expect(page.getByTestId('hq-server-url-error')).toContainText('postgres://');
    await url.fill(at(database));
    await shot(page, 'hqpg-new-server');
    await page.getByTestId('new-hq-submit').click();
    await expect(page.getByTestId('hq-workspace')).toBeVisible();
    const location = page.getByTestId('hq-location');
    await expect(location).toHaveAttribute('data-kind', 'server');
    await expect(location).toContainText(database);
    await expect(page.locator('[data-testid="hq-board-row"][data-state="pending"]')).toHaveCount(3);

    await receiveInWindow(page, ['華東大區-r1.rplanpkg', '華南大區-r1.rplanpkg']);
    await expect(page.locator('[data-testid="hq-verdict"][data-verdict="accepted"]')).toHaveCount(2);
    await page.getByTestId('hq-receive-close').click();
    await expect(row(page, '華東大區')).toHaveAttribute('data-state', 'submitted');
    await expect(row(page, '華南大區')).toHaveAttribute('data-state', 'submitted');
    await expect(row(page, '華北大區')).toHaveAttribute('data-state', 'pending');
    // Where it lives, in settings: the URL without the password.
    await page.getByTestId('hq-settings').click();
    await expect(page.getByTestId('hq-settings-location')).toContainText(at(database, false));
    await shot(page, 'hqpg-settings-server');
    expect(await page.content()).not.toContain(PASSWORD);
    await page.getByTestId('hq-settings-dialog').getByRole('button', { name: '取消' }).click();
    await shot(page, 'hqpg-board-server');

    // The rows are on the server.
    const d = new pg.Client({ connectionString: at(database, false) });
    await d.connect();
    const accepted = await d.query<{ n: string }>("SELECT count(*) AS n FROM region WHERE state = 'submitted'").then((r) => r.rows[0].n).finally(() => d.end());
    expect(Number(accepted)).toBe(2);

    await page.getByTestId('hq-close').click();
    await expect(start.root).toBeVisible();
    await page.getByTestId('start-connect-hq').click();
    const connect = page.getByTestId('hq-connect-dialog');
    // Remembered without the password: the analyst types it again.
    await expect(page.getByTestId('hq-server-url')).toHaveValue(at(database, false));
    await expect(page.getByTestId('hq-recent-server')).toHaveText(at(database, false));
    // A database without a workspace is named in the answer.
    await page.getByTestId('hq-server-url').fill(at(empty));
    await page.getByTestId('hq-connect-submit').click();
    await expect(page.getByTestId('hq-connect-error')).toContainText(empty);
    await expect(page.getByTestId('hq-connect-error')).toContainText('沒有總部匯總');
    await shot(page, 'hqpg-connect-error');
    // The remembered URL, and the password in its own field.
    await page.getByTestId('hq-recent-server').click();
    await expect(page.getByTestId('hq-server-url')).toHaveValue(at(database, false));
    await page.getByTestId('hq-server-password').fill(PASSWORD);
    await shot(page, 'hqpg-connect');
    await page.getByTestId('hq-connect-submit').click();
    await expect(connect).toBeHidden();
    await expect(page.getByTestId('hq-workspace')).toBeVisible();
    await expect(page.locator('[data-testid="hq-board-row"][data-state="submitted"]')).toHaveCount(2);
    await expect(page.getByTestId('hq-location')).toHaveAttribute('data-kind', 'server');
    const national = await invoke<NationalCell[]>(page, 'hq.national', {});
    expect(new Set(national.map((c) => c.regionName))).toEqual(new Set(['華東大區', '華南大區']));
    expect(await page.content()).not.toContain(PASSWORD);
    await page.getByTestId('language-switcher').locator('[data-value="en"]').click();
    await shot(page, 'hqpg-board-server-en');
    await page.getByTestId('language-switcher').locator('[data-value="zh-Hant"]').click();
    await page.getByTestId('hq-close').click();
    await expect(start.root).toBeVisible();
  } finally {
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`);
    });
  }
});

test('a region not expected is registered, and a region\'s new key accepted after confirming it, from the receive result', async ({ host, start, page }) => {
  test.setTimeout(180_000);
  const east = demoRegion(src, '華東大區');
  const west = demoRegion(src, '西北大區');
  await packageOf(src, east, { revision: 1, out: join(host.workspace, '華東大區-r1.rplanpkg') });
  await packageOf(src, west, { revision: 1, out: join(host.workspace, '西北大區-r1.rplanpkg') });
  await expect(start.root).toBeVisible();
  await createFileWorkspace(page, ['華東大區', '華南大區']);

  await receiveInWindow(page, ['華東大區-r1.rplanpkg', '西北大區-r1.rplanpkg']);
  await expect(verdict(page, '華東大區-r1.rplanpkg')).toHaveAttribute('data-verdict', 'accepted');
  const refused = verdict(page, '西北大區-r1.rplanpkg');
  await expect(refused).toHaveAttribute('data-verdict', 'refused');
  await expect(refused).toContainText('不在本次匯總預期的區域之中');
  await expect(page.getByTestId('hq-accept-key')).toHaveCount(0);
  await shot(page, 'hqpg-register');
  await refused.getByTestId('hq-register-region').click();
  await expect(refused).toHaveAttribute('data-verdict', 'accepted');
  await expect(refused).toContainText('總部已登記「西北大區」');
  await page.getByTestId('hq-receive-close').click();
  await expect(row(page, '西北大區')).toHaveAttribute('data-state', 'submitted');
  await expect(row(page, '西北大區')).toContainText('非預期');

  // 華東大區 on a new computer: its next revision is signed by another key.
  const moved = { ...east, signer: demoRegion(src, 'x').signer };
  await packageOf(src, moved, { revision: 2, out: join(host.workspace, '華東大區-r2.rplanpkg') });
  await receiveInWindow(page, ['華東大區-r2.rplanpkg']);
  const rekeyed = verdict(page, '華東大區-r2.rplanpkg');
  await expect(rekeyed).toHaveAttribute('data-verdict', 'refused');
  await expect(page.getByTestId('hq-register-region')).toHaveCount(0);
  await rekeyed.getByTestId('hq-accept-key').click();
  const dialog = page.getByTestId('hq-accept-key-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('hq-key-pinned')).toHaveText(east.signer.fingerprint);
  await expect(page.getByTestId('hq-key-incoming')).toHaveText(moved.signer.fingerprint);
  // Not without saying the fingerprint was checked with the region.
  await page.getByTestId('hq-accept-key-confirm').click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(rekeyed).toHaveAttribute('data-verdict', 'refused');
  await page.getByTestId('hq-key-checked').check();
  await shot(page, 'hqpg-accept-key');
  const language = page.getByTestId('language-switcher');
  await page.getByTestId('hq-accept-key-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(rekeyed).toHaveAttribute('data-verdict', 'accepted');
  await expect(rekeyed).toContainText(moved.signer.fingerprint);
  await page.getByTestId('hq-receive-close').click();
  await expect(row(page, '華東大區').getByTestId('hq-board-revision')).toHaveText('第 2 版');

  // The log has both refusals and both acceptances.
  await page.getByTestId('hq-tab-receipts').click();
  await expect(page.getByTestId('hq-receipt-row')).toHaveCount(5);
  await expect(page.locator('[data-testid="hq-receipt-row"][data-verdict="refused"]')).toHaveCount(2);

  // The dialogs in the other two languages.
  const east3 = await packageOf(src, { ...east, signer: demoRegion(src, 'y').signer }, { revision: 3, out: join(host.workspace, '華東大區-r3.rplanpkg') });
  expect(east3).toContain('r3');
  const north = demoRegion(src, '東北大區');
  await packageOf(src, north, { revision: 1, out: join(host.workspace, '東北大區-r1.rplanpkg') });
  for (const lang of ['zh-Hans', 'en'] as const) {
    await language.locator(`[data-value="${lang}"]`).click();
    await receiveInWindow(page, ['華東大區-r3.rplanpkg', '東北大區-r1.rplanpkg']);
    await expect(page.getByTestId('hq-register-region')).toBeVisible();
    await shot(page, `hqpg-result-${lang}`);
    await page.getByTestId('hq-accept-key').click();
    await expect(page.getByTestId('hq-accept-key-dialog')).toBeVisible();
    await shot(page, `hqpg-accept-key-${lang}`);
    await page.getByTestId('hq-accept-key-dialog').getByRole('button', { name: lang === 'en' ? 'Cancel' : '取消' }).click();
    await page.getByTestId('hq-receive-close').click();
  }
  await language.locator('[data-value="zh-Hant"]').click();
});

test('hq settings change the tolerance and the board follows', async ({ host, start, page }) => {
  test.setTimeout(120_000);
  const east = demoRegion(src, '華東大區');
  await packageOf(src, east, { revision: 1, out: join(host.workspace, '華東大區-r1.rplanpkg') });
  await expect(start.root).toBeVisible();
  await createFileWorkspace(page, ['華東大區']);
  await receiveInWindow(page, ['華東大區-r1.rplanpkg']);
  await page.getByTestId('hq-receive-close').click();
  // Head office's target 3% above the plan: outside a 1% tolerance, inside 5%.
  const national = await invoke<NationalCell[]>(page, 'hq.national', {});
  const csv = ['區域,月份,銷售額目標（元）,銷量目標（箱）', ...national.map((c) => `${c.regionName},${c.month},${Math.round((c.planCents * 1.03) / 100)},${c.volume}`)].join('\n');
  await page.getByTestId('hq-import-targets-input').setInputFiles({ name: 'targets.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\n`, 'utf8') });
  await expect(page.getByTestId('hq-notice')).toBeVisible();
  const gap = row(page, '華東大區').getByTestId('hq-board-gap');
  await expect(gap).toHaveText('−2.9%');
  await expect(gap).toHaveClass(/is-bad/);
  await expect(row(page, '華東大區')).toContainText('超出容差 1.0%');

  await page.getByTestId('hq-settings').click();
  const dialog = page.getByTestId('hq-settings-dialog');
  await expect(dialog.locator('input[name="tolerance"]')).toHaveValue('1');
  await dialog.locator('input[name="tolerance"]').fill('abc');
  await page.getByTestId('hq-settings-submit').click();
  await expect(page.getByTestId('hq-settings-error-tolerance')).toBeVisible();
  await dialog.locator('input[name="tolerance"]').fill('5');
  await dialog.locator('input[name="expenseCap"]').fill('12');
  await dialog.locator('input[name="cycleName"]').fill('2027 年度計劃（修訂）');
  await shot(page, 'hqpg-settings');
  await page.getByTestId('hq-settings-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('hq-notice')).toContainText('設定已儲存');
  await expect(gap).not.toHaveClass(/is-bad/);
  await expect(row(page, '華東大區')).not.toContainText('超出容差');
  await expect(page.getByTestId('hq-cycle')).toContainText('2027 年度計劃（修訂）');

  const language = page.getByTestId('language-switcher');
  for (const lang of ['zh-Hans', 'en'] as const) {
    await language.locator(`[data-value="${lang}"]`).click();
    await page.getByTestId('hq-settings').click();
    await expect(page.getByTestId('hq-settings-dialog').locator('input[name="tolerance"]')).toHaveValue('5');
    await shot(page, `hqpg-settings-${lang}`);
    await page.getByTestId('hq-settings-dialog').getByRole('button', { name: lang === 'en' ? 'Cancel' : '取消' }).click();
  }
  await page.getByTestId('hq-close').click();
  await expect(start.root).toBeVisible();
  await page.getByTestId('start-new-hq').click();
  await page.getByTestId('hq-where-server').click();
  await shot(page, 'hqpg-new-server-en');
});
