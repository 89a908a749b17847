import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRegionFile, type RegionFile } from '../../src/main/core/db/regionFile';
import { recordEdit } from '../../src/main/core/db/undoLog';
import { HandlerRegistry } from '../../src/main/core/registry';
import { ENDPOINT_NAMES, isQuery, MAX_FOLLOW_UPS, type EndpointResult, type RegionSummary } from '../../src/shared/contract';
import { tempDir } from './helpers';

const noFile = () => new HandlerRegistry({ file: () => null });

async function withFile(strictAreas = true): Promise<{ r: HandlerRegistry; f: RegionFile }> {
  const f = await createRegionFile(join(tempDir(), 'r.rplan'), { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
  return { r: new HandlerRegistry({ file: () => f, strictAreas }), f };
}

/** region.updateProfile as a handler that writes the region's note, with its undo record. */
function noteEdit(r: HandlerRegistry): void {
  r.command('region.updateProfile', ({ notes }, { db }) =>
    recordEdit(db, 'edit.profile', () => {
      db.sqlite.prepare('UPDATE region_meta SET notes = ?').run(notes ?? '');
      return { value: null as never, changes: [{ table: 'region_meta', key: { id: 1 }, before: { notes: '' }, after: { notes: notes ?? '' } }] };
    }),
  );
}

const appInfo = () => ({ version: '', transport: 'web' as const, nativeDialogs: false, platform: '', schemaVersion: 1, language: 'en' as const });

describe('handler registry', () => {
  it('refuses unknown endpoints and malformed input with a message that says where', async () => {
    const r = noFile();
    r.command('region.setDisplayUnit', () => {
      throw new Error('must not run on bad input');
    });
    expect(await r.invoke('file.delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ENDPOINT' } });
    expect(await r.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ENDPOINT' } });
    const bad = await r.invoke('region.setDisplayUnit', { unit: 'dollars' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'unit' }] } });
    // Extra keys are refused too: the schemas are strict.
    const extra = await r.invoke('region.setDisplayUnit', { unit: 'wan', sql: 'DROP TABLE x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await r.invoke('region.setDisplayUnit', 'wan')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns thrown errors into data and passes parsed input to the handler', async () => {
    const { r, f } = await withFile();
    r.command('region.updateProfile', (input) => {
      expect(input.regionName).toBe('華東大區'); // trimmed by the schema
      throw new Error('boom');
    });
    expect(await r.invoke('region.updateProfile', { regionName: '  華東大區 ' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    await f.close();
  });

  it('says NO_OPEN_FILE when a call needs a file and none is open', async () => {
    const r = noFile();
    r.query('region.overview', (_, { db }) => {
      void db;
      throw new Error('not reached');
    });
    expect(await r.invoke('region.overview', {})).toMatchObject({ ok: false, error: { code: 'NO_OPEN_FILE' } });
  });

  it('refuses a second handler, a handler of the wrong kind, and reports missing ones', () => {
    const r = noFile();
    r.query('app.info', appInfo);
    expect(() => r.query('app.info', appInfo)).toThrow(/twice/);
    // The types refuse these too; the casts stand for a handler registered by mistake.
    expect(() => r.query('region.setDisplayUnit' as 'app.info', appInfo)).toThrow(/declared edit, registered as query/);
    expect(() => r.command('file.open' as 'region.setDisplayUnit', () => null as never)).toThrow(/declared async, registered as edit/);
    expect(() => r.assertComplete()).toThrow(/no handler for/);
    expect(ENDPOINT_NAMES).toContain('file.open');
  });

  it('runs a query on a read-only connection: a write fails and the file is unchanged', async () => {
    const { r, f } = await withFile();
    r.query('region.overview', (_, { db }) => {
      db.sqlite.prepare("UPDATE region_meta SET notes = 'written by a query'").run();
      throw new Error('the write went through');
    });
    const res = await r.invoke('region.overview', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(res.ok ? '' : res.error.message).toMatch(/readonly|read-only|query_only/i);
    expect(f.sqlite.prepare('SELECT notes FROM region_meta').pluck().get()).toBe('');
    expect(f.changes.generation).toBe(0);
    await f.close();
  });

  it('runs an edit command in one transaction with its undo step, and reports the areas it changed', async () => {
    const { r, f } = await withFile();
    noteEdit(r);
    const before = f.changes.stamp(['region', 'targets']);
    const res = await r.invoke('region.updateProfile', { notes: '重點：空白區域招商' });
    expect(res).toMatchObject({ ok: true });
    expect(res.ok && [...(res.changed ?? [])].sort()).toEqual(['edit', 'region']);
    expect(f.changes.stamp(['targets'])).toBe(before.split('.')[1]);
    expect(f.changes.stamp(['region'])).not.toBe(before.split('.')[0]);
    expect(f.changes.savedAt).not.toBeNull();
    expect(f.sqlite.prepare('SELECT label FROM undo_step').pluck().all()).toEqual(['edit.profile']);
    await f.close();
  });

  it('answers the follow-ups a command affected after its commit, in its own answer', async () => {
    const { r, f } = await withFile();
    noteEdit(r);
    // What the reader sees: the note, read on the query's own (read-only) connection.
    r.query('region.overview', (_, { db }) => ({ notes: db.sqlite.prepare('SELECT notes FROM region_meta').pluck().get() }) as never);
    r.query('edit.state', (_, { db }) => ({ steps: db.sqlite.prepare('SELECT count(*) FROM undo_step').pluck().get() }) as never);
    r.query('expenses.items', () => {
      throw new Error('reads no changed area: never asked');
    });
    // A slow view of the region: longer than a follow-up may take.
    r.query('submit.check', () => {
      const until = performance.now() + 40;
      while (performance.now() < until);
      return { findings: [] } as never;
    });
    const followUps = [
      { endpoint: 'region.overview', input: {} },
      { endpoint: 'expenses.items' },
      { endpoint: 'edit.state', input: {} },
      { endpoint: 'submit.check', input: {} },
    ];
    // A query that never ran has no time yet: the renderer asks for it as before.
    const first = await r.invoke('region.updateProfile', { notes: '招商' }, followUps);
    expect(first).toMatchObject({ ok: true, answers: [null, null, null, null] });
    // The views on screen ran them; the quick ones now come with the command, the slow list does not.
    for (const f of followUps) await r.invoke(f.endpoint, f.input);
    const res = await r.invoke('region.updateProfile', { notes: '空白區域招商' }, followUps);
    expect(res).toMatchObject({
      ok: true,
      answers: [{ ok: true, value: { notes: '空白區域招商' } }, null, { ok: true, value: { steps: 2 } }, null],
    });
    // A command that wrote nothing answers none.
    r.command('region.setDisplayUnit', () => null as never);
    const none = await r.invoke('region.setDisplayUnit', { unit: 'yi' }, followUps);
    expect(none).toEqual({ ok: true, value: null, changed: [] });
    await f.close();
  });

  it('answers a follow-up that answers from memory even when its first run was slow', async () => {
    const { r, f } = await withFile();
    noteEdit(r);
    // Both slow the first time (a cube being built), quick after it.
    const slowOnce = () => {
      let runs = 0;
      return () => {
        if (runs++ === 0) {
          const until = performance.now() + 40;
          while (performance.now() < until);
        }
        return { runs } as never;
      };
    };
    r.query('edit.state', slowOnce(), { inMemory: true });
    r.query('region.overview', slowOnce());
    const followUps = [
      { endpoint: 'edit.state', input: {} },
      { endpoint: 'region.overview', input: {} },
    ];
    for (const q of followUps) await r.invoke(q.endpoint, q.input);
    const res = await r.invoke('region.updateProfile', { notes: '招商' }, followUps);
    // The one from memory comes with the command; the other, slow the last time, is asked for after it.
    expect(res).toMatchObject({ ok: true, answers: [{ ok: true, value: { runs: 2 } }, null] });
    await f.close();
  });

  it('refuses malformed follow-ups before the command runs', async () => {
    const { r, f } = await withFile();
    let ran = 0;
    r.command('region.setDisplayUnit', () => {
      ran++;
      return null as never;
    });
    r.query('region.overview', () => ({}) as never);
    r.query('app.info', appInfo);
    const bad: [unknown, RegExp][] = [
      ['edit.state', /expected a list/],
      [[{ endpoint: 'region.setDisplayUnit', input: { unit: 'wan' } }], /followUps\.0\.endpoint: not a query/],
      [[{ endpoint: 'no.such', input: {} }], /not a query/],
      [[{ endpoint: 'region.overview', input: { extra: 1 } }], /followUps\.0/],
      [[{ endpoint: 'region.overview', input: {}, sql: 'x' }], /expected \{ endpoint, input \}/],
      [[null], /expected \{ endpoint, input \}/],
      [[{ endpoint: 'region.overview', input: { note: 'a\u0000b' } }], /does not store/],
      [Array.from({ length: MAX_FOLLOW_UPS + 1 }, () => ({ endpoint: 'region.overview', input: {} })), /at most/],
    ];
    for (const [followUps, message] of bad) {
      const res = await r.invoke('region.setDisplayUnit', { unit: 'wan' }, followUps);
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(res.ok ? '' : res.error.message).toMatch(message);
    }
    // Only an edit command takes them.
    expect(await r.invoke('app.info', {}, [])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'followUps' }] } });
    expect(ran).toBe(0);
    await f.close();
  });

  it('reports nothing and leaves the counter when a command writes nothing', async () => {
    const { r, f } = await withFile();
    r.command('region.updateProfile', () => null as never);
    const res = await r.invoke('region.updateProfile', {});
    expect(res).toMatchObject({ ok: true, changed: [] });
    expect(f.changes.generation).toBe(0);
    expect(f.changes.savedAt).toBeNull();
    await f.close();
  });

  it('rolls back a command whose undo step changes an area it does not declare', async () => {
    const { r, f } = await withFile();
    r.command('region.updateProfile', (_, { db }) =>
      recordEdit(db, 'edit.profile', () => {
        db.sqlite.prepare("INSERT INTO channel (code, name, sort_order) VALUES ('KA', 'KA賣場', 1)").run();
        return { value: null as never, changes: [{ table: 'channel', key: { id: 1 }, before: null, after: { id: 1 } }] };
      }),
    );
    const res = await r.invoke('region.updateProfile', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(res.ok ? '' : res.error.message).toMatch(/"master"/);
    expect(f.sqlite.prepare('SELECT count(*) FROM channel').pluck().get()).toBe(0);
    expect(f.sqlite.prepare('SELECT count(*) FROM undo_step').pluck().get()).toBe(0);
    await f.close();
  });

  it('runs afterCommit hooks after a commit, afterRollback hooks after a failure, never both', async () => {
    const { r, f } = await withFile();
    const calls: string[] = [];
    let fail = false;
    r.command('region.setDisplayUnit', ({ unit }, ctx) => {
      ctx.afterCommit(() => calls.push(`commit ${unit}`));
      ctx.afterRollback(() => calls.push(`rollback ${unit}`));
      ctx.db.sqlite.prepare("UPDATE setting SET value = ? WHERE key = 'displayUnit'").run(JSON.stringify(unit));
      if (fail) throw new Error('after the write');
      return null as never;
    });
    await r.invoke('region.setDisplayUnit', { unit: 'yuan' });
    fail = true;
    expect(await r.invoke('region.setDisplayUnit', { unit: 'yi' })).toMatchObject({ ok: false });
    expect(calls).toEqual(['commit yuan', 'rollback yi']);
    expect(f.sqlite.prepare("SELECT value FROM setting WHERE key = 'displayUnit'").pluck().get()).toBe('"yuan"');
    await f.close();
  });

  it('reports an undeclared area as changed when not strict (the installed app)', async () => {
    const { r, f } = await withFile(false);
    r.command('region.updateProfile', (_, { db }) =>
      recordEdit(db, 'edit.profile', () => {
        db.sqlite.prepare("INSERT INTO channel (code, name, sort_order) VALUES ('KA', 'KA賣場', 1)").run();
        return { value: null as never, changes: [{ table: 'channel', key: { id: 1 }, before: null, after: { id: 1 } }] };
      }),
    );
    const res = await r.invoke('region.updateProfile', {});
    expect(res.ok && [...(res.changed ?? [])].sort()).toEqual(['edit', 'master', 'region']);
    await f.close();
  });

  it('declares every endpoint a query or a command with the areas it reads or changes', () => {
    const queries = ENDPOINT_NAMES.filter(isQuery);
    expect(queries).toContain('targets.tree');
    expect(queries).not.toContain('targets.setCells');
    expect(ENDPOINT_NAMES.length - queries.length).toBeGreaterThan(40);
  });

  it('types results from the contract', () => {
    expectTypeOf<EndpointResult<'file.open'>>().toEqualTypeOf<RegionSummary | null>();
    expectTypeOf<EndpointResult<'file.openDemo'>>().toEqualTypeOf<RegionSummary>();
  });
});
