// Child process for the deferred rows' crash tests: opens a region file that already
// has a plan, spreads a new region total through the registry (with 'undo': writes the
// spread's rows, then undoes it), prints what the cube now holds once the call has
// answered, and is killed at once, before the rows the last call left for after its
// commit are written.
import { join } from 'node:path';
import { createHandlers } from '../../../src/main/core/handlers';
import { Session } from '../../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../../src/shared/contract';
import { testHost } from '../testHost';

const [path, yearCents, then] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? 'spread'];
const session = new Session(testHost(join(path, '..', 'state-child')));
const r = createHandlers(session);
session.grant(path);
await session.open(path);
async function call<K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.value as EndpointResult<K>;
}
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
process.stdout.write(`${JSON.stringify({ versionId: v, months: summary.plan.amountCents, volume: summary.plan.volume, unsettled: session.requireFile().unsettled })}\n`, () => {
  process.kill(process.pid, 'SIGKILL');
});
