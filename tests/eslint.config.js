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
  // Layering: imports flow ui -> worker/client -> core, worker -> core, cli -> core. ESLint's own
  // no-restricted-imports matches the import's text; our imports are all relative, so a layer's
  // folder name in the path is the layer (a resolving plugin would add a dependency and a resolver
  // for TypeScript and Svelte to say the same).
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(ui|worker|cli)(/|$)',
              message: 'core runs in the worker and in Node: it never imports worker, ui or cli.',
            },
            { regex: '^node:', message: 'core has no Node APIs: the CLI passes them in (CliHost).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/(input|sourcemap|detectors)(/|$)',
              message:
                'The page gets reading and scanning from the worker: ui never imports core/input, core/sourcemap or core/detectors.',
            },
            { regex: '(^|/)cli(/|$)', message: 'ui never imports the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)ui(/|$)', message: 'worker and cli never import the page.' },
            { regex: '(^|/)(cli|worker)/', message: 'worker and cli are separate hosts of the core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
)
