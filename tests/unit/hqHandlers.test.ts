import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { createHandlers } from '../../src/main/core/handlers';
import { setTargets } from '../../src/main/core/hq';
import { readReturnFile } from '../../src/main/core/io/planReturn';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import { newRegion, packageOf, plannedTemplate } from './hqFixtures';
import { testHost } from './helpers';

// Head office's endpoints through the registry, as every transport calls them: the
// workspace is what the session has open instead of a region file.

const src = plannedTemplate();
const dir = mkdtempSync(join(tmpdir(), 'rplan-hqh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const session = new Session(testHost(join(dir, 'state'), {
    chooseExportPath: async (name) => join(dir, name),
    chooseExportFolder: async () => (mkdirSync(join(dir, 'targets'), { recursive: true }), join(dir, 'targets')),
    allowsPath: (p) => p.startsWith(dir),
  }));
  const r = createHandlers(session);
  const ok = async <K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> => {
    const res = await r.invoke(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.value as EndpointResult<K>;
  };
  return { session, r, ok };
}

describe('head office through the registry', () => {
  it('creates a workspace, receives, returns with a signed file, confirms, consolidates', async () => {
    const { session, r, ok } = setup();
    expect((await ok('hq.current', {})).workspace).toBeNull();
    const hqPath = join(dir, 'cycle.rplanhq');
    const created = await ok('hq.create', { path: hqPath, planYear: 2027, name: '2027 年度計劃', regions: ['華東大區', '華南大區'], tolerance: 0.02, expenseCap: 0.1 });
    expect(created).toMatchObject({ planYear: 2027, name: '2027 年度計劃', regionCount: 2, expenseCap: 0.1 });
    expect((await ok('hq.board', {})).regions.map((x) => x.state)).toEqual(['pending', 'pending']);

    const east = newRegion(src.work, '華東大區');
    const south = newRegion(src.work, '華南大區');
    const e1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z', out: join(dir, 'e1.rplanpkg') });
    const s1 = await packageOf(src, south, { revision: 1, replaces: null, createdAt: '2026-12-07T01:00:00.000Z', out: join(dir, 's1.rplanpkg') });
    const receipts = await ok('hq.receive', { paths: [e1, s1, e1] });
    expect(receipts?.map((x) => x.verdict)).toEqual(['accepted', 'accepted', 'refused']);
    expect((await ok('hq.receipts', {})).map((x) => x.verdict)).toEqual(['refused', 'accepted', 'accepted']);
    expect((await ok('hq.board', {})).regions.map((x) => x.state)).toEqual(['submitted', 'submitted']);

    // A return needs a comment (the schema), and writes the signed answer.
    const bad = await r.invoke('hq.return', { region: '華東大區', comment: '  ' });
    expect(bad.ok).toBe(false);
    const ret = await ok('hq.return', { region: '華東大區', comment: '費用率偏高，請調整' });
    expect(ret.returnPath).toBe(join(dir, '華東大區 2027 第1版 回覆.rplanret'));
    const read = await readReturnFile(ret.returnPath!);
    expect(read.verdict === 'ok' && read.answer).toMatchObject({ verdict: 'returned', comment: '費用率偏高，請調整', revision: 1, regionName: '華東大區' });

    // Confirming a returned region is refused in words of the catalog.
    const refused = await r.invoke('hq.confirm', { region: '華東大區' });
    expect(refused.ok === false && refused.error).toMatchObject({ code: 'CONFLICT', rule: 'hq.reason.notSubmitted' });

    const e2 = await packageOf(src, east, { revision: 2, replaces: 1, createdAt: '2026-12-07T03:00:00.000Z', out: join(dir, 'e2.rplanpkg') });
    expect((await ok('hq.receive', { paths: [e2] }))?.[0].verdict).toBe('accepted');
    await ok('hq.confirm', { region: '華東大區' });
    await ok('hq.confirm', { region: '華南大區' });
    const board = await ok('hq.board', {});
    expect(board.regions.map((x) => [x.state, x.revision])).toEqual([['confirmed', 2], ['confirmed', 1]]);
    const national = await ok('hq.national', {});
    expect(national.reduce((s, c) => s + c.planCents, 0)).toBe(2 * src.planCents);
    expect((await ok('hq.byBrand', {})).length).toBeGreaterThan(0);
    expect((await ok('hq.byChannel', {})).length).toBeGreaterThan(0);
    expect((await ok('hq.expenses', {})).length).toBe(2);

    // The consolidated workbook, and a target file for each region head office has a target for.
    const book = await ok('hq.exportWorkbook', {});
    expect(book?.path.endsWith('.xlsx')).toBe(true);
    expect(XLSX.read(readFileSync(book!.path)).SheetNames.length).toBeGreaterThan(1);
    expect(await ok('hq.exportTargets', {})).toEqual({ paths: [], skipped: ['華東大區', '華南大區'] });
    await setTargets(session.requireHq().store, [1, 2, 3].map((month) => ({ region: '華南大區', month, amountCents: 100_000_00, volume: 10 })));
    const targets = await ok('hq.exportTargets', {});
    expect(targets.skipped).toEqual(['華東大區']);
    expect(targets.paths).toHaveLength(1);
    expect(existsSync(targets.paths[0])).toBe(true);
    // All the files go to the one folder the analyst picked, not a dialog per region.
    expect(dirname(targets.paths[0])).toBe(join(dir, 'targets'));

    // Region-file endpoints see no region file; closing leaves nothing open.
    expect((await r.invoke('region.overview', {})).ok).toBe(false);
    await ok('hq.close', {});
    expect((await ok('hq.current', {})).workspace).toBeNull();
    expect(session.hq).toBeNull();

    // Reopened, it is the same workspace.
    expect(await ok('hq.open', { path: hqPath })).toMatchObject({ regionCount: 2 });
    await session.close();
    expect(existsSync(hqPath)).toBe(true);
  }, 120_000);

  it('refuses paths the user did not hand over, and a file that is not a workspace', async () => {
    const { r } = setup();
    const outside = await r.invoke('hq.open', { path: '/etc/passwd.rplanhq' });
    expect(outside.ok === false && outside.error.code).toBe('FORBIDDEN');
    const wrong = await r.invoke('hq.open', { path: join(dir, 'x.rplan') });
    expect(wrong.ok === false && wrong.error.code).toBe('FILE_REFUSED');
    const noHq = await r.invoke('hq.board', {});
    expect(noHq.ok === false && noHq.error.code).toBe('NO_OPEN_FILE');
  });
});
