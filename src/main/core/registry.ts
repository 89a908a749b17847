import { overlaps, type Area } from '../../shared/areas';
import { callStarted } from './activity';
import {
  contract,
  isEndpointName,
  isQuery,
  MAX_FOLLOW_UPS,
  type AsyncCommandName,
  type EditCommandName,
  type EndpointName,
  type EndpointParsedInput,
  type EndpointResult,
  type QueryName,
} from '../../shared/contract';
import { AppError, type AppErrorData, type Result } from '../../shared/errors';
import { findUnacceptedText } from '../../shared/text';
import { runEdit, type CommandCtx } from './db/command';
import type { ReadDb } from './db/handle';
import type { RegionFile } from './db/regionFile';

/** What a query's handler gets besides its input: the open file, read-only. */
export interface QueryCtx {
  /** The open file's read-only connection (NO_OPEN_FILE when none is open). */
  readonly db: ReadDb;
  readonly file: RegionFile;
}

/** What an async command's handler gets: the open file, and a way to run an edit inside it. */
export interface AsyncCommandCtx {
  readonly file: RegionFile;
  /** Runs `fn` as one transaction and undo step of the open file, as an edit command is run. */
  edit<T>(fn: (ctx: CommandCtx) => T): T;
  /** Reports areas beyond the declared ones (none are reported when the command fails). */
  touch(...areas: Area[]): void;
  /**
   * Says that work outside edit() changed the open file (a job on a connection of its
   * own): when the command succeeds, the file's change counter moves for its areas.
   */
  wrote(): void;
}

export type QueryHandler<K extends QueryName> = (input: EndpointParsedInput<K>, ctx: QueryCtx) => Promise<EndpointResult<K>> | EndpointResult<K>;
/** Synchronous: it runs inside the command's transaction. */
export type EditHandler<K extends EditCommandName> = (input: EndpointParsedInput<K>, ctx: CommandCtx) => EndpointResult<K>;
export type AsyncHandler<K extends AsyncCommandName> = (input: EndpointParsedInput<K>, ctx: AsyncCommandCtx) => Promise<EndpointResult<K>>;

/**
 * A follow-up rides with its command only when it answered within this the last time it
 * ran: a slower one (a list of 2,000 customers with a year of their sales) is left for the
 * renderer to ask again, so that it never holds back the command's answer, which the
 * screen may show by itself (a grid shows the values it just committed).
 */
const FOLLOW_UP_MS = 20;
/** How many queries' last times are kept. */
const TIMED_QUERIES = 512;

interface ParsedCall {
  ok: true;
  name: EndpointName;
  entry: Registered;
  input: unknown;
}

/** A query's call by endpoint and parsed input, as its last time is kept. */
const timeKey = (call: ParsedCall) => `${call.name}\u0000${JSON.stringify(call.input)}`;

export interface QueryOptions {
  /**
   * The answer comes from state an edit updates in place before its commit (the target
   * cube), not from the rows an edit may write just after it (deferredRows.ts): such a
   * query, a follow-up above all, need not wait for them.
   */
  inMemory?: boolean;
}

type Registered =
  | { kind: 'query'; handler: (input: unknown, ctx: QueryCtx) => unknown; inMemory: boolean }
  | { kind: 'edit'; handler: (input: unknown, ctx: CommandCtx) => unknown }
  | { kind: 'async'; handler: (input: unknown, ctx: AsyncCommandCtx) => Promise<unknown> };

/** Turns anything thrown into error data: an AppError keeps its code; anything else is a bug of ours (INTERNAL, no stack). */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}

export interface RegistryOptions {
  /** The open region file, or null. */
  file(): RegionFile | null;
  /** Refuse a command whose undo step changes an area it does not declare (tests). */
  strictAreas?: boolean;
}

/**
 * The one place where calls enter the core, whatever the transport: the endpoint
 * must exist, every text in the input must be one a region file stores, the input
 * must pass its schema, and every outcome becomes a Result.
 * A query runs on the file's read-only connection; an edit command runs in one
 * transaction with its undo step, after which the file's change counter moves and
 * the Result names the areas changed; an async command reports its declared areas
 * when it succeeds. No write passes while the open file has not passed its full
 * integrity check: runEdit (edit commands, and ctx.edit) and the jobs that write
 * refuse with READ_ONLY until then (RegionFile.assertWritable). Registering an
 * endpoint twice, or with the wrong kind, is a programming error.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<EndpointName, Registered>();

  constructor(private readonly options: RegistryOptions) {}

  query<K extends QueryName>(name: K, handler: QueryHandler<K>, options: QueryOptions = {}): void {
    this.add(name, { kind: 'query', handler: handler as Registered['handler'] as (input: unknown, ctx: QueryCtx) => unknown, inMemory: options.inMemory ?? false });
  }

  command<K extends EditCommandName>(name: K, handler: EditHandler<K>): void {
    this.add(name, { kind: 'edit', handler: handler as unknown as (input: unknown, ctx: CommandCtx) => unknown });
  }

  asyncCommand<K extends AsyncCommandName>(name: K, handler: AsyncHandler<K>): void {
    this.add(name, { kind: 'async', handler: handler as unknown as (input: unknown, ctx: AsyncCommandCtx) => Promise<unknown> });
  }

  private add(name: EndpointName, entry: Registered): void {
    if (this.handlers.has(name)) throw new Error(`endpoint ${name} registered twice`);
    const spec = contract[name];
    const kind = spec.kind === 'query' ? 'query' : spec.run;
    if (kind !== entry.kind) throw new Error(`endpoint ${name} is declared ${kind}, registered as ${entry.kind}`);
    this.handlers.set(name, entry);
  }

  /** Throws unless every endpoint of the contract has a handler. */
  assertComplete(): void {
    const missing = (Object.keys(contract) as EndpointName[]).filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  }

  private requireFile(): RegionFile {
    const file = this.options.file();
    if (!file) throw new AppError('NO_OPEN_FILE', 'no region file is open');
    return file;
  }

  /**
   * Runs one call. `followUps` (edit commands only) are queries a view shows: each one
   * that reads an area the command changed, and answered quickly the last time it ran
   * (FOLLOW_UP_MS) or answers from memory, is answered after the commit, in the command's
   * answer (`answers`, in the order given; null for the others, which the renderer asks
   * for itself). They are checked like any call before the command runs, so a malformed
   * one refuses the whole call unrun.
   */
  async invoke(name: unknown, rawInput: unknown, followUps?: unknown): Promise<Result<unknown>> {
    const ended = callStarted();
    try {
      const call = this.parse(name, rawInput);
      if (!call.ok) return call;
      if (followUps === undefined) return await this.run(call);
      const asked = this.parseFollowUps(call, followUps);
      if (!asked.ok) return asked;
      const result = await this.run(call);
      if (!result.ok || !result.changed || result.changed.length === 0) return result;
      const changed = result.changed;
      const answers: (Result<unknown> | null)[] = [];
      for (const q of asked.calls) answers.push(overlaps(q.reads, changed) && this.quick(q) ? await this.run(q) : null);
      return { ...result, answers };
    } finally {
      ended();
    }
  }

  /** A query's time the last time it ran, by endpoint and input (at most TIMED_QUERIES). */
  private readonly queryMs = new Map<string, number>();

  private noteQueryTime(call: ParsedCall, ms: number): void {
    const key = timeKey(call);
    this.queryMs.delete(key);
    this.queryMs.set(key, ms);
    if (this.queryMs.size > TIMED_QUERIES) this.queryMs.delete(this.queryMs.keys().next().value as string);
  }

  /**
   * True when the query answered within FOLLOW_UP_MS the last time it ran, or answers from
   * memory (the target cube, which the command has just brought up to date: its last time
   * may be the first run's, which built the cube). Never run: false.
   */
  private quick(call: ParsedCall): boolean {
    const ms = this.queryMs.get(timeKey(call));
    if (ms === undefined) return false;
    return ms <= FOLLOW_UP_MS || (call.entry.kind === 'query' && call.entry.inMemory);
  }

  /** The follow-ups of an edit command, each checked as a call of its own. */
  private parseFollowUps(call: ParsedCall, followUps: unknown): { ok: true; calls: (ParsedCall & { reads: readonly Area[] })[] } | { ok: false; error: AppErrorData } {
    const refuse = (path: string, message: string) => ({
      ok: false as const,
      error: { code: 'INVALID_INPUT' as const, message: `${call.name}: ${path}: ${message}`, issues: [{ path, message }] },
    });
    if (call.entry.kind !== 'edit') return refuse('followUps', 'only an edit command takes follow-up queries');
    if (!Array.isArray(followUps)) return refuse('followUps', 'expected a list');
    if (followUps.length > MAX_FOLLOW_UPS) return refuse('followUps', `at most ${MAX_FOLLOW_UPS}`);
    const calls: (ParsedCall & { reads: readonly Area[] })[] = [];
    for (let i = 0; i < followUps.length; i++) {
      const f: unknown = followUps[i];
      const where = `followUps.${i}`;
      if (typeof f !== 'object' || f === null || Array.isArray(f)) return refuse(where, 'expected { endpoint, input }');
      const keys = Object.keys(f);
      if (keys.some((k) => k !== 'endpoint' && k !== 'input') || !keys.includes('endpoint')) return refuse(where, 'expected { endpoint, input }');
      const { endpoint, input } = f as { endpoint: unknown; input?: unknown };
      if (!isEndpointName(endpoint) || !isQuery(endpoint)) return refuse(`${where}.endpoint`, 'not a query');
      const parsed = this.parse(endpoint, input);
      if (!parsed.ok) return refuse(where, parsed.error.message);
      const spec = contract[endpoint];
      calls.push({ ...parsed, reads: spec.kind === 'query' ? spec.reads : [] });
    }
    return { ok: true, calls };
  }

  /** The endpoint, its handler and its input as its schema parses it; or why the call is refused. */
  private parse(name: unknown, rawInput: unknown): ParsedCall | { ok: false; error: AppErrorData } {
    if (!isEndpointName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_ENDPOINT', message: `unknown endpoint: ${String(name).slice(0, 80)}` } };
    }
    const entry = this.handlers.get(name);
    if (!entry) return { ok: false, error: { code: 'UNKNOWN_ENDPOINT', message: `no handler for ${name}` } };
    const spec = contract[name];
    // Every text of every call, at any depth and before its schema: one check that no
    // endpoint's schema can forget (shared/text.ts says what a region file accepts).
    const badText = findUnacceptedText(rawInput);
    if (badText.length > 0) {
      const issues = badText.map((t) => ({ path: t.path, message: `contains ${t.char}, a character a region file does not store` }));
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
          rule: 'errors.unacceptedText',
          params: { field: badText[0].path },
        },
      };
    }
    const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      };
    }
    return { ok: true, name, entry, input: parsed.data as unknown };
  }

  /**
   * Rows an edit committed but has not written yet (deferredRows.ts) are written before
   * any command, and before any query that reads their area unless it answers from memory.
   */
  private settleFor(call: ParsedCall): void {
    const file = this.options.file();
    if (!file || file.closed || file.unsettled.length === 0) return;
    const spec = contract[call.name];
    if (call.entry.kind === 'query' && (call.entry.inMemory || spec.kind !== 'query' || !overlaps(spec.reads, file.unsettled))) return;
    file.settle();
  }

  private async run(call: ParsedCall): Promise<Result<unknown>> {
    const { name, entry, input } = call;
    const spec = contract[name];
    try {
      this.settleFor(call);
      switch (entry.kind) {
        case 'query': {
          const requireFile = () => this.requireFile();
          const ctx: QueryCtx = {
            get db() {
              return requireFile().read;
            },
            get file() {
              return requireFile();
            },
          };
          const started = performance.now();
          const value = await entry.handler(input, ctx);
          this.noteQueryTime(call, performance.now() - started);
          return { ok: true, value };
        }
        case 'edit': {
          const touches = spec.kind === 'command' ? spec.touches : [];
          const outcome = runEdit(this.requireFile(), touches, (ctx) => entry.handler(input, ctx), { strict: this.options.strictAreas, name, deferRows: true });
          return { ok: true, value: outcome.value, changed: outcome.changed };
        }
        case 'async': {
          const changed = new Set<Area>(spec.kind === 'command' ? spec.touches : []);
          const requireFile = () => this.requireFile();
          const strict = this.options.strictAreas;
          let wroteFile: RegionFile | null = null;
          const ctx: AsyncCommandCtx = {
            get file() {
              return requireFile();
            },
            edit(fn) {
              const outcome = runEdit(requireFile(), [...changed], fn, { strict, name });
              outcome.changed.forEach((a) => changed.add(a));
              return outcome.value;
            },
            touch: (...areas) => areas.forEach((a) => changed.add(a)),
            wrote() {
              wroteFile = requireFile();
            },
          };
          const value = await entry.handler(input, ctx);
          if (wroteFile !== null) {
            changed.add('edit');
            (wroteFile as RegionFile).changes.bump(changed);
          }
          return { ok: true, value, changed: [...changed] };
        }
        default: {
          const unreachable: never = entry;
          throw new AppError('INTERNAL', `unknown handler kind ${String(unreachable)}`);
        }
      }
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  }
}
