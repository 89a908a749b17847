import { join } from 'node:path';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { median, timeOnce } from '../measure';
import type { BenchCase } from '../types';
import { benchHost } from './foundation';
import { ok, seededLargeRegion } from './targets';

// 計劃文字 on the large region with its 2027 plan: the chapter's opening queries (the
// version's sections with every live figure for the region and each province, and the
// version list), through the handler registry, median of 5 after the first open.

export const chaptersOpenWritten: BenchCase = {
  name: 'chapters-open-written',
  async run(ctx) {
    const path = await seededLargeRegion(ctx);
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    await ok(registry, 'file.open', { path });
    const open = () => Promise.all([ok(registry, 'plan.written.get', {}), ok(registry, 'targets.versions', {})]);
    // The first open builds the targets' cube (shared with the target page and the expense views).
    const first = await timeOnce(open);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await timeOnce(open));
    await session.close();
    return {
      case: 'chapters-open-written',
      ours_ms: Math.round(median(times) * 10) / 10,
      baseline: null,
      baseline_ms: null,
      ratio: null,
      note: `figure only; goal 200 ms. Every figure of the catalog (region and each province) from the monthly summaries and the targets' cube; the first open, which builds the cube, took ${Math.round(first)} ms`,
    };
  },
};
