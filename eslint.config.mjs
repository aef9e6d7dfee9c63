// Lint rules: typescript-eslint's recommended set, plus the boundaries this project keeps.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is shared by the extension, the CLI and plain-Node tests: no editor API.
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: ['node:*', 'fs', 'path'] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
);
