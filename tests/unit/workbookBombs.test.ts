import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/main/core/io/dataFile';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { repeated, sheetXml, xlsx } from './hostileFiles';
import { sha256, TSX_ARGS, tempDir, tinyDemoTemplate, webHostCookie } from './helpers';

// A workbook far under the size limits whose sheet is too large to read: refused by the
// row budget in the workbook worker, while the thread that answers calls stays free.

const template = tinyDemoTemplate();

/** 1.2 million one-cell rows: a 30 MB sheet in a zip of well under a megabyte. */
const rowBomb = (rows = 1_200_000) => xlsx(sheetXml(repeated('<row><c><v>1</v></c></row>', rows)));

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('workbook bombs', () => {
  it('the web host answers other calls while a bomb is inspected, and refuses the bomb naming the limit', async () => {
    const root = tempDir();
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    host = await startWebHost({ workspace: join(root, 'workspace'), stateDir: join(root, 'state'), rendererDir, version: '0.0.0-test' });
    const h = host;
    const cookie = await webHostCookie(h);
    const call = (endpoint: string, input: unknown) =>
      fetch(`${h.url}api/invoke/${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(input),
      });
    const bomb = rowBomb();
    expect(bomb.length).toBeLessThan(LIMITS.workbookBytes);
    const uploaded = (await (
      await fetch(`${h.url}api/upload?name=rows.xlsx&purpose=import`, { method: 'POST', headers: { Cookie: cookie }, body: bomb })
    ).json()) as { value: { path: string } };

    const inspecting = call('import.inspect', { path: uploaded.value.path }).then(async (res) => ({ body: (await res.json()) as unknown, at: performance.now() }));
    await sleep(50); // the inspect is under way
    // Five calls while it is read. The machine the tests run on is shared, so one answer may
    // wait for a core; the thread that answers must never wait for the workbook, which takes
    // seconds: the fastest answer comes within 100 ms and none takes a second.
    const took: number[] = [];
    let answered = 0;
    for (let i = 0; i < 5; i++) {
      const asked = performance.now();
      const info = await (await call('app.info', {})).json();
      answered = performance.now();
      took.push(Math.round(answered - asked));
      expect(info).toMatchObject({ ok: true, value: { transport: 'web' } });
    }
    expect(Math.min(...took), `app.info took ${took.join(', ')} ms`).toBeLessThan(100);
    expect(Math.max(...took), `app.info took ${took.join(', ')} ms`).toBeLessThan(1000);
    const inspected = await inspecting;
    // The answers came while the bomb was still being read.
    expect(inspected.at, `the inspect ended ${Math.round(inspected.at - answered)} ms after the last app.info`).toBeGreaterThan(answered);
    expect(inspected.body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', rule: 'importWizard.refuse.too_many_rows', params: { file: 'rows.xlsx', limit: LIMITS.workbookRows } },
    });
    expect((inspected.body as { error: { message: string } }).error.message).toMatch(/at most 1048576 rows per sheet/);
  });

  it('the command line refuses the bomb quickly, with exit 2, and leaves the region file as it was', () => {
    const region = template.copy();
    const before = sha256(region);
    const file = join(tempDir(), 'rows.xlsx');
    // The bomb: 5.5 million rows in a 1.6 MB workbook.
    writeFileSync(file, rowBomb(5_500_000));
    const started = performance.now();
    const r = spawnSync(process.execPath, [...TSX_ARGS, join(import.meta.dirname, '../../src/main/cli/index.ts'), 'import', 'sales', file, '--into', region], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rows\.xlsx: a sheet \(xl\/worksheets\/sheet1\.xml\) has more than 1048576 rows; at most 1048576 rows per sheet can be imported/);
    // Seconds on a busy machine; reading it whole took minutes and gigabytes.
    expect(performance.now() - started).toBeLessThan(45_000);
    expect(sha256(region)).toBe(before);
  }, 90_000);
});
