// Lint, including the layer rules of ARCHITECTURE.md section 1: a wrong import
// between runtime layers fails `npm test`, not just review.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Only the Electron shell (src/main outside core, web and cli) may import electron.' };
const withoutNode = 'This layer runs without Node: no Node built-ins or database code here.';
// Every Node built-in by its exact name (fs, fs/promises, zlib, stream, util, buffer, events,
// url, net, ...), from the Node that runs lint so none is forgotten; as patterns, names such as
// `url` or `events` would also match a relative path like ./events. `node:*` takes the rest.
const nodeBuiltinPaths = builtinModules.map((name) => ({ name, message: withoutNode }));
const nodeBuiltins = { group: ['node:*', 'better-sqlite3', 'kysely'], message: withoutNode };
// no-undef is off under typescript-eslint, so a global of the wrong runtime is caught here
// (and by the layer's tsconfig).
const nodeGlobals = ['Buffer', 'process', 'global', 'require', 'module', 'exports', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];
const domGlobals = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self'];
const restricted = (names, message) => names.map((name) => ({ name, message }));
const noMainFromHere = { group: ['**/main/**', '../main/*'], message: 'The renderer and shared code never import main-side code; use the contract.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Main-side code never imports the renderer.' };
const noShell = { group: ['**/shell/*', '../shell/**', '**/main/index', '**/preload'], message: 'The core runs without Electron: it never imports the shell.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**', '.tsbuild/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Migrations are frozen in time and take Kysely<any> (STYLE.md).
    files: ['src/main/core/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron, { name: 'react', message: 'shared is pure TypeScript.' }, ...nodeBuiltinPaths], patterns: [nodeBuiltins, noMainFromHere, noRenderer] },
      ],
      'no-restricted-globals': [
        'error',
        ...restricted(nodeGlobals, 'A Node global: shared code also runs in the renderer, without Node.'),
        ...restricted(domGlobals, 'A browser global: shared code also runs in Node, without the DOM.'),
      ],
    },
  },
  {
    files: ['src/main/core/**', 'src/main/web/**', 'src/main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [noRenderer, noShell] }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/core/**', 'src/main/web/**', 'src/main/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electron, ...nodeBuiltinPaths], patterns: [nodeBuiltins, noMainFromHere] }],
      'no-restricted-globals': ['error', ...restricted(nodeGlobals, 'A Node global: the renderer runs without Node.')],
    },
  },
);
