import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/handlers';
import { serverProblemOf } from '../../src/main/core/hq';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import { scrubPassword, serverLocation, serverUrlProblem, withPassword as putPassword, withoutPassword } from '../../src/shared/hqServer';
import { createDatabaseOf, hqStores, newRegion, packageOf, plannedTemplate } from './hqFixtures';
import { testHost } from './helpers';

// The window's side of a workspace on a PostgreSQL server (create, open, what it says when
// it cannot), hq settings, and head office's say-so on a refused package (accept a
// region's new key, register a region), through the registry as every transport calls
// them, on a file and on a server. The password of a server URL never comes back.

const src = plannedTemplate();
const dir = mkdtempSync(join(tmpdir(), 'rplan-hqpg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stores = hqStores('rplan_hqpg');
const PASSWORD = 'S3cret-Pw_9';
const T0 = '2026-12-07T01:00:00.000Z';
const T1 = '2026-12-07T02:00:00.000Z';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.closeHq();
});

function setup() {
  const session = new Session(testHost(join(dir, 'state'), { allowsPath: (p) => p.startsWith(dir) }));
  sessions.push(session);
  const r = createHandlers(session);
  const ok = async <K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> => {
    const res = await r.invoke(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.value as EndpointResult<K>;
  };
  const fails = async <K extends EndpointName>(name: K, input: unknown) => {
    const res = await r.invoke(name, input as EndpointInput<K>);
    expect(res.ok, `${name} should fail`).toBe(false);
    if (res.ok) throw new Error('unreachable');
    expect(JSON.stringify(res.error)).not.toContain(PASSWORD);
    return res.error;
  };
  return { session, r, ok, fails };
}

/** The password as the pg driver reads it from a URL (pg-connection-string decodes the user-info part). */
const passwordOfUrl = (url: string) => decodeURIComponent(new URL(url).password);

/** A server URL with a password in it (the test server trusts loopback logins, so any password connects). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

async function onServer(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

describe('server URLs', () => {
  it('accepts postgres:// and postgresql:// with a host and a database, and nothing else', () => {
    expect(serverUrlProblem('postgres://ana@db.example:5432/hq2027')).toBeNull();
    expect(serverUrlProblem('postgresql://ana:pw@10.0.0.5/hq?sslmode=require')).toBeNull();
    expect(serverUrlProblem('')).toBe('empty');
    expect(serverUrlProblem('mysql://ana@h/db')).toBe('scheme');
    expect(serverUrlProblem('/home/ana/hq.rplanhq')).toBe('scheme');
    expect(serverUrlProblem('postgres://ana@h:5432/')).toBe('database');
    expect(serverUrlProblem('postgres://h/db\0x')).toBe('nul');
    expect(serverUrlProblem(`postgres://h/${'d'.repeat(3000)}`)).toBe('tooLong');
  });

  it('shows a URL without its password, and scrubs the password from any text', () => {
    const url = 'postgres://ana:p%40ss%2Fw0rd@db.example:6432/%E7%B8%BD%E9%83%A8';
    expect(withoutPassword(url)).toBe('postgres://ana@db.example:6432/%E7%B8%BD%E9%83%A8');
    expect(withoutPassword('postgres://h/db?password=secret&sslmode=require')).toBe('postgres://h/db?sslmode=require');
    expect(serverLocation(url)).toEqual({ kind: 'server', url: 'postgres://ana@db.example:6432/%E7%B8%BD%E9%83%A8', server: 'db.example:6432', database: '總部', user: 'ana' });
    expect(scrubPassword('login p@ss/w0rd failed (p%40ss%2Fw0rd)', url)).toBe('login *** failed (***)');
  });

  it('puts a password typed in its own field into the URL, as the driver reads it back', () => {
    const url = putPassword('postgres://ana@db.example:5432/hq', 'p@ss:w/%rd');
    expect(passwordOfUrl(url)).toBe('p@ss:w/%rd');
    expect(withoutPassword(url)).toBe('postgres://ana@db.example:5432/hq');
    expect(putPassword(' postgres://ana:old@h/db ', '')).toBe('postgres://ana:old@h/db');
  });

  it('says what went wrong and where, without the password', () => {
    const url = `postgres://ana:${PASSWORD}@db.example:5432/hq`;
    const auth = serverProblemOf(Object.assign(new Error(`password authentication failed for user "ana" ${PASSWORD}`), { code: '28P01' }), url);
    expect(auth.kind).toBe('authFailed');
    expect(auth.params).toEqual({ server: 'db.example:5432', database: 'hq', user: 'ana' });
    expect(auth.message).toContain('db.example:5432');
    expect(auth.message).not.toContain(PASSWORD);
    expect(serverProblemOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), url).kind).toBe('unreachable');
    expect(serverProblemOf(Object.assign(new Error('database "hq" does not exist'), { code: '3D000' }), url).kind).toBe('noDatabase');
  });
});

describe('the window on a workspace server, refusing what it cannot use', () => {
  it('refuses a URL that is not a PostgreSQL one, and never repeats it', async () => {
    const { fails } = setup();
    for (const url of [`mysql://ana:${PASSWORD}@h/db`, `postgres://ana:${PASSWORD}@h/`, `postgres://ana:${PASSWORD}@h/db\0`, 'x'.repeat(3000)]) {
      const e = await fails('hq.openServer', { url });
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.issues?.[0].path).toBe('url');
    }
    const e = await fails('hq.createOnServer', { url: 'file:///tmp/x', planYear: 2027, name: 'x', regions: [] });
    expect(e.message).toContain('postgres://');
  });

  it('says the server cannot be reached', async () => {
    const { fails } = setup();
    const e = await fails('hq.openServer', { url: `postgres://ana:${PASSWORD}@127.0.0.1:1/hq` });
    expect(e).toMatchObject({ code: 'FILE_REFUSED', rule: 'hqPg.problem.unreachable', params: { server: '127.0.0.1:1', database: 'hq' } });
  });
});

describe.each(stores)('the window on a $name workspace', ({ name, target, skip }) => {
  /** Creates a workspace the way the window does (a file path, or a server URL with a password). */
  async function workspace({ ok, session }: ReturnType<typeof setup>, regions = ['華東大區', '華南大區']) {
    const t = target();
    if (t.kind === 'sqlite') session.grant(t.path);
    await createDatabaseOf(t);
    const cycle = { planYear: 2027, name: '2027 年度計劃', regions, tolerance: 0.01, expenseCap: 0.1 };
    const summary = t.kind === 'sqlite' ? await ok('hq.create', { path: t.path, ...cycle }) : await ok('hq.createOnServer', { url: withPassword(t.url), ...cycle });
    return { t, summary: summary! };
  }

  it.skipIf(skip)('creates and reopens a workspace; the summary says where it lives and holds no password', async () => {
    const env = setup();
    const { ok, fails, session } = env;
    const { t, summary } = await workspace(env);
    expect(JSON.stringify(summary)).not.toContain(PASSWORD);
    expect(JSON.stringify((await ok('hq.current', {})).workspace)).not.toContain(PASSWORD);
    if (t.kind === 'sqlite') {
      expect(summary.location).toEqual({ kind: 'file', path: t.path });
      return;
    }
    const where = serverLocation(t.url);
    expect(summary.location).toEqual(where);
    expect(summary).toMatchObject({ path: where.url, fileName: where.database, planYear: 2027, regionCount: 2 });

    await session.closeHq();
    expect((await ok('hq.current', {})).workspace).toBeNull();
    // The same database again: it already holds a workspace.
    expect(await fails('hq.createOnServer', { url: withPassword(t.url), planYear: 2027, name: 'x', regions: [] })).toMatchObject({ rule: 'hqPg.problem.hasWorkspace' });
    expect((await ok('hq.current', {})).workspace).toBeNull();
    const again = await ok('hq.openServer', { url: withPassword(t.url) });
    expect(again.location).toEqual(where);
    expect((await ok('hq.board', {})).regions).toHaveLength(2);
  });

  it.skipIf(skip || name !== 'postgres')('refuses a database that is not empty, holds no workspace, or does not exist', async () => {
    const { fails, ok } = setup();
    const t = target();
    if (t.kind !== 'postgres') return;
    await createDatabaseOf(t);
    const url = withPassword(t.url);
    expect(await fails('hq.openServer', { url })).toMatchObject({ code: 'FILE_REFUSED', rule: 'hqPg.problem.noWorkspace', params: { database: serverLocation(t.url).database } });
    await onServer(t.url, 'CREATE TABLE their_sales (id int)');
    const e = await fails('hq.createOnServer', { url, planYear: 2027, name: 'x', regions: [] });
    expect(e).toMatchObject({ rule: 'hqPg.problem.notEmpty', params: { count: 1 } });
    const missing = new URL(url);
    missing.pathname = '/rplan_hqpg_no_such_database';
    expect(await fails('hq.openServer', { url: missing.toString() })).toMatchObject({ rule: 'hqPg.problem.noDatabase' });
    // Nothing was opened along the way.
    expect((await ok('hq.current', {})).workspace).toBeNull();
  });

  it.skipIf(skip)('hq settings change the cycle and the board; bad settings change nothing', async () => {
    const env = setup();
    const { ok, fails } = env;
    await workspace(env);
    const after = await ok('hq.updateSettings', { name: '2027 年度計劃（修訂）', tolerance: 0.05, expenseCap: null, dueDate: '2027-01-15' });
    expect(after).toMatchObject({ name: '2027 年度計劃（修訂）', tolerance: 0.05, expenseCap: null, dueDate: '2027-01-15' });
    expect((await ok('hq.board', {})).cycle).toEqual({ planYear: 2027, name: '2027 年度計劃（修訂）', tolerance: 0.05, expenseCap: null, dueDate: '2027-01-15' });
    // Omitted stays; null clears.
    expect(await ok('hq.updateSettings', { expenseCap: 0.12 })).toMatchObject({ tolerance: 0.05, expenseCap: 0.12, dueDate: '2027-01-15' });
    expect(await ok('hq.updateSettings', { dueDate: null })).toMatchObject({ dueDate: null });
    for (const bad of [{ tolerance: -0.1 }, { name: '  ' }, { dueDate: '2027-13-45' }, { expenseCap: 'x' }, { planYear: 2028 }]) {
      expect((await fails('hq.updateSettings', bad)).code).toBe('INVALID_INPUT');
    }
    expect((await ok('hq.board', {})).cycle).toMatchObject({ planYear: 2027, tolerance: 0.05, expenseCap: 0.12 });
  });

  it.skipIf(skip)('registers an unexpected region and accepts a new key for one file at a time, with both verdicts in the log', async () => {
    const env = setup();
    const { ok, fails } = env;
    await workspace(env, ['華東大區']);
    const east = newRegion(src.work, '華東大區');
    const west = newRegion(src.work, '西北大區');
    const folder = join(dir, `pkgs-${name}-${Date.now()}`);
    mkdirSync(folder);
    const e1 = await packageOf(src, east, { revision: 1, replaces: null, createdAt: T0, out: join(folder, 'e1.rplanpkg') });
    const w1 = await packageOf(src, west, { revision: 1, replaces: null, createdAt: T0, out: join(folder, 'w1.rplanpkg') });

    const first = (await ok('hq.receive', { paths: [e1, w1] }))!;
    expect(first.map((x) => [x.verdict, x.reason, x.path])).toEqual([['accepted', null, e1], ['refused', 'unknownRegion', w1]]);
    // The say-so is for one file: not two, not a folder.
    expect((await fails('hq.receive', { paths: [w1, e1], registerRegion: true })).code).toBe('INVALID_INPUT');
    expect((await fails('hq.receive', { paths: [folder], registerRegion: true })).code).toBe('INVALID_INPUT');
    expect((await fails('hq.receive', { paths: [w1], registerRegion: false })).code).toBe('INVALID_INPUT');
    const registered = (await ok('hq.receive', { paths: [w1], registerRegion: true }))!;
    expect(registered[0]).toMatchObject({ verdict: 'accepted', regionName: '西北大區' });
    expect(registered[0].message).toContain('登記');
    const board = await ok('hq.board', {});
    expect(board.regions.map((x) => [x.regionName, x.expected, x.state])).toEqual([['華東大區', true, 'submitted'], ['西北大區', false, 'submitted']]);

    // 華東大區 on a new computer: refused; accepted only for the fingerprint head office checked.
    const moved = { ...east, signer: newRegion(src.work, 'x').signer };
    const e2 = await packageOf(src, moved, { revision: 2, replaces: 1, createdAt: T1, out: join(dir, `e2-${name}.rplanpkg`) });
    const refused = (await ok('hq.receive', { paths: [e2] }))![0];
    expect(refused).toMatchObject({ verdict: 'refused', reason: 'keyChanged', params: { pinned: east.signer.fingerprint, fingerprint: moved.signer.fingerprint } });
    expect((await fails('hq.receive', { paths: [e2], acceptNewKey: 'not a fingerprint' })).code).toBe('INVALID_INPUT');
    // Another key than the one shown and checked: still refused.
    const other = (await ok('hq.receive', { paths: [e2], acceptNewKey: west.signer.fingerprint }))![0];
    expect(other).toMatchObject({ verdict: 'refused', reason: 'keyChanged' });
    const accepted = (await ok('hq.receive', { paths: [e2], acceptNewKey: moved.signer.fingerprint }))![0];
    expect(accepted, accepted.message).toMatchObject({ verdict: 'accepted', revision: 2 });
    expect(accepted.message).toContain(moved.signer.fingerprint);
    expect(accepted.message).toContain(east.signer.fingerprint);

    const log = await ok('hq.receipts', {});
    expect(log.map((x) => [x.fileName, x.verdict, x.reason])).toEqual([
      [`e2-${name}.rplanpkg`, 'accepted', null],
      [`e2-${name}.rplanpkg`, 'refused', 'keyChanged'],
      [`e2-${name}.rplanpkg`, 'refused', 'keyChanged'],
      ['w1.rplanpkg', 'accepted', null],
      ['w1.rplanpkg', 'refused', 'unknownRegion'],
      ['e1.rplanpkg', 'accepted', null],
    ]);
    expect(log[0].message).toContain('新金鑰');
  });
});
