import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import {
  changeBetween, closeHqStore, createHqStore, drillToRegions, nationalByBrandCategory, nationalByChannel, nationalByRegionMonth, receivePackage, regionPlan, type HqStore,
} from '../../src/main/core/hq';
import { Session } from '../../src/main/core/session';
import { REGION_PLAN_CUTS } from '../../src/shared/hqViews';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';
import { testHost } from './helpers';

// Head office's drill into a region's accepted plan and the change between two
// consolidations, on both stores: every cut of a region's plan adds up to what the
// national views say of it, a drilled figure's filter carries into the region, and the
// change between two moments is the difference of the two revisions' plans.

const src = plannedTemplate();
const stores = hqStores('rplan_hqviews');
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const T1 = '2026-12-07T01:00:00.000Z';
const T2 = '2026-12-07T03:00:00.000Z';

/** Revision 2 of a region plans March at 0: the snapshot is frozen, so this plays a region whose next snapshot drops it. */
const withoutMarch = (db: Database.Database) => {
  const trigger = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'target_fact_frozen_delete'`).pluck().get() as string;
  db.exec('DROP TRIGGER target_fact_frozen_delete');
  db.prepare(`DELETE FROM target_fact WHERE version_id = ? AND month = 3`).run(src.snapshotId);
  db.exec(trigger);
};

describe.each(stores)('drilling into a region and comparing consolidations on $name', ({ target, skip }) => {
  it.skipIf(skip)('cuts a region plan every way to the same total, filtered as drilled; the change is the difference of the plans', async () => {
    const t = target();
    await createDatabaseOf(t);
    const store = await createHqStore(t, { planYear: 2027, regions: ['華東大區', '華南大區'], expenseCap: 0.05 });
    open.push(store);
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    // Nothing accepted yet: the region is there, its plan has no rows.
    expect(await regionPlan(store, '華東大區', 'city')).toMatchObject({ regionName: '華東大區', revision: null, receivedAt: null, state: 'pending', rows: [] });
    await expect(regionPlan(store, '華中大區', 'city')).rejects.toMatchObject({ reason: 'notFoundRegion' });

    expect((await receivePackage(store, await packageOf(src, east, { revision: 1, replaces: null, createdAt: T1 }), { by: 'a', now: T1 })).verdict).toBe('accepted');
    expect((await receivePackage(store, await packageOf(src, south, { revision: 1, replaces: null, createdAt: T1 }), { by: 'a', now: '2026-12-07T01:10:00.000Z' })).verdict).toBe('accepted');

    for (const cut of REGION_PLAN_CUTS) {
      const plan = await regionPlan(store, east.id, cut);
      expect(plan).toMatchObject({ regionName: '華東大區', revision: 1, state: 'submitted', receivedAt: T1, cut });
      expect(sum(plan.rows.map((r) => r.planCents)), cut).toBe(src.planCents);
      for (const r of plan.rows) {
        expect(r.months).toHaveLength(12);
        expect(sum(r.months)).toBe(r.planCents);
      }
      // Members are named from the dimensions, and the cuts with a parent name it.
      expect(plan.rows.every((r) => r.name !== '')).toBe(true);
      expect(plan.rows.some((r) => r.name !== r.code), cut).toBe(true);
      const parented = cut === 'city' || cut === 'category' || cut === 'sku';
      expect(plan.rows.every((r) => (r.parentName !== null) === parented), cut).toBe(true);
    }
    // The month cut equals the national view's month of the region.
    const national = await nationalByRegionMonth(store);
    const eastKey = (await regionPlan(store, '華東大區', 'province')).regionKey;
    const channels = await regionPlan(store, '華東大區', 'channel');
    for (let m = 1; m <= 12; m++) {
      expect(sum(channels.rows.map((r) => r.months[m - 1]))).toBe(national.find((c) => c.regionKey === eastKey && c.month === m)!.planCents);
    }

    // Drilled from a national figure: the regions make it up, and a region's plan within it is its share.
    const march = await drillToRegions(store, { month: 3 });
    expect(march.map((r) => r.regionName)).toEqual(['華東大區', '華南大區']);
    const eastMarch = await regionPlan(store, '華東大區', 'sku', { month: 3 });
    expect(eastMarch.filter).toEqual({ month: 3 });
    expect(sum(eastMarch.rows.map((r) => r.planCents))).toBe(march[0].planCents);
    expect(eastMarch.rows.every((r) => r.months.every((v, i) => i === 2 || v === 0))).toBe(true);
    const channel = (await nationalByChannel(store))[0];
    const byChannel = await drillToRegions(store, { channelCode: channel.code });
    expect(sum(byChannel.map((r) => r.planCents))).toBe(channel.planCents);
    const inChannel = await regionPlan(store, '華南大區', 'city', { channelCode: channel.code });
    expect(sum(inChannel.rows.map((r) => r.planCents))).toBe(byChannel.find((r) => r.regionName === '華南大區')!.planCents);
    const category = (await nationalByBrandCategory(store))[0];
    const filter = { brandCode: category.parentCode!, categoryCode: category.code };
    const byCategory = await drillToRegions(store, filter);
    expect(sum(byCategory.map((r) => r.planCents))).toBe(category.planCents);
    const eastCategory = await regionPlan(store, '華東大區', 'category', filter);
    expect(eastCategory.rows.map((r) => r.code)).toEqual([category.code]);

    // Revision 2 of east plans nothing in March: the change between the two moments is its difference.
    const before = await regionPlan(store, '華東大區', 'brand');
    const e2 = await packageOf(src, east, { revision: 2, replaces: 1, createdAt: T2, edit: withoutMarch });
    expect((await receivePackage(store, e2, { by: 'a', now: T2 })).verdict).toBe('accepted');
    const after = await regionPlan(store, '華東大區', 'brand');
    expect(after.revision).toBe(2);
    const change = await changeBetween(store, '2026-12-07T02:00:00.000Z', '2026-12-07T04:00:00.000Z');
    expect(change.map((c) => [c.regionName, c.fromRevision, c.toRevision])).toEqual([['華東大區', 1, 2]]);
    const [c] = change;
    expect(c.fromPlanCents).toBe(sum(before.rows.map((r) => r.planCents)));
    expect(c.toPlanCents).toBe(sum(after.rows.map((r) => r.planCents)));
    for (let m = 1; m <= 12; m++) {
      const month = c.months[m - 1];
      expect(month.month).toBe(m);
      expect(month.fromCents).toBe(sum(before.rows.map((r) => r.months[m - 1])));
      expect(month.toCents).toBe(sum(after.rows.map((r) => r.months[m - 1])));
    }
    expect(c.months[2].toCents).toBe(0);
    expect(c.months[2].fromCents).toBeGreaterThan(0);
    // From before anything was accepted: both regions are new, from nothing.
    const fromStart = await changeBetween(store, '2026-12-07T00:00:00.000Z', T2);
    expect(fromStart.map((x) => [x.regionName, x.fromRevision, x.toRevision, x.fromPlanCents])).toEqual([['華東大區', null, 2, 0], ['華南大區', null, 1, 0]]);
    // Between two moments with no receipt in between: nothing changed.
    expect(await changeBetween(store, '2026-12-07T01:20:00.000Z', '2026-12-07T02:00:00.000Z')).toEqual([]);
  }, 120_000);
});

describe('the drill, change and PNG endpoints through the registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rplan-hqv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates their input, refuses what is not a PNG, and saves a PNG where exports go', async () => {
    let exportTo: string | null = join(dir, 'out.png');
    const session = new Session(testHost(join(dir, 'state'), { chooseExportPath: async (name) => (exportTo === null ? null : join(dir, name)), allowsPath: (p) => p.startsWith(dir) }));
    const r = createHandlers(session);
    const ok = async <K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> => {
      const res = await r.invoke(name, input);
      if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
      return res.value as EndpointResult<K>;
    };
    const refused = async (name: EndpointName, input: unknown) => {
      const res = await r.invoke(name, input as never);
      expect(res.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      return res.ok ? null : res.error;
    };
    await ok('hq.create', { path: join(dir, 'c.rplanhq'), planYear: 2027, name: '2027 年度計劃', regions: ['華東大區'] });
    const east = newRegion(src.work, '華東大區');
    await ok('hq.receive', { paths: [await packageOf(src, east, { revision: 1, replaces: null, createdAt: T1, out: join(dir, 'e1.rplanpkg') })] });

    expect(sum((await ok('hq.drill', { month: 5 })).map((x) => x.planCents))).toBeGreaterThan(0);
    expect((await refused('hq.drill', { month: 13 }))?.message).toContain('month');
    expect((await refused('hq.drill', { region: 'x' }))?.code).toBe('INVALID_INPUT');
    const plan = await ok('hq.regionPlan', { region: '華東大區', cut: 'city' });
    expect(sum(plan.rows.map((x) => x.planCents))).toBe(src.planCents);
    expect((await refused('hq.regionPlan', { region: '華東大區', cut: 'customer' }))?.message).toContain('cut');
    expect((await refused('hq.regionPlan', { region: '華東大區', cut: 'city', filter: { brandCode: '' } }))?.code).toBe('INVALID_INPUT');
    expect(await refused('hq.regionPlan', { region: '華中大區', cut: 'city' })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('華中大區') });
    expect((await ok('hq.change', { from: '2026-01-01T00:00:00Z', to: 'now' })).map((x) => [x.regionName, x.fromRevision, x.toRevision])).toEqual([['華東大區', null, 1]]);
    expect((await refused('hq.change', { from: 'yesterday', to: 'now' }))?.message).toContain('ISO 8601');

    // A real PNG (1 × 1, white) is written where exports go, under the name given.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
    const saved = await ok('hq.savePng', { fileName: '費用率 2027', dataUrl: `data:image/png;base64,${png}` });
    expect(saved).toEqual({ path: join(dir, '費用率 2027.png') });
    expect(readFileSync(saved!.path)).toEqual(Buffer.from(png, 'base64'));
    expect((await refused('hq.savePng', { fileName: '../x', dataUrl: `data:image/png;base64,${png}` }))?.message).toContain('folder');
    expect((await refused('hq.savePng', { fileName: 'x', dataUrl: `data:image/jpeg;base64,${png}` }))?.message).toContain('PNG');
    expect((await refused('hq.savePng', { fileName: 'x', dataUrl: `data:image/png;base64,${Buffer.from('<svg/> not a png at all, really not').toString('base64')}` }))?.message).toContain('not a PNG');
    exportTo = null;
    expect(await ok('hq.savePng', { fileName: 'x', dataUrl: `data:image/png;base64,${png}` })).toBeNull();
    await session.closeHq();
  }, 120_000);
});
