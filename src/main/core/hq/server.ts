import pg from 'pg';
import { scrubPassword, serverLocation } from '../../../shared/hqServer';

// Before a workspace is created on or opened from a PostgreSQL server, one short
// connection looks at the database: can it be reached, does the login work, which
// version is it, does it hold a workspace, is it empty. Each failure becomes a
// ServerProblem that says what and where (server, database, user) and never the password.

export type ServerProblemKind =
  | 'unreachable'
  | 'authFailed'
  | 'noDatabase'
  | 'tooOld'
  | 'noWorkspace'
  | 'notEmpty'
  | 'hasWorkspace'
  | 'failed';

export class ServerProblem extends Error {
  constructor(
    readonly kind: ServerProblemKind,
    message: string,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

export interface ServerProbe {
  /** server_version_num, e.g. 150004 */
  version: number;
  hasWorkspace: boolean;
  /** Tables, views and sequences in the connection's schema. */
  objects: number;
}

/** PostgreSQL 15 and newer (MERGE, the partitioning this store relies on). */
export const MIN_SERVER_VERSION = 150000;
const CONNECT_TIMEOUT_MS = 10_000;

/** The pg driver's and the server's errors, as a problem the user can act on. */
export function serverProblemOf(e: unknown, url: string): ServerProblem {
  if (e instanceof ServerProblem) return e;
  const where = serverLocation(url);
  const params = { server: where.server, database: where.database, user: where.user ?? '' };
  const err = e as { code?: string; message?: string };
  const detail = scrubPassword(String(err?.message ?? e), url);
  const at = `${where.database} on ${where.server}`;
  switch (err?.code) {
    case '28P01':
    case '28000':
      // 28000 is also pg_hba.conf refusing the login: the same action (check the login) applies.
      return new ServerProblem('authFailed', `${at}: the server refused the login of ${where.user ?? '(no user)'}: wrong password or no such user (${detail})`, params);
    case '3D000':
      return new ServerProblem('noDatabase', `${at}: the server has no database ${where.database}`, params);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
      return new ServerProblem('unreachable', `${at}: the server cannot be reached (${detail})`, params);
  }
  if (/timeout|terminated unexpectedly/i.test(detail)) return new ServerProblem('unreachable', `${at}: the server cannot be reached (${detail})`, params);
  return new ServerProblem('failed', `${at}: ${detail}`, { ...params, detail });
}

/** Connects once and looks at the database the URL names. */
export async function probeServer(url: string): Promise<ServerProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection the server drops is reported here; the query in flight fails anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const r = await client.query<{ version: string; workspace: boolean; objects: string }>(
      `SELECT current_setting('server_version_num') AS version,
              to_regclass('hq_schema') IS NOT NULL AS workspace,
              (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')) AS objects`,
    );
    const row = r.rows[0];
    return { version: Number(row.version), hasWorkspace: row.workspace, objects: Number(row.objects) };
  } catch (e) {
    throw serverProblemOf(e, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function refuseOld(probe: ServerProbe, url: string): void {
  if (probe.version >= MIN_SERVER_VERSION) return;
  const where = serverLocation(url);
  const version = `${Math.floor(probe.version / 10000)}.${probe.version % 10000}`;
  throw new ServerProblem('tooOld', `${where.server}: PostgreSQL ${version} is older than 15, which the workspace needs`, { server: where.server, version });
}

/** A database a workspace can be created in: reachable, 15 or newer, and empty. */
export async function checkServerForCreate(url: string): Promise<void> {
  const probe = await probeServer(url);
  refuseOld(probe, url);
  const where = serverLocation(url);
  const params = { server: where.server, database: where.database };
  if (probe.hasWorkspace) throw new ServerProblem('hasWorkspace', `${where.database} on ${where.server} already holds a head-office workspace: open it instead`, params);
  if (probe.objects > 0) {
    throw new ServerProblem('notEmpty', `${where.database} on ${where.server} is not empty (${probe.objects} tables or views): create the workspace in an empty database`, { ...params, count: probe.objects });
  }
}

/** A database that holds a workspace. */
export async function checkServerForOpen(url: string): Promise<void> {
  const probe = await probeServer(url);
  refuseOld(probe, url);
  const where = serverLocation(url);
  if (!probe.hasWorkspace) {
    throw new ServerProblem('noWorkspace', `${where.database} on ${where.server} holds no head-office workspace`, { server: where.server, database: where.database });
  }
}
