import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { paired } from '../measure';
import type { BenchCase, BenchContext } from '../types';
import { benchHost } from './foundation';

// Target planning on the large region: a working plan with a leaf for every
// customer × SKU sold last year, all 12 months (about 1.45M rows, amount and volume:
// about 3M leaf cells). Built once from the cached large region and kept in .bench/.

type Registry = ReturnType<typeof createHandlers>;

async function ok<T>(registry: Registry, name: string, input: unknown): Promise<T> {
  const r = await registry.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

export async function workingVersion(registry: Registry): Promise<number> {
  const versions = await ok<{ id: number; kind: string }[]>(registry, 'targets.versions', {});
  const v = versions.find((x) => x.kind === 'working');
  if (!v) throw new Error('no working plan');
  return v.id;
}

/** The large region with its 2027 plan spread from last year (made once). */
export async function seededLargeRegion(ctx: BenchContext): Promise<string> {
  const path = ctx.largeRegionPath.replace(/\.rplan$/, '-planned.rplan');
  if (existsSync(path)) return path;
  const src = await ctx.largeRegion();
  const temp = `${path}.tmp.rplan`;
  rmSync(temp, { force: true });
  const db = new Database(src, { readonly: true });
  try {
    await db.backup(temp);
  } finally {
    db.close();
  }
  const session = new Session(benchHost(join(ctx.workDir, 'state')));
  const registry = createHandlers(session);
  session.grant(temp);
  await ok(registry, 'file.open', { path: temp });
  const v = await workingVersion(registry);
  const ho = await ok<{ amountCents: number }[]>(registry, 'targets.hoTarget', {});
  const year = ho.reduce((s, m) => s + m.amountCents, 0);
  await ok(registry, 'targets.setCells', {
    versionId: v, levels: ['province'], measure: 'amount', method: 'lastYear', label: 'spread',
    edits: [{ path: [], period: 'year', value: year }],
  });
  await session.close();
  renameSync(temp, path);
  return path;
}

export const spreadRegionTotal: BenchCase = {
  name: 'spread-region-total',
  async run(ctx) {
    const path = await seededLargeRegion(ctx);
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    await ok(registry, 'file.open', { path });
    const v = await workingVersion(registry);
    // Warm the cube (the user has the target grid open when they type the total).
    const tree = await ok<{ total: { months: number[] } }>(registry, 'targets.tree', { versionId: v, levels: ['province'], measure: 'amount', parent: null });
    const start = tree.total.months.reduce((a, b) => a + b, 0);
    const cells = session.requireFile().sqlite.prepare('SELECT count(*) FROM target_fact WHERE version_id = ?').pluck().get(v) as number;
    let round = 0;
    let changed = 0;
    // Ours: the user types a new region total; it spreads (in proportion) over every
    // leaf, locks honoured, whole 元, totals exact, committed with its undo record.
    const ours = async () => {
      round++;
      const value = Math.round((start * (1 + (round % 2 ? 0.05 : -0.03))) / 100) * 100;
      const out = await ok<{ changed: number }>(registry, 'targets.setCells', {
        versionId: v, levels: ['province'], measure: 'amount', method: 'current', label: 'edit',
        edits: [{ path: [], period: 'year', value }],
      });
      changed = out.changed;
    };
    // Baseline: one set-based UPDATE of the same rows' amount in one transaction, on
    // the same connection and file.
    const sqlite = session.requireFile().sqlite;
    const update = sqlite.prepare('UPDATE target_fact SET amount_cents = amount_cents + 100 WHERE version_id = ?');
    const undoBaseline = sqlite.prepare('UPDATE target_fact SET amount_cents = amount_cents - 100 WHERE version_id = ?');
    let flip = false;
    const baseline = () => {
      flip = !flip;
      sqlite.transaction(() => (flip ? update : undoBaseline).run(v)).immediate();
    };
    const { ours: o, baseline: b } = await paired(5, ours, baseline);
    await session.close();
    return {
      case: 'spread-region-total',
      ours_ms: Math.round(o * 10) / 10,
      baseline: 'one set-based UPDATE of amount_cents over the same rows (same file, same connection)',
      baseline_ms: Math.round(b * 10) / 10,
      ratio: Math.round((o / b) * 100) / 100,
      note: `${cells.toLocaleString('en')} leaf rows (×2 measures); ${changed.toLocaleString('en')} rows changed per spread; goal ≤ 2.0`,
    };
  },
};
