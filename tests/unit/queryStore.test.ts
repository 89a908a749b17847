import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/shared/areas';
import { MAX_FOLLOW_UPS } from '../../src/shared/contract';
import { BIG_LIST, QueryStore, type ChangeListener, type QueryClient, type StoreFollowUp } from '../../src/renderer/src/api/queryStore';
import type { Result } from '../../src/shared/errors';

// The renderer's query layer without a browser: a fake client counts the calls, and
// a command's changed areas arrive through onChange as the real client sends them.

function fakeClient(answers: Record<string, () => unknown> = {}) {
  const calls: string[] = [];
  const listeners = new Set<ChangeListener>();
  let version = 0;
  let provider: () => readonly StoreFollowUp[] = () => [];
  const client: QueryClient = {
    async call(endpoint) {
      calls.push(endpoint);
      const answer = answers[endpoint];
      if (answer) return answer();
      return { endpoint, version };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    followWith(p) {
      provider = p;
    },
  };
  return {
    client,
    calls,
    changed(areas: Area[]) {
      version++;
      for (const l of listeners) l(areas);
    },
    /** A command that carried the store's follow-ups; the core answers those `answer` gives a value for. */
    command(areas: Area[], answer: (f: StoreFollowUp) => Result<unknown> | null) {
      const asked = provider();
      version++;
      const answers = asked.map(answer);
      for (const l of listeners) l(areas, { asked, answers });
      return asked;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('query store', () => {
  it('loads a query once for all its subscribers, and keeps the answer', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    store.subscribe('expenses.budget', {}, () => undefined);
    store.subscribe('expenses.budget', {}, () => undefined);
    await store.settled('expenses.budget', {});
    expect(f.calls).toEqual(['expenses.budget']);
    expect(store.snapshot('expenses.budget', {})).toEqual({ data: { endpoint: 'expenses.budget', version: 0 }, error: null, loading: false });
  });

  it('asks on a prefetch, and the view subscribing next waits for that answer instead of asking again', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    store.prefetch('master.list', { entity: 'terminal' });
    expect(f.calls).toEqual(['master.list']);
    store.subscribe('master.list', { entity: 'terminal' }, () => undefined);
    await store.settled('master.list', { entity: 'terminal' });
    expect(f.calls).toEqual(['master.list']);
    expect(store.snapshot('master.list', { entity: 'terminal' }).data).toEqual({ endpoint: 'master.list', version: 0 });
    // An answer kept (on screen) is not asked for again; another input is.
    store.prefetch('master.list', { entity: 'terminal' });
    expect(f.calls).toEqual(['master.list']);
    store.prefetch('master.list', { entity: 'customer' });
    expect(f.calls).toEqual(['master.list', 'master.list']);
  });

  it('reloads only the queries that read an area a command changed', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    const tree = { versionId: 1, levels: ['province'] as const, measure: 'amount' as const, parent: null };
    store.subscribe('expenses.budget', {}, () => undefined);
    store.subscribe('targets.tree', { ...tree, levels: [...tree.levels] }, () => undefined);
    store.subscribe('analysis.expenses', { year: 2026 }, () => undefined);
    await flush();
    f.calls.length = 0;
    // An expense edit: the budget and the expense analysis read 'expenses', the target tree does not.
    f.changed(['expenses', 'edit']);
    await flush();
    expect(f.calls.sort()).toEqual(['analysis.expenses', 'expenses.budget']);
    expect((store.snapshot('expenses.budget', {}).data as { version: number }).version).toBe(1);
    f.calls.length = 0;
    // A target edit: the tree and the budget (its ratios are of the plan's targets) reload.
    f.changed(['targets', 'edit']);
    await flush();
    expect(f.calls.sort()).toEqual(['analysis.expenses', 'expenses.budget', 'targets.tree']);
  });

  it('asks again newest first: the view in front before the app around it', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    // The app's shell subscribes when it starts; the target page's queries come later.
    store.subscribe('targets.versions', {}, () => undefined);
    store.subscribe('targets.tree', { versionId: 1, levels: ['province'], measure: 'amount', parent: null }, () => undefined);
    store.subscribe('targets.summary', { versionId: 1 }, () => undefined);
    await flush();
    f.calls.length = 0;
    f.changed(['targets', 'edit']);
    expect(f.calls).toEqual(['targets.summary', 'targets.tree', 'targets.versions']);
  });

  it('forgets answers nobody shows when what they read changes, and loads them on the next view', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    const stop = store.subscribe('promotions.list', {}, () => undefined);
    await flush();
    stop();
    f.changed(['promotions']);
    await flush();
    expect(f.calls).toEqual(['promotions.list']);
    store.subscribe('promotions.list', {}, () => undefined);
    await flush();
    expect(f.calls).toEqual(['promotions.list', 'promotions.list']);
    expect((store.snapshot('promotions.list', {}).data as { version: number }).version).toBe(1);
  });

  it('keeps the last answer and reports the error when a reload fails; an older answer never overwrites a newer one', async () => {
    let n = 0;
    const resolvers: ((v: unknown) => void)[] = [];
    const f = fakeClient({
      'team.plan': () => {
        n++;
        if (n === 2) return Promise.reject(Object.assign(new Error('gone'), { name: 'Error' }));
        return new Promise((resolve) => resolvers.push(resolve));
      },
    });
    const store = new QueryStore(f.client);
    store.subscribe('team.plan', {}, () => undefined);
    resolvers.shift()!({ roles: 1 });
    await store.settled('team.plan', {});
    f.changed(['team']);
    await store.settled('team.plan', {});
    expect(store.snapshot('team.plan', {})).toMatchObject({ data: { roles: 1 }, error: { code: 'INTERNAL', message: 'gone' }, loading: false });
    // Two reloads race: the first to be asked answers last, and is dropped.
    f.changed(['team']);
    f.changed(['team']);
    resolvers[1]({ roles: 3 });
    await flush();
    resolvers[0]({ roles: 2 });
    await flush();
    expect(store.snapshot('team.plan', {}).data).toEqual({ roles: 3 });
  });

  it('sends the queries on screen with a command, newest first, and lands their answers without asking again', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    const tree = { versionId: 1, levels: ['province'], measure: 'amount', parent: null };
    store.subscribe('targets.versions', {}, () => undefined);
    store.subscribe('targets.tree', tree, () => undefined);
    store.subscribe('master.list', { entity: 'terminal' }, () => undefined);
    // Not on screen any more: not sent, and forgotten when what it reads changes.
    store.subscribe('promotions.list', {}, () => undefined)();
    await flush();
    f.calls.length = 0;
    // The core answers what the command affected (the targets), and not the budget.
    const asked = f.command(['targets', 'edit'], (q) =>
      q.endpoint === 'targets.tree' ? { ok: true, value: { rows: 'after the edit' } } : q.endpoint === 'targets.versions' ? { ok: false, error: { code: 'NO_OPEN_FILE', message: 'closed' } } : null,
    );
    expect(asked.map((q) => q.endpoint)).toEqual(['master.list', 'targets.tree', 'targets.versions']);
    expect(asked[1].input).toEqual(tree);
    await flush();
    expect(f.calls).toEqual([]);
    expect(store.snapshot('targets.tree', tree)).toEqual({ data: { rows: 'after the edit' }, error: null, loading: false });
    // A refusal lands as the view's error; the answer it had stays.
    expect(store.snapshot('targets.versions', {})).toMatchObject({ data: { endpoint: 'targets.versions', version: 0 }, error: { code: 'NO_OPEN_FILE' }, loading: false });
    // The store list reads no changed area and keeps its answer.
    expect(store.snapshot('master.list', { entity: 'terminal' }).data).toEqual({ endpoint: 'master.list', version: 0 });
  });

  it('asks again for a query the core did not answer, and drops an older fetch that lands after the answer', async () => {
    const resolvers: ((v: unknown) => void)[] = [];
    const f = fakeClient({ 'targets.summary': () => new Promise((resolve) => resolvers.push(resolve)) });
    const store = new QueryStore(f.client);
    store.subscribe('targets.summary', { versionId: 1 }, () => undefined);
    store.subscribe('edit.state', {}, () => undefined);
    resolvers.shift()!({ plan: 1 });
    await flush();
    f.calls.length = 0;
    // A reload is on its way when a command's answer brings the newer figures.
    void store.reload('targets.summary', { versionId: 1 });
    f.command(['targets', 'edit'], (q) => (q.endpoint === 'targets.summary' ? { ok: true, value: { plan: 3 } } : null));
    // edit.state reads 'edit' but came back unanswered: it is asked for.
    expect(f.calls).toEqual(['targets.summary', 'edit.state']);
    resolvers.shift()!({ plan: 2 });
    await flush();
    expect(store.snapshot('targets.summary', { versionId: 1 }).data).toEqual({ plan: 3 });
  });

  it('does not send a view whose answer holds a long list: it asks again after the command', async () => {
    const long = { rows: Array.from({ length: BIG_LIST + 1 }, (_, i) => ({ id: i })) };
    const f = fakeClient({ 'master.list': () => long });
    const store = new QueryStore(f.client);
    store.subscribe('master.list', { entity: 'customer' }, () => undefined);
    store.subscribe('edit.state', {}, () => undefined);
    await flush();
    f.calls.length = 0;
    const asked = f.command(['master', 'edit'], (q) => ({ ok: true, value: { endpoint: q.endpoint } }));
    expect(asked.map((q) => q.endpoint)).toEqual(['edit.state']);
    expect(f.calls).toEqual(['master.list']);
  });

  it('sends at most the allowed number of follow-ups', () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    for (let i = 0; i < MAX_FOLLOW_UPS + 5; i++) store.subscribe('targets.summary', { versionId: i + 1 }, () => undefined);
    const asked = f.command(['targets'], () => null);
    expect(asked).toHaveLength(MAX_FOLLOW_UPS);
    expect(asked[0].input).toEqual({ versionId: MAX_FOLLOW_UPS + 5 });
  });

  it('tells subscribers when their answer changes', async () => {
    const f = fakeClient();
    const store = new QueryStore(f.client);
    let told = 0;
    store.subscribe('edit.state', {}, () => told++);
    await flush();
    const before = told;
    f.changed(['master']);
    await flush();
    expect(told).toBe(before);
    f.changed(['edit', 'master']);
    await flush();
    expect(told).toBeGreaterThan(before);
  });
});
