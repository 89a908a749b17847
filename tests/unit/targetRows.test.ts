import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';
import { testHost, tinyDemoTemplate } from './helpers';

// New plan rows (targets.addRow) and the plan version an undo step names, through
// the handler registry on the tiny demo region. Expected figures are recomputed from
// the file with SQL, never copied from the code under test.

const template = tinyDemoTemplate();

interface Ctx {
  path: string;
  session: Session;
  r: HandlerRegistry;
}

async function open(path: string): Promise<Ctx> {
  const session = new Session(testHost(join(path, '..', 'state')));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return { path, session, r };
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

/** Where a refusal points (the first issue's path). */
const where = (e: AppErrorData) => e.issues?.[0]?.path;

/** The file's rows as any reader sees them: rows an edit or an undo left for after its commit written first (db/deferredRows.ts). */
const db = (c: Ctx) => {
  const file = c.session.requireFile();
  file.settle();
  return file.sqlite;
};
const one = <T>(c: Ctx, text: string, ...params: unknown[]) => db(c).prepare(text).pluck().get(...params) as T;
const column = <T>(c: Ctx, text: string, ...params: unknown[]) => db(c).prepare(text).pluck().all(...params) as T[];

const WAN = 1_000_000;
const GEO = ['province', 'city', 'customer'] as const;

async function seeded(): Promise<{ c: Ctx; v: number }> {
  const c = await open(template.copy());
  const v = (await call(c, 'targets.versions', {})).find((x) => x.kind === 'working')!.id;
  await call(c, 'targets.setCells', {
    versionId: v, levels: [...GEO], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: 3_600 * WAN }],
  });
  return { c, v };
}

/** A city of the region with no customer: one of a province's cities added from the national list. */
async function blankCity(c: Ctx): Promise<{ id: number; province: number }> {
  const catalog = await call(c, 'master.geoCatalog', {});
  const have = new Set(column<string>(c, 'SELECT code FROM city'));
  const provinces = new Set(column<string>(c, 'SELECT code FROM province'));
  const pick = catalog.divisions.find((d) => d.level === 'city' && d.parent !== null && provinces.has(d.parent) && !have.has(d.code))!;
  const { cityIds } = await call(c, 'master.addGeography', { codes: [pick.code] });
  return { id: cityIds[0], province: one<number>(c, 'SELECT province_id FROM city WHERE id = ?', cityIds[0]) };
}

const monthsOf = (c: Ctx, v: number, where: string, ...params: unknown[]) => {
  const out = new Array<number>(12).fill(0);
  for (const r of db(c).prepare(`SELECT month, sum(amount_cents) AS a FROM target_fact WHERE version_id = ? AND ${where} GROUP BY month`).all(v, ...params) as { month: number; a: number }[]) {
    out[r.month - 1] = r.a;
  }
  return out;
};

describe('new plan rows', () => {
  it('a blank-area city gets a row, spread equally, exact to the 分; it shows in the tree and the gap check; undo removes it all', async () => {
    const { c, v } = await seeded();
    const city = await blankCity(c);
    const channel = one<number>(c, 'SELECT min(id) FROM channel');
    const sku = one<number>(c, "SELECT min(id) FROM sku WHERE status = 'active'");
    const options = await call(c, 'targets.rowOptions', { versionId: v, levels: [...GEO], parent: [city.province] });
    expect(options.dim).toBe('city');
    expect(options.members.find((m) => m.id === city.id)).toMatchObject({ planned: false });
    expect(options.channels?.length).toBeGreaterThan(0);
    expect(options.skus?.some((s) => s.id === sku)).toBe(true);
    const summaryBefore = await call(c, 'targets.summary', { versionId: v });
    const cellsBefore = one<number>(c, 'SELECT count(*) FROM target_fact');

    const out = await call(c, 'targets.addRow', {
      versionId: v, levels: [...GEO], parent: [city.province], id: city.id, amount: 100_003 * 100, method: 'equal', channelId: channel, skuId: sku,
    });
    expect(out).toEqual({ path: [city.province, city.id], created: 12, filled: 0 });
    const months = monthsOf(c, v, 'city_id = ?', city.id);
    expect(months.reduce((a, b) => a + b, 0)).toBe(100_003 * 100);
    expect(Math.max(...months) - Math.min(...months)).toBe(100);
    expect(months.every((m) => m % 100 === 0)).toBe(true);
    expect(one<number>(c, 'SELECT count(*) FROM target_fact WHERE city_id = ? AND customer_id IS NULL AND channel_id = ? AND sku_id = ?', city.id, channel, sku)).toBe(12);

    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...GEO], measure: 'amount', parent: [city.province] });
    const node = tree.nodes.find((n) => n.depth === 1 && n.path[1] === city.id)!;
    expect(node.months).toEqual(months);
    const summary = await call(c, 'targets.summary', { versionId: v });
    summary.plan.amountCents.forEach((m, i) => expect(m - summaryBefore.plan.amountCents[i]).toBe(months[i]));
    expect((await call(c, 'targets.rowOptions', { versionId: v, levels: [...GEO], parent: [city.province] })).members.find((m) => m.id === city.id)?.planned).toBe(true);

    // One step, naming the working plan; undo takes every cell away, redo brings them back.
    const state = await call(c, 'edit.state', {});
    expect(state).toMatchObject({ undoLabel: 'targets.undo.addRow', undoVersion: { id: v, kind: 'working' } });
    await call(c, 'edit.undo', {});
    expect(one<number>(c, 'SELECT count(*) FROM target_fact')).toBe(cellsBefore);
    const afterUndo = await call(c, 'targets.summary', { versionId: v });
    expect(afterUndo.plan.amountCents).toEqual(summaryBefore.plan.amountCents);
    const treeUndone = await call(c, 'targets.tree', { versionId: v, levels: [...GEO], measure: 'amount', parent: [city.province] });
    expect(treeUndone.nodes.some((n) => n.path[1] === city.id)).toBe(false);
    await call(c, 'edit.redo', {});
    expect(monthsOf(c, v, 'city_id = ?', city.id)).toEqual(months);
    expect(db(c).pragma('foreign_key_check')).toEqual([]);
  });

  it('a customer with no sales last year gets a row by the parent’s seasonality; a duplicate is refused', async () => {
    const { c, v } = await seeded();
    const prospect = db(c).prepare("SELECT id, city_id, channel_id FROM customer WHERE status = 'prospect'").get() as { id: number; city_id: number; channel_id: number };
    const province = one<number>(c, 'SELECT province_id FROM city WHERE id = ?', prospect.city_id);
    const sku = one<number>(c, "SELECT min(id) FROM sku WHERE status = 'active'");
    const options = await call(c, 'targets.rowOptions', { versionId: v, levels: [...GEO], parent: [province, prospect.city_id] });
    expect(options.dim).toBe('customer');
    expect(options.members.some((m) => m.id === prospect.id)).toBe(true);
    expect(options.cities).toBeNull();
    expect(options.channels).toBeNull();
    // A terminated customer is not offered.
    const terminated = one<number>(c, "SELECT id FROM customer WHERE status = 'terminated'");
    expect(options.members.some((m) => m.id === terminated)).toBe(false);

    await call(c, 'targets.addRow', {
      versionId: v, levels: [...GEO], parent: [province, prospect.city_id], id: prospect.id, amount: 50 * WAN, method: 'seasonal', skuId: sku,
    });
    const months = monthsOf(c, v, 'customer_id = ?', prospect.id);
    expect(months.reduce((a, b) => a + b, 0)).toBe(50 * WAN);
    // The shape is the city's last year, month by month (largest remainder: within one 元).
    const ly = db(c)
      .prepare('SELECT period % 100 AS m, sum(s.amount_cents) AS a FROM sales_actual s JOIN customer cu ON cu.id = s.customer_id WHERE cu.city_id = ? AND period BETWEEN 202601 AND 202612 GROUP BY 1')
      .all(prospect.city_id) as { m: number; a: number }[];
    const lyTotal = ly.reduce((a, r) => a + r.a, 0);
    for (const r of ly) expect(Math.abs(months[r.m - 1] - (50 * WAN * r.a) / lyTotal)).toBeLessThanOrEqual(100);
    // Its leaf is the customer's own city and channel.
    expect(column<number>(c, 'SELECT DISTINCT city_id FROM target_fact WHERE customer_id = ?', prospect.id)).toEqual([prospect.city_id]);
    expect(column<number>(c, 'SELECT DISTINCT channel_id FROM target_fact WHERE customer_id = ?', prospect.id)).toEqual([prospect.channel_id]);

    const cells = one<number>(c, 'SELECT count(*) FROM target_fact');
    const err = await refused(c, 'targets.addRow', {
      versionId: v, levels: [...GEO], parent: [province, prospect.city_id], id: prospect.id, amount: 10 * WAN, method: 'equal', skuId: sku,
    });
    expect(err).toMatchObject({ code: 'CONFLICT', rule: 'targets.error.rowExists' });
    expect(where(err)).toBe('id');
    expect(one<number>(c, 'SELECT count(*) FROM target_fact')).toBe(cells);
    // A customer that is not under the chosen city is refused, and so is a missing SKU.
    const other = one<number>(c, "SELECT min(id) FROM customer WHERE city_id <> ? AND status = 'active'", prospect.city_id);
    expect(await refused(c, 'targets.addRow', { versionId: v, levels: [...GEO], parent: [province, prospect.city_id], id: other, amount: 0, method: 'equal', skuId: sku }))
      .toMatchObject({ rule: 'targets.error.rowConflict' });
    // The same customer is in the plan under any hierarchy.
    const again = await refused(c, 'targets.addRow', { versionId: v, levels: ['customer'], parent: [], id: prospect.id, amount: 0, method: 'equal' });
    expect(again.rule).toBe('targets.error.rowExists');
  });

  it('a SKU row copies the monthly shape of a comparable SKU (like for like); a leaf needs its city and channel', async () => {
    const { c, v } = await seeded();
    const levels = ['brand', 'sku'] as const;
    const sold = db(c).prepare('SELECT sku_id, sum(amount_cents) AS a FROM target_fact WHERE version_id = ? GROUP BY sku_id ORDER BY a DESC LIMIT 1').get(v) as { sku_id: number };
    const brand = one<number>(c, 'SELECT brand_id FROM sku WHERE id = ?', sold.sku_id);
    const options = await call(c, 'targets.rowOptions', { versionId: v, levels: [...levels], parent: [brand] });
    const fresh = options.members.find((m) => !m.planned);
    expect(fresh, 'the tiny region has an unplanned SKU of the brand').toBeDefined();
    const city = one<number>(c, 'SELECT min(id) FROM city');
    const channel = one<number>(c, 'SELECT min(id) FROM channel');
    const needs = await refused(c, 'targets.addRow', { versionId: v, levels: [...levels], parent: [brand], id: fresh!.id, amount: 12 * WAN, method: 'like', likeId: sold.sku_id, channelId: channel });
    expect(needs.rule).toBe('targets.error.rowNeeds');
    expect(where(needs)).toBe('cityId');
    await call(c, 'targets.addRow', {
      versionId: v, levels: [...levels], parent: [brand], id: fresh!.id, amount: 12 * WAN, method: 'like', likeId: sold.sku_id, cityId: city, channelId: channel,
    });
    const months = monthsOf(c, v, 'sku_id = ?', fresh!.id);
    const like = monthsOf(c, v, 'sku_id = ?', sold.sku_id);
    const likeTotal = like.reduce((a, b) => a + b, 0);
    expect(months.reduce((a, b) => a + b, 0)).toBe(12 * WAN);
    like.forEach((l, m) => expect(Math.abs(months[m] - (12 * WAN * l) / likeTotal)).toBeLessThanOrEqual(100));
    // Volume at the SKU's list price.
    const price = one<number>(c, 'SELECT list_price_cents FROM sku WHERE id = ?', fresh!.id);
    const volume = one<number>(c, 'SELECT sum(volume) FROM target_fact WHERE version_id = ? AND sku_id = ?', v, fresh!.id);
    expect(Math.abs(volume - (12 * WAN) / price)).toBeLessThanOrEqual(12);
  });

  it('a customer that started late has its empty months filled, the others kept; one undo step', async () => {
    const { c, v } = await seeded();
    const late = db(c)
      .prepare('SELECT customer_id AS id FROM sales_actual WHERE period BETWEEN 202601 AND 202612 GROUP BY 1 HAVING min(period) > 202601 ORDER BY min(period) DESC LIMIT 1')
      .get() as { id: number };
    const { city_id: city } = db(c).prepare('SELECT city_id FROM customer WHERE id = ?').get(late.id) as { city_id: number };
    const province = one<number>(c, 'SELECT province_id FROM city WHERE id = ?', city);
    const before = monthsOf(c, v, 'customer_id = ?', late.id);
    const empty = before.map((m) => m === 0);
    expect(empty.some(Boolean) && !empty.every(Boolean)).toBe(true);
    const input = { versionId: v, levels: [...GEO], parent: [province, city], id: late.id, amount: 7 * WAN + 300, method: 'equal' as const };
    expect((await refused(c, 'targets.addRow', input)).rule).toBe('targets.error.rowExists');
    const out = await call(c, 'targets.addRow', { ...input, fillEmpty: true });
    expect(out.filled + out.created).toBeGreaterThan(0);
    const after = monthsOf(c, v, 'customer_id = ?', late.id);
    after.forEach((m, i) => {
      if (!empty[i]) expect(m).toBe(before[i]);
      else expect(m).toBeGreaterThan(0);
    });
    expect(after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)).toBe(7 * WAN + 300);
    expect((await call(c, 'edit.state', {})).undoLabel).toBe('targets.undo.fillRow');
    await call(c, 'edit.undo', {});
    expect(monthsOf(c, v, 'customer_id = ?', late.id)).toEqual(before);
    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...GEO], measure: 'amount', parent: [province, city] });
    expect(tree.nodes.find((n) => n.path[2] === late.id)!.months).toEqual(before);
    // Nothing left to fill once every month has a target.
    await call(c, 'targets.addRow', { ...input, fillEmpty: true });
    expect((await refused(c, 'targets.addRow', { ...input, fillEmpty: true })).rule).toBe('targets.error.rowFull');
  });

  it('refuses what the contract cannot accept, and a snapshot', async () => {
    const { c, v } = await seeded();
    const bad = await refused(c, 'targets.addRow', { versionId: v, levels: [...GEO], parent: [], id: 1, amount: 12_345, method: 'equal' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(where(bad)).toBe('amount');
    const noLike = await refused(c, 'targets.addRow', { versionId: v, levels: [...GEO], parent: [], id: 1, amount: 100, method: 'like' });
    expect(noLike.code).toBe('INVALID_INPUT');
    expect(where(noLike)).toBe('likeId');
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: v, name: '報總部' });
    const city = await blankCity(c);
    const frozen = await refused(c, 'targets.addRow', { versionId: snap.id, levels: [...GEO], parent: [city.province], id: city.id, amount: 100, method: 'equal', channelId: 1, skuId: 1 });
    expect(frozen.rule).toBe('targets.error.snapshotFrozen');
  });
});

describe('undo names the plan version it changes', () => {
  it('a target edit records its version; undo and redo report it; other steps name none', async () => {
    const { c, v } = await seeded();
    const scenario = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: v, name: '衝刺', scenario: 'stretch' });
    await call(c, 'targets.setCells', {
      versionId: scenario.id, levels: [...GEO], measure: 'amount', method: 'current', label: 'edit', edits: [{ path: [], period: 'year', value: 4_000 * WAN }],
    });
    await call(c, 'targets.setCells', {
      versionId: v, levels: [...GEO], measure: 'amount', method: 'current', label: 'edit', edits: [{ path: [], period: 'year', value: 3_800 * WAN }],
    });
    expect(await call(c, 'edit.state', {})).toMatchObject({ undoLabel: 'targets.undo.edit', undoVersion: { id: v, kind: 'working' }, redoVersion: null });
    const s1 = await call(c, 'edit.undo', {});
    expect(s1).toMatchObject({ undoVersion: { id: scenario.id, name: '衝刺', kind: 'scenario' }, redoVersion: { id: v, kind: 'working' } });
    await call(c, 'edit.undo', {});
    // The seeding of the working plan is the step before.
    expect((await call(c, 'edit.state', {})).undoVersion).toMatchObject({ id: v });
    await call(c, 'region.updateProfile', { managerName: '王經理' });
    expect((await call(c, 'edit.state', {})).undoVersion).toBeNull();
    // A step written before steps named versions (no version_id) still undoes.
    db(c).prepare('UPDATE undo_step SET version_id = NULL').run();
    await call(c, 'edit.undo', {});
    const s2 = await call(c, 'edit.undo', {});
    expect(s2.undoVersion).toBeNull();
    expect(one<number>(c, 'SELECT count(*) FROM target_fact WHERE version_id = ?', v)).toBe(0);
  });
});
