import { z } from 'zod';

// Where a head-office workspace lives: a .rplanhq file on this machine, or a database on
// a PostgreSQL server named by a connection URL (postgres://user:password@host:5432/db).
// The password is needed to connect and nowhere else: what is shown, remembered or
// reported is the URL with the password removed.

export type HqLocation =
  | { kind: 'file'; path: string }
  | {
      kind: 'server';
      /** The connection URL without its password. */
      url: string;
      /** host:port */
      server: string;
      database: string;
      user: string | null;
    };

export const MAX_SERVER_URL = 2048;

// The WHATWG URL is a global in both runtimes this module runs in (Node and the
// renderer); neither's types are in scope here, so the part used is declared.
interface ParsedUrl {
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  username: string;
  password: string;
  searchParams: { get(name: string): string | null; delete(name: string): void };
  toString(): string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL;

function parsed(text: string): ParsedUrl | null {
  try {
    return new WhatwgUrl(text);
  } catch {
    return null;
  }
}

/** Why a text is not a server URL this app connects to, or null when it is one. */
export function serverUrlProblem(text: string): 'empty' | 'tooLong' | 'nul' | 'scheme' | 'host' | 'database' | null {
  const t = text.trim();
  if (t === '') return 'empty';
  if (t.length > MAX_SERVER_URL) return 'tooLong';
  if (t.includes('\0')) return 'nul';
  const u = parsed(t);
  if (!u || (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')) return 'scheme';
  if (u.hostname === '') return 'host';
  const db = u.pathname.replace(/^\//, '');
  if (db === '' || db.includes('/')) return 'database';
  return null;
}

const PROBLEM_TEXT: Record<NonNullable<ReturnType<typeof serverUrlProblem>>, string> = {
  empty: 'a server URL is required',
  tooLong: `a server URL has at most ${MAX_SERVER_URL} characters`,
  nul: 'the server URL contains a NUL character',
  scheme: 'a server URL starts with postgres:// or postgresql:// (for example postgres://user@host:5432/db)',
  host: 'the server URL names no host',
  database: 'the server URL names no database (…:5432/db)',
};

/** A PostgreSQL connection URL; the messages never repeat the URL (it may hold a password). */
export const serverUrlSchema = z
  .string()
  .superRefine((text, ctx) => {
    const problem = serverUrlProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: PROBLEM_TEXT[problem] });
  })
  .transform((t) => t.trim());

/** The URL without its password (the user name stays: it says whose workspace it is). */
export function withoutPassword(text: string): string {
  const u = parsed(text.trim());
  if (!u) return '';
  u.password = '';
  // A password given as a query parameter (libpq accepts ?password=) goes too.
  u.searchParams.delete('password');
  return u.toString();
}

/** Where a server URL points, password removed. */
export function serverLocation(text: string): Extract<HqLocation, { kind: 'server' }> {
  const u = parsed(text.trim());
  if (!u) throw new Error('not a server URL');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    kind: 'server',
    url: withoutPassword(text),
    server: `${u.hostname}:${u.port || '5432'}`,
    database: decode(u.pathname.replace(/^\//, '')),
    user: u.username === '' ? null : decode(u.username),
  };
}

/** The password a URL carries (in its user part or as ?password=), to scrub it from any text. */
export function passwordOf(text: string): string | null {
  const u = parsed(text.trim());
  if (!u) return null;
  const p = u.password !== '' ? u.password : u.searchParams.get('password');
  return p === null || p === '' ? null : p;
}

/** `text` with every trace of the URL's password replaced (as typed and percent-decoded). */
export function scrubPassword(text: string, url: string): string {
  const p = passwordOf(url);
  if (p === null) return text;
  let decoded = p;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    // keep it as typed
  }
  let out = text;
  for (const s of new Set([p, decoded])) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

/** The URL with `password` put in (typed in a field of its own); an empty one leaves the URL as it is. */
export function withPassword(text: string, password: string): string {
  if (password === '') return text.trim();
  const u = parsed(text.trim());
  if (!u) return text.trim();
  // The setter percent-encodes the user-info delimiters; a '%' itself is encoded first, so the driver decodes it back.
  u.password = password.replace(/%/g, '%25');
  return u.toString();
}
