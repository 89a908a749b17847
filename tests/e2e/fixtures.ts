import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startWebHost } from '../../src/main/web/server';
import { StartPage } from './pages/StartPage';
import { WorkspacePage } from './pages/WorkspacePage';

// Every test gets its own web host on a free port, with a fresh temp folder for its
// region files (workspace) and for the app's own state (recent list, language, demo),
// deleted afterwards. The host serves the built renderer: build it first
// (`npm run test:e2e` does).

export interface TestHost {
  /** The host's address; a browser without its session cookie gets only the launch-link page. */
  url: string;
  /** A fresh one-time launch link: what a browser context opens to get the session (the start fixture does). */
  newLaunchUrl(): string;
  /** The host's folder of region files. */
  workspace: string;
  /** The host's state folder (recent files, language, the demo region). */
  stateDir: string;
}

export type DemoSize = 'tiny' | 'typical' | 'large';

interface Options {
  /** The demo region's size; tiny (about a second to generate) unless a test needs time to cancel. */
  demoSize: DemoSize;
}

interface Fixtures {
  host: TestHost;
  start: StartPage;
  workspace: WorkspacePage;
}


const RENDERER_DIR = resolve(process.cwd(), 'out', 'renderer');

export const test = base.extend<Fixtures & Options>({
  demoSize: ['tiny', { option: true }],
  host: async ({ demoSize }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'regionplan-e2e-'));
    const workspace = join(dir, 'workspace');
    const stateDir = join(dir, 'state');
    const web = await startWebHost({ workspace, stateDir, rendererDir: RENDERER_DIR, demoSize });
    try {
      await use({ url: web.url, newLaunchUrl: () => web.newLaunchUrl(), workspace, stateDir });
    } finally {
      await web.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
  start: async ({ page, host }, use) => {
    // The renderer must not throw or log errors along the way.
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const start = new StartPage(page);
    // Through a launch link, as `npm run serve` opens the app: the page's context gets the session cookie.
    await start.goto(host.newLaunchUrl());
    await use(start);
    expect(problems, 'errors in the renderer').toEqual([]);
    // Close the page's event stream before its host stops.
    await page.context().close();
  },
  workspace: async ({ page }, use) => {
    await use(new WorkspacePage(page));
  },
});

export { expect };
