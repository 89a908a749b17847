import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';

// npm run serve -- [FILE] [--port N] [--workspace DIR] [--no-open]
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    workspace: { type: 'string' },
    'state-dir': { type: 'string' },
    'no-open': { type: 'boolean' },
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
  // The one way into the app: a one-time link that gives the browser opening it the
  // session cookie (src/main/web/server.ts). Opened here; printed for a browser of one's choice.
  const launchUrl = host.newLaunchUrl();
  console.log(`RegionPlan web host listening on ${host.url}`);
  console.log(`region files folder: ${workspace}`);
  if (values['no-open']) {
    console.log(`open RegionPlan with this one-time link: ${launchUrl}`);
  } else {
    console.log(`opening RegionPlan in the default browser with a one-time link: ${launchUrl}`);
    openInBrowser(launchUrl);
  }
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error((e as Error).message);
  process.exit((e as { code?: string }).code === 'FILE_REFUSED' ? 2 : 1);
}

/** Opens the link in the default browser; without one (a headless machine) the printed link is the way in. */
function openInBrowser(link: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', link]] : [process.platform === 'darwin' ? 'open' : 'xdg-open', [link]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true, windowsVerbatimArguments: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the printed link still works
  }
}
