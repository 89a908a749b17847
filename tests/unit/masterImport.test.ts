import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickOccurrences } from '../../src/main/core/io/masterDestinations';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import type { EndpointInput } from '../../src/shared/contract';
import type { ImportCommitResult, ImportPreview } from '../../src/shared/importTypes';
import { demoOpener, invokeOk, invokeRefused, type RegistryCtx } from './helpers';

// Master data from a transaction file: each code once (first or last row), the
// conflicting attributes listed, missing channels/brands/categories/salespeople created
// only on confirmation, SKUs without pack size, price or cost, and the margins that
// leave cost-unknown SKUs out instead of computing from 0.

const open = demoOpener(() => ({ runJob: inlineJobRunner() }));

function dataFile(c: RegistryCtx, name: string, content: string): string {
  const p = join(c.path, '..', name);
  writeFileSync(p, content);
  c.session.grant(p);
  return p;
}

const sqlite = (c: RegistryCtx) => c.session.requireFile().sqlite;
const one = <T>(c: RegistryCtx, q: string, ...p: unknown[]) => sqlite(c).prepare(q).get(...p) as T;
const count = (c: RegistryCtx, q: string, ...p: unknown[]) => sqlite(c).prepare(q).pluck().get(...p) as number;

type Req = EndpointInput<'import.preview'>;

describe('pickOccurrences', () => {
  const rows = [
    { code: 'A1', name: '甲', channelId: 'KA' },
    { code: 'B2', name: '乙', channelId: 'TT' },
    { code: 'a1', name: '甲', channelId: 'TT' },
    { code: 'A1', name: '甲乙', channelId: 'TT' },
    { code: '', name: '沒有編碼', channelId: 'KA' },
  ];

  it('keeps the first row of each code by default and lists every field the rows disagree on', () => {
    const p = pickOccurrences('customer', rows);
    expect(p.index).toEqual([0, 1, 4]);
    expect(p.rows.map((r) => r.name)).toEqual(['甲', '乙', '沒有編碼']);
    expect(p.summary).toEqual({
      codes: 2,
      repeatedRows: 2,
      conflictCount: 2,
      conflicts: [
        { code: 'A1', field: 'name', values: ['甲', '甲乙'], winner: '甲' },
        { code: 'A1', field: 'channelId', values: ['KA', 'TT'], winner: 'KA' },
      ],
    });
  });

  it('keeps the last row when asked', () => {
    const p = pickOccurrences('customer', rows, 'last');
    expect(p.index).toEqual([1, 3, 4]);
    expect(p.summary.conflicts.map((c) => c.winner)).toEqual(['甲乙', 'TT']);
  });

  it('sees no conflict in rows that repeat the same values (full-width or spaced alike)', () => {
    const p = pickOccurrences('sku', [
      { code: 'S1', name: '清泉 550ml' },
      { code: 'S1', name: '清泉 550ml' },
      { code: 'Ｓ1', name: ' 清泉 550ml' },
    ]);
    expect(p.rows).toHaveLength(1);
    expect(p.summary).toEqual({ codes: 1, repeatedRows: 2, conflictCount: 0, conflicts: [] });
  });
});

describe('master-data import from a transaction file', () => {
  const CUSTOMERS = 'customer';
  const custRequest = (path: string, extra: Partial<Req> = {}): Req => ({
    path,
    destination: `master:${CUSTOMERS}`,
    mapping: { code: 0, name: 1, cityId: 2, channelId: 3 },
    ...extra,
  });

  it('imports each customer code once, from its first or last row, with no error for repeated rows', async () => {
    const c = await open();
    const lines = ['客戶編碼,客戶名稱,城市,渠道'];
    for (let i = 0; i < 30; i++) lines.push(`T${String(i % 3).padStart(3, '0')},客戶${i % 3},上海市,KA`);
    lines.push('T000,客戶零號,南京市,KA');
    const path = dataFile(c, 'sales-lines.csv', lines.join('\n'));
    const before = count(c, 'SELECT count(*) FROM customer');

    const p = await invokeOk(c, 'import.preview', custRequest(path));
    expect(p).toMatchObject({ rowCount: 31, issueCount: 0, inserts: 3, updates: 0 });
    expect(p.duplicates).toMatchObject({ codes: 3, repeatedRows: 28, conflictCount: 2 });
    expect(p.duplicates!.conflicts).toEqual([
      { code: 'T000', field: 'name', values: ['客戶0', '客戶零號'], winner: '客戶0' },
      { code: 'T000', field: 'cityId', values: ['上海市', '南京市'], winner: '上海市' },
    ]);
    const last = await invokeOk(c, 'import.preview', custRequest(path, { duplicates: 'last' }));
    expect(last.duplicates!.conflicts.map((x) => x.winner)).toEqual(['客戶零號', '南京市']);

    const done = await invokeOk(c, 'import.commit', custRequest(path, { duplicates: 'last' }));
    expect(done).toMatchObject({ imported: 31, inserted: 3, updated: 0 });
    expect(count(c, 'SELECT count(*) FROM customer')).toBe(before + 3);
    expect(one(c, `SELECT c.name, ci.name AS city FROM customer c JOIN city ci ON ci.id = c.city_id WHERE c.code = 'T000'`)).toEqual({
      name: '客戶零號',
      city: '南京市',
    });
  });

  it('lists the channels and salespeople the file names but the region lacks, and creates them only when the request confirms them', async () => {
    const c = await open();
    const path = dataFile(
      c,
      'new-members.csv',
      ['客戶編碼,客戶名稱,城市,渠道,業務員', 'N001,新客一,上海市,社區團購,王小明', 'N002,新客二,上海市,社區團購,王小明', 'N003,新客三,上海市,KA,'].join('\n'),
    );
    const req = (extra: Partial<Req> = {}) => custRequest(path, { mapping: { code: 0, name: 1, cityId: 2, channelId: 3, ownerId: 4 }, ...extra });
    const channels = count(c, 'SELECT count(*) FROM channel');
    const steps = count(c, 'SELECT count(*) FROM undo_step');

    const p = await invokeOk(c, 'import.preview', req());
    // Not an error per row: the preview lists what the commit would create.
    expect(p.issueCount).toBe(0);
    expect(p.toCreate).toEqual([
      { entity: 'channel', value: '社區團購', code: '社區團購', name: '社區團購', rowCount: 2 },
      { entity: 'salesperson', value: '王小明', code: '王小明', name: '王小明', rowCount: 2 },
    ]);

    // Without the confirmation (or with only part of it): a clear refusal, nothing written.
    const refused = await invokeRefused(c, 'import.commit', req());
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', rule: 'importWizard.master.notConfirmed', params: { n: 2 } });
    const partly = await invokeRefused(c, 'import.commit', req({ createMembers: [{ entity: 'channel', value: '社區團購' }] }));
    expect(partly).toMatchObject({ rule: 'importWizard.master.notConfirmed', params: { n: 1, list: '王小明' } });
    expect(count(c, 'SELECT count(*) FROM channel')).toBe(channels);
    expect(count(c, `SELECT count(*) FROM customer WHERE code LIKE 'N00%'`)).toBe(0);
    // The contract checks the confirmation's shape.
    expect(await invokeRefused(c, 'import.commit', req({ createMembers: [{ entity: 'city', value: 'x' }] as never }))).toMatchObject({ code: 'INVALID_INPUT' });

    const done = (await invokeOk(c, 'import.commit', req({ createMembers: p.toCreate!.map((m) => ({ entity: m.entity, value: m.value })) }))) as ImportCommitResult;
    expect(done).toMatchObject({ inserted: 3, created: 2 });
    const n1 = one<{ channel: string; owner: string }>(
      c,
      `SELECT ch.name AS channel, sp.name AS owner FROM customer c JOIN channel ch ON ch.id = c.channel_id JOIN salesperson sp ON sp.id = c.owner_id WHERE c.code = 'N001'`,
    );
    expect(n1).toEqual({ channel: '社區團購', owner: '王小明' });
    // One undo step takes back the members and the rows together.
    expect(count(c, 'SELECT count(*) FROM undo_step')).toBe(steps + 1);
    await invokeOk(c, 'edit.undo', {});
    expect(count(c, 'SELECT count(*) FROM channel')).toBe(channels);
    expect(count(c, `SELECT count(*) FROM customer WHERE code LIKE 'N00%'`)).toBe(0);
    expect(count(c, `SELECT count(*) FROM salesperson WHERE name = '王小明'`)).toBe(0);
  });

  it('creates SKUs from a sales file without pack size, price or cost: the cost is unknown, not 0', async () => {
    const c = await open();
    const path = dataFile(
      c,
      'sku-lines.csv',
      ['存貨編碼,存貨名稱,品牌,品類', 'ZX01,新品甲 500ml,新牌子,功能飲料', 'ZX01,新品甲 500ml,新牌子,功能飲料', 'ZX02,新品乙,QQ,功能飲料'].join('\n'),
    );
    const req = (extra: Partial<Req> = {}): Req => ({ path, destination: 'master:sku', mapping: { code: 0, name: 1, brandId: 2, categoryId: 3 }, ...extra });
    const info = await invokeOk(c, 'import.destination', { destination: 'master:sku' });
    expect(info.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['code', 'name', 'brandId', 'categoryId']);
    const p = await invokeOk(c, 'import.preview', req());
    expect(p).toMatchObject({ issueCount: 0, inserts: 2 });
    expect(p.toCreate!.map((m) => [m.entity, m.value, m.rowCount])).toEqual([
      ['brand', '新牌子', 1],
      ['category', '功能飲料', 2],
    ]);
    await invokeOk(c, 'import.commit', req({ createMembers: p.toCreate!.map((m) => ({ entity: m.entity, value: m.value })) }));
    expect(one(c, `SELECT pack_size, list_price_cents, std_cost_cents FROM sku WHERE code = 'ZX01'`)).toEqual({
      pack_size: null,
      list_price_cents: null,
      std_cost_cents: null,
    });
    // A brand an import of our SKUs creates is one of ours.
    expect(one(c, `SELECT is_own FROM brand WHERE name = '新牌子'`)).toEqual({ is_own: 1 });
    const list = await invokeOk(c, 'master.list', { entity: 'sku' });
    const row = list.rows.find((r) => r.code === 'ZX01');
    expect(row?.stdCostCents).toBeNull();
  });

  it('leaves SKUs whose cost is unknown out of the gross-profit target and says how many', async () => {
    const c = await open();
    const versionId = one<{ id: number }>(c, `SELECT id FROM plan_version WHERE kind = 'working'`).id;
    await invokeOk(c, 'targets.setCells', {
      versionId,
      levels: ['province', 'city', 'customer'],
      measure: 'amount',
      method: 'lastYear',
      label: 'spread',
      edits: [{ path: [], period: 'year', value: 5_000_000_000 }],
    });
    const full = await invokeOk(c, 'targets.summary', { versionId });
    expect(full.costMissing).toEqual({ skus: 0, amountCents: 0 });
    const gp = (s: typeof full) => s.plan.grossProfitCents.reduce((a, b) => a + b, 0);
    expect(gp(full)).toBeGreaterThan(0);

    // One planned SKU's cost becomes unknown (cleared in the grid).
    const sku = sqlite(c).prepare('SELECT sku_id FROM target_fact WHERE version_id = ? GROUP BY sku_id ORDER BY SUM(amount_cents) DESC LIMIT 1').pluck().get(versionId) as number;
    await invokeOk(c, 'master.apply', { entity: 'sku', rows: [{ id: sku, stdCostCents: null }], label: 'clear' });
    const part = await invokeOk(c, 'targets.summary', { versionId });
    expect(part.costMissing.skus).toBe(1);
    expect(part.costMissing.amountCents).toBe(count(c, 'SELECT SUM(amount_cents) FROM target_fact WHERE version_id = ? AND sku_id = ?', versionId, sku));
    // Left out, not counted as all margin (a cost of 0).
    expect(gp(part)).toBeLessThan(gp(full));
    expect(part.plan.amountCents).toEqual(full.plan.amountCents);
    // The expense budget's return on gross profit says so too.
    const budget = await invokeOk(c, 'expenses.budget', {});
    expect(budget.costMissingSkus).toBe(1);
    expect(budget.grossProfitTarget).toEqual(part.plan.grossProfitCents);
  });

  it('an actuals import that creates a SKU from a file without gross profit leaves its cost unknown', async () => {
    const c = await open();
    const brand = one<{ id: number }>(c, `SELECT id FROM brand WHERE code = 'QQ'`).id;
    const category = one<{ id: number }>(c, `SELECT min(id) AS id FROM category`).id;
    const path = dataFile(c, 'nogp.csv', '月份,客戶編碼,存貨編碼,數量,金額\n2027-04,D0001,NEWSKU,4,480\n');
    const request: Req = {
      path,
      destination: 'actuals:sales',
      mapping: { period: 0, customer: 1, sku: 2, volume: 3, amount: 4 },
      resolutions: [{ dimension: 'sku', value: 'NEWSKU', action: 'create', brandId: brand, categoryId: category }],
    };
    const p = (await invokeOk(c, 'import.preview', request)) as ImportPreview;
    expect(p.issueCount).toBe(0);
    await invokeOk(c, 'import.commit', request);
    // Priced from the file (480 元 over 4 cases); no gross profit, so no cost.
    expect(one(c, `SELECT list_price_cents, std_cost_cents, pack_size FROM sku WHERE code = 'NEWSKU'`)).toEqual({
      list_price_cents: 12_000,
      std_cost_cents: null,
      pack_size: null,
    });
  });
});
