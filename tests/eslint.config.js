// ESLint flat config (kept under tests/ so the top level stays small); run as `eslint -c tests/eslint.config.js .`.
import js from '@eslint/js'
import ts from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'

export default ts.config(
  {
    ignores: [
      'node_modules',
      'dist',
      // EE_OUT_DIR builds of parallel browser-test runs.
      'dist-*',
      'tests/fixtures/out',
      'test-results',
      'playwright-report',
      'public/sample',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Artifact data is never markup: {@html} is banned outright.
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
)
