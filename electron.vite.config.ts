import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// `npm run dev` only: the React refresh preamble is an inline script and the dev
// server talks over a websocket, both of which the strict CSP forbids. The built app
// (npm start, the web host, the installers) keeps the strict policy untouched.
function devCsp(): Plugin {
  return {
    name: 'regionplan-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
  };
}

// Three bundles: the Electron main process (with the core), the preload script and
// the renderer. The renderer is also what the web host serves (npm run serve).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The job worker runs long work (demo generation, later imports) off the
          // thread that answers IPC.
          'job-worker': resolve(__dirname, 'src/main/core/jobs/worker.ts'),
          // Every workbook is read here, with a memory cap (src/main/core/io/workbookThread.ts finds it).
          'workbook-worker': resolve(__dirname, 'src/main/core/io/workbookWorker.ts'),
          // A large CSV of an actuals import is read and split here while the import checks its rows (src/main/core/io/actuals/csvThread.ts finds it).
          'csv-worker': resolve(__dirname, 'src/main/core/io/actuals/csvWorker.ts'),
          // Head office verifies the next package here while this one loads (src/main/core/hq/prepareThread.ts finds it).
          'package-worker': resolve(__dirname, 'src/main/core/hq/prepareWorker.ts'),
          // The command line, runnable from a build without the development tools (no tsx):
          // `node out/main/cli.js …`, with the production dependencies installed.
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src/main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react(), devCsp()],
  },
});
