import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { currentTargetCache, isWarming } from '../../src/main/core/services/targets/model';
import { invokeOk, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// The target cube is built in the background as a file opens, a step at a time between
// other work. Whatever happens meanwhile (a query that needs it, an edit that changes
// what it is built from, the file closing), the figures are the file's, checked with SQL.

const template = tinyDemoTemplate();
const levels = ['province', 'city', 'customer'] as const;

type Ctx = RegistryCtx;
const open = openWithHandlers;
const call = invokeOk;

/** The working plan's id, from SQL (targets.versions would itself finish the warm-up). */
function workingId(c: Ctx): number {
  return c.session.requireFile().sqlite.prepare("SELECT id FROM plan_version WHERE kind = 'working'").pluck().get() as number;
}

/** A copy of the tiny demo with its working plan spread from last year. */
async function plannedCopy(): Promise<string> {
  const path = template.copy();
  const c = await open(path);
  await call(c, 'targets.setCells', {
    versionId: workingId(c), levels: [...levels], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: 123_456_789_00 }],
  });
  await c.session.close();
  return path;
}

/** The working plan's amount by month (cents), from SQL (as any reader: rows an edit left for after its commit land first). */
function sqlMonths(c: Ctx, versionId: number): number[] {
  const file = c.session.requireFile();
  file.settle();
  const rows = file.sqlite
    .prepare('SELECT month, sum(amount_cents) AS cents FROM target_fact WHERE version_id = ? GROUP BY month')
    .all(versionId) as { month: number; cents: number }[];
  const out = new Array<number>(12).fill(0);
  for (const r of rows) out[r.month - 1] = r.cents;
  return out;
}

async function treeMonths(c: Ctx, versionId: number): Promise<number[]> {
  return (await call(c, 'targets.tree', { versionId, levels: [...levels], measure: 'amount', parent: null })).total.months;
}

async function warmed(c: Ctx): Promise<void> {
  const file = c.session.requireFile();
  for (let i = 0; i < 2_000 && isWarming(file); i++) await sleep(10);
  expect(isWarming(file)).toBe(false);
}

describe('the target cube warms up as the file opens', () => {
  it('is built in the background, and the first tree uses it as it is', async () => {
    const c = await open(await plannedCopy());
    const file = c.session.requireFile();
    expect(isWarming(file)).toBe(true);
    await warmed(c);
    const cache = currentTargetCache(file);
    expect(cache).toBeDefined();
    const v = workingId(c);
    expect(cache!.loaded().map((cube) => cube.versionId)).toEqual([v]);
    const months = await treeMonths(c, v);
    expect(months).toEqual(sqlMonths(c, v));
    expect(months.reduce((a, b) => a + b, 0)).toBe(123_456_789_00);
    // The tree was answered from the warmed cube, not a new one.
    expect(currentTargetCache(file)).toBe(cache);
    await c.session.close();
  });

  it('a query that needs the cube before it is done finishes it', async () => {
    const c = await open(await plannedCopy());
    const file = c.session.requireFile();
    // A step or two, not all of them.
    await tick();
    expect(isWarming(file)).toBe(true);
    const v = workingId(c);
    expect(await treeMonths(c, v)).toEqual(sqlMonths(c, v));
    expect(isWarming(file)).toBe(false);
    await c.session.close();
  });

  it('an edit before it is done abandons it; the figures follow the edit', async () => {
    const c = await open(await plannedCopy());
    const file = c.session.requireFile();
    const v = workingId(c);
    expect(isWarming(file)).toBe(true);
    await call(c, 'targets.setCells', {
      versionId: v, levels: [...levels], measure: 'amount', method: 'current', label: 'edit',
      edits: [{ path: [], period: 'm3', value: 7_000_000_00 }],
    });
    await warmed(c);
    const months = await treeMonths(c, v);
    expect(months[2]).toBe(7_000_000_00);
    expect(months).toEqual(sqlMonths(c, v));
    await c.session.close();
  });

  it('a file closed before it is done ends it quietly', async () => {
    const path = await plannedCopy();
    const c = await open(path);
    const file = c.session.requireFile();
    expect(isWarming(file)).toBe(true);
    await c.session.close();
    for (let i = 0; i < 500 && isWarming(file); i++) await sleep(10);
    expect(isWarming(file)).toBe(false);
    // Opened again, it warms again and answers right.
    const again = await open(path);
    await warmed(again);
    const v = workingId(again);
    expect(await treeMonths(again, v)).toEqual(sqlMonths(again, v));
    await again.session.close();
  });
});
