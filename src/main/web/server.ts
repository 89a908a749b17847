import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AppEvent, BrowseEntry } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { AppError, type Result } from '../../shared/errors';
import { REGION_FILE_EXTENSION } from '../core/db/constants';
import type { DemoSize } from '../core/jobs/types';
import { createHandlers } from '../core/handlers';
import type { Host } from '../core/host';
import { workerJobRunner } from '../core/jobs/workerRunner';
import { toErrorData } from '../core/registry';
import { Session } from '../core/session';

// The development and test host: the built renderer and the same handler registry
// as the Electron app, over HTTP on 127.0.0.1 only. Every API call carries a
// per-run token, and the Host header must name this server (against DNS rebinding).


const here = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(here, '../../..');
const MAX_JSON_BYTES = 16 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const IMPORT_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.xls'];

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
  url: string;
  token: string;
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, error: AppError): void {
  const body: Result<never> = { ok: false, error: error.toData() };
  sendJson(res, status, body);
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
  const token = randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
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
    async chooseExportPath(suggested) {
      // No save dialog in a browser: exports go to the workspace's exports folder.
      mkdirSync(exportsDir, { recursive: true });
      return uniquePath(exportsDir, basename(suggested));
    },
    browse(): BrowseEntry[] {
      return readdirSync(workspace, { withFileTypes: true })
        .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(REGION_FILE_EXTENSION))
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
      if (dir === workspace) return lower.endsWith(REGION_FILE_EXTENSION);
      return dir === importsDir && IMPORT_EXTENSIONS.some((e) => lower.endsWith(e));
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
  const tokenOk = (given: string | null | undefined): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const hostHeader = req.headers.host ?? '';
      if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
        return fail(res, 403, new AppError('FORBIDDEN', 'wrong Host header'));
      }
      const url = new URL(req.url ?? '/', `http://${hostHeader}`);
      if (url.pathname.startsWith('/api/')) {
        const given = url.pathname === '/api/events' ? url.searchParams.get('token') : (req.headers['x-regionplan-token'] as string | undefined);
        if (!tokenOk(given)) return fail(res, 401, new AppError('FORBIDDEN', 'missing or wrong token'));

        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
          res.write(': connected\n\n');
          clients.add(res);
          req.on('close', () => clients.delete(res));
          return;
        }
        if (req.method !== 'POST') return fail(res, 405, new AppError('INVALID_INPUT', 'use POST'));
        if (url.pathname.startsWith('/api/invoke/')) {
          const endpoint = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
          let input: unknown;
          try {
            const body = await readBody(req, MAX_JSON_BYTES);
            input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
          } catch (e) {
            return sendJson(res, 200, { ok: false, error: e instanceof AppError ? e.toData() : { code: 'INVALID_INPUT', message: `request body is not JSON: ${(e as Error).message}` } });
          }
          return sendJson(res, 200, await registry.invoke(endpoint, input));
        }
        if (url.pathname === '/api/upload') {
          // A file dropped on the page: the browser has its bytes but no path, so
          // the host keeps a copy in its folder and the renderer opens that copy.
          // ?purpose=import keeps a data file (CSV, Excel) for the import wizard.
          const name = basename(url.searchParams.get('name') ?? '');
          const forImport = url.searchParams.get('purpose') === 'import';
          const lower = name.toLowerCase();
          if (forImport ? !IMPORT_EXTENSIONS.some((e) => lower.endsWith(e)) : !lower.endsWith(REGION_FILE_EXTENSION)) {
            const expected = forImport ? IMPORT_EXTENSIONS.join(', ') : REGION_FILE_EXTENSION;
            return sendJson(res, 200, { ok: false, error: { code: 'FILE_REFUSED', reason: 'wrong_extension', message: `${name}: the name must end in ${expected}` } });
          }
          if (forImport) mkdirSync(importsDir, { recursive: true });
          const target = uniquePath(forImport ? importsDir : workspace, name);
          const temp = `${target}.upload-${process.pid}`;
          try {
            let size = 0;
            req.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_UPLOAD_BYTES) req.destroy(new Error('upload too large'));
            });
            await pipeline(req, createWriteStream(temp));
            renameSync(temp, target);
            session.grant(target);
            return sendJson(res, 200, { ok: true, value: { path: target } });
          } catch (e) {
            rmSync(temp, { force: true });
            return sendJson(res, 200, { ok: false, error: toErrorData(e) });
          }
        }
        return fail(res, 404, new AppError('NOT_FOUND', `no such endpoint: ${url.pathname}`));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, new AppError('INVALID_INPUT', 'use GET'));
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const full = resolve(rendererDir, rel);
      if (!full.startsWith(rendererDir + sep) || !existsSync(full) || !statSync(full).isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('not found');
      }
      const headers: Record<string, string> = {
        'Content-Type': MIME[extname(full)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      };
      if (full === indexPath) {
        const html = readFileSync(full, 'utf8').replace('<head>', `<head>\n    <meta name="regionplan-token" content="${token}">`);
        res.writeHead(200, headers);
        return res.end(html);
      }
      res.writeHead(200, headers);
      return res.end(readFileSync(full));
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorData(e) });
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
    token,
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
