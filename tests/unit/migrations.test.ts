import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../src/main/core/db/constants';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import * as productPlanMigration from '../../src/main/core/db/migrations/015_product_plan';
import * as snapshotChaptersMigration from '../../src/main/core/db/migrations/019_snapshot_chapters_frozen';
import { createRegionFile, openRegionFile } from '../../src/main/core/db/regionFile';
import type { DB } from '../../src/main/core/db/schema';
import { tempDir } from './helpers';

// One test per migration: make a file at version N-1, put rows in it,
// open it with the list up to N, and check the rows survived and the new schema works.

const upTo = (n: number) => MIGRATIONS.slice(0, n);

async function fileAt(version: number, dir: string): Promise<string> {
  const path = join(dir, `v${version}.rplan`);
  const f = await createRegionFile(path, { regionName: '華南大區', planYear: 2027, displayUnit: 'wan' }, { migrations: upTo(version) });
  await f.close();
  return path;
}

/** One row of each master table that later migrations' tables refer to. */
const MASTER_ROWS = `INSERT INTO province (id, code, name) VALUES (1, '320000', '江蘇省');
  INSERT INTO city (id, province_id, code, name) VALUES (1, 1, '320100', '南京市');
  INSERT INTO channel (id, code, name) VALUES (1, 'KA', 'KA賣場');
  INSERT INTO brand (id, code, name, is_own) VALUES (1, 'QQ', '清泉', 1);
  INSERT INTO category (id, code, name) VALUES (1, 'WATER', '包裝水');
  INSERT INTO sku (id, code, name, brand_id, category_id, pack_size, list_price_cents, std_cost_cents)
    VALUES (1, 'S1', '清泉 550ml', 1, 1, 24, 3600, 2200);`;

function tables(sqlite: Database.Database): string[] {
  return sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('1: file basics on an empty database', async () => {
    const path = join(tempDir(), 'raw.rplan');
    const sqlite = new Database(path);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    expect(await migrate(sqlite, db, upTo(1))).toEqual({ from: 0, to: 1 });
    expect(tables(sqlite)).toEqual(expect.arrayContaining(['region_meta', 'setting', 'undo_step', 'undo_change', 'import_batch', 'import_mapping']));
    // The identity row is constrained: one row, a UUID-sized id.
    expect(() => sqlite.prepare(`INSERT INTO region_meta (id, region_id, region_name, plan_year, created_at, created_by) VALUES (2, 'x', 'y', 2027, '', '')`).run()).toThrow();
    await db.destroy();
  });

  it('2: master data keeps the file basics', async () => {
    const dir = tempDir();
    const path = await fileAt(1, dir);
    const before = new Database(path);
    before.prepare(`INSERT INTO setting (key, value) VALUES ('k', '"v"')`).run();
    before.close();
    const backups: string[] = [];
    const f = await openRegionFile(path, { migrations: upTo(2), onBackup: (p) => backups.push(p) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(2);
    expect(f.sqlite.prepare(`SELECT value FROM setting WHERE key = 'k'`).pluck().get()).toBe('"v"');
    f.sqlite.prepare(`INSERT INTO province (code, name) VALUES ('310000', '上海市')`).run();
    f.sqlite.prepare(`INSERT INTO city (province_id, code, name) VALUES (1, '310100', '上海市')`).run();
    expect(() => f.sqlite.prepare(`INSERT INTO city (province_id, code, name) VALUES (99, '320100', '南京市')`).run()).toThrow(/FOREIGN KEY/);
    await f.close();
    // A migration first writes a backup, which is itself a healthy file at the old version.
    expect(backups).toHaveLength(1);
    expect(existsSync(backups[0])).toBe(true);
    const b = await openRegionFile(backups[0], { migrations: upTo(1) });
    expect(b.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(b.sqlite)).not.toContain('province');
    await b.close();
  });

  it('3: plan tables keep the master data; snapshots cannot change', async () => {
    const dir = tempDir();
    const path = await fileAt(2, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(3) });
    expect(f.sqlite.prepare('SELECT name FROM sku').pluck().get()).toBe('清泉 550ml');
    f.sqlite.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (1, '工作版', 'working', 0, '2026-11-26');
      INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (2, '報總部 2026-12-20', 'snapshot', 1, '2026-12-20');
      INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (1, 1, 1, NULL, 1, 1, 100000, 10);`);
    // The same cell twice (NULL customer included) is refused by the unique index.
    expect(() => f.sqlite.prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (1, 1, 1, NULL, 1, 1, 5, 1)`).run()).toThrow(/UNIQUE/);
    expect(() => f.sqlite.prepare(`UPDATE plan_version SET name = 'x' WHERE id = 2`).run()).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare(`DELETE FROM plan_version WHERE id = 2`).run()).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare(`INSERT INTO plan_version (name, kind, frozen, created_at) VALUES ('second', 'working', 0, '')`).run()).toThrow(/UNIQUE/);
    await f.close();
  });

  it('4: actuals keep the plan; a batch removes exactly its rows', async () => {
    const dir = tempDir();
    const path = await fileAt(3, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO customer (id, code, name, city_id, channel_id, tier, status) VALUES (1, 'D001', '南京恒通商貿', 1, 1, 'distributor', 'active');
      INSERT INTO ho_target (month, amount_cents) VALUES (1, 123);`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(4) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(4);
    expect(f.sqlite.prepare('SELECT amount_cents FROM ho_target').pluck().get()).toBe(123);
    f.sqlite.exec(`INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (1, 'sales_actual', 'erp-2026-01.csv', 'h1', '', 2), (2, 'sales_actual', 'erp-2026-02.csv', 'h2', '', 1);
      INSERT INTO sales_actual VALUES (202601, 1, 1, 10000, 3, 3000, 1), (202512, 1, 1, 20000, 6, 6000, 1), (202602, 1, 1, 5000, 1, 1500, 2);`);
    expect(() => f.sqlite.prepare(`INSERT INTO sales_actual VALUES (202601, 1, 1, 1, 1, 1, 2)`).run()).toThrow(/UNIQUE|PRIMARY/);
    f.sqlite.prepare('DELETE FROM import_batch WHERE id = 1').run();
    expect(f.sqlite.prepare('SELECT period FROM sales_actual').pluck().all()).toEqual([202602]);
    await f.close();
    expect(readdirSync(dir).filter((n) => n.includes('backup'))).toHaveLength(1);
  });
  it('5: target planning keeps the plan; a snapshot\'s cells are frozen; bulk undo records and locks hold', async () => {
    const dir = tempDir();
    const path = await fileAt(4, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (1, '工作版', 'working', 0, '2026-11-26');
      INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (1, 1, 1, NULL, 1, 1, 100000, 10);`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(5) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(5);
    expect(f.sqlite.prepare('SELECT amount_cents FROM target_fact').pluck().get()).toBe(100000);
    // A snapshot is filled unfrozen, then frozen; after that its cells refuse every change.
    f.sqlite.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (2, 'snap', 'scenario', 0, '2026-12-20');
      INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (2, 1, 1, NULL, 1, 1, 100000, 10);
      UPDATE plan_version SET kind = 'snapshot', frozen = 1 WHERE id = 2;`);
    expect(() => f.sqlite.prepare('UPDATE target_fact SET amount_cents = 1 WHERE version_id = 2').run()).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare('DELETE FROM target_fact WHERE version_id = 2').run()).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (2, 1, 1, NULL, 1, 2, 1, 1)`).run()).toThrow(/snapshot is frozen/);
    f.sqlite.prepare('UPDATE target_fact SET amount_cents = 200000 WHERE version_id = 1').run();
    f.sqlite.exec(`INSERT INTO target_lock (version_id, scope_json, month, created_at) VALUES (1, '[{"dim":"province","id":1}]', 0, '');
      INSERT INTO undo_step (id, label, created_at) VALUES (1, 'x', '');
      INSERT INTO undo_bulk (step_id, seq, table_name, kind, columns, row_count, ids, image) VALUES (1, 0, 'target_fact', 'update', '["amount_cents"]', 1, x'00', x'00');`);
    expect(() => f.sqlite.prepare(`INSERT INTO target_lock (version_id, scope_json, month, created_at) VALUES (1, '[{"dim":"province","id":1}]', 0, '')`).run()).toThrow(/UNIQUE/);
    expect(() => f.sqlite.prepare(`INSERT INTO target_season (version_id, month, weight) VALUES (1, 13, 1)`).run()).toThrow(/CHECK/);
    f.sqlite.prepare('DELETE FROM undo_step WHERE id = 1').run();
    expect(f.sqlite.prepare('SELECT count(*) FROM undo_bulk').pluck().get()).toBe(0);
    await f.close();
  });
  it('6: the monthly sales summaries are filled from the lines a file already has', async () => {
    const dir = tempDir();
    const path = await fileAt(5, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO customer (id, code, name, city_id, channel_id, tier, status) VALUES (1, 'D001', '南京恒通商貿', 1, 1, 'distributor', 'active'), (2, 'D002', '蘇州合眾', 1, 1, 'distributor', 'active');
      INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (1, 'sales_actual', 'erp.csv', 'h1', '', 3);
      INSERT INTO sales_actual VALUES (202601, 1, 1, 10000, 3, 3000, 1), (202601, 2, 1, 20000, 6, 6000, 1), (202602, 1, 1, 5000, 1, 1500, 1);`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(6) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(f.sqlite.prepare('SELECT period, customer_id, amount_cents, gross_profit_cents, volume, line_count FROM sales_month_customer ORDER BY 1, 2').raw().all()).toEqual([
      [202601, 1, 10000, 3000, 3, 1],
      [202601, 2, 20000, 6000, 6, 1],
      [202602, 1, 5000, 1500, 1, 1],
    ]);
    expect(f.sqlite.prepare('SELECT period, sku_id, amount_cents, gross_profit_cents, volume, line_count FROM sales_month_sku ORDER BY 1, 2').raw().all()).toEqual([
      [202601, 1, 30000, 9000, 9, 2],
      [202602, 1, 5000, 1500, 1, 1],
    ]);
    await f.close();
  });

  it('7: a file without a working plan or expense items gets them; one that has them keeps its own', async () => {
    const dir = tempDir();
    const bare = await fileAt(6, dir);
    const f = await openRegionFile(bare, { migrations: upTo(7) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(7);
    expect(f.sqlite.prepare(`SELECT name, kind, frozen FROM plan_version`).all()).toEqual([{ name: '工作版', kind: 'working', frozen: 0 }]);
    const items = f.sqlite.prepare('SELECT code, parent_id IS NULL AS top, kind FROM expense_item ORDER BY id').all() as { code: string; top: number; kind: string }[];
    expect(items).toHaveLength(19);
    expect(items.filter((i) => i.top === 1).map((i) => i.code)).toEqual(['TERM', 'ADV', 'PROMO', 'STAFF', 'TRAVEL', 'TRAIN', 'MEET', 'OTHER']);
    expect(items.find((i) => i.code === 'TERM-SHELF')).toEqual({ code: 'TERM-SHELF', top: 0, kind: 'terminal' });
    await f.close();

    const own = join(dir, 'own');
    mkdirSync(own);
    const kept = await fileAt(6, own);
    const before = new Database(kept);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (4, '我的工作版', 'working', 0, '2026-10-01');
      INSERT INTO expense_item (id, parent_id, code, name, kind, sort_order) VALUES (1, NULL, 'MINE', '自設費用', 'other', 1);`);
    before.close();
    const g = await openRegionFile(kept, { migrations: upTo(7) });
    expect(g.sqlite.prepare('SELECT id, name FROM plan_version').all()).toEqual([{ id: 4, name: '我的工作版' }]);
    expect(g.sqlite.prepare('SELECT code FROM expense_item').pluck().all()).toEqual(['MINE']);
    await g.close();
  });

  it('8: undo steps get the plan version they change; older steps keep none and still undo', async () => {
    const dir = tempDir();
    const path = await fileAt(7, dir);
    const before = new Database(path);
    before.exec(`INSERT INTO undo_step (id, label, created_at) VALUES (1, 'edit.profile', '2026-10-01');
      INSERT INTO undo_change (step_id, seq, table_name, row_key, before_json, after_json) VALUES (1, 0, 'setting', '{"key":"k"}', NULL, '{"key":"k","value":"1"}');`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(8) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(8);
    expect(f.sqlite.prepare('SELECT label, version_id FROM undo_step').all()).toEqual([{ label: 'edit.profile', version_id: null }]);
    expect(f.sqlite.prepare('SELECT count(*) FROM undo_change').pluck().get()).toBe(1);
    f.sqlite.prepare(`INSERT INTO undo_step (label, created_at, version_id) VALUES ('targets.undo.edit', '', 1)`).run();
    expect(f.sqlite.prepare('SELECT version_id FROM undo_step ORDER BY id').pluck().all()).toEqual([null, 1]);
    await f.close();
  });

  it('9: batches get a record of what later imports took from them, gone with the batch, kept when the taker goes', async () => {
    const dir = tempDir();
    const path = await fileAt(8, dir);
    const before = new Database(path);
    before.exec(`INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count, mapping_name)
      VALUES (1, 'sales_actual', 'a.csv', 'h', '2027-01-01', 5, 'a_*'), (2, 'sales_actual', 'b.csv', 'h', '2027-02-01', 2, 'b_*')`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(9) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(9);
    expect(f.sqlite.prepare('SELECT count(*) FROM import_batch').pluck().get()).toBe(2);
    f.sqlite.prepare(`INSERT INTO import_batch_loss (batch_id, by_batch_id, by_file, action, row_count) VALUES (1, 2, 'b.csv', 'overwrite', 2)`).run();
    expect(() => f.sqlite.prepare(`INSERT INTO import_batch_loss (batch_id, by_batch_id, by_file, action, row_count) VALUES (1, 2, 'b.csv', 'lost', 1)`).run()).toThrow();
    // The taking batch removed: its file's name stays; the batch that lost the rows removed: the record goes.
    f.sqlite.prepare('DELETE FROM import_batch WHERE id = 2').run();
    expect(f.sqlite.prepare('SELECT batch_id, by_batch_id, by_file, row_count FROM import_batch_loss').all()).toEqual([{ batch_id: 1, by_batch_id: null, by_file: 'b.csv', row_count: 2 }]);
    f.sqlite.prepare('DELETE FROM import_batch WHERE id = 1').run();
    expect(f.sqlite.prepare('SELECT count(*) FROM import_batch_loss').pluck().get()).toBe(0);
    await f.close();
  });

  it('10: SKUs keep their ids, prices and references; pack size, list price and cost may then be unknown', async () => {
    const dir = tempDir();
    const path = await fileAt(9, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO customer (id, code, name, city_id, channel_id, tier, status) VALUES (1, 'D001', '南京恒通商貿', 1, 1, 'distributor', 'active');
      INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (1, 'sales_actual', 'erp.csv', 'h1', '', 1);
      INSERT INTO sales_actual VALUES (202601, 1, 1, 10000, 3, 3000, 1);`);
    const skus = before.prepare('SELECT * FROM sku ORDER BY id').all();
    expect(skus.length).toBeGreaterThan(0);
    expect(() => before.prepare('UPDATE sku SET std_cost_cents = NULL').run()).toThrow(/NOT NULL/);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(10) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(10);
    expect(f.sqlite.prepare('SELECT * FROM sku ORDER BY id').all()).toEqual(skus);
    expect(f.sqlite.pragma('foreign_key_check')).toEqual([]);
    f.sqlite.prepare('UPDATE sku SET std_cost_cents = NULL, list_price_cents = NULL, pack_size = NULL WHERE id = 1').run();
    expect(() => f.sqlite.prepare('UPDATE sku SET std_cost_cents = -1 WHERE id = 1').run()).toThrow(/CHECK/);
    // The lines still refer to the SKU: it cannot be removed from under them.
    expect(() => f.sqlite.prepare('DELETE FROM sku WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(f.sqlite.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'sku' AND type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all()).toEqual(['sku_brand', 'sku_category']);
    await f.close();
  });
  it('11: existing lines keep their gross profit as known; lines and summaries can then say which sales have none', async () => {
    const dir = tempDir();
    const path = await fileAt(10, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO customer (id, code, name, city_id, channel_id, tier, status) VALUES (1, 'D001', '南京恒通商貿', 1, 1, 'distributor', 'active');
      INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (1, 'sales_actual', 'erp.csv', 'h1', '', 1);
      INSERT INTO sales_actual VALUES (202601, 1, 1, 10000, 3, 3000, 1);
      INSERT INTO sales_month_customer VALUES (202601, 1, 10000, 3000, 3, 1);
      INSERT INTO sales_month_sku VALUES (202601, 1, 10000, 3000, 3, 1);`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(11) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(11);
    expect(f.sqlite.prepare('SELECT period, customer_id, sku_id, amount_cents, volume, gross_profit_cents, gp_known FROM sales_actual').raw().all()).toEqual([
      [202601, 1, 1, 10000, 3, 3000, 1],
    ]);
    expect(f.sqlite.prepare('SELECT amount_cents, gross_profit_cents, amount_no_gp_cents FROM sales_month_customer').raw().all()).toEqual([[10000, 3000, 0]]);
    expect(f.sqlite.prepare('SELECT amount_cents, gross_profit_cents, amount_no_gp_cents FROM sales_month_sku').raw().all()).toEqual([[10000, 3000, 0]]);
    f.sqlite.prepare('INSERT INTO sales_actual (period, customer_id, sku_id, amount_cents, volume, gross_profit_cents, gp_known, batch_id) VALUES (202602, 1, 1, 5000, 1, 0, 0, 1)').run();
    expect(() => f.sqlite.prepare('UPDATE sales_actual SET gp_known = 3').run()).toThrow(/CHECK/);
    await f.close();
  });
  it('12: the channel customer plan keeps the master data and the plan; a month must be one; a snapshot\'s rows are frozen', async () => {
    const dir = tempDir();
    const path = await fileAt(11, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO customer (id, code, name, city_id, channel_id, tier, status) VALUES (1, 'D001', '南京恒通商貿', 1, 1, 'distributor', 'prospect');
      INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (2, '報總部', 'scenario', 0, '2026-12-20');`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(12) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(12);
    expect(f.sqlite.prepare('SELECT name FROM customer').pluck().get()).toBe('南京恒通商貿');
    const working = f.sqlite.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).pluck().get() as number;
    f.sqlite.exec(`INSERT INTO channel_fill_plan (version_id, city_id, fill_period, method) VALUES (${working}, 1, 202703, 'recruit'), (2, 1, 202704, 'recruit');
      INSERT INTO channel_prospect (version_id, customer_id, stage) VALUES (${working}, 1, 'contacted'), (2, 1, 'negotiating');
      INSERT INTO channel_customer_change (version_id, customer_id, kind, period, to_credit_cents) VALUES (${working}, 1, 'credit', 202705, 100000), (2, 1, 'credit', 202705, 100000);
      UPDATE plan_version SET kind = 'snapshot', frozen = 1 WHERE id = 2;`);
    // One plan per area of a version; a month is a month; the stages are the five.
    expect(() => f.sqlite.prepare(`INSERT INTO channel_fill_plan (version_id, city_id, method) VALUES (${working}, 1, 'extend')`).run()).toThrow(/UNIQUE/);
    expect(() => f.sqlite.prepare(`INSERT INTO channel_customer_change (version_id, customer_id, kind, period) VALUES (${working}, 1, 'terminate', 202713)`).run()).toThrow(/CHECK/);
    expect(() => f.sqlite.prepare(`UPDATE channel_prospect SET stage = 'won' WHERE version_id = ${working}`).run()).toThrow(/CHECK/);
    for (const table of ['channel_fill_plan', 'channel_prospect', 'channel_customer_change']) {
      expect(() => f.sqlite.prepare(`DELETE FROM ${table} WHERE version_id = 2`).run()).toThrow(/snapshot is frozen/);
      expect(() => f.sqlite.prepare(`UPDATE ${table} SET version_id = 2 WHERE version_id = ${working}`).run()).toThrow(/snapshot is frozen/);
      expect(() => f.sqlite.prepare(`UPDATE ${table} SET id = id WHERE version_id = 2`).run()).toThrow(/snapshot is frozen/);
    }
    await f.close();
  });

  it("13: the written plan keeps each version's text as a document; a snapshot's text is frozen", async () => {
    const dir = tempDir();
    const path = await fileAt(12, dir);
    const before = new Database(path);
    const working = before.prepare("SELECT id FROM plan_version WHERE kind = 'working'").pluck().get() as number;
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (50, '報總部', 'snapshot', 1, '2026-12-20');
      INSERT INTO plan_narrative (version_id, section, body) VALUES (${working}, 'summary', '第一行
第二行'), (${working}, 'market', ''), (50, 'budget', '預算');`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(13) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(13);
    const rows = f.sqlite.prepare('SELECT version_id, section, body FROM plan_narrative ORDER BY version_id, section').all() as { version_id: number; section: string; body: string }[];
    expect(rows.map((r) => [r.version_id, r.section, JSON.parse(r.body)])).toEqual([
      [working, 'summary', { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '第一行' }] }, { type: 'paragraph', content: [{ type: 'text', text: '第二行' }] }] }],
      [50, 'budget', { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '預算' }] }] }],
    ]);
    const put = f.sqlite.prepare('INSERT INTO plan_narrative (version_id, section, body) VALUES (?, ?, ?)');
    put.run(working, 'review.sales.highlights', '{"type":"doc","blocks":[]}');
    expect(() => put.run(working, 'review.sales.praise', '{"type":"doc","blocks":[]}')).toThrow(/CHECK/);
    expect(() => put.run(working, 'objectives', '<p>html</p>')).toThrow(/CHECK|JSON/);
    expect(() => put.run(50, 'summary', '{"type":"doc","blocks":[]}')).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare('UPDATE plan_narrative SET body = body WHERE version_id = 50').run()).toThrow(/snapshot is frozen/);
    expect(() => f.sqlite.prepare('DELETE FROM plan_narrative WHERE version_id = 50').run()).toThrow(/snapshot is frozen/);
    await f.close();
  });
  it('14: the terminal plan: stores keep their ids and audits; a store can be planned to open; the chapter is per version and frozen in a snapshot', async () => {
    // The terminal plan's migration: the version it gets in this list, whatever its file's number.
    const v = MIGRATIONS.findIndex((m) => m.name.startsWith('the terminal plan')) + 1;
    const dir = tempDir();
    const path = await fileAt(v - 1, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO terminal (id, code, name, city_id, channel_id, status) VALUES (7, 'T000007', '大潤發城東店', 1, 1, 'active'), (8, 'T000008', '蘇果超市中山路店', 1, 1, 'closed');
      INSERT INTO import_batch (id, kind, source_name, source_hash, imported_at, row_count) VALUES (1, 'store_audit', 'audit.csv', 'h1', '', 1);
      INSERT INTO store_audit (id, audit_date, terminal_id, batch_id) VALUES (1, '2026-05-01', 7, 1);
      INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (2, '報總部', 'snapshot', 1, '2026-12-20');`);
    const terminals = before.prepare('SELECT * FROM terminal ORDER BY id').all();
    expect(() => before.prepare(`UPDATE terminal SET status = 'prospect' WHERE id = 7`).run()).toThrow(/CHECK/);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(v) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(v);
    expect(f.sqlite.prepare('SELECT * FROM terminal ORDER BY id').all()).toEqual(terminals);
    expect(f.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(() => f.sqlite.prepare('DELETE FROM terminal WHERE id = 7').run()).toThrow(/FOREIGN KEY/);
    f.sqlite.prepare(`INSERT INTO terminal (code, name, city_id, channel_id, status) VALUES ('T000009', '永輝超市新城店', 1, 1, 'prospect')`).run();
    expect(() => f.sqlite.prepare(`UPDATE terminal SET status = 'open' WHERE id = 7`).run()).toThrow(/CHECK/);
    expect(f.sqlite.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'terminal' AND type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all()).toEqual(['terminal_city', 'terminal_customer']);
    const working = f.sqlite.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).pluck().get() as number;
    f.sqlite.prepare('INSERT INTO terminal_open_plan VALUES (?, 1, 1, 3, 2)').run(working);
    f.sqlite.prepare('INSERT INTO terminal_share_target (version_id, city_id, channel_id, category_id, distribution, shelf) VALUES (?, 1, 1, 1, 0.6, NULL)').run(working);
    f.sqlite.prepare('INSERT INTO terminal_sku_target VALUES (?, 1, 0.3)').run(working);
    expect(() => f.sqlite.prepare('UPDATE terminal_share_target SET distribution = 1.2').run()).toThrow(/CHECK/);
    expect(() => f.sqlite.prepare('UPDATE terminal_open_plan SET stores = -1').run()).toThrow(/CHECK/);
    expect(() => f.sqlite.prepare('UPDATE terminal_open_plan SET month = 13').run()).toThrow(/CHECK/);
    for (const sql of [
      'INSERT INTO terminal_open_plan VALUES (2, 1, 1, 3, 2)',
      'INSERT INTO terminal_share_target (version_id, city_id, channel_id, category_id, distribution) VALUES (2, 1, 1, 1, 0.5)',
      'INSERT INTO terminal_sku_target VALUES (2, 1, 0.3)',
    ]) {
      expect(() => f.sqlite.prepare(sql).run()).toThrow(/snapshot is frozen/);
    }
    await f.close();
  });

  it('15: the product plan: positions and new products keep the plan; a snapshot\'s are frozen; a scenario\'s go with it', async () => {
    // Found by its function, so the test follows the migration wherever the list numbers it.
    const version = MIGRATIONS.find((m) => m.up === productPlanMigration.up)!.version;
    const dir = tempDir();
    const path = await fileAt(version - 1, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`UPDATE sku SET is_new = 1;
      INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (20, '報總部', 'scenario', 0, ''), (21, '衝刺', 'scenario', 0, '');`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(version) });
    const db = f.sqlite;
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare('SELECT code FROM sku').pluck().all()).toEqual(['S1']);
    const working = db.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).pluck().get() as number;
    for (const v of [working, 20, 21]) {
      db.prepare(`INSERT INTO product_position (version_id, brand_id, category_id, channel_id, focus) VALUES (?, 1, NULL, 1, 'focus')`).run(v);
      db.prepare(`INSERT INTO new_product (version_id, sku_id, launch_period, target_distribution, target_cents) VALUES (?, 1, 202703, 0.6, 500000)`).run(v);
      db.prepare('INSERT INTO new_product_channel (version_id, sku_id, channel_id) VALUES (?, 1, 1)').run(v);
    }
    // One cell once; a brand or a category, never both or neither; ranges are checked.
    expect(() => db.prepare(`INSERT INTO product_position (version_id, brand_id, category_id, channel_id, focus) VALUES (?, 1, NULL, 1, 'not_sold')`).run(working)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO product_position (version_id, brand_id, category_id, channel_id, focus) VALUES (?, 1, 1, 1, 'focus')`).run(working)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO product_position (version_id, brand_id, category_id, channel_id, focus) VALUES (?, NULL, 1, 1, 'normal')`).run(working)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE new_product SET target_distribution = 1.2').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE new_product SET launch_period = 202713').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE new_product SET target_cents = -1').run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO new_product_channel (version_id, sku_id, channel_id) VALUES (?, 1, 99)').run(working)).toThrow(/FOREIGN KEY/);
    // A snapshot's rows never change.
    db.prepare('UPDATE plan_version SET kind = ?, frozen = 1 WHERE id = 20').run('snapshot');
    expect(() => db.prepare('UPDATE new_product SET target_cents = 1 WHERE version_id = 20').run()).toThrow(/snapshot is frozen/);
    expect(() => db.prepare('DELETE FROM new_product_channel WHERE version_id = 20').run()).toThrow(/snapshot is frozen/);
    expect(() => db.prepare(`UPDATE product_position SET focus = 'not_sold' WHERE version_id = 20`).run()).toThrow(/snapshot is frozen/);
    expect(() => db.prepare(`INSERT INTO product_position (version_id, brand_id, category_id, channel_id, focus) VALUES (20, NULL, 1, 1, 'focus')`).run()).toThrow(/snapshot is frozen/);
    // A scenario's rows go with it; removing a new product removes its channels.
    db.prepare('DELETE FROM plan_version WHERE id = 21').run();
    expect(db.prepare('SELECT count(*) FROM new_product_channel WHERE version_id = 21').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM product_position WHERE version_id = 21').pluck().get()).toBe(0);
    db.prepare('DELETE FROM new_product WHERE version_id = ?').run(working);
    expect(db.prepare('SELECT count(*) FROM new_product_channel WHERE version_id = ?').pluck().get(working)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM new_product_channel').pluck().get()).toBe(1);
    await f.close();
  });

  it('16: variance notes move to the working plan as month notes; causes, actions and snapshot freezing work', async () => {
    const dir = tempDir();
    const path = await fileAt(15, dir);
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO variance_note (id, period, scope_json, body, created_at) VALUES (7, 202603, '[{"dim":"city","id":1}]', '競品降價', '2027-04-01');
      INSERT INTO variance_note (id, period, scope_json, body, created_at) VALUES (8, 202604, '[]', '  ', '2027-04-01');`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(16) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(16);
    const working = f.sqlite.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).pluck().get() as number;
    // A note with no text and no cause cannot exist any more: it is left behind.
    expect(f.sqlite.prepare('SELECT id, version_id, period_kind, period, scope_json, cause_id, body FROM variance_note').raw().all()).toEqual([
      [7, working, 'month', 202603, '[{"dim":"city","id":1}]', null, '競品降價'],
    ]);
    expect(f.sqlite.prepare('SELECT code FROM variance_cause ORDER BY sort_order').pluck().all()).toEqual([
      'PRICE', 'DISTRIBUTION', 'COMPETITOR', 'SUPPLY', 'WEATHER', 'TEAM', 'CREDIT', 'OTHER',
    ]);
    const ins = (kind: string, period: number, cause: number | null, body: string) =>
      f.sqlite.prepare(`INSERT INTO variance_note (version_id, period_kind, period, scope_json, cause_id, body, created_at, updated_at) VALUES (?, ?, ?, '[]', ?, ?, '', '')`).run(working, kind, period, cause, body);
    expect(() => ins('quarter', 202605, 1, '')).toThrow(/CHECK/);
    expect(() => ins('month', 202603, null, ' ')).toThrow(/CHECK/);
    expect(() => ins('month', 202603, 999, 'x')).toThrow(/FOREIGN KEY/);
    ins('quarter', 202604, 1, '');
    f.sqlite.prepare(`INSERT INTO action_item (version_id, title, status, measure, note, created_at) VALUES (?, '跟進', 'open', '', '', '')`).run(working);
    f.sqlite.prepare('INSERT INTO variance_note_action (note_id, action_id) VALUES (7, 1)').run();
    // A cause in use stays; a snapshot's notes never change.
    expect(() => f.sqlite.prepare('DELETE FROM variance_cause WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    f.sqlite.prepare(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (50, '上報版', 'scenario', 0, '')`).run();
    f.sqlite.prepare(`INSERT INTO variance_note (version_id, period_kind, period, scope_json, cause_id, body, created_at, updated_at) VALUES (50, 'year', 202601, '[]', 2, '', '', '')`).run();
    f.sqlite.prepare(`UPDATE plan_version SET kind = 'snapshot', frozen = 1 WHERE id = 50`).run();
    expect(() => f.sqlite.prepare('UPDATE variance_note SET body = ? WHERE version_id = 50').run('x')).toThrow(/frozen/);
    expect(() => f.sqlite.prepare('DELETE FROM variance_note WHERE version_id = 50').run()).toThrow(/frozen/);
    // Removing an action takes its links with it.
    f.sqlite.prepare('DELETE FROM action_item WHERE id = 1').run();
    expect(f.sqlite.prepare('SELECT count(*) FROM variance_note_action').pluck().get()).toBe(0);
    expect(f.sqlite.pragma('foreign_key_check')).toEqual([]);
    await f.close();
  });

  it('17: a deck\'s arrangement is kept per version and document, goes with its version, and refuses a bad row', async () => {
    const dir = tempDir();
    const path = await fileAt(16, dir);
    const before = new Database(path);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (40, '報總部', 'snapshot', 1, ''), (41, '衝刺', 'scenario', 0, '')`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(17) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(17);
    const ins = f.sqlite.prepare('INSERT INTO deck_slide (version_id, doc, slide_key, position, hidden, title, notes) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // A snapshot is still arranged for presenting: no freezing trigger.
    ins.run(40, 'review', 'review.cover', 0, 0, null, null);
    ins.run(40, 'plan', 'review.cover', 0, 1, '封面', '開場白');
    expect(() => ins.run(40, 'review', 'review.cover', 1, 0, null, null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => ins.run(40, 'deck', 'x', 0, 0, null, null)).toThrow(/CHECK/);
    expect(() => ins.run(40, 'plan', 'x', 0, 2, null, null)).toThrow(/CHECK/);
    expect(() => ins.run(40, 'plan', 'y', 0, 0, '  ', null)).toThrow(/CHECK/);
    expect(() => ins.run(99, 'plan', 'z', 0, 0, null, null)).toThrow(/FOREIGN KEY/);
    ins.run(41, 'plan', 'plan.cover', 0, 0, null, null);
    f.sqlite.prepare('DELETE FROM plan_version WHERE id = 41').run();
    expect(f.sqlite.prepare('SELECT version_id FROM deck_slide').pluck().all()).toEqual([40, 40]);
    await f.close();
  });
  it('18: the submission log counts revisions up per plan year, keeps every row as sent, and only takes head office\'s answer', async () => {
    const dir = tempDir();
    const path = await fileAt(17, dir);
    const before = new Database(path);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (40, '報總部 第1版 2026-12-01', 'snapshot', 1, '')`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(18) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(18);
    const ins = f.sqlite.prepare(
      `INSERT INTO submission (plan_year, revision, version_id, created_at, package_id, file_name, bytes, sha256, signer_fingerprint, replaces)
       VALUES (?, ?, 40, '2026-12-01T00:00:00Z', ?, 'a.rplanpkg', 100, ?, 'AB12', ?)`,
    );
    const hash = 'a'.repeat(64);
    ins.run(2027, 1, 'p1', hash, null);
    ins.run(2027, 2, 'p2', hash, 1);
    // Never back, never the same, never replacing itself or a later one.
    expect(() => ins.run(2027, 2, 'p3', hash, 1)).toThrow(/never reused/);
    expect(() => ins.run(2027, 1, 'p3', hash, null)).toThrow(/never reused/);
    expect(() => ins.run(2027, 3, 'p3', hash, 3)).toThrow(/CHECK/);
    expect(() => ins.run(2027, 3, 'p3', 'short', null)).toThrow(/CHECK/);
    expect(() => ins.run(2027, 3, 'p1', hash, null)).toThrow(/UNIQUE/);
    // Another plan year counts from 1.
    ins.run(2028, 1, 'p4', hash, null);
    // The snapshot must exist.
    expect(() => f.sqlite.prepare(`INSERT INTO submission (plan_year, revision, version_id, created_at, package_id, file_name, bytes, sha256, signer_fingerprint) VALUES (2027, 9, 99, '', 'p9', 'x', 1, ?, 'f')`).run(hash)).toThrow(/FOREIGN KEY/);
    // Head office's answer comes in; nothing else of a row changes, and no row goes.
    f.sqlite.prepare(`UPDATE submission SET answer_state = 'returned', answer_comment = '費用率過高', answered_at = '2026-12-03' WHERE revision = 1`).run();
    expect(() => f.sqlite.prepare(`UPDATE submission SET answer_state = 'accepted' WHERE revision = 2`).run()).toThrow(/CHECK/);
    expect(() => f.sqlite.prepare(`UPDATE submission SET bytes = 5 WHERE revision = 1`).run()).toThrow(/as it was sent/);
    expect(() => f.sqlite.prepare(`DELETE FROM submission WHERE revision = 2`).run()).toThrow(/kept for ever/);
    expect(f.sqlite.prepare('SELECT revision FROM submission WHERE plan_year = 2027 ORDER BY revision').pluck().all()).toEqual([1, 2]);
    await f.close();
  });

  it('19: a snapshot\'s expense budget, promotions (scope, budget lines), headcount, training and actions are frozen; a scenario\'s stay editable and go with it', async () => {
    const version = MIGRATIONS.find((m) => m.up === snapshotChaptersMigration.up)!.version;
    const path = await fileAt(version - 1, tempDir());
    const before = new Database(path);
    before.exec(MASTER_ROWS);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (30, '報總部', 'scenario', 0, ''), (31, '衝刺', 'scenario', 0, '');
      INSERT INTO expense_item (id, code, name, kind) VALUES (900, 'X900', '堆頭費', 'terminal');`);
    const rows = (v: number, promotionId: number) => `
      INSERT INTO expense_budget (version_id, item_id, month, amount_cents) VALUES (${v}, 900, 1, 100);
      INSERT INTO expense_budget (version_id, item_id, month, city_id, amount_cents) VALUES (${v}, 900, 1, 1, 100);
      INSERT INTO promotion (id, version_id, name, type, start_date, end_date) VALUES (${promotionId}, ${v}, '春節', 'display', '2027-01-01', '2027-01-31');
      INSERT INTO promotion_scope (promotion_id, dim, ref_id) VALUES (${promotionId}, 'sku', 1);
      INSERT INTO promotion_budget (promotion_id, item_id, amount_cents) VALUES (${promotionId}, 900, 500);
      INSERT INTO headcount_plan (version_id, role, month, headcount, cost_per_head_cents) VALUES (${v}, 'sales_rep', 1, 3, 800000);
      INSERT INTO training_session (version_id, topic, month) VALUES (${v}, '新品培訓', 3);
      INSERT INTO action_item (version_id, title, created_at) VALUES (${v}, '開發空白縣', '');`;
    before.exec(rows(30, 1) + rows(31, 2));
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(version) });
    const db = f.sqlite;
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare('SELECT count(*) FROM expense_budget').pluck().get()).toBe(4);
    db.prepare(`UPDATE plan_version SET kind = 'snapshot', frozen = 1 WHERE id = 30`).run();
    const refused = [
      'UPDATE expense_budget SET amount_cents = 1 WHERE version_id = 30',
      'DELETE FROM expense_budget WHERE version_id = 30 AND city_id = 1',
      'INSERT INTO expense_budget (version_id, item_id, month, amount_cents) VALUES (30, 900, 2, 1)',
      'UPDATE expense_budget SET version_id = 30 WHERE version_id = 31 AND city_id IS NULL',
      `UPDATE promotion SET name = 'x' WHERE id = 1`,
      'DELETE FROM promotion WHERE id = 1',
      `INSERT INTO promotion_scope (promotion_id, dim, ref_id) VALUES (1, 'city', 1)`,
      'DELETE FROM promotion_scope WHERE promotion_id = 1',
      'UPDATE promotion_budget SET amount_cents = 1 WHERE promotion_id = 1',
      'UPDATE promotion_budget SET promotion_id = 1 WHERE promotion_id = 2',
      'UPDATE headcount_plan SET headcount = 9 WHERE version_id = 30',
      'DELETE FROM training_session WHERE version_id = 30',
      `INSERT INTO action_item (version_id, title, created_at) VALUES (30, 'x', '')`,
      `UPDATE action_item SET status = 'done' WHERE version_id = 30`,
    ];
    for (const q of refused) expect(() => db.prepare(q).run(), q).toThrow(/snapshot is frozen/);
    // The scenario's rows change freely and go with it.
    db.prepare('UPDATE expense_budget SET amount_cents = 7 WHERE version_id = 31').run();
    db.prepare('UPDATE promotion_budget SET amount_cents = 7 WHERE promotion_id = 2').run();
    db.prepare(`UPDATE action_item SET status = 'done' WHERE version_id = 31`).run();
    db.prepare('DELETE FROM plan_version WHERE id = 31').run();
    for (const t of ['expense_budget', 'promotion', 'headcount_plan', 'training_session', 'action_item']) {
      expect(db.prepare(`SELECT count(*) FROM ${t} WHERE version_id = 31`).pluck().get(), t).toBe(0);
    }
    expect(db.prepare('SELECT count(*) FROM promotion_budget').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM promotion_scope').pluck().get()).toBe(1);
    await f.close();
  });

  it('20: head office\'s answer says who decided; answers recorded before keep none; a name is 1 to 100 characters', async () => {
    const path = await fileAt(19, tempDir());
    const before = new Database(path);
    before.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (40, '報總部 第1版 2026-12-01', 'snapshot', 1, '')`);
    before.exec(`INSERT INTO submission (plan_year, revision, version_id, created_at, package_id, file_name, bytes, sha256, signer_fingerprint, answer_state, answer_comment, answered_at)
      VALUES (2027, 1, 40, '2026-12-01T00:00:00Z', 'p1', 'a.rplanpkg', 100, '${'a'.repeat(64)}', 'AB12', 'returned', '費用率過高', '2026-12-03')`);
    before.close();
    const f = await openRegionFile(path, { migrations: upTo(20) });
    expect(f.sqlite.pragma('user_version', { simple: true })).toBe(20);
    expect(f.sqlite.prepare('SELECT answer_state, answer_comment, answered_by FROM submission').get()).toEqual({ answer_state: 'returned', answer_comment: '費用率過高', answered_by: null });
    f.sqlite.prepare(`UPDATE submission SET answer_state = 'accepted', answer_comment = NULL, answered_at = '2026-12-05', answered_by = '總部市場部' WHERE revision = 1`).run();
    expect(f.sqlite.prepare('SELECT answered_by FROM submission').pluck().get()).toBe('總部市場部');
    expect(() => f.sqlite.prepare(`UPDATE submission SET answered_by = '' WHERE revision = 1`).run()).toThrow(/CHECK/);
    expect(() => f.sqlite.prepare(`UPDATE submission SET answered_by = ? WHERE revision = 1`).run('x'.repeat(101))).toThrow(/CHECK/);
    await f.close();
  });
});
