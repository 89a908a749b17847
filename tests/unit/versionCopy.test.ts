import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openRegionFile } from '../../src/main/core/db/regionFile';
import { PENDING_COPY_SETTING } from '../../src/main/core/db/versionCopy';
import { installationSigner, writePlanPackage } from '../../src/main/core/io/planPackage';
import type { EndpointInput } from '../../src/shared/contract';
import { invokeOk as call, openWithHandlers, tinyDemoTemplate, TSX_ARGS, type RegistryCtx } from './helpers';

// A snapshot's or a scenario's copy of its source's cells is made just after the commit
// that made the version (db/versionCopy.ts): the answer does not wait for it, yet nothing
// reads the new version's rows before they are there. Every expected figure is read from
// the file with SQL.

const template = tinyDemoTemplate();
const WAN = 1_000_000;
const levels = ['province', 'city', 'customer'] as const;
const KEY = 'city_id, channel_id, ifnull(customer_id, 0), sku_id, month';

function spread(versionId: number, yearCents: number, method: 'lastYear' | 'current' = 'lastYear'): EndpointInput<'targets.setCells'> {
  return { versionId, levels: [...levels], measure: 'amount', method, label: 'spread', edits: [{ path: [], period: 'year', value: yearCents }] };
}

/** Straight from the write connection, without settling first: what the file holds now. */
function now<T>(sqlite: Database.Database, text: string, ...params: unknown[]): T {
  return sqlite.prepare(text).pluck().get(...params) as T;
}
const sqliteOf = (c: RegistryCtx) => c.session.requireFile().sqlite;
const marker = (sqlite: Database.Database) => now<string | undefined>(sqlite, 'SELECT value FROM setting WHERE key = ?', PENDING_COPY_SETTING);
/** A version's cells in the key's order, as key and values: two versions with the same cells give the same list. */
const cells = (sqlite: Database.Database, v: number) =>
  sqlite.prepare(`SELECT ${KEY}, amount_cents, volume FROM target_fact WHERE version_id = ? ORDER BY ${KEY}`).raw(true).all(v);
const triggerText = (sqlite: Database.Database) => now<string | undefined>(sqlite, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'target_fact_frozen_insert'");

async function planned(): Promise<{ c: RegistryCtx; v: number }> {
  const c = await openWithHandlers(template.copy());
  const v = (await call(c, 'targets.versions', {})).find((x) => x.kind === 'working')!.id;
  await call(c, 'targets.setCells', spread(v, 3_600 * WAN));
  // The spread leaves no rows for later (a first plan inserts its leaves in its own transaction).
  c.session.requireFile().settle();
  return { c, v };
}

/** Runs the child that makes a version and is killed before its cells are copied; what its answer said. */
async function crashAfter(path: string, kind: 'snapshot' | 'scenario', part: number) {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, join(import.meta.dirname, 'children', 'versionThenCrash.ts'), path, kind, String(part)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(stdout) : reject(new Error(`child ended with ${code}: ${stderr}`))));
  });
  return JSON.parse(out.trim()) as { id: number; working: number; cells: number; cents: number; unsettled: string[] };
}

describe('a version\'s cells copied after its commit', () => {
  it('a snapshot answers before its cells are copied; the list answers at once; the cells land once the calls are quiet, and stay frozen', async () => {
    const { c, v } = await planned();
    const sqlite = sqliteOf(c);
    const trigger = triggerText(sqlite);
    const source = cells(sqlite, v);
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 第1版' });
    // Committed: the version, frozen, and the marker are in the file; its cells not yet.
    expect(JSON.parse(marker(sqlite)!)).toEqual({ from: v, to: snap.id, first: expect.any(Number) });
    expect(now(sqlite, 'SELECT kind || frozen FROM plan_version WHERE id = ?', snap.id)).toBe('snapshot1');
    expect(now(sqlite, 'SELECT count(*) FROM target_fact WHERE version_id = ?', snap.id)).toBe(0);
    expect(c.session.requireFile().unsettled).toEqual(['targets']);
    // The answer and the version list give the source's totals, without waiting.
    expect(snap).toMatchObject({ kind: 'snapshot', frozen: true, cellCount: source.length, amountCents: 3_600 * WAN });
    const listed = (await call(c, 'targets.versions', {})).find((x) => x.id === snap.id)!;
    expect(listed).toMatchObject({ cellCount: source.length, amountCents: 3_600 * WAN, volume: snap.volume });
    expect(marker(sqlite)).toBeDefined();
    // Once the calls pause, the cells are copied and the marker goes, in one transaction.
    await expect.poll(() => marker(sqlite), { timeout: 5_000 }).toBeUndefined();
    expect(cells(sqlite, snap.id)).toEqual(source);
    // Numbered from the id the commit planned, in the key's order.
    const ids = sqlite.prepare(`SELECT id FROM target_fact WHERE version_id = ? ORDER BY ${KEY}`).pluck().all(snap.id) as number[];
    expect(ids).toEqual(ids.map((_, i) => ids[0] + i));
    // The guard made again as it was: the snapshot takes no new cell, and changes none.
    expect(triggerText(sqlite)).toBe(trigger);
    expect(() => sqlite.prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
      SELECT version_id, city_id, channel_id, customer_id, sku_id, month, 1, 1 FROM target_fact WHERE version_id = ? AND month = 1 LIMIT 1`).run(snap.id)).toThrow(/UNIQUE|snapshot is frozen/);
    const fresh = sqlite.prepare("INSERT INTO plan_version (name, kind, frozen, created_at, note) VALUES ('kept', 'snapshot', 1, '2026-12-08', '') RETURNING id").pluck().get() as number;
    expect(() => sqlite.prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
      SELECT ?, city_id, channel_id, customer_id, sku_id, month, 1, 1 FROM target_fact WHERE version_id = ? LIMIT 1`).run(fresh, v)).toThrow(/snapshot is frozen/);
    expect(() => sqlite.prepare('UPDATE target_fact SET amount_cents = 0 WHERE version_id = ?').run(snap.id)).toThrow(/snapshot is frozen/);
    await c.session.close();
  });

  it('a plan package written straight after the snapshot, without the registry, holds all its cells', async () => {
    const { c, v } = await planned();
    const sqlite = sqliteOf(c);
    const cellCount = cells(sqlite, v).length;
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 第1版' });
    expect(marker(sqlite)).toBeDefined();
    const written = await writePlanPackage({
      file: c.session.requireFile(), versionId: snap.id, revision: 1, replaces: null, outPath: join(c.path, '..', 'plan.rplanpkg'),
      signer: installationSigner(join(c.path, '..', 'signer')), appVersion: '0.0.0-test', createdAt: '2026-12-08T00:00:00.000Z',
    });
    expect(marker(sqlite)).toBeUndefined();
    expect(written.manifest.rowCounts.target_fact).toBe(cellCount);
    // Month 0 is the year.
    expect(written.manifest.controlTotals.plan.find((m) => m.month === 0)!.amountCents).toBe(3_600 * WAN);
    await c.session.close();
  });

  it('a scenario\'s cube, made in memory, follows its edits to the rows its copy gives them; a query that reads rows copies them first', async () => {
    const { c, v } = await planned();
    const sqlite = sqliteOf(c);
    const source = cells(sqlite, v);
    const sc = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    expect(now(sqlite, 'SELECT count(*) FROM target_fact WHERE version_id = ?', sc.id)).toBe(0);
    // The tree answers from the scenario's cube, made from the working plan's.
    const tree = await call(c, 'targets.tree', { versionId: sc.id, levels: [...levels], measure: 'amount', parent: null });
    expect(tree.total.months.reduce((a, b) => a + b, 0)).toBe(3_600 * WAN);
    expect(marker(sqlite)).toBeDefined();
    // The comparison answers from both cubes, without waiting for the copy.
    const compared = await call(c, 'targets.compare', { versionIds: [v, sc.id], dim: 'province', measure: 'amount' });
    const byMonth = sqlite.prepare('SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? GROUP BY month ORDER BY month').pluck().all(v);
    expect(compared.monthly).toEqual([byMonth, byMonth]);
    expect(marker(sqlite)).toBeDefined();
    // The overview sums the plan in SQL: the rows are copied first.
    await call(c, 'region.overview', {});
    expect(marker(sqlite)).toBeUndefined();
    expect(cells(sqlite, sc.id)).toEqual(source);
    // An edit of the scenario writes, by the ids its cube gave them, exactly its rows.
    await call(c, 'targets.setCells', spread(sc.id, 4_000 * WAN, 'current'));
    c.session.requireFile().settle();
    expect(now(sqlite, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', sc.id)).toBe(4_000 * WAN);
    expect(cells(sqlite, v)).toEqual(source);
    const after = await call(c, 'targets.tree', { versionId: sc.id, levels: [...levels], measure: 'amount', parent: null });
    const months = sqlite.prepare('SELECT sum(amount_cents) FROM target_fact WHERE version_id = ? GROUP BY month ORDER BY month').pluck().all(sc.id);
    expect(after.total.months).toEqual(months);
    await c.session.close();
  });

  it('a command straight after the version copies its cells first; a row that came in between makes the cube read them again', async () => {
    const { c, v } = await planned();
    const sqlite = sqliteOf(c);
    const sc = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    // Behind the app's back, a row in another version takes the id the copy's first row was
    // to have: the scenario's cube, numbered from it, no longer matches the file's ids.
    const other = sqlite.prepare("INSERT INTO plan_version (name, kind, frozen, created_at, note) VALUES ('other', 'scenario', 0, '2026-12-08', '') RETURNING id").pluck().get() as number;
    sqlite.prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
      SELECT ?, city_id, channel_id, customer_id, sku_id, month, 7, 7 FROM target_fact WHERE version_id = ? LIMIT 1`).run(other, v);
    await call(c, 'targets.setCells', spread(sc.id, 4_000 * WAN, 'current'));
    c.session.requireFile().settle();
    expect(marker(sqlite)).toBeUndefined();
    // The edit reached the scenario's rows, all of them and no other.
    expect(now(sqlite, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', sc.id)).toBe(4_000 * WAN);
    expect(now(sqlite, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', other)).toBe(7);
    expect(now(sqlite, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v)).toBe(3_600 * WAN);
    await c.session.close();
  });

  it('goes a chunk at a time when the calls are quiet, each chunk its own transaction; a call that reads no target leaves the rest for later', async () => {
    const { c, v } = await planned();
    const sqlite = sqliteOf(c);
    const file = c.session.requireFile();
    const source = cells(sqlite, v);
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部 第1版' });
    const first = JSON.parse(marker(sqlite)!).first as number;
    expect(file.settleStep(500)).toBe(true);
    // Committed with the marker that says how far it has come.
    expect(JSON.parse(marker(sqlite)!)).toEqual({ from: v, to: snap.id, first, done: 500, after: (source[499] as number[]).slice(0, 5) });
    expect(cells(sqlite, snap.id)).toEqual(source.slice(0, 500));
    expect(file.unsettled).toEqual(['targets']);
    await call(c, 'edit.state', {});
    expect(JSON.parse(marker(sqlite)!).done).toBe(500);
    expect(file.settleStep(1_000)).toBe(true);
    expect(JSON.parse(marker(sqlite)!).done).toBe(1_500);
    // The snapshot's cube, made from the working plan's, answers the comparison without its rows.
    const compared = await call(c, 'targets.compare', { versionIds: [v, snap.id], dim: 'province', measure: 'amount' });
    expect(compared.monthly[1]).toEqual(compared.monthly[0]);
    expect(compared.monthly[0].reduce((a, b) => a + b, 0)).toBe(3_600 * WAN);
    expect(JSON.parse(marker(sqlite)!).done).toBe(1_500);
    // The overview sums the plan in SQL: the rest is copied first.
    await call(c, 'region.overview', {});
    expect(marker(sqlite)).toBeUndefined();
    expect(file.unsettled).toEqual([]);
    expect(file.settleStep()).toBe(false);
    expect(cells(sqlite, snap.id)).toEqual(source);
    const ids = sqlite.prepare(`SELECT id FROM target_fact WHERE version_id = ? ORDER BY ${KEY}`).pluck().all(snap.id) as number[];
    expect(ids).toEqual(ids.map((_, i) => first + i));
    await c.session.close();
  });

  it.each([
    { kind: 'snapshot', part: 0 },
    { kind: 'scenario', part: 0 },
    { kind: 'snapshot', part: 700 },
    { kind: 'scenario', part: 700 },
  ] as const)('killed after a $kind\'s commit with $part of its cells copied: the next open finishes the copy, to the cent', async ({ kind, part }) => {
    const { c, v } = await planned();
    const path = c.path;
    const source = cells(sqliteOf(c), v);
    await c.session.close();
    const told = await crashAfter(path, kind, part);
    expect(told).toMatchObject({ working: v, cells: source.length, cents: 3_600 * WAN, unsettled: ['targets'] });
    const raw = new Database(path, { readonly: true });
    try {
      expect(JSON.parse(marker(raw)!)).toMatchObject({ from: v, to: told.id, ...(part > 0 ? { done: part } : {}) });
      expect(now(raw, 'SELECT count(*) FROM target_fact WHERE version_id = ?', told.id)).toBe(part);
    } finally {
      raw.close();
    }
    const file = await openRegionFile(path);
    try {
      expect(marker(file.sqlite)).toBeUndefined();
      expect(cells(file.sqlite, told.id)).toEqual(source);
      const ids = file.sqlite.prepare(`SELECT id FROM target_fact WHERE version_id = ? ORDER BY ${KEY}`).pluck().all(told.id) as number[];
      expect(ids).toEqual(ids.map((_, i) => ids[0] + i));
      expect(now(file.sqlite, 'SELECT kind || frozen FROM plan_version WHERE id = ?', told.id)).toBe(kind === 'snapshot' ? 'snapshot1' : 'scenario0');
      expect(triggerText(file.sqlite)).toMatch(/^CREATE TRIGGER target_fact_frozen_insert/);
      expect(file.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await file.close();
    }
  });

  it.each([
    { why: 'ids that are not ids', value: (v: number) => JSON.stringify({ from: v, to: 'x', first: 1 }) },
    { why: 'a version that does not exist', value: (v: number) => JSON.stringify({ from: v, to: 999, first: 1 }) },
    { why: 'a copy into its own source', value: (v: number) => JSON.stringify({ from: v, to: v, first: 1 }) },
    { why: 'a version that holds cells already', value: (v: number, sc: number) => JSON.stringify({ from: v, to: sc, first: 1 }) },
    { why: 'fewer cells copied than the version holds', value: (v: number, sc: number) => JSON.stringify({ from: v, to: sc, first: 1, done: 3, after: [1, 1, 1, 1, 1] }) },
    { why: 'rows copied without the key of the last', value: (v: number, sc: number) => JSON.stringify({ from: v, to: sc, first: 1, done: 3 }) },
    { why: 'a count that is not one', value: (v: number) => JSON.stringify({ from: v, to: 999, first: 1, done: -1, after: [1, 1, 1, 1, 1] }) },
  ])('refuses a file whose marker names $why, and leaves it as it was', async ({ value }) => {
    const { c, v } = await planned();
    const sc = (await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺' })).id;
    const path = c.path;
    await c.session.close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(PENDING_COPY_SETTING, value(v, sc));
    const before = raw.prepare('SELECT count(*) FROM target_fact').pluck().get();
    raw.close();
    await expect(openRegionFile(path)).rejects.toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining(PENDING_COPY_SETTING) });
    const after = new Database(path, { readonly: true });
    try {
      expect(after.prepare('SELECT count(*) FROM target_fact').pluck().get()).toBe(before);
      expect(marker(after)).toBeDefined();
    } finally {
      after.close();
    }
  });
});
