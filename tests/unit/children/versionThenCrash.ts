// Child process for the version copy's crash test: opens a region file that already has
// a plan, makes a snapshot or a scenario of the working plan through the registry,
// prints what its answer said, and is killed at once, before the copy of its cells, left
// for after its commit (db/versionCopy.ts), is made; with a number of rows, after that
// many are copied.
import { join } from 'node:path';
import { createHandlers } from '../../../src/main/core/handlers';
import { Session } from '../../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../../src/shared/contract';
import { testHost } from '../testHost';

const [path, kind, part] = [process.argv[2], process.argv[3] as 'snapshot' | 'scenario', Number(process.argv[4] ?? 0)];
const session = new Session(testHost(join(path, '..', 'state-child')));
const r = createHandlers(session);
session.grant(path);
await session.open(path);
async function call<K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>> {
  const res = await r.invoke(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.value as EndpointResult<K>;
}
const working = (await call('targets.versions', {})).find((x) => x.kind === 'working')!.id;
const made = await call('targets.createVersion', { kind, fromId: working, name: `${kind} before the crash`, ...(kind === 'scenario' ? { scenario: 'stretch' as const } : {}) });
if (part > 0) session.requireFile().settleStep(part);
process.stdout.write(`${JSON.stringify({ id: made.id, working, cells: made.cellCount, cents: made.amountCents, unsettled: session.requireFile().unsettled })}\n`, () => {
  process.kill(process.pid, 'SIGKILL');
});
