// Flat config: Grafana's shared rules, the automatic JSX runtime, and Prettier owning all formatting.
import grafanaConfig from '@grafana/eslint-config';
import prettierConfig from 'eslint-config-prettier';
import reactPlugin from 'eslint-plugin-react';

// src/model is the pure forecaster that runs in Node, browsers and the Go backend: it imports only files inside
// src/model (no packages but d3-array, which is plain ECMAScript and bundles into sobek; no Node modules, no other
// src folder), and only its tests import its test helpers
// (src/model/testing). The rule matches the import text, so each folder depth gets its own block: from
// src/model/a/b.ts, '../x' stays inside and '../../x' leaves.
const MODEL_FOLDER_DEPTHS = [0, 1, 2, 3];

function modelImportBoundary(depth, tests) {
  const files = `src/model/${'*/'.repeat(depth)}*.{ts,tsx}`;
  const patterns = [
    {
      regex: '^(?!d3-array$)[^.]',
      message: 'src/model imports no packages (but d3-array) or Node modules; it runs in Node, browsers and sobek.',
    },
    { regex: `^(\\.\\./){${depth}}\\.\\.(/|$)`, message: 'src/model imports nothing outside src/model.' },
  ];
  if (!tests) {
    patterns.push({ regex: '(^|/)testing(/|$)', message: 'only tests import src/model/testing.' });
  }
  return {
    name: `foresight/model-imports-depth-${depth}${tests ? '-tests' : ''}`,
    files: tests ? [files.replace('*.{ts,tsx}', '*.test.{ts,tsx}')] : [files],
    ...(tests ? {} : { ignores: ['**/*.test.{ts,tsx}'] }),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default [
  {
    name: 'foresight/ignores',
    ignores: [
      'dist/',
      'out/',
      'coverage/',
      'bench/node_modules/',
      'bench/.venv/',
      'bench/results/',
      'pkg/engine/bundle/',
    ],
  },
  ...grafanaConfig,
  reactPlugin.configs.flat['jsx-runtime'],
  {
    name: 'foresight/files',
    files: [
      'src/**/*.{ts,tsx}',
      'bench/**/*.{ts,tsx}',
      'scripts/**/*.{ts,mjs}',
      'tests/**/*.{ts,tsx}',
      '.config/**/*.{ts,tsx,js}',
      '*.{ts,js,mjs}',
    ],
    languageOptions: { ecmaVersion: 2022 },
    rules: {
      // `import type` beside a value import from the same module is the isolatedModules idiom, not a duplicate.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  ...MODEL_FOLDER_DEPTHS.flatMap((depth) => [modelImportBoundary(depth, false), modelImportBoundary(depth, true)]),
  {
    // findBy*/waitFor poll against a one-second wall-clock window, which a loaded machine misses: settle() instead.
    name: 'foresight/tests-without-time',
    files: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^find(All)?By/]',
          message: 'findBy* races a wall-clock timeout; await settle() (src/test-utils/settle.ts), then getBy*.',
        },
        {
          selector: "CallExpression[callee.name='waitFor']",
          message: 'waitFor races a wall-clock timeout; await settle() (src/test-utils/settle.ts), then assert.',
        },
      ],
    },
  },
  {
    name: 'foresight/commonjs-configs',
    files: ['*.js', '.config/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettierConfig,
];
