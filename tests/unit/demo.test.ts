import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDb } from '../../src/main/core/db/handle';
import { createRegionFile, type RegionFile } from '../../src/main/core/db/regionFile';
import { EAST_CHINA } from '../../src/main/core/demo/eastChina';
import { fillDemoRegion } from '../../src/main/core/demo/generate';
import { salesSummaryPair } from './helpers';

const PLAN_YEAR = 2027;
const HISTORY = [PLAN_YEAR - 3, PLAN_YEAR - 2, PLAN_YEAR - 1];

let dir: string;
let counter = 0;
const open: RegionFile[] = [];

async function newRegion(): Promise<RegionFile> {
  const file = await createRegionFile(join(dir, `demo-${++counter}.rplan`), {
    regionName: '華東大區',
    planYear: PLAN_YEAR,
    displayUnit: 'wan',
  });
  open.push(file);
  return file;
}

/** A digest of every table's full content, in a fixed row order. */
function contentHashes(db: Database.Database): Record<string, string> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'region_meta' ORDER BY name`)
    .all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const width = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(name) as { n: number }).n;
    const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().iterate()) hash.update(JSON.stringify(row));
    out[name] = hash.digest('hex');
  }
  return out;
}

const scalar = (db: Database.Database, sql: string, ...params: unknown[]): number =>
  db.prepare(sql).pluck().get(...params) as number;

describe('East China geography', () => {
  it('has the seven provinces with all their prefecture-level cities', () => {
    const counts = Object.fromEntries(EAST_CHINA.map((p) => [p.name, p.cities.length]));
    expect(counts).toEqual({ 上海市: 1, 江蘇省: 13, 浙江省: 11, 安徽省: 16, 福建省: 9, 江西省: 11, 山東省: 16 });
  });

  it('uses consistent GB/T 2260 codes', () => {
    const codes = new Set<string>();
    for (const p of EAST_CHINA) {
      expect(p.code).toMatch(/^\d{2}0000$/);
      for (const c of p.cities) {
        expect(c.code).toMatch(/^\d{4}00$/);
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2));
        for (const k of c.counties ?? []) {
          expect(k.code.slice(0, 4)).toBe(c.code.slice(0, 4));
          expect(k.code.slice(4)).not.toBe('00');
          codes.add(k.code);
        }
        codes.add(c.code);
      }
    }
    const total = EAST_CHINA.reduce((s, p) => s + p.cities.length + p.cities.reduce((t, c) => t + (c.counties?.length ?? 0), 0), 0);
    expect(codes.size).toBe(total);
    const jiangsu = EAST_CHINA.find((p) => p.code === '320000');
    expect(jiangsu?.cities.map((c) => c.name).join(' ')).toBe('南京市 無錫市 徐州市 常州市 蘇州市 南通市 連雲港市 淮安市 鹽城市 揚州市 鎮江市 泰州市 宿遷市');
  });
});

describe('fillDemoRegion (tiny)', () => {
  let a: RegionFile;
  let db: Database.Database;
  let elapsedMs = 0;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regionplan-demo-'));
    a = await newRegion();
    db = a.sqlite;
    const started = performance.now();
    fillDemoRegion(writeDb(db), { size: 'tiny', seed: 1, onProgress: (done, total) => progress.push([done, total]) });
    elapsedMs = performance.now() - started;
  });

  afterAll(async () => {
    for (const f of open) await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is quick enough for tests', () => {
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('reports progress in about a hundred steps, ending at the total', () => {
    expect(progress.length).toBeGreaterThanOrEqual(50);
    expect(progress.at(-1)).toEqual([100, 100]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const b = await newRegion();
    fillDemoRegion(writeDb(b.sqlite), { size: 'tiny', seed: 1 });
    const c = await newRegion();
    fillDemoRegion(writeDb(c.sqlite), { size: 'tiny', seed: 2 });
    const totals = 'SELECT sum(amount_cents) || \'/\' || count(*) FROM sales_actual';
    expect(b.sqlite.prepare(totals).pluck().get()).toBe(db.prepare(totals).pluck().get());
    expect(contentHashes(b.sqlite)).toEqual(contentHashes(db));
    expect(c.sqlite.prepare(totals).pluck().get()).not.toBe(db.prepare(totals).pluck().get());
  });

  it('leaves a sound file: foreign keys valid, integrity ok', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('makes its working plan and its batches no later than the moment it is made', async () => {
    // The demo's plan year (2027) is still to come on this date.
    const now = new Date('2026-06-01T08:30:00Z');
    const f = await newRegion();
    fillDemoRegion(writeDb(f.sqlite), { size: 'tiny', seed: 1, now });
    const created = f.sqlite.prepare(`SELECT created_at FROM plan_version WHERE kind = 'working'`).pluck().get() as string;
    expect(Date.parse(created)).toBeLessThanOrEqual(now.getTime());
    const latestImport = f.sqlite.prepare('SELECT max(imported_at) FROM import_batch').pluck().get() as string;
    expect(Date.parse(latestImport)).toBeLessThanOrEqual(now.getTime());
    // After the plan year has begun, the demo keeps its fixed date (10 January).
    const later = await newRegion();
    fillDemoRegion(writeDb(later.sqlite), { size: 'tiny', seed: 1, now: new Date('2027-06-01T00:00:00Z') });
    expect(later.sqlite.prepare(`SELECT created_at FROM plan_version WHERE kind = 'working'`).pluck().get()).toBe('2027-01-10T01:00:00.000Z');
  });

  it('refuses a file that already holds data', () => {
    expect(() => fillDemoRegion(writeDb(db), { size: 'tiny', seed: 1 })).toThrow(/already holds data/);
  });

  it('stops with "cancelled" when asked to', async () => {
    const f = await newRegion();
    let calls = 0;
    expect(() => fillDemoRegion(writeDb(f.sqlite), { size: 'tiny', seed: 3, onProgress: () => calls++, shouldCancel: () => calls >= 10 })).toThrow(
      'cancelled',
    );
  });

  it('has row counts in the expected ranges', () => {
    const count = (table: string): number => scalar(db, `SELECT count(*) FROM ${table}`);
    expect(count('province')).toBe(2);
    expect(count('city')).toBe(8);
    expect(count('county')).toBeGreaterThan(0);
    expect(count('channel')).toBe(6);
    expect(count('sku')).toBe(20);
    expect(count('salesperson')).toBe(8);
    // 30 trading customers, and the prospects the channel plan's pipeline adds to a region with fewer than six.
    expect(count("customer WHERE code NOT LIKE 'ZS%'")).toBe(30);
    expect(count('channel_prospect')).toBeGreaterThanOrEqual(6);
    // The stores of the spec, and those the terminal plan names to open.
    expect(count("terminal WHERE status <> 'prospect'")).toBe(100);
    expect(count("terminal WHERE status = 'prospect'")).toBeGreaterThan(0);
    expect(count('sales_actual')).toBeGreaterThan(3_500);
    expect(count('sales_actual')).toBeLessThan(7_500);
    expect(count('market_sales')).toBeGreaterThan(1_000);
    expect(count('store_audit')).toBeGreaterThan(50);
    expect(count('store_audit_brand')).toBeGreaterThan(count('store_audit'));
    expect(count('store_audit_sku')).toBeGreaterThan(0);
    expect(count('customer_visit')).toBeGreaterThan(20);
    expect(count('visit_stock')).toBeGreaterThan(0);
    expect(count('visit_price')).toBeGreaterThan(0);
    expect(count('customer_statement')).toBeGreaterThan(0);
    expect(count('expense_actual')).toBeGreaterThan(12);
    expect(count('ho_target')).toBe(12);
    expect(scalar(db, `SELECT count(*) FROM plan_version WHERE kind = 'working' AND name = '工作版'`)).toBe(1);
    expect(scalar(db, `SELECT count(*) FROM expense_item WHERE parent_id IS NULL`)).toBe(8);
    expect(scalar(db, `SELECT count(DISTINCT brand_id) FROM brand_category bc JOIN brand b ON b.id = bc.brand_id WHERE b.is_own = 0`)).toBeGreaterThan(5);
  });

  it('records one demo batch per history year with exact row counts', () => {
    const batches = db
      .prepare(`SELECT id, kind, source_name, row_count, period_from, period_to FROM import_batch WHERE source_name GLOB 'demo-[0-9][0-9][0-9][0-9]' ORDER BY id`)
      .all() as { id: number; kind: string; source_name: string; row_count: number; period_from: number; period_to: number }[];
    expect(batches.map((b) => b.source_name)).toEqual(HISTORY.map((y) => `demo-${y}`));
    for (const b of batches) {
      expect(b.kind).toBe('demo');
      expect(b.row_count).toBe(scalar(db, 'SELECT count(*) FROM sales_actual WHERE batch_id = ?', b.id));
      expect(scalar(db, 'SELECT min(period) FROM sales_actual WHERE batch_id = ?', b.id)).toBeGreaterThanOrEqual(b.period_from);
      expect(scalar(db, 'SELECT max(period) FROM sales_actual WHERE batch_id = ?', b.id)).toBeLessThanOrEqual(b.period_to);
    }
    expect(scalar(db, 'SELECT count(*) FROM sales_actual')).toBe(batches.reduce((s, b) => s + b.row_count, 0));
  });

  it('fills the monthly sales summaries with the sums of its lines', () => {
    const { stored, fromLines } = salesSummaryPair(db);
    expect((stored[0] as unknown[]).length).toBeGreaterThan(0);
    expect(stored).toEqual(fromLines);
  });

  const monthly = (seasonality: string, year: number): number[] => {
    const rows = db
      .prepare(
        `SELECT s.period % 100 AS m, sum(s.amount_cents) AS a FROM sales_actual s
         JOIN sku k ON k.id = s.sku_id JOIN category c ON c.id = k.category_id
         WHERE c.seasonality = ? AND s.period / 100 = ? GROUP BY m`,
      )
      .all(seasonality, year) as { m: number; a: number }[];
    const out = new Array<number>(12).fill(0);
    for (const r of rows) out[r.m - 1] = r.a;
    return out;
  };

  it('shows the summer peak for beverages', () => {
    for (const y of HISTORY) {
      const m = monthly('summer', y);
      expect(m[6]).toBeGreaterThan(m[2] * 1.3); // July over March
    }
  });

  it('shows the Spring Festival peak for festival categories', () => {
    for (const y of HISTORY) {
      const m = monthly('festival', y);
      expect(m[0] + m[1]).toBeGreaterThan((m[4] + m[5]) * 1.4); // Jan + Feb over May + June
    }
  });

  it('grows year on year', () => {
    const byYear = HISTORY.map((y) => scalar(db, 'SELECT sum(amount_cents) FROM sales_actual WHERE period / 100 = ?', y));
    expect(byYear[1]).toBeGreaterThan(byYear[0]);
    expect(byYear[2]).toBeGreaterThan(byYear[1]);
  });

  it('skews sales to few customers (80/20)', () => {
    const sales = db
      .prepare(`SELECT sum(amount_cents) AS a FROM sales_actual WHERE period / 100 = ? GROUP BY customer_id ORDER BY a DESC`)
      .pluck()
      .all(PLAN_YEAR - 1) as number[];
    const total = sales.reduce((s, v) => s + v, 0);
    let cum = 0;
    let n = 0;
    while (cum < total * 0.8) cum += sales[n++];
    expect(n / sales.length).toBeLessThan(0.5);
  });

  it('has deliberate blank areas and covers every other city', () => {
    const perCity = db
      .prepare(
        `SELECT c.id, (SELECT count(*) FROM customer u WHERE u.city_id = c.id AND u.tier = 'distributor' AND u.status = 'active') AS n
         FROM city c`,
      )
      .all() as { id: number; n: number }[];
    const blank = perCity.filter((c) => c.n === 0).length;
    expect(blank).toBeGreaterThanOrEqual(1);
    expect(blank).toBeLessThanOrEqual(3);
  });

  it('keeps SKU margins, launches and new products plausible', () => {
    const skus = db.prepare('SELECT id, list_price_cents AS p, std_cost_cents AS c, launch_date AS l, is_new AS n FROM sku').all() as {
      id: number; p: number; c: number; l: string; n: number;
    }[];
    for (const s of skus) {
      const margin = (s.p - s.c) / s.p;
      expect(margin).toBeGreaterThan(0.24);
      expect(margin).toBeLessThan(0.46);
    }
    const fresh = skus.filter((s) => s.n === 1);
    expect(fresh.length).toBeGreaterThan(0);
    for (const s of fresh) {
      expect(s.l.slice(0, 4)).toBe(String(PLAN_YEAR - 1));
      const launchPeriod = Number(s.l.slice(0, 4)) * 100 + Number(s.l.slice(5, 7));
      expect(scalar(db, 'SELECT count(*) FROM sales_actual WHERE sku_id = ? AND period < ?', s.id, launchPeriod)).toBe(0);
    }
  });

  it('has our market share between 10% and 35% where we have distributors', () => {
    const shares = db
      .prepare(
        `SELECT m.city_id AS city, 1.0 * sum(CASE WHEN b.is_own = 1 THEN m.amount_cents END) / sum(m.amount_cents) AS share
         FROM market_sales m JOIN brand b ON b.id = m.brand_id
         WHERE m.period / 100 = ? AND EXISTS (SELECT 1 FROM customer u WHERE u.city_id = m.city_id AND u.tier = 'distributor' AND u.status = 'active')
         GROUP BY m.city_id`,
      )
      .all(PLAN_YEAR - 1) as { city: number; share: number }[];
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) {
      expect(s.share).toBeGreaterThanOrEqual(0.1);
      expect(s.share).toBeLessThanOrEqual(0.35);
    }
  });

  it('records some price inversions in visits', () => {
    expect(scalar(db, 'SELECT count(*) FROM visit_price WHERE retail_price_cents < purchase_price_cents')).toBeGreaterThan(0);
    expect(scalar(db, 'SELECT count(*) FROM visit_price WHERE retail_price_cents > purchase_price_cents')).toBeGreaterThan(
      scalar(db, 'SELECT count(*) FROM visit_price WHERE retail_price_cents < purchase_price_cents'),
    );
  });

  it('sets head office targets about 12% above last year', () => {
    const target = scalar(db, 'SELECT sum(amount_cents) FROM ho_target');
    const last = scalar(db, 'SELECT sum(amount_cents) FROM sales_actual WHERE period / 100 = ?', PLAN_YEAR - 1);
    expect(target / last).toBeGreaterThan(1.1);
    expect(target / last).toBeLessThan(1.14);
  });
});
