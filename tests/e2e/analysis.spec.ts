import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatAmount, formatPercent } from '../../src/shared/units';
import { expect, test } from './fixtures';
import { shot, useYuan } from './shots';

// The analysis area's sales view on the demo region: by city for the review year, one
// city's actual equals the sum computed by hand from the region file (in 元, exact),
// a click drills into the rows behind it, and the chart saves as a PNG.
// With REGIONPLAN_SHOTS set, it also writes screenshots for a human to look at.



test('sales by city: a city’s actual matches the file, drills down, saves a PNG', async ({ page, host, start, workspace }) => {
  await start.demoButton.click();
  await start.expectState('workspace');
  // Amounts in 元, so the figure on screen is exact to the yuan.
  await useYuan(page);

  await workspace.nav('analysis').click();
  const view = page.getByTestId('analysis-sales');
  await expect(view).toBeVisible();
  await page.getByTestId('analysis-by').selectOption('city');
  // The review year: the year before the plan year (the demo plans 2027).
  await expect(view).toHaveAttribute('data-year', '2026');
  await expect(page.getByTestId('analysis-chart')).toHaveAttribute('data-rendered', 'true');

  // The first city with sales, by hand from the file.
  const demoDir = join(host.stateDir, 'demo');
  const file = (await readdir(demoDir)).find((f) => f.endsWith('.rplan'));
  expect(file).toBeTruthy();
  const db = new Database(join(demoDir, file!), { readonly: true, fileMustExist: true });
  let hand: { city: number; name: string; cents: number };
  try {
    const rows = db
      .prepare('SELECT a.amount_cents AS amount, cu.city_id AS city, a.period AS period FROM sales_actual a, customer cu WHERE cu.id = a.customer_id')
      .all() as { amount: number; city: number; period: number }[];
    const sums = new Map<number, number>();
    for (const r of rows) if (Math.floor(r.period / 100) === 2026) sums.set(r.city, (sums.get(r.city) ?? 0) + r.amount);
    const city = [...sums.keys()].sort((a, b) => a - b)[0];
    const name = (db.prepare('SELECT name FROM city WHERE id = ?').get(city) as { name: string }).name;
    hand = { city, name, cents: sums.get(city)! };
  } finally {
    db.close();
  }

  const row = page.locator(`[data-testid="analysis-row"][data-key="${hand.city}"]`);
  await expect(row).toHaveAttribute('data-label', hand.name);
  await expect(row).toHaveAttribute('data-actual', String(hand.cents));
  await expect(row.locator('[data-col="actual"]')).toHaveText(formatAmount(hand.cents, 'yuan', 'zh-Hant'));
  await shot(page, 'analysis-sales-city.png', { fullPage: true });

  // Drill down: the rows behind the city.
  await row.click();
  const drill = page.getByTestId('analysis-drill');
  await expect(drill).toBeVisible();
  await expect(drill).toContainText(hand.name);
  await expect(drill).not.toHaveAttribute('data-total', '');
  expect(Number(await drill.getAttribute('data-total'))).toBeGreaterThan(0);
  await expect(page.getByTestId('analysis-drill-grid').getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'analysis-sales-drill.png', { fullPage: true });

  // Save the chart as a PNG.
  const download = page.waitForEvent('download');
  await page.getByTestId('analysis-save-png').click();
  const png = await download;
  expect(png.suggestedFilename()).toMatch(/\.png$/);

  // March–May only: the city's actual is those months' sum, against the same months of 2025.
  await page.getByTestId('analysis-from').selectOption('3');
  await page.getByTestId('analysis-to').selectOption('5');
  const db3 = new Database(join(demoDir, file!), { readonly: true, fileMustExist: true });
  let spring: number;
  try {
    spring = (db3.prepare('SELECT a.amount_cents AS amount, a.period AS period FROM sales_actual a, customer cu WHERE cu.id = a.customer_id AND cu.city_id = ?').all(hand.city) as { amount: number; period: number }[])
      .filter((r) => r.period >= 202603 && r.period <= 202605)
      .reduce((sum, r) => sum + r.amount, 0);
  } finally {
    db3.close();
  }
  await expect(page.getByTestId('analysis-months-note')).toBeVisible();
  await expect(row).toHaveAttribute('data-actual', String(spring));
  await page.getByTestId('analysis-from').selectOption('1');
  await page.getByTestId('analysis-to').selectOption('12');
  await expect(row).toHaveAttribute('data-actual', String(hand.cents));

  // By month: a line chart with month-on-month in the table.
  await page.getByTestId('analysis-by').selectOption('month');
  await expect(view).toHaveAttribute('data-by', 'month');
  await expect(page.getByTestId('analysis-row')).toHaveCount(12);
  await expect(page.getByTestId('analysis-chart')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'analysis-sales-month.png', { fullPage: true });

  // Market share against competitors, by city, from market data.
  const market = page.getByTestId('analysis-market');
  await market.scrollIntoViewIfNeeded();
  await expect(market).toHaveAttribute('data-year', '2026');
  await expect(page.getByTestId('market-chart')).toHaveAttribute('data-rendered', 'true');
  const db2 = new Database(join(demoDir, file!), { readonly: true, fileMustExist: true });
  let share: { city: number; ours: number; market: number };
  try {
    const rows = db2.prepare('SELECT m.city_id AS city, m.amount_cents AS a, b.is_own AS own, m.period AS p FROM market_sales m, brand b WHERE b.id = m.brand_id').all() as {
      city: number; a: number; own: number; p: number;
    }[];
    const sums = new Map<number, { ours: number; market: number }>();
    for (const r of rows) {
      if (Math.floor(r.p / 100) !== 2026) continue;
      const e = sums.get(r.city) ?? { ours: 0, market: 0 };
      e.market += r.a;
      if (r.own === 1) e.ours += r.a;
      sums.set(r.city, e);
    }
    const city = [...sums.keys()].sort((a, b) => a - b)[0];
    share = { city, ...sums.get(city)! };
  } finally {
    db2.close();
  }
  const marketRow = page.locator(`[data-testid="market-row"][data-key="${share.city}"]`);
  await expect(marketRow).toHaveAttribute('data-ours', String(share.ours));
  await expect(marketRow).toHaveAttribute('data-market', String(share.market));
  await expect(marketRow.locator('[data-col="share"]')).toHaveText(formatPercent(share.ours / share.market, 'zh-Hant', 1));
  await shot(page, 'analysis-sales-market.png', { fullPage: true });
  await marketRow.click();
  const marketDrill = page.getByTestId('market-drill');
  await expect(marketDrill).toBeVisible();
  await expect(page.getByTestId('market-drill-grid').getByRole('row').nth(1)).toBeVisible();
  const marketPng = page.waitForEvent('download');
  await page.getByTestId('market-save-png').click();
  expect((await marketPng).suggestedFilename()).toMatch(/^市場佔有率.*\.png$/);
});
