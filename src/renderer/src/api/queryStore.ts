import { overlaps, type Area } from '../../../shared/areas';
import { contract, MAX_FOLLOW_UPS, type EndpointName, type FollowUp, type QueryName } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/errors';
import { toErrorData } from './apiError';

// Answers to queries, kept per endpoint and input. A command's answer names the
// areas of the file it changed; only the answers of queries that read one of those
// areas are asked for again (those on screen) or forgotten (the others). An edit
// command carries the queries on screen as follow-ups, and the core answers those it
// affected with it: they land without a second round trip.

/** A follow-up as the store asks for it: `key` names its answer here. */
export interface StoreFollowUp extends FollowUp {
  key: string;
}

/** The follow-ups sent with a command and the core's answers, in the same order (null: not answered). */
export interface FollowedAnswers {
  asked: readonly StoreFollowUp[];
  answers: readonly (Result<unknown> | null)[];
}

/** Told the areas a command changed and, when it carried follow-ups, their answers. */
export type ChangeListener = (areas: readonly Area[], followed?: FollowedAnswers) => void;

/** What the store needs of the client: calls, the areas each command changed, and follow-ups. */
export interface QueryClient {
  call(endpoint: EndpointName, input?: unknown): Promise<unknown>;
  onChange(listener: ChangeListener): () => void;
  /** Lets the store say which queries ride on each edit command. */
  followWith(provider: () => readonly StoreFollowUp[]): void;
}

export interface QueryState<R> {
  /** The latest answer; while a new one loads, the previous one stays. */
  data: R | null;
  /** Why the latest attempt failed (the data, if any, is from before). */
  error: AppErrorData | null;
  loading: boolean;
}

interface Entry {
  readonly endpoint: QueryName;
  readonly input: unknown;
  readonly reads: readonly Area[];
  state: QueryState<unknown>;
  listeners: Set<() => void>;
  /** Bumped by every fetch: an answer to an older one is dropped. */
  seq: number;
  /** Resolves when the newest fetch has landed. */
  inflight: Promise<void> | null;
  /** Asked for again while nobody listened: fetch on the next subscriber. */
  stale: boolean;
  /** The latest answer holds a long list (BIG_LIST): it is not sent as a follow-up. */
  big: boolean;
  usedAt: number;
}

export const IDLE: QueryState<never> = { data: null, error: null, loading: false };
/** Answers kept for views not on screen, so that going back to a tab shows the last answer at once. */
const KEEP_UNUSED = 100;

export class QueryStore {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  constructor(private readonly client: QueryClient) {
    client.onChange((areas, followed) => this.invalidate(areas, followed && answersByKey(followed.asked, followed.answers)));
    client.followWith(() => this.followUps());
  }

  /**
   * The queries on screen, newest first (at most MAX_FOLLOW_UPS): sent with an edit
   * command, so that the core answers those the command affects in its own answer. Not
   * those whose answer holds a long list (a grid of 2,000 customers): its new answer lands
   * and renders before the command's caller goes on, which would hold back what the screen
   * shows by itself (a grid shows the values just committed); such a view asks again
   * after the command, as every view did before.
   */
  followUps(): StoreFollowUp[] {
    const out: StoreFollowUp[] = [];
    for (const [key, e] of [...this.entries].reverse()) {
      if (out.length >= MAX_FOLLOW_UPS) break;
      if (e.listeners.size > 0 && !e.big) out.push({ key, endpoint: e.endpoint, input: e.input ?? {} });
    }
    return out;
  }

  static key(endpoint: QueryName, input: unknown): string {
    return `${endpoint}\u0000${JSON.stringify(input ?? {})}`;
  }

  private entry(endpoint: QueryName, input: unknown): Entry {
    const key = QueryStore.key(endpoint, input);
    let e = this.entries.get(key);
    if (!e) {
      const spec = contract[endpoint];
      e = {
        endpoint,
        input,
        reads: spec.kind === 'query' ? spec.reads : [],
        state: { data: null, error: null, loading: true },
        listeners: new Set(),
        seq: 0,
        inflight: null,
        stale: true,
        big: false,
        usedAt: 0,
      };
      this.entries.set(key, e);
      this.evict();
    }
    e.usedAt = ++this.clock;
    return e;
  }

  private set(e: Entry, state: QueryState<unknown>): void {
    if (state.data !== e.state.data) e.big = holdsLongList(state.data, 3);
    e.state = state;
    for (const l of [...e.listeners]) l();
  }

  private fetch(e: Entry): Promise<void> {
    const seq = ++e.seq;
    e.stale = false;
    if (!e.state.loading) this.set(e, { ...e.state, loading: true });
    const done = this.client.call(e.endpoint, e.input).then(
      (data) => {
        if (seq === e.seq) this.set(e, { data, error: null, loading: false });
      },
      (err: unknown) => {
        if (seq === e.seq) this.set(e, { data: e.state.data, error: toErrorData(err), loading: false });
      },
    );
    e.inflight = done.then(() => {
      if (seq === e.seq) e.inflight = null;
    });
    return e.inflight;
  }

  subscribe(endpoint: QueryName, input: unknown, listener: () => void): () => void {
    const e = this.entry(endpoint, input);
    e.listeners.add(listener);
    if (e.stale && !e.inflight) void this.fetch(e);
    return () => {
      e.listeners.delete(listener);
    };
  }

  /**
   * Asks now for an answer a view is about to show (a tab just clicked), unless it is
   * kept or on its way: the core works while the view mounts, and the view's
   * subscription then waits for this answer instead of asking again.
   */
  prefetch(endpoint: QueryName, input: unknown): void {
    const e = this.entry(endpoint, input);
    if (e.stale && !e.inflight) void this.fetch(e);
  }

  snapshot(endpoint: QueryName, input: unknown): QueryState<unknown> {
    return this.entry(endpoint, input).state;
  }

  /** Asks again now (a reload button, or a view that must not show an old answer). */
  reload(endpoint: QueryName, input: unknown): Promise<void> {
    return this.fetch(this.entry(endpoint, input));
  }

  /** Resolves when the answer being loaded (if any) has landed. */
  settled(endpoint: QueryName, input: unknown): Promise<void> {
    return this.entries.get(QueryStore.key(endpoint, input))?.inflight ?? Promise.resolve();
  }

  /**
   * After a change of `areas`: queries on screen that read them load again; the others are
   * forgotten. Newest first: the view in front subscribed last, and the core answers in
   * the order asked, so the figures the user just changed come back before the app's
   * shell catches up.
   */
  invalidate(areas: readonly Area[], answers?: ReadonlyMap<string, Result<unknown>>): void {
    for (const [key, e] of [...this.entries].reverse()) {
      if (!overlaps(e.reads, areas)) continue;
      const answer = answers?.get(key);
      if (answer) this.land(e, answer);
      else if (e.listeners.size > 0) void this.fetch(e);
      else this.entries.delete(key);
    }
  }

  /** An answer that came with a command: newer than any fetch of it still on its way, which is dropped. */
  private land(e: Entry, answer: Result<unknown>): void {
    e.seq++;
    e.stale = false;
    e.inflight = null;
    this.set(e, answer.ok ? { data: answer.value, error: null, loading: false } : { data: e.state.data, error: answer.error, loading: false });
  }

  /** Drops every kept answer that no view shows: the next view that asks gets a new one from the core. */
  forgetUnused(): void {
    for (const [key, e] of this.entries) if (e.listeners.size === 0) this.entries.delete(key);
  }

  private evict(): void {
    const unused = [...this.entries].filter(([, e]) => e.listeners.size === 0);
    if (unused.length <= KEEP_UNUSED) return;
    unused.sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [key] of unused.slice(0, unused.length - KEEP_UNUSED)) this.entries.delete(key);
  }
}

/** An answer with a list longer than this is not sent as a follow-up (see `followUps`). */
export const BIG_LIST = 500;

/** True when `value` holds a list longer than BIG_LIST within `depth` levels. */
function holdsLongList(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null || depth < 0) return false;
  if (Array.isArray(value)) {
    if (value.length > BIG_LIST) return true;
    return depth > 0 && value.some((v) => holdsLongList(v, depth - 1));
  }
  for (const v of Object.values(value)) if (holdsLongList(v, depth - 1)) return true;
  return false;
}

function answersByKey(asked: readonly StoreFollowUp[], answers: readonly (Result<unknown> | null)[]): Map<string, Result<unknown>> {
  const out = new Map<string, Result<unknown>>();
  asked.forEach((f, i) => {
    const a = answers[i];
    if (a) out.set(f.key, a);
  });
  return out;
}
