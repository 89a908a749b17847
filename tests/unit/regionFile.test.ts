import { closeSync, copyFileSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { APPLICATION_ID } from '../../src/main/core/db/constants';
import { SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import { checkProblems, createRegionFile, openRegionFile } from '../../src/main/core/db/regionFile';
import { sha256, sidecarsOf, tempDir } from './helpers';

async function refusal(path: string): Promise<AppError> {
  try {
    const f = await openRegionFile(path);
    await f.close();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error(`${path} was accepted`);
}

/** Opening must refuse the file and leave it, and its folder, exactly as they were. */
async function expectRefusedUntouched(path: string, reason: string): Promise<AppError> {
  const before = sha256(path);
  const folderBefore = readdirSync(join(path, '..')).sort();
  const err = await refusal(path);
  expect(err.code).toBe('FILE_REFUSED');
  expect(err.details.reason).toBe(reason);
  expect(err.message).toContain(path);
  expect(sha256(path)).toBe(before);
  expect(sidecarsOf(path)).toEqual([]);
  expect(readdirSync(join(path, '..')).sort()).toEqual(folderBefore);
  return err;
}

describe('region file', () => {
  it('is created with its identity, pragmas and the newest schema, and reopens', async () => {
    const dir = tempDir();
    const path = join(dir, '華東大區-2027.rplan');
    const file = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    expect(file.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(file.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(file.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(file.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(file.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const meta = file.sqlite.prepare('SELECT region_id, region_name, plan_year FROM region_meta').get() as {
      region_id: string; region_name: string; plan_year: number;
    };
    expect(meta.region_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meta.region_name).toBe('華東大區');
    expect(meta.plan_year).toBe(2027);
    await file.close();
    // Closed cleanly: one self-contained file, nothing left beside it.
    expect(readdirSync(dir)).toEqual(['華東大區-2027.rplan']);

    const again = await openRegionFile(path);
    expect((again.sqlite.prepare('SELECT region_id FROM region_meta').get() as { region_id: string }).region_id).toBe(meta.region_id);
    await again.close();
  });

  it('refuses to create over an existing file or without the extension', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.rplan');
    writeFileSync(path, 'keep me');
    await expect(createRegionFile(path, { regionName: 'x', planYear: 2027, displayUnit: 'yuan' })).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    await expect(createRegionFile(join(dir, 'a.db'), { regionName: 'x', planYear: 2027, displayUnit: 'yuan' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(readdirSync(dir)).toEqual(['a.rplan']);
  });

  it('refuses an empty file', async () => {
    const path = join(tempDir(), 'empty.rplan');
    writeFileSync(path, '');
    await expectRefusedUntouched(path, 'empty');
  });

  it('refuses a file that is not SQLite', async () => {
    const path = join(tempDir(), 'notes.rplan');
    writeFileSync(path, '區域,目標\n上海,100\n'.repeat(100));
    await expectRefusedUntouched(path, 'not_sqlite');
  });

  it('refuses a foreign SQLite database, also one in WAL mode', async () => {
    const dir = tempDir();
    for (const wal of [false, true]) {
      const path = join(dir, `foreign-${wal}.rplan`);
      const other = new Database(path);
      if (wal) other.pragma('journal_mode = WAL');
      other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      other.close();
      const err = await expectRefusedUntouched(path, 'foreign');
      expect(err.message).toMatch(/not a region file/);
    }
  });

  it('refuses a file from a newer schema', async () => {
    const path = join(tempDir(), 'future.rplan');
    const f = await createRegionFile(path, { regionName: 'x', planYear: 2027, displayUnit: 'wan' });
    f.sqlite.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await f.close();
    const err = await expectRefusedUntouched(path, 'newer_schema');
    expect(err.message).toMatch(/newer version/);
  });

  it('refuses a truncated file', async () => {
    const path = join(tempDir(), 'cut.rplan');
    const f = await createRegionFile(path, { regionName: 'x', planYear: 2027, displayUnit: 'wan' });
    await f.close();
    truncateSync(path, statSync(path).size - 1500);
    await expectRefusedUntouched(path, 'truncated');
  });

  it('opens a file left mid-checkpoint by a crash: the header is ahead of the file, the -wal holds the pages', async () => {
    const dir = tempDir();
    const path = join(dir, 'live.rplan');
    const f = await createRegionFile(path, { regionName: 'x', planYear: 2027, displayUnit: 'wan' });
    await f.close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare('INSERT INTO channel (code, name) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`C${i}`, `渠道${i}`);
    })();
    // The moment of the crash: the file as it was, the -wal with every new page.
    const crashed = join(dir, 'crashed.rplan');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    // The checkpoint had written page 1 (the new page count) and nothing after it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const page1 = readFileSync(path).subarray(0, 4096);
    db.close();
    const fd = openSync(crashed, 'r+');
    writeSync(fd, page1, 0, page1.length, 0);
    closeSync(fd);
    expect(statSync(crashed).size).toBeLessThan(readFileSync(crashed).readUInt32BE(28) * 4096);
    const g = await openRegionFile(crashed);
    expect(g.sqlite.prepare('SELECT count(*) FROM channel WHERE code LIKE ?').pluck().get('C%')).toBe(3000);
    expect(checkProblems(g.sqlite, 'full')).toEqual([]);
    await g.close();
  });

  it('refuses a file whose pages are damaged', async () => {
    const path = join(tempDir(), 'bad.rplan');
    const f = await createRegionFile(path, { regionName: 'x', planYear: 2027, displayUnit: 'wan' });
    const insert = f.sqlite.prepare(`INSERT INTO channel (code, name) VALUES (?, ?)`);
    f.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`C${i}`, `渠道${i}`);
    })();
    await f.close();
    // Overwrite the middle of the file (b-tree pages) with garbage, keeping the size.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    await expectRefusedUntouched(path, 'corrupt');
  });

  it('says which file is missing', async () => {
    const path = join(tempDir(), 'gone.rplan');
    await expect(openRegionFile(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining(path) });
  });

  it('refuses a name without the region file extension', async () => {
    const path = join(tempDir(), 'plan.xlsx');
    writeFileSync(path, 'x');
    await expectRefusedUntouched(path, 'wrong_extension');
  });
});
