// ESLint's flat config, as actions/typescript-action sets it up: eslint's and typescript-eslint's
// recommended rules, and a few more that catch bugs rather than taste, over the sources, the tests and
// the scripts. Layout is Prettier's business (`npm run format:check`), not ESLint's.
// See: https://eslint.org/docs/latest/use/configure/configuration-files
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // What .gitignore leaves out (generated or local), and the fixtures and examples (data, not code).
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/', '.bench/', '.gl/', '.whl/', '__tests__/fixtures/', 'examples/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // `_`-prefixed names are the deliberate "unused" (a field left out of a rest object, a callback's
      // first argument); tsc's noUnusedLocals and noUnusedParameters report the rest too.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are matched on purpose: stripped from what reports print (a finding must not
      // forge a workflow command or recolour a terminal) and rejected in what the parsers read.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['__tests__/**'],
    rules: {
      // Tests match printed text (YAML, aligned columns) whose runs of spaces read best as written.
      'no-regex-spaces': 'off',
    },
  },
);
