import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { englishText } from '../../src/main/cli/importActuals';
import { readDb } from '../../src/main/core/db/handle';
import { withReadOnly } from '../../src/main/core/db/regionFile';
import { listBatches } from '../../src/main/core/services/actuals/batches';
import type { ActualKind } from '../../src/shared/actuals';
import { installationSigner, writePlanPackage } from '../../src/main/core/io/planPackage';
import { TSX_ARGS, invokeOk, openWithHandlers, sha256, sidecarsOf, tempDir, tinyDemoTemplate } from './helpers';

const CLI = join(import.meta.dirname, '../../src/main/cli/index.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [...TSX_ARGS, CLI, ...args], { encoding: 'utf8' });

describe('cli', () => {
  it('demo writes a deterministic region that info and check accept', () => {
    const dir = tempDir();
    const a = join(dir, 'a.rplan');
    const b = join(dir, 'b.rplan');
    const made = cli('demo', '--size', 'tiny', '--out', a, '--seed', '5');
    expect(made.stderr).toContain('written to');
    expect(made.status).toBe(0);
    expect(cli('demo', '--size', 'tiny', '--out', b, '--seed', '5').status).toBe(0);
    const infoA = cli('info', a);
    expect(infoA.status).toBe(0);
    expect(infoA.stdout).toMatch(/region:\s+華東大區/);
    expect(infoA.stdout).toMatch(/integrity:\s+ok/);
    expect(infoA.stdout).toMatch(/sales_actual\s+\d+/);
    // Same seed, same data: the row counts agree line by line.
    const rows = (s: string) => s.split('\n').filter((l) => /^\s{2}\w+\s+\d+$/.test(l)).join('\n');
    expect(rows(cli('info', b).stdout)).toBe(rows(infoA.stdout));
    expect(cli('check', a)).toMatchObject({ status: 0 });
    expect(cli('demo', '--size', 'tiny', '--out', a).status).toBe(1); // exists
  });

  it('info and check never change the file they look at', async () => {
    const path = join(tempDir(), 'old.rplan');
    const f = await createRegionFile(path, { regionName: 'r', planYear: 2027, displayUnit: 'wan' }, { migrations: MIGRATIONS.slice(0, 2) });
    await f.close();
    const before = sha256(path);
    const info = cli('info', path);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/schema version:\s+2 \(older/);
    const check = cli('check', path);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/older than this version/);
    expect(sha256(path)).toBe(before);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('refuses a FIFO named like a region file by its type, without opening it (opening one would wait forever)', () => {
    const fifo = join(tempDir(), 'x.rplan');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const command of ['info', 'check']) {
      const r = spawnSync(process.execPath, [...TSX_ARGS, CLI, command, fifo], { encoding: 'utf8', timeout: 30_000 });
      expect(r.signal, `${command} hung on the FIFO`).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('not a regular file');
    }
  });

  it('exits 2 with the reason for a refused or missing file, 1 for bad usage', () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.rplan');
    writeFileSync(junk, 'hello');
    const r = cli('check', junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('junk.rplan: not a region file');
    expect(cli('info', join(dir, 'missing.rplan')).status).toBe(2);
    const u = cli('frobnicate');
    expect(u.status).toBe(1);
    expect(u.stderr).toContain('unknown command');
    expect(cli('demo', '--size', 'huge', '--out', join(dir, 'x.rplan')).status).toBe(1);
  });
});

describe('cli package verify', () => {
  const template = tinyDemoTemplate();

  it('says what head office will: exit 0 for the package as written, 2 with the reason for a changed byte or another key', async () => {
    const c = await openWithHandlers(template.copy());
    const dir = tempDir();
    const pkg = join(dir, 'plan.rplanpkg');
    const signer = installationSigner(join(dir, 'state'));
    try {
      const working = (await invokeOk(c, 'targets.versions', {}))[0].id;
      const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: working, name: '報總部 第1版' });
      await writePlanPackage({
        file: c.session.requireFile(), versionId: snap.id, revision: 1, replaces: null, outPath: pkg, signer, appVersion: 'test', createdAt: new Date().toISOString(),
      });
    } finally {
      await c.session.close();
    }
    const ok = cli('package', 'verify', pkg, '--lang', 'en', '--pin', signer.fingerprint);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('plan.rplanpkg: ok');
    expect(ok.stdout).toContain(`fingerprint:  ${signer.fingerprint}`);
    expect(ok.stdout).toContain('revision:     1');
    const other = cli('package', 'verify', pkg, '--lang', 'en', '--pin', installationSigner(join(dir, 'other')).fingerprint);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('refused (keyChanged): The plan package was signed by another key');
    const bytes = readFileSync(pkg);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    const changed = join(dir, 'changed.rplanpkg');
    writeFileSync(changed, bytes);
    const refused = cli('package', 'verify', changed);
    expect(refused.status).toBe(2);
    // Where the flipped bit lands decides which check sees it first; the words are zh-Hant's by default.
    expect(refused.stderr).toMatch(/refused \((hashMismatch|notZip|zipBomb)\): .*計劃包/);
    expect(cli('package', 'check', pkg).status).toBe(1);
  }, 60_000);
});

describe('cli import', () => {
  const FIXTURES = join(import.meta.dirname, 'fixtures');
  const fixture = (name: string) => join(FIXTURES, name);
  const template = tinyDemoTemplate();

  /** A fresh copy of the tiny demo region. */
  const region = () => template.copy();
  // Read-write, so that closing it folds and removes the -wal it makes (a read-only connection cannot).
  const query = <T>(path: string, sql: string, ...params: unknown[]): T => {
    const db = new Database(path, { fileMustExist: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
  const sales2027 = (path: string) =>
    query<{ n: number; amount: number | null; volume: number | null; gp: number | null }>(
      path,
      'SELECT count(*) AS n, sum(amount_cents) AS amount, sum(volume) AS volume, sum(gross_profit_cents) AS gp FROM sales_actual WHERE period BETWEEN 202701 AND 202712',
    );

  it('imports a GBK CSV with Chinese headers, and importing it again replaces its rows', () => {
    const path = region();
    expect(sales2027(path).n).toBe(0);
    const first = cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', path);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^sales: imported 6 lines \(6 rows\) from actuals-sales-gbk\.csv into region\.rplan \(batch \d+, source "actuals-sales-gbk"\): combined 0, skipped 0, replaced 0, overwritten 0, created 0\n$/,
    );
    // 1,234.50 + 2,000.00 + 700 + 300.25 + 1,500 + 99.99 元, in cents.
    expect(sales2027(path)).toEqual({ n: 6, amount: 583_474, volume: 38, gp: 76_000 });
    const batchId = Number(/batch (\d+)/.exec(first.stdout)![1]);
    const batch = query<{ kind: string; source_name: string; mapping_name: string; row_count: number; period_from: number; period_to: number }>(
      path,
      'SELECT * FROM import_batch WHERE id = ?',
      batchId,
    );
    // The batch: the file's name, and the source (no --mapping: the file name's pattern) that a re-import replaces.
    expect(batch).toMatchObject({
      kind: 'sales_actual',
      source_name: 'actuals-sales-gbk.csv',
      mapping_name: 'actuals-sales-gbk',
      row_count: 6,
      period_from: 202701,
      period_to: 202703,
    });
    expect(query<{ n: number }>(path, 'SELECT count(*) AS n FROM sales_actual WHERE batch_id = ?', batchId).n).toBe(6);

    const again = cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', path, '--encoding', 'gbk');
    expect(again.status).toBe(0);
    expect(sidecarsOf(path)).toEqual([]);
    expect(again.stdout).toMatch(/imported 6 lines \(6 rows\) .*: combined 0, skipped 0, replaced 6, overwritten 0, created 0\n/);
    // What it replaced, by batch and month.
    expect(again.stdout).toContain(`  replaced 2 rows of "actuals-sales-gbk" (batch ${batchId}, actuals-sales-gbk.csv) in 2027-01\n`);
    expect(sales2027(path)).toEqual({ n: 6, amount: 583_474, volume: 38, gp: 76_000 });
  });

  it('lists every bad row on stderr and writes nothing', () => {
    const path = region();
    const before = sha256(path);
    const r = cli('import', 'sales', fixture('actuals-sales-bad.csv'), '--into', path);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^actuals-sales-bad\.csv:2: column "金額" \(amount\): .+/));
    expect(lines).toContainEqual(expect.stringMatching(/^actuals-sales-bad\.csv:3: column "月份" \(period\): .+/));
    expect(lines).toContainEqual(expect.stringMatching(/^actuals-sales-bad\.csv:4: column "客戶編碼" \(customer\): .*X9999/));
    expect(r.stderr).not.toMatch(/actuals-sales-bad\.csv:5:/);
    // Messages are in English, not message keys.
    expect(r.stderr).not.toMatch(/importWizard\./);
    expect(r.stderr).toMatch(/--skip-unknown/);
    expect(r.stderr).toMatch(/nothing was imported/);
    expect(sha256(path)).toBe(before);
    expect(sales2027(path).n).toBe(0);
  });

  it('rounds amounts to the cent and prints the totals, refuses them with --rounding refuse, and says which date forms it reads', () => {
    const path = region();
    const file = join(tempDir(), 'precise.csv');
    writeFileSync(file, '月份,客戶編碼,存貨編碼,數量,金額,毛利\n2027-01,D0001,WA0001,1,100.125,10\n2027-01,D0002,WA0001,1,-0.005,1\n');
    const before = sha256(path);
    const strict = cli('import', 'sales', file, '--into', path, '--rounding', 'refuse');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/precise\.csv:2: column "金額" \(amount\): .*100\.125/);
    expect(strict.stderr).toMatch(/precise\.csv:3: column "金額" \(amount\): .*-0\.005/);
    expect(sha256(path)).toBe(before);
    expect(cli('import', 'sales', file, '--into', path, '--rounding', 'up').status).toBe(1);

    const r = cli('import', 'sales', file, '--into', path);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[1]).toBe('sales: 2 amounts rounded half away from zero to the cent (largest change 0.005 yuan); --rounding refuse refuses them instead');
    // 100.125 − 0.005 = 100.12 in the file; 100.13 − 0.01 = 100.12 imported.
    expect(lines[2]).toBe('  amount: file total 100.12, imported total 100.12, difference 0.00 (2 values rounded)');
    expect(sales2027(path)).toMatchObject({ n: 2, amount: 10_012 });

    const dates = join(tempDir(), 'dates.csv');
    writeFileSync(dates, '月份,客戶編碼,存貨編碼,數量,金額,毛利\n5.3.27 9:05,D0001,WA0001,1,1,1\nlater,D0001,WA0001,1,1,1\n');
    const d = cli('import', 'sales', dates, '--into', path, '--date-order', 'dmy', '--dry-run');
    expect(d.status).toBe(1);
    expect(d.stderr).not.toMatch(/dates\.csv:2:/);
    expect(d.stderr).toMatch(/dates\.csv:3: column "月份" \(period\): .*later/);
  });

  it('a date it cannot read names the forms it accepts and the order it used', () => {
    const dmy = englishText('importWizard.value.notDate', { value: 'someday', order: 'dmy' });
    expect(dmy).toMatch(/^“someday” is not a date this import reads\. Accepted: .*5\.3\.26.*two-digit years 00–69 are 20xx.*\(date order used: day\/month\/year\)$/);
    expect(englishText('importWizard.value.notDate', { value: 'x', order: 'ymd' })).toMatch(/Accepted: 2026-03-05, .*\(date order used: year first\)$/);
    expect(englishText('importWizard.value.noSuchDate', { value: '31/02/26', order: 'mdy' })).toBe('There is no such day as “31/02/26” (read as month/day/year)');
  });

  it('prints at most 200 problems and counts the rest', () => {
    const path = region();
    const csv = join(tempDir(), 'many-bad.csv');
    // Distinct month × customer × SKU keys, each with an amount that is not a number.
    const skus = ['WA0001', 'WA0002', 'WA0003', 'TE0001', 'TE0002', 'TE0003'];
    const rows = Array.from({ length: 250 }, (_, i) => {
      const month = String((i % 12) + 1).padStart(2, '0');
      const k = Math.floor(i / 12);
      return `2027-${month},D000${(k % 4) + 1},${skus[Math.floor(k / 4)]},1,n/a,1`;
    });
    writeFileSync(csv, `月份,客戶編碼,存貨編碼,數量,金額,毛利\n${rows.join('\n')}\n`);
    const r = cli('import', 'sales', csv, '--into', path);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => /^many-bad\.csv:\d+: column "金額" \(amount\): /.test(l))).toHaveLength(200);
    expect(lines).toContain('... and 50 more');
    expect(lines.at(-1)).toBe('many-bad.csv: 250 problems; nothing was imported');
    expect(sales2027(path).n).toBe(0);
  });

  it('refuses unknown members unless --skip-unknown, which leaves their rows out', () => {
    const path = region();
    const r = cli('import', 'sales', fixture('actuals-sales-unknown.csv'), '--into', path);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^actuals-sales-unknown\.csv:3: column "存貨編碼" \(sku\): .*ZZ0001/m);
    expect(sales2027(path).n).toBe(0);
    const skipped = cli('import', 'sales', fixture('actuals-sales-unknown.csv'), '--into', path, '--skip-unknown');
    expect(skipped.stderr).toBe('');
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/imported 2 lines \(2 rows\) .*skipped 1,/);
    expect(sales2027(path)).toMatchObject({ n: 2, amount: 50_000 });

    // More unknown values than one preview lists (1,000): all are skipped.
    const many = join(tempDir(), 'many-unknown.csv');
    const rows = Array.from({ length: 1_100 }, (_, i) => `2027-06,X${String(i).padStart(5, '0')},WA0001,1,10,1`);
    writeFileSync(many, `月份,客戶編碼,存貨編碼,數量,金額,毛利\n2027-06,D0001,WA0001,3,30,3\n${rows.join('\n')}\n`);
    const lots = cli('import', 'sales', many, '--into', path, '--skip-unknown');
    expect(lots.stderr).toBe('');
    expect(lots.status).toBe(0);
    expect(lots.stdout).toMatch(/imported 1 line \(1 row\) .*skipped 1,100,/);
    expect(sales2027(path)).toMatchObject({ n: 3, amount: 53_000 });
  });

  it('uses a saved mapping by name, and says which of its columns a file lacks', () => {
    const path = region();
    const db = new Database(path);
    const now = new Date().toISOString();
    const save = db.prepare('INSERT INTO import_mapping (kind, name, mapping_json, updated_at) VALUES (?, ?, ?, ?)');
    save.run('actuals:sales', 'erp-v1', JSON.stringify({ period: 'Period', customer: 'Account', sku: 'Item', volume: 'Qty', amount: 'Net Sales', grossProfit: null }), now);
    save.run('actuals:sales', 'erp-old', JSON.stringify({ period: 'Period', customer: 'Customer No', sku: 'Item', amount: 'Net Sales' }), now);
    db.close();

    // Without it the headers match no field.
    const auto = cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path);
    expect(auto.status).toBe(1);
    expect(auto.stderr).toMatch(/actuals-sales-erp\.csv: no column for the required fields customer, sku, amount/);

    const old = cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'erp-old');
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/saved mapping "erp-old" needs column "Customer No" \(customer\)/);

    const none = cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'nope');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no saved sales mapping named "nope"; it has "erp-(v1|old)", "erp-(v1|old)"/);

    const dry = cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'erp-v1', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/dry run: nothing written/);
    expect(sales2027(path).n).toBe(0);

    const ok = cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'erp-v1');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(sales2027(path)).toMatchObject({ n: 2, amount: 45_000, volume: 5 });
    const batch = query<{ source_name: string; mapping_name: string }>(path, `SELECT source_name, mapping_name FROM import_batch WHERE kind = 'sales_actual' ORDER BY id DESC LIMIT 1`);
    expect(batch).toEqual({ source_name: 'actuals-sales-erp.csv', mapping_name: 'erp-v1' });
  });

  it('reads the file as the saved mapping remembers its source (here: amounts in 萬元), unless a flag says otherwise', () => {
    const path = region();
    const db = new Database(path);
    db.prepare('INSERT INTO import_mapping (kind, name, mapping_json, updated_at) VALUES (?, ?, ?, ?)').run(
      'actuals:sales',
      'erp-wan',
      JSON.stringify({ period: 'Period', customer: 'Account', sku: 'Item', volume: 'Qty', amount: 'Net Sales', $options: { dateOrder: 'ymd', dateSystem: 1900, amountUnit: 'wan' } }),
      new Date().toISOString(),
    );
    db.close();
    expect(cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'erp-wan').status).toBe(0);
    expect(sales2027(path).amount).toBe(45_000 * 10_000);
    expect(cli('import', 'sales', fixture('actuals-sales-erp.csv'), '--into', path, '--mapping', 'erp-wan', '--amount-unit', 'yuan').status).toBe(0);
    expect(sales2027(path).amount).toBe(45_000);
  });

  it('exits 2 for a refused data file and 1 for bad usage, writing nothing', () => {
    const path = region();
    const before = sha256(path);
    const empty = cli('import', 'sales', fixture('empty.csv'), '--into', path);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/empty\.csv: .*empty/);
    const headersOnly = cli('import', 'sales', fixture('header-only.csv'), '--into', path);
    expect(headersOnly.status).toBe(2);
    expect(headersOnly.stderr).toMatch(/header-only\.csv: /);
    const missing = cli('import', 'sales', join(tempDir(), 'missing.csv'), '--into', path);
    expect(missing.status).toBe(2);
    const sheet = cli('import', 'sales', fixture('customers.xlsx'), '--into', path, '--sheet', 'Nope');
    expect(sheet.status).toBe(2);
    expect(sheet.stderr).toMatch(/customers\.xlsx: .*"Nope"/);
    const region2 = cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', join(tempDir(), 'none.rplan'));
    expect(region2.status).toBe(2);
    expect(region2.stderr).toMatch(/none\.rplan: no such file/);
    // The wrong encoding: no header matches, and the message says why.
    const wrong = cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', path, '--encoding', 'utf-8');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/the headers do not read as utf-8/);

    const kind = cli('import', 'invoices', fixture('actuals-sales-gbk.csv'), '--into', path);
    expect(kind.status).toBe(1);
    expect(kind.stderr).toMatch(/KIND must be one of sales, market, audit, visit, statement, expense, not invoices/);
    expect(kind.stderr).toMatch(/usage:/);
    expect(cli('import', 'sales', fixture('actuals-sales-gbk.csv')).stderr).toMatch(/--into REGION_FILE is required/);
    expect(cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', path, '--date-order', 'ydm').status).toBe(1);
    expect(cli('import', 'sales', fixture('actuals-sales-gbk.csv'), '--into', path, '--frobnicate').status).toBe(1);
    expect(sha256(path)).toBe(before);
  });
});

describe('cli new, column flags, sources and batches', () => {
  const template = tinyDemoTemplate();
  const query = <T>(path: string, sql: string, ...params: unknown[]): T => {
    const db = new Database(path, { fileMustExist: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
  /** The batch list as the wizard's actuals page gets it. */
  const batchesOf = (path: string, kind: ActualKind) => withReadOnly(path, (sqlite) => listBatches(readDb(sqlite), kind));
  const LEDGER = 'Posting Month,Account,Spend,Memo\n';

  it('new makes an empty region file as the app does, and refuses an existing file, a bad year or no name', () => {
    const dir = tempDir();
    const path = join(dir, '測試大區-2027.rplan');
    const made = cli('new', path, '--region', '測試大區', '--year', '2027', '--unit', 'yuan');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`${path}: new region file "測試大區", plan year 2027, display unit yuan`);
    expect(query(path, 'SELECT region_name, plan_year FROM region_meta')).toEqual({ region_name: '測試大區', plan_year: 2027 });
    // What the app's 新建 gives a file: the working plan and the default expense items.
    expect(query(path, `SELECT count(*) AS n FROM plan_version WHERE kind = 'working'`)).toEqual({ n: 1 });
    const again = cli('new', path, '--region', 'x', '--year', '2027');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(cli('new', join(dir, 'y.rplan'), '--region', 'x', '--year', '27').stderr).toMatch(/--year must be a year from 2000 to 2100, not 27/);
    expect(cli('new', join(dir, 'z.rplan'), '--region', '  ', '--year', '2027').stderr).toMatch(/--region: region name is required/);
    expect(existsSync(join(dir, 'y.rplan')) || existsSync(join(dir, 'z.rplan'))).toBe(false);
  });

  it('imports into a new file with --col flags only, and --save-mapping keeps the mapping for --mapping and the wizard', () => {
    const dir = tempDir();
    const path = join(dir, '測試大區-2027.rplan');
    expect(cli('new', path, '--region', '測試大區', '--year', '2027').status).toBe(0);

    // March's ledger, with English headers no field matches: the columns are named by flags only
    // (one as written, one in another case, one with its unit in brackets).
    const march = join(dir, '費用台賬_2027-03.csv');
    writeFileSync(march, `${LEDGER.replace('Spend', 'Spend (CNY)')}2027-03,差旅費,"1,200.00",高鐵\n2027-03,會議費,800,季度會\n2027-02,差旅費,300,補報\n`);
    const cols = ['--col', 'period=Posting Month', '--col', 'item=ACCOUNT', '--col', 'amount=Spend', '--col', 'note=Memo'];
    const first = cli('import', 'expense', march, '--into', path, ...cols, '--save-mapping', '財務費用台賬');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^expense: imported 3 lines \(3 rows\) .*\(batch \d+, source "財務費用台賬"\): combined 0, skipped 0, replaced 0, overwritten 0, created 0\n/);
    expect(first.stdout).toContain('saved the mapping "財務費用台賬" (period ← "Posting Month", item ← "Account", amount ← "Spend (CNY)", note ← "Memo")');
    expect(query<{ n: number; a: number }>(path, 'SELECT count(*) AS n, sum(amount_cents) AS a FROM expense_actual')).toEqual({ n: 3, a: 230_000 });
    // Kept as the wizard keeps a mapping: by header text, with the read options.
    const saved = query<{ mapping_json: string }>(path, `SELECT mapping_json FROM import_mapping WHERE kind = 'actuals:expense' AND name = '財務費用台賬'`);
    expect(JSON.parse(saved.mapping_json)).toMatchObject({
      period: 'Posting Month', item: 'Account', amount: 'Spend (CNY)', note: 'Memo', brand: null,
      $options: { dateOrder: 'ymd', dateSystem: 1900, amountUnit: 'yuan' },
    });

    // April's file: the saved mapping, the same source; the February row it repeats replaces the earlier one.
    const april = join(dir, '費用台賬_2027-04.csv');
    writeFileSync(april, `${LEDGER.replace('Spend', 'Spend (CNY)')}2027-04,培訓費,500,新人\n2027-02,差旅費,350,補報更正\n`);
    const second = cli('import', 'expense', april, '--into', path, '--mapping', '財務費用台賬');
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    const firstBatch = Number(/batch (\d+)/.exec(first.stdout)![1]);
    expect(second.stdout).toMatch(/source "財務費用台賬"\): combined 0, skipped 0, replaced 1, overwritten 0, created 0\n/);
    expect(second.stdout).toContain(`  replaced 1 row of "財務費用台賬" (batch ${firstBatch}, 費用台賬_2027-03.csv) in 2027-02\n`);
    // The first batch now holds 2 of its 3 rows and says which batch replaced the third.
    const secondBatch = Number(/batch (\d+)/.exec(second.stdout)![1]);
    const listed = batchesOf(path, 'expense');
    expect(listed.find((b) => b.id === firstBatch)).toMatchObject({
      rowCount: 3, liveRows: 2, losses: [{ action: 'replace', batchId: secondBatch, fileName: '費用台賬_2027-04.csv', rows: 1 }],
    });
    expect(listed.find((b) => b.id === secondBatch)).toMatchObject({ rowCount: 2, liveRows: 2, losses: [] });

    // A flag overrides the saved mapping's column; an unknown field or header is a usage error naming it and the file's columns.
    const override = cli('import', 'expense', april, '--into', path, '--mapping', '財務費用台賬', '--col', 'note=', '--dry-run');
    expect(override.status).toBe(0);
    const field = cli('import', 'expense', april, '--into', path, '--col', 'cost=Spend');
    expect(field.status).toBe(1);
    expect(field.stderr).toMatch(/--col cost: expense has no field cost; its fields are period, item, brand, category, channel, city, amount, note/);
    const header = cli('import', 'expense', april, '--into', path, '--col', 'amount=Amount');
    expect(header.status).toBe(1);
    expect(header.stderr).toContain('--col amount="Amount": 費用台賬_2027-04.csv has no column "Amount"; its columns are "Posting Month", "Account", "Spend (CNY)", "Memo"');
  });

  it('names the default source after the file name pattern, and overwrites another source only with --replace-other-sources', () => {
    const path = template.copy();
    const dir = tempDir();
    // The demo's 2026 sales hold these keys; March of one file, then a corrected March of the same export.
    const file = join(dir, 'sales_202601.csv');
    writeFileSync(file, '月份,客戶編碼,存貨編碼,數量,金額\n2026-01,D0001,WA0001,1,100\n2026-01,D0001,WA0002,1,100\n2026-02,D0001,WA0001,1,100\n');
    const demo = batchesOf(path, 'sales').find((b) => b.fileName === 'demo-2026')!;
    const before = sha256(path);
    const dry = cli('import', 'sales', file, '--into', path, '--dry-run');
    const refused = cli('import', 'sales', file, '--into', path);
    for (const r of [dry, refused]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('sales_202601.csv: the import would overwrite 3 rows of other sources (the demo data)');
      expect(r.stderr).toContain(`  would overwrite 2 rows of the demo data (batch ${demo.id}, demo-2026) in 2026-01\n`);
      expect(r.stderr).toContain('pass --replace-other-sources');
    }
    expect(dry.stdout).toMatch(/source "sales_\*": combined 0, skipped 0, replaced 0, overwritten 3, created 0 \(dry run/);
    expect(sha256(path)).toBe(before);

    const done = cli('import', 'sales', file, '--into', path, '--replace-other-sources');
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/\(batch \d+, source "sales_\*"\): combined 0, skipped 0, replaced 0, overwritten 3, created 0\n/);
    expect(done.stdout).toContain(`  overwrote 1 row of the demo data (batch ${demo.id}, demo-2026) in 2026-02\n`);
    const batchId = Number(/batch (\d+)/.exec(done.stdout)![1]);
    expect(query<{ m: string }>(path, 'SELECT mapping_name AS m FROM import_batch WHERE id = ?', batchId).m).toBe('sales_*');

    // Next month's file of the same export is the same source: it replaces the rows of its months, asks nothing.
    const next = join(dir, 'sales_202602.csv');
    writeFileSync(next, '月份,客戶編碼,存貨編碼,數量,金額\n2026-02,D0001,WA0001,2,200\n');
    const nextRun = cli('import', 'sales', next, '--into', path);
    expect(nextRun.stderr).toBe('');
    expect(nextRun.status).toBe(0);
    expect(nextRun.stdout).toMatch(/source "sales_\*"\): combined 0, skipped 0, replaced 1, overwritten 0, created 0\n/);
    const nextId = Number(/batch (\d+)/.exec(nextRun.stdout)![1]);

    // Every batch's count is the rows it holds; the demo batch says how many the import took.
    const after = batchesOf(path, 'sales');
    for (const b of after) {
      expect(b.liveRows).toBe(query<{ n: number }>(path, 'SELECT count(*) AS n FROM sales_actual WHERE batch_id = ?', b.id).n);
      expect(b.liveRows).toBe(b.rowCount - b.losses.reduce((n, l) => n + l.rows, 0));
    }
    expect(after.find((b) => b.id === demo.id)).toMatchObject({
      liveRows: demo.liveRows - 3, losses: [{ action: 'overwrite', batchId, fileName: 'sales_202601.csv', rows: 3 }],
    });
    expect(after.find((b) => b.id === batchId)).toMatchObject({
      rowCount: 3, liveRows: 2, losses: [{ action: 'replace', batchId: nextId, fileName: 'sales_202602.csv', rows: 1 }],
    });
  });
});

describe('cli report', () => {
  const template = tinyDemoTemplate();

  it('writes the review or the plan as a .pptx without changing the region file', () => {
    const path = template.copy();
    const before = sha256(path);
    const dir = tempDir();
    const out = join(dir, '華東大區-2026年度總結.pptx');
    const r = cli('report', path, '--pptx', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/華東大區-2026年度總結\.pptx: 華東大區 2026 年度總結 \(version .+\), \d+ slides, \d+ KB/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const plan = cli('report', path, '--pptx', join(dir, 'plan.pptx'), '--doc', 'plan', '--lang', 'en', '--version', 'working');
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain('Annual plan');
    expect(sha256(path)).toBe(before);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('refuses an unknown version, an OUT it cannot write, a bad file, bad options, each with its reason and exit code', () => {
    const path = template.copy();
    const dir = tempDir();
    const out = join(dir, 'deck.pptx');
    const version = cli('report', path, '--pptx', out, '--version', '2099 預算');
    expect(version.status).toBe(1);
    expect(version.stderr).toMatch(/no plan version "2099 預算"; its versions: .*working/);
    const folder = cli('report', path, '--pptx', join(dir, 'no-such-folder', 'deck.pptx'));
    expect(folder.status).toBe(1);
    expect(folder.stderr).toMatch(/cannot be written: the folder .*no-such-folder does not exist/);
    const junk = join(dir, 'junk.rplan');
    writeFileSync(junk, 'hello');
    const bad = cli('report', junk, '--pptx', out);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('junk.rplan: not a region file');
    const usage = cli('report', path, '--pptx', out, '--doc', 'memo');
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('--doc must be review or plan');
    expect(cli('report', path).stderr).toContain('--pptx OUT is required');
    expect(existsSync(out)).toBe(false);
  });
});

describe('cli submit', () => {
  const template = tinyDemoTemplate();
  const count = (path: string, sql: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('exits 1 with the check\'s errors, and then writes nothing: no file, no snapshot, no log row', () => {
    // The tiny demo region has no plan yet: the check lists errors.
    const path = template.copy();
    const dir = tempDir();
    const versions = count(path, 'SELECT count(*) FROM plan_version');
    const r = cli('submit', path, '--out', dir, '--state-dir', join(dir, '..', 'state'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the pre-submission check lists \d+ error\(s\); nothing was submitted\n {2}- \[\w+/);
    expect(readdirSync(dir)).toEqual([]);
    expect(count(path, 'SELECT count(*) FROM plan_version')).toBe(versions);
    expect(count(path, 'SELECT count(*) FROM submission')).toBe(0);
  });

  it('refuses a missing --out, a folder that is not there, an unknown version and a bad file, each with its reason', () => {
    const path = template.copy();
    const dir = tempDir();
    const noOut = cli('submit', path);
    expect(noOut.status).toBe(1);
    expect(noOut.stderr).toContain('--out DIR is required');
    const noFolder = cli('submit', path, '--out', join(dir, 'no-such-folder'));
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toMatch(/--out: .*no-such-folder is not a folder/);
    const version = cli('submit', path, '--out', dir, '--version', '2099 預算');
    expect(version.status).toBe(1);
    expect(version.stderr).toMatch(/no plan version "2099 預算"; its versions: /);
    const junk = join(dir, 'junk.rplan');
    writeFileSync(junk, 'hello');
    const bad = cli('submit', junk, '--out', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('junk.rplan: not a region file');
    expect(readdirSync(dir)).toEqual(['junk.rplan']);
    expect(count(path, 'SELECT count(*) FROM submission')).toBe(0);
  });
});
