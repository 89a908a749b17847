// Child process for the deferred rows' crash tests: opens a region file that already
// has a plan, spreads a new region total through the registry (with 'undo': writes the
// spread's rows, then undoes it), prints what the cube now holds once the call has
// answered, and is killed at once, before the rows the last call left for after its
// commit are written.
import { openChild, tellAndDie } from './childSession';

const [path, yearCents, then] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? 'spread'];
const { session, call } = await openChild(path);
const v = (await call('targets.versions', {})).find((x) => x.kind === 'working')!.id;
const levels = ['province', 'city', 'customer'] as const;
await call('targets.setCells', {
  versionId: v, levels: [...levels], measure: 'amount', method: 'current', label: 'edit',
  edits: [{ path: [], period: 'year', value: yearCents }],
});
if (then === 'undo') {
  session.requireFile().settle();
  await call('edit.undo', {});
}
const summary = await call('targets.summary', { versionId: v });
tellAndDie({ versionId: v, months: summary.plan.amountCents, volume: summary.plan.volume, unsettled: session.requireFile().unsettled });
