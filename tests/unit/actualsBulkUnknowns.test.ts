import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { createHandlers } from '../../src/main/core/handlers';
import { packSizeOf } from '../../src/main/core/io/actuals/bulk';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';
import Database from 'better-sqlite3';
import { TSX_ARGS, tempDir, testHost } from './helpers';

// Unknown members decided in bulk, into a brand-new region whose master data is empty:
// 300 unknown customers with city, channel and salesperson columns and 500 unknown SKUs
// with brand, category, pack size and price columns. Expected figures come from the
// test's own rows.

interface Ctx {
  dir: string;
  session: Session;
  r: HandlerRegistry;
}

async function emptyRegion(): Promise<Ctx> {
  const dir = tempDir();
  const path = join(dir, 'new.rplan');
  const f = await createRegionFile(path, { regionName: '蘇南區', planYear: 2027, displayUnit: 'wan' });
  await f.close();
  const session = new Session(testHost(join(dir, 'state'), { runJob: inlineJobRunner() }));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return { dir, session, r };
}

async function call<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await c.r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as EndpointResult<K>;
}

async function fail<K extends EndpointName>(c: Ctx, name: K, input: EndpointInput<K>): Promise<AppErrorData> {
  const res = await c.r.invoke(name, input);
  if (res.ok) throw new Error(`${name} should have failed`);
  return res.error;
}

const count = (c: Ctx, table: string): number =>
  (c.session.requireFile().sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const all = <T>(c: Ctx, q: string, ...params: unknown[]): T[] => c.session.requireFile().sqlite.prepare(q).all(...params) as T[];

function dataFile(c: Ctx, name: string, lines: string[]): string {
  const p = join(c.dir, name);
  writeFileSync(p, lines.join('\n'));
  c.session.grant(p);
  return p;
}

const HEADERS = '月份,客戶編碼,客戶名稱,所在城市,渠道,業務員,存貨編碼,存貨名稱,品牌,品類,箱規,單價,數量,金額';
const CITIES = ['蘇州市', '杭州', '上海市'];
const CHANNELS = ['經銷商', '商超', '便利店'];
const REPS = ['王小明', '李雷'];
const BRANDS = ['清泉', '山泉'];
const CATEGORIES = ['飲用水', '茶飲料'];
const CUSTOMERS = 300;
const SKUS = 500;
const ROWS = 600;

const cust = (i: number) => `C${String(i).padStart(3, '0')}`;
const sku = (i: number) => `S${String(i).padStart(3, '0')}`;

/** Row i names customer i % 300 and SKU i % 500; every attribute follows from those numbers. */
function salesLines(rows = ROWS, edit: (i: number, cells: string[]) => void = () => undefined): string[] {
  const out = [HEADERS];
  for (let i = 0; i < rows; i++) {
    const c = i % CUSTOMERS;
    const s = i % SKUS;
    const cells = [
      '2027-01',
      cust(c),
      `客戶${c}`,
      CITIES[c % 3],
      CHANNELS[c % 3],
      REPS[c % 2],
      sku(s),
      `單品${s}`,
      BRANDS[s % 2],
      CATEGORIES[s % 2],
      '550ml×24',
      '48.00',
      '2',
      '100',
    ];
    edit(i, cells);
    out.push(cells.join(','));
  }
  return out;
}

const MAPPING = {
  period: 0, customer: 1, customerName: 2, customerCity: 3, customerChannel: 4, customerSalesperson: 5,
  sku: 6, skuName: 7, skuBrand: 8, skuCategory: 9, skuPackSize: 10, skuPrice: 11, volume: 12, amount: 13,
};

const CREATE_BOTH = { policies: [{ dimension: 'customer' as const, action: 'create' as const }, { dimension: 'sku' as const, action: 'create' as const }] };

function request(path: string, extra: Partial<EndpointInput<'import.preview'>> = {}): EndpointInput<'import.preview'> {
  return { path, destination: 'actuals:sales', mapping: MAPPING, source: 'ERP', ...extra };
}

describe('unknown members in bulk', () => {
  it('creates 300 customers and 500 SKUs with their attributes and the cities, channels, brands they need, only once the list is confirmed', async () => {
    const c = await emptyRegion();
    const path = dataFile(c, 'sales.csv', salesLines());

    // Without a policy, every value is unknown and the file's attribute values are offered.
    const plain = await call(c, 'import.preview', request(path));
    expect(plain.unknownCount).toBe(CUSTOMERS + SKUS);
    expect(plain.bulk!.fileValues.city!.sort()).toEqual([...CITIES].sort());
    expect(plain.bulk!.fileValues.brand!.sort()).toEqual([...BRANDS].sort());

    const preview = await call(c, 'import.preview', request(path, { bulk: CREATE_BOTH }));
    const byDim = Object.fromEntries(preview.bulk!.dimensions.map((d) => [d.dimension, d]));
    expect(byDim.customer).toMatchObject({ unknown: CUSTOMERS, created: CUSTOMERS, policy: 'create', missing: [] });
    expect(byDim.sku).toMatchObject({ unknown: SKUS, created: SKUS, policy: 'create', missing: [] });
    expect(preview.batch!.creates).toBe(CUSTOMERS + SKUS);
    // The values stay listed (for looking and overriding), marked with what the policy does.
    expect(preview.unknowns!.every((u) => u.policy === 'create')).toBe(true);
    const supporting = preview.bulk!.supporting.map((s) => `${s.dimension}:${s.name}:${s.province ?? ''}:${s.catalogCode ?? ''}`).sort();
    expect(supporting).toEqual(
      [
        'province:江蘇省::320000',
        'province:浙江省::330000',
        'province:上海市::310000',
        'city:蘇州市:江蘇省:320500',
        'city:杭州市:浙江省:330100',
        'city:上海市:上海市:310100',
        ...CHANNELS.map((x) => `channel:${x}::`),
        ...REPS.map((x) => `salesperson:${x}::`),
        ...BRANDS.map((x) => `brand:${x}::`),
        ...CATEGORIES.map((x) => `category:${x}::`),
      ].sort(),
    );
    expect(preview.issues.map((i) => i.message)).toEqual(['importWizard.issue.confirmSupporting']);
    expect(preview.validCount).toBe(ROWS);

    // Without the confirmation nothing is written, and the refusal says why.
    const refused = await fail(c, 'import.commit', request(path, { bulk: CREATE_BOTH }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toMatch(/also create 15 supporting members .* not confirmed/);
    expect(count(c, 'customer') + count(c, 'sku') + count(c, 'city') + count(c, 'channel')).toBe(0);

    // A confirmation of another list (a changed file) is refused too.
    const wrong = await fail(c, 'import.commit', request(path, { bulk: { ...CREATE_BOTH, confirm: { count: 15, hash: '0'.repeat(64) } } }));
    expect(wrong.message).toMatch(/not confirmed/);

    const confirm = { count: preview.bulk!.supporting.length, hash: preview.bulk!.supportingHash };
    const confirmed = await call(c, 'import.preview', request(path, { bulk: { ...CREATE_BOTH, confirm } }));
    expect(confirmed.issueCount).toBe(0);
    const result = await call(c, 'import.commit', request(path, { bulk: { ...CREATE_BOTH, confirm } }));
    expect(result.imported).toBe(ROWS);
    expect(result.createdBy).toEqual({ province: 3, city: 3, channel: 3, salesperson: 2, brand: 2, category: 2, customer: CUSTOMERS, sku: SKUS });
    expect(count(c, 'sales_actual')).toBe(ROWS);

    const customers = all<{ code: string; name: string; city: string; channel: string; owner: string }>(
      c,
      `SELECT c.code, c.name, ci.name AS city, ch.name AS channel, s.name AS owner
         FROM customer c JOIN city ci ON ci.id = c.city_id JOIN channel ch ON ch.id = c.channel_id JOIN salesperson s ON s.id = c.owner_id ORDER BY c.code`,
    );
    expect(customers).toHaveLength(CUSTOMERS);
    expect(customers[4]).toEqual({ code: 'C004', name: '客戶4', city: '杭州市', channel: CHANNELS[1], owner: REPS[0] });
    const skus = all<{ code: string; brand: string; own: number; category: string; pack: number; price: number }>(
      c,
      `SELECT s.code, b.name AS brand, b.is_own AS own, k.name AS category, s.pack_size AS pack, s.list_price_cents AS price
         FROM sku s JOIN brand b ON b.id = s.brand_id JOIN category k ON k.id = s.category_id ORDER BY s.code`,
    );
    expect(skus).toHaveLength(SKUS);
    // The price column wins over the price derived from the amounts (100 / 2 = 50 元).
    expect(skus[3]).toEqual({ code: 'S003', brand: BRANDS[1], own: 1, category: CATEGORIES[1], pack: 24, price: 4800 });
    expect(all(c, `SELECT p.name AS province FROM city ci JOIN province p ON p.id = ci.province_id WHERE ci.code = '320500'`)).toEqual([{ province: '江蘇省' }]);
    await c.session.close();
  });

  it('skips all, maps by a column, lets a per-value decision beat the policy, and takes defaults where a column is empty', async () => {
    const c = await emptyRegion();
    const path = dataFile(c, 'sales.csv', salesLines());

    // Skip all: every row is skipped, nothing is created.
    const skipAll = { policies: [{ dimension: 'customer' as const, action: 'skip' as const }, { dimension: 'sku' as const, action: 'skip' as const }] };
    const skipped = await call(c, 'import.preview', request(path, { bulk: skipAll }));
    expect(skipped.issueCount).toBe(0);
    expect(skipped.batch!.skipped).toBe(ROWS);
    expect(skipped.batch!.creates).toBe(0);
    expect(skipped.bulk!.dimensions.find((d) => d.dimension === 'customer')).toMatchObject({ skipped: CUSTOMERS, created: 0 });

    // Create, but C001 is skipped by its own decision and C002 created with the city chosen for it.
    const first = await call(c, 'import.preview', request(path, { bulk: CREATE_BOTH }));
    const confirm = { count: first.bulk!.supporting.length, hash: first.bulk!.supportingHash };
    await call(
      c,
      'import.commit',
      request(path, { bulk: { ...CREATE_BOTH, confirm }, resolutions: [{ dimension: 'customer', value: 'C001', action: 'skip' }] }),
    );
    expect(count(c, 'customer')).toBe(CUSTOMERS - 1);
    expect(all(c, `SELECT 1 FROM customer WHERE code = 'C001'`)).toEqual([]);
    expect(count(c, 'sales_actual')).toBe(ROWS - 2);

    // A second system's file: other codes, the same names; map customers by the name column.
    const other = dataFile(c, 'other.csv', salesLines(ROWS, (_, cells) => (cells[1] = `ERP-${cells[1]}`)));
    const mapPolicy = { policies: [{ dimension: 'customer' as const, action: 'map' as const, column: 2 }] };
    const mapped = await call(c, 'import.preview', request(other, { source: 'ERP2', bulk: mapPolicy }));
    const customerPlan = mapped.bulk!.dimensions.find((d) => d.dimension === 'customer')!;
    // 客戶1 was skipped above, so it does not exist: ERP-C001 stays undecided.
    expect(customerPlan).toMatchObject({ unknown: CUSTOMERS, mapped: CUSTOMERS - 1, created: 0 });
    expect(mapped.unknowns!.filter((u) => u.policy === null).map((u) => u.value)).toEqual(['ERP-C001']);
    const done = await call(
      c,
      'import.commit',
      // The mapped rows land on the keys of the first import's: another source, confirmed.
      request(other, { source: 'ERP2', bulk: mapPolicy, replaceOtherSources: true, resolutions: [{ dimension: 'customer', value: 'ERP-C001', action: 'skip' }] }),
    );
    expect(done.created).toBe(0);
    expect(count(c, 'customer')).toBe(CUSTOMERS - 1);

    // Defaults: a file without city and channel columns takes them from the policy (an existing city, a new channel).
    const bare = dataFile(c, 'bare.csv', ['月份,客戶編碼,存貨編碼,金額', '2027-02,N1,S001,10', '2027-02,N2,S001,20']);
    const bareMapping = { period: 0, customer: 1, sku: 2, amount: 3 };
    const none = await call(c, 'import.preview', { path: bare, destination: 'actuals:sales', mapping: bareMapping, bulk: { policies: [{ dimension: 'customer', action: 'create' }] } });
    expect(none.issues.map((i) => [i.message, i.params])).toEqual([
      ['importWizard.issue.bulkMissing', { dimension: 'customer', attribute: 'city', n: 2 }],
      ['importWizard.issue.bulkMissing', { dimension: 'customer', attribute: 'channel', n: 2 }],
    ]);
    const defaults = { policies: [{ dimension: 'customer' as const, action: 'create' as const, defaults: { city: '蘇州', channel: '餐飲' } }] };
    const withDefaults = await call(c, 'import.preview', { path: bare, destination: 'actuals:sales', mapping: bareMapping, bulk: defaults });
    expect(withDefaults.bulk!.supporting.map((s) => `${s.dimension}:${s.name}`)).toEqual(['channel:餐飲']);
    await call(c, 'import.commit', {
      path: bare,
      destination: 'actuals:sales',
      mapping: bareMapping,
      bulk: { ...defaults, confirm: { count: 1, hash: withDefaults.bulk!.supportingHash } },
    });
    expect(all(c, `SELECT ci.name AS city, ch.name AS channel FROM customer c JOIN city ci ON ci.id = c.city_id JOIN channel ch ON ch.id = c.channel_id WHERE c.code = 'N2'`)).toEqual([
      { city: '蘇州市', channel: '餐飲' },
    ]);
    await c.session.close();
  });

  it('counts conflicting attribute values, keeps the first, and asks for the province of a city the catalog does not have', async () => {
    const c = await emptyRegion();
    const lines = salesLines(ROWS, (i, cells) => {
      if (i === 300) cells[3] = '無錫市'; // customer C000 again, with another city
      if (cells[1] === cust(1)) cells[3] = '新區鎮';
    });
    const path = dataFile(c, 'sales.csv', lines);
    const p = await call(c, 'import.preview', request(path, { bulk: CREATE_BOTH }));
    expect(p.bulk!.conflictCount).toBe(1);
    expect(p.bulk!.conflicts[0]).toMatchObject({ dimension: 'customer', value: 'C000', attribute: 'city', kept: '蘇州市', other: '無錫市', row: 302 });
    expect(p.bulk!.supporting.find((s) => s.name === '新區鎮')).toMatchObject({ dimension: 'city', province: null, catalogCode: null });
    expect(p.issues.some((i) => i.message === 'importWizard.issue.cityNeedsProvince' && i.params?.value === '新區鎮')).toBe(true);

    // A default province places it.
    const policies = [{ dimension: 'customer' as const, action: 'create' as const, defaults: { province: '江蘇' } }, CREATE_BOTH.policies[1]];
    const placed = await call(c, 'import.preview', request(path, { bulk: { policies } }));
    expect(placed.bulk!.supporting.find((s) => s.name === '新區鎮')).toMatchObject({ province: '江蘇省' });
    expect(placed.issues.map((i) => i.message)).toEqual(['importWizard.issue.confirmSupporting']);
    await c.session.close();
  });

  it('creates unknown stores of an audit file with their city and channel', async () => {
    const c = await emptyRegion();
    const path = dataFile(c, 'audit.csv', [
      '日期,門店編碼,門店名稱,城市,渠道,品牌,品類,在架SKU數,排面',
      '2027-01-05,T1,好又多一店,杭州,大賣場,清泉,飲用水,3,6',
      '2027-01-05,T2,好又多二店,寧波,大賣場,清泉,飲用水,2,4',
      '2027-01-06,T1,好又多一店,杭州,大賣場,山泉,飲用水,1,2',
    ]);
    const mapping = { date: 0, terminal: 1, terminalName: 2, terminalCity: 3, terminalChannel: 4, brand: 5, category: 6, skusOnShelf: 7, facings: 8 };
    const bulk = {
      policies: [
        { dimension: 'terminal' as const, action: 'create' as const },
        { dimension: 'brand' as const, action: 'create' as const },
        { dimension: 'category' as const, action: 'create' as const },
      ],
    };
    const p = await call(c, 'import.preview', { path, destination: 'actuals:audit', mapping, bulk });
    expect(p.bulk!.supporting.map((s) => `${s.dimension}:${s.name}`).sort()).toEqual(['channel:大賣場', 'city:寧波市', 'city:杭州市', 'province:浙江省'].sort());
    await call(c, 'import.commit', { path, destination: 'actuals:audit', mapping, bulk: { ...bulk, confirm: { count: 4, hash: p.bulk!.supportingHash } } });
    expect(all(c, `SELECT t.code, t.name, ci.name AS city, ch.name AS channel FROM terminal t JOIN city ci ON ci.id = t.city_id JOIN channel ch ON ch.id = t.channel_id ORDER BY t.code`)).toEqual([
      { code: 'T1', name: '好又多一店', city: '杭州市', channel: '大賣場' },
      { code: 'T2', name: '好又多二店', city: '寧波市', channel: '大賣場' },
    ]);
    // Brands first seen in an audit are competitors' (only a SKU's brand is ours).
    expect(all(c, `SELECT name, is_own AS own FROM brand ORDER BY name`)).toEqual([
      { name: '山泉', own: 0 },
      { name: '清泉', own: 0 },
    ]);
    await c.session.close();
  });

  it('refuses a map policy without a column at the contract', async () => {
    const c = await emptyRegion();
    const path = dataFile(c, 'sales.csv', salesLines(2));
    const e = await fail(c, 'import.preview', request(path, { bulk: { policies: [{ dimension: 'customer', action: 'map' }] } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(e.issues)).toContain('column');
    await c.session.close();
  });

  it('reads a pack size from a number or a spec', () => {
    expect(packSizeOf('12')).toBe(12);
    expect(packSizeOf('550ml×24')).toBe(24);
    expect(packSizeOf('500ml*12瓶')).toBe(12);
    expect(packSizeOf('散裝')).toBeNull();
  });
});

describe('cli import --create-unknown', () => {
  const CLI = join(import.meta.dirname, '../../src/main/cli/index.ts');
  const cli = (...args: string[]) => spawnSync(process.execPath, [...TSX_ARGS, CLI, ...args], { encoding: 'utf8' });

  it('creates the unknown members from the mapped columns and the defaults, and says what it created', async () => {
    const dir = tempDir();
    const region = join(dir, 'new.rplan');
    await (await createRegionFile(region, { regionName: '蘇南區', planYear: 2027, displayUnit: 'wan' })).close();
    // No channel column: the channel comes from --default.
    const file = join(dir, 'sales.csv');
    writeFileSync(file, salesLines(40, (_, cells) => (cells[4] = '')).join('\n'));

    const missing = cli('import', 'sales', file, '--into', region, '--create-unknown');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/sales\.csv: \(customer\): 40 new records \(Customer\) have no channel: map a column for it or pass --default channel=NAME/);

    const bad = cli('import', 'sales', file, '--into', region, '--create-unknown', '--default', 'colour=red');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--default takes ATTRIBUTE=NAME/);

    const dry = cli('import', 'sales', file, '--into', region, '--create-unknown', '--default', 'channel=經銷商', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would create 40 customers, 40 SKUs, and for them 3 provinces, 3 cities, 1 channel, 2 salespeople, 2 brands, 2 categories/);

    const r = cli('import', 'sales', file, '--into', region, '--create-unknown', '--default', 'channel=經銷商');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported 40 lines/);
    expect(r.stdout).toMatch(/sales: created 40 customers, 40 SKUs, and for them 3 provinces, 3 cities, 1 channel, 2 salespeople, 2 brands, 2 categories/);
    const db = new Database(region, { readonly: true });
    const channels = db.prepare(`SELECT ch.name, count(*) AS n FROM customer c JOIN channel ch ON ch.id = c.channel_id GROUP BY ch.name`).all();
    db.close();
    expect(channels).toEqual([{ name: '經銷商', n: 40 }]);
  });
});
