// Lint, including the layer rules of docs/architecture.md (sections 2 and 4): a wrong
// import between runtime layers or inside the core, or SQL outside db/, repos/ and hq/,
// fails `npm test`, not just review.
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

// Inside the core, imports go one way: db ← repos ← services ← handlers, with io beside
// services (io may call services, not the reverse), and only jobs/ and cli/ reach the
// demo generator. Matched on the import's text, which is a relative path in the core.
const core = (names, message) => ({ regex: `(^|/)(${names.join('|')})(/|$)`, message });
const below = (layer, names) => core(names, `${layer} may not import ${names.join(', ')}: see docs/architecture.md, "Layers".`);
const sessionLevel = ['registry', 'session', 'host'];
const noDemo = { regex: '(^|/)demo/', message: 'Only jobs/ and cli/ run the demo generator.' };
const coreImports = (patterns) => ['error', { paths: [electron], patterns: [noRenderer, noShell, ...patterns] }];

// SQL lives in db/ and repos/: elsewhere no statements are prepared and no SQL is written.
const sqlStart = '^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|VACUUM|REPLACE)\\s';
const noSql = [
  'error',
  { selector: "CallExpression[callee.property.name='prepare']", message: 'Statements are prepared in db/ or repos/ only.' },
  { selector: "CallExpression[callee.property.name='pragma']", message: 'Pragmas are run in db/ or repos/ only.' },
  { selector: `Literal[value=/${sqlStart}/]`, message: 'SQL is written in db/ or repos/ only.' },
  { selector: `TemplateElement[value.raw=/${sqlStart}/]`, message: 'SQL is written in db/ or repos/ only.' },
];
const noDatabase = { group: ['kysely', 'better-sqlite3'], message: 'Queries are built and connections used in db/ or repos/ only.' };

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
    // Migrations are frozen in time and take Kysely<any>.
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
  // The core's folders, each with the imports it may not make (the last block that
  // matches a file wins, so each lists all of its own).
  { files: ['src/main/core/**', 'src/main/web/**'], rules: { 'no-restricted-imports': coreImports([noDemo, noDatabase]) } },
  { files: ['src/main/cli/**', 'src/main/core/jobs/**', 'src/main/core/demo/**'], rules: { 'no-restricted-imports': coreImports([noDatabase]) } },
  { files: ['src/main/core/db/**'], rules: { 'no-restricted-imports': coreImports([below('db/', ['repos', 'services', 'io', 'handlers', 'jobs', 'demo', ...sessionLevel])]) } },
  { files: ['src/main/core/repos/**'], rules: { 'no-restricted-imports': coreImports([below('repos/', ['services', 'io', 'handlers', 'jobs', 'demo', ...sessionLevel])]) } },
  // Head office's store: its own database (SQLite or PostgreSQL) with its queries, beside services.
  { files: ['src/main/core/hq/**'], rules: { 'no-restricted-imports': coreImports([noDemo, below('hq/', ['handlers', 'jobs', 'demo', ...sessionLevel])]) } },
  {
    files: ['src/main/core/services/**'],
    rules: { 'no-restricted-imports': coreImports([noDatabase, below('services/', ['io', 'handlers', 'jobs', 'demo', ...sessionLevel])]) },
  },
  { files: ['src/main/core/io/**'], rules: { 'no-restricted-imports': coreImports([noDatabase, below('io/', ['handlers', 'jobs', 'demo', ...sessionLevel])]) } },
  {
    // Everything on the main side but db/ and repos/: no SQL is prepared or written.
    files: ['src/main/**'],
    ignores: ['src/main/core/db/**', 'src/main/core/repos/**', 'src/main/core/hq/**'],
    rules: { 'no-restricted-syntax': noSql },
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
