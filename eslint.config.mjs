// Lint rules: typescript-eslint's recommended set, plus the boundaries this project keeps. Each
// room may import only what runs where it runs (the tsconfig of each room enforces its types).
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules: not in the core, the shared protocols or the webviews. */
const NODE_MODULES = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The core is shared by the extension, the CLI, the webviews' data and plain-Node tests: no
    // editor API and no Node API.
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: NODE_MODULES }] },
  },
  {
    // What the browser's web worker extension host runs (src/web/tsconfig.json lists the same
    // files): the editor API, but no Node. The host's Node-only files are named here, and only
    // the Node entry (src/extension.ts) imports them.
    files: ['src/web/**/*.ts', 'src/vscode/**/*.ts', 'src/lazy-core.ts', 'src/explorer-search-job.ts', 'src/explorer-search-answer.ts'],
    ignores: [
      'src/vscode/connections-view.ts',
      'src/vscode/socket-tool.ts',
      'src/vscode/local-file.ts',
      'src/vscode/explorer-kernel.ts',
      'src/vscode/explorer-load.ts',
      'src/vscode/explorer-search-run.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_MODULES, message: 'Node only: the browser entry reaches this file, and a web worker has no Node.' },
            { group: ['**/connections-view', '**/socket-tool', '**/local-file', '**/explorer-kernel', '**/explorer-load', '**/explorer-search-run', '**/kernel-replay/**', '**/explorer-search', '**/census-parallel', '**/cli'], message: 'Node only: the browser entry reaches this file. Pass what Node has through host.ts (src/extension.ts fills it in).' },
          ],
        },
      ],
    },
  },
  {
    // The kernel replay is host code that the CLI could load too: Node, but no editor API.
    files: ['src/kernel-replay/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
  {
    // Its plan of what loopback can replay is pure: no Node either.
    files: ['src/kernel-replay/plan.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: NODE_MODULES }] },
  },
  {
    // The webviews run in the browser: no editor API, no Node, and only the shared protocols and
    // the core's pure modules from src/.
    files: ['media/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [...NODE_MODULES, '**/src/vscode/**', '**/src/cli'] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'test/**/*.cjs', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
