import { join } from 'node:path';
import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { median, timeOnce } from '../measure';
import type { ChannelPlan } from '../../src/shared/endpoints/planChannel';
import type { BenchCase } from '../types';
import { benchHost } from './foundation';

// 計劃書 → 渠道客戶 on the large region: the time to answer the chapter's opening query
// (plan.channel.get of the working plan: the blank areas as the customers analysis finds
// them, the pipeline with first orders from the monthly summary, the planned changes with
// the plan year's classes) through the registry on the open file. Figure only.

const RUNS = 5;

export const chaptersOpenChannel: BenchCase = {
  name: 'chapters-open-channel',
  async run(ctx) {
    const path = await ctx.largeRegion();
    const session = new Session(benchHost(join(ctx.workDir, 'state')));
    const registry = createHandlers(session);
    session.grant(path);
    const opened = await registry.invoke('file.open', { path });
    if (!opened.ok) throw new Error(opened.error.message);
    let rows = 0;
    const ask = async () => {
      const r = await registry.invoke('plan.channel.get', {});
      if (!r.ok) throw new Error(r.error.message);
      const plan = r.value as ChannelPlan;
      rows = plan.fills.length + plan.prospects.length + plan.changes.length;
    };
    try {
      await ask();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timeOnce(ask));
      return {
        case: 'chapters-open-channel',
        ours_ms: Math.round(median(times) * 10) / 10,
        baseline: null,
        baseline_ms: null,
        ratio: null,
        note: `goal 200 ms; median of ${RUNS} after a warm-up; ${rows} rows (areas, prospects, changes)`,
      };
    } finally {
      await session.close();
    }
  },
};
