import { defineConfig } from '@playwright/test';

// End-to-end tests: the built renderer (out/renderer) in Debian's Chromium, against
// the real core and real region files through the web host, which each test starts
// on a free port with its own temp folder (tests/e2e/fixtures.ts).
// Never `playwright install`: the browser is the system's Chromium.

const CHROMIUM = process.env.REGIONPLAN_CHROMIUM ?? '/usr/bin/chromium';
const CI = !!process.env.CI;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  workers: CI ? 1 : 2,
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The renderer through the web host, in Chromium.
    { name: 'web', testIgnore: /electron.*\.spec\.ts$/ },
    // The real Electron app (skipped with a reason where no Electron binary is installed).
    { name: 'electron', testMatch: /electron.*\.spec\.ts$/ },
  ],
});
