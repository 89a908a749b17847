// Child process for the version copy's crash test: opens a region file that already has
// a plan, makes a snapshot or a scenario of the working plan through the registry,
// prints what its answer said, and is killed at once, before the copy of its cells, left
// for after its commit (db/versionCopy.ts), is made; with a number of rows, after that
// many are copied.
import { openChild, tellAndDie } from './childSession';

const [path, kind, part] = [process.argv[2], process.argv[3] as 'snapshot' | 'scenario', Number(process.argv[4] ?? 0)];
const { session, call } = await openChild(path);
const working = (await call('targets.versions', {})).find((x) => x.kind === 'working')!.id;
const made = await call('targets.createVersion', { kind, fromId: working, name: `${kind} before the crash`, ...(kind === 'scenario' ? { scenario: 'stretch' as const } : {}) });
if (part > 0) session.requireFile().settleStep(part);
tellAndDie({ id: made.id, working, cells: made.cellCount, cents: made.amountCents, unsettled: session.requireFile().unsettled });
