// Lint, including the layer rules of ARCHITECTURE.md section 1: a wrong import
// between runtime layers fails `npm test`, not just review.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Only the Electron shell (src/main outside core, web and cli) may import electron.' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'better-sqlite3', 'kysely'],
  message: 'This layer runs without Node: no Node built-ins or database code here.',
};
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
      'no-restricted-imports': ['error', { paths: [electron, { name: 'react', message: 'shared is pure TypeScript.' }], patterns: [nodeBuiltins, noMainFromHere, noRenderer] }],
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
      'no-restricted-imports': ['error', { paths: [electron], patterns: [nodeBuiltins, noMainFromHere] }],
    },
  },
);
