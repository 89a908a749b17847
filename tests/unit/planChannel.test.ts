import { describe, expect, it } from 'vitest';
import { parsePlanMonth as parsePeriod } from '../../src/shared/units';
import { demoOpener, invokeOk, invokeRefused, withDb, type RegistryCtx } from './helpers';

// The channel customer plan through the handler registry on the tiny demo region: its
// blank areas, sales and classes against the customers analysis on the same file, each
// edit one undo step, bad months refused with nothing changed, snapshots frozen.

const open = demoOpener();
const call = invokeOk;
const undo = (c: RegistryCtx) => call(c, 'edit.undo', {});
const rows = <T>(c: RegistryCtx, q: string, ...params: unknown[]): T[] => withDb(c.path, (db) => db.prepare(q).all(...params) as T[]);

describe('planChannel: the demo region', () => {
  it('lists exactly the analysis’s blank areas, each with the demo’s fill plan, and a pipeline with signed and lost prospects', async () => {
    const c = await open();
    const plan = await call(c, 'plan.channel.get', {});
    const analysis = await call(c, 'analysis.customers', {});
    const blankRows = plan.fills.filter((f) => f.blankNow && f.countyId === null);
    expect(blankRows.map((f) => [f.cityId, f.reason])).toEqual(analysis.blankAreas.map((b) => [b.cityId, b.reason]));
    expect(analysis.blankAreas.length).toBeGreaterThan(0);
    expect(blankRows.every((f) => f.planId !== null && f.fillPeriod !== null && Math.floor(f.fillPeriod / 100) === plan.planYear)).toBe(true);
    expect(plan.tracking.blankAreas).toBe(analysis.blankAreas.length);
    expect(plan.tracking.blankPlanned).toBe(analysis.blankAreas.length);
    expect(plan.fills.some((f) => f.countyId !== null && f.planId !== null)).toBe(true);
    const stages = plan.prospects.map((p) => p.stage);
    expect(stages.filter((s) => s === 'signed').length).toBeGreaterThanOrEqual(1);
    expect(stages.filter((s) => s === 'lost').length).toBe(1);
    // A signed prospect is an active customer.
    for (const p of plan.prospects.filter((x) => x.stage === 'signed')) expect(p.customer.status).toBe('active');
    expect(plan.changes.length).toBeGreaterThanOrEqual(3);
    expect(plan.pipeline.byStage.reduce((s, x) => s + x.count, 0)).toBe(plan.prospects.length);
  });

  it('the plan year’s sales of prospects and the classes of customers match the customers analysis of that year', async () => {
    // Sales in the plan year: a prospect's first order in March, and every customer with a change some sales.
    let prospectId = 0;
    const c = await open((db) => {
      const py = db.prepare('SELECT plan_year FROM region_meta').pluck().get() as number;
      prospectId = db.prepare(`SELECT customer_id FROM channel_prospect WHERE stage NOT IN ('lost') ORDER BY id LIMIT 1`).pluck().get() as number;
      const ids = [prospectId, ...(db.prepare('SELECT customer_id FROM channel_customer_change').pluck().all() as number[])];
      const others = db.prepare(`SELECT id FROM customer WHERE status = 'active' ORDER BY id LIMIT 12`).pluck().all() as number[];
      const ins = db.prepare('INSERT OR REPLACE INTO sales_month_customer (period, customer_id, amount_cents, gross_profit_cents, volume, line_count) VALUES (?, ?, ?, 0, 1, 1)');
      [...ids, ...others].forEach((id, i) => ins.run(py * 100 + 3, id, (i + 1) * 123_400));
    });
    const plan = await call(c, 'plan.channel.get', {});
    const analysis = await call(c, 'analysis.customers', { year: plan.planYear });
    const bySales = new Map(analysis.customers.map((r) => [r.id, r]));
    const p = plan.prospects.find((x) => x.customerId === prospectId)!;
    expect(p.firstOrderActual).toBe(plan.planYear * 100 + 3);
    expect(p.actualSalesCents).toBe(bySales.get(prospectId)!.sales);
    expect(plan.tracking.firstOrders).toBeGreaterThanOrEqual(1);
    for (const ch of plan.changes) expect(ch.abcNow).toBe(bySales.get(ch.customerId)?.abc ?? null);
  });
});

describe('planChannel: edits', () => {
  it('plans a blank area as one undo step; a month outside the plan year is refused and nothing changes', async () => {
    const c = await open((db) => db.exec('DELETE FROM channel_fill_plan'));
    const before = await call(c, 'plan.channel.get', {});
    const area = before.fills[0];
    expect(area.planId).toBeNull();
    const py = before.planYear;
    const refused = await invokeRefused(c, 'plan.channel.fills.apply', { rows: [{ cityId: area.cityId, fillPeriod: (py - 1) * 100 + 5, method: 'recruit' }] });
    expect(refused.rule).toBe('planChannel.error.outsideYear');
    expect(refused.params).toEqual({ month: `${py - 1}-05`, year: py });
    expect(refused.issues?.[0].path).toBe('rows.0.fillPeriod');
    expect(rows(c, 'SELECT * FROM channel_fill_plan')).toEqual([]);
    // Not a month at all: refused by the contract.
    expect((await invokeRefused(c, 'plan.channel.fills.apply', { rows: [{ cityId: area.cityId, fillPeriod: py * 100 + 13 }] })).code).toBe('INVALID_INPUT');

    const owner = before.refs.salespeople[0].id;
    await call(c, 'plan.channel.fills.apply', { rows: [{ cityId: area.cityId, fillPeriod: py * 100 + 6, method: 'recruit', ownerId: owner, firstYearSalesCents: 80_000_000 }] });
    const after = (await call(c, 'plan.channel.get', {})).fills.find((f) => f.key === area.key)!;
    expect(after).toMatchObject({ fillPeriod: py * 100 + 6, method: 'recruit', ownerId: owner, firstYearSalesCents: 80_000_000 });
    await call(c, 'plan.channel.fills.apply', { rows: [{ cityId: area.cityId, note: '先找兩家候選' }] });
    expect((await call(c, 'plan.channel.get', {})).fills.find((f) => f.key === area.key)!.note).toBe('先找兩家候選');
    await undo(c);
    expect((await call(c, 'plan.channel.get', {})).fills.find((f) => f.key === area.key)!).toMatchObject({ note: '', fillPeriod: py * 100 + 6 });
    await undo(c);
    expect((await call(c, 'plan.channel.get', {})).fills.find((f) => f.key === area.key)!.planId).toBeNull();
  });

  it('signs a prospect: the customer becomes active and the row signed in one step, which one undo takes back', async () => {
    const c = await open();
    const plan = await call(c, 'plan.channel.get', {});
    const p = plan.prospects.find((x) => x.stage !== 'signed' && x.stage !== 'lost' && x.customer.status === 'prospect')!;
    await call(c, 'plan.channel.prospects.sign', { id: p.id });
    const status = () => rows<{ status: string }>(c, 'SELECT status FROM customer WHERE id = ?', p.customerId)[0].status;
    expect(status()).toBe('active');
    expect((await call(c, 'plan.channel.get', {})).prospects.find((x) => x.id === p.id)!.stage).toBe('signed');
    expect((await invokeRefused(c, 'plan.channel.prospects.sign', { id: p.id })).rule).toBe('planChannel.error.signedAlready');
    await undo(c);
    expect(status()).toBe('prospect');
    expect((await call(c, 'plan.channel.get', {})).prospects.find((x) => x.id === p.id)!.stage).toBe(p.stage);
  });

  it('takes only prospects of the master data into the pipeline, each once', async () => {
    const c = await open((db) => db.exec('DELETE FROM channel_prospect'));
    const plan = await call(c, 'plan.channel.get', {});
    const prospect = plan.refs.customers.find((x) => x.status === 'prospect')!;
    const active = plan.refs.customers.find((x) => x.status === 'active')!;
    expect((await invokeRefused(c, 'plan.channel.prospects.apply', { rows: [{ customerId: active.id }] })).rule).toBe('planChannel.error.notProspect');
    const { ids } = await call(c, 'plan.channel.prospects.apply', { rows: [{ customerId: prospect.id, stage: 'contacted', yearSalesCents: 5_000_000 }] });
    expect((await invokeRefused(c, 'plan.channel.prospects.apply', { rows: [{ customerId: prospect.id }] })).rule).toBe('planChannel.error.prospectTaken');
    const bad = await invokeRefused(c, 'plan.channel.prospects.apply', { rows: [{ id: ids[0], firstOrderPeriod: (plan.planYear + 1) * 100 + 1 }] });
    expect(bad.rule).toBe('planChannel.error.outsideYear');
    const again = await call(c, 'plan.channel.get', {});
    expect(again.pipeline.byStage.find((s) => s.stage === 'contacted')).toMatchObject({ count: 1, yearSalesCents: 5_000_000 });
    expect(again.pipeline.byCity).toEqual([expect.objectContaining({ cityId: prospect.cityId, yearSalesCents: 5_000_000 })]);
    await call(c, 'plan.channel.prospects.remove', { ids });
    expect((await call(c, 'plan.channel.get', {})).prospects).toEqual([]);
  });

  it('plans customer changes: an upgrade needs a sub-distributor; a change is done once the master data shows it', async () => {
    const c = await open((db) => db.exec('DELETE FROM channel_customer_change'));
    const plan = await call(c, 'plan.channel.get', {});
    const py = plan.planYear;
    const dist = plan.refs.customers.find((x) => x.status === 'active' && x.tier === 'distributor')!;
    const refused = await invokeRefused(c, 'plan.channel.changes.apply', { rows: [{ customerId: dist.id, kind: 'upgrade', period: py * 100 + 5 }] });
    expect(refused.rule).toBe('planChannel.error.notSubDistributor');
    expect((await invokeRefused(c, 'plan.channel.changes.apply', { rows: [{ customerId: dist.id, kind: 'credit' }] })).rule).toBe('planChannel.error.monthRequired');
    const { ids } = await call(c, 'plan.channel.changes.apply', {
      rows: [{ customerId: dist.id, kind: 'credit', period: py * 100 + 5, toCreditCents: dist.creditLimitCents + 100_000, reason: '旺季' }],
    });
    let row = (await call(c, 'plan.channel.get', {})).changes.find((x) => x.id === ids[0])!;
    expect(row.done).toBe(false);
    // The master data takes the new limit: the change shows as done.
    await call(c, 'master.apply', { entity: 'customer', rows: [{ id: dist.id, creditLimitCents: dist.creditLimitCents + 100_000 }], label: 'edit' });
    row = (await call(c, 'plan.channel.get', {})).changes.find((x) => x.id === ids[0])!;
    expect(row.done).toBe(true);
    expect((await call(c, 'plan.channel.get', {})).tracking).toMatchObject({ changes: 1, changesDone: 1 });
  });
});

describe('planChannel: master data', () => {
  it('a customer removed with its references reassigned hands its pipeline row over; the removal reports the chapter changed and undoes', async () => {
    const c = await open();
    const plan = await call(c, 'plan.channel.get', {});
    const p = plan.prospects.find((x) => x.customer.status === 'prospect')!;
    const taken = new Set(plan.prospects.map((x) => x.customerId));
    const other = plan.refs.customers.find((x) => x.status === 'prospect' && !taken.has(x.id)) ?? plan.refs.customers.find((x) => !taken.has(x.id) && x.status === 'active')!;
    const usage = await call(c, 'master.usage', { entity: 'customer', ids: [p.customerId] });
    expect(JSON.stringify(usage)).toContain('channel_prospect');
    const res = await c.r.invoke('master.remove', { entity: 'customer', ids: [p.customerId], mode: 'reassign', targetId: other.id });
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.changed).toContain('chapters');
    expect((await call(c, 'plan.channel.get', {})).prospects.find((x) => x.id === p.id)!.customerId).toBe(other.id);
    await undo(c);
    expect((await call(c, 'plan.channel.get', {})).prospects.find((x) => x.id === p.id)!.customerId).toBe(p.customerId);
  });
});

describe('planChannel: versions', () => {
  it('a snapshot holds a copy of the plan that never changes; a scenario’s copy is its own', async () => {
    const c = await open();
    const working = await call(c, 'plan.channel.get', {});
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: working.versionId, name: '報總部' });
    const scen = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: working.versionId, name: '衝刺' });
    const strip = (p: typeof working) => ({
      fills: p.fills.map(({ planId: _p, ...f }) => f),
      prospects: p.prospects.map(({ id: _i, ...r }) => r),
      changes: p.changes.map(({ id: _i, ...r }) => r),
    });
    const frozen = await call(c, 'plan.channel.get', { versionId: snap.id });
    expect(frozen.frozen).toBe(true);
    expect(strip(frozen)).toEqual(strip(working));
    expect(strip(await call(c, 'plan.channel.get', { versionId: scen.id }))).toEqual(strip(working));

    const area = working.fills.find((f) => f.planId !== null)!;
    await call(c, 'plan.channel.fills.apply', { rows: [{ cityId: area.cityId, countyId: area.countyId, note: '改了' }] });
    expect((await call(c, 'plan.channel.get', { versionId: snap.id })).fills.find((f) => f.key === area.key)!.note).toBe(area.note);
    // The file itself refuses any change of a snapshot's rows.
    const sqlite = c.session.requireFile().sqlite;
    expect(() => sqlite.prepare('UPDATE channel_fill_plan SET note = ? WHERE version_id = ?').run('x', snap.id)).toThrow(/snapshot is frozen/);
    expect(() => sqlite.prepare('DELETE FROM channel_prospect WHERE version_id = ?').run(snap.id)).toThrow(/snapshot is frozen/);
    expect((await invokeRefused(c, 'plan.channel.get', { versionId: 999 })).rule).toBe('planChannel.error.noVersion');
  });
});

describe('parsePeriod', () => {
  it('reads the ways a month is written, a month alone in the plan year', () => {
    expect(parsePeriod('2027-03', 2027)).toBe(202703);
    expect(parsePeriod('2027/3', 2027)).toBe(202703);
    expect(parsePeriod('202611', 2027)).toBe(202611);
    expect(parsePeriod('2027年3月', 2027)).toBe(202703);
    expect(parsePeriod('3月', 2027)).toBe(202703);
    expect(parsePeriod('１２', 2027)).toBe(202712);
    expect(parsePeriod('13', 2027)).toBeNull();
    expect(parsePeriod('三月', 2027)).toBeNull();
  });
});
