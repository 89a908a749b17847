import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TargetPeriod } from '../../src/shared/endpoints/targets';
import type { CheckResult } from '../../src/shared/submit';
import { demoOpener, invokeOk, invokeRefused, type RegistryCtx } from './helpers';

// The pre-submission check on the tiny demo: a plan spread from head office's target
// passes, and each rule fires on a file broken for it, naming the place to fix it.

const open = demoOpener();

/** The demo sells a SKU it has since discontinued; a clean plan must not target it. */
const cleanMaster = (db: Database.Database) => db.exec(`UPDATE sku SET status = 'active'`);

/** The working plan spread from head office's target, month by month, in amount and volume. */
async function spreadHo(c: RegistryCtx): Promise<number> {
  const ho = await invokeOk(c, 'targets.hoTarget', {});
  const versionId = (await invokeOk(c, 'submit.check', {})).versionId;
  const period = (m: number) => `m${m}` as TargetPeriod;
  await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'lastYear', edits: ho.map((h) => ({ path: [], period: period(h.month), value: h.amountCents })), label: 'edit' });
  await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'volume', method: 'current', edits: ho.map((h) => ({ path: [], period: period(h.month), value: h.volume })), label: 'edit' });
  return versionId;
}

async function cleanPlan(edit?: (db: Database.Database) => void): Promise<{ c: RegistryCtx; versionId: number }> {
  const c = await open((db) => {
    cleanMaster(db);
    edit?.(db);
  });
  return { c, versionId: await spreadHo(c) };
}

const rules = (r: CheckResult) => r.findings.map((f) => f.rule);
const only = (r: CheckResult, rule: string) => r.findings.filter((f) => f.rule === rule);

describe('the pre-submission check', () => {
  it('passes a plan spread from head office’s target, in every language', async () => {
    const { c, versionId } = await cleanPlan();
    for (const language of ['zh-Hant', 'zh-Hans', 'en'] as const) {
      const r = await invokeOk(c, 'submit.check', { language });
      expect(r).toMatchObject({ versionId, errors: 0, warnings: 0, tolerance: 0.01, cap: null });
      expect(r.findings).toEqual([]);
    }
  });

  it('finds a plan with nothing in it, once', async () => {
    const c = await open(cleanMaster);
    const r = await invokeOk(c, 'submit.check', {});
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'planEmpty', place: { area: 'targets', tab: 'grid' } })]);
  });

  it('finds a measure of head office’s target the plan leaves out', async () => {
    const { c, versionId } = await cleanPlan();
    await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'volume', method: 'current', edits: [{ path: [], period: 'year', value: 0 }], label: 'edit' });
    const r = await invokeOk(c, 'submit.check', { language: 'en' });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'measureNotPlanned', params: expect.objectContaining({ measure: 'volume' }), place: { area: 'targets', tab: 'grid' } })]);
  });

  it('finds a month off head office’s target beyond the tolerance, and the tolerance is head office’s to set', async () => {
    const { c, versionId } = await cleanPlan();
    const ho = await invokeOk(c, 'targets.hoTarget', {});
    await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'current', edits: [{ path: [], period: 'm3', value: Math.round(ho[2].amountCents * 1.05) }], label: 'edit' });
    let r = await invokeOk(c, 'submit.check', { language: 'en' });
    expect(rules(r)).toEqual(['hoGapMonth']);
    expect(r.findings[0]).toMatchObject({ severity: 'error', params: { month: 3, gap: '5.0%', tolerance: '1.0%' }, place: { area: 'targets', tab: 'grid', ref: 3 } });
    expect(r.findings[0].message).toContain('Month 3');

    await invokeOk(c, 'submit.setTolerance', { tolerance: 0.06 });
    r = await invokeOk(c, 'submit.check', {});
    expect(r).toMatchObject({ errors: 0, tolerance: 0.06 });
    // Undone like any edit.
    await invokeOk(c, 'edit.undo', {});
    expect((await invokeOk(c, 'submit.check', {})).tolerance).toBe(0.01);

    const refused = await invokeRefused(c, 'submit.setTolerance', { tolerance: 0.6 });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('tolerance');
  });

  it('finds a month of head office’s target left unplanned, and the year’s gap it makes', async () => {
    const { c, versionId } = await cleanPlan();
    await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'current', edits: [{ path: [], period: 'm4', value: 0 }], label: 'edit' });
    const r = await invokeOk(c, 'submit.check', {});
    expect(only(r, 'monthNotPlanned').map((f) => f.place)).toEqual([{ area: 'targets', tab: 'grid', ref: 4 }]);
    expect(only(r, 'hoGapYear')).toHaveLength(1);
    expect(only(r, 'hoGapMonth').filter((f) => f.params.month === 4)).toEqual([]);
  });

  it('finds a file without head office’s target', async () => {
    const c = await open((db) => db.exec('DELETE FROM ho_target'));
    const r = await invokeOk(c, 'submit.check', {});
    expect(only(r, 'hoMissing')).toEqual([expect.objectContaining({ severity: 'error', place: { area: 'targets', tab: 'ho' } })]);
  });

  it('finds negative targets and head office’s negative months', async () => {
    const c = await open((db) => {
      cleanMaster(db);
      const cust = db.prepare('SELECT id, city_id, channel_id FROM customer WHERE status = \'active\' ORDER BY id LIMIT 1').get() as { id: number; city_id: number; channel_id: number };
      const sku = db.prepare('SELECT id FROM sku ORDER BY id LIMIT 1').get() as { id: number };
      const version = db.prepare('SELECT id FROM plan_version WHERE kind = \'working\'').get() as { id: number };
      db.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, ?, ?, ?, 5, -100000, -10)')
        .run(version.id, cust.city_id, cust.channel_id, cust.id, sku.id);
      db.exec('UPDATE ho_target SET volume = -5 WHERE month = 7');
    });
    const r = await invokeOk(c, 'submit.check', {});
    expect(only(r, 'negativeTarget')).toEqual([expect.objectContaining({ params: { cells: '1' }, place: { area: 'targets', tab: 'grid' } })]);
    expect(only(r, 'hoNegative')).toEqual([expect.objectContaining({ place: { area: 'targets', tab: 'ho', ref: 7 } })]);
  });

  it('finds targets on a terminated customer and on a discontinued SKU', async () => {
    let customerId = 0;
    let skuId = 0;
    const c = await open((db) => {
      const cust = db.prepare(`SELECT id, city_id, channel_id FROM customer WHERE status = 'active' ORDER BY id LIMIT 1`).get() as { id: number; city_id: number; channel_id: number };
      skuId = (db.prepare(`SELECT id FROM sku WHERE status = 'discontinued' ORDER BY id LIMIT 1`).get() as { id: number }).id;
      const active = (db.prepare(`SELECT id FROM sku WHERE status = 'active' ORDER BY id LIMIT 1`).get() as { id: number }).id;
      const version = (db.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).get() as { id: number }).id;
      customerId = cust.id;
      db.prepare(`UPDATE customer SET status = 'terminated' WHERE id = ?`).run(cust.id);
      const insert = db.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, ?, ?, ?, 2, 500000, 10)');
      insert.run(version, cust.city_id, cust.channel_id, cust.id, active);
      insert.run(version, cust.city_id, cust.channel_id, cust.id, skuId);
    });
    const r = await invokeOk(c, 'submit.check', { language: 'en' });
    const customer = only(r, 'terminatedCustomer');
    expect(customer).toEqual([expect.objectContaining({ severity: 'error', place: { area: 'targets', tab: 'customer', ref: customerId } })]);
    expect(customer[0].message).toContain('1.00 10k CNY');
    expect(only(r, 'discontinuedSku')).toEqual([expect.objectContaining({ severity: 'error', place: { area: 'targets', tab: 'sku', ref: skuId } })]);
  });

  it('finds the discontinued SKU the demo still sold last year when the plan is spread by it', async () => {
    const c = await open();
    await spreadHo(c);
    const r = await invokeOk(c, 'submit.check', {});
    expect(rules(r)).toEqual(['discontinuedSku']);
  });

  it('finds the expense ratio above head office’s cap by month and for the year', async () => {
    const { c } = await cleanPlan();
    const items = await invokeOk(c, 'expenses.items', {});
    const leaf = items.find((i) => i.leaf && i.kind === 'travel')!;
    const ho = await invokeOk(c, 'targets.hoTarget', {});
    const sales = ho.reduce((s, m) => s + m.amountCents, 0);
    // 5% of the year's sales, all in February: February is far above a 10% cap, the year is not.
    await invokeOk(c, 'expenses.setCells', { edits: [{ itemId: leaf.id, period: 'm2', value: Math.round(sales * 0.05) }], label: 'edit' });
    await invokeOk(c, 'expenses.setCap', { cap: 0.1 });
    let r = await invokeOk(c, 'submit.check', {});
    expect(r.cap).toBe(0.1);
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'expenseRatioMonth', place: { area: 'expenses', tab: 'budget', ref: 2 } })]);
    await invokeOk(c, 'expenses.setCap', { cap: 0.04 });
    r = await invokeOk(c, 'submit.check', {});
    expect(rules(r)).toEqual(['expenseRatioMonth', 'expenseRatioYear']);
  });

  it('warns of an expense item spent on products or places that is not split, until it is', async () => {
    const { c } = await cleanPlan();
    const items = await invokeOk(c, 'expenses.items', {});
    const terminal = items.find((i) => i.leaf && i.kind === 'terminal')!;
    const travel = items.find((i) => i.leaf && i.kind === 'travel')!;
    await invokeOk(c, 'expenses.setCells', { edits: [{ itemId: terminal.id, period: 'year', value: 1_200_000_00 }, { itemId: travel.id, period: 'year', value: 120_000_00 }], label: 'edit' });
    let r = await invokeOk(c, 'submit.check', {});
    expect(r).toMatchObject({ errors: 0, warnings: 1 });
    expect(r.findings[0]).toMatchObject({ severity: 'warning', rule: 'expenseNotSplit', params: { code: terminal.code }, place: { area: 'expenses', tab: 'split', ref: terminal.id } });
    const split = await invokeOk(c, 'expenses.split', { itemId: terminal.id });
    const brands = split.members.brand;
    await invokeOk(c, 'expenses.setSplit', { itemId: terminal.id, dimension: 'brand', mode: 'ratio', entries: brands.map((b, i) => ({ memberId: b.id, value: i === 0 ? 100 : 0 })) });
    r = await invokeOk(c, 'submit.check', {});
    expect(r.findings).toEqual([]);
  });

  it('warns of the written plan’s empty sections', async () => {
    const { c } = await cleanPlan((db) => db.exec(`DELETE FROM plan_narrative WHERE section IN ('market', 'budget')`));
    const r = await invokeOk(c, 'submit.check', { language: 'zh-Hans' });
    expect(r.findings.map((f) => [f.severity, f.rule, f.place])).toEqual([
      ['warning', 'writtenEmpty', { area: 'plan', tab: 'written', ref: 'market' }],
      ['warning', 'writtenEmpty', { area: 'plan', tab: 'written', ref: 'budget' }],
    ]);
    expect(r.findings[0].message).toContain('营销状况');
  });

  it('warns of blank areas without a plan to fill them', async () => {
    const { c } = await cleanPlan((db) => db.exec('DELETE FROM channel_fill_plan'));
    const channel = await invokeOk(c, 'plan.channel.get', {});
    const blank = channel.fills.filter((f) => f.blankNow);
    expect(blank.length).toBeGreaterThan(0);
    const r = await invokeOk(c, 'submit.check', {});
    expect(r.errors).toBe(0);
    expect(only(r, 'blankAreaUnplanned').map((f) => f.place)).toEqual(blank.map((f) => ({ area: 'plan', tab: 'channel', ref: f.key })));
  });

  it('finds the terminal plan’s targets above 100%', async () => {
    let shareId = 0;
    let skuId = 0;
    // The file refuses such a share; a file written by another tool (its checks off) can still hold one.
    const { c } = await cleanPlan((db) => {
      db.pragma('ignore_check_constraints = ON');
      shareId = (db.prepare('SELECT MIN(id) AS id FROM terminal_share_target').get() as { id: number }).id;
      db.prepare('UPDATE terminal_share_target SET shelf = 1.25 WHERE id = ?').run(shareId);
      skuId = (db.prepare('SELECT MIN(sku_id) AS id FROM terminal_sku_target').get() as { id: number }).id;
      db.prepare('UPDATE terminal_sku_target SET distribution = 1.5 WHERE sku_id = ?').run(skuId);
    });
    const r = await invokeOk(c, 'submit.check', { language: 'en' });
    expect(r.findings.map((f) => [f.rule, f.params.value, f.place])).toEqual([
      ['terminalTargetOver', '125.0%', { area: 'plan', tab: 'terminal', ref: shareId }],
      ['terminalTargetOver', '150.0%', { area: 'plan', tab: 'terminal', ref: `sku${skuId}` }],
    ]);
  });

  it('checks the version asked for: a snapshot as it was taken', async () => {
    const { c, versionId } = await cleanPlan();
    const snapshot = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: versionId, name: '報總部 第1版' });
    await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'current', edits: [{ path: [], period: 'm6', value: 0 }], label: 'edit' });
    expect(rules(await invokeOk(c, 'submit.check', {}))).toContain('monthNotPlanned');
    const r = await invokeOk(c, 'submit.check', { versionId: snapshot.id });
    expect(r).toMatchObject({ versionId: snapshot.id, errors: 0 });
    expect((await invokeRefused(c, 'submit.check', { versionId: 999 })).code).toBe('NOT_FOUND');
  });
});
