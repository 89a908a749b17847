import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { TSX_ARGS, sha256, sidecarsOf, tempDir } from './helpers';

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
