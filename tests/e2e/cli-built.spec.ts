import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// The command line as the build writes it (out/main/cli.js): it runs on plain Node, with
// no tsx and no sources, as on a machine that has only the built app's files.

const CLI = join(import.meta.dirname, '../../out/main/cli.js');

test('the built command line runs on plain Node: head office\'s init and status', () => {
  expect(existsSync(CLI), 'npm run build writes out/main/cli.js').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'rplan-cli-built-'));
  try {
    const hq = join(dir, '2027.rplanhq');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
    const init = run('hq', 'init', hq, '--year', '2027', '--regions', '華東大區,華南大區');
    expect(init.status, init.stderr).toBe(0);
    const status = run('hq', 'status', hq, '--json');
    expect(status.status, status.stderr).toBe(0);
    const board = JSON.parse(status.stdout) as { regions: { regionName: string; state: string }[] };
    expect(board.regions.map((r) => [r.regionName, r.state])).toEqual([['華東大區', 'pending'], ['華南大區', 'pending']]);
    expect(run('package', 'verify', join(dir, 'missing.rplanpkg')).status).toBe(2);
    // Two packages: the second is verified on the built package worker (out/main/package-worker.js).
    for (const name of ['a.rplanpkg', 'b.rplanpkg']) writeFileSync(join(dir, name), 'not a zip');
    const receive = run('hq', 'receive', hq, join(dir, 'a.rplanpkg'), join(dir, 'b.rplanpkg'), '--lang', 'en');
    expect(receive.status, receive.stderr).toBe(2);
    expect(receive.stderr).toMatch(/a\.rplanpkg: refused \(notZip\)[^]*b\.rplanpkg: refused \(notZip\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
