import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReturnFile } from '../../src/main/core/io/planReturn';
import { installationSigner } from '../../src/main/core/io/planPackage';
import { describe, expect, it } from 'vitest';
import type { Board } from '../../src/shared/hq';
import { TSX_ARGS } from './helpers';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';

// `hq` on the command line, on both stores: init, receive (exit 2 and the reason on
// stderr for a refused package), status as JSON, return with a comment, confirm.

const CLI = join(import.meta.dirname, '../../src/main/cli/index.ts');
const src = plannedTemplate();
const stores = hqStores('rplan_hqcli');

function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.each(stores)('hq on the command line, on $name', ({ target, skip }) => {
  it.skipIf(skip)('inits, receives, refuses with exit 2, shows the board, returns and confirms', async () => {
    const t = target();
    await createDatabaseOf(t);
    const hq = t.kind === 'sqlite' ? [t.path] : ['--postgres', t.url];
    const init = await cli('hq', 'init', ...hq, '--year', '2027', '--regions', '華東大區,華南大區', '--tolerance', '2', '--cap', '9%');
    expect(init.status, init.stderr).toBe(0);

    const east = newRegion(src.work, '華東大區');
    const p1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z' });
    const ok = await cli('hq', 'receive', ...hq, p1, '--by', '王');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('accepted');
    const again = await cli('hq', 'receive', ...hq, p1, '--lang', 'en');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/refused \(replayed\): This package .* was already received/);

    const status = await cli('hq', 'status', ...hq, '--json');
    expect(status.status, status.stderr).toBe(0);
    const board = JSON.parse(status.stdout) as Board;
    expect(board.cycle).toMatchObject({ planYear: 2027, tolerance: 0.02, expenseCap: 0.09 });
    expect(board.regions.map((r) => [r.regionName, r.state, r.revision])).toEqual([['華東大區', 'submitted', 1], ['華南大區', 'pending', null]]);
    const table = await cli('hq', 'status', ...hq);
    expect(table.stdout).toMatch(/華東大區\t已報送\t1\t/);

    expect((await cli('hq', 'return', ...hq, '華東大區')).status).toBe(1);
    const out = mkdtempSync(join(tmpdir(), 'rplan-hqret-'));
    const state = join(out, 'state');
    const answers = ['--out', out, '--state-dir', state];
    const ret = await cli('hq', 'return', ...hq, '華東大區', '--comment', '三月偏低', '--by', '總部', ...answers);
    expect(ret.status, ret.stderr).toBe(0);
    expect(ret.stdout).toContain('returned by 總部');
    // The region's signed answer, signed by head office's installation key.
    const hqKey = installationSigner(state).fingerprint;
    const returned = await readReturnFile(join(out, '華東大區-2027-r1-returned.rplanret'), { pinnedFingerprint: hqKey });
    expect(returned).toMatchObject({ verdict: 'ok', answer: { regionId: east.id, regionName: '華東大區', planYear: 2027, revision: 1, verdict: 'returned', comment: '三月偏低', decidedBy: '總部' } });
    const p2 = await packageOf(src, east, { revision: 2, replaces: 1, createdAt: '2026-12-07T02:00:00.000Z' });
    expect((await cli('hq', 'receive', ...hq, p2)).status).toBe(0);
    const conf = await cli('hq', 'confirm', ...hq, east.id, ...answers);
    expect(conf.status, conf.stderr).toBe(0);
    expect(await readReturnFile(join(out, '華東大區-2027-r2-confirmed.rplanret'), { pinnedFingerprint: hqKey })).toMatchObject({ verdict: 'ok', answer: { revision: 2, verdict: 'confirmed' } });
    expect(readdirSync(out).filter((n) => n.endsWith('.rplanret'))).toHaveLength(2);
    const twice = await cli('hq', 'confirm', ...hq, '華東大區', '--lang', 'en', ...answers);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('notSubmitted');

    // Head office's targets from its CSV: a bad row sets nothing and names the row.
    const csv = join(out, 'targets.csv');
    const lines = ['區域,月份,銷售額目標（元）,銷量目標（箱）'];
    for (let m = 1; m <= 12; m++) lines.push(`華東大區,${m},"1,000,000",${100 * m}`, `華南大區,${m},800000,${50 * m}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    writeFileSync(join(out, 'bad.csv'), `${lines[0]}\n華東大區,13,100,1\n華東大區,1,12.5,1\n`);
    const bad = await cli('hq', 'targets', ...hq, '--in', join(out, 'bad.csv'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('bad.csv:2: month “13” is not 1–12');
    expect(bad.stderr).toContain('bad.csv:3: amount “12.5” is not a whole number of 元');
    const set = await cli('hq', 'targets', ...hq, '--in', csv, '--out', join(out, 'targets'));
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('24 targets set');
    // 華南大區 has sent nothing yet: its id is not known, so it gets no file and is named.
    expect(set.stdout).toMatch(/華南大區: no file/);
    expect(readdirSync(join(out, 'targets'))).toEqual([expect.stringMatching(/^華東大區-2027-target-.*\.xlsx$/)]);
    const after = JSON.parse((await cli('hq', 'status', ...hq, '--json')).stdout) as Board;
    expect(after.regions.find((r) => r.regionName === '華東大區')!.targetCents).toBe(12 * 100_000_000);

    // The consolidated workbook, read back by SheetJS.
    const book = join(out, 'national.xlsx');
    const exported = await cli('hq', 'export', ...hq, '--xlsx', book, '--unit', 'yuan', '--lang', 'en');
    expect(exported.status, exported.stderr).toBe(0);
    expect(XLSX.read(readFileSync(book)).SheetNames.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
