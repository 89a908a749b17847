import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { decodeWireResult, decodeWireRows, WIRE_ROWS_HEADER, WIRE_ROWS_VALUE } from '../../src/shared/wireRows';
import { tempDir } from './helpers';

// The web host serves the same registry as the Electron app; these tests check its
// own guarantees: 127.0.0.1 only, a session only for the browser that opened a
// one-time launch link, the Host and Origin headers, path grants, and plain 4xx
// answers (naming no absolute path) to malformed requests.

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
  const cookie = await launch(host.newLaunchUrl());
  return { root, workspace, host, cookie };
}

/** Opens a launch link as a browser would; resolves the Cookie header it then sends. */
async function launch(launchUrl: string): Promise<string> {
  const res = await fetch(launchUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/');
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\//);
  return setCookie.split(';')[0];
}

function call(h: WebHost, endpoint: string, input: unknown, cookie: string) {
  return fetch(`${h.url}api/invoke/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(input),
  });
}

/** A request exactly as written (fetch would not send a Host or Origin of our choosing). */
function raw(h: WebHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const port = new URL(h.url).port;
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 and serves the app only to the browser that opened the launch link', async () => {
    const { host: h, cookie } = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // Without the session: a page that asks for the launch link, and nothing that could open the API.
    const bare = await fetch(h.url);
    expect(bare.status).toBe(403);
    const bareText = await bare.text();
    expect(bareText).toContain('launch link');
    expect(bareText).not.toContain(cookie.split('=')[1]);
    expect(bareText).not.toContain('<title>t</title>');
    expect(bareText).not.toMatch(/token/i);
    expect((await fetch(`${h.url}index.html`)).status).toBe(403);
    // With it: the app's page, with its CSP and no secret in it.
    const res = await fetch(h.url, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const page = await res.text();
    expect(page).toContain('<title>t</title>');
    expect(page).not.toContain(cookie.split('=')[1]);
    expect(page).not.toMatch(/regionplan-token/);
    expect((await fetch(`${h.url}..%2f..%2fpackage.json`, { headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('spends a launch link on its first use', async () => {
    const { host: h } = await start();
    const link = h.newLaunchUrl();
    const cookie = await launch(link);
    expect((await call(h, 'app.info', {}, cookie)).status).toBe(200);
    // Another client opening the same link gets neither the cookie nor the app.
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('already been used');
    // A wrong or missing secret is refused the same way.
    expect((await fetch(`${h.url}launch?k=guess`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${h.url}launch`, { redirect: 'manual' })).status).toBe(403);
    // The browser that holds the session is sent on to the app, without a new cookie.
    const back = await fetch(link, { redirect: 'manual', headers: { Cookie: cookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('set-cookie')).toBeNull();
  });

  it('refuses API calls and the event stream without the session cookie', async () => {
    const { host: h, cookie } = await start();
    const noCookie = await fetch(`${h.url}api/invoke/app.info`, { method: 'POST', body: '{}' });
    expect(noCookie.status).toBe(401);
    expect(await noCookie.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrong = await call(h, 'app.info', {}, `${cookie.split('=')[0]}=${'x'.repeat(43)}`);
    expect(wrong.status).toBe(401);
    // The token the page used to carry opens nothing any more.
    expect((await fetch(`${h.url}api/invoke/app.info`, { method: 'POST', headers: { 'X-RegionPlan-Token': cookie.split('=')[1] }, body: '{}' })).status).toBe(401);
    expect((await raw(h, `/api/events?token=${cookie.split('=')[1]}`)).status).toBe(401);
    const events = await fetch(`${h.url}api/events`, { headers: { Cookie: cookie } });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    await events.body?.cancel();
  });

  it('refuses requests for another Host, and from another Origin', async () => {
    const { host: h, cookie } = await start();
    const port = new URL(h.url).port;
    const call = (headers: Record<string, string>) => raw(h, '/api/invoke/app.info', { method: 'POST', headers: { Cookie: cookie, ...headers }, body: '{}' });
    expect((await call({ Host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await call({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await call({ Host: `evil.example:${port}` })).status).toBe(403);
    const otherOrigin = await call({ Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' });
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.text).toContain('Origin');
    expect((await call({ Host: `127.0.0.1:${port}`, Origin: 'null' })).status).toBe(403);
    expect((await raw(h, h.newLaunchUrl().slice(h.url.length - 1), { headers: { Host: `evil.example:${port}` } })).status).toBe(403);
  });

  it('creates, lists, closes and reopens a region file in its folder', async () => {
    const { host: h, workspace, cookie } = await start();
    const info = await (await call(h, 'app.info', {}, cookie)).json();
    expect(info).toMatchObject({ ok: true, value: { transport: 'web', nativeDialogs: false, language: 'zh-Hant' } });
    const created = await (await call(h, 'file.create', { regionName: '華北大區', planYear: 2027, displayUnit: 'wan' }, cookie)).json();
    expect(created).toMatchObject({ ok: true, value: { regionName: '華北大區', planYear: 2027, fileName: '華北大區-2027.rplan' } });
    expect(readdirSync(workspace).filter((n) => n.endsWith('.rplan'))).toEqual(['華北大區-2027.rplan']);
    // Node's fetch types json() as unknown (the DOM's says any): name what the test reads.
    const browse = (await (await call(h, 'file.browse', {}, cookie)).json()) as { value: { path: string }[] };
    expect(browse.value).toHaveLength(1);
    await call(h, 'region.updateProfile', { managerName: '李經理' }, cookie);
    await call(h, 'file.close', {}, cookie);
    expect(await (await call(h, 'region.overview', {}, cookie)).json()).toMatchObject({ ok: false, error: { code: 'NO_OPEN_FILE' } });
    const reopened = await (await call(h, 'file.open', { path: browse.value[0].path }, cookie)).json();
    expect(reopened).toMatchObject({ ok: true, value: { managerName: '李經理' } });
    const recent = (await (await call(h, 'file.recent', {}, cookie)).json()) as { value: unknown[] };
    expect(recent.value[0]).toMatchObject({ regionName: '華北大區', exists: true });
  });

  it("runs an edit command with its follow-ups in one call, and refuses a malformed call's body", async () => {
    const { host: h, cookie } = await start();
    await call(h, 'file.create', { regionName: '華北大區', planYear: 2027, displayUnit: 'wan' }, cookie);
    const post = (body: string) =>
      fetch(`${h.url}api/call/region.updateProfile`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, [WIRE_ROWS_HEADER]: WIRE_ROWS_VALUE }, body });
    const followUps = [{ endpoint: 'region.overview', input: {} }, { endpoint: 'expenses.items', input: {} }];
    // A view on screen has read its answer once (a query never run is not answered with a command).
    await call(h, 'region.overview', {}, cookie);
    const answered = decodeWireResult(await (await post(JSON.stringify({ input: { managerName: '李經理' }, followUps }))).json());
    expect(answered).toMatchObject({ ok: true, answers: [{ ok: true, value: { summary: { managerName: '李經理' } } }, null] });
    for (const body of ['[]', '{"input":{},"sql":1}', '{oops']) {
      expect(await (await post(body)).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const refused = await (await post(JSON.stringify({ input: { managerName: '王經理' }, followUps: [{ endpoint: 'file.close', input: {} }] }))).json();
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(h, 'region.overview', {}, cookie)).json()).toMatchObject({ ok: true, value: { summary: { managerName: '李經理' } } });
  });

  it('sends long record lists as columns only to a caller that asks for them, decoding to the same answer', async () => {
    const { host: h, cookie } = await start();
    const plainText = await (await call(h, 'master.geoCatalog', {}, cookie)).text();
    const plainAnswer = JSON.parse(plainText) as { ok: boolean; value: { divisions: unknown[] } };
    expect(plainAnswer.ok).toBe(true);
    expect(plainAnswer.value.divisions.length).toBeGreaterThan(300);
    const asked = await fetch(`${h.url}api/invoke/master.geoCatalog`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, [WIRE_ROWS_HEADER]: WIRE_ROWS_VALUE },
      body: '{}',
    });
    const columnsText = await asked.text();
    expect(columnsText.length).toBeLessThan(plainText.length * 0.8);
    expect(JSON.stringify(decodeWireRows(JSON.parse(columnsText)))).toBe(plainText);
  });

  it('refuses paths the user did not hand over, and malformed calls', async () => {
    const { host: h, root, cookie } = await start();
    const outside = join(root, 'elsewhere.rplan');
    writeFileSync(outside, 'x');
    expect(await (await call(h, 'file.open', { path: outside }, cookie)).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await (await call(h, 'file.open', { path: 7 }, cookie)).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const notJson = await fetch(`${h.url}api/invoke/app.info`, { method: 'POST', headers: { Cookie: cookie }, body: '{oops' });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(h, 'no.such', {}, cookie)).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ENDPOINT' } });
  });

  it('says clearly when a file in its folder is not a region file', async () => {
    const { host: h, workspace, cookie } = await start();
    writeFileSync(join(workspace, 'broken.rplan'), 'not a database at all');
    const res = (await (await call(h, 'file.open', { path: join(workspace, 'broken.rplan') }, cookie)).json()) as { error: { message: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', reason: 'not_sqlite' } });
    expect(res.error.message).toContain('broken.rplan');
  });

  it('keeps an uploaded (dropped) file in its folder and refuses other names', async () => {
    const { host: h, workspace, cookie } = await start();
    const up = await fetch(`${h.url}api/upload?name=notes.txt`, { method: 'POST', headers: { Cookie: cookie }, body: 'x' });
    expect(await up.json()).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', reason: 'wrong_extension' } });
    const ok = await fetch(`${h.url}api/upload?name=dropped.rplan`, { method: 'POST', headers: { Cookie: cookie }, body: 'bytes' });
    expect(await ok.json()).toMatchObject({ ok: true, value: { path: join(workspace, 'dropped.rplan') } });
  });

  it('answers malformed addresses and upload names with a plain 4xx that names no path', async () => {
    const { host: h, workspace, cookie } = await start();
    const upload = (name: string) => raw(h, `/api/upload?name=${name}`, { method: 'POST', headers: { Cookie: cookie }, body: 'bytes' });
    const cases: [string, Promise<{ status: number; text: string }>, RegExp][] = [
      ['NUL in an upload name', upload('a%00b.rplan'), /control character/],
      ['a control character in an upload name', upload('a%0Ab.rplan'), /control character/],
      ['a 300-character upload name', upload(`${'x'.repeat(300)}.rplan`), /longer than 200 bytes/],
      ['a name of 70 Chinese characters (210 bytes)', upload(encodeURIComponent(`${'華'.repeat(70)}.rplan`)), /longer than 200 bytes/],
      ['a path in an upload name', upload(encodeURIComponent('../../x.rplan')), /path separator/],
      ['a Windows path in an upload name', upload(encodeURIComponent('..\\x.rplan')), /path separator/],
      ['"..", the parent folder', upload('..'), /not a file name/],
      ['no upload name', upload(''), /no file name/],
      ['a malformed percent-encoding in the address', raw(h, '/%', { headers: { Cookie: cookie } }), /malformed percent-encoding/],
      ['a malformed percent-encoding in an endpoint', raw(h, '/api/invoke/%E0%A4%A', { method: 'POST', headers: { Cookie: cookie }, body: '{}' }), /malformed percent-encoding/],
      ['NUL in the address', raw(h, '/index%00.html', { headers: { Cookie: cookie } }), /control character/],
    ];
    for (const [what, answer, message] of cases) {
      const { status, text } = await answer;
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      expect(text, what).toMatch(message);
      expect(text, what).not.toContain(workspace);
    }
    expect(readdirSync(workspace)).toEqual([]);
    // Still answering, and a legal name of 200 bytes is kept.
    const longest = `${'x'.repeat(194)}.rplan`;
    expect(JSON.parse((await upload(longest)).text)).toMatchObject({ ok: true, value: { path: join(workspace, longest) } });
  });
});
