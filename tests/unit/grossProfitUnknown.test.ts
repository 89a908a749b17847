import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import type { ImportCommitResult } from '../../src/shared/importTypes';
import { demoOpener, invokeOk, salesSummaryPair, type RegistryCtx } from './helpers';

// Sales lines of a SKU whose cost is not known, from a file without gross profit: their
// gross profit is unknown (never the whole amount), the grid and every margin say so, and
// entering the cost later fills it in (undo puts it back). Every expected figure is
// computed here from the test's own rows.

const open = demoOpener(() => ({ runJob: inlineJobRunner() }));

const sqlite = (c: RegistryCtx) => c.session.requireFile().sqlite;
const one = <T>(c: RegistryCtx, q: string, ...p: unknown[]) => sqlite(c).prepare(q).get(...p) as T;

function dataFile(c: RegistryCtx, name: string, content: string): string {
  const p = join(c.path, '..', name);
  writeFileSync(p, content);
  c.session.grant(p);
  return p;
}

function expectSummaryInStep(c: RegistryCtx): void {
  const { stored, fromLines } = salesSummaryPair(sqlite(c));
  expect(stored).toEqual(fromLines);
}

/** The lines of the test's months: [period, customer code, SKU code, amount, volume, GP, gp_known]. */
const lines = (c: RegistryCtx) =>
  sqlite(c)
    .prepare(
      `SELECT a.period, cu.code, s.code, a.amount_cents, a.volume, a.gross_profit_cents, a.gp_known
         FROM sales_actual a JOIN customer cu ON cu.id = a.customer_id JOIN sku s ON s.id = a.sku_id
        WHERE a.period >= 202901 ORDER BY 1, 2, 3`,
    )
    .raw()
    .all() as (string | number)[][];

async function setup(c: RegistryCtx) {
  const [cu1, cu2] = sqlite(c).prepare('SELECT code FROM customer ORDER BY id LIMIT 2').pluck().all() as string[];
  const [unknown, known] = sqlite(c).prepare('SELECT id, code, std_cost_cents AS cost FROM sku WHERE std_cost_cents IS NOT NULL ORDER BY id LIMIT 2').all() as {
    id: number;
    code: string;
    cost: number;
  }[];
  // The first SKU's cost becomes unknown (cleared in the SKU grid).
  await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: unknown.id, stdCostCents: null }], label: 'clear' });
  const file = [
    '月份,客戶編碼,存貨編碼,數量,金額',
    `2029-01,${cu1},${unknown.code},3,500`,
    `2029-01,${cu1},${unknown.code},2,300`,
    `2029-01,${cu1},${known.code},4,400`,
    `2029-02,${cu2},${unknown.code},1,100`,
  ].join('\n');
  const path = dataFile(c, 'erp-nogp.csv', file);
  const done = (await invokeOk(c, 'import.commit', {
    path,
    destination: 'actuals:sales',
    mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4 },
    source: 'ERP',
  })) as ImportCommitResult;
  expect(done.inserted).toBe(3);
  return { cu1, cu2, unknown, known };
}

describe('sales lines whose gross profit is not known', () => {
  it('are stored with gross profit 0 and gp_known 0, and the summaries carry their sales', async () => {
    const c = await open();
    const { cu1, cu2, unknown, known } = await setup(c);
    expect(lines(c)).toEqual([
      // Two file rows of one line: unknown as a whole, never the amount as if it cost nothing.
      [202901, cu1, unknown.code, 80_000, 5, 0, 0],
      [202901, cu1, known.code, 40_000, 4, 40_000 - 4 * known.cost, 1],
      [202902, cu2, unknown.code, 10_000, 1, 0, 0],
    ]);
    expectSummaryInStep(c);
    expect(one<{ n: number }>(c, 'SELECT SUM(amount_no_gp_cents) AS n FROM sales_month_sku WHERE period >= 202901').n).toBe(90_000);
    expect(one<{ n: number }>(c, 'SELECT SUM(amount_no_gp_cents) AS n FROM sales_month_customer WHERE period >= 202901').n).toBe(90_000);
  });

  it('show as cost missing in the actuals grid, whose totals say how many lines and how much sales lack gross profit', async () => {
    const c = await open();
    const { unknown, known } = await setup(c);
    const list = await invokeOk(c, 'actuals.list', { kind: 'sales', filter: { periodFrom: 202901, periodTo: 202912 } });
    expect(list.rows.map((r) => [r.skuCode, r.grossProfitCents])).toEqual([
      [unknown.code, null],
      [known.code, 40_000 - 4 * known.cost],
      [unknown.code, null],
    ]);
    expect(list.totals).toMatchObject({ amountCents: 130_000, grossProfitCents: 40_000 - 4 * known.cost, noGpLines: 2, noGpAmountCents: 90_000 });
    expect(list.totals.grossProfitCents).not.toBe(list.totals.amountCents);
  });

  it('are left out of the sales analysis margin, which says how much sales it leaves out', async () => {
    const c = await open();
    const { known } = await setup(c);
    const gp = 40_000 - 4 * known.cost;
    const byMonth = await invokeOk(c, 'analysis.sales', { year: 2029, by: 'month' });
    expect(byMonth.total).toMatchObject({ actual: 130_000, grossProfit: gp, salesNoGp: 90_000 });
    expect(byMonth.total.grossMargin).toBeCloseTo(gp / 40_000, 10);
    // February sold only the SKU without a cost: no margin at all, rather than 0% or 100%.
    expect(byMonth.rows.find((r) => r.key === 2)).toMatchObject({ actual: 10_000, salesNoGp: 10_000, grossProfit: 0, grossMargin: null });
    // The same through the lines (a brand filter reads sales_actual, not the summaries).
    const brand = one<{ b: number }>(c, 'SELECT brand_id AS b FROM sku WHERE code = ?', known.code).b;
    const filtered = await invokeOk(c, 'analysis.sales', { year: 2029, by: 'customer', filter: { brandId: brand } });
    const expected = one<{ a: number; n: number }>(
      c,
      `SELECT SUM(a.amount_cents) AS a, SUM(CASE WHEN a.gp_known = 0 THEN a.amount_cents ELSE 0 END) AS n
         FROM sales_actual a JOIN sku s ON s.id = a.sku_id WHERE a.period >= 202901 AND s.brand_id = ?`,
      brand,
    );
    expect(filtered.total).toMatchObject({ actual: expected.a, salesNoGp: expected.n });
    // The expense analysis' gross profit (and its return on expense) says what it leaves out.
    const expenses = await invokeOk(c, 'analysis.expenses', { year: 2029 });
    expect(expenses.total).toMatchObject({ sales: 130_000, grossProfit: gp });
    expect(expenses.salesNoGp).toBe(90_000);
    // Last year's gross profit under the targets: the sales it leaves out, by month.
    const region = await invokeOk(c, 'region.monthlyTotals', { year: 2029 });
    expect(region.map((m) => [m.period, m.grossProfitCents, m.amountNoGpCents])).toEqual([
      [202901, gp, 80_000],
      [202902, 0, 10_000],
    ]);
  });

  it('take their gross profit from the cost once it is entered, and undo and redo put it back and again', async () => {
    const c = await open();
    const { cu1, cu2, unknown, known } = await setup(c);
    const before = lines(c);
    const summaries = salesSummaryPair(sqlite(c)).stored;
    const res = await c.r.invoke('master.apply', { entity: 'sku', rows: [{ id: unknown.id, stdCostCents: 7_000 }], label: 'edit' });
    expect(res.ok).toBe(true);
    // The actuals views are told their figures changed.
    expect(res.ok && res.changed).toContain('actuals');
    const filled = [
      [202901, cu1, unknown.code, 80_000, 5, 80_000 - 5 * 7_000, 2],
      [202901, cu1, known.code, 40_000, 4, 40_000 - 4 * known.cost, 1],
      [202902, cu2, unknown.code, 10_000, 1, 10_000 - 7_000, 2],
    ];
    expect(lines(c)).toEqual(filled);
    expectSummaryInStep(c);
    expect(one<{ n: number }>(c, 'SELECT SUM(amount_no_gp_cents) AS n FROM sales_month_sku WHERE period >= 202901').n).toBe(0);

    await invokeOk(c, 'edit.undo', {});
    expect(one<{ c: number | null }>(c, 'SELECT std_cost_cents AS c FROM sku WHERE id = ?', unknown.id).c).toBeNull();
    expect(lines(c)).toEqual(before);
    expect(salesSummaryPair(sqlite(c)).stored).toEqual(summaries);
    await invokeOk(c, 'edit.redo', {});
    expect(lines(c)).toEqual(filled);
    expectSummaryInStep(c);

    // A changed cost moves them again; a cleared cost makes them unknown again (never 100%).
    await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: unknown.id, stdCostCents: 6_000 }], label: 'edit' });
    expect(lines(c)[2]).toEqual([202902, cu2, unknown.code, 10_000, 1, 4_000, 2]);
    await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: unknown.id, stdCostCents: null }], label: 'clear' });
    expect(lines(c)).toEqual(before);
    expectSummaryInStep(c);
  });

  it('merged with a line of known gross profit (two customers merged) stay unknown as a whole, the summaries in step, and undo restores both', async () => {
    const c = await open();
    const { cu1, cu2, unknown } = await setup(c);
    // Another source gives cu2 a line of the same month and SKU with its gross profit.
    const path = dataFile(c, 'other-gp.csv', `月份,客戶編碼,存貨編碼,數量,金額,毛利\n2029-01,${cu2},${unknown.code},1,100,30\n`);
    await invokeOk(c, 'import.commit', { path, destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4, grossProfit: 5 }, source: 'other' });
    const before = lines(c);
    expect(before).toContainEqual([202901, cu2, unknown.code, 10_000, 1, 3_000, 1]);
    const id = (code: string) => one<{ id: number }>(c, 'SELECT id FROM customer WHERE code = ?', code).id;
    await invokeOk(c, 'master.remove', { entity: 'customer', ids: [id(cu2)], mode: 'merge', targetId: id(cu1) });
    const merged = lines(c).filter((l) => l[0] === 202901 && l[2] === unknown.code);
    expect(merged).toEqual([[202901, cu1, unknown.code, 90_000, 6, 0, 0]]);
    expectSummaryInStep(c);
    await invokeOk(c, 'edit.undo', {});
    expect(lines(c)).toEqual(before);
    expectSummaryInStep(c);
    await invokeOk(c, 'edit.redo', {});
    expect(lines(c).filter((l) => l[0] === 202901 && l[2] === unknown.code)).toEqual(merged);
    expectSummaryInStep(c);
  });

  it('a file with gross profit on every row keeps it as it is (known), whatever the SKU cost', async () => {
    const c = await open();
    const cu = one<{ code: string }>(c, 'SELECT code FROM customer ORDER BY id LIMIT 1').code;
    const sku = one<{ id: number; code: string }>(c, 'SELECT id, code FROM sku ORDER BY id LIMIT 1');
    await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: sku.id, stdCostCents: null }], label: 'clear' });
    const path = dataFile(c, 'erp-gp.csv', `月份,客戶編碼,存貨編碼,數量,金額,毛利\n2029-03,${cu},${sku.code},2,200,50\n`);
    await invokeOk(c, 'import.commit', { path, destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4, grossProfit: 5 }, source: 'ERP' });
    expect(lines(c)).toEqual([[202903, cu, sku.code, 20_000, 2, 5_000, 1]]);
    await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: sku.id, stdCostCents: 9_000 }], label: 'edit' });
    expect(lines(c)).toEqual([[202903, cu, sku.code, 20_000, 2, 5_000, 1]]);
  });
});
