import { afterEach, describe, expect, it } from 'vitest';
import {
  HqRefusal, changeBetween, closeHqStore, consolidatedModel, confirmRegion, createHqStore, drillToRegions, expensesByRegion, nationalByBrandCategory, nationalByChannel,
  nationalByRegionMonth, receivePackage, reopenRegion, returnRegion, setTargets, statusBoard, type HqStore,
} from '../../src/main/core/hq';
import { consolidatedWorkbookBytes } from '../../src/main/core/io/hqWorkbook';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';

// The status board, head office's decisions and the consolidated views, on both stores:
// a region returned, resubmitted, confirmed (and then closed to new revisions until
// reopened); the national plan's views add up to the same total every way they cut it.

const src = plannedTemplate();
const stores = hqStores('rplan_hqboard');
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

const total = (rows: { planCents: number }[]) => rows.reduce((s, r) => s + r.planCents, 0);

describe.each(stores)('the status board and the national views on $name', ({ target, skip }) => {
  it.skipIf(skip)('returns, resubmits, confirms, locks and reopens a region; the views agree', async () => {
    const t = target();
    await createDatabaseOf(t);
    const store = await createHqStore(t, { planYear: 2027, regions: ['華東大區', '華南大區', '華北大區'], tolerance: 0.01, expenseCap: 0.05, dueDate: '2026-12-01' });
    open.push(store);
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    const e1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z' });
    expect((await receivePackage(store, e1, { by: 'a', now: '2026-12-07T01:00:00.000Z' })).verdict).toBe('accepted');
    expect((await receivePackage(store, await packageOf(src, south, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z' }), { by: 'a', now: '2026-12-07T01:10:00.000Z' })).verdict).toBe('accepted');

    // Head office's targets: east exactly its plan, south 20% more in March.
    const cells = await nationalByRegionMonth(store);
    const rows = cells.flatMap((c) => [{ region: c.regionName, month: c.month, amountCents: c.regionName === '華南大區' && c.month === 3 ? Math.round(c.planCents * 1.2) : c.planCents, volume: c.volume }]);
    expect(await setTargets(store, rows)).toBe(24);
    // Set again: replaced, not added.
    await setTargets(store, rows);

    let board = await statusBoard(store, { now: '2026-12-07T02:00:00.000Z' });
    const row = (name: string) => board.regions.find((r) => r.regionName === name)!;
    expect(board.cycle).toMatchObject({ planYear: 2027, tolerance: 0.01, expenseCap: 0.05, dueDate: '2026-12-01' });
    expect(board.regions.map((r) => [r.regionName, r.state, r.revision, r.late])).toEqual([
      ['華東大區', 'submitted', 1, false], ['華南大區', 'submitted', 1, false], ['華北大區', 'pending', null, true],
    ]);
    expect(row('華東大區').planCents).toBe(src.planCents);
    expect(row('華東大區').targetCents).toBe(src.planCents);
    expect(row('華東大區').months).toHaveLength(12);
    expect(row('華東大區').receivedAt).toBe('2026-12-07T01:00:00.000Z');
    expect(row('華東大區').expenseRatio).toBeGreaterThan(0.05);
    expect(row('華東大區').warnings.map((w) => w.key)).toEqual(['expenseOverCap']);
    expect(row('華南大區').warnings.map((w) => w.key)).toEqual(['gapYear', 'gapMonth', 'expenseOverCap']);
    expect(row('華南大區').warnings[1].params).toMatchObject({ month: 3 });

    // A return whose file cannot be written is not taken.
    await expect(returnRegion(store, '華東大區', { by: 'x', comment: 'c', write: () => { throw new Error('disk full'); } })).rejects.toThrow('disk full');
    expect((await statusBoard(store)).regions[0].state).toBe('submitted');
    expect(await store.db.selectFrom('decision').selectAll().execute()).toEqual([]);

    // Return east with a comment: what its return file needs.
    const ret = await returnRegion(store, '華東大區', { by: '總部 王', comment: '三月偏低，請調整', now: '2026-12-07T02:00:00.000Z' });
    expect(ret).toEqual({
      packageId: (await store.db.selectFrom('region').select('package_id').where('name', '=', '華東大區').executeTakeFirstOrThrow()).package_id,
      regionId: east.id, regionName: '華東大區', planYear: 2027, revision: 1, verdict: 'returned', comment: '三月偏低，請調整',
      decidedAt: '2026-12-07T02:00:00.000Z', decidedBy: '總部 王',
    });
    board = await statusBoard(store, { now: '2026-12-07T02:00:00.000Z' });
    expect(row('華東大區')).toMatchObject({ state: 'returned', late: true });
    await expect(confirmRegion(store, '華東大區', { by: 'x' })).rejects.toMatchObject({ reason: 'notSubmitted' });
    await expect(returnRegion(store, '華北大區', { by: 'x', comment: 'c' })).rejects.toBeInstanceOf(HqRefusal);

    // The next revision, then confirmed: a later one is refused until reopened.
    const e2 = await packageOf(src, east, { revision: 2, replaces: 1, createdAt: '2026-12-07T03:00:00.000Z' });
    expect((await receivePackage(store, e2, { by: 'a', now: '2026-12-07T03:00:00.000Z' })).verdict).toBe('accepted');
    const conf = await confirmRegion(store, east.id, { by: '總部 王', now: '2026-12-07T04:00:00.000Z' });
    expect(conf).toMatchObject({ verdict: 'confirmed', revision: 2, comment: '' });
    const e3 = await packageOf(src, east, { revision: 3, replaces: 2, createdAt: '2026-12-07T05:00:00.000Z' });
    const locked = await receivePackage(store, e3, { by: 'a', language: 'en' });
    expect(locked).toMatchObject({ verdict: 'refused', reason: 'regionConfirmed' });
    expect(locked.message).toContain('confirmed');
    expect((await statusBoard(store)).regions[0]).toMatchObject({ state: 'confirmed', revision: 2 });
    await reopenRegion(store, '華東大區', { by: '總部 王' });
    expect((await receivePackage(store, e3, { by: 'a', now: '2026-12-07T05:00:00.000Z' })).verdict).toBe('accepted');

    // The views cut the same national total every way.
    const national = await nationalByRegionMonth(store);
    const sum = total(national);
    expect(sum).toBe(2 * src.planCents);
    expect(total(await nationalByBrandCategory(store))).toBe(sum);
    expect(total(await nationalByChannel(store))).toBe(sum);
    const brands = await nationalByBrandCategory(store);
    expect(brands[0].name).not.toBe('');
    expect(brands[0].parentName).not.toBeNull();
    const march = await drillToRegions(store, { month: 3 });
    expect(march.map((r) => r.regionName)).toEqual(['華東大區', '華南大區']);
    expect(total(march)).toBe(total(national.filter((c) => c.month === 3)));
    const brand = brands[0].parentCode!;
    const byBrand = await drillToRegions(store, { brandCode: brand });
    expect(total(byBrand)).toBe(brands.filter((b) => b.parentCode === brand).reduce((s, b) => s + b.planCents, 0));
    const expenses = await expensesByRegion(store);
    expect(expenses).toHaveLength(2);
    expect(expenses[0]).toMatchObject({ regionName: '華東大區', planCents: src.planCents, overCap: true });
    expect(expenses[0].items.reduce((s, i) => s + i.amountCents, 0)).toBe(expenses[0].budgetCents);
    expect(expenses[0].items[0].name).not.toBe(expenses[0].items[0].code);

    // The consolidated workbook's model: the same figures, and the workbook writer takes it.
    const model = await consolidatedModel(store, { now: '2026-12-07T06:00:00.000Z' });
    const s12 = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(model.regions.map((r) => [r.name, r.state])).toEqual([['華東大區', 'submitted'], ['華南大區', 'submitted'], ['華北大區', 'pending']]);
    expect(model.byRegionMonth.reduce((x, r) => x + s12(r.planCents), 0)).toBe(sum);
    expect(model.byBrand.reduce((x, r) => x + s12(r.planCents), 0)).toBe(sum);
    expect(model.byChannel.reduce((x, r) => x + s12(r.planCents), 0)).toBe(sum);
    expect(s12(model.expenseByRegion[0].budgetCents)).toBe(expenses[0].budgetCents);
    expect(consolidatedWorkbookBytes(model, { unit: 'wan', language: 'zh-Hant' }).bytes.length).toBeGreaterThan(0);

    const change = await changeBetween(store, '2026-12-07T01:30:00.000Z', '2026-12-07T06:00:00.000Z');
    expect(change.map((c) => [c.regionName, c.fromRevision, c.toRevision])).toEqual([['華東大區', 1, 3]]);
    expect(change[0].months).toHaveLength(12);
  }, 120_000);
});
