import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/shared/areas';
import { QueryStore, type QueryClient } from '../../src/renderer/src/api/queryStore';

// The renderer's query layer without a browser: a fake client counts the calls, and
// a command's changed areas arrive through onChange as the real client sends them.

function fakeClient(answers: Record<string, () => unknown> = {}) {
  const calls: string[] = [];
  const listeners = new Set<(areas: readonly Area[]) => void>();
  let version = 0;
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
  };
  return {
    client,
    calls,
    changed(areas: Area[]) {
      version++;
      for (const l of listeners) l(areas);
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
