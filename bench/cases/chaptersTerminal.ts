import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import type { TerminalPlan } from '../../src/shared/endpoints/planTerminal';
import { median } from '../measure';
import type { BenchCase } from '../types';
import { benchHost } from './foundation';
import { ok } from './targets';

// chapters-open-terminal: opening 終端建設規劃 on the large region, through the handler
// registry (as every transport calls it): the chapter's query (stores to open, share
// targets with their baseline, strongest competitor and actual from the terminals
// analysis, SKU targets) and the trend of its first share target. Figure only.

const RUNS = 5;

export const chaptersOpenTerminal: BenchCase = {
  name: 'chapters-open-terminal',
  async run(ctx) {
    const source = await ctx.largeRegion();
    // A copy: the session opens files for writing, and the cached region is shared.
    const path = join(ctx.workDir, 'chapters-terminal.rplan');
    copyFileSync(source, path);
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    try {
      await ok(registry, 'file.open', { path });
      const open = async () => {
        const t0 = performance.now();
        const plan = await ok<TerminalPlan>(registry, 'plan.terminal.get', {});
        if (plan.shareTargets.length > 0) await ok(registry, 'plan.terminal.trend', { id: plan.shareTargets[0].id });
        return { ms: performance.now() - t0, plan };
      };
      await open(); // warm-up
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await open());
      const { plan } = runs[0];
      return {
        case: 'chapters-open-terminal',
        ours_ms: Math.round(median(runs.map((r) => r.ms)) * 10) / 10,
        baseline: null,
        baseline_ms: null,
        ratio: null,
        note: `plan.terminal.get + the trend of its first target: ${plan.openings.length} city × channel rows, ${plan.shareTargets.length} share targets, ${plan.skuTargets.length} SKU targets; median of ${RUNS} after a warm-up; goal ≤ 200 ms`,
      };
    } finally {
      await session.close();
      rmSync(path, { force: true });
    }
  },
};
