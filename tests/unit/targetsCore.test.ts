import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import { callStarted } from '../../src/main/core/activity';
import { WAL_AUTOCHECKPOINT } from '../../src/main/core/db/constants';
import { BULK_HISTORY } from '../../src/main/core/db/undoLog';
import { parseTargetMonth } from '../../src/main/core/io/hoTargetImport';
import { requireDestination } from '../../src/main/core/io/destinations';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import { loadVersionCube, targetCache } from '../../src/main/core/services/targets/model';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';
import { editFile, testHost, tinyDemoTemplate } from './helpers';

// The target planning core through the handler registry (the path every transport
// takes), on the tiny demo region: a new plan from last year, spreading with locks,
// roll-up, undo/redo of bulk steps across a reopen, snapshots, scenarios, promote,
// the balanced breakdown and manual weights. Every expected figure is recomputed
// from the file with SQL, never copied from the code under test.

const template = tinyDemoTemplate();

interface Ctx {
  path: string;
  session: Session;
  r: HandlerRegistry;
}

async function open(path: string): Promise<Ctx> {
  const dir = join(path, '..');
  const host = testHost(join(dir, 'state'));
  const session = new Session(host);
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return { path, session, r };
}

async function fresh(): Promise<Ctx> {
  return open(template.copy());
}

async function call<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await c.r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as EndpointResult<K>;
}
async function refused<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<AppErrorData> {
  const res = await c.r.invoke(name, input);
  if (res.ok) throw new Error(`${name} should have been refused`);
  return res.error;
}

/** One value from the file in SQL. */
function sql<T>(c: Ctx, text: string, ...params: unknown[]): T {
  return raw(c).prepare(text).pluck().get(...params) as T;
}

/** The file's connection for SQL by hand, as any reader sees it: rows an edit left for after its commit (db/deferredRows.ts) land first. */
function raw(c: Ctx) {
  const file = c.session.requireFile();
  file.settle();
  return file.sqlite;
}

const WAN = 1_000_000; // cents in 萬元
const province = ['province', 'city', 'customer'] as const;

async function working(c: Ctx): Promise<number> {
  const versions = await call(c, 'targets.versions', {});
  return versions.find((v) => v.kind === 'working')!.id;
}

async function seedPlan(c: Ctx, yearCents: number): Promise<number> {
  const v = await working(c);
  const out = await call(c, 'targets.setCells', {
    versionId: v, levels: [...province], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: yearCents }],
  });
  expect(out.seeded).toBe(true);
  return v;
}

/** The file's cell key, as its unique index orders the rows. */
const KEY_ORDER = 'city_id, channel_id, ifnull(customer_id, 0), sku_id, month';
const idsBy = (c: Ctx, v: number, order: string) => raw(c).prepare(`SELECT id FROM target_fact WHERE version_id = ? ORDER BY ${order}`).pluck().all(v);

/** The version's cube as the open file keeps it equals, cell by cell, a cube read afresh from its rows. */
function expectCubeMatchesRows(c: Ctx, v: number): void {
  const file = c.session.requireFile();
  file.settle();
  const cache = targetCache(file, file.read);
  const kept = cache.loaded().find((x) => x.versionId === v)!;
  const fromRows = loadVersionCube(file.read, cache.refs, v);
  expect(kept.present).toBe(fromRows.present);
  expect([...kept.rowId.subarray(0, fromRows.rowId.length)]).toEqual([...fromRows.rowId]);
  expect([...kept.amount.subarray(0, fromRows.amount.length)]).toEqual([...fromRows.amount]);
}

describe('target planning core', () => {
  it('a new plan is built from last year: leaves for every customer × SKU sold, totals exact, in proportion', async () => {
    const c = await fresh();
    const v = await working(c);
    const empty = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    expect(empty.seeded).toBe(false);
    await seedPlan(c, 3_600 * WAN);
    const pairs = sql<number>(c, 'SELECT count(*) FROM (SELECT DISTINCT customer_id, sku_id FROM sales_actual WHERE period BETWEEN 202601 AND 202612)');
    expect(sql<number>(c, 'SELECT count(*) FROM target_fact WHERE version_id = ?', v)).toBe(pairs * 12);
    // The leaves' rows are numbered in the order of the cell key, and the cube names each cell's row.
    expect(idsBy(c, v, 'id')).toEqual(idsBy(c, v, KEY_ORDER));
    expectCubeMatchesRows(c, v);
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(3_600 * WAN);
    expect(sql<number>(c, 'SELECT count(*) FROM target_fact WHERE amount_cents % 100 <> 0')).toBe(0);
    // Province shares follow last year's within a cent per leaf.
    const ly = sql<number>(c, 'SELECT sum(amount_cents) FROM sales_actual WHERE period BETWEEN 202601 AND 202612');
    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    for (const p of tree.nodes.filter((n) => n.depth === 0)) {
      const plan = p.months.reduce((a, b) => a + b, 0);
      const last = p.lastYear.reduce((a, b) => a + b, 0);
      expect(Math.abs(plan / (3_600 * WAN) - last / ly)).toBeLessThan(1e-4);
    }
    expect(tree.total.months.reduce((a, b) => a + b, 0)).toBe(3_600 * WAN);
    // Volume grew like amount.
    const lyVol = sql<number>(c, 'SELECT sum(volume) FROM sales_actual WHERE period BETWEEN 202601 AND 202612');
    const vol = sql<number>(c, 'SELECT sum(volume) FROM target_fact WHERE version_id = ?', v);
    expect(Math.abs(vol / lyVol - (3_600 * WAN) / ly)).toBeLessThan(1e-3);
  });

  it('a locked province keeps its value when the total changes, and the total stays exact', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const provinceId = sql<number>(c, 'SELECT min(id) FROM province');
    const provTotal = () => sql<number>(c, 'SELECT sum(t.amount_cents) FROM target_fact t JOIN city ON city.id = t.city_id WHERE version_id = ? AND city.province_id = ?', v, provinceId);
    const before = provTotal();
    await call(c, 'targets.setLock', { versionId: v, scope: [{ dim: 'province', id: provinceId }], month: 0, locked: true });
    await call(c, 'targets.setCells', {
      versionId: v, levels: [...province], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'year', value: 4_000 * WAN }],
    });
    expect(provTotal()).toBe(before);
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(4_000 * WAN);
    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    expect(tree.nodes.find((n) => n.depth === 0 && n.path[0] === provinceId)?.lock).toBe('all');
    // Locked above the new total: refused, nothing changes.
    const err = await refused(c, 'targets.setCells', {
      versionId: v, levels: [...province], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'year', value: Math.floor(before / 2 / 100) * 100 }],
    });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.rule).toBe('targets.error.locked-exceed-total');
    expect(err.issues?.[0].path).toBe('edits');
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(4_000 * WAN);

    // A paste whose first cell spreads and whose second is refused: the spread is written
    // into the screen's figures first, and must be taken back with the refusal.
    const other = sql<number>(c, 'SELECT min(id) FROM province WHERE id <> ?', provinceId);
    const otherTotal = () => sql<number>(c, 'SELECT sum(t.amount_cents) FROM target_fact t JOIN city ON city.id = t.city_id WHERE version_id = ? AND city.province_id = ?', v, other);
    const otherBefore = otherTotal();
    const paste = await refused(c, 'targets.setCells', {
      versionId: v, levels: [...province], measure: 'amount', method: 'current', label: 'paste',
      edits: [
        { path: [other], period: 'year', value: Math.round(otherBefore / 100 / 2) * 100 },
        { path: [], period: 'year', value: Math.floor(before / 2 / 100) * 100 },
      ],
    });
    expect(paste.rule).toBe('targets.error.locked-exceed-total');
    expect(otherTotal()).toBe(otherBefore);
    const after = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    const yearOf = (months: number[]) => months.reduce((a, b) => a + b, 0);
    expect(yearOf(after.total.months)).toBe(4_000 * WAN);
    expect(yearOf(after.nodes.find((n) => n.depth === 0 && n.path[0] === other)!.months)).toBe(otherBefore);
    // The next edit starts from the file's figures: only what it changes moves.
    await call(c, 'targets.setCells', {
      versionId: v, levels: [...province], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [other], period: 'year', value: otherBefore + 100 * WAN }],
    });
    expect(otherTotal()).toBe(otherBefore + 100 * WAN);
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(4_100 * WAN);
  });

  it('the tree, the version list and the summary after edits, a lock and an undo equal the file, node by node and month by month', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const levels = ['province', 'channel', 'city'] as const;
    const fromFile = () => {
      const rows = raw(c)
        .prepare(`SELECT city.province_id AS p, t.channel_id AS ch, t.month AS m, sum(t.amount_cents) AS a FROM target_fact t
          JOIN city ON city.id = t.city_id WHERE t.version_id = ? GROUP BY 1, 2, 3`)
        .all(v) as { p: number; ch: number; m: number; a: number }[];
      const out = new Map<string, number[]>();
      const add = (key: string, m: number, a: number) => {
        const months = out.get(key) ?? new Array<number>(12).fill(0);
        months[m - 1] += a;
        out.set(key, months);
      };
      for (const r of rows) {
        add(`${r.p}`, r.m, r.a);
        add(`${r.p}.${r.ch}`, r.m, r.a);
      }
      return out;
    };
    const check = async () => {
      const tree = await call(c, 'targets.tree', { versionId: v, levels: [...levels], measure: 'amount', parent: null });
      const want = fromFile();
      const shown = tree.nodes.filter((n) => n.depth <= 1);
      expect(shown.length).toBeGreaterThan(0);
      for (const n of shown) expect([n.path.join('.'), n.months]).toEqual([n.path.join('.'), want.get(n.path.join('.')) ?? new Array<number>(12).fill(0)]);
      // The version list's totals follow the same moves.
      const versions = await call(c, 'targets.versions', {});
      const totals = raw(c)
        .prepare('SELECT count(*) AS cells, sum(amount_cents) AS amount, sum(volume) AS volume FROM target_fact WHERE version_id = ?')
        .get(v) as { cells: number; amount: number; volume: number };
      const listed = versions.find((x) => x.id === v)!;
      expect({ cells: listed.cellCount, amount: listed.amountCents, volume: listed.volume }).toEqual(totals);
      // So does the summary: amounts and volumes by month, and gross profit from each SKU's month (its cents times its margin).
      const summary = await call(c, 'targets.summary', { versionId: v });
      const bySkuMonth = raw(c)
        .prepare(`SELECT t.month AS m, sum(t.amount_cents) AS a, sum(t.volume) AS vol, s.std_cost_cents AS cost, s.list_price_cents AS price
          FROM target_fact t JOIN sku s ON s.id = t.sku_id WHERE t.version_id = ? GROUP BY t.sku_id, t.month ORDER BY t.sku_id, t.month`)
        .all(v) as { m: number; a: number; vol: number; cost: number | null; price: number | null }[];
      const amount = new Array<number>(12).fill(0);
      const volume = new Array<number>(12).fill(0);
      const gross = new Array<number>(12).fill(0);
      for (const r of bySkuMonth) {
        amount[r.m - 1] += r.a;
        volume[r.m - 1] += r.vol;
        if (r.cost !== null && r.price !== null && r.a !== 0) gross[r.m - 1] += r.a * (r.price > 0 ? (r.price - r.cost) / r.price : 0);
      }
      expect(summary.plan.amountCents).toEqual(amount);
      expect(summary.plan.volume).toEqual(volume);
      expect(summary.plan.grossProfitCents).toEqual(gross.map((g) => Math.round(g / 100) * 100));
      return tree;
    };
    const first = await check();
    const [p1, p2] = first.nodes.filter((n) => n.depth === 0);
    const ch = first.nodes.find((n) => n.depth === 1 && n.path[0] === p1.path[0])!;
    const edit = (path: number[], period: 'year' | 'm3', value: number) =>
      call(c, 'targets.setCells', { versionId: v, levels: [...levels], measure: 'amount', method: 'current', label: 'edit', edits: [{ path, period, value }] });
    // Edits one after another, read after each and after two in a row.
    await edit(ch.path, 'year', 500 * WAN);
    await check();
    await edit(p2.path, 'm3', 40 * WAN);
    await edit([], 'year', 3_900 * WAN);
    await check();
    // A lock changes the tree without moving a value.
    await call(c, 'targets.setLock', { versionId: v, scope: [{ dim: 'province', id: p1.path[0] }], month: 0, locked: true });
    const locked = await check();
    expect(locked.nodes.find((n) => n.path.join('.') === p1.path.join('.'))?.lock).toBe('all');
    await edit([], 'year', 4_000 * WAN);
    await check();
    // Undo and redo move values outside the commands' notes.
    await call(c, 'edit.undo', {});
    await check();
    await call(c, 'edit.redo', {});
    await edit(p2.path, 'year', 900 * WAN);
    await check();
  });

  it('the undo history is trimmed and the log checkpointed once the user pauses; the history at twice its length at once', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const bulkSteps = () => sql<number>(c, 'SELECT count(DISTINCT step_id) FROM undo_bulk');
    // Checkpoints wait for the pause too; the log checkpoints itself only past its bound.
    const sqlite = raw(c);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT);
    const pragmas: string[] = [];
    const pragma = sqlite.pragma.bind(sqlite);
    sqlite.pragma = ((source: string, options?: Parameters<typeof pragma>[1]) => {
      pragmas.push(source);
      return pragma(source, options);
    }) as typeof sqlite.pragma;
    const edit = (value: number) =>
      call(c, 'targets.setCells', { versionId: v, levels: [...province], measure: 'amount', method: 'current', label: 'edit', edits: [{ path: [], period: 'year', value }] });
    // Edits in a burst (a call held open stands for the calls that keep coming): nothing is trimmed.
    const burst = callStarted();
    for (let i = 1; i <= BULK_HISTORY + 4; i++) await edit((3_600 + i) * WAN);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bulkSteps()).toBe(BULK_HISTORY + 5);
    expect(pragmas.filter((p) => p.startsWith('wal_checkpoint'))).toEqual([]);
    burst();
    // A pause: the oldest go, in a transaction of their own; the newest still undoes.
    await expect.poll(bulkSteps, { timeout: 5_000 }).toBe(BULK_HISTORY);
    await expect.poll(() => pragmas.filter((p) => p === 'wal_checkpoint(PASSIVE)').length, { timeout: 5_000 }).toBe(1);
    await call(c, 'edit.undo', {});
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe((3_600 + BULK_HISTORY + 3) * WAN);
    await call(c, 'edit.redo', {});
    // A burst that never pauses: a command trims at twice the history itself.
    const longBurst = callStarted();
    for (let i = 1; i <= BULK_HISTORY; i++) await edit((4_000 + i) * WAN);
    expect(bulkSteps()).toBe(BULK_HISTORY * 2);
    await edit(5_000 * WAN);
    expect(bulkSteps()).toBe(BULK_HISTORY);
    longBurst();
  });

  it('a month of a city spreads over its leaves; a leaf rolls up; undo and redo survive a reopen', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    const city = tree.nodes.find((n) => n.depth === 1 && n.months[2] > 0)!;
    await call(c, 'targets.setCells', {
      versionId: v, levels: [...province], measure: 'amount', method: 'equal', label: 'edit',
      edits: [{ path: city.path, period: 'm3', value: 123 * WAN }],
    });
    const cityMarch = (x: Ctx = c) => sql<number>(x, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? AND city_id = ? AND month = 3', v, city.path[1]);
    expect(cityMarch()).toBe(123 * WAN);
    // Equal: every leaf of the city in March within one 元 of the others.
    const spreadOf = sql<number>(c, 'SELECT max(amount_cents) - min(amount_cents) FROM target_fact WHERE version_id = ? AND city_id = ? AND month = 3', v, city.path[1]);
    expect(spreadOf).toBeLessThanOrEqual(100);
    const yearBefore = sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v);
    // A leaf edit rolls up: the region total moves by exactly the change.
    const row = raw(c)
      .prepare('SELECT customer_id, sku_id, amount_cents FROM target_fact WHERE version_id = ? AND city_id = ? AND month = 5 LIMIT 1')
      .get(v, city.path[1]) as { customer_id: number; sku_id: number; amount_cents: number };
    await call(c, 'targets.setCells', {
      versionId: v, levels: ['customer', 'sku'], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [row.customer_id, row.sku_id], period: 'm5', value: row.amount_cents + 50_000 }],
    });
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(yearBefore + 50_000);
    await call(c, 'edit.undo', {});
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(yearBefore);
    await call(c, 'edit.undo', {});
    expect(cityMarch()).toBe(city.months[2]);
    // The cube followed the undo in place: the tree agrees with the file.
    const t1 = await call(c, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    expect(t1.nodes.find((n) => n.depth === 1 && n.path[1] === city.path[1])!.months[2]).toBe(cityMarch());
    expect(t1.total.months.reduce((a, b) => a + b, 0)).toBe(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v));
    // Reopen: redo from the log in the file.
    await c.session.close();
    const d = await open(c.path);
    await call(d, 'edit.redo', {});
    expect(cityMarch(d)).toBe(123 * WAN);
    const t2 = await call(d, 'targets.tree', { versionId: v, levels: [...province], measure: 'amount', parent: null });
    expect(t2.nodes.find((n) => n.depth === 1 && n.path[1] === city.path[1])!.months[2]).toBe(123 * WAN);
    // Undo the seeding itself: the plan is empty again.
    await call(d, 'edit.undo', {});
    await call(d, 'edit.undo', {});
    expect(sql<number>(d, 'SELECT count(*) FROM target_fact WHERE version_id = ?', v)).toBe(0);
    await call(d, 'edit.redo', {});
    expect(sql<number>(d, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(3_600 * WAN);
    expect(raw(d).pragma('foreign_key_check')).toEqual([]);
  });

  it('snapshots never change; scenarios compare and promote (undoable)', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 2026-12-20' });
    expect(snap.frozen).toBe(true);
    expect(snap.amountCents).toBe(3_600 * WAN);
    const err = await refused(c, 'targets.setCells', {
      versionId: snap.id, levels: ['province'], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'year', value: 1 * WAN }],
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.rule).toBe('targets.error.snapshotFrozen');
    // Its locks and seasonality are refused the same way, before anything is written.
    const provinceId = sql<number>(c, 'SELECT min(id) FROM province');
    const lockErr = await refused(c, 'targets.setLock', { versionId: snap.id, scope: [{ dim: 'province', id: provinceId }], month: 0, locked: true });
    expect([lockErr.code, lockErr.rule]).toEqual(['CONFLICT', 'targets.error.snapshotFrozen']);
    const seasonErr = await refused(c, 'targets.setSeasonality', { versionId: snap.id, profile: new Array<number>(12).fill(1) });
    expect([seasonErr.code, seasonErr.rule]).toEqual(['CONFLICT', 'targets.error.snapshotFrozen']);
    expect(sql<number>(c, 'SELECT count(*) FROM target_lock WHERE version_id = ?', snap.id)).toBe(0);
    const stretch = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    await call(c, 'targets.setCells', {
      versionId: stretch.id, levels: ['province'], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'year', value: 4_200 * WAN }],
    });
    const cmp = await call(c, 'targets.compare', { versionIds: [v, stretch.id], dim: 'province', measure: 'amount' });
    expect(cmp.monthly[0].reduce((a, b) => a + b, 0)).toBe(3_600 * WAN);
    expect(cmp.monthly[1].reduce((a, b) => a + b, 0)).toBe(4_200 * WAN);
    expect(cmp.rows.reduce((s, r) => s + r.values[1], 0)).toBe(4_200 * WAN);
    const after = await call(c, 'targets.promote', { id: stretch.id });
    expect(after.find((x) => x.kind === 'working')!.id).toBe(stretch.id);
    expect(after.find((x) => x.id === v)!.kind).toBe('scenario');
    await call(c, 'edit.undo', {});
    expect((await call(c, 'targets.versions', {})).find((x) => x.kind === 'working')!.id).toBe(v);
    // The snapshot still holds what was sent.
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', snap.id)).toBe(3_600 * WAN);
    const keptSnap = await refused(c, 'targets.deleteVersion', { id: snap.id });
    expect(keptSnap.code).toBe('CONFLICT');
    expect(keptSnap.rule).toBe('targets.error.snapshotKept');
    // A scenario made from the one deleted now counts as made from its source.
    const child = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: stretch.id, name: '衝刺二', scenario: null });
    await call(c, 'targets.deleteVersion', { id: stretch.id });
    expect(sql<number>(c, 'SELECT count(*) FROM target_fact WHERE version_id = ?', stretch.id)).toBe(0);
    expect((await call(c, 'targets.versions', {})).find((x) => x.id === child.id)!.basedOnId).toBe(v);
    // A scenario a snapshot was taken from is kept, as the snapshot is.
    await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: child.id, name: '衝刺二 快照' });
    const kept = await refused(c, 'targets.deleteVersion', { id: child.id });
    expect(kept.code).toBe('CONFLICT');
    expect(kept.rule).toBe('targets.error.snapshotSource');
    expect(kept.issues?.[0].path).toBe('id');
  });

  it("a new version's totals are its source's, a scenario's cube its source's; a snapshot's totals are read once per open file", async () => {
    const first = await fresh();
    const v = await seedPlan(first, 3_600 * WAN);
    // A plan whose rows are not numbered in the key's order, as one planned by an earlier
    // build is (its first plan numbered them as the cube met its leaves): month 1's rows
    // moved past the others, behind the app's back, with the file closed.
    await first.session.close();
    const renumber = new Database(first.path);
    renumber.prepare('UPDATE target_fact SET id = id + 1000000 WHERE version_id = ? AND month = 1').run(v);
    renumber.close();
    const c = await open(first.path);
    // The targets page is open: the working plan's cube is loaded, so a scenario's is made from it.
    await call(c, 'targets.tree', { versionId: v, levels: ['province'], measure: 'amount', parent: null });
    const totalsIn = (x: Ctx, id: number) => raw(x).prepare('SELECT count(*) AS cellCount, sum(amount_cents) AS amountCents, sum(volume) AS volume FROM target_fact WHERE version_id = ?').get(id);
    const totals = (id: number) => totalsIn(c, id);
    const pick = (x: { cellCount: number; amountCents: number; volume: number }) => ({ cellCount: x.cellCount, amountCents: x.amountCents, volume: x.volume });
    const monthsIn = (id: number) => raw(c).prepare('SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? GROUP BY month ORDER BY month').pluck().all(id);
    const yearTree = (id: number) => call(c, 'targets.tree', { versionId: id, levels: ['province'], measure: 'amount', parent: null });
    // Each answer's totals, given without summing the rows just copied, are what the rows hold.
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部' });
    const stretch = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    expect(pick(snap)).toEqual(totals(snap.id));
    expect(pick(stretch)).toEqual(totals(stretch.id));
    expect(snap.cellCount).toBeGreaterThan(0);
    // The copy inserts the rows in the cell key's order, whatever the order of the source's
    // ids, and the scenario's cube made in memory names each cell's new row as a cube read
    // from the rows does.
    expect(idsBy(c, v, KEY_ORDER)).not.toEqual(idsBy(c, v, 'id'));
    expect(idsBy(c, stretch.id, KEY_ORDER)).toEqual(idsBy(c, stretch.id, 'id'));
    expectCubeMatchesRows(c, stretch.id);
    // The scenario's cube is made from the working plan's in memory, its cells matched to the
    // rows the copy inserted: an edit of the scenario writes its own rows, month by month as
    // its tree shows, and leaves the working plan's alone.
    const workingBefore = totals(v);
    await call(c, 'targets.setCells', {
      versionId: stretch.id, levels: ['province'], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'year', value: 4_200 * WAN }],
    });
    const tree = await yearTree(stretch.id);
    expect(monthsIn(stretch.id)).toEqual(tree.total.months);
    expect(totals(v)).toEqual(workingBefore);
    // Undone and redone with both cubes loaded: the scenario's follows, the working plan's is left.
    const workingTree = await yearTree(v);
    await call(c, 'edit.undo', {});
    const undone = await yearTree(stretch.id);
    expect(undone.total.months.reduce((a, b) => a + b, 0)).toBe(3_600 * WAN);
    expect(monthsIn(stretch.id)).toEqual(undone.total.months);
    await call(c, 'edit.redo', {});
    expect((await yearTree(stretch.id)).total.months).toEqual(tree.total.months);
    expect((await yearTree(v)).total.months).toEqual(workingTree.total.months);
    // A second snapshot, from the scenario once it moved, holds the scenario's figures.
    const snap2 = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: stretch.id, name: '衝刺 快照' });
    expect(pick(snap2)).toEqual(totals(snap2.id));
    expect(snap2.amountCents).toBe(4_200 * WAN);
    const listed = await call(c, 'targets.versions', {});
    for (const x of listed) expect(pick(x)).toEqual(totals(x.id));
    // The snapshots' totals are not read again: changed behind the app's back (its triggers
    // dropped, as no user can), the list still shows what the rows held. A file opened
    // afresh reads them.
    const sqlite = raw(c);
    sqlite.exec('DROP TRIGGER target_fact_frozen_update');
    sqlite.prepare('UPDATE target_fact SET amount_cents = amount_cents + 100 WHERE version_id = ?').run(snap.id);
    expect((await call(c, 'targets.versions', {})).find((x) => x.id === snap.id)!.amountCents).toBe(3_600 * WAN);
    await c.session.close();
    const again = await open(c.path);
    const changed = sql<number>(again, 'SELECT count(*) FROM target_fact WHERE version_id = ?', snap.id) * 100 + 3_600 * WAN;
    // Read afresh: the snapshots summed, the scenario loaded (its cube follows its edits from then on).
    const reread = await call(again, 'targets.versions', {});
    expect(reread.find((x) => x.id === snap.id)!.amountCents).toBe(changed);
    for (const x of reread) expect(pick(x)).toEqual(totalsIn(again, x.id));
    await again.session.close();
  });

  it('the balanced breakdown holds month totals and brand × channel totals at once', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const pairs = await call(c, 'targets.pairs', { versionId: v, measure: 'amount' });
    expect(pairs.reduce((s, p) => s + p.current, 0)).toBe(3_600 * WAN);
    // Move 10% from the first pair to the second; months: a flat 300 萬 each.
    const targets = pairs.map((p) => ({ brandId: p.brandId, channelId: p.channelId, value: p.current }));
    const shift = Math.round(targets[0].value / 10 / 100) * 100;
    targets[0].value -= shift;
    targets[1].value += shift;
    const months = new Array<number>(12).fill(300 * WAN);
    const preview = await call(c, 'targets.balance', { versionId: v, measure: 'amount', monthTargets: months, pairTargets: targets, apply: false });
    expect(preview.applied).toBe(false);
    expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? AND month = 1', v)).not.toBe(300 * WAN);
    const res = await call(c, 'targets.balance', { versionId: v, measure: 'amount', monthTargets: months, pairTargets: targets, apply: true });
    expect(res.converged).toBe(true);
    expect(res.maxResidual).toBe(0);
    for (let m = 1; m <= 12; m++) {
      expect(sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? AND month = ?', v, m)).toBe(300 * WAN);
    }
    const pairSum = (b: number, ch: number) => sql<number>(c, 'SELECT sum(t.amount_cents) FROM target_fact t JOIN sku ON sku.id = t.sku_id WHERE version_id = ? AND sku.brand_id = ? AND t.channel_id = ?', v, b, ch);
    for (const t of targets) expect(pairSum(t.brandId, t.channelId)).toBe(t.value);
    await call(c, 'edit.undo', {});
    expect(pairSum(targets[0].brandId, targets[0].channelId)).toBe(pairs[0].current);
  });

  it('manual weights split a node among its children; seasonality and HO target edits', async () => {
    const c = await fresh();
    const v = await seedPlan(c, 3_600 * WAN);
    const tree = await call(c, 'targets.tree', { versionId: v, levels: ['channel', 'customer'], measure: 'amount', parent: null });
    const ch = tree.nodes.find((n) => n.depth === 0 && tree.nodes.filter((x) => x.depth === 1 && x.path[0] === n.path[0]).length >= 2)!;
    const kids = tree.nodes.filter((x) => x.depth === 1 && x.path[0] === ch.path[0]);
    const total = ch.months.reduce((a, b) => a + b, 0);
    await call(c, 'targets.spreadManual', {
      versionId: v, levels: ['channel', 'customer'], measure: 'amount', path: ch.path, period: 'year',
      weights: kids.map((k, i) => ({ id: k.path[1], weight: i === 0 ? 3 : i === 1 ? 1 : 0 })),
    });
    const cust = (id: number) => sql<number>(c, 'SELECT ifnull(sum(amount_cents), 0) FROM target_fact WHERE version_id = ? AND channel_id = ? AND customer_id = ?', v, ch.path[0], id);
    expect(cust(kids[0].path[1]) + cust(kids[1].path[1])).toBe(total);
    expect(Math.abs(cust(kids[0].path[1]) - 3 * cust(kids[1].path[1]))).toBeLessThanOrEqual(400);
    const season = await call(c, 'targets.setSeasonality', { versionId: v, profile: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0] });
    expect(season.custom).toBe(true);
    expect(season.profile.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 9);
    await call(c, 'targets.setCells', {
      versionId: v, levels: ['province'], measure: 'amount', method: 'seasonal', label: 'spread',
      edits: [{ path: [], period: 'year', value: 1_200 * WAN }],
    });
    const month = (m: number) => sql<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? AND month = ?', v, m);
    expect(month(12)).toBe(0);
    expect(Math.abs(month(1) - 200 * WAN)).toBeLessThanOrEqual(100 * 1000);
    const ho = await call(c, 'targets.setHoTarget', { months: [{ month: 1, amountCents: 321 * WAN }] });
    expect(ho[0].amountCents).toBe(321 * WAN);
    const summary = await call(c, 'targets.summary', { versionId: v });
    expect(summary.ho.amountCents[0]).toBe(321 * WAN);
    expect(summary.plan.amountCents.reduce((a, b) => a + b, 0)).toBe(1_200 * WAN);
    await call(c, 'edit.undo', {});
    expect((await call(c, 'targets.hoTarget', {}))[0].amountCents).not.toBe(321 * WAN);
  });

  it('refuses malformed calls with what and where', async () => {
    const c = await fresh();
    const v = await working(c);
    const bad = await c.r.invoke('targets.setCells', { versionId: v, levels: ['province', 'province'], measure: 'amount', method: 'lastYear', label: 'edit', edits: [{ path: [], period: 'year', value: 1 }] });
    expect(bad.ok).toBe(false);
    const neg = await c.r.invoke('targets.setCells', { versionId: v, levels: ['province'], measure: 'amount', method: 'lastYear', label: 'edit', edits: [{ path: [], period: 'year', value: -5 }] });
    expect(!neg.ok && neg.error.code).toBe('INVALID_INPUT');
    const missing = await c.r.invoke('targets.tree', { versionId: 999, levels: ['province'], measure: 'amount', parent: null });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});


describe("head office's target from a spreadsheet (import destination targets:ho)", () => {
  it('reads months in the forms head office writes them', () => {
    expect(parseTargetMonth('3', 2027)).toBe(3);
    expect(parseTargetMonth('03', 2027)).toBe(3);
    expect(parseTargetMonth('3月', 2027)).toBe(3);
    expect(parseTargetMonth('１２月', 2027)).toBe(12);
    expect(parseTargetMonth('2027-03', 2027)).toBe(3);
    expect(parseTargetMonth('2027/3', 2027)).toBe(3);
    expect(parseTargetMonth('2027年3月', 2027)).toBe(3);
    expect(parseTargetMonth('202703', 2027)).toBe(3);
    expect(parseTargetMonth('2026-03', 2027)).toBeNull();
    expect(parseTargetMonth('13', 2027)).toBeNull();
    expect(parseTargetMonth('March', 2027)).toBeNull();
  });

  it('checks every row, then writes all months or none, as one undo step', async () => {
    const c = await fresh();
    const file = c.session.requireFile();
    const destination = requireDestination('targets:ho');
    const before = await call(c, 'targets.hoTarget', {});
    const bad = [
      { month: '1月', amountCents: '1,200,000', volume: '300', grossProfitCents: '(5,000)', newProductCents: '' },
      { month: '2026-02', amountCents: '1,100,000', volume: '', grossProfitCents: '', newProductCents: '' },
      { month: '1', amountCents: 'abc', volume: '2.5', grossProfitCents: '', newProductCents: '' },
    ];
    const issues = destination.validate(file.read, bad);
    expect(issues.map((i) => `${i.index}.${i.field}:${i.message}`)).toEqual([
      '1.month:targets.import.badMonth',
      '2.month:targets.import.monthTwice',
      '2.amountCents:masterData.invalid.notNumber',
      '2.volume:masterData.invalid.notInteger',
    ]);
    expect(() => editFile(file, (db) => destination.commit(db, bad))).toThrow(/problems/);
    expect(await call(c, 'targets.hoTarget', {})).toEqual(before);
    const good = [
      { month: '1月', amountCents: '¥1,200,000.40', volume: '300', grossProfitCents: '(5,000)', newProductCents: '' },
      { month: '2027-02', amountCents: '1,100,000', volume: '', grossProfitCents: '', newProductCents: '80,000' },
    ];
    expect(editFile(file, (db) => destination.commit(db, good))).toEqual({ updates: 2, inserts: 0 });
    const after = await call(c, 'targets.hoTarget', {});
    expect(after[0]).toEqual({ month: 1, amountCents: 120_000_000, volume: 300, grossProfitCents: -500_000, newProductCents: before[0].newProductCents });
    expect(after[1]).toEqual({ ...before[1], amountCents: 110_000_000, newProductCents: 8_000_000 });
    expect(after.slice(2)).toEqual(before.slice(2));
    await call(c, 'edit.undo', {});
    expect(await call(c, 'targets.hoTarget', {})).toEqual(before);
  });
});
