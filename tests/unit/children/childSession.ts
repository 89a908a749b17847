// What the crash tests' child processes share: the region file opened through the
// registry as the app opens it, a call that must succeed, and the last words before the
// kill that stands for a crash.
import { join } from 'node:path';
import { createHandlers } from '../../../src/main/core/handlers';
import { Session } from '../../../src/main/core/session';
import type { EndpointInput, EndpointName, EndpointResult } from '../../../src/shared/contract';
import { testHost } from '../testHost';

export interface ChildSession {
  session: Session;
  call<K extends EndpointName>(name: K, input: EndpointInput<K>): Promise<EndpointResult<K>>;
}

/** Opens `path` in a session of its own (state beside the file, apart from the parent's). */
export async function openChild(path: string): Promise<ChildSession> {
  const session = new Session(testHost(join(path, '..', 'state-child')));
  const r = createHandlers(session);
  session.grant(path);
  await session.open(path);
  return {
    session,
    async call(name, input) {
      const res = await r.invoke(name, input);
      if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
      return res.value as EndpointResult<typeof name>;
    },
  };
}

/** Prints `told` as one line of JSON for the parent, then dies at once (SIGKILL), with nothing written after. */
export function tellAndDie(told: unknown): void {
  process.stdout.write(`${JSON.stringify(told)}\n`, () => {
    process.kill(process.pid, 'SIGKILL');
  });
}
