import { createHandlers } from '../../src/main/core/handlers';
import { Session } from '../../src/main/core/session';
import { peakRssMb } from '../measure';
import { benchHost } from './foundation';

// The memory side of `open-large`, in its own process so that its peak RSS is the app's
// alone: node --import tsx bench/cases/openChild.ts REGION_FILE STATE_DIR YEAR...
// Opens the planned large region as the app does (its full check on a worker, as on a
// first open), reads the overview's monthly totals, waits for the check, then builds the
// target cube as the first look at 銷售目標 does. Prints one JSON line with the peak RSS
// (MB) after each step.

const [regionPath, stateDir, ...yearArgs] = process.argv.slice(2);
if (!regionPath || !stateDir) {
  process.stderr.write('usage: openChild.ts REGION_FILE STATE_DIR YEAR...\n');
  process.exit(1);
}
const peak = peakRssMb;
// Not targets.ts's ok(): that module brings Playwright, whose memory would count here.
const must = <T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
const start = peak();
const session = new Session(benchHost(stateDir));
const registry = createHandlers(session);
session.grant(regionPath);
must(await registry.invoke('file.open', { path: regionPath }));
for (const year of yearArgs.map(Number)) must(await registry.invoke('region.monthlyTotals', { year }));
const opened = peak();
await session.checked();
const checked = peak();
const versions = must<{ id: number; kind: string }[]>(await registry.invoke('targets.versions', {}));
const working = versions.find((v) => v.kind === 'working');
if (!working) throw new Error('the planned region has no working version');
must(await registry.invoke('targets.tree', { versionId: working.id, levels: ['province', 'city', 'customer'], measure: 'amount', parent: null }));
const cube = peak();
await session.close();
process.stdout.write(`${JSON.stringify({ start, opened, checked, cube })}\n`);
