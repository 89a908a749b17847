import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HqRefusal, closeHqStore, createHqStore, openHqStore, receivePackage, setTargetCells, spreadYear, statusBoard, targetGrid, terminalChannelView, type HqStore,
} from '../../src/main/core/hq';
import { HQ_SCHEMA_VERSION } from '../../src/main/core/hq/schema';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { CHANNEL_PLAN_MEASURES, type ChannelPlanMeasure, type TargetGridRow } from '../../src/shared/hqTargets';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';
import { testHost } from './helpers';

// Head office's target typed and pasted in its window (every batch in one transaction,
// a bad region refusing all of it), and the regions' terminal and channel plans read
// from their packages: equal to what each region file holds, replaced with the next
// revision, summed nationally; a workspace of schema version 1 is brought up to 2.

const src = plannedTemplate();
const stores = hqStores('rplan_hqtargets');
const open: HqStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await closeHqStore(s);
});

interface Expected {
  stores: number;
  storesToOpen: number;
  distribution: [number, number];
  shelf: [number, number];
  channel: Record<ChannelPlanMeasure, number>;
  byChannel: Map<string, { stores: number; toOpen: number }>;
}

/** The region file's terminal and channel plan, computed row by row here (not by the reader's SQL). */
function expectedOf(db: Database.Database, versionId: number): Expected {
  const code = new Map((db.prepare('SELECT id, code FROM channel').all() as { id: number; code: string }[]).map((c) => [c.id, c.code]));
  const terminals = db.prepare('SELECT city_id, channel_id, status FROM terminal').all() as { city_id: number; channel_id: number; status: string }[];
  const active = terminals.filter((t) => t.status === 'active');
  const opening = db.prepare('SELECT channel_id, stores FROM terminal_open_plan WHERE version_id = ?').all(versionId) as { channel_id: number; stores: number }[];
  const shares = db.prepare('SELECT city_id, channel_id, distribution, shelf FROM terminal_share_target WHERE version_id = ?').all(versionId) as {
    city_id: number; channel_id: number; distribution: number | null; shelf: number | null;
  }[];
  const byChannel = new Map<string, { stores: number; toOpen: number }>();
  const at = (id: number) => {
    const k = code.get(id)!;
    if (!byChannel.has(k)) byChannel.set(k, { stores: 0, toOpen: 0 });
    return byChannel.get(k)!;
  };
  for (const t of active) at(t.channel_id).stores++;
  for (const o of opening) at(o.channel_id).toOpen += o.stores;
  const distribution: [number, number] = [0, 0];
  const shelf: [number, number] = [0, 0];
  for (const s of shares) {
    const w = Math.max(1, active.filter((t) => t.city_id === s.city_id && t.channel_id === s.channel_id).length);
    if (s.distribution !== null) {
      distribution[0] += s.distribution * w;
      distribution[1] += w;
    }
    if (s.shelf !== null) {
      shelf[0] += s.shelf * w;
      shelf[1] += w;
    }
  }
  const customers = db.prepare('SELECT tier, status FROM customer').all() as { tier: string; status: string }[];
  const fills = db.prepare('SELECT first_year_sales_cents AS s FROM channel_fill_plan WHERE version_id = ?').all(versionId) as { s: number }[];
  const prospects = db.prepare('SELECT stage, year_sales_cents AS s FROM channel_prospect WHERE version_id = ?').all(versionId) as { stage: string; s: number }[];
  const changes = db.prepare('SELECT kind FROM channel_customer_change WHERE version_id = ?').all(versionId) as { kind: string }[];
  const tier = (t: string) => customers.filter((c) => c.status === 'active' && c.tier === t).length;
  const live = prospects.filter((p) => p.stage !== 'lost');
  return {
    stores: active.length,
    storesToOpen: opening.reduce((a, o) => a + o.stores, 0),
    distribution,
    shelf,
    byChannel,
    channel: {
      distributors: tier('distributor'), subDistributors: tier('sub_distributor'), keyAccounts: tier('key_account'),
      blankFills: fills.length, fillSalesCents: fills.reduce((a, f) => a + f.s, 0),
      prospects: live.length, prospectsSigned: prospects.filter((p) => p.stage === 'signed').length, prospectSalesCents: live.reduce((a, p) => a + p.s, 0),
      upgrades: changes.filter((c) => c.kind === 'upgrade').length, terminations: changes.filter((c) => c.kind === 'terminate').length,
    },
  };
}

const sumOf = (xs: Expected[]): Expected => {
  const byChannel = new Map<string, { stores: number; toOpen: number }>();
  for (const x of xs) for (const [k, v] of x.byChannel) byChannel.set(k, { stores: (byChannel.get(k)?.stores ?? 0) + v.stores, toOpen: (byChannel.get(k)?.toOpen ?? 0) + v.toOpen });
  return {
    stores: xs.reduce((a, x) => a + x.stores, 0),
    storesToOpen: xs.reduce((a, x) => a + x.storesToOpen, 0),
    distribution: [xs.reduce((a, x) => a + x.distribution[0], 0), xs.reduce((a, x) => a + x.distribution[1], 0)],
    shelf: [xs.reduce((a, x) => a + x.shelf[0], 0), xs.reduce((a, x) => a + x.shelf[1], 0)],
    channel: Object.fromEntries(CHANNEL_PLAN_MEASURES.map((m) => [m, xs.reduce((a, x) => a + x.channel[m], 0)])) as Record<ChannelPlanMeasure, number>,
    byChannel,
  };
};

function expectLine(line: { stores: number; storesToOpen: number; distribution: number | null; shelf: number | null; channel: Record<ChannelPlanMeasure, number> }, e: Expected) {
  expect(line.stores).toBe(e.stores);
  expect(line.storesToOpen).toBe(e.storesToOpen);
  expect(line.channel).toEqual(e.channel);
  expect(line.distribution).toBeCloseTo(e.distribution[0] / e.distribution[1], 12);
  expect(line.shelf).toBeCloseTo(e.shelf[0] / e.shelf[1], 12);
}

describe.each(stores)('head office\'s targets and the terminal and channel plans on $name', ({ target, skip }) => {
  it.skipIf(skip)('reads each region\'s terminal and channel plan from its package, sums them, and replaces them with the next revision', async () => {
    const t = target();
    await createDatabaseOf(t);
    const store = await createHqStore(t, { planYear: 2027, regions: ['華東大區', '華南大區', '華北大區'] });
    open.push(store);
    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    let e1: Expected | null = null;
    let s1: Expected | null = null;
    const east1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z', edit: (db) => (e1 = expectedOf(db, src.snapshotId)) });
    // The south has closed a third of its stores and let its first distributors go: other weights, other counts.
    const south1 = await packageOf(src, south, {
      revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z',
      edit: (db) => {
        db.exec(`UPDATE terminal SET status = 'closed' WHERE status = 'active' AND id % 3 = 0`);
        db.exec(`UPDATE customer SET status = 'terminated' WHERE id IN (SELECT id FROM customer WHERE tier = 'distributor' AND status = 'active' ORDER BY id LIMIT 2)`);
        s1 = expectedOf(db, src.snapshotId);
      },
    });
    expect((await receivePackage(store, east1, { by: 'a' })).verdict).toBe('accepted');
    expect((await receivePackage(store, south1, { by: 'a' })).verdict).toBe('accepted');
    // The demo plans stores, shares and customers: a test of sums that are not all zero.
    expect(e1!.stores).toBeGreaterThan(0);
    expect(e1!.storesToOpen).toBeGreaterThan(0);
    expect(e1!.distribution[1]).toBeGreaterThan(0);
    expect(e1!.channel.distributors).toBeGreaterThan(s1!.channel.distributors);
    expect(e1!.stores).not.toBe(s1!.stores);

    let view = await terminalChannelView(store);
    expect(view.regions.map((r) => [r.regionName, r.revision])).toEqual([['華東大區', 1], ['華南大區', 1]]);
    expectLine(view.regions[0], e1!);
    expectLine(view.regions[1], s1!);
    expectLine(view.national, sumOf([e1!, s1!]));
    const both = sumOf([e1!, s1!]);
    expect(view.byChannel.map((c) => [c.channelCode, c.stores, c.storesToOpen])).toEqual(
      [...both.byChannel].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.stores, v.toOpen]),
    );
    // The shares by channel × category weigh to the same national figure, and name their members.
    const w = view.shares.reduce((a, s) => a + (s.distribution === null ? 0 : s.distribution * s.weight), 0);
    expect(view.shares.every((s) => s.channelName !== '' && s.categoryName !== '')).toBe(true);
    expect(w).toBeGreaterThan(0);

    // East's next revision: its stores grew; its previous figures are replaced, not added to.
    let e2: Expected | null = null;
    const east2 = await packageOf(src, east, {
      revision: 2, replaces: 1, createdAt: '2026-12-07T02:00:00.000Z',
      edit: (db) => {
        db.exec(`UPDATE customer SET tier = 'key_account' WHERE id IN (SELECT id FROM customer WHERE tier = 'distributor' ORDER BY id LIMIT 1)`);
        db.exec(`UPDATE terminal SET status = 'closed' WHERE id % 2 = 0`);
        e2 = expectedOf(db, src.snapshotId);
      },
    });
    expect((await receivePackage(store, east2, { by: 'a' })).verdict).toBe('accepted');
    view = await terminalChannelView(store);
    expect(e2!.stores).toBeLessThan(e1!.stores);
    expectLine(view.regions[0], e2!);
    expectLine(view.national, sumOf([e2!, s1!]));
    expect(Number((await store.db.selectFrom('channel_plan').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(2 * CHANNEL_PLAN_MEASURES.length);
  });

  it.skipIf(skip)('brings a version-1 workspace up to version 2; its regions\' figures come with their next revision', async () => {
    const t = target();
    await createDatabaseOf(t);
    let store = await createHqStore(t, { planYear: 2027, regions: ['華東大區'] });
    const east = newRegion(src.work, '華東大區');
    expect((await receivePackage(store, await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z' }), { by: 'a' })).verdict).toBe('accepted');
    // What a version-1 workspace is: the same tables but the three version 2 added.
    await store.dialect.writing(store.db, async (trx) => {
      for (const table of ['terminal_plan', 'terminal_share', 'channel_plan']) await sql.raw(`DROP TABLE ${table}`).execute(trx);
      await store.dialect.setSchemaVersion(trx, 1);
    });
    expect(await store.dialect.schemaVersion(store.db)).toBe(1);
    await closeHqStore(store);

    store = await openHqStore(t);
    open.push(store);
    expect(HQ_SCHEMA_VERSION).toBe(2);
    expect(await store.dialect.schemaVersion(store.db)).toBe(2);
    let view = await terminalChannelView(store);
    expect(view.regions).toHaveLength(1);
    expect(view.regions[0]).toMatchObject({ stores: 0, distribution: null });
    // The board and the plan are as they were.
    expect((await statusBoard(store)).regions[0]).toMatchObject({ state: 'submitted', revision: 1, planCents: src.planCents });
    let expected: Expected | null = null;
    const east2 = await packageOf(src, east, { revision: 2, replaces: 1, createdAt: '2026-12-07T02:00:00.000Z', edit: (db) => (expected = expectedOf(db, src.snapshotId)) });
    expect((await receivePackage(store, east2, { by: 'a' })).verdict).toBe('accepted');
    view = await terminalChannelView(store);
    expectLine(view.regions[0], expected!);
    // Opened again: nothing more to do.
    await closeHqStore(open.pop()!);
    store = await openHqStore(t);
    open.push(store);
    expect(await store.dialect.schemaVersion(store.db)).toBe(2);
  });

  it.skipIf(skip)('writes typed and pasted target cells in one transaction, spreads a year total, refuses a batch naming an unknown region', async () => {
    const t = target();
    await createDatabaseOf(t);
    const store = await createHqStore(t, { planYear: 2027, regions: ['華東大區', '華南大區'] });
    open.push(store);
    const east = newRegion(src.work, '華東大區');
    expect((await receivePackage(store, await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z' }), { by: 'a' })).verdict).toBe('accepted');

    // A typed cell: an amount, the volume of the month left as it is.
    expect(await setTargetCells(store, [{ region: '華東大區', month: 3, measure: 'amount', value: 12_000_000 }])).toBe(1);
    expect(await setTargetCells(store, [{ region: '華東大區', month: 3, measure: 'volume', value: 450 }])).toBe(1);
    let grid = await targetGrid(store);
    expect(grid.map((r) => r.regionName)).toEqual(['華東大區', '華南大區']);
    expect(grid[0].amountCents[2]).toBe(12_000_000);
    expect(grid[0].volume[2]).toBe(450);
    expect(grid[0].planCents.reduce((a, b) => a + b, 0)).toBe(src.planCents);

    // A pasted block of 2 regions × 3 months: one call, six cells.
    const block = [
      [1_000_000, 2_000_000, 3_000_000],
      [4_000_000, 5_000_000, 6_000_000],
    ];
    const cells = block.flatMap((row, i) => row.map((value, j) => ({ region: i === 0 ? '華東大區' : '華南大區', month: 4 + j, measure: 'amount' as const, value })));
    expect(await setTargetCells(store, cells)).toBe(6);
    grid = await targetGrid(store);
    expect(grid[0].amountCents.slice(3, 6)).toEqual(block[0]);
    expect(grid[1].amountCents.slice(3, 6)).toEqual(block[1]);
    expect(grid[0].amountCents[2]).toBe(12_000_000);
    const board = await statusBoard(store);
    expect(board.regions[1].targetCents).toBe(15_000_000);

    // A batch with a region the workspace does not hold: refused whole, nothing written.
    const before = await targetGrid(store);
    await expect(
      setTargetCells(store, [{ region: '華東大區', month: 1, measure: 'amount', value: 9_900 }, { region: '西北大區', month: 1, measure: 'amount', value: 1 }], 'en'),
    ).rejects.toSatisfy((e) => e instanceof HqRefusal && e.reason === 'notFoundRegion' && e.message.includes('西北大區'));
    await expect(setTargetCells(store, [{ region: '華東大區', month: 13, measure: 'amount', value: 1 }])).rejects.toThrow(/month 13/);
    await expect(setTargetCells(store, [{ region: '華東大區', month: 1, measure: 'volume', value: -1 }])).rejects.toThrow(/cells\.0/);
    expect(await targetGrid(store)).toEqual(before);

    // A year total: spread like the region's target now; south, with no target or plan shape left, evenly… in whole 元.
    const yearEast = 120_000_000;
    await setTargetCells(store, [{ region: '華東大區', month: 0, measure: 'amount', value: yearEast }]);
    grid = await targetGrid(store);
    expect(grid[0].amountCents.reduce((a, b) => a + b, 0)).toBe(yearEast);
    expect(grid[0].amountCents.every((v) => v % 100 === 0)).toBe(true);
    // March carried 12/18 of east's target: it keeps that share.
    expect(grid[0].amountCents[2] / yearEast).toBeCloseTo(12 / 18, 4);
    expect(grid[0].amountCents[0]).toBe(0);
  });
});

describe('a year total spread over the months', () => {
  it('follows the first shape with a sum, else goes evenly, and keeps whole 元 whole', () => {
    expect(spreadYear(1200, 'volume', Array(12).fill(0), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 2])).toEqual([200, 200, 200, 200, 0, 0, 0, 0, 0, 0, 0, 400]);
    expect(spreadYear(1_200_00, 'amount', Array(12).fill(0), Array(12).fill(0))).toEqual(Array(12).fill(10_000));
    const odd = spreadYear(100_00 + 7, 'amount', [1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(odd.reduce((a, b) => a + b, 0)).toBe(10_007);
    const whole = spreadYear(100_00, 'amount', [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(whole.every((v) => v % 100 === 0)).toBe(true);
    expect(whole.reduce((a, b) => a + b, 0)).toBe(10_000);
  });
});

describe('head office\'s target cells through the registry', () => {
  it('writes a pasted block, and refuses a bad cell or an unknown region with words that say where, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rplan-hqt-'));
    const session = new Session(testHost(join(dir, 'state'), { allowsPath: (p) => p.startsWith(dir) }));
    try {
      const r = createHandlers(session);
      const created = await r.invoke('hq.create', { path: join(dir, 'c.rplanhq'), planYear: 2027, name: '2027', regions: ['華東大區', '華南大區'] });
      expect(created.ok).toBe(true);
      const block = [{ region: '華東大區', month: 1, measure: 'amount' as const, value: 100_00 }, { region: '華南大區', month: 1, measure: 'volume' as const, value: 7 }];
      expect(await r.invoke('hq.setTargetCells', { cells: block })).toMatchObject({ ok: true, value: { count: 2 } });
      const before = await r.invoke('hq.targetGrid', {});
      expect(before.ok && (before.value as TargetGridRow[]).map((x) => [x.amountCents[0], x.volume[0]])).toEqual([[100_00, 0], [0, 7]]);

      const month = await r.invoke('hq.setTargetCells', { cells: [{ region: '華東大區', month: 13, measure: 'amount', value: 1 }] });
      expect(month.ok).toBe(false);
      if (!month.ok) expect(month.error.message).toContain('cells.0.month');
      const half = await r.invoke('hq.setTargetCells', { cells: [{ region: '華東大區', month: 2, measure: 'amount', value: 5 }, { region: '華東大區', month: 3, measure: 'amount', value: 1.5 }] });
      expect(half.ok).toBe(false);
      if (!half.ok) expect(half.error.message).toContain('cells.1.value');
      const unknown = await r.invoke('hq.setTargetCells', { cells: [{ region: '華東大區', month: 2, measure: 'amount', value: 5 }, { region: '西北大區', month: 2, measure: 'amount', value: 5 }] });
      expect(unknown.ok).toBe(false);
      if (!unknown.ok) expect(unknown.error).toMatchObject({ code: 'CONFLICT', message: '找不到區域「西北大區」' });
      expect(await r.invoke('hq.targetGrid', {})).toEqual(before);
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
