import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createRegionFile, openRegionFile, type RegionFile } from '../../src/main/core/db/regionFile';
import { fillDemoRegion } from '../../src/main/core/demo/generate';
import { writeDb } from '../../src/main/core/db/handle';
import * as masterData from '../../src/main/core/services/masterData';
import type { EntityName } from '../../src/shared/masterData';
import { classifyAbc } from '../../src/shared/pareto';
import { AppError } from '../../src/shared/errors';
import { redo as redoStep, undo as undoStep } from '../../src/main/core/db/undoLog';
import { editFile, tempDir } from './helpers';

// The master-data service driven directly: reads on the file's read-only connection,
// each change as one command (its own transaction and undo step).
const { geoCatalog } = masterData;
type Rows = Parameters<typeof masterData.applyMasterRows>[2];
const listMaster = (f: RegionFile, entity: EntityName) => masterData.listMaster(f.read, entity);
const validateMasterRows = (f: RegionFile, entity: EntityName, rows: Rows) => masterData.validateMasterRows(f.read, entity, rows);
const masterUsage = (f: RegionFile, entity: EntityName, ids: number[]) => masterData.masterUsage(f.read, entity, ids);
const applyMasterRows = (f: RegionFile, entity: EntityName, rows: Rows, label: masterData.ApplyLabel) =>
  editFile(f, (db) => masterData.applyMasterRows(db, entity, rows, label));
const removeMaster = (f: RegionFile, entity: EntityName, ids: number[], mode: masterData.RemoveMode, targetId?: number) =>
  editFile(f, (db) => masterData.removeMaster(db, entity, ids, mode, targetId));
const addGeography = (f: RegionFile, codes: string[], script?: Parameters<typeof masterData.addGeography>[2]) =>
  editFile(f, (db) => masterData.addGeography(db, codes, script));
const undo = (sqlite: Database.Database) => undoStep(writeDb(sqlite))?.label ?? null;
const redo = (sqlite: Database.Database) => redoStep(writeDb(sqlite))?.label ?? null;

async function demoFile(name = 'd.rplan'): Promise<RegionFile> {
  const f = await createRegionFile(join(tempDir(), name), { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
  fillDemoRegion(writeDb(f.sqlite), { size: 'tiny', seed: 1 });
  return f;
}

const one = <T>(db: Database.Database, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
const count = (db: Database.Database, sql: string, ...args: unknown[]) => one<number>(db, `SELECT count(*) FROM ${sql}`, ...args);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const newCustomer = (code: string, extra: Record<string, unknown> = {}) => ({
  code, name: `客戶${code}`, cityId: '上海市', channelId: 'TT', tier: 'distributor', status: 'active', ...extra,
});

describe('master data services', () => {
  it('lists rows with refs, link lists and the computed A/B/C class', async () => {
    const f = await demoFile();
    const list = listMaster(f, 'customer');
    // 30 trading customers, and the prospects the channel plan's pipeline adds to a small region.
    const pipelineOnly = list.rows.filter((r) => String(r.code).startsWith('ZS')).length;
    expect(list.rows.length - pipelineOnly).toBe(30);
    expect(list.refs.city?.length).toBeGreaterThan(0);
    expect(list.refs.customer?.length).toBe(list.rows.length);
    const sales = new Map<number, number>(
      f.sqlite.prepare('SELECT customer_id, sum(amount_cents) FROM sales_actual WHERE period BETWEEN 202601 AND 202612 GROUP BY 1').raw().all() as [number, number][],
    );
    const expected = classifyAbc(list.rows.map((r) => [r.id, sales.get(r.id) ?? 0] as const));
    for (const row of list.rows) {
      expect(row.sales12mCents).toBe(sales.get(row.id) ?? 0);
      expect(row.abcComputed).toBe(expected.get(row.id));
      expect(row.abcClass).toBe(row.abcOverride ?? row.abcComputed);
      expect(row.abcSource).toBe(row.abcOverride ? 'manual' : 'computed');
      expect(Array.isArray(row.channelIds)).toBe(true);
    }
    expect(list.rows.some((r) => r.abcComputed === 'A')).toBe(true);
    // An override wins and says so; clearing it goes back to the computed class.
    const c = list.rows.find((r) => r.abcComputed === 'C' || r.abcComputed === 'B')!;
    applyMasterRows(f, 'customer', [{ id: c.id, abcOverride: 'A' }], 'edit');
    let row = listMaster(f, 'customer').rows.find((r) => r.id === c.id)!;
    expect(row).toMatchObject({ abcClass: 'A', abcSource: 'manual', abcComputed: c.abcComputed });
    applyMasterRows(f, 'customer', [{ id: c.id, abcOverride: '' }], 'clear');
    row = listMaster(f, 'customer').rows.find((r) => r.id === c.id)!;
    expect(row).toMatchObject({ abcClass: c.abcComputed, abcSource: 'computed', abcOverride: null });
    await f.close();
  });

  it('reports every bad cell and writes nothing (all or nothing)', async () => {
    const f = await demoFile();
    const before = count(f.sqlite, 'customer');
    const rows = [
      newCustomer('N1', { creditLimitCents: '50,000.00' }),
      newCustomer('N2', { cityId: '火星市' }),
      newCustomer('N1'),
      newCustomer('D0001'),
      newCustomer('N3', { contractStart: '2027-02-30', tier: '批發商' }),
      { code: 'N4', name: 'x' },
    ];
    const issues = validateMasterRows(f, 'customer', rows);
    const paths = issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'rows.1.cityId', 'rows.2.code', 'rows.3.code', 'rows.4.contractStart', 'rows.4.tier', 'rows.5.channelId', 'rows.5.cityId',
    ].sort());
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['rows.2.code']).toMatchObject({ key: 'masterData.invalid.duplicateInBatch', params: { value: 'N1', row: 1 } });
    expect(byPath['rows.3.code'].key).toBe('masterData.invalid.duplicateInFile');
    expect(byPath['rows.1.cityId']).toMatchObject({ key: 'masterData.invalid.unknownRef', params: { value: '火星市' } });
    const e = thrown(() => applyMasterRows(f, 'customer', rows, 'paste'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.issues).toHaveLength(7);
    expect(count(f.sqlite, 'customer')).toBe(before);
    expect(count(f.sqlite, 'undo_step')).toBe(0);
    // The good row alone goes in, money in cents, refs by name and code.
    const [id] = applyMasterRows(f, 'customer', [rows[0]], 'paste');
    expect(f.sqlite.prepare('SELECT code, credit_limit_cents, tier, status FROM customer WHERE id = ?').get(id)).toEqual({
      code: 'N1', credit_limit_cents: 5_000_000, tier: 'distributor', status: 'active',
    });
    await f.close();
  });

  it('applies the entity rules: parents, counties, date order', async () => {
    const f = await demoFile();
    const sub = one<number>(f.sqlite, "SELECT id FROM customer WHERE tier = 'sub_distributor' LIMIT 1");
    const parent = one<number>(f.sqlite, 'SELECT parent_id FROM customer WHERE id = ?', sub);
    const ka = one<string>(f.sqlite, "SELECT code FROM customer WHERE tier = 'key_account' LIMIT 1");
    const key = (rows: Record<string, unknown>[]) => validateMasterRows(f, 'customer', rows as never).map((i) => `${i.path} ${i.key}`);
    expect(key([{ id: sub, parentId: ka }])).toEqual([`rows.0.parentId masterData.invalid.parentNotDistributor`]);
    expect(key([{ id: sub, parentId: null }])).toEqual([`rows.0.parentId masterData.invalid.parentRequired`]);
    expect(key([{ id: sub, tier: 'distributor' }])).toEqual([`rows.0.tier masterData.invalid.parentOnlySub`]);
    expect(key([{ id: parent, tier: 'key_account' }])).toEqual([`rows.0.tier masterData.invalid.hasSubDistributors`]);
    expect(key([{ id: sub, contractStart: '2027-06-01', contractEnd: '2027-01-01' }])).toEqual([`rows.0.contractEnd masterData.invalid.endBeforeStart`]);
    const county = f.sqlite.prepare('SELECT k.code, k.city_id FROM county k LIMIT 1').get() as { code: string; city_id: number };
    const otherCity = one<string>(f.sqlite, 'SELECT code FROM city WHERE id <> ? LIMIT 1', county.city_id);
    expect(key([{ id: sub, cityId: otherCity, countyId: county.code }])).toEqual([`rows.0.countyId masterData.invalid.countyNotInCity`]);
    // A new distributor and its new sub-distributor in one batch, the sub listed first.
    const ids = applyMasterRows(f, 'customer', [
      newCustomer('S9', { tier: 'sub_distributor', parentId: 'D9' }),
      newCustomer('D9'),
    ], 'import');
    expect(one<number>(f.sqlite, 'SELECT parent_id FROM customer WHERE id = ?', ids[0])).toBe(ids[1]);
    expect(f.sqlite.pragma('foreign_key_check')).toEqual([]);
    await f.close();
  });

  it('undoes and redoes an apply, link rows included, across closing the file', async () => {
    const f0 = await demoFile('u.rplan');
    const path = f0.path;
    const snapshot = (db: Database.Database) => JSON.stringify([
      db.prepare('SELECT * FROM customer ORDER BY id').all(),
      db.prepare('SELECT * FROM customer_channel ORDER BY 1, 2').all(),
    ]);
    const original = snapshot(f0.sqlite);
    const first = one<number>(f0.sqlite, 'SELECT min(id) FROM customer');
    applyMasterRows(f0, 'customer', [
      { id: first, name: '改名商貿', channelIds: 'KA、EC', receivableCents: '1,234.56' },
      newCustomer('P1', { channelIds: 'CHAIN' }),
    ], 'paste');
    const edited = snapshot(f0.sqlite);
    expect(one<string>(f0.sqlite, 'SELECT name FROM customer WHERE id = ?', first)).toBe('改名商貿');
    await f0.close();

    let f = await openRegionFile(path);
    expect(undo(f.sqlite)).toBe('masterData.undo.paste');
    expect(snapshot(f.sqlite)).toBe(original);
    await f.close();
    f = await openRegionFile(path);
    expect(redo(f.sqlite)).toBe('masterData.undo.paste');
    expect(snapshot(f.sqlite)).toBe(edited);
    const p1 = listMaster(f, 'customer').rows.find((r) => r.code === 'P1')!;
    expect(p1.channelIds).toEqual([2]);
    await f.close();
  });

  it('counts uses and refuses to delete a used item, naming where it is used', async () => {
    const f = await demoFile();
    const customer = one<number>(f.sqlite, 'SELECT customer_id FROM sales_actual LIMIT 1');
    const usage = masterUsage(f, 'customer', [customer]);
    const sales = count(f.sqlite, 'sales_actual WHERE customer_id = ?', customer);
    expect(usage.uses.find((u) => u.table === 'sales_actual')?.count).toBe(sales);
    expect(usage.total).toBeGreaterThanOrEqual(sales);
    const e = thrown(() => removeMaster(f, 'customer', [customer], 'delete'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/sales actuals: \d+ rows/);
    expect(count(f.sqlite, 'customer WHERE id = ?', customer)).toBe(1);
    // An unused item goes, its own link rows with it, and undo brings both back.
    const [fresh] = applyMasterRows(f, 'customer', [newCustomer('U1', { channelIds: 'KA' })], 'append');
    expect(masterUsage(f, 'customer', [fresh])).toEqual({ uses: [], total: 0 });
    expect(removeMaster(f, 'customer', [fresh], 'delete')).toEqual({ removed: 1 });
    expect(count(f.sqlite, 'customer_channel WHERE customer_id = ?', fresh)).toBe(0);
    undo(f.sqlite);
    expect(count(f.sqlite, 'customer_channel WHERE customer_id = ?', fresh)).toBe(1);
    // A category used by brands and SKUs is in use too.
    const cat = one<number>(f.sqlite, 'SELECT category_id FROM sku LIMIT 1');
    expect(masterUsage(f, 'category', [cat]).uses.map((u) => u.table)).toEqual(expect.arrayContaining(['sku', 'brand_category']));
    await f.close();
  });

  it('reassigns uses to another item, and refuses when rows would coincide', async () => {
    const f = await demoFile();
    // Terminals of one customer go to another; the customer is deleted.
    const [from, to] = f.sqlite
      .prepare("SELECT id FROM customer WHERE tier = 'distributor' AND id IN (SELECT customer_id FROM terminal) ORDER BY id LIMIT 2")
      .pluck().all() as number[];
    const terminals = count(f.sqlite, 'terminal WHERE customer_id IN (?, ?)', from, to);
    // Both have sales in the same months and SKUs, so reassigning would duplicate sales_actual keys.
    const e = thrown(() => removeMaster(f, 'customer', [from], 'reassign', to));
    expect(e.code).toBe('CONFLICT');
    expect(e.details.issues?.[0]).toMatchObject({ key: 'masterData.remove.collision' });
    expect(count(f.sqlite, 'customer WHERE id = ?', from)).toBe(1);
    // A city without collisions: a new one, with one terminal, reassigned back.
    const [city] = applyMasterRows(f, 'city', [{ code: '999901', name: '新城', provinceId: '310000' }], 'append');
    const term = one<number>(f.sqlite, 'SELECT min(id) FROM terminal');
    const oldCity = one<number>(f.sqlite, 'SELECT city_id FROM terminal WHERE id = ?', term);
    applyMasterRows(f, 'terminal', [{ id: term, cityId: city, countyId: null }], 'edit');
    expect(masterUsage(f, 'city', [city])).toEqual({ uses: [{ table: 'terminal', count: 1 }], total: 1 });
    expect(removeMaster(f, 'city', [city], 'reassign', oldCity)).toEqual({ removed: 1 });
    expect(one<number>(f.sqlite, 'SELECT city_id FROM terminal WHERE id = ?', term)).toBe(oldCity);
    expect(count(f.sqlite, 'city WHERE id = ?', city)).toBe(0);
    expect(f.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(terminals).toBeGreaterThan(0);
    await f.close();
  });

  it('merges customers: colliding rows are summed, nothing is orphaned, undo restores all', async () => {
    const f = await demoFile();
    const db = f.sqlite;
    const [from, to] = db
      .prepare("SELECT id FROM customer WHERE tier = 'distributor' AND id IN (SELECT customer_id FROM customer_statement) ORDER BY id LIMIT 2")
      .pluck().all() as number[];
    // Target cells that collide on the expression index (ifnull(customer_id, 0)).
    const cityId = one<number>(db, 'SELECT city_id FROM customer WHERE id = ?', to);
    const sku = one<number>(db, 'SELECT min(id) FROM sku');
    const ins = db.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (1, ?, 1, ?, ?, 1, ?, ?)');
    ins.run(cityId, from, sku, 100, 1);
    ins.run(cityId, to, sku, 250, 2);
    const totals = (where: string) => db.prepare(`SELECT sum(amount_cents) a, sum(volume) v, sum(gross_profit_cents) g, count(*) n FROM sales_actual ${where}`).get() as Record<string, number>;
    const all = totals('');
    const both = totals(`WHERE customer_id IN (${from}, ${to})`);
    const collisions = count(db, `sales_actual a JOIN sales_actual b ON a.period = b.period AND a.sku_id = b.sku_id AND b.customer_id = ${to} WHERE a.customer_id = ${from}`);
    expect(collisions).toBeGreaterThan(0);
    const stmtBoth = db.prepare(`SELECT sum(receivable_cents) FROM customer_statement WHERE customer_id IN (${from}, ${to})`).pluck().get();
    const before = JSON.stringify([db.prepare('SELECT * FROM sales_actual ORDER BY 1, 2, 3').all(), db.prepare('SELECT * FROM target_fact ORDER BY id').all()]);

    expect(removeMaster(f, 'customer', [from], 'merge', to)).toEqual({ removed: 1 });
    expect(totals('')).toMatchObject({ a: all.a, v: all.v, g: all.g, n: all.n - collisions });
    expect(totals(`WHERE customer_id = ${to}`)).toMatchObject({ a: both.a, v: both.v, g: both.g });
    expect(count(db, 'sales_actual WHERE customer_id = ?', from)).toBe(0);
    expect(db.prepare('SELECT sum(receivable_cents) FROM customer_statement WHERE customer_id = ?').pluck().get(to)).toBe(stmtBoth);
    expect(db.prepare('SELECT amount_cents, volume FROM target_fact WHERE customer_id = ?').all(to)).toEqual([{ amount_cents: 350, volume: 3 }]);
    expect(count(db, 'customer WHERE id = ?', from)).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    expect(undo(db)).toBe('masterData.undo.merge');
    expect(JSON.stringify([db.prepare('SELECT * FROM sales_actual ORDER BY 1, 2, 3').all(), db.prepare('SELECT * FROM target_fact ORDER BY id').all()])).toBe(before);
    expect(count(db, 'customer WHERE id = ?', from)).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(redo(db)).toBe('masterData.undo.merge');
    expect(count(db, 'customer WHERE id = ?', from)).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    await f.close();
  });

  it('merges SKUs across visit stock and store audits', async () => {
    const f = await demoFile();
    const db = f.sqlite;
    const [a, b] = db.prepare('SELECT id FROM sku WHERE id IN (SELECT sku_id FROM visit_stock) ORDER BY id LIMIT 2').pluck().all() as number[];
    const stock = one<number>(db, 'SELECT sum(stock_volume) FROM visit_stock');
    removeMaster(f, 'sku', [a], 'merge', b);
    expect(one<number>(db, 'SELECT sum(stock_volume) FROM visit_stock')).toBe(stock);
    expect(count(db, 'visit_stock WHERE sku_id = ?', a) + count(db, 'store_audit_sku WHERE sku_id = ?', a) + count(db, 'sales_actual WHERE sku_id = ?', a)).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    await f.close();
  });

  it('keeps own brands and competitors apart, with their categories', async () => {
    const f = await demoFile();
    const own = listMaster(f, 'brand').rows;
    const comp = listMaster(f, 'competitor').rows;
    expect(own.length).toBe(count(f.sqlite, 'brand WHERE is_own = 1'));
    expect(comp.length).toBe(count(f.sqlite, 'brand WHERE is_own = 0'));
    const cat = one<string>(f.sqlite, 'SELECT code FROM category LIMIT 1');
    const [id] = applyMasterRows(f, 'competitor', [{ code: 'XCOMP', name: '新競品', categoryIds: cat }], 'append');
    expect(f.sqlite.prepare('SELECT is_own FROM brand WHERE id = ?').pluck().get(id)).toBe(0);
    expect(count(f.sqlite, 'brand_category WHERE brand_id = ?', id)).toBe(1);
    // A competitor code cannot reuse an own brand's code; an own brand id is not a competitor.
    expect(validateMasterRows(f, 'competitor', [{ code: String(own[0].code), name: 'x' }]).map((i) => i.path)).toEqual(['rows.0.code']);
    expect(validateMasterRows(f, 'competitor', [{ id: own[0].id, name: 'x' }]).map((i) => i.path)).toEqual(['rows.0.id']);
    await f.close();
  });

  it('adds provinces and cities from the bundled catalog as one undo step', async () => {
    const f = await createRegionFile(join(tempDir(), 'g.rplan'), { regionName: 'r', planYear: 2027, displayUnit: 'wan' });
    const catalog = geoCatalog();
    expect(catalog.divisions.length).toBeGreaterThan(300);
    const nanjing = catalog.divisions.find((d) => d.level === 'city' && d.parent === '320000')!;
    const r = addGeography(f, [nanjing.code, '310000']);
    expect(r.provinceIds).toHaveLength(2); // 上海 picked, 江蘇 brought along by its city
    expect(r.cityIds).toHaveLength(1);
    expect(one<string>(f.sqlite, 'SELECT name FROM city WHERE code = ?', nanjing.code)).toBe(nanjing.zhHant);
    expect(addGeography(f, [nanjing.code])).toEqual({ provinceIds: [], cityIds: [] });
    expect(undo(f.sqlite)).toBe('masterData.undo.addGeography');
    expect(count(f.sqlite, 'province') + count(f.sqlite, 'city')).toBe(0);
    expect(thrown(() => addGeography(f, ['999999'])).code).toBe('INVALID_INPUT');
    await f.close();
  });

  it('does not add a city again that the file has under another code or in the other script', async () => {
    const f = await createRegionFile(join(tempDir(), 'g2.rplan'), { regionName: 'r', planYear: 2027, displayUnit: 'wan' });
    addGeography(f, ['320000']);
    const jiangsu = one<number>(f.sqlite, "SELECT id FROM province WHERE code = '320000'");
    applyMasterRows(f, 'city', [{ code: 'SZ', name: '苏州', provinceId: jiangsu }], 'append');
    expect(addGeography(f, ['320500', '320100'], 'zhHant').cityIds).toHaveLength(1);
    expect(f.sqlite.prepare('SELECT code, name FROM city ORDER BY id').all()).toEqual([
      { code: 'SZ', name: '苏州' },
      { code: '320100', name: '南京市' },
    ]);
    await f.close();
  });

  it('adds a custom city under a province or a new custom region, as one undo step, and refuses duplicates', async () => {
    const f = await createRegionFile(join(tempDir(), 'c.rplan'), { regionName: 'r', planYear: 2027, displayUnit: 'wan' });
    const addCustom = (input: masterData.CustomCityInput) => editFile(f, (db) => masterData.addCustomCity(db, input));
    addGeography(f, ['320500']);
    const jiangsu = one<number>(f.sqlite, "SELECT id FROM province WHERE code = '320000'");

    const park = addCustom({ name: ' 蘇州工業園區 ', provinceId: jiangsu });
    expect(park.provinceId).toBe(jiangsu);
    expect(f.sqlite.prepare('SELECT code, name, province_id AS p FROM city WHERE id = ?').get(park.cityId)).toEqual({ code: 'X0001', name: '蘇州工業園區', p: jiangsu });
    expect(undo(f.sqlite)).toBe('masterData.undo.addCustomCity');
    expect(count(f.sqlite, 'city')).toBe(1);
    expect(redo(f.sqlite)).toBe('masterData.undo.addCustomCity');
    expect(count(f.sqlite, 'city')).toBe(2);

    // The same name after folding, a city of the national list, no name: refused, nothing written.
    const issueKeys = (input: masterData.CustomCityInput) => (thrown(() => addCustom(input)).details?.issues ?? []).map((i) => [i.path, (i as { key?: string }).key]);
    expect(issueKeys({ name: '苏州工业园区', provinceId: jiangsu })).toEqual([['name', 'masterData.geo.duplicateCity']]);
    expect(issueKeys({ name: '苏州市', provinceId: jiangsu })).toEqual([['name', 'masterData.geo.duplicateCity']]);
    expect(issueKeys({ name: '無錫', provinceId: jiangsu })).toEqual([['name', 'masterData.geo.inCatalog']]);
    expect(issueKeys({ name: '  ', provinceId: jiangsu })).toEqual([['name', 'masterData.invalid.required']]);
    expect(issueKeys({ name: '越南', provinceName: '' })).toEqual([['provinceName', 'masterData.invalid.required']]);
    expect(issueKeys({ name: '越南', provinceId: 999 })).toEqual([['provinceId', 'masterData.invalid.unknownRef']]);
    expect(count(f.sqlite, 'city')).toBe(2);

    // A new custom region, in one step with its first city; the next city finds it by name.
    const vietnam = addCustom({ name: '越南', provinceName: '海外' });
    expect(f.sqlite.prepare('SELECT code, name FROM province WHERE id = ?').get(vietnam.provinceId)).toEqual({ code: 'X0001', name: '海外' });
    expect(addCustom({ name: '泰國', provinceName: '海外' }).provinceId).toBe(vietnam.provinceId);
    // Under a custom region a listed city's name is the user's own: not the national list's.
    expect(addCustom({ name: '蘇州', provinceId: vietnam.provinceId }).provinceId).toBe(vietnam.provinceId);
    expect(undo(f.sqlite)).toBe('masterData.undo.addCustomCity');
    expect(undo(f.sqlite)).toBe('masterData.undo.addCustomCity');
    expect(undo(f.sqlite)).toBe('masterData.undo.addCustomCity');
    expect(count(f.sqlite, "province WHERE name = '海外'")).toBe(0);
    await f.close();
  });
});
