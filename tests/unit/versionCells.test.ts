import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readDb } from '../../src/main/core/db/handle';
import { unpackPlace, versionCells } from '../../src/main/core/repos/targets/cells';
import { salesLines, SKU_SPAN } from '../../src/main/core/repos/targets/refs';
import { tinyDemoTemplate } from './helpers';

// How the target cube reads a file: a version's cells as stretches of rowids with
// other versions' rows between them skipped, packed five values a row (and read plain
// when a file's ids outgrow the packing), and a year of actuals a month at
// a time. Each is compared with the plain SELECT it replaces.

const template = tinyDemoTemplate();

type Plain = [id: number, city: number, channel: number, customer: number, sku: number, month: number, amount: number, volume: number];

function plainCells(db: Database.Database, versionId: number): Plain[] {
  return db
    .prepare('SELECT id, city_id, channel_id, ifnull(customer_id, 0), sku_id, month, amount_cents, volume FROM target_fact WHERE version_id = ? ORDER BY id')
    .raw(true)
    .all(versionId) as Plain[];
}

function cubeCells(db: Database.Database, versionId: number): Plain[] {
  const out: Plain[] = [];
  for (const chunk of versionCells(readDb(db), versionId)) {
    if (chunk.packed) {
      for (const [id, place, item, amount, volume] of chunk.rows) {
        const { city, channel, customer } = unpackPlace(place);
        out.push([id, city, channel, customer, Math.floor(item / 16), item % 16, amount, volume]);
      }
    } else {
      for (const [id, city, channel, customer, item, amount, volume] of chunk.rows) out.push([id, city, channel, customer, Math.floor(item / 16), item % 16, amount, volume]);
    }
  }
  return out;
}

/** Two versions whose rows interleave: a working plan, a scenario copied from it, then new leaves of the plan after the copy. */
function interleaved(path: string): { db: Database.Database; working: number; scenario: number } {
  const db = new Database(path);
  db.exec('DELETE FROM target_fact');
  const working =
    (db.prepare(`SELECT id FROM plan_version WHERE kind = 'working'`).pluck().get() as number | undefined) ??
    Number(db.prepare(`INSERT INTO plan_version (name, kind, created_at) VALUES ('計劃', 'working', '2026-12-01')`).run().lastInsertRowid);
  const scenario = Number(db.prepare(`INSERT INTO plan_version (name, kind, created_at) VALUES ('衝刺', 'scenario', '2026-12-01')`).run().lastInsertRowid);
  const pairs = db.prepare('SELECT cu.id AS customer, cu.city_id AS city, cu.channel_id AS channel, s.id AS sku FROM customer cu CROSS JOIN sku s LIMIT 40').all() as {
    customer: number; city: number; channel: number; sku: number;
  }[];
  const insert = db.prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const [i, p] of pairs.slice(0, 30).entries()) for (let m = 1; m <= 12; m++) insert.run(working, p.city, p.channel, p.customer, p.sku, m, (i + 1) * 100_00 + m, i + m);
    for (const [i, p] of pairs.slice(0, 30).entries()) for (let m = 1; m <= 12; m++) insert.run(scenario, p.city, p.channel, p.customer, p.sku, m, (i + 1) * 200_00 + m, i);
    // A leaf without a customer, and new leaves of the working plan after the scenario's rows.
    for (let m = 1; m <= 12; m++) insert.run(working, pairs[0].city, pairs[0].channel, null, pairs[31].sku, m, 5_00, 1);
    for (const p of pairs.slice(32)) for (let m = 1; m <= 12; m++) insert.run(working, p.city, p.channel, p.customer, p.sku, m, 7_00, 2);
  })();
  return { db, working, scenario };
}

describe('the cube reads a version', () => {
  it('as the plain SELECT gives it, other versions\' rows between its own skipped', () => {
    const { db, working, scenario } = interleaved(template.copy());
    try {
      expect(plainCells(db, working).length).toBe(12 * (30 + 1 + 8));
      expect(cubeCells(db, working)).toEqual(plainCells(db, working));
      expect(cubeCells(db, scenario)).toEqual(plainCells(db, scenario));
      expect(cubeCells(db, 999)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('reads a file whose ids are too large to pack plain, as they are', () => {
    const { db, working } = interleaved(template.copy());
    try {
      // A customer whose id is beyond 2^22: the packed SELECT would overflow its field.
      const big = 2 ** 23 + 5;
      db.pragma('foreign_keys = OFF');
      const moved = db.prepare('SELECT min(customer_id) FROM target_fact WHERE version_id = ?').pluck().get(working) as number;
      db.prepare('UPDATE customer SET id = ? WHERE id = ?').run(big, moved);
      db.prepare('UPDATE target_fact SET customer_id = ? WHERE customer_id = ?').run(big, moved);
      expect([...versionCells(readDb(db), working)].every((c) => !c.packed)).toBe(true);
      const cells = cubeCells(db, working);
      expect(cells.some((c) => c[3] === big)).toBe(true);
      expect(cells).toEqual(plainCells(db, working));
    } finally {
      db.close();
    }
  });
});

describe('the cube reads actuals', () => {
  it('a month at a time, each line keyed customer × SKU, as the plain SELECT gives them', () => {
    const db = new Database(template.copy(), { readonly: true });
    try {
      const year = db.prepare('SELECT max(period) / 100 FROM sales_actual').pluck().get() as number;
      const plain = db
        .prepare('SELECT customer_id, sku_id, period, amount_cents, volume, gross_profit_cents FROM sales_actual WHERE period BETWEEN ? AND ? ORDER BY period, customer_id, sku_id')
        .raw(true)
        .all(year * 100 + 1, year * 100 + 12) as number[][];
      expect(plain.length).toBeGreaterThan(0);
      const read = [...salesLines(readDb(db), year * 100 + 1, year * 100 + 12)]
        .flat()
        .map(([key, period, amount, volume, gp]) => [Math.floor(key / SKU_SPAN), key % SKU_SPAN, period, amount, volume, gp])
        .sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
      expect(read).toEqual(plain);
    } finally {
      db.close();
    }
  });
});
