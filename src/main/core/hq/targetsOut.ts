import type { RegionTargetInput } from '../io/hqTargets';
import { statusBoard } from './board';
import type { HqStore } from './store';

/**
 * What each region's target file holds: head office's target by month for every region
 * whose id is known (it has sent a package) and whose target is set. The others are
 * named in `skipped`, so the window and the command line can say who gets no file yet.
 */
export async function regionTargetInputs(store: HqStore): Promise<{ inputs: RegionTargetInput[]; skipped: string[] }> {
  const board = await statusBoard(store);
  const inputs: RegionTargetInput[] = [];
  const skipped: string[] = [];
  for (const row of board.regions) {
    if (row.regionId === null || row.targetCents === 0) {
      skipped.push(row.regionName);
      continue;
    }
    inputs.push({
      regionId: row.regionId,
      regionName: row.regionName,
      planYear: board.cycle.planYear,
      months: row.months.map((m) => ({ month: m.month, amountCents: m.targetCents, volume: m.targetVolume })),
    });
  }
  return { inputs, skipped };
}
