import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PENDING_SETTING } from '../../src/main/core/db/deferredRows';
import { openRegionFile } from '../../src/main/core/db/regionFile';
import type { EndpointInput } from '../../src/shared/contract';
import { invokeOk as call, openWithHandlers, tinyDemoTemplate, TSX_ARGS, type RegistryCtx } from './helpers';

// A spread's rows are written just after its commit (db/deferredRows.ts): the answer
// does not wait for them, yet nothing ever reads them stale. Every expected figure is
// read from the file with SQL.

const template = tinyDemoTemplate();
const WAN = 1_000_000;
const levels = ['province', 'city', 'customer'] as const;

/** Straight from the write connection, without settling first: what the file holds now. */
function now<T>(c: RegistryCtx, text: string, ...params: unknown[]): T {
  return c.session.requireFile().sqlite.prepare(text).pluck().get(...params) as T;
}
const marker = (c: RegistryCtx) => now<string | undefined>(c, 'SELECT value FROM setting WHERE key = ?', PENDING_SETTING);
const planCents = (c: RegistryCtx, v: number) => now<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', v);

async function planned(yearCents: number): Promise<{ c: RegistryCtx; v: number }> {
  const c = await openWithHandlers(template.copy());
  const v = (await call(c, 'targets.versions', {})).find((x) => x.kind === 'working')!.id;
  // The first spread of a version inserts its leaves: written in its own transaction.
  const out = await call(c, 'targets.setCells', spread(v, yearCents));
  expect(out.seeded).toBe(true);
  expect(marker(c)).toBeUndefined();
  return { c, v };
}

/** What a closed file holds, read on a connection of its own: the marker, and a version's plan in cents. */
function onDisk(path: string, versionId: number): { marker: unknown; cents: unknown } {
  const raw = new Database(path, { readonly: true });
  try {
    return {
      marker: raw.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(PENDING_SETTING),
      cents: raw.prepare('SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?').pluck().get(versionId),
    };
  } finally {
    raw.close();
  }
}

function spread(versionId: number, yearCents: number): EndpointInput<'targets.setCells'> {
  return { versionId, levels: [...levels], measure: 'amount', method: 'lastYear', label: 'spread', edits: [{ path: [], period: 'year', value: yearCents }] };
}

/** Runs the child that spreads (and, with 'undo', undoes the spread) and is killed before the rows are written; what the cube held. */
async function crashAfter(path: string, yearCents: number, then: 'spread' | 'undo') {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, join(import.meta.dirname, 'children', 'spreadThenCrash.ts'), path, String(yearCents), then], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(stdout) : reject(new Error(`child ended with ${code}: ${stderr}`))));
  });
  return JSON.parse(out.trim()) as { versionId: number; months: number[]; volume: number[]; unsettled: string[] };
}

/**
 * Opens the file as the app does after a crash between the two commits, and checks that
 * the replay left no marker and rows matching, month by month, what the cube showed; the
 * file whole. Returns the newest undo step as the file holds it.
 */
async function reopened(path: string, versionId: number, told: { months: number[]; volume: number[] }): Promise<unknown> {
  const file = await openRegionFile(path);
  try {
    expect(file.sqlite.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(PENDING_SETTING)).toBeUndefined();
    const rows = file.sqlite
      .prepare('SELECT month, sum(amount_cents) AS cents, sum(volume) AS volume FROM target_fact WHERE version_id = ? GROUP BY month ORDER BY month')
      .all(versionId) as { month: number; cents: number; volume: number }[];
    expect(rows.map((r) => r.cents)).toEqual(told.months);
    expect(rows.map((r) => r.volume)).toEqual(told.volume);
    expect(file.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return file.sqlite.prepare('SELECT label, undone FROM undo_step ORDER BY id DESC LIMIT 1').get();
  } finally {
    await file.close();
  }
}

describe('rows written after the commit', () => {
  it('a spread answers before its rows are written; views of the cube follow at once; the rows land once the calls are quiet', async () => {
    const { c, v } = await planned(3_600 * WAN);
    await call(c, 'targets.setCells', { ...spread(v, 4_000 * WAN), method: 'current' });
    // Committed: the step and its marker are in the file, the rows not yet.
    expect(JSON.parse(marker(c)!)).toMatchObject({ seqs: [0] });
    expect(planCents(c, v)).toBe(3_600 * WAN);
    expect(c.session.requireFile().unsettled).toEqual(['targets']);
    // The tree, the summary and the version list answer from the cube, without waiting.
    const tree = await call(c, 'targets.tree', { versionId: v, levels: [...levels], measure: 'amount', parent: null });
    expect(tree.total.months.reduce((a, b) => a + b, 0)).toBe(4_000 * WAN);
    expect((await call(c, 'targets.summary', { versionId: v })).plan.amountCents.reduce((a, b) => a + b, 0)).toBe(4_000 * WAN);
    expect((await call(c, 'targets.versions', {})).find((x) => x.id === v)!.amountCents).toBe(4_000 * WAN);
    expect(marker(c)).toBeDefined();
    // Once the calls pause, the rows are written and the marker goes, in one transaction.
    await expect.poll(() => marker(c), { timeout: 5_000 }).toBeUndefined();
    expect(planCents(c, v)).toBe(4_000 * WAN);
    expect(c.session.requireFile().unsettled).toEqual([]);
    // Row by row, the file now holds what the tree showed, month by month.
    const months = c.session.requireFile().sqlite
      .prepare('SELECT month, sum(amount_cents) AS cents FROM target_fact WHERE version_id = ? GROUP BY month ORDER BY month')
      .all(v) as { month: number; cents: number }[];
    expect(months.map((m) => m.cents)).toEqual(tree.total.months);
  });

  it('a query that reads the rows in SQL, and any command, writes them first', async () => {
    const { c, v } = await planned(3_600 * WAN);
    await call(c, 'targets.setCells', { ...spread(v, 3_700 * WAN), method: 'current' });
    expect(marker(c)).toBeDefined();
    // A query that does not read the targets leaves them for later.
    await call(c, 'edit.state', {});
    expect(marker(c)).toBeDefined();
    // The overview sums the working plan in SQL: the rows land before it reads.
    await call(c, 'region.overview', {});
    expect(marker(c)).toBeUndefined();
    expect(planCents(c, v)).toBe(3_700 * WAN);
    // An undo straight after a spread writes the spread's rows first, then leaves its own
    // for after its commit, marked as the step's before-images; the cube has them at once.
    await call(c, 'targets.setCells', { ...spread(v, 3_800 * WAN), method: 'current' });
    expect(planCents(c, v)).toBe(3_700 * WAN);
    await call(c, 'edit.undo', {});
    expect(planCents(c, v)).toBe(3_800 * WAN);
    expect(JSON.parse(marker(c)!)).toMatchObject({ seqs: [0], direction: 'undo' });
    expect(c.session.requireFile().unsettled).toEqual(['targets']);
    expect((await call(c, 'targets.versions', {})).find((x) => x.id === v)!.amountCents).toBe(3_700 * WAN);
    // The redo writes the undo's rows before it replays the step, and leaves its own,
    // marked as an edit's are (the after-images).
    await call(c, 'edit.redo', {});
    expect(planCents(c, v)).toBe(3_700 * WAN);
    expect(JSON.parse(marker(c)!)).toEqual({ step: expect.any(Number), seqs: [0] });
    await call(c, 'region.overview', {});
    expect(planCents(c, v)).toBe(3_800 * WAN);
    expect(marker(c)).toBeUndefined();
    // Undoing the first spread, which inserted the leaves, removes them at once: nothing is left for later.
    await call(c, 'edit.undo', {});
    await call(c, 'edit.undo', {});
    await call(c, 'edit.undo', {});
    expect(marker(c)).toBeUndefined();
    expect(now<number>(c, 'SELECT count(*) FROM target_fact WHERE version_id = ?', v)).toBe(0);
    await call(c, 'edit.redo', {});
    await call(c, 'edit.redo', {});
    await call(c, 'edit.redo', {});
    await call(c, 'region.overview', {});
    expect(planCents(c, v)).toBe(3_800 * WAN);
    // Two spreads in a row: the second writes the first's rows before its own step.
    await call(c, 'targets.setCells', { ...spread(v, 3_900 * WAN), method: 'current' });
    await call(c, 'targets.setCells', { ...spread(v, 4_100 * WAN), method: 'current' });
    expect(planCents(c, v)).toBe(3_900 * WAN);
    // Closing writes them too: the file is whole without an open to replay it.
    const path = c.path;
    await c.session.close();
    expect(onDisk(path, v)).toEqual({ marker: undefined, cents: 4_100 * WAN });
  });

  // Planned at 3,600 萬, spread to 4,321 萬; with 'undo', the spread's rows written and the spread undone.
  it.each([
    {
      then: 'spread', title: 'killed between the commit and the rows: the next open writes them from the undo images, to the cent',
      cube: 4_321, file: 3_600, direction: undefined, undone: 0,
    },
    {
      then: 'undo', title: 'killed between an undo and its rows: the next open writes the before-images, and the step stays undone',
      cube: 3_600, file: 4_321, direction: 'undo', undone: 1,
    },
  ] as const)('$title', async ({ then, cube, file, direction, undone }) => {
    const { c, v } = await planned(3_600 * WAN);
    const path = c.path;
    await c.session.close();
    const told = await crashAfter(path, 4_321 * WAN, then);
    expect(told.versionId).toBe(v);
    expect(told.unsettled).toEqual(['targets']);
    expect(told.months.reduce((a, b) => a + b, 0)).toBe(cube * WAN);
    // The crash came in between: the file holds the marker (an undo's says so), and the rows as they were before the last call.
    const before = onDisk(path, v);
    expect(JSON.parse(before.marker as string).direction).toBe(direction);
    expect(before.cents).toBe(file * WAN);
    // The step is there to undo (or, undone, to redo), as for any edit.
    expect(await reopened(path, v, told)).toEqual({ label: 'targets.undo.edit', undone });
  });

  it('refuses a file whose marker names a direction it does not know, and leaves it as it was', async () => {
    const { c, v } = await planned(3_600 * WAN);
    const path = c.path;
    await c.session.close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(PENDING_SETTING, JSON.stringify({ step: 1, seqs: [0], direction: 'sideways' }));
    raw.close();
    await expect(openRegionFile(path)).rejects.toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining(PENDING_SETTING) });
    expect(onDisk(path, v).cents).toBe(3_600 * WAN);
  });
});
