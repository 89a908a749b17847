import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';

// npm run serve -- [FILE] [--port N] [--workspace DIR]
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    workspace: { type: 'string' },
    'state-dir': { type: 'string' },
  },
});
const file = positionals[0] ? resolve(positionals[0]) : undefined;
const port = values.port ? Number(values.port) : 5199;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: ${values.port} is not a port number`);
  process.exit(1);
}
const workspace = resolve(values.workspace ?? (file ? dirname(file) : join(homedir(), 'RegionPlan')));
const stateDir = resolve(values['state-dir'] ?? join(homedir(), '.regionplan-web'));
mkdirSync(workspace, { recursive: true });

try {
  const host = await startWebHost({ workspace, stateDir, port, file });
  console.log(`RegionPlan web host listening on ${host.url}`);
  console.log(`region files folder: ${workspace}`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error((e as Error).message);
  process.exit((e as { code?: string }).code === 'FILE_REFUSED' ? 2 : 1);
}
