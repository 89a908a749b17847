import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import { clearDataFileCache, LIMITS } from '../../src/main/core/io/dataFile';
import { readWorkbookInWorker } from '../../src/main/core/io/workbookThread';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import type { AppErrorData, Result } from '../../src/shared/errors';
import { catalogs } from '../../src/shared/i18n';
import { dataFileRefusalOf, type DataFileInfo, type DataFileRefusal } from '../../src/shared/importTypes';
import { repeated, row, sheetXml, xlsx } from './hostileFiles';
import { TSX_ARGS, tempDir, testHost, tinyDemoTemplate } from './helpers';

// The hostile-import table: each file, generated here, and what the import must do with
// it: refuse it as a whole, saying why and where (and write nothing), or import it
// correctly. The region file is checked after every row. Bombs are sized to be refused
// in a second or two: they must never be inflated.

const template = tinyDemoTemplate();

interface Ctx {
  dir: string;
  path: string;
  session: Session;
  r: HandlerRegistry;
}
let ctx: Ctx;

beforeEach(async () => {
  clearDataFileCache();
  const path = template.copy();
  const dir = join(path, '..');
  const session = new Session(testHost(join(dir, 'state')));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  ctx = { dir, path, session, r };
});
afterEach(async () => {
  await ctx.session.close();
});

const destination = 'master:customer';
const HEADER = '代碼,名称,城市,主渠道,鋪底額度（元）';
const MAPPING = { code: 0, name: 1, cityId: 2, channelId: 3, creditLimitCents: 4 };

/** What the region file holds that an import of customers could change. */
function fingerprint(): unknown {
  const db = ctx.session.requireFile().sqlite;
  return {
    customers: db.prepare(`SELECT count(*) AS n, group_concat(code || name, '|') AS all_ FROM (SELECT code, name FROM customer ORDER BY id)`).get(),
    steps: db.prepare('SELECT count(*) FROM undo_step').pluck().get(),
  };
}

function integrity(): string {
  return ctx.session.requireFile().sqlite.prepare('PRAGMA integrity_check').pluck().get() as string;
}

async function invoke(name: string, input: unknown): Promise<Result<unknown>> {
  return (await ctx.r.invoke(name, input)) as Result<unknown>;
}

type Expected =
  | { refusal: DataFileRefusal; params?: Record<string, unknown>; message?: RegExp }
  | { imports: { code: string; name: string }[]; headers?: number };

interface Row {
  what: string;
  file: string;
  bytes: () => Buffer;
  expected: Expected;
}

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n');

/** Sheet rows after the header row, for a customer workbook. */
const customerSheet = (rows: string) => sheetXml(row(1, HEADER.split(',')) + rows);

const TABLE: Row[] = [
  {
    what: 'unbalanced quotes',
    file: 'quotes.csv',
    bytes: () => csv([HEADER, 'H001,好,上海市,KA,1', 'H002,"never closed,上海市,KA,1', 'H003,x,上海市,KA,1']),
    expected: { refusal: 'unbalanced_quotes', params: { line: 3 }, message: /line 3/ },
  },
  {
    what: 'NUL bytes',
    file: 'nul.csv',
    bytes: () => Buffer.concat([Buffer.from(`${HEADER}\r\nH001,`), Buffer.from([0, 0, 1, 0]), Buffer.from(',上海市,KA,1\r\n')]),
    expected: { refusal: 'not_csv', message: /binary/ },
  },
  {
    what: 'a huge cell in a CSV',
    file: 'huge.csv',
    bytes: () => csv([HEADER, 'H001,ok,上海市,KA,1', `H002,${'長'.repeat(LIMITS.cellChars + 1)},上海市,KA,1`]),
    expected: { refusal: 'cell_too_large', params: { row: 3, column: 2 } },
  },
  {
    what: 'a huge cell in a workbook',
    file: 'huge.xlsx',
    bytes: () => xlsx(customerSheet(row(2, ['H001', 'x'.repeat(LIMITS.cellChars + 1), '上海市', 'KA', 1]))),
    expected: { refusal: 'cell_too_large', params: { row: 2, column: 2 } },
  },
  {
    what: '100k columns',
    file: 'wide.csv',
    bytes: () => {
      const extra = Array.from({ length: 100_000 - 5 }, (_, i) => `c${i}`).join(',');
      return csv([`${HEADER},${extra}`, `H001,寬表客戶,上海市,KA,1,${extra}`]);
    },
    expected: { imports: [{ code: 'H001', name: '寬表客戶' }], headers: 100_000 },
  },
  {
    what: 'a header and no rows',
    file: 'header.csv',
    bytes: () => csv([HEADER]),
    expected: { refusal: 'only_headers', params: { row: 1 } },
  },
  {
    what: 'a header and no rows, in a workbook',
    file: 'header.xlsx',
    bytes: () => xlsx(customerSheet('')),
    expected: { refusal: 'only_headers', params: { row: 1 } },
  },
  {
    what: 'invalid UTF-8 (a GBK export)',
    file: 'gbk.csv',
    bytes: () => iconv.encode(`${HEADER}\r\nH001,南京百佳超市,南京市,KA,1\r\n`, 'gbk'),
    expected: { imports: [{ code: 'H001', name: '南京百佳超市' }] },
  },
  {
    // The 1.6 MB workbook: an honest sheet of 5.5 million rows, far under the size limits.
    what: 'an honest zip bomb: 5.5 million rows',
    file: 'rows.xlsx',
    bytes: () => xlsx(sheetXml(repeated('<row><c><v>1</v></c></row>', 5_500_000))),
    expected: { refusal: 'too_many_rows', params: { limit: LIMITS.workbookRows } },
  },
  {
    what: 'an honest zip bomb that says so in its dimension',
    file: 'dimension.xlsx',
    bytes: () => xlsx(sheetXml(repeated('<row><c><v>1</v></c></row>', 2_000_000), 'A1:A5500000')),
    expected: { refusal: 'too_many_rows', params: { limit: LIMITS.workbookRows } },
  },
  {
    what: 'an honest zip bomb: 6 million empty cells in few rows',
    file: 'cells.xlsx',
    bytes: () => xlsx(sheetXml(repeated(`<row>${'<c/>'.repeat(15_000)}</row>`, 400))),
    expected: { refusal: 'too_many_cells', params: { limit: LIMITS.workbookCells } },
  },
  {
    // The zip's headers say the sheet is 2 KB; it is 40 MB of rows.
    what: 'a lying zip bomb',
    file: 'lying.xlsx',
    bytes: () => xlsx(customerSheet(repeated('<row><c t="inlineStr"><is><t>H</t></is></c></row>', 800_000).toString('latin1')), { declaredSheet: 2048 }),
    expected: { refusal: 'zip_bomb', message: /more than the 2048 bytes its zip headers declare/ },
  },
  {
    what: 'a zip that declares more than the limit',
    file: 'declared.xlsx',
    bytes: () => xlsx(customerSheet(row(2, ['H001', 'x', '上海市', 'KA', 1])), { declaredSheet: LIMITS.zipUncompressedBytes + 1 }),
    expected: { refusal: 'zip_bomb', params: { limit: LIMITS.zipUncompressedBytes / 1024 / 1024 } },
  },
  {
    // Formulas are read as their cached values, never as formulas; an external link is not followed.
    what: 'formulas and external links',
    file: 'formulas.xlsx',
    bytes: () =>
      xlsx(
        customerSheet(
          '<row r="2"><c r="A2" t="str"><f>"H"&amp;"001"</f><v>H001</v></c><c r="B2" t="str"><f>[1]Sheet1!$B$2</f><v>外部客戶</v></c>' +
            '<c r="C2" t="inlineStr"><is><t>上海市</t></is></c><c r="D2" t="inlineStr"><is><t>KA</t></is></c><c r="E2"><f>WEBSERVICE("http://evil.example/")</f><v>5</v></c></row>',
        ),
      ),
    expected: { imports: [{ code: 'H001', name: '外部客戶' }] },
  },
];

describe('hostile imports', () => {
  for (const r of TABLE) {
    it(`${r.what} (${r.file})`, async () => {
      const path = join(ctx.dir, r.file);
      writeFileSync(path, r.bytes());
      ctx.session.grant(path);
      const before = fingerprint();
      const started = performance.now();
      const inspected = await invoke('import.inspect', { path });
      const request = { path, destination, mapping: MAPPING };
      if ('refusal' in r.expected) {
        expect(inspected.ok).toBe(false);
        const error = (inspected as { error: AppErrorData }).error;
        expect(error.code).toBe('INVALID_INPUT');
        expect(dataFileRefusalOf(error)).toBe(r.expected.refusal);
        expect(error.params).toMatchObject({ file: r.file, ...(r.expected.params ?? {}) });
        if (r.expected.message) expect(error.message).toMatch(r.expected.message);
        expect(error.message.startsWith(`${r.file}: `)).toBe(true);
        // Refused quickly: nothing was inflated or parsed whole.
        expect(performance.now() - started).toBeLessThan(30_000);
        // Every language says it, with the limit or the place.
        for (const language of ['zh-Hant', 'zh-Hans', 'en'] as const) {
          const text = catalogs[language].importWizard.refuse[r.expected.refusal];
          expect(text).toContain('{{file}}');
          for (const key of Object.keys(r.expected.params ?? {})) expect(text).toContain(`{{${key}}}`);
        }
        // The commit is refused the same way, and nothing is written.
        const committed = await invoke('import.commit', request);
        expect(committed.ok).toBe(false);
        expect(dataFileRefusalOf((committed as { error: AppErrorData }).error)).toBe(r.expected.refusal);
        expect(fingerprint()).toEqual(before);
      } else {
        expect(inspected.ok, JSON.stringify(inspected).slice(0, 300)).toBe(true);
        const info = (inspected as { value: DataFileInfo }).value;
        if (r.expected.headers) expect(info.headers).toHaveLength(r.expected.headers);
        const committed = await invoke('import.commit', request);
        expect(committed, JSON.stringify(committed).slice(0, 300)).toMatchObject({ ok: true, value: { imported: r.expected.imports.length } });
        for (const c of r.expected.imports) {
          expect(ctx.session.requireFile().sqlite.prepare('SELECT name FROM customer WHERE code = ?').pluck().get(c.code)).toBe(c.name);
        }
      }
      expect(integrity()).toBe('ok');
      // The core still answers.
      expect(await invoke('edit.state', {})).toMatchObject({ ok: true });
    });
  }

  it('the wizard states the workbook limits that LIMITS holds', () => {
    expect(catalogs.en.importWizard.file.limits).toContain(`${LIMITS.workbookRows.toLocaleString('en-US')} rows per sheet`);
    expect(catalogs.en.importWizard.file.limits).toContain(`${LIMITS.workbookCells / 1_000_000} million cells`);
    expect(catalogs['zh-Hant'].importWizard.file.limits).toContain(LIMITS.workbookRows.toLocaleString('en-US'));
  });

  it('stops a workbook reader that runs out of its memory, and says so', async () => {
    const path = join(ctx.dir, 'memory.xlsx');
    writeFileSync(path, xlsx(customerSheet(repeated('<row><c t="inlineStr"><is><t>客戶名稱很長的一個單元格</t></is></c><c><v>1</v></c></row>', 50_000).toString('utf8'))));
    const refused = await readWorkbookInWorker(path, 'xlsx', undefined, 24).then(
      () => null,
      (e: unknown) => e as { details: { rule?: string; params?: Record<string, unknown> } },
    );
    expect(refused?.details.rule).toBe('importWizard.refuse.workbook_memory');
    expect(refused?.details.params).toMatchObject({ file: 'memory.xlsx', limit: 24 });
    // The same file reads with the ordinary cap.
    const grid = await readWorkbookInWorker(path, 'xlsx', undefined);
    expect(grid.cells).toHaveLength(50_001);
  });
});

describe('an import killed half way', () => {
  it('leaves a sound region file holding all of the batch or none of it', async () => {
    await ctx.session.close();
    const regionPath = template.copy();
    const db = new Database(regionPath, { fileMustExist: true });
    const customers = db.prepare('SELECT code FROM customer ORDER BY id LIMIT 40').pluck().all() as string[];
    const skus = db.prepare('SELECT code FROM sku ORDER BY id').pluck().all() as string[];
    const before = db.prepare('SELECT count(*) FROM sales_actual').pluck().get() as number;
    const batches = db.prepare('SELECT count(*) FROM import_batch').pluck().get() as number;
    db.close();
    // 200,000 rows over 12 months, every customer and SKU: thousands of lines to write.
    const lines = ['月份,客戶編碼,存貨編碼,數量,金額,毛利'];
    const keys = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const key = `2027-${String((i % 12) + 1).padStart(2, '0')},${customers[i % customers.length]},${skus[(i >> 3) % skus.length]}`;
      keys.add(key);
      lines.push(`${key},1,${(i % 997) + 1}.5,1`);
    }
    const file = join(tempDir(), 'big.csv');
    writeFileSync(file, lines.join('\n'));
    const child = spawn(process.execPath, [...TSX_ARGS, join(import.meta.dirname, '../../src/main/cli/index.ts'), 'import', 'sales', file, '--into', regionPath], {
      env: { ...process.env, RPLAN_TRACE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Killed as soon as the rows are read and checked: the write transaction is under way.
    const outcome = await new Promise<string>((resolve) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('read and check')) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}: ${err}`));
    });
    expect(outcome).toBe('SIGKILL');
    const after = new Database(regionPath, { fileMustExist: true });
    try {
      expect(after.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      const rows = after.prepare('SELECT count(*) FROM sales_actual').pluck().get() as number;
      const batchesAfter = after.prepare('SELECT count(*) FROM import_batch').pluck().get() as number;
      if (batchesAfter === batches) {
        expect(rows).toBe(before);
      } else {
        // All of it: the batch and a line for every month, customer and SKU of the file.
        expect(batchesAfter).toBe(batches + 1);
        const batch = after.prepare('SELECT max(id) FROM import_batch').pluck().get() as number;
        expect(after.prepare('SELECT count(*) FROM sales_actual WHERE batch_id = ?').pluck().get(batch)).toBe(keys.size);
        expect(rows).toBe(before + keys.size);
      }
    } finally {
      after.close();
    }
  }, 120_000);
});
