import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { tempDir } from './helpers';

// The web host serves the same registry as the Electron app; these tests check its
// own guarantees: 127.0.0.1 only, a per-run token, the Host header, path grants.

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const root = tempDir();
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const workspace = join(root, 'workspace');
  host = await startWebHost({ workspace, stateDir: join(root, 'state'), rendererDir, version: '0.0.0-test' });
  return { root, workspace, host };
}

function call(h: WebHost, endpoint: string, input: unknown, token = h.token) {
  return fetch(`${h.url}api/invoke/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-RegionPlan-Token': token },
    body: JSON.stringify(input),
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 and puts the token into the page', async () => {
    const { host: h } = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(h.url);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain(`<meta name="regionplan-token" content="${h.token}">`);
    expect((await fetch(`${h.url}..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('refuses calls without the token and requests for another Host', async () => {
    const { host: h } = await start();
    const noToken = await call(h, 'app.info', {}, 'wrong');
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const port = new URL(h.url).port;
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/invoke/app.info', method: 'POST', headers: { Host: `evil.example:${port}`, 'X-RegionPlan-Token': h.token } }, (res) => resolve(res.statusCode ?? 0));
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('creates, lists, closes and reopens a region file in its folder', async () => {
    const { host: h, workspace } = await start();
    const info = await (await call(h, 'app.info', {})).json();
    expect(info).toMatchObject({ ok: true, value: { transport: 'web', nativeDialogs: false, language: 'zh-Hant' } });
    const created = await (await call(h, 'file.create', { regionName: '華北大區', planYear: 2027, displayUnit: 'wan' })).json();
    expect(created).toMatchObject({ ok: true, value: { regionName: '華北大區', planYear: 2027, fileName: '華北大區-2027.rplan' } });
    expect(readdirSync(workspace).filter((n) => n.endsWith('.rplan'))).toEqual(['華北大區-2027.rplan']);
    // Node's fetch types json() as unknown (the DOM's says any): name what the test reads.
    const browse = (await (await call(h, 'file.browse', {})).json()) as { value: { path: string }[] };
    expect(browse.value).toHaveLength(1);
    await call(h, 'region.updateProfile', { managerName: '李經理' });
    await call(h, 'file.close', {});
    expect(await (await call(h, 'region.overview', {})).json()).toMatchObject({ ok: false, error: { code: 'NO_OPEN_FILE' } });
    const reopened = await (await call(h, 'file.open', { path: browse.value[0].path })).json();
    expect(reopened).toMatchObject({ ok: true, value: { managerName: '李經理' } });
    const recent = (await (await call(h, 'file.recent', {})).json()) as { value: unknown[] };
    expect(recent.value[0]).toMatchObject({ regionName: '華北大區', exists: true });
  });

  it('refuses paths the user did not hand over, and malformed calls', async () => {
    const { host: h, root } = await start();
    const outside = join(root, 'elsewhere.rplan');
    writeFileSync(outside, 'x');
    expect(await (await call(h, 'file.open', { path: outside })).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await (await call(h, 'file.open', { path: 7 })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const notJson = await fetch(`${h.url}api/invoke/app.info`, { method: 'POST', headers: { 'X-RegionPlan-Token': h.token }, body: '{oops' });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(h, 'no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ENDPOINT' } });
  });

  it('says clearly when a file in its folder is not a region file', async () => {
    const { host: h, workspace } = await start();
    writeFileSync(join(workspace, 'broken.rplan'), 'not a database at all');
    const res = (await (await call(h, 'file.open', { path: join(workspace, 'broken.rplan') })).json()) as { error: { message: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', reason: 'not_sqlite' } });
    expect(res.error.message).toContain('broken.rplan');
  });

  it('keeps an uploaded (dropped) file in its folder and refuses other names', async () => {
    const { host: h, workspace } = await start();
    const up = await fetch(`${h.url}api/upload?name=${encodeURIComponent('../../x.txt')}`, { method: 'POST', headers: { 'X-RegionPlan-Token': h.token }, body: 'x' });
    expect(await up.json()).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', reason: 'wrong_extension' } });
    const ok = await fetch(`${h.url}api/upload?name=dropped.rplan`, { method: 'POST', headers: { 'X-RegionPlan-Token': h.token }, body: 'bytes' });
    expect(await ok.json()).toMatchObject({ ok: true, value: { path: join(workspace, 'dropped.rplan') } });
  });
});
