import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import type { AppErrorData, RefusalReason } from '../../src/shared/errors';
import { postJsonOnce, TSX_ARGS, sha256, tinyDemoTemplate, webHostCookie } from './helpers';
import { breakIndex, flipIndexLeaf } from './damage';

// Every kind of bad file, through both doors: the CLI (info, check, import) must exit 2
// with a reason, the web host's file.open must answer FILE_REFUSED with a reason, and
// the file must be exactly as it was, with nothing left beside it (no -wal, -shm or
// backup). A symlink is followed: it opens when its target is a good region file.

const CLI = join(import.meta.dirname, '../../src/main/cli/index.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [...TSX_ARGS, CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

const template = tinyDemoTemplate();

/** A copy of the tiny demo region at `path`. */
function good(path: string): string {
  copyFileSync(template.path, path);
  return path;
}

function setHeader(path: string, offset: number, value: number): void {
  const buf = readFileSync(path);
  buf.writeUInt32BE(value, offset);
  writeFileSync(path, buf);
}

interface BadCase {
  name: string;
  make(path: string, dir: string): void;
  /** The web host's refusal; FILE_NOT_FOUND for a symlink to nothing. */
  reason: RefusalReason | 'not_found';
  /** What the CLI says (stderr), in part. */
  says: RegExp;
}

const CASES: BadCase[] = [
  { name: 'random bytes', make: (p) => writeFileSync(p, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))), reason: 'not_sqlite', says: /not an SQLite database/ },
  {
    name: 'foreign SQLite',
    make: (p) => {
      const db = new Database(p);
      db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'x\')');
      db.close();
    },
    reason: 'foreign',
    says: /not a region file of this application/,
  },
  { name: 'wrong application id', make: (p) => setHeader(good(p), 68, 0x12345678), reason: 'foreign', says: /not a region file of this application/ },
  { name: 'newer schema', make: (p) => setHeader(good(p), 60, SCHEMA_VERSION + 1), reason: 'newer_schema', says: /newer version/ },
  // user_version set back under the newest tables: migrating it would fail half-way.
  { name: 'older schema than its tables', make: (p) => setHeader(good(p), 60, 5), reason: 'inconsistent_schema', says: /inconsistent/ },
  { name: 'index that does not match its table', make: (p) => breakIndex(good(p)), reason: 'corrupt', says: /missing from index|wrong # of entries/ },
  { name: 'bit flips in an index page', make: (p) => flipIndexLeaf(good(p)), reason: 'corrupt', says: /damaged|integrity|index|corrupt/i },
  {
    name: 'truncated to half',
    make: (p) => {
      good(p);
      const size = lstatSync(p).size;
      truncateSync(p, Math.floor(size / 2 / 4096) * 4096);
    },
    reason: 'truncated',
    says: /truncated/,
  },
  { name: 'truncated inside the header', make: (p) => writeFileSync(p, readFileSync(template.path).subarray(0, 60)), reason: 'not_sqlite', says: /not an SQLite database/ },
  { name: 'empty', make: (p) => writeFileSync(p, ''), reason: 'empty', says: /empty/ },
  { name: 'directory', make: (p) => mkdirSync(p), reason: 'is_directory', says: /is a folder/ },
  { name: 'FIFO', make: (p) => expect(spawnSync('mkfifo', [p]).status).toBe(0), reason: 'not_regular', says: /not a regular file/ },
  {
    name: 'symlink to a damaged file',
    make: (p, dir) => {
      const target = join(dir, 'elsewhere', 'damaged.rplan');
      mkdirSync(join(dir, 'elsewhere'), { recursive: true });
      breakIndex(good(target));
      symlinkSync(target, p);
    },
    reason: 'corrupt',
    says: /missing from index|wrong # of entries/,
  },
  { name: 'symlink to nothing', make: (p, dir) => symlinkSync(join(dir, 'nowhere.rplan'), p), reason: 'not_found', says: /no such file/ },
];

/** What identifies a path and its content, without opening it (a FIFO must not be read). */
function fingerprint(path: string): string {
  const prefix = lstatSync(path).isSymbolicLink() ? `link to ${readlinkSync(path)}: ` : '';
  if (!existsSync(path)) return `${prefix}nothing`;
  const st = statSync(path);
  if (st.isFile()) return `${prefix}${sha256(path)}`;
  return `${prefix}${st.isDirectory() ? 'folder' : 'special'} ${st.mtimeMs}`;
}

let host: WebHost;
let cookie: string;
let workspace: string;
let dataFile: string;

let root: string;
beforeAll(async () => {
  // Not tempDir(): that is removed after each test, and the host serves them all.
  root = mkdtempSync(join(tmpdir(), 'rplan-badfiles-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  workspace = join(root, 'workspace');
  host = await startWebHost({ workspace, stateDir: join(root, 'state'), rendererDir, version: '0.0.0-test' });
  cookie = await webHostCookie(host);
  dataFile = join(root, 'sales.csv');
  writeFileSync(dataFile, 'period,customer,sku,amount\n2026-03,C0001,S0001,100\n');
});
afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

async function openInWebHost(path: string): Promise<{ ok: boolean; error?: AppErrorData }> {
  return (await postJsonOnce(`${host.url}api/invoke/file.open`, { path }, { Cookie: cookie })) as { ok: boolean; error?: AppErrorData };
}

describe('bad region files', () => {
  it.each(CASES)('$name: refused by the CLI and the web host, and left as it was', async (c) => {
    const path = join(workspace, `${c.name.replace(/\W+/g, '-')}.rplan`);
    c.make(path, join(workspace, '..'));
    const before = fingerprint(path);
    const listing = readdirSync(workspace).sort();

    for (const args of [['info', path], ['check', path], ['import', 'sales', dataFile, '--into', path]]) {
      const r = cli(...args);
      expect(r.signal, `${args[0]} hung`).toBeNull();
      expect({ command: args[0], status: r.status }).toEqual({ command: args[0], status: 2 });
      expect(r.stderr).toMatch(c.says);
    }

    const opened = await openInWebHost(path);
    expect(opened.ok).toBe(false);
    if (c.reason === 'not_found') expect(opened.error).toMatchObject({ code: 'FILE_NOT_FOUND' });
    else expect(opened.error).toMatchObject({ code: 'FILE_REFUSED', reason: c.reason });

    expect(fingerprint(path)).toBe(before);
    expect(readdirSync(workspace).sort()).toEqual(listing);
    expect(readdirSync(join(workspace, '..')).filter((n) => /backup|-wal$|-shm$|-journal$/.test(n))).toEqual([]);
  }, 120_000);

  it('a symlink to a good region file opens: the link is followed and its target checked like any file', async () => {
    const target = good(join(workspace, '..', 'real.rplan'));
    const link = join(workspace, 'link.rplan');
    symlinkSync(target, link);
    expect(cli('check', link).status).toBe(0);
    const opened = await openInWebHost(link);
    expect(opened).toMatchObject({ ok: true, value: { regionName: '華東大區', checking: false } });
    await postJsonOnce(`${host.url}api/invoke/file.close`, {}, { Cookie: cookie });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
