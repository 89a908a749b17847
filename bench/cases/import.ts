import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { ActualsJobRequest } from '../../src/main/core/io/actuals/request';
import type { ImportCommitResult } from '../../src/shared/importTypes';
import type { BenchCase, BenchContext } from '../types';
import { LARGE } from './foundation';

// import-1m-gbk: a 1,000,000-line sales-actuals CSV in GBK with Chinese headers (an ERP
// export of the plan year: month × customer × SKU, the region's real codes and names)
// imported into a copy of the large region through the import engine, in a child process
// (its peak RSS is the import's own). Baseline: the sqlite3 shell's `.import --csv` of the
// same rows as UTF-8 into a bare 8-column TEXT table of a fresh database, in the same run.
// Beside it, the floor of the region's own table: the same lines, already resolved to ids
// and in key order, put into another fresh copy by SQLite alone (INSERT … SELECT from a
// temporary table, the SKU index built again, the durable commit), with the import's pragmas.

const ROWS = 1_000_000;
const HEADERS = ['月份', '客戶編碼', '客戶名稱', '存貨編碼', '存貨名稱', '數量', '金額', '毛利'];
/** Bump when the generated rows change, so the cached files are made again. */
const FORMAT_VERSION = 1;
const SQLITE3 = '/usr/bin/sqlite3';
const CHILD = join(import.meta.dirname, 'importChild.ts');

interface Member {
  code: string;
  name: string;
}

/** Deterministic 32-bit PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** GBK, as Excel on a Chinese Windows saves a CSV. */
const gbkEncode = (text: string): Buffer => iconv.encode(text, 'gbk');

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function membersOf(regionPath: string): { customers: Member[]; skus: Member[] } {
  const db = new Database(regionPath, { readonly: true });
  try {
    const customers = db.prepare(`SELECT code, name FROM customer WHERE status = 'active' ORDER BY code`).all() as Member[];
    const skus = db.prepare(`SELECT code, name FROM sku WHERE status = 'active' ORDER BY code`).all() as Member[];
    return { customers, skus };
  } finally {
    db.close();
  }
}

/**
 * The 1M-line file, in GBK and in UTF-8 (same rows), made once per large region and kept
 * in .bench/. Keys are distinct: in each month, customer i % C with SKU (k + 7c + 13m) % S
 * where k = floor(i / C) < S.
 */
function ensureFiles(ctx: BenchContext, regionPath: string): { gbk: string; utf8: string } {
  const stem = join(ctx.workDir, `import-1m-${basename(regionPath, '.rplan')}-v${FORMAT_VERSION}`);
  const gbk = `${stem}.gbk.csv`;
  const utf8 = `${stem}.utf8.csv`;
  if (existsSync(gbk) && existsSync(utf8)) return { gbk, utf8 };
  const { customers, skus } = membersOf(regionPath);
  const perMonth = Math.ceil(ROWS / 12);
  if (Math.ceil(perMonth / customers.length) > skus.length) throw new Error('import-1m-gbk: the large region has too few customers × SKUs');
  const encode = gbkEncode;
  const rand = prng(LARGE.seed);
  const tmpG = `${gbk}.tmp`;
  const tmpU = `${utf8}.tmp`;
  const fg = openSync(tmpG, 'w');
  const fu = openSync(tmpU, 'w');
  try {
    const head = `${HEADERS.join(',')}\r\n`;
    writeSync(fg, encode(head));
    writeSync(fu, head);
    const custCells = customers.map((c) => `${csvCell(c.code)},${csvCell(c.name)}`);
    const skuCells = skus.map((s) => `${csvCell(s.code)},${csvCell(s.name)}`);
    let chunk: string[] = [];
    const flush = () => {
      const text = chunk.join('');
      writeSync(fg, encode(text));
      writeSync(fu, text);
      chunk = [];
    };
    let written = 0;
    for (let m = 1; m <= 12 && written < ROWS; m++) {
      const month = `${LARGE.planYear}-${String(m).padStart(2, '0')}`;
      for (let i = 0; i < perMonth && written < ROWS; i++, written++) {
        const c = i % customers.length;
        const k = Math.floor(i / customers.length);
        const s = (k + 7 * c + 13 * m) % skus.length;
        const volume = 1 + Math.floor(rand() * 400);
        const cents = volume * (1500 + Math.floor(rand() * 6000));
        const gp = Math.floor(cents * (0.1 + rand() * 0.25));
        chunk.push(`${month},${custCells[c]},${skuCells[s]},${volume},${(cents / 100).toFixed(2)},${(gp / 100).toFixed(2)}\r\n`);
        if (chunk.length === 20_000) flush();
      }
    }
    flush();
  } finally {
    closeSync(fg);
    closeSync(fu);
  }
  renameSync(tmpG, gbk);
  renameSync(tmpU, utf8);
  return { gbk, utf8 };
}

/** The sqlite3 shell: `.import --csv` of the UTF-8 rows into a bare table of a fresh database. */
function baselineImport(ctx: BenchContext, utf8: string): { ms: number; rows: number; amountCents: number } {
  if (!existsSync(SQLITE3)) throw new Error(`import-1m-gbk: the baseline needs ${SQLITE3} (apt-get install sqlite3)`);
  const db = join(ctx.workDir, 'import-1m-baseline.db');
  for (const p of [db, `${db}-journal`, `${db}-wal`]) rmSync(p, { force: true });
  const create = `CREATE TABLE t(${HEADERS.map((_, i) => `c${i} TEXT`).join(', ')});`;
  const setup = spawnSync(SQLITE3, [db, create], { encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`sqlite3: ${setup.stderr}`);
  const t0 = performance.now();
  const r = spawnSync(SQLITE3, [db, `.import --csv --skip 1 '${utf8.replace(/'/g, "''")}' t`], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || r.stderr.trim() !== '') throw new Error(`sqlite3 .import: ${r.stderr || `exit ${r.status}`}`);
  // The amounts are written with two decimals: their cents, summed, check ours.
  const count = spawnSync(SQLITE3, [db, `SELECT count(*) || ' ' || sum(CAST(replace(c6, '.', '') AS INTEGER)) FROM t`], { encoding: 'utf8' });
  rmSync(db, { force: true });
  const [rows, amountCents] = count.stdout.trim().split(' ').map(Number);
  return { ms, rows, amountCents };
}

/** A fresh copy of the large region at `path` (not timed); returns what removes it again. */
async function freshCopy(large: string, path: string): Promise<() => void> {
  const remove = () => {
    for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  };
  remove();
  const src = new Database(large, { readonly: true });
  try {
    await src.backup(path);
  } finally {
    src.close();
  }
  return remove;
}

/**
 * The schema's floor: the batch's lines, read back from the imported copy, written by SQL
 * alone into a fresh copy of the large region as the import writes them (the SKU index
 * dropped, the lines in key order, the index built again, one durable commit). Only that
 * write is timed; staging the lines in a temporary table is not.
 */
async function schemaFloor(ctx: BenchContext, large: string, imported: string, batchId: number): Promise<{ ms: number; insertMs: number; indexMs: number; commitMs: number }> {
  const floorCopy = join(ctx.workDir, 'import-1m-floor.rplan');
  const remove = await freshCopy(large, floorCopy);
  const db = new Database(floorCopy);
  try {
    // The import's connection: WAL, durable commits, foreign keys checked, the bulk page cache.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -262144');
    // As the import builds the SKU index (and before the temporary table: changing it drops them).
    db.pragma('temp_store = FILE');
    db.prepare('ATTACH DATABASE ? AS imported').run(imported);
    db.prepare('INSERT INTO import_batch SELECT * FROM imported.import_batch WHERE id = ?').run(batchId);
    db.exec('CREATE TEMP TABLE lines AS SELECT * FROM imported.sales_actual WHERE 0');
    db.prepare('INSERT INTO temp.lines SELECT * FROM imported.sales_actual WHERE batch_id = ? ORDER BY period, customer_id, sku_id').run(batchId);
    db.exec('DETACH DATABASE imported');
    const skuIndex = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sales_actual_sku'").pluck().get() as string;
    const t0 = performance.now();
    db.exec('BEGIN IMMEDIATE');
    db.exec('DROP INDEX sales_actual_sku');
    db.exec('INSERT INTO main.sales_actual SELECT * FROM temp.lines ORDER BY rowid');
    const t1 = performance.now();
    db.pragma('cache_size = -2000');
    db.exec(skuIndex);
    const t2 = performance.now();
    db.exec('COMMIT');
    const t3 = performance.now();
    return { ms: t3 - t0, insertMs: t1 - t0, indexMs: t2 - t1, commitMs: t3 - t2 };
  } finally {
    db.close();
    remove();
  }
}

export const import1mGbk: BenchCase = {
  name: 'import-1m-gbk',
  async run(ctx) {
    const large = await ctx.largeRegion();
    const { gbk, utf8 } = ensureFiles(ctx, large);

    const copy = join(ctx.workDir, 'import-1m-target.rplan');
    const removeCopy = await freshCopy(large, copy);

    let baseline: { ms: number; rows: number; amountCents: number };
    let ours: { ms: number; peakRssMb: number; result: ImportCommitResult };
    let written: { rows: number; amountCents: number };
    let floor: Awaited<ReturnType<typeof schemaFloor>>;
    try {
      baseline = baselineImport(ctx, utf8);
      if (baseline.rows !== ROWS) throw new Error(`sqlite3 .import wrote ${baseline.rows} rows, not ${ROWS}`);

      const request: ActualsJobRequest = {
        path: gbk,
        encoding: 'gb18030',
        headerRow: 1,
        destination: 'actuals:sales',
        mapping: { period: 0, customer: 1, customerName: 2, sku: 3, skuName: 4, volume: 5, amount: 6, grossProfit: 7 },
        options: { dateOrder: 'ymd', dateSystem: 1900, amountUnit: 'yuan' },
        source: 'bench',
        resolutions: [],
      };
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, copy, JSON.stringify(request)], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`import-1m-gbk: the import failed (exit ${child.status}): ${child.stderr.slice(0, 4000)}`);
      ours = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as typeof ours;

      // Verify: the new batch holds every line, and its amounts add up to the file's.
      const db = new Database(copy, { readonly: true });
      try {
        written = db
          .prepare('SELECT count(*) AS rows, coalesce(sum(amount_cents), 0) AS amountCents FROM sales_actual WHERE batch_id = ?')
          .get(ours.result.batchId ?? -1) as typeof written;
      } finally {
        db.close();
      }
      floor = await schemaFloor(ctx, large, copy, ours.result.batchId ?? -1);
    } finally {
      removeCopy();
    }
    if (written.rows !== ROWS) throw new Error(`import-1m-gbk: batch ${ours.result.batchId} has ${written.rows} sales_actual rows, not ${ROWS}`);
    if (written.amountCents !== baseline.amountCents) {
      throw new Error(`import-1m-gbk: the batch's amounts add up to ${written.amountCents} cents, the file's to ${baseline.amountCents}`);
    }

    return {
      case: 'import-1m-gbk',
      ours_ms: Math.round(ours.ms),
      baseline: 'sqlite3 shell .import --csv of the same rows as UTF-8 into a bare 8-column TEXT table (fresh database)',
      baseline_ms: Math.round(baseline.ms),
      ratio: Math.round((ours.ms / baseline.ms) * 100) / 100,
      peak_rss_mb: ours.peakRssMb,
      floor_ms: Math.round(floor.ms),
      floor_ratio: Math.round((floor.ms / baseline.ms) * 100) / 100,
      note:
        `${ROWS.toLocaleString('en-US')} lines, ${Math.round(statSync(gbk).size / 1048576)} MB GBK; batch ${ours.result.batchId} verified (${written.rows.toLocaleString('en-US')} rows, amounts add up); goal ≤ 2.0. ` +
        `The region table's floor (the same lines resolved and in key order, written by SQL alone as the import writes them): ${Math.round(floor.ms)} ms, ${Math.round((floor.ms / baseline.ms) * 100) / 100}× the baseline ` +
        `(insert ${Math.round(floor.insertMs)} ms, SKU index ${Math.round(floor.indexMs)} ms, commit ${Math.round(floor.commitMs)} ms); ours is ${Math.round((ours.ms / floor.ms) * 100) / 100}× the floor`,
    };
  },
};
