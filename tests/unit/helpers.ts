import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ALL_AREAS } from '../../src/shared/areas';
import { runEdit } from '../../src/main/core/db/command';
import { writeDb, type WriteDb } from '../../src/main/core/db/handle';
import { createRegionFile, type RegionFile } from '../../src/main/core/db/regionFile';
import { fillDemoRegion } from '../../src/main/core/demo/generate';
import { createHandlers } from '../../src/main/core/handlers';
import type { Host } from '../../src/main/core/host';
import { testHost } from './testHost';
import type { HandlerRegistry } from '../../src/main/core/registry';
import { Session } from '../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rplan-test-'));
  made.push(dir);
  return dir;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function sidecarsOf(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`].filter((p) => existsSync(p));
}

/** Runs a TypeScript child script with the same Node, through tsx. */
export const TSX_ARGS = ['--import', 'tsx'];

export { testHost };

/**
 * The tiny demo region (華東大區 2027), generated once for the calling file or describe
 * block; `copy()` gives each test a fresh copy of it in its own temporary folder.
 */
export function tinyDemoTemplate(seed = 11): { copy(): string; readonly path: string } {
  // Not tempDir(): that one is removed after each test, and the template serves them all.
  let dir = '';
  let path = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rplan-template-'));
    path = join(dir, 'tiny.rplan');
    const f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    fillDemoRegion(writeDb(f.sqlite), { size: 'tiny', seed });
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get path() {
      return path;
    },
    copy() {
      const to = join(tempDir(), 'region.rplan');
      copyFileSync(path, to);
      return to;
    },
  };
}

/** Runs `fn` as one command on `file`: its own transaction and undo step, as the registry runs an edit. */
export function editFile<T>(file: RegionFile, fn: (db: WriteDb) => T): T {
  return runEdit(file, ALL_AREAS, ({ db }) => fn(db)).value;
}

/** A region file opened through the handler registry, as every transport drives the core. */
export interface RegistryCtx {
  path: string;
  session: Session;
  r: HandlerRegistry;
}

/** Opens `path` in a fresh session with a test host (state beside the file). */
export async function openWithHandlers(path: string, overrides: Partial<Host> = {}): Promise<RegistryCtx> {
  const session = new Session(testHost(join(path, '..', 'state'), overrides));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return { path, session, r };
}

/** A call that must succeed: its value, or the test fails with the error's code and message. */
export async function invokeOk<K extends EndpointName>(c: RegistryCtx, name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await c.r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as EndpointResult<K>;
}

/** A call that must be refused (malformed input allowed): the error. */
export async function invokeRefused(c: RegistryCtx, name: EndpointName, input: unknown): Promise<AppErrorData> {
  const res = await c.r.invoke(name, input as never);
  if (res.ok) throw new Error(`${name} should have been refused`);
  return res.error;
}

/** Sales of lines whose gross profit is not known. */
const NO_GP = 'SUM(CASE WHEN gp_known = 0 THEN amount_cents ELSE 0 END)';

/**
 * The monthly sales summaries (migration 6) as they are stored, and as recomputed here
 * from sales_actual with plain SQL; a test expects the two to be equal.
 */
export function salesSummaryPair(sqlite: Database.Database): { stored: unknown[]; fromLines: unknown[] } {
  const q = (sql: string) => sqlite.prepare(sql).raw().all();
  return {
    stored: [
      q('SELECT period, customer_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents FROM sales_month_customer ORDER BY 1, 2'),
      q('SELECT period, sku_id, amount_cents, gross_profit_cents, volume, line_count, amount_no_gp_cents FROM sales_month_sku ORDER BY 1, 2'),
    ],
    fromLines: [
      q(`SELECT period, customer_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), ${NO_GP} FROM sales_actual GROUP BY 1, 2 ORDER BY 1, 2`),
      q(`SELECT period, sku_id, SUM(amount_cents), SUM(gross_profit_cents), SUM(volume), COUNT(*), ${NO_GP} FROM sales_actual GROUP BY 1, 2 ORDER BY 1, 2`),
    ],
  };
}

/**
 * Opens copies of the tiny demo region through the handler registry, each optionally
 * edited first with plain SQL, and closes them after each test.
 */
export function demoOpener(hostOverrides: () => Partial<Host> = () => ({})): (edit?: (db: Database.Database) => void) => Promise<RegistryCtx> {
  const template = tinyDemoTemplate();
  const opened: RegistryCtx[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.session.close();
  });
  return async (edit) => {
    const path = template.copy();
    if (edit) {
      const db = new Database(path);
      try {
        edit(db);
      } finally {
        db.close();
      }
    }
    const c = await openWithHandlers(path, hostOverrides());
    opened.push(c);
    return c;
  };
}

/** Reads a region file with plain SQL on a read-only connection of its own. */
export function withDb<T>(path: string, f: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/**
 * Opens a web host's one-time launch link as its browser would and returns the Cookie
 * header the browser then sends with every call.
 */
export async function webHostCookie(host: { newLaunchUrl(): string }): Promise<string> {
  const res = await fetch(host.newLaunchUrl(), { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`the launch link answered ${res.status} without a session cookie`);
  return cookie;
}

/**
 * Posts JSON to a web host on a connection of its own. The tests that spawn the command
 * line between calls leave a pooled keep-alive connection idle for seconds; fetch may send
 * on it just as the server closes it (ECONNRESET), which says nothing about the host.
 */
export function postJsonOnce(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (e) {
          reject(e as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
