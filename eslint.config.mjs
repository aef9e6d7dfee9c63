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
