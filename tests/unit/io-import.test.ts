import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/errors';
import { catalogs } from '../../src/shared/i18n';
import type { ColumnMapping, DataFileInfo, ImportPreview, ImportDestinationInfo, SavedMapping } from '../../src/shared/importTypes';
import { writeDb } from '../../src/main/core/db/handle';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { fillDemoRegion } from '../../src/main/core/demo/generate';
import { createHandlers } from '../../src/main/core/handlers';
import { clearDataFileCache } from '../../src/main/core/io/dataFile';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import { tempDir, testHost } from './helpers';

// The import and export channels on a real region file (the tiny demo), through the
// handler registry as every transport calls it.

const FIX = join(__dirname, 'fixtures');

interface Ctx {
  dir: string;
  session: Session;
  r: HandlerRegistry;
  /** What the fake dialogs answer next. */
  nextImport: string | null;
  nextExport: string | null;
}

let ctx: Ctx;

async function setup(): Promise<Ctx> {
  const dir = tempDir();
  const regionPath = join(dir, '華東大區-2027.rplan');
  const file = await createRegionFile(regionPath, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
  fillDemoRegion(writeDb(file.sqlite), { size: 'tiny', seed: 2027 });
  await file.close();
  const c = { dir, nextImport: null, nextExport: null } as Ctx;
  const host = testHost(join(dir, 'state'), {
    chooseImportPath: async () => c.nextImport,
    chooseExportPath: async () => c.nextExport,
  });
  c.session = new Session(host);
  c.r = createHandlers(c.session);
  c.session.grant(regionPath);
  await c.session.open(regionPath);
  return c;
}

async function call<T>(name: string, input: unknown): Promise<Result<T>> {
  return (await ctx.r.invoke(name, input)) as Result<T>;
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const res = await call<T>(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

/** Hands a fixture over as the open dialog would (a copy in the test's folder). */
async function choose(fixture: string): Promise<string> {
  const path = join(ctx.dir, fixture);
  copyFileSync(join(FIX, fixture), path);
  ctx.nextImport = path;
  const chosen = await ok<{ path: string; fileName: string } | null>('import.chooseFile', {});
  expect(chosen).toEqual({ path, fileName: fixture });
  return path;
}

const count = (sql: string, ...p: unknown[]) => ctx.session.requireFile().sqlite.prepare(sql).pluck().get(...p) as number;
const customers = () => count('SELECT count(*) FROM customer');
const undoSteps = () => count('SELECT count(*) FROM undo_step');

// 代碼,名称,城市,主渠道,鋪底額度（元） in the e2e fixtures.
const MAPPING: ColumnMapping = { code: 0, name: 1, cityId: 2, channelId: 3, creditLimitCents: 4 };
const destination = 'master:customer';

beforeEach(async () => {
  clearDataFileCache();
  ctx = await setup();
});
afterEach(async () => {
  await ctx.session.close();
});

describe('import channels', () => {
  it('refuses a path that was not handed over, and reads one that was', async () => {
    const stray = join(ctx.dir, 'stray.csv');
    copyFileSync(join(FIX, 'e2e-customers-fixed.csv'), stray);
    const refused = await call('import.inspect', { path: stray });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ctx.nextImport = null;
    expect(await ok('import.chooseFile', {})).toBeNull();
    const path = await choose('e2e-customers-fixed.csv');
    const info = await ok<DataFileInfo>('import.inspect', { path });
    expect(info).toMatchObject({ format: 'csv', encoding: 'gb18030', headers: ['代碼', '名称', '城市', '主渠道', '鋪底額度（元）'], rowCount: 3 });
  });

  it('describes a master-data destination by its editable fields', async () => {
    const info = await ok<ImportDestinationInfo>('import.destination', { destination });
    const keys = info.fields.map((f) => f.key);
    expect(keys).toContain('creditLimitCents');
    expect(keys).not.toContain('abcClass'); // computed
    expect(info.fields.find((f) => f.key === 'cityId')).toMatchObject({ required: true, labelKey: 'masterData.field.customer.cityId' });
    expect(await call('import.destination', { destination: 'master:nothing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('import.destination', { destination: 'DROP TABLE' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('previews a bad row with its file row, column and reason, and commits nothing', async () => {
    const before = customers();
    const steps = undoSteps();
    const path = await choose('e2e-customers-bad.csv');
    const preview = await ok<ImportPreview>('import.preview', { path, destination, mapping: MAPPING });
    expect(preview).toMatchObject({ rowCount: 3, validCount: 2, issueCount: 1, inserts: 3, updates: 0 });
    expect(preview.issues).toEqual([
      { row: 3, column: '城市', field: 'cityId', message: 'masterData.invalid.unknownRef', params: { value: '火星市' } },
    ]);
    const commit = await call('import.commit', { path, destination, mapping: MAPPING });
    expect(commit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(customers()).toBe(before);
    expect(undoSteps()).toBe(steps);
  });

  it('commits a good file all at once as one undo step, and updates by code on a second import', async () => {
    const before = customers();
    const path = await choose('e2e-customers-fixed.csv');
    const preview = await ok<ImportPreview>('import.preview', { path, destination, mapping: MAPPING });
    expect(preview).toMatchObject({ rowCount: 3, validCount: 3, issueCount: 0, issues: [] });
    const result = await ok('import.commit', { path, destination, mapping: MAPPING });
    expect(result).toEqual({ imported: 3, inserted: 3, updated: 0 });
    expect(customers()).toBe(before + 3);
    const rows = ctx.session
      .requireFile()
      .sqlite.prepare(`SELECT c.code, c.name, ci.name AS city, ch.code AS channel, c.credit_limit_cents AS credit
        FROM customer c JOIN city ci ON ci.id = c.city_id JOIN channel ch ON ch.id = c.channel_id WHERE c.code LIKE 'IMP%' ORDER BY c.code`)
      .all();
    expect(rows).toEqual([
      { code: 'IMP001', name: '上海鴻運商貿有限公司', city: '上海市', channel: 'KA', credit: 5_000_000 },
      { code: 'IMP002', name: '南京百佳超市', city: '南京市', channel: 'CHAIN', credit: 1_200_000 },
      { code: 'IMP003', name: '上海新天地便利', city: '上海市', channel: 'TT', credit: 800_050 },
    ]);
    const state = await ok<{ undoLabel: string | null }>('edit.state', {});
    expect(state.undoLabel).toBe('masterData.undo.import');

    // The same codes again, with only the name column mapped differently: updates, no new rows.
    const again = await ok<ImportPreview>('import.preview', { path, destination, mapping: { ...MAPPING, name: 0 } });
    expect(again).toMatchObject({ issueCount: 0, updates: 3, inserts: 0 });
    expect(await ok('import.commit', { path, destination, mapping: { ...MAPPING, name: 0 } })).toEqual({ imported: 3, inserted: 0, updated: 3 });
    expect(customers()).toBe(before + 3);
    expect(count(`SELECT name FROM customer WHERE code = 'IMP002'`)).toBe('IMP002');

    // Undo takes back each import in one step.
    await ok('edit.undo', {});
    expect(count(`SELECT name FROM customer WHERE code = 'IMP002'`)).toBe('南京百佳超市');
    await ok('edit.undo', {});
    expect(customers()).toBe(before);
  });

  it('rounds amounts with more decimals than 分 half away from zero, as the actuals do, and reports the totals', async () => {
    const path = join(ctx.dir, 'credit.csv');
    writeFileSync(path, '代碼,名称,城市,主渠道,鋪底額度（元）\nRND001,甲商貿,上海市,KA,"1,234.565"\nRND002,乙商貿,上海市,KA,99.994\nRND003,丙商貿,上海市,KA,10\n');
    ctx.nextImport = path;
    await ok('import.chooseFile', {});
    const rounding = {
      values: 2,
      largestChange: '0.005',
      fields: [{ field: 'creditLimitCents', fileTotal: '1344.559', importedTotal: '1344.56', difference: '0.001', values: 2 }],
    };
    const preview = await ok<ImportPreview>('import.preview', { path, destination, mapping: MAPPING });
    expect(preview).toMatchObject({ rowCount: 3, validCount: 3, issueCount: 0, rounding });
    expect(await ok('import.commit', { path, destination, mapping: MAPPING })).toEqual({ imported: 3, inserted: 3, updated: 0, rounding });
    const credit = ctx.session.requireFile().sqlite.prepare(`SELECT code, credit_limit_cents AS c FROM customer WHERE code LIKE 'RND%' ORDER BY code`).all();
    expect(credit).toEqual([{ code: 'RND001', c: 123_457 }, { code: 'RND002', c: 9_999 }, { code: 'RND003', c: 1_000 }]);
  });

  it('says which required field is not mapped, and refuses to commit without it', async () => {
    const path = await choose('e2e-customers-fixed.csv');
    const mapping = { ...MAPPING, cityId: null };
    const preview = await ok<ImportPreview>('import.preview', { path, destination, mapping });
    expect(preview.issues).toEqual([{ row: 0, column: '', field: 'cityId', message: 'importWizard.issue.requiredUnmapped' }]);
    expect(await call('import.commit', { path, destination, mapping })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('import.preview', { path, destination, mapping: { ...MAPPING, phone: 9 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('past the file') },
    });
    expect(await call('import.preview', { path, destination, mapping: { ...MAPPING, nope: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('saves mappings per destination and source, by header text', async () => {
    expect(await ok<SavedMapping[]>('import.mappings', { destination })).toEqual([]);
    const list = await ok<SavedMapping[]>('import.saveMapping', {
      destination,
      name: 'ERP 客戶表',
      columns: { code: '代碼', name: '名稱', cityId: '城市', ownerId: null, bogus: 'x' },
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'ERP 客戶表', columns: { code: '代碼', name: '名稱', cityId: '城市', ownerId: null } });
    expect(list[0].columns).not.toHaveProperty('bogus');
    await ok('import.saveMapping', { destination, name: 'ERP 客戶表', columns: { code: '客戶編號' } });
    const after = await ok<SavedMapping[]>('import.mappings', { destination });
    expect(after).toHaveLength(1);
    expect(after[0].columns).toEqual({ code: '客戶編號' });
    expect(await ok<SavedMapping[]>('import.mappings', { destination: 'master:terminal' })).toEqual([]);
  });
});

describe('export.table', () => {
  it('writes customers as XLSX with localized headers and no formulas, and the file imports back unchanged', async () => {
    const path = join(ctx.dir, '渠道客戶-華東大區-2027.xlsx');
    ctx.nextExport = path;
    const result = await ok<{ path: string; rowCount: number }>('export.table', { entity: 'customer', format: 'xlsx' });
    expect(result).toEqual({ path, rowCount: customers() });
    const book = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true });
    const ws = book.Sheets[book.SheetNames[0]];
    for (const key of Object.keys(ws).filter((k) => !k.startsWith('!'))) expect((ws[key] as XLSX.CellObject).f).toBeUndefined();
    const headers = (XLSX.utils.sheet_to_json(ws, { header: 1 }) as string[][])[0];
    const labels = catalogs['zh-Hant'].masterData.field.customer;
    expect(headers.slice(0, 4)).toEqual([labels.code, labels.name, labels.cityId, labels.countyId]);

    // Round trip: map every editable field by its label; every row updates, none is new, none is refused.
    ctx.nextImport = path;
    await ok('import.chooseFile', {});
    const info = await ok<ImportDestinationInfo>('import.destination', { destination });
    const mapping: ColumnMapping = {};
    for (const f of info.fields) {
      const i = headers.indexOf((labels as Record<string, string>)[f.key]);
      mapping[f.key] = i >= 0 ? i : null;
    }
    const preview = await ok<ImportPreview>('import.preview', { path, destination, mapping });
    expect(preview.issues).toEqual([]);
    expect(preview).toMatchObject({ rowCount: customers(), updates: customers(), inserts: 0 });
    const steps = undoSteps();
    await ok('import.commit', { path, destination, mapping });
    expect(undoSteps()).toBe(steps); // nothing changed, so no undo step
  });

  it('writes CSV with a BOM; cancelled dialog writes nothing; unknown tables are refused', async () => {
    const path = join(ctx.dir, 'channels.csv');
    ctx.nextExport = path;
    const result = await ok<{ rowCount: number }>('export.table', { entity: 'channel', format: 'csv' });
    expect(result.rowCount).toBeGreaterThan(3);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^代碼,名稱,排序,啟用\r\nKA,KA賣場,/);
    ctx.nextExport = null;
    expect(await ok('export.table', { entity: 'channel', format: 'csv' })).toBeNull();
    expect(await call('export.table', { entity: 'nothing', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(existsSync(join(ctx.dir, 'nothing.csv'))).toBe(false);
  });
});
