import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// (c) The demo region: generated on first use (with a progress bar), then the
// overview shows its data. The fixture asks the host for the tiny demo.

test('open the demo region: it is generated the first time, then the overview shows its data', async ({ start, workspace, page }) => {
  const progress = await start.recordEvents('regionplan:progress');
  await start.demoButton.click();
  await start.expectState('workspace');

  const shown = (await progress()) as { label: string; done: number; total: number }[];
  expect(shown.length).toBeGreaterThan(0);
  expect(shown[0].label).toBe('job.demo');

  await expect(workspace.regionTitle).toHaveText('華東大區');
  await expect(page).toHaveTitle(/^華東大區 2027 — RegionPlan$/);
  await workspace.expectOverviewLoaded();

  for (const key of ['provinces', 'cities', 'channels', 'ownBrands', 'skus', 'customers', 'terminals', 'salesActualRows']) {
    await expect(workspace.count(key)).not.toHaveText('0');
  }
  await expect(workspace.chart).toHaveAttribute('data-rendered', 'true');
  await expect(workspace.chart.locator('canvas')).toHaveCount(1);
  await expect(workspace.kpis).toContainText('萬元');

  // The unit switcher re-renders the figures in the chosen unit.
  await workspace.setUnit('yuan');
  await expect(workspace.kpis).not.toContainText('萬元');
  await expect(workspace.kpis).toContainText('元');

  // The second time the demo is already there: no generation.
  await workspace.closeFile();
  const again = await start.recordEvents('regionplan:progress');
  await start.demoButton.click();
  await start.expectState('workspace');
  expect(await again()).toHaveLength(0);
});

test.describe('a long generation', () => {
  // The typical demo takes several seconds: long enough to cancel.
  test.use({ demoSize: 'typical' });

  test('can be cancelled from the progress bar', async ({ host, start }) => {
    await start.demoButton.click();
    await expect(start.progressDialog).toBeVisible();
    await expect(start.progressDialog.getByRole('progressbar')).toBeVisible();
    await start.progressDialog.getByTestId('progress-cancel').click();
    await expect(start.progressDialog).toBeHidden();
    await start.expectState('start');
    // Cancelling is what the user asked for: no error box.
    await expect(start.errorDialog).toBeHidden();
    await expect(start.root).toBeVisible();
    // Nothing half-made is left behind.
    const left = await readdir(join(host.stateDir, 'demo')).catch(() => [] as string[]);
    expect(left.filter((f) => f.endsWith('.rplan'))).toEqual([]);
  });
});
