import { readdir } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { invoke } from './api';
import { ImportWizardPage } from './pages/ImportWizardPage';
import { formatPercent } from '../../src/shared/units';

// Achievement end to end: the demo region plans 2027; head office's target is
// spread over the region and the first months of 2027 are imported through the wizard; in the sales view for 2027 by city, the achievement
// shown for a city equals actual / target computed by hand from the region file
// (its sales_actual lines and its working plan's target cells for the same months,
// January–February), then drills down.

const HEADER = '月份,客戶編碼,客戶名稱,存貨編碼,存貨名稱,數量,金額,毛利';

test('achievement for one city equals actual / target computed by hand from the file', async ({ page, host, start, workspace }, testInfo) => {
  await start.demoButton.click();
  await start.expectState('workspace');

  // A small ERP export for January–February 2027: six customers × two SKUs.
  const customers = (await invoke<{ rows: { code: string; name: string }[] }>(page, 'master.list', { entity: 'customer' })).rows.slice(0, 6);
  const skus = (await invoke<{ rows: { code: string; name: string }[] }>(page, 'master.list', { entity: 'sku' })).rows.slice(0, 2);
  const lines = [HEADER];
  customers.forEach((c, i) =>
    skus.forEach((s, j) => {
      for (const month of ['2027-01', '2027-02']) lines.push(`${month},${c.code},${c.name},${s.code},${s.name},${10 + i},${(1234.5 * (i + 1) + 77 * j).toFixed(2)},${100 + i}`);
    }),
  );
  const csv = testInfo.outputPath('erp-2027.csv');
  writeFileSync(csv, `${lines.join('\r\n')}\r\n`);

  await page.getByTestId('side-nav').locator('[data-area="actuals"]').click();
  const wizard = new ImportWizardPage(page);
  await page.getByTestId('actuals-page').locator('header').getByTestId('import-button').click();
  await wizard.chooseFile(csv);
  await wizard.next.click();
  await expect(wizard.map('amount')).toHaveValue('6');
  await wizard.check();
  await wizard.commit.click();
  await expect(wizard.done).toContainText('批次 #');
  await wizard.by('import-close').click();

  // The plan: head office's 2027 target spread over the region by last year's shape
  // (what 目標分解 does from the targets area).
  const versions = await invoke<{ id: number; kind: string }[]>(page, 'targets.versions', {});
  const working = versions.find((v) => v.kind === 'working')!;
  const ho = await invoke<{ amountCents: number }[]>(page, 'targets.hoTarget', {});
  await invoke(page, 'targets.setCells', {
    versionId: working.id, levels: ['province'], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: ho.reduce((s, m) => s + m.amountCents, 0) }],
  });

  // By hand from the file: 2027 actual and the working plan's 2027 target per city.
  const demoDir = join(host.stateDir, 'demo');
  const file = (await readdir(demoDir)).find((f) => f.endsWith('.rplan'));
  const db = new Database(join(demoDir, file!), { readonly: true, fileMustExist: true });
  let hand: { city: number; name: string; actual: number; target: number };
  try {
    const actual = new Map<number, number>();
    for (const r of db.prepare('SELECT a.amount_cents AS a, cu.city_id AS city, a.period AS p FROM sales_actual a, customer cu WHERE cu.id = a.customer_id').all() as { a: number; city: number; p: number }[]) {
      if (Math.floor(r.p / 100) === 2027) actual.set(r.city, (actual.get(r.city) ?? 0) + r.a);
    }
    const workingId = working.id;
    const target = new Map<number, number>();
    // 2027 has actuals for January and February: the view compares them with the target of the same months.
    for (const r of db.prepare('SELECT city_id AS city, amount_cents AS a FROM target_fact WHERE version_id = ? AND month <= 2').all(workingId) as { city: number; a: number }[]) {
      target.set(r.city, (target.get(r.city) ?? 0) + r.a);
    }
    const city = [...actual.keys()].filter((k) => (target.get(k) ?? 0) > 0).sort((a, b) => a - b)[0];
    expect(city).toBeDefined();
    hand = { city, name: (db.prepare('SELECT name FROM city WHERE id = ?').get(city) as { name: string }).name, actual: actual.get(city)!, target: target.get(city)! };
  } finally {
    db.close();
  }

  await workspace.nav('analysis').click();
  const view = page.getByTestId('analysis-sales');
  await expect(view).toBeVisible();
  await page.getByTestId('analysis-year').selectOption('2027');
  await page.getByTestId('analysis-by').selectOption('city');
  await expect(view).toHaveAttribute('data-year', '2027');
  await expect(view).toHaveAttribute('data-by', 'city');
  await expect(page.getByTestId('analysis-chart')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('analysis-months-note')).toContainText('2 月');
  await expect(page.getByTestId('analysis-to')).toHaveValue('2');

  const row = page.locator(`[data-testid="analysis-row"][data-key="${hand.city}"]`);
  await expect(row).toHaveAttribute('data-label', hand.name);
  await expect(row).toHaveAttribute('data-actual', String(hand.actual));
  const expected = hand.actual / hand.target;
  expect(Number(await row.getAttribute('data-achievement'))).toBeCloseTo(expected, 12);
  await expect(row.locator('[data-col="achievement"]')).toHaveText(formatPercent(expected, 'zh-Hant'));

  await row.click();
  const drill = page.getByTestId('analysis-drill');
  await expect(drill).toContainText(hand.name);
  await expect(page.getByTestId('analysis-drill-grid').getByRole('row').nth(1)).toBeVisible();
});
