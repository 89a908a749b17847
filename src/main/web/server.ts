import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AppEvent, BrowseEntry } from '../../shared/contract';
import type { FileKind } from '../../shared/endpoints/hq';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { AppError, type Result } from '../../shared/errors';
import { catalogs, type Messages } from '../../shared/i18n';
import { LANGUAGES } from '../../shared/units';
import { encodeWireResult, WIRE_ROWS_HEADER, WIRE_ROWS_VALUE } from '../../shared/wireRows';
import { PACKAGE_EXTENSION } from '../../shared/submit';
import { REGION_FILE_EXTENSION } from '../core/db/constants';
import { RETURN_EXTENSION } from '../../shared/submit';
import { KIND_EXTENSIONS } from '../core/fileKinds';
import type { DemoSize } from '../core/jobs/types';
import { createHandlers } from '../core/handlers';
import type { Host } from '../core/host';
import { workerJobRunner } from '../core/jobs/workerRunner';
import { Session } from '../core/session';

// The development and test host: the built renderer and the same handler registry
// as the Electron app, over HTTP on 127.0.0.1 only. Only the browser that opened a
// one-time launch link holds the session (an HttpOnly, SameSite=Strict cookie), so
// another local user or process cannot load the app or call its API; the Host header
// must name this server (against DNS rebinding) and the Origin, when sent, this page.


const here = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(here, '../../..');
const MAX_JSON_BYTES = 16 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const IMPORT_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.xls'];
const MAX_UPLOAD_NAME_BYTES = 200;
const LAUNCH_PATH = '/launch';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface WebHostOptions {
  /** Folder whose region files the host offers and where new files are saved. */
  workspace: string;
  /** Folder for the app's own state (recent list, language, demo region). */
  stateDir: string;
  port?: number;
  rendererDir?: string;
  /** A region file to open at start. */
  file?: string;
  demoSize?: DemoSize;
  version?: string;
}

export interface WebHost {
  /** The host's address. A browser without the host's session cookie gets only a page asking for the launch link. */
  url: string;
  /**
   * Mints a one-time launch link (`/launch?k=…`). The browser that opens it gets the
   * session cookie and is sent on to the app; the link then no longer works. `npm run
   * serve` opens one; in-process hosts (the end-to-end tests, the benchmarks) mint one
   * per browser context.
   */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

function isDemoSize(v: string | undefined): v is DemoSize {
  return v === 'tiny' || v === 'typical' || v === 'large';
}

function uniquePath(dir: string, fileName: string): string {
  const ext = extname(fileName);
  const stem = basename(fileName, ext);
  let candidate = join(dir, fileName);
  for (let i = 2; existsSync(candidate); i++) candidate = join(dir, `${stem} (${i})${ext}`);
  return candidate;
}

/** The body of /api/call: `{ input, followUps }`, nothing else (each is checked by the registry). */
function callEnvelope(json: unknown): { input?: unknown; followUps?: unknown } {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.keys(json).some((k) => k !== 'input' && k !== 'followUps')) {
    throw new AppError('INVALID_INPUT', 'request body must be { input, followUps }');
  }
  return json as { input?: unknown; followUps?: unknown };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, error: AppError): void {
  const body: Result<never> = { ok: false, error: error.toData() };
  sendJson(res, status, body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/** The host's own page (no session, a spent launch link): one message in every UI language, nothing else. */
function sendPage(res: ServerResponse, status: number, key: keyof Messages['webHost']): void {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = LANGUAGES.map((l) => `<p lang="${l}">${escape(catalogs[l].webHost[key])}</p>`).join('\n');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(`<!doctype html>\n<html lang="zh-Hant"><head><meta charset="utf-8"><title>RegionPlan</title></head>\n<body style="font-family: system-ui, sans-serif; line-height: 1.6; max-width: 42em; margin: 2em">\n${paragraphs}\n</body></html>\n`);
}

/** C0 and C1 control characters, NUL included: no file name or address holds one. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** What is wrong with an uploaded file's name as a file name in the host's folder, or null. */
function uploadNameProblem(name: string): string | null {
  if (name === '') return 'the upload has no file name';
  if (CONTROL_CHARACTER.test(name)) return 'the file name contains a control character';
  if (/[/\\]/.test(name)) return 'the file name contains a path separator (/ or \\)';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  // Room for the " (2)" of a second copy and the temporary suffix under the usual 255-byte limit.
  if (Buffer.byteLength(name, 'utf8') > MAX_UPLOAD_NAME_BYTES) return `the file name is longer than ${MAX_UPLOAD_NAME_BYTES} bytes`;
  return null;
}

/** The value of one cookie in a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameSecret(given: string | null | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const b = Buffer.from(given);
  return b.length === expected.length && timingSafeEqual(b, expected);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('INVALID_INPUT', `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const workspace = resolve(options.workspace);
  mkdirSync(workspace, { recursive: true });
  // Data files uploaded for import, and exports (a browser has no save dialog).
  const importsDir = join(workspace, 'imports');
  const exportsDir = join(workspace, 'exports');
  const rendererDir = resolve(options.rendererDir ?? join(REPO_ROOT, 'out', 'renderer'));
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`${indexPath} is missing: build the renderer first (npm run build)`);
  }
  // One session secret per run, handed to a browser only as an HttpOnly cookie in
  // exchange for a one-time launch secret: nothing served without the cookie holds it.
  const sessionSecret = Buffer.from(randomBytes(32).toString('base64url'));
  const launchSecrets = new Set<string>();
  const clients = new Set<ServerResponse>();
  const envSize = process.env.REGIONPLAN_DEMO_SIZE;

  const host: Host = {
    transport: 'web',
    nativeDialogs: false,
    version: options.version ?? (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    stateDir: resolve(options.stateDir),
    demoSize: options.demoSize ?? (isDemoSize(envSize) ? envSize : undefined),
    async chooseSavePath(suggested) {
      return uniquePath(workspace, suggested);
    },
    async chooseOpenPath() {
      throw new AppError('NOT_SUPPORTED', 'the web host has no open dialog; pick a file from its folder');
    },
    async chooseImportPath() {
      throw new AppError('NOT_SUPPORTED', 'the web host has no open dialog; upload the file instead');
    },
    async chooseReturnPath() {
      throw new AppError('NOT_SUPPORTED', 'the web host has no open dialog; upload the file instead');
    },
    async chooseExportPath(suggested) {
      // No save dialog in a browser: exports go to the workspace's exports folder.
      mkdirSync(exportsDir, { recursive: true });
      return uniquePath(exportsDir, basename(suggested));
    },
    async chooseExportFolder() {
      mkdirSync(exportsDir, { recursive: true });
      return exportsDir;
    },
    async choosePackagePaths() {
      throw new AppError('NOT_SUPPORTED', 'the web host has no open dialog; pick packages from its folder');
    },
    browse(kind: FileKind = 'region'): BrowseEntry[] {
      const extension = KIND_EXTENSIONS[kind];
      return readdirSync(workspace, { withFileTypes: true })
        .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(extension))
        .filter((d) => !/\.(creating|generating)-/.test(d.name))
        .map((d) => {
          const full = join(workspace, d.name);
          const st = statSync(full);
          return { path: full, fileName: d.name, sizeBytes: st.size, modifiedAt: st.mtime.toISOString() };
        })
        .sort((a, b) => a.fileName.localeCompare(b.fileName));
    },
    allowsPath(path) {
      const dir = dirname(resolve(path));
      const lower = path.toLowerCase();
      if (dir === workspace) return Object.values(KIND_EXTENSIONS).some((e) => lower.endsWith(e));
      return dir === importsDir && [...IMPORT_EXTENSIONS, RETURN_EXTENSION].some((e) => lower.endsWith(e));
    },
    runJob: workerJobRunner({ file: new URL('../core/jobs/worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }),
    emit(event: AppEvent) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const c of clients) c.write(frame);
    },
  };
  const session = new Session(host);
  const registry = createHandlers(session);
  if (options.file) {
    session.grant(options.file);
    await session.open(options.file);
  }

  let port = 0;
  // Cookies are not told apart by port: the name keeps two hosts in one browser apart.
  const cookieName = () => `regionplan_${port}`;
  const hasSession = (req: IncomingMessage) => sameSecret(cookieValue(req.headers.cookie, cookieName()), sessionSecret);
  /** Spends a launch secret: true once per minted secret. */
  const spendLaunchSecret = (given: string | null): boolean => {
    for (const secret of launchSecrets) {
      if (sameSecret(given, Buffer.from(secret))) {
        launchSecrets.delete(secret);
        return true;
      }
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      return fail(res, 403, new AppError('FORBIDDEN', 'wrong Host header'));
    }
    // A page of another site (or an opaque "null" origin) may not call the host, even
    // without a cookie; the browser sends Origin on every cross-origin request that could.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return fail(res, 403, new AppError('FORBIDDEN', 'wrong Origin header'));
    }
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) return sendText(res, 400, 'bad request: the address must be a path');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(`http://${hostHeader}${raw}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'bad request: the address has a malformed percent-encoding');
    }
    if (CONTROL_CHARACTER.test(pathname)) return sendText(res, 400, 'bad request: the address contains a control character');

    if (pathname === LAUNCH_PATH) {
      if (req.method !== 'GET') return sendText(res, 405, 'use GET');
      const spent = spendLaunchSecret(url.searchParams.get('k'));
      if (!spent && !hasSession(req)) return sendPage(res, 403, 'launchLinkSpent');
      // 303 to the app: the secret leaves the address bar and the history.
      const headers: Record<string, string> = { Location: '/', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
      if (spent) headers['Set-Cookie'] = `${cookieName()}=${sessionSecret.toString()}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(303, headers);
      return void res.end();
    }

    if (pathname.startsWith('/api/')) {
      if (!hasSession(req)) return fail(res, 401, new AppError('FORBIDDEN', 'no session: open the app from its launch link'));

      if (pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (req.method !== 'POST') return fail(res, 405, new AppError('INVALID_INPUT', 'use POST'));
      // /api/invoke/<endpoint>: the body is the input. /api/call/<endpoint>: the body is
      // { input, followUps }, an edit command with the queries to answer after it.
      const invoke = pathname.startsWith('/api/invoke/');
      if (invoke || pathname.startsWith('/api/call/')) {
        const endpoint = pathname.slice(invoke ? '/api/invoke/'.length : '/api/call/'.length);
        let input: unknown;
        let followUps: unknown;
        try {
          const body = await readBody(req, MAX_JSON_BYTES);
          const json: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
          if (invoke) input = json;
          else ({ input, followUps } = callEnvelope(json));
        } catch (e) {
          return sendJson(res, 200, { ok: false, error: e instanceof AppError ? e.toData() : { code: 'INVALID_INPUT', message: `request body is not JSON: ${(e as Error).message}` } });
        }
        const started = performance.now();
        const result = await registry.invoke(endpoint, input, followUps);
        if (process.env.RPLAN_TRACE) process.stderr.write(`web host ${endpoint}: ${Math.round(performance.now() - started)} ms\n`);
        // The renderer decodes long record lists sent as columns (shared/wireRows.ts); other callers get plain JSON.
        return sendJson(res, 200, req.headers[WIRE_ROWS_HEADER.toLowerCase()] === WIRE_ROWS_VALUE ? encodeWireResult(result) : result);
      }
      if (pathname === '/api/upload') {
        // A file dropped on the page: the browser has its bytes but no path, so
        // the host keeps a copy in its folder and the renderer opens that copy.
        // ?purpose=import keeps a data file (CSV, Excel) for the import wizard, and
        // ?purpose=answer head office's return file for 報送總部, both beside each other.
        const name = url.searchParams.get('name') ?? '';
        const problem = uploadNameProblem(name);
        if (problem) return fail(res, 400, new AppError('INVALID_INPUT', `upload refused: ${problem}`));
        // ?purpose=import keeps a data file, =answer head office's return file (both in the
        // imports folder), =package a plan package for head office to receive.
        const purpose = url.searchParams.get('purpose');
        const forImport = purpose === 'import' || purpose === 'answer';
        const accepted = purpose === 'import' ? IMPORT_EXTENSIONS : purpose === 'answer' ? [RETURN_EXTENSION] : purpose === 'package' ? [PACKAGE_EXTENSION] : [REGION_FILE_EXTENSION];
        const lower = name.toLowerCase();
        if (!accepted.some((e) => lower.endsWith(e))) {
          const expected = accepted.join(', ');
          return sendJson(res, 200, { ok: false, error: { code: 'FILE_REFUSED', reason: 'wrong_extension', message: `${name}: the name must end in ${expected}` } });
        }
        if (forImport) mkdirSync(importsDir, { recursive: true });
        const target = uniquePath(forImport ? importsDir : workspace, name);
        const temp = `${target}.upload-${process.pid}`;
        let tooLarge = false;
        try {
          let size = 0;
          req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_UPLOAD_BYTES) {
              tooLarge = true;
              req.destroy(new Error('upload too large'));
            }
          });
          await pipeline(req, createWriteStream(temp));
          renameSync(temp, target);
          session.grant(target);
          return sendJson(res, 200, { ok: true, value: { path: target } });
        } catch (e) {
          rmSync(temp, { force: true });
          if (tooLarge) return fail(res, 413, new AppError('INVALID_INPUT', `upload refused: ${name} is larger than ${MAX_UPLOAD_BYTES} bytes`));
          // A file system error names the absolute path: say only what went wrong.
          const code = (e as NodeJS.ErrnoException).code;
          return fail(res, 500, new AppError('INTERNAL', `could not keep the upload ${name}${code ? ` (${code})` : ''}`));
        }
      }
      return fail(res, 404, new AppError('NOT_FOUND', 'no such endpoint'));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, new AppError('INVALID_INPUT', 'use GET'));
    // Without the session the host serves nothing of the app, only the way to it.
    if (!hasSession(req)) return sendPage(res, 403, 'openFromLaunchLink');
    const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
    const full = resolve(rendererDir, rel);
    if (!full.startsWith(rendererDir + sep) || !existsSync(full) || !statSync(full).isFile()) {
      return sendText(res, 404, 'not found');
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(full)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    return void res.end(readFileSync(full));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // Whatever went wrong, the answer names no path: file system errors carry absolute ones.
      console.error('web host: request failed:', e);
      if (!res.headersSent) fail(res, 500, new AppError('INTERNAL', 'the web host could not answer this request'));
      else res.end();
    });
  });

  await new Promise<void>((ok, bad) => {
    server.once('error', bad);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    newLaunchUrl() {
      const secret = randomBytes(32).toString('base64url');
      launchSecrets.add(secret);
      return `${url}launch?k=${secret}`;
    },
    async close() {
      for (const c of clients) c.end();
      clients.clear();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      // A browser keeps idle keep-alive sockets open; close() alone would wait for them.
      server.closeAllConnections();
      await closed;
      await session.close();
    },
  };
}
