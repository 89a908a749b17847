import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ProductPlan } from '../../src/shared/endpoints/planProduct';
import { demoOpener, invokeOk, invokeRefused, type RegistryCtx } from './helpers';

// The product plan (品牌與產品規劃) through the handler registry on the tiny demo region
// (plan year 2027): its figures against the targets area and the sales analysis on the
// same slices, the positioning and the new products edited, undone and refused, and a
// snapshot that keeps them frozen.

type Ctx = RegistryCtx;
const call = invokeOk;
const WAN = 1_000_000;

/** A SKU whose cost is not known, with last year's lines of it as having no gross profit (as an ERP import of it leaves them). */
function skuWithoutCost(db: Database.Database): void {
  const sku = db.prepare(`SELECT s.id FROM sku s JOIN brand b ON b.id = s.brand_id WHERE b.is_own = 1 AND s.is_new = 0
    AND EXISTS (SELECT 1 FROM sales_actual a WHERE a.sku_id = s.id AND a.period BETWEEN 202601 AND 202612) ORDER BY s.id LIMIT 1`).pluck().get() as number;
  db.prepare('UPDATE sku SET std_cost_cents = NULL WHERE id = ?').run(sku);
  db.prepare('UPDATE sales_actual SET gross_profit_cents = 0, gp_known = 0 WHERE sku_id = ? AND period BETWEEN 202601 AND 202612').run(sku);
  // The monthly summaries hold the same sums as the lines (migration 6).
  db.exec(`DELETE FROM sales_month_sku WHERE period BETWEEN 202601 AND 202612;
    INSERT INTO sales_month_sku (period, sku_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents)
      SELECT period, sku_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), SUM(CASE WHEN gp_known = 0 THEN amount_cents ELSE 0 END)
        FROM sales_actual WHERE period BETWEEN 202601 AND 202612 GROUP BY 1, 2;
    DELETE FROM sales_month_customer WHERE period BETWEEN 202601 AND 202612;
    INSERT INTO sales_month_customer (period, customer_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents)
      SELECT period, customer_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), SUM(CASE WHEN gp_known = 0 THEN amount_cents ELSE 0 END)
        FROM sales_actual WHERE period BETWEEN 202601 AND 202612 GROUP BY 1, 2;`);
}

const open = demoOpener();

/** One more SKU flagged new than the demo's planned ones, free to be added. */
const oneMoreNew = (db: Database.Database) => {
  db.exec(`UPDATE sku SET is_new = 1 WHERE id = (SELECT s.id FROM sku s JOIN brand b ON b.id = s.brand_id
    WHERE b.is_own = 1 AND s.is_new = 0 ORDER BY s.id DESC LIMIT 1)`);
};

async function working(c: Ctx): Promise<number> {
  return (await call(c, 'targets.versions', {})).find((v) => v.kind === 'working')!.id;
}

async function seedPlan(c: Ctx): Promise<number> {
  const v = await working(c);
  await call(c, 'targets.setCells', {
    versionId: v, levels: ['province', 'city', 'customer'], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: 4_000 * WAN }],
  });
  return v;
}

const sql = <T>(c: Ctx, q: string, ...params: unknown[]): T => c.session.requireFile().sqlite.prepare(q).pluck().get(...params) as T;
const steps = (c: Ctx) => sql<number>(c, 'SELECT count(*) FROM undo_step WHERE undone = 0');
const rowsOf = (c: Ctx) =>
  c.session.requireFile().sqlite.prepare(`SELECT 'p', version_id, brand_id, category_id, channel_id, focus FROM product_position
    UNION ALL SELECT 'n', version_id, sku_id, launch_period, target_cents, target_distribution FROM new_product
    UNION ALL SELECT 'c', version_id, sku_id, channel_id, NULL, NULL FROM new_product_channel ORDER BY 1, 2, 3, 4, 5`).raw().all();

describe('the product mix', () => {
  it('agrees with the targets area and the sales analysis on every brand and category, and invents no margin', async () => {
    const c = await open(skuWithoutCost);
    const v = await seedPlan(c);
    const plan = await call(c, 'plan.product.get', {});
    expect(plan.seeded).toBe(true);
    const summary = await call(c, 'targets.summary', { versionId: v });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

    // The total is the targets area's: target, gross profit from SKU margins, the new-product target.
    expect(plan.total.targetCents).toBe(sum(summary.plan.amountCents));
    expect(plan.total.targetNoCostCents).toBe(summary.costMissing.amountCents);
    expect(plan.total.targetNoCostCents).toBeGreaterThan(0);
    const known = sum(summary.plan.amountCents) - summary.costMissing.amountCents;
    expect(plan.total.targetMargin).toBeCloseTo(sum(summary.plan.grossProfitCents) / known, 6);
    expect(plan.newTotals.derivedCents).toBe(sum(summary.plan.newProductCents));
    expect(plan.newTotals.hoCents).toBe(sum(summary.ho.newProductCents));
    // Last year is the targets area's last year too.
    expect(plan.total.lastYearCents).toBe(sum(summary.lastYear.amountCents));
    expect(plan.total.lastYearNoGpCents).toBe(sum(summary.lastYear.amountNoGpCents));
    expect(plan.total.lastYearNoGpCents).toBeGreaterThan(0);

    for (const dim of ['brand', 'category'] as const) {
      const rows = dim === 'brand' ? plan.brands : plan.categories;
      const target = await call(c, 'analysis.sales', { year: 2027, by: dim });
      const actual = await call(c, 'analysis.sales', { year: 2026, by: dim });
      for (const r of rows) {
        const t = target.rows.find((x) => x.key === r.id);
        const a = actual.rows.find((x) => x.key === r.id);
        expect(r.targetCents, `${dim} ${r.name} target`).toBe(t?.target ?? 0);
        expect(r.lastYearCents, `${dim} ${r.name} last year`).toBe(a?.actual ?? 0);
        expect(r.lastYearNoGpCents).toBe(a?.salesNoGp ?? 0);
        expect(r.lastYearMargin).toBe(a?.grossMargin ?? null);
        expect(r.targetShare).toBeCloseTo(r.targetCents / plan.total.targetCents, 12);
        expect(r.lastYearShare).toBeCloseTo(r.lastYearCents / plan.total.lastYearCents, 12);
      }
      expect(rows.reduce((s, r) => s + r.targetCents, 0)).toBe(plan.total.targetCents);
      expect(rows.reduce((s, r) => s + r.lastYearCents, 0)).toBe(plan.total.lastYearCents);
      expect(plan.total.lastYearMargin).toBe(actual.total.grossMargin);
    }
    // The brand whose SKU has no cost: its margin leaves that SKU's target out instead of counting it at 0 or 100%.
    const withGap = plan.brands.find((b) => b.targetNoCostCents > 0)!;
    expect(withGap.targetMargin).toBeCloseTo(withGap.targetGrossProfitCents / (withGap.targetCents - withGap.targetNoCostCents), 12);
    expect(withGap.lastYearNoGpCents).toBeGreaterThan(0);
  });

  it('without a plan says there is no target rather than a share of 0', async () => {
    const c = await open();
    const plan = await call(c, 'plan.product.get', {});
    expect(plan.seeded).toBe(false);
    expect(plan.brands.length).toBeGreaterThan(0);
    expect(plan.brands.every((b) => b.targetShare === null && b.targetMargin === null && b.growth === null)).toBe(true);
    expect(plan.brands.some((b) => b.lastYearShare !== null && b.lastYearMargin !== null)).toBe(true);
  });
});

describe('the demo region', () => {
  it('has a channel positioning and two new products, short of head office\'s new-product target', async () => {
    const c = await open();
    const plan = await call(c, 'plan.product.get', {});
    expect(plan.positions.filter((p) => p.focus === 'focus').length).toBeGreaterThanOrEqual(plan.brands.filter((b) => b.lastYearCents > 0).length);
    expect(plan.positions.some((p) => p.dim === 'category')).toBe(true);
    expect(plan.newProducts).toHaveLength(2);
    for (const p of plan.newProducts) {
      expect(Math.floor(p.launchPeriod / 100)).toBe(plan.planYear);
      expect(p.channelIds.length).toBeGreaterThan(0);
      expect(p.targetCents).toBeGreaterThan(0);
    }
    expect(plan.newTotals.hoGapCents).toBeLessThan(0);
  });
});

describe('editing the product plan', () => {
  it('sets positions as one undo step; normal removes the row; undo and redo restore it', async () => {
    const c = await open();
    const before = await call(c, 'plan.product.get', {});
    const brand = before.brands[0].id;
    const [ch1, ch2] = before.channels.map((x) => x.id);
    const stepsBefore = steps(c);
    await call(c, 'plan.product.setPositions', {
      cells: [
        { dim: 'brand', id: brand, channelId: ch1, focus: 'not_sold' },
        { dim: 'brand', id: brand, channelId: ch2, focus: 'normal' },
      ],
    });
    expect(steps(c)).toBe(stepsBefore + 1);
    const after = await call(c, 'plan.product.get', {});
    const at = (p: ProductPlan, ch: number) => p.positions.find((x) => x.dim === 'brand' && x.id === brand && x.channelId === ch)?.focus ?? 'normal';
    expect(at(after, ch1)).toBe('not_sold');
    expect(at(after, ch2)).toBe('normal');
    await call(c, 'edit.undo', {});
    const undone = await call(c, 'plan.product.get', {});
    expect(undone.positions).toEqual(before.positions);
    await call(c, 'edit.redo', {});
    expect((await call(c, 'plan.product.get', {})).positions).toEqual(after.positions);
  });

  it('adds, updates and removes new products with their channels, each one undo step', async () => {
    const c = await open(oneMoreNew);
    const base = await call(c, 'plan.product.get', {});
    const sku = base.options.newSkus[0].id;
    const [ch1, ch2, ch3] = base.channels.map((x) => x.id);
    const original = rowsOf(c);
    await call(c, 'plan.product.applyNewProducts', {
      rows: [{ skuId: sku, launchPeriod: 202704, channelIds: [ch1, ch2], targetDistribution: 0.5, targetCents: 80 * WAN, supportCents: 5 * WAN }],
    });
    let plan = await call(c, 'plan.product.get', {});
    let row = plan.newProducts.find((p) => p.skuId === sku)!;
    expect(row).toMatchObject({ launchPeriod: 202704, channelIds: [ch1, ch2], targetDistribution: 0.5, targetCents: 80 * WAN, supportCents: 5 * WAN });
    expect(plan.newTotals.plannedCents).toBe(base.newTotals.plannedCents + 80 * WAN);
    expect(plan.newTotals.gapCents).toBe(plan.newTotals.plannedCents - plan.newTotals.derivedCents);
    expect(plan.options.newSkus.some((s) => s.id === sku)).toBe(false);
    const added = rowsOf(c);

    await call(c, 'plan.product.applyNewProducts', { rows: [{ skuId: sku, channelIds: [ch2, ch3], targetCents: 90 * WAN }] });
    plan = await call(c, 'plan.product.get', {});
    row = plan.newProducts.find((p) => p.skuId === sku)!;
    expect(row).toMatchObject({ launchPeriod: 202704, channelIds: [ch2, ch3], targetCents: 90 * WAN, targetDistribution: 0.5 });
    await call(c, 'edit.undo', {});
    expect(rowsOf(c)).toEqual(added);

    await call(c, 'plan.product.removeNewProducts', { skuIds: [sku] });
    expect((await call(c, 'plan.product.get', {})).newProducts.some((p) => p.skuId === sku)).toBe(false);
    await call(c, 'edit.undo', {});
    expect(rowsOf(c)).toEqual(added);
    await call(c, 'edit.undo', {});
    expect(rowsOf(c)).toEqual(original);
  });

  it('links a promotion of the working plan and counts its budget once; a deleted one is said to be gone', async () => {
    const c = await open();
    const base = await call(c, 'plan.product.get', {});
    const item = sql<number>(c, `SELECT id FROM expense_item i WHERE NOT EXISTS (SELECT 1 FROM expense_item x WHERE x.parent_id = i.id) ORDER BY id LIMIT 1`);
    const { id } = await call(c, 'promotions.create', {
      name: '新品試飲', type: 'tasting', startDate: '2027-04-01', endDate: '2027-04-30', budget: [{ itemId: item, amountCents: 12 * WAN }],
    });
    const [a, b] = base.newProducts;
    await call(c, 'plan.product.applyNewProducts', { rows: [{ skuId: a.skuId, promotionId: id }, { skuId: b.skuId, promotionId: id }] });
    let plan = await call(c, 'plan.product.get', {});
    expect(plan.options.promotions.map((p) => p.id)).toContain(id);
    expect(plan.newProducts.find((p) => p.skuId === a.skuId)!.promotion).toEqual({ name: '新品試飲', budgetCents: 12 * WAN });
    expect(plan.newTotals.supportCents).toBe(base.newTotals.supportCents + 12 * WAN);
    await call(c, 'promotions.delete', { id });
    plan = await call(c, 'plan.product.get', {});
    const gone = plan.newProducts.find((p) => p.skuId === a.skuId)!;
    expect(gone.promotion).toBeNull();
    expect(gone.promotionMissing).toBe(true);
    // Keeping the gone link is allowed; linking it anew is not.
    await call(c, 'plan.product.applyNewProducts', { rows: [{ skuId: a.skuId, promotionId: id, targetCents: 1 }] });
    await call(c, 'plan.product.removeNewProducts', { skuIds: [b.skuId] });
    const err = await invokeRefused(c, 'plan.product.applyNewProducts', { rows: [{ skuId: b.skuId, promotionId: id }] });
    expect(err.rule).toBe('planProduct.error.unknownPromotion');
  });

  it('refuses bad input with the rule and the field, and changes nothing', async () => {
    const c = await open(oneMoreNew);
    const plan = await call(c, 'plan.product.get', {});
    const sku = plan.newProducts[0].skuId;
    const fresh = plan.options.newSkus[0].id;
    const oldSku = sql<number>(c, 'SELECT id FROM sku WHERE is_new = 0 ORDER BY id LIMIT 1');
    const before = rowsOf(c);
    const stepsBefore = steps(c);
    const cases: [unknown, string, string][] = [
      [{ rows: [{ skuId: sku, launchPeriod: 202612 }] }, 'planProduct.error.launchOutsideYear', 'rows.0.launchPeriod'],
      [{ rows: [{ skuId: fresh }, { skuId: sku, launchPeriod: 202813 }] }, 'planProduct.error.launchOutsideYear', 'rows.1.launchPeriod'],
      [{ rows: [{ skuId: sku, targetCents: -100 }] }, 'planProduct.error.negativeTarget', 'rows.0.targetCents'],
      [{ rows: [{ skuId: sku, targetDistribution: 1.2 }] }, 'planProduct.error.distributionOver', 'rows.0.targetDistribution'],
      [{ rows: [{ skuId: sku, targetDistribution: -0.1 }] }, 'planProduct.error.distributionNegative', 'rows.0.targetDistribution'],
      [{ rows: [{ skuId: sku, supportCents: -1 }] }, 'planProduct.error.negativeSupport', 'rows.0.supportCents'],
      [{ rows: [{ skuId: oldSku }] }, 'planProduct.error.notNewSku', 'rows.0.skuId'],
      [{ rows: [{ skuId: sku }, { skuId: sku }] }, 'planProduct.error.duplicateSku', 'rows.1.skuId'],
      [{ rows: [{ skuId: sku, channelIds: [9999] }] }, 'planProduct.error.unknownChannel', 'rows.0.channelIds.0'],
      [{ rows: [{ skuId: sku, promotionId: 9999 }] }, 'planProduct.error.unknownPromotion', 'rows.0.promotionId'],
    ];
    for (const [input, rule, path] of cases) {
      const err = await invokeRefused(c, 'plan.product.applyNewProducts', input);
      expect(err.rule, JSON.stringify(input)).toBe(rule);
      expect(err.issues?.[0]?.path).toBe(path);
    }
    const gone = await invokeRefused(c, 'plan.product.removeNewProducts', { skuIds: [fresh] });
    expect(gone.rule).toBe('planProduct.error.notFound');
    const unknown = await invokeRefused(c, 'plan.product.setPositions', { cells: [{ dim: 'category', id: 9999, channelId: plan.channels[0].id, focus: 'focus' }] });
    expect(unknown.rule).toBe('planProduct.error.unknownMember');
    // Shape errors never reach the service.
    expect((await invokeRefused(c, 'plan.product.setPositions', { cells: [{ dim: 'brand', id: 1, channelId: 1, focus: 'maybe' }] })).code).toBe('INVALID_INPUT');
    expect(rowsOf(c)).toEqual(before);
    expect(steps(c)).toBe(stepsBefore);
  });
});

describe('versions', () => {
  it('a snapshot keeps the product plan frozen and readable; a scenario starts from a copy', async () => {
    const c = await open();
    const v = await working(c);
    const plan = await call(c, 'plan.product.get', {});
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 2026-12-20' });
    const scenario = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    const frozen = await call(c, 'plan.product.get', { versionId: snap.id });
    expect(frozen.frozen).toBe(true);
    expect(frozen.positions).toEqual(plan.positions);
    expect(frozen.newProducts).toEqual(plan.newProducts);
    expect((await call(c, 'plan.product.get', { versionId: scenario.id })).newProducts).toEqual(plan.newProducts);
    // Editing the working plan leaves the snapshot as it was.
    const sku = plan.newProducts[0].skuId;
    await call(c, 'plan.product.applyNewProducts', { rows: [{ skuId: sku, targetCents: 1 }] });
    await call(c, 'plan.product.removeNewProducts', { skuIds: [plan.newProducts[1].skuId] });
    expect((await call(c, 'plan.product.get', { versionId: snap.id })).newProducts).toEqual(plan.newProducts);
    // The file refuses any change to the snapshot's rows.
    const db = c.session.requireFile().sqlite;
    expect(() => db.prepare('UPDATE new_product SET target_cents = 5 WHERE version_id = ?').run(snap.id)).toThrow(/snapshot is frozen/);
    expect(() => db.prepare('DELETE FROM product_position WHERE version_id = ?').run(snap.id)).toThrow(/snapshot is frozen/);
    // A deleted scenario takes its copy with it.
    await call(c, 'targets.deleteVersion', { id: scenario.id });
    expect(sql<number>(c, 'SELECT count(*) FROM new_product WHERE version_id = ?', scenario.id)).toBe(0);
  });
});

describe('master data the product plan uses', () => {
  it('a channel in the positioning and a new product\'s channels is in use; reassigning it moves them, as one undo step', async () => {
    const c = await open();
    const plan = await call(c, 'plan.product.get', {});
    const used = plan.newProducts[0].channelIds[0];
    // A channel the terminal plan does not use either: moving rows onto a channel that has its
    // own for the same city and month is refused (merge adds them), which is not this test.
    const inTerminalPlan = new Set(
      [...c.session.requireFile().sqlite.prepare('SELECT channel_id FROM terminal_open_plan UNION SELECT channel_id FROM terminal_share_target').pluck().all()] as number[],
    );
    const other = plan.channels
      .map((x) => x.id)
      .find((id) => id !== used && !inTerminalPlan.has(id) && !plan.newProducts.some((p) => p.channelIds.includes(id)))!;
    await call(c, 'plan.product.setPositions', { cells: [{ dim: 'brand', id: plan.brands[0].id, channelId: used, focus: 'focus' }, { dim: 'brand', id: plan.brands[0].id, channelId: other, focus: 'normal' }] });
    const usage = await call(c, 'master.usage', { entity: 'channel', ids: [used] });
    const tables = usage.uses.map((u) => u.table);
    expect(tables).toEqual(expect.arrayContaining(['product_position', 'new_product_channel']));
    const refused = await invokeRefused(c, 'master.remove', { entity: 'channel', ids: [used], mode: 'delete' });
    expect(refused.code).toBe('CONFLICT');
    const before = rowsOf(c);
    await call(c, 'master.remove', { entity: 'channel', ids: [used], mode: 'reassign', targetId: other });
    const after = await call(c, 'plan.product.get', {});
    expect(after.newProducts[0].channelIds).toContain(other);
    expect(after.positions.some((p) => p.dim === 'brand' && p.id === plan.brands[0].id && p.channelId === other && p.focus === 'focus')).toBe(true);
    await call(c, 'edit.undo', {});
    expect(rowsOf(c)).toEqual(before);
  });
});
