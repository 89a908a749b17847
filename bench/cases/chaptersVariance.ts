import { join } from 'node:path';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { median, timeOnce } from '../measure';
import type { BenchCase } from '../types';
import { benchHost } from './foundation';
import { ok, seededLargeRegion } from './targets';

// 差異分析 on the large region with its 2027 plan: the time to answer the variance tab's
// opening queries (the log with each note's gap against the plan and last year, and the
// notes the chart and the grid mark). Figure only: the goal is 200 ms.

export const chaptersOpenVariance: BenchCase = {
  name: 'chapters-open-variance',
  async run(ctx) {
    const path = await seededLargeRegion(ctx);
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    await ok(registry, 'file.open', { path });
    const today = '2027-03-01';
    const log = await ok<{ notes: unknown[] }>(registry, 'plan.variance.log', { today });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      times.push(
        await timeOnce(async () => {
          await ok(registry, 'plan.variance.log', { today });
          await ok(registry, 'plan.variance.notes', { today });
        }),
      );
    }
    await session.close();
    const ms = median(times);
    return {
      case: 'chapters-open-variance',
      ours_ms: Math.round(ms * 10) / 10,
      baseline: null,
      baseline_ms: null,
      ratio: null,
      note: `goal 200 ms; ${log.notes.length} notes, each gap one aggregate over the monthly summaries or the lines of its slice`,
    };
  },
};
