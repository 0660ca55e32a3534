// @ts-check
// ESLint for the TypeScript (type-aware rules) and the few JavaScript entry
// points. Layout is Prettier's job (eslint-config-prettier turns off every rule
// that would argue with it); what is left here catches bugs, not style.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { fileURLToPath } from 'node:url';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // The sample report, test inputs, vendored fonts and generated files are data, not code.
  { ignores: ['content/', 'tests/fixtures/', 'fonts/', 'templates/', 'dist/', 'output/', '.bench/', 'node_modules/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    // Each file is typed by its nearest tsconfig.json (a browser folder may bring its own, with the DOM library).
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)) } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // An async function without await still turns a throw into a rejection, which callers rely on
      // (the commands behind run(), watch's rebuild queue); dropping `async` to please the rule would change that.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/watch/client/**'],
    rules: {
      // The code speaks through the Io it is given (captured by tests, kept off stdout under --format json).
      'no-console': 'error',
    },
  },
  {
    // The preview's browser code: DOM globals, no Node.
    files: ['src/watch/client/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Tests read JSON.parse results, exceljs cell values and vitest's asymmetric matchers
      // (expect.stringContaining …), all typed any: the assertions that follow are the check.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // An exceljs cell that stringifies to [object Object] fails the assertion it feeds.
      '@typescript-eslint/no-base-to-string': 'off',
      // Expected output is written as printed: the findings' columns are two literal spaces.
      'no-regex-spaces': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  prettier,
);
