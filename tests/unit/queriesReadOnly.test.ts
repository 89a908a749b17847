import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import { ENDPOINT_NAMES, isQuery, type EndpointInput, type QueryName } from '../../src/shared/contract';
import { demoOpener, invokeOk, withDb } from './helpers';

// Every query endpoint, called on a demo region, leaves the file as it was: the same
// bytes in the database and its WAL, and the same data_version as seen by another
// connection (which moves with any commit). Queries run on a read-only connection;
// this proves that none of them writes by another path (a job, a cache, a default
// made on first read). The table below has to name every query: a new one without
// an input here fails the type check.

let exportTo = '';
const open = demoOpener(() => ({ runJob: inlineJobRunner(), chooseExportPath: async () => exportTo }));

function fingerprint(path: string): string {
  const hash = createHash('sha256');
  for (const p of [path, `${path}-wal`]) hash.update(existsSync(p) ? readFileSync(p) : Buffer.alloc(0));
  return hash.digest('hex');
}

interface Ids {
  customer: number;
  sku: number;
  category: number;
  city: number;
  item: number;
  version: number;
  scenario: number;
  dataFile: string;
  hoFile: string;
}

const calls = (ids: Ids): { [K in QueryName]: EndpointInput<K>[] } => ({
  'app.info': [{}],
  'file.current': [{}],
  'file.recent': [{}],
  'file.browse': [{}],
  'region.overview': [{}],
  'region.monthlyTotals': [{ year: 2026 }],
  'edit.state': [{}],
  'import.inspect': [{ path: ids.dataFile }],
  'import.destination': [{ destination: 'actuals:sales' }, { destination: 'master:channel' }],
  'import.preview': [
    { path: ids.dataFile, destination: 'actuals:sales', mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4 } },
    { path: ids.hoFile, destination: 'targets:ho', mapping: { month: 0, amountCents: 1 } },
  ],
  'import.mappings': [{ destination: 'actuals:sales' }],
  'export.table': [{ entity: 'channel', format: 'csv' }],
  'master.list': [{ entity: 'customer' }, { entity: 'city' }],
  'master.usage': [{ entity: 'customer', ids: [ids.customer] }],
  'master.geoCatalog': [{}],
  'targets.versions': [{}],
  'targets.hoTarget': [{}],
  'targets.tree': [{ versionId: ids.version, levels: ['province', 'city', 'customer'], measure: 'amount', parent: null }],
  'targets.summary': [{ versionId: ids.version }],
  'targets.locks': [{ versionId: ids.version }],
  'targets.rowOptions': [{ versionId: ids.version, levels: ['province', 'city'], parent: [] }],
  'targets.seasonality': [{ versionId: ids.version }],
  'targets.pairs': [{ versionId: ids.version, measure: 'amount' }],
  'targets.compare': [{ versionIds: [ids.version, ids.scenario], dim: 'province', measure: 'amount' }],
  'actuals.batches': [{ kind: 'sales' }],
  'actuals.list': [{ kind: 'sales', filter: {} }, { kind: 'visit', filter: {} }],
  'analysis.sales': [{ year: 2026, by: 'month' }, { year: 2026, by: 'city' }],
  'analysis.salesRows': [{ year: 2026, slice: { by: 'city', key: ids.city }, limit: 100 }],
  'analysis.market': [{ by: 'city' }],
  'analysis.marketRows': [{ year: 2026, slice: { by: 'city', key: ids.city } }],
  'analysis.customers': [{ year: 2026 }],
  'analysis.regionMap': [{}],
  'analysis.customerRows': [{ year: 2026, customerId: ids.customer }],
  'analysis.expenses': [{ year: 2026 }, { year: 2027, by: 'brand' }],
  'analysis.expenseRows': [{ year: 2026, by: 'item', key: ids.item }],
  'analysis.prices': [{ year: 2026 }],
  'analysis.priceShelves': [{ year: 2026, skuIds: [ids.sku] }],
  'analysis.priceChecks': [{ year: 2026, customerId: ids.customer }],
  'analysis.terminals': [{ year: 2026 }],
  'analysis.terminalLines': [{ year: 2026, categoryId: ids.category, cityId: ids.city }],
  'expenses.items': [{}],
  'expenses.budget': [{}],
  'expenses.actuals.list': [{}],
  'expenses.split': [{ itemId: ids.item }],
  'expenses.bySlice': [{ dimension: 'brand' }, { dimension: 'channel' }],
  'promotions.list': [{}],
  'team.plan': [{}],
  'plan.written.get': [{}],
  'team.actions.list': [{ today: '2027-03-01' }],
  'plan.channel.get': [{}, { versionId: 1 }],
  'plan.terminal.get': [{}, { versionId: ids.version, trackYear: 2026 }],
  'plan.terminal.trend': [{ id: 1 }],
  'plan.product.get': [{}],
  'plan.variance.notes': [{ today: '2027-03-01' }],
  'plan.variance.log': [{ today: '2027-03-01' }],
  'deck.get': [{ doc: 'review' }, { doc: 'plan', language: 'en' }],
  'submit.check': [{}, { versionId: ids.version, language: 'en' }],
  'deck.slide': [{ doc: 'review', key: 'review.sales.byMonth', filter: {} }],
  'submit.history': [{}],
  'submit.changes': [{ by: 'province' }, { by: 'month' }],
  'submit.signer': [{}],
  // Head office's queries read its workspace, not a region file: with a region file
  // open there is none (tests/unit/hqHandlers.test.ts calls them on a workspace).
  'hq.current': [{}],
  'hq.browse': [{ kind: 'hq' }, { kind: 'package' }],
  'hq.board': [],
  'hq.receipts': [],
  'hq.national': [],
  'hq.byBrand': [],
  'hq.byChannel': [],
  'hq.expenses': [],
  'hq.targetGrid': [],
  'hq.terminalChannel': [],
  'hq.drill': [],
  'hq.regionPlan': [],
  'hq.change': [],
});

describe('queries', () => {
  it('every query endpoint is covered by this test', () => {
    const covered = Object.keys(calls({} as Ids)).sort();
    expect(covered).toEqual(ENDPOINT_NAMES.filter(isQuery).sort());
  });

  it('leave the region file byte for byte as it was, and its data_version unchanged', async () => {
    const c = await open();
    const dir = join(c.path, '..');
    const ids = withDb(c.path, (db): Ids => {
      const one = (sql: string) => db.prepare(sql).pluck().get() as number;
      return {
        customer: one('SELECT customer_id FROM sales_actual LIMIT 1'),
        sku: one('SELECT sku.id FROM sku JOIN brand b ON b.id = sku.brand_id AND b.is_own = 1 LIMIT 1'),
        category: one('SELECT id FROM category LIMIT 1'),
        city: one('SELECT city_id FROM customer LIMIT 1'),
        item: one("SELECT id FROM expense_item WHERE code = 'TERM-SHELF'"),
        version: one("SELECT id FROM plan_version WHERE kind = 'working'"),
        scenario: 0,
        dataFile: join(dir, 'sales.csv'),
        hoFile: join(dir, 'ho.csv'),
      };
    });
    const [customerCode, skuCode] = withDb(c.path, (db) => [
      db.prepare('SELECT code FROM customer WHERE id = ?').pluck().get(ids.customer),
      db.prepare('SELECT code FROM sku WHERE id = ?').pluck().get(ids.sku),
    ]);
    writeFileSync(ids.dataFile, `月份,客戶,存貨,數量,金額\n2027-01,${customerCode},${skuCode},10,1200\n2027-01,NEW-CUST,${skuCode},1,100\n`);
    writeFileSync(ids.hoFile, '月份,金額\n1,1000000\n2,2000000\n');
    c.session.grant(ids.dataFile);
    c.session.grant(ids.hoFile);
    exportTo = join(dir, 'channels.csv');
    // A second version to compare with (made before the file's fingerprint is taken).
    ids.scenario = (await invokeOk(c, 'targets.createVersion', { kind: 'scenario', fromId: ids.version, name: '衝刺' })).id;
    // Its cells are copied just after its commit (db/versionCopy.ts): before the fingerprint, not by the first query that reads them.
    c.session.requireFile().settle();

    const observer = new Database(c.path, { readonly: true });
    try {
      const version = () => observer.pragma('data_version', { simple: true }) as number;
      const before = { bytes: fingerprint(c.path), version: version() };
      const table = calls(ids);
      for (const name of Object.keys(table) as QueryName[]) {
        for (const input of table[name]) {
          const res = await c.r.invoke(name, input);
          if (!res.ok) throw new Error(`${name} ${JSON.stringify(input)}: ${res.error.code} ${res.error.message}`);
          expect(res.changed, name).toBeUndefined();
        }
      }
      expect(fingerprint(c.path)).toBe(before.bytes);
      expect(version()).toBe(before.version);
      expect(c.session.requireFile().changes.generation).toBe(1);
    } finally {
      observer.close();
    }
  });
});
