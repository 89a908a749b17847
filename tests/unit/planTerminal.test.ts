import { describe, expect, it } from 'vitest';
import { strongestCompetitor } from '../../src/shared/analysisTerminals';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// 終端建設規劃 through the handler registry on the tiny demo region: the demo's content,
// the figures beside the targets against the terminals analysis on the same slice, the
// edits as undo steps, the refusals, and the chapter per plan version.

const template = tinyDemoTemplate();
const fresh = (): Promise<RegistryCtx> => openWithHandlers(template.copy());
const call = invokeOk;
const sqlite = (c: RegistryCtx) => c.session.requireFile().sqlite;
const count = (c: RegistryCtx, table: string, where = '1 = 1') => sqlite(c).prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
const undo = (c: RegistryCtx) => call(c, 'edit.undo', {});
const round3 = (v: number) => Math.round(v * 1000) / 1000;

describe('plan.terminal: the demo region', () => {
  it('has stores to open, named stores, share targets and SKU targets', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', {});
    expect(p.planYear).toBe(2027);
    expect(p.baselineYear).toBe(2026);
    expect(p.trackYear).toBe(2027);
    expect(p.editable).toBe(true);
    expect(p.openings.length).toBeGreaterThanOrEqual(6);
    expect(p.openingTotal.year).toBe(p.openings.reduce((s, o) => s + o.year, 0));
    for (const o of p.openings) expect(o.quarters.reduce((s, v) => s + v, 0)).toBe(o.year);
    expect(p.openingTotal.named).toBe(count(c, 'terminal', "status = 'prospect'"));
    expect(p.openingTotal.named).toBeGreaterThan(0);
    expect(p.shareTargets.length).toBeGreaterThanOrEqual(4);
    for (const t of p.shareTargets) {
      expect(t.distributionTarget).toBeGreaterThanOrEqual(round3(t.baseline.distribution!));
      expect(t.shelfTarget).toBeGreaterThanOrEqual(round3(t.baseline.shelf!));
      expect(t.distributionTarget).toBeLessThanOrEqual(1);
      // Nothing audited in the plan year yet: no actual, no gap.
      expect(t.actual).toEqual({ audited: 0, distribution: null, shelf: null });
      expect(t.distributionGap).toBeNull();
    }
    expect(p.skuTargets.length).toBeGreaterThan(0);
    expect(p.skuTargets.some((s) => s.isNew)).toBe(true);
  });

  it('shows the same baseline, strongest competitor, actual and trend as the terminals analysis on the same slice', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', { trackYear: 2026 });
    for (const t of p.shareTargets) {
      const a = await call(c, 'analysis.terminals', { year: 2026, categoryId: t.categoryId, cityId: t.cityId, channelId: t.channelId });
      const g = a.total;
      expect(t.baseline).toEqual({ audited: g.audited, distribution: g.ours.distribution, shelf: g.ours.shelf });
      expect(t.actual).toEqual(t.baseline);
      expect(t.distributionGap).toBeCloseTo(g.ours.distribution! - t.distributionTarget!, 12);
      expect(t.distributionTrend).toBe(0);
      const best = strongestCompetitor(g, 'distribution');
      expect(t.competitorDistribution?.value ?? null).toBe(best?.value ?? null);
      expect(strongestCompetitor(g, 'shelf')?.value ?? null).toBe(t.competitorShelf?.value ?? null);
    }
    const t = p.shareTargets[0];
    const trend = await call(c, 'plan.terminal.trend', { id: t.id, year: 2026 });
    const byMonth = await call(c, 'analysis.terminals', { year: 2026, categoryId: t.categoryId, cityId: t.cityId, channelId: t.channelId, by: 'month' });
    expect(trend.points).toEqual(byMonth.groups.map((g) => ({ month: g.key, audited: g.audited, distribution: g.ours.distribution, shelf: g.ours.shelf })));
    expect(trend.points.length).toBeGreaterThan(0);
  });

  it('counts a SKU\'s stores audited as the terminals analysis counts the category\'s', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', { trackYear: 2026 });
    for (const s of p.skuTargets) {
      const categoryId = p.options.skus.find((o) => o.id === s.skuId)!.categoryId;
      const a = await call(c, 'analysis.terminals', { year: 2026, categoryId });
      expect(s.baseline.audited).toBe(a.total.audited);
      expect(s.baseline.carrying).toBeLessThanOrEqual(a.total.ours.carrying);
      expect(s.baseline.distribution).toBe(s.baseline.audited === 0 ? null : s.baseline.carrying / s.baseline.audited);
    }
  });
});

describe('plan.terminal: edits', () => {
  it('counts a store the master data marks 待開店 (prospect) as named in its city × channel', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', {});
    const o = p.openings[p.openings.length - 1];
    const store = sqlite(c).prepare("SELECT id FROM terminal WHERE status = 'active' LIMIT 1").pluck().get() as number;
    await call(c, 'master.apply', { entity: 'terminal', rows: [{ id: store, status: 'prospect', cityId: o.cityId, channelId: o.channelId }], label: 'edit' });
    const list = await call(c, 'master.list', { entity: 'terminal' });
    expect(list.rows.find((r) => r.id === store)?.status).toBe('prospect');
    const after = await call(c, 'plan.terminal.get', {});
    expect(after.openings.find((x) => x.cityId === o.cityId && x.channelId === o.channelId)!.named).toBe(o.named + 1);
    expect(after.openingTotal.named).toBe(p.openingTotal.named + 1);
  });

  it('sets stores to open per month as one undo step, and removes a city × channel', async () => {
    const c = await fresh();
    const before = await call(c, 'plan.terminal.get', {});
    const city = before.options.cities[before.options.cities.length - 1].id;
    const channel = before.options.channels[0].id;
    await call(c, 'plan.terminal.setOpenings', { cells: [{ cityId: city, channelId: channel, month: 2, stores: 3 }, { cityId: city, channelId: channel, month: 5, stores: 4 }] });
    let row = (await call(c, 'plan.terminal.get', {})).openings.find((o) => o.cityId === city && o.channelId === channel)!;
    expect(row.months[1]).toBe(3);
    expect(row.quarters).toEqual([3, 4, 0, 0]);
    await call(c, 'plan.terminal.setOpenings', { cells: [{ cityId: city, channelId: channel, month: 2, stores: 5 }] });
    row = (await call(c, 'plan.terminal.get', {})).openings.find((o) => o.cityId === city && o.channelId === channel)!;
    expect(row.year).toBe(9);
    await undo(c);
    row = (await call(c, 'plan.terminal.get', {})).openings.find((o) => o.cityId === city && o.channelId === channel)!;
    expect(row.year).toBe(7);
    await call(c, 'plan.terminal.removeOpenings', { pairs: [{ cityId: city, channelId: channel }] });
    expect((await call(c, 'plan.terminal.get', {})).openings.some((o) => o.cityId === city && o.channelId === channel)).toBe(false);
    await undo(c);
    await undo(c);
    expect(await call(c, 'plan.terminal.get', {})).toEqual(before);
  });

  it('adds and changes share targets; a target over 100% or negative is refused naming the cell, and nothing changes', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', {});
    const t = p.shareTargets[0];
    const cityId = p.options.cities[p.options.cities.length - 1].id;
    const channelId = p.options.channels[p.options.channels.length - 1].id;
    const categoryId = p.options.categories[0].id;
    const { ids } = await call(c, 'plan.terminal.applyShareTargets', {
      rows: [{ id: t.id, distribution: 0.5 }, { cityId, channelId, categoryId, distribution: 0.2, shelf: null }],
    });
    expect(ids[0]).toBe(t.id);
    const after = await call(c, 'plan.terminal.get', {});
    expect(after.shareTargets.find((x) => x.id === t.id)!.distributionTarget).toBe(0.5);
    expect(after.shareTargets.find((x) => x.id === t.id)!.shelfTarget).toBe(t.shelfTarget);
    expect(after.shareTargets.find((x) => x.id === ids[1])).toMatchObject({ cityId, channelId, categoryId, distributionTarget: 0.2, shelfTarget: null });

    const rows = count(c, 'terminal_share_target');
    const over = await invokeRefused(c, 'plan.terminal.applyShareTargets', { rows: [{ id: t.id, distribution: 0.6 }, { id: t.id, shelf: 1.2 }] });
    expect(over.rule).toBe('planTerminal.error.shelfRange');
    expect(over.params).toEqual({ city: t.cityName, channel: t.channelName, category: t.categoryName, value: '120' });
    expect(over.issues?.[0].path).toBe('rows.1.shelf');
    const negative = await invokeRefused(c, 'plan.terminal.applyShareTargets', { rows: [{ cityId: p.options.cities[0].id, channelId, categoryId, distribution: -0.1 }] });
    expect(negative.rule).toBe('planTerminal.error.distributionRange');
    expect(negative.params?.value).toBe('-10');
    const dup = await invokeRefused(c, 'plan.terminal.applyShareTargets', { rows: [{ cityId, channelId, categoryId }] });
    expect(dup.rule).toBe('planTerminal.error.targetExists');
    expect(count(c, 'terminal_share_target')).toBe(rows);
    expect((await call(c, 'plan.terminal.get', {})).shareTargets).toEqual(after.shareTargets);

    await undo(c);
    expect((await call(c, 'plan.terminal.get', {})).shareTargets).toEqual(p.shareTargets);
    await call(c, 'plan.terminal.removeShareTargets', { ids: [t.id] });
    expect((await call(c, 'plan.terminal.get', {})).shareTargets.some((x) => x.id === t.id)).toBe(false);
    await undo(c);
    expect((await call(c, 'plan.terminal.get', {})).shareTargets).toEqual(p.shareTargets);
  });

  it('sets and removes SKU targets; only our SKUs, within 0–100%', async () => {
    const c = await fresh();
    const p = await call(c, 'plan.terminal.get', {});
    const sku = p.options.skus.find((s) => !p.skuTargets.some((x) => x.skuId === s.id))!;
    await call(c, 'plan.terminal.setSkuTargets', { rows: [{ skuId: sku.id, distribution: 0.4 }, { skuId: p.skuTargets[0].skuId, distribution: null }] });
    const after = await call(c, 'plan.terminal.get', {});
    expect(after.skuTargets.find((s) => s.skuId === sku.id)?.target).toBe(0.4);
    expect(after.skuTargets.some((s) => s.skuId === p.skuTargets[0].skuId)).toBe(false);
    const over = await invokeRefused(c, 'plan.terminal.setSkuTargets', { rows: [{ skuId: sku.id, distribution: 1.5 }] });
    expect(over.rule).toBe('planTerminal.error.skuRange');
    expect(over.params).toEqual({ sku: sku.name, value: '150' });
    const theirs = sqlite(c).prepare('SELECT s.id FROM sku s JOIN brand b ON b.id = s.brand_id WHERE b.is_own = 0 LIMIT 1').pluck().get() as number | undefined;
    if (theirs !== undefined) expect((await invokeRefused(c, 'plan.terminal.setSkuTargets', { rows: [{ skuId: theirs, distribution: 0.1 }] })).rule).toBe('planTerminal.error.notOurSku');
    await undo(c);
    expect((await call(c, 'plan.terminal.get', {})).skuTargets).toEqual(p.skuTargets);
  });
});

describe('plan.terminal: master data', () => {
  it('merging a channel into another adds up the stores both planned to open in a city and month; reassigning onto them is refused', async () => {
    const c = await fresh();
    const id = (code: string) => sqlite(c).prepare('SELECT id FROM channel WHERE code = ?').pluck().get(code) as number;
    const [ka, chain] = [id('KA'), id('CHAIN')];
    const stores = (where: string) => sqlite(c).prepare(`SELECT COALESCE(SUM(stores), 0) FROM terminal_open_plan WHERE ${where}`).pluck().get() as number;
    const both = stores(`channel_id IN (${ka}, ${chain})`);
    expect(stores(`channel_id = ${ka}`)).toBeGreaterThan(0);
    expect(stores(`channel_id = ${chain}`)).toBeGreaterThan(0);
    const refused = await invokeRefused(c, 'master.remove', { entity: 'channel', ids: [ka], mode: 'reassign', targetId: chain });
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'masterData.remove.collision' });
    expect(stores(`channel_id IN (${ka}, ${chain})`)).toBe(both);
    await call(c, 'master.remove', { entity: 'channel', ids: [ka], mode: 'merge', targetId: chain });
    expect(stores(`channel_id = ${chain}`)).toBe(both);
    await undo(c);
    expect(stores(`channel_id = ${ka}`)).toBeGreaterThan(0);
    expect(stores(`channel_id IN (${ka}, ${chain})`)).toBe(both);
  });
});

describe('plan.terminal: versions', () => {
  it('a snapshot copies the chapter and freezes it; a scenario copies it and changes apart', async () => {
    const c = await fresh();
    const working = await call(c, 'plan.terminal.get', {});
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: working.versionId, name: '報總部' });
    const frozen = await call(c, 'plan.terminal.get', { versionId: snap.id });
    expect(frozen.frozen).toBe(true);
    expect(frozen.editable).toBe(false);
    const strip = (p: typeof working) => ({ openings: p.openings, share: p.shareTargets.map(({ id: _id, ...rest }) => rest), sku: p.skuTargets });
    expect(strip(frozen)).toEqual(strip(working));
    for (const table of ['terminal_open_plan', 'terminal_share_target', 'terminal_sku_target']) {
      expect(() => sqlite(c).prepare(`UPDATE ${table} SET version_id = version_id WHERE version_id = ?`).run(snap.id)).toThrow(/snapshot is frozen/);
      expect(() => sqlite(c).prepare(`DELETE FROM ${table} WHERE version_id = ?`).run(snap.id)).toThrow(/snapshot is frozen/);
    }
    // Editing the working plan leaves the snapshot as it was.
    await call(c, 'plan.terminal.applyShareTargets', { rows: [{ id: working.shareTargets[0].id, distribution: 0.01 }] });
    expect(strip(await call(c, 'plan.terminal.get', { versionId: snap.id }))).toEqual(strip(working));

    const scenario = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: working.versionId, name: '衝刺' });
    const s = await call(c, 'plan.terminal.get', { versionId: scenario.id });
    expect(s.frozen).toBe(false);
    expect(s.editable).toBe(false);
    expect(s.shareTargets[0].distributionTarget).toBe(0.01);
    expect((await invokeRefused(c, 'plan.terminal.get', { versionId: 9999 })).rule).toBe('planTerminal.error.noVersion');
  });
});
