// ESLint's flat config for every JS folder of the repository: `npx eslint .` (scripts/test.sh runs it).
//
// Why it exists: the JS of the page, the extension, the shared UI, the npm package's highlighter, the
// benchmarks, the tests and the scripts is held to one set of rules: ESLint's recommended rules plus
// no-unused-vars and no-shadow, with the globals each folder really has (a browser page, a worker, an
// extension, Node, or Node driving a browser).

import js from '@eslint/js';
import globals from 'globals';

/** The CSS Custom Highlight API's constructor, missing from older `globals` lists. */
const highlightApi = { Highlight: 'readonly' };

export default [
  {
    // Build output, dependencies and generated files.
    ignores: ['**/node_modules/**', '**/dist/**', 'target/**', 'fuzz/**', 'test-output/**', 'bench/results/**',
      '.venv/**', '**/.venv/**', 'python/target/**', 'tests/vendor/**', 'tests/pkg/consumers/work/**'],
  },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-shadow': 'error',
    },
  },
  // The page and its lens worker.
  { files: ['www/src/**/*.js'], languageOptions: { globals: { ...globals.browser, ...highlightApi } } },
  { files: ['www/src/lens-worker.js'], languageOptions: { globals: { ...globals.worker } } },
  // The extension: content scripts, popup, options page and the background (a service worker in Chrome).
  { files: ['extension/src/**/*.js'], languageOptions: { globals: { ...globals.browser, ...globals.webextensions, ...highlightApi } } },
  { files: ['extension/src/background.js'], languageOptions: { globals: { ...globals.serviceworker, ...globals.webextensions } } },
  // Shared by the page, the extension and the highlighter: browser code (palette.js is also read by the builds in Node).
  { files: ['ui/**/*.js', 'pkg/js/**/*.js'], languageOptions: { globals: { ...globals.browser, ...highlightApi } } },
  // Node: builds, scripts, the benchmark harness, the tests (whose page.evaluate callbacks run in a browser).
  { files: ['**/*.mjs', 'eslint.config.js'], languageOptions: { globals: { ...globals.node } } },
  { files: ['tests/**/*.mjs', 'bench/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // The consumer matrix's app: browser code that every toolchain bundles.
  { files: ['tests/pkg/consumers/app/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  // The extension's tests also evaluate code in its pages and service worker.
  { files: ['tests/e2e/extension/**/*.mjs'], languageOptions: { globals: { ...globals.webextensions } } },
];
